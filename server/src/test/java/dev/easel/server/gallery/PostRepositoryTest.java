package dev.easel.server.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.api.RandomIds;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.gallery.PostQuery.Order;
import dev.easel.server.gallery.PostRepository.PostRow;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The gallery's SQL on the embedded default (H2) and on PostgreSQL: lists, keyset cursors, filters and updates. */
class PostRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

    private static PostRepository repository(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (String name : List.of("ann", "bob")) {
            jdbc.sql("insert into users (username, display_name, role, created_at) values (?, ?, 'USER', ?)")
                    .params(name, name, Timestamp.from(T0))
                    .update();
        }
        return new PostRepository(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static String insert(
            PostRepository posts, long owner, Visibility visibility, int minute, String model, NsfwLevel nsfw) {
        String id = RandomIds.next();
        Instant at = T0.plus(minute, ChronoUnit.MINUTES);
        GenerationParameters parameters = new GenerationParameters("p", "n", 1L, 2, 7.0, "Euler", model, "p\nSteps: 2");
        StoredImage image = new StoredImage(
                RandomIds.next(), id, 0, "a".repeat(64), "image/png", 8, 8, nsfw, false, false, 0, null, parameters);
        posts.insert(new PostRow(id, owner, "t" + minute, "c", visibility, false, 0, at, at), List.of(image));
        return id;
    }

    private static PostQuery query(Order order, PostCursor after, int limit) {
        return new PostQuery(order, null, null, null, false, null, after, limit);
    }

    private static PostCursor cursorAfter(PostRow row) {
        return new PostCursor(row.likeCount(), row.createdAt(), row.id());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void newestAndMostLikedPagesFollowTheirCursors(Kind kind) {
        PostRepository posts = repository(TestDatabases.create(kind));
        String a = insert(posts, 1, Visibility.PUBLIC, 1, "m1", NsfwLevel.PG);
        String b = insert(posts, 1, Visibility.PUBLIC, 2, "m1", NsfwLevel.PG);
        String c = insert(posts, 2, Visibility.PUBLIC, 3, null, NsfwLevel.PG);
        insert(posts, 1, Visibility.PRIVATE, 4, "m1", NsfwLevel.PG);
        insert(posts, 1, Visibility.UNLISTED, 5, "m1", NsfwLevel.PG);

        List<PostRow> first = posts.list(query(Order.NEWEST, null, 2));
        assertThat(first).extracting(PostRow::id).containsExactly(c, b, a);
        assertThat(first.getFirst().createdAt()).isEqualTo(T0.plus(3, ChronoUnit.MINUTES));
        assertThat(posts.list(query(Order.NEWEST, cursorAfter(first.get(1)), 2)))
                .extracting(PostRow::id)
                .containsExactly(a);

        posts.setPostLikes(a, 5);
        posts.setPostLikes(c, 5);
        posts.setPostLikes(b, 9);
        List<PostRow> liked = posts.list(query(Order.MOST_LIKED, null, 10));
        assertThat(liked).extracting(PostRow::id).containsExactly(b, c, a);
        assertThat(posts.list(query(Order.MOST_LIKED, cursorAfter(liked.get(1)), 10)))
                .extracting(PostRow::id)
                .containsExactly(a);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void filtersByOwnerAuthorsModelAndNsfwRank(Kind kind) {
        PostRepository posts = repository(TestDatabases.create(kind));
        String a = insert(posts, 1, Visibility.PUBLIC, 1, "m1", NsfwLevel.PG);
        String b = insert(posts, 2, Visibility.PUBLIC, 2, "m2", NsfwLevel.R);
        String hidden = insert(posts, 1, Visibility.PUBLIC, 3, "m1", NsfwLevel.PG);
        String secret = insert(posts, 1, Visibility.PRIVATE, 4, "m1", NsfwLevel.PG);
        assertThat(posts.setHidden(hidden, true)).isTrue();

        assertThat(posts.list(new PostQuery(Order.NEWEST, 1L, null, null, false, null, null, 10)))
                .extracting(PostRow::id)
                .containsExactly(a);
        assertThat(posts.list(new PostQuery(Order.NEWEST, 1L, null, null, true, null, null, 10)))
                .extracting(PostRow::id)
                .containsExactly(secret, hidden, a);
        assertThat(posts.list(new PostQuery(Order.NEWEST, null, List.of(1L, 2L), null, false, null, null, 10)))
                .extracting(PostRow::id)
                .containsExactly(b, a);
        String older = insert(posts, 2, Visibility.PUBLIC, 0, "m1", NsfwLevel.PG);
        List<PostRow> byModel = posts.list(new PostQuery(Order.NEWEST, null, null, "m1", false, null, null, 1));
        assertThat(byModel)
                .as("one more than the limit")
                .extracting(PostRow::id)
                .containsExactly(a, older);
        assertThat(posts.list(
                        new PostQuery(Order.NEWEST, null, null, "m1", false, null, cursorAfter(byModel.get(0)), 10)))
                .extracting(PostRow::id)
                .containsExactly(older);
        assertThat(posts.list(new PostQuery(Order.NEWEST, null, null, null, false, 1, null, 10)))
                .as("PG13 viewers who hide rather than blur")
                .extracting(PostRow::id)
                .containsExactly(a, older);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void updatesKeepImagesRankAndCountsAndDeleteRemovesAll(Kind kind) {
        PostRepository posts = repository(TestDatabases.create(kind));
        String id = insert(posts, 1, Visibility.PUBLIC, 1, "m1", NsfwLevel.PG);
        StoredImage image = posts.images(List.of(id)).get(id).getFirst();
        assertThat(image.parameters().cfgScale()).isEqualTo(7.0);
        assertThat(image.parameters().seed()).isEqualTo(1L);
        assertThat(posts.postOfImage(image.id())).hasValue(id);

        PostRow row = posts.find(id).orElseThrow();
        Instant later = T0.plus(1, ChronoUnit.HOURS);
        posts.update(
                new PostRow(id, 1, "new title", "new caption", Visibility.UNLISTED, false, 0, row.createdAt(), later),
                Map.of(image.id(), NsfwLevel.X));
        PostRow updated = posts.find(id).orElseThrow();
        assertThat(updated.title()).isEqualTo("new title");
        assertThat(updated.visibility()).isEqualTo(Visibility.UNLISTED);
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(posts.images(List.of(id)).get(id).getFirst().nsfw()).isEqualTo(NsfwLevel.X);
        assertThat(posts.list(new PostQuery(Order.NEWEST, 1L, null, null, true, 2, null, 10)))
                .as("the rank follows the edited level")
                .isEmpty();

        posts.setImageLikes(image.id(), 4);
        assertThat(posts.setImageHidden(image.id(), true)).isTrue();
        StoredImage reread = posts.images(List.of(id)).get(id).getFirst();
        assertThat(reread.likeCount()).isEqualTo(4);
        assertThat(reread.hidden()).isTrue();

        posts.delete(id);
        assertThat(posts.find(id)).isEmpty();
        assertThat(posts.images(List.of(id))).isEmpty();
        assertThat(posts.list(new PostQuery(Order.NEWEST, null, null, "m1", true, null, null, 10)))
                .isEmpty();
        assertThat(posts.setHidden(id, true)).isFalse();
    }

    /** Every list order is an index scan from the cursor on, with no sort of the whole table, deep pages included. */
    @Test
    void everyListOrderSeeksAnIndexOnPostgres() throws Exception {
        DataSource database = TestDatabases.create(Kind.POSTGRES);
        PostRepository posts = repository(database);
        for (int i = 0; i < 40; i++) {
            insert(posts, 1 + i % 2, i % 5 == 0 ? Visibility.PRIVATE : Visibility.PUBLIC, i, "m" + i % 3, NsfwLevel.PG);
        }
        PostCursor deep = new PostCursor(0, T0.plus(20, ChronoUnit.MINUTES), "M");
        Map<String, PostQuery> queries = Map.of(
                "posts_newest_idx", new PostQuery(Order.NEWEST, null, null, null, false, 1, deep, 20),
                "posts_liked_idx", new PostQuery(Order.MOST_LIKED, null, null, null, false, null, deep, 20),
                "posts_owner_idx", new PostQuery(Order.NEWEST, 1L, null, null, false, null, deep, 20),
                "post_models_newest_idx", new PostQuery(Order.NEWEST, null, null, "m1", false, null, deep, 20));
        try (Connection connection = database.getConnection()) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("analyze").update();
            // The table is small, so without this the planner would rightly prefer reading all of it.
            jdbc.sql("set enable_seqscan = off").update();
            for (Map.Entry<String, PostQuery> entry : queries.entrySet()) {
                PostRepository.ListSql list = posts.listSql(entry.getValue());
                String plan = String.join(
                        "\n",
                        jdbc.sql("explain " + list.sql())
                                .params(list.params())
                                .query(String.class)
                                .list());
                assertThat(plan).as(plan).contains(entry.getKey()).doesNotContain("Sort");
            }
        }
    }
}
