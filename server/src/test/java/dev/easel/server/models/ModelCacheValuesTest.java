package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the models feature puts in the read cache survives JSON, as the Redis implementation stores it. */
class ModelCacheValuesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ModelSummary SUMMARY = new ModelSummary(
            "AAAAAAAAAAAAAAAAAAAAAA",
            "Name <b>",
            "name",
            3,
            "ann",
            "Checkpoint",
            "SD 1.5",
            List.of("a", "b"),
            true,
            false,
            4,
            5,
            2,
            3.5,
            Instant.parse("2026-12-01T08:00:00.123Z"));

    @Test
    void listPagesRoundTrip() {
        ModelListPage page = new ModelListPage(List.of(SUMMARY), "cursor");
        assertThat(JSON.readValue(JSON.writeValueAsString(page), ModelListPage.class))
                .isEqualTo(page);
    }

    @Test
    void modelPagesRoundTrip() {
        VersionView version = new VersionView(
                "BBBBBBBBBBBBBBBBBBBBBB",
                "v1",
                "v1",
                "PUBLISHED",
                "name@v1",
                List.of("word"),
                "a".repeat(64),
                "b".repeat(64),
                10,
                20,
                1,
                Instant.parse("2026-12-01T07:00:00Z"),
                null,
                "/download",
                List.of(new VersionView.FileView("unet/model.onnx", 5, "c".repeat(64), "/files/unet/model.onnx")),
                List.of(new VersionView.ImageView("d".repeat(64), "image/png", 7, "/images/0")));
        ModelDetail detail = new ModelDetail(
                SUMMARY,
                "about",
                false,
                Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"),
                List.of(version));
        assertThat(JSON.readValue(JSON.writeValueAsString(detail), ModelDetail.class))
                .isEqualTo(detail);
    }
}
