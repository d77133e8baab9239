package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.api.FieldException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class JsonFieldsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonFields fields(String json) {
        return new JsonFields((ObjectNode) JSON.readTree(json));
    }

    @Test
    void integersMayBeWrittenWithAZeroFractionButNotWithAnyOther() {
        assertThat(fields("{\"n\": 20}").integer("n")).isEqualTo(20);
        assertThat(fields("{\"n\": 20.0}").integer("n")).isEqualTo(20);
        assertThatThrownBy(() -> fields("{\"n\": 20.5}").integer("n"))
                .isInstanceOf(WrongTypeException.class)
                .hasMessage("n: expected an integer, got a fractional number");
        assertThatThrownBy(() -> fields("{\"n\": \"20\"}").integer("n"))
                .isInstanceOf(WrongTypeException.class)
                .hasMessage("n: expected an integer, got a string");
    }

    @Test
    void numbersBeyondTheJavaTypeAreOutOfRangeNotWrongType() {
        assertThatThrownBy(() -> fields("{\"n\": 3000000000}").integer("n"))
                .isInstanceOf(FieldException.class)
                .isNotInstanceOf(WrongTypeException.class)
                .hasMessageContaining("out of range");
        assertThat(fields("{\"seed\": 3000000000}").longInteger("seed")).isEqualTo(3_000_000_000L);
        assertThatThrownBy(() -> fields("{\"seed\": 1e30}").longInteger("seed")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> fields("{\"x\": 1e400}").number("x")).hasMessageContaining("out of range");
    }

    @Test
    void absentAndNullBothMeanNotGiven() {
        JsonFields f = fields("{\"a\": null}");
        assertThat(f.string("a")).isNull();
        assertThat(f.integer("b")).isNull();
        assertThat(f.has("a")).isFalse();
    }

    @Test
    void nestedFieldsAreNamedWithTheirPath() {
        JsonFields overrides =
                fields("{\"override_settings\": {\"sd_model_checkpoint\": 5}}").object("override_settings");
        assertThatThrownBy(() -> overrides.string("sd_model_checkpoint"))
                .isInstanceOf(WrongTypeException.class)
                .hasMessageStartingWith("override_settings.sd_model_checkpoint: expected a string");
        assertThatThrownBy(() -> fields("{\"init_images\": [\"a\", 3]}").strings("init_images"))
                .hasMessageStartingWith("init_images[1]: expected a string, got a number");
    }
}
