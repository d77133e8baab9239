package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.api.RandomIds;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The models feature's SQL on the embedded default (H2) and on PostgreSQL. */
class ModelRepositoriesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00.123Z");

    private record Setup(
            JdbcClient jdbc, ModelRepository models, VersionRepository versions, ReviewRepository reviews) {
        long user(String name) {
            jdbc.sql("insert into users (username, display_name, role, created_at) values (?, ?, 'USER', ?)")
                    .params(name, name, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC))
                    .update();
            return jdbc.sql("select id from users where username = ?")
                    .param(name)
                    .query(Long.class)
                    .single();
        }
    }

    private static Setup setup(Kind kind) {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.create(kind));
        return new Setup(jdbc, new ModelRepository(jdbc), new VersionRepository(jdbc), new ReviewRepository(jdbc));
    }

    private static ModelRow model(long owner, String name, BaseModel base, List<String> tags) {
        return new ModelRow(
                RandomIds.next(),
                owner,
                "owner",
                name,
                ModelFields.slug(name, "m"),
                "about " + name,
                ModelType.CHECKPOINT,
                base,
                true,
                false,
                false,
                NOW,
                NOW,
                null,
                0,
                0,
                0,
                0,
                tags);
    }

    private static VersionRow version(String modelId, String slug, String archive) {
        return new VersionRow(
                RandomIds.next(),
                modelId,
                slug,
                slug,
                List.of("word one", "word two"),
                "f".repeat(64),
                archive,
                10,
                20,
                NOW,
                null,
                0);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void modelsVersionsFilesAndImagesRoundTrip(Kind kind) {
        Setup db = setup(kind);
        long owner = db.user("ann");
        ModelRow model = model(owner, "First Model", BaseModel.SDXL, List.of("b", "a"));
        db.models().insert(model);
        VersionRow version = version(model.id(), "v1", "1".repeat(64));
        db.versions()
                .insert(
                        version,
                        List.of(new ModelFileRow(version.id(), "unet/model.onnx", "2".repeat(64), 5)),
                        List.of(new SampleImageRow(version.id(), 0, "3".repeat(64), "image/png", 7)));

        ModelRow found = db.models().find(model.id()).orElseThrow();
        assertThat(found).isEqualTo(model);
        assertThat(db.versions().find(model.id(), version.id())).contains(version);
        assertThat(db.versions().find("other-model-id-000000", version.id())).isEmpty();
        assertThat(db.versions().files(List.of(version.id())))
                .containsExactly(new ModelFileRow(version.id(), "unet/model.onnx", "2".repeat(64), 5));
        assertThat(db.versions().images(List.of(version.id())))
                .containsExactly(new SampleImageRow(version.id(), 0, "3".repeat(64), "image/png", 7));
        for (String sha : List.of("1", "2", "3")) {
            assertThat(db.versions().referenced(sha.repeat(64))).isTrue();
        }
        assertThat(db.versions().referenced("4".repeat(64))).isFalse();
        assertThat(db.models().slugTaken("first-model")).isTrue();
        assertThatThrownBy(() -> db.models().insert(model(owner, "First Model", BaseModel.SDXL, List.of())))
                .isInstanceOf(DuplicateKeyException.class);

        db.versions().delete(version.id());
        db.models().delete(model.id());
        assertThat(db.versions().referenced("2".repeat(64))).isFalse();
        assertThat(db.models().find(model.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pagesListOnlyPublishedUnhiddenModelsInKeysetOrderWithFilters(Kind kind) {
        Setup db = setup(kind);
        long owner = db.user("ann");
        List<ModelRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ModelRow model = model(
                    owner,
                    "Model " + i,
                    i % 2 == 0 ? BaseModel.SD_1_5 : BaseModel.LCM,
                    List.of(i < 3 ? "low" : "high"));
            db.models().insert(model);
            VersionRow version = version(model.id(), "v1", Integer.toString(i).repeat(64));
            db.versions().insert(version, List.of(), List.of());
            if (i != 4) {
                db.versions().publish(version.id(), 1_000 + i);
            }
            for (int d = 0; d < i % 3; d++) {
                db.versions().addDownload(version.id());
            }
            db.models().refreshStats(model.id());
            rows.add(model);
        }
        db.models().setLikeCount(rows.get(0).id(), 9);
        db.models().setHidden(rows.get(3).id(), true);

        List<String> newest = ids(db.models().page(query(ModelSort.NEWEST, null, null, null, 10)));
        assertThat(newest)
                .containsExactly(rows.get(2).id(), rows.get(1).id(), rows.get(0).id());

        // downloads: model 2 has 2, model 1 has 1, model 0 none.
        List<ModelRow> first = db.models().page(query(ModelSort.MOST_DOWNLOADED, null, null, null, 1));
        assertThat(first).hasSize(2).first().extracting(ModelRow::downloadCount).isEqualTo(2L);
        ModelRow last = first.get(0);
        ModelQuery.Position after = new ModelQuery.Position(last.downloadCount(), last.id());
        ModelQuery next = new ModelQuery(ModelSort.MOST_DOWNLOADED, null, null, null, null, after, 5);
        assertThat(ids(db.models().page(next)))
                .containsExactly(rows.get(1).id(), rows.get(0).id());

        assertThat(ids(db.models().page(query(ModelSort.MOST_LIKED, null, null, null, 1)))
                        .get(0))
                .isEqualTo(rows.get(0).id());
        assertThat(ids(db.models().page(query(ModelSort.NEWEST, null, BaseModel.LCM, null, 10))))
                .containsExactly(rows.get(1).id());
        assertThat(ids(db.models().page(query(ModelSort.NEWEST, ModelType.CHECKPOINT, null, "low", 10))))
                .containsExactly(rows.get(2).id(), rows.get(1).id(), rows.get(0).id());
        assertThat(db.models().page(query(ModelSort.NEWEST, null, null, "high", 10)))
                .as("model 3 is hidden, model 4 a draft")
                .isEmpty();
        assertThat(db.models()
                        .page(query(ModelSort.NEWEST, null, null, "low", 10))
                        .get(0)
                        .tags())
                .containsExactly("low");
        assertThat(ids(db.models().allListed())).hasSize(3);
        assertThat(db.models().find(rows.get(0).id()).orElseThrow().publishedMs())
                .isEqualTo(1_000L);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reviewsAreOnePerUserAndVersionAndFeedTheModelsStats(Kind kind) {
        Setup db = setup(kind);
        long owner = db.user("ann");
        long bob = db.user("bob");
        long cid = db.user("cid");
        ModelRow model = model(owner, "Reviewed", BaseModel.OTHER, List.of());
        db.models().insert(model);
        VersionRow version = version(model.id(), "v1", "1".repeat(64));
        db.versions().insert(version, List.of(), List.of());

        assertThat(db.reviews().upsert(review(model, version, bob, 1, "bad"))).isTrue();
        assertThat(db.reviews().upsert(review(model, version, bob, 4, "good after all")))
                .isFalse();
        assertThat(db.reviews().upsert(review(model, version, cid, 3, ""))).isTrue();
        db.models().refreshStats(model.id());

        ModelRow stats = db.models().find(model.id()).orElseThrow();
        assertThat(stats.reviewCount()).isEqualTo(2);
        assertThat(stats.ratingMilli()).isEqualTo(3500);
        assertThat(db.reviews().find(version.id(), bob).orElseThrow().text()).isEqualTo("good after all");
        List<ReviewView> page = db.reviews().page(version.id(), null, 1);
        assertThat(page).extracting(ReviewView::userId).containsExactly(cid);
        assertThat(db.reviews().page(version.id(), page.get(0).id(), 5))
                .extracting(ReviewView::userId)
                .containsExactly(bob);
    }

    private static ReviewView review(ModelRow model, VersionRow version, long user, int rating, String text) {
        return new ReviewView(0, model.id(), version.id(), user, "u" + user, rating, text, NOW, NOW);
    }

    private static ModelQuery query(ModelSort sort, ModelType type, BaseModel base, String tag, int limit) {
        return new ModelQuery(sort, type, base, tag, null, null, limit);
    }

    private static List<String> ids(List<ModelRow> rows) {
        return rows.stream().map(ModelRow::id).toList();
    }
}
