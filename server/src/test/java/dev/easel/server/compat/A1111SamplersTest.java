package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import org.junit.jupiter.api.Test;

class A1111SamplersTest {

    @Test
    void everyListedNameAndAliasNamesItsSampler() {
        assertThat(A1111Samplers.all()).hasSize(Sampler.values().length);
        for (A1111Samplers.Entry entry : A1111Samplers.all()) {
            Sampler expected = Sampler.fromName(entry.name());
            assertThat(expected.displayName()).isEqualTo(entry.name());
            assertThat(A1111Samplers.resolve(entry.name(), null, null)).isEqualTo(expected);
            for (String alias : entry.aliases()) {
                assertThat(A1111Samplers.resolve(alias, null, null)).as(alias).isEqualTo(expected);
                assertThat(A1111Samplers.resolve(alias.toUpperCase(java.util.Locale.ROOT), null, null))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void samplerIndexIsUsedOnlyWithoutSamplerName() {
        assertThat(A1111Samplers.resolve(null, "DDIM", null)).isEqualTo(Sampler.DDIM);
        assertThat(A1111Samplers.resolve("  ", "DDIM", null)).isEqualTo(Sampler.DDIM);
        assertThat(A1111Samplers.resolve("LCM", "DDIM", null)).isEqualTo(Sampler.LCM);
    }

    @Test
    void theKarrasSchedulerTurnsDpmPlusPlus2mIntoItsKarrasVariant() {
        assertThat(A1111Samplers.resolve("DPM++ 2M", "Euler", "Karras")).isEqualTo(Sampler.DPMPP_2M_KARRAS);
        assertThat(A1111Samplers.resolve("DPM++ 2M", "Euler", "karras")).isEqualTo(Sampler.DPMPP_2M_KARRAS);
        assertThat(A1111Samplers.resolve("DPM++ 2M", "Euler", "Automatic")).isEqualTo(Sampler.DPMPP_2M);
        assertThatThrownBy(() -> A1111Samplers.resolve("Euler", "Euler", "Karras"))
                .isInstanceOf(FieldException.class)
                .hasMessageContaining("scheduler");
        assertThatThrownBy(() -> A1111Samplers.resolve("DPM++ 2M", "Euler", "exponential"))
                .isInstanceOf(FieldException.class);
    }

    @Test
    void unknownSamplersAreNotFoundNamingTheField() {
        assertThatThrownBy(() -> A1111Samplers.resolve("Heun", null, null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("sampler_name")
                .hasMessageContaining("Euler a");
        assertThatThrownBy(() -> A1111Samplers.resolve(null, "Heun", null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("sampler_index");
    }
}
