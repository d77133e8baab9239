package dev.easel.server.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.NsfwLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safety checker's flag raises an image to at least R, whatever its author said. */
class StoredImageTest {
    @ParameterizedTest
    @CsvSource({"PG,false,PG", "PG13,false,PG13", "PG,true,R", "PG13,true,R", "R,true,R", "X,true,X", "X,false,X"})
    void flaggedImagesAreAtLeastR(NsfwLevel author, boolean flagged, NsfwLevel shown) {
        StoredImage image = new StoredImage(
                "i", "p", 0, "h", "image/png", 1, 1, author, flagged, false, 0, null, GenerationParameters.NONE);
        assertThat(image.effectiveNsfw()).isEqualTo(shown);
    }
}
