package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * TEST DATA ONLY: two search sources over in-memory documents, standing in for feature sources in the index's own
 * tests. They use kinds (images, comments) that no feature indexes, so they never clash with the real sources. Texts
 * are the kind of thing the site holds: English and Chinese prompts, model descriptions, tags.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestSearchSources {
    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    private final Listed images = new Listed(ContentKind.IMAGE);
    private final Listed comments = new Listed(ContentKind.COMMENT);

    TestSearchSources() {
        seed(images, comments);
    }

    @Bean
    Listed testImages() {
        return images;
    }

    @Bean
    Listed testComments() {
        return comments;
    }

    /** The items exist before the application is ready, so the startup build is what indexes them. */
    private static void seed(Listed images, Listed comments) {
        images.put(new Doc(ContentKind.IMAGE, "i-fox")
                .title("Watercolor fox in a misty forest")
                .text("a red fox, watercolor painting, soft light, misty pine forest, highly detailed")
                .tags("watercolor", "animal")
                .model("LoRA", "SD 1.5")
                .counts(40, 120)
                .minutesAfterT0(1)
                .build());
        images.put(new Doc(ContentKind.IMAGE, "i-city")
                .title("Neon city at night")
                .text("cyberpunk street in the rain, neon signs reflecting on wet asphalt")
                .tags("cyberpunk", "city")
                .model("Checkpoint", "SDXL")
                .counts(90, 30)
                .minutesAfterT0(2)
                .build());
        images.put(new Doc(ContentKind.IMAGE, "i-cat")
                .title("水彩画的猫")
                .text("一只可爱的猫咪坐在窗台上，水彩风格，柔和的光线")
                .tags("水彩", "猫")
                .model("LoRA", "SDXL")
                .counts(15, 500)
                .minutesAfterT0(3)
                .build());
        images.put(new Doc(ContentKind.IMAGE, "i-lake")
                .title("Mountain lake")
                .text("A quiet alpine lake at dawn. The water is still and mirrors the snowy peaks behind it; a"
                        + " wooden boat rests near the shore, and low clouds drift across the ridge. Pines frame the"
                        + " left side of the picture and a narrow trail winds down toward the water. The light is"
                        + " cold and blue, turning to gold where the sun reaches the summit. Painted loosely in"
                        + " watercolor on rough paper, with visible granulation in the sky and soft edges on the"
                        + " distant hills. Prompt weights were kept low so the scene stays calm and open.")
                .tags("landscape")
                .counts(5, 0)
                .minutesAfterT0(4)
                .build());
        images.put(new Doc(ContentKind.IMAGE, "i-figure")
                .title("Watercolor figure study")
                .text("figure drawing, watercolor")
                .tags("watercolor", "figure")
                .nsfw(NsfwLevel.R)
                .counts(200, 0)
                .minutesAfterT0(5)
                .build());
        images.put(new Doc(ContentKind.IMAGE, "i-sakura")
                .title("桜の風景")
                .text("満開の桜と富士山、浮世絵風")
                .tags("桜")
                .counts(7, 0)
                .minutesAfterT0(6)
                .build());
        images.put(new Doc(ContentKind.IMAGE, "i-explicit")
                .title("Explicit watercolor")
                .text("watercolor")
                .nsfw(NsfwLevel.X)
                .counts(1, 0)
                .minutesAfterT0(7)
                .build());
        comments.put(new Doc(ContentKind.COMMENT, "c-1")
                .title("Great watercolor work")
                .text("love the brushwork on this watercolor fox")
                .counts(3, 0)
                .minutesAfterT0(8)
                .build());
        comments.put(new Doc(ContentKind.COMMENT, "c-2")
                .title("Which sampler?")
                .text("which sampler and how many steps did you use for the paintings?")
                .minutesAfterT0(9)
                .build());
    }

    /** A source whose listed items the test sets; it fails on ids in {@link #failing}, like a broken database read. */
    static class Listed implements SearchSource {
        private final ContentKind kind;
        final Map<String, SearchDocument> items = new ConcurrentHashMap<>();
        final Set<String> failing = ConcurrentHashMap.newKeySet();

        Listed(ContentKind kind) {
            this.kind = kind;
        }

        @Override
        public ContentKind kind() {
            return kind;
        }

        @Override
        public List<SearchDocument> all() {
            return List.copyOf(items.values());
        }

        @Override
        public Optional<SearchDocument> document(String id) {
            if (failing.contains(id)) {
                throw new IllegalStateException("test source cannot read " + id);
            }
            return Optional.ofNullable(items.get(id));
        }

        void put(SearchDocument document) {
            items.put(document.id(), document);
        }
    }

    /** Builds a test document; unset fields are empty, PG, zero counts, published at {@link #T0}. */
    static final class Doc {
        private final ContentKind kind;
        private final String id;
        private String title = "";
        private String text = "";
        private List<String> tags = List.of();
        private String modelType;
        private String baseModel;
        private NsfwLevel nsfw = NsfwLevel.PG;
        private long likes;
        private long downloads;
        private Instant createdAt = T0;

        Doc(ContentKind kind, String id) {
            this.kind = kind;
            this.id = id;
        }

        Doc title(String value) {
            title = value;
            return this;
        }

        Doc text(String value) {
            text = value;
            return this;
        }

        Doc tags(String... values) {
            tags = List.of(values);
            return this;
        }

        Doc model(String type, String base) {
            modelType = type;
            baseModel = base;
            return this;
        }

        Doc nsfw(NsfwLevel value) {
            nsfw = value;
            return this;
        }

        Doc counts(long likeCount, long downloadCount) {
            likes = likeCount;
            downloads = downloadCount;
            return this;
        }

        Doc minutesAfterT0(int minutes) {
            createdAt = T0.plusSeconds(60L * minutes);
            return this;
        }

        SearchDocument build() {
            return new SearchDocument(
                    kind, id, title, text, tags, modelType, baseModel, nsfw, likes, downloads, createdAt);
        }
    }
}
