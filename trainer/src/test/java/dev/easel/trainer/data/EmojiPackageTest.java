package dev.easel.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmojiPackageTest {

    private static final String EMOJI_JSON = """
            [
              {"name": "WAVING HAND SIGN", "short_names": ["wave"], "category": "People & Body",
               "subcategory": "hand-fingers-open", "image": "1f44b.png", "has_img_google": true,
               "skin_variations": {
                 "1F3FB": {"image": "1f44b-1f3fb.png", "has_img_google": true},
                 "1F3FF": {"image": "1f44b-1f3ff.png", "has_img_google": false}
               }},
              {"name": "RED APPLE", "short_names": ["apple"], "category": "Food & Drink",
               "subcategory": "food-fruit", "image": "1f34e.png", "has_img_google": true},
              {"name": "NO GOOGLE IMAGE", "short_names": ["none"], "category": "Symbols",
               "subcategory": "other", "image": "0000.png", "has_img_google": false},
              {"name": "PEOPLE HOLDING HANDS", "short_names": ["people_holding_hands"], "category": "People & Body",
               "subcategory": "family", "image": "1f9d1.png", "has_img_google": true,
               "skin_variations": {"1F3FB-1F3FE": {"image": "1f9d1-mixed.png", "has_img_google": true}}}
            ]
            """;

    @Test
    void readsEveryImageWithAGoogleRenderingIncludingSkinToneVariants(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("emoji.json"), EMOJI_JSON);
        List<Emoji> emojis = EmojiPackage.read(dir);
        assertThat(emojis)
                .extracting(Emoji::image)
                .containsExactly("1f44b.png", "1f44b-1f3fb.png", "1f34e.png", "1f9d1.png", "1f9d1-mixed.png");
        assertThat(emojis.get(0).name()).isEqualTo("waving hand sign");
        assertThat(emojis.get(0).skinTones()).isEmpty();
        assertThat(emojis.get(1).skinTones()).containsExactly("light skin tone");
        assertThat(emojis.get(4).skinTones()).containsExactly("light skin tone", "medium-dark skin tone");
        assertThat(emojis.get(2).category()).isEqualTo("food & drink");
    }

    @Test
    void captionsNameTheEmojiOrASynonymAndAlwaysTheSkinTone() {
        Emoji wave = new Emoji(
                "waving hand sign",
                List.of("wave"),
                "people & body",
                "hand-fingers-open",
                List.of("dark skin tone"),
                "x.png");
        Random random = new Random(7);
        Set<String> captions = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String caption = CaptionGenerator.caption(wave, random);
            assertThat(caption).contains("dark skin tone");
            assertThat(caption.contains("waving hand sign") || caption.contains("wave"))
                    .isTrue();
            captions.add(caption);
        }
        // augmentation: frames, synonyms, extra descriptions in random subsets and orders
        assertThat(captions).hasSizeGreaterThan(20);
        assertThat(captions).anyMatch(c -> c.startsWith("an emoji of "));
        assertThat(captions).anyMatch(c -> c.contains("hand fingers open"));
        assertThat(captions).anyMatch(c -> c.startsWith("wave"));
    }

    @Test
    void identifiersBecomeWords() {
        assertThat(CaptionGenerator.words("people_holding_hands")).isEqualTo("people holding hands");
        assertThat(CaptionGenerator.words("face-smiling")).isEqualTo("face smiling");
    }
}
