package dev.easel.server.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The benchmark's data set, written with plain SQL into the real, migrated schema (faster than 10k uploads): users,
 * published models with one version and tags, public posts with one image each, made with one of the models. Fixed
 * seed, so every run sees the same data.
 */
final class CommunitySeed {
    static final String[] TAGS = {"portrait", "landscape", "anime", "photo", "pixel", "emoji", "fantasy", "sci-fi"};

    /** What was written, for building request URLs. */
    record Seeded(List<String> usernames, List<String> modelNames) {}

    private final Random random = new Random(20261201);
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    Seeded write(DataSource dataSource, int users, int models, int posts) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (count(connection, "select count(*) from users where username like 'bench-%'") == 0) {
                List<Long> userIds = users(connection, users);
                // Features whose tables are not in this build yet are left out (their endpoints are skipped).
                if (exists(connection, "models")) {
                    models(connection, userIds, models);
                }
                if (exists(connection, "posts")) {
                    posts(connection, userIds, modelNames(models), posts);
                }
                connection.commit();
            }
            return new Seeded(
                    names(connection, "select username from users where username like 'bench-%' order by username"),
                    modelNames(models));
        }
    }

    private List<Long> users(Connection connection, int users) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into users (username, display_name, password_hash, role, created_at) values (?, ?, null, 'USER', ?)")) {
            for (int i = 0; i < users; i++) {
                insert.setString(1, "bench-%04d".formatted(i));
                insert.setString(2, "Bench user " + i);
                insert.setTimestamp(3, at(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<Long> ids = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows =
                        select.executeQuery("select id from users where username like 'bench-%' order by id")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private void models(Connection connection, List<Long> userIds, int models) throws SQLException {
        String[] baseModels = {"SD_1_5", "SD_2_1", "SDXL", "SD_TURBO", "LCM"};
        try (PreparedStatement model = connection.prepareStatement(
                        "insert into models (id, owner_id, owner_name, name,"
                                + " slug, description, model_type, base_model, allow_commercial_use, allow_derivatives,"
                                + " created_at, updated_at, published_ms, like_count, download_count, review_count,"
                                + " rating_milli) values (?, ?, ?, ?, ?, ?, 'CHECKPOINT', ?, true, true, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement version = connection.prepareStatement("insert into model_versions (id, model_id,"
                        + " name, slug, trained_words, sha256, archive_sha256, archive_bytes, total_bytes, created_at,"
                        + " published_ms, download_count) values (?, ?, 'v1', 'v1', '', ?, ?, 1000, 2000, ?, ?, ?)");
                PreparedStatement tag = connection.prepareStatement(
                        "insert into model_tags (model_id, tag, position) values (?, ?, ?)")) {
            for (int i = 0; i < models; i++) {
                String id = "benchmodel%012d".formatted(i);
                String name = modelName(i);
                int owner = random.nextInt(userIds.size());
                long downloads = random.nextInt(100_000);
                Timestamp created = at(i * 7L);
                model.setString(1, id);
                model.setLong(2, userIds.get(owner));
                model.setString(3, "bench-%04d".formatted(owner));
                model.setString(4, name);
                model.setString(5, name);
                model.setString(6, "A benchmark model, number " + i + ", for portraits and landscapes.");
                model.setString(7, baseModels[i % baseModels.length]);
                model.setTimestamp(8, created);
                model.setTimestamp(9, created);
                model.setLong(10, created.getTime());
                model.setLong(11, random.nextInt(5_000));
                model.setLong(12, downloads);
                model.setLong(13, random.nextInt(50));
                model.setLong(14, 1000 + random.nextInt(4000));
                model.addBatch();
                version.setString(1, "benchversion%010d".formatted(i));
                version.setString(2, id);
                version.setString(3, sha(i));
                version.setString(4, sha(i + 1_000_000));
                version.setTimestamp(5, created);
                version.setLong(6, created.getTime());
                version.setLong(7, downloads);
                version.addBatch();
                for (int t = 0; t < 3; t++) {
                    tag.setString(1, id);
                    tag.setString(2, TAGS[(i + t * 3) % TAGS.length]);
                    tag.setInt(3, t);
                    tag.addBatch();
                }
            }
            model.executeBatch();
            version.executeBatch();
            tag.executeBatch();
        }
    }

    private void posts(Connection connection, List<Long> userIds, List<String> modelNames, int posts)
            throws SQLException {
        try (PreparedStatement post = connection.prepareStatement("insert into posts (id, owner_id, title, caption,"
                        + " visibility, hidden, like_count, nsfw_rank, created_at, updated_at)"
                        + " values (?, ?, ?, ?, 'PUBLIC', false, ?, 0, ?, ?)");
                PreparedStatement image = connection.prepareStatement("insert into post_images (id, post_id, position,"
                        + " blob_sha256, media_type, width, height, nsfw_level, flagged, prompt, seed, steps,"
                        + " cfg_scale, sampler, model) values (?, ?, 0, ?, 'image/png', 64, 64, 'PG', false, ?, ?, 20,"
                        + " 7.0, 'Euler a', ?)");
                PreparedStatement madeWith = connection.prepareStatement(
                        "insert into post_models (model, post_id, created_at) values (?, ?, ?)")) {
            for (int i = 0; i < posts; i++) {
                String id = "benchpost%013d".formatted(i);
                String model = modelNames.get(random.nextInt(modelNames.size()));
                Timestamp created = at(i * 60L);
                post.setString(1, id);
                post.setLong(2, userIds.get(i % userIds.size()));
                post.setString(3, "Benchmark post " + i);
                post.setString(4, "A " + TAGS[i % TAGS.length] + " made on the benchmark machine.");
                post.setLong(5, random.nextInt(1_000));
                post.setTimestamp(6, created);
                post.setTimestamp(7, created);
                post.addBatch();
                image.setString(1, "benchimage%012d".formatted(i));
                image.setString(2, id);
                image.setString(3, sha(i + 2_000_000));
                image.setString(4, "a " + TAGS[i % TAGS.length] + " of a red heart, detailed");
                image.setLong(5, i);
                image.setString(6, model);
                image.addBatch();
                madeWith.setString(1, model);
                madeWith.setString(2, id);
                madeWith.setTimestamp(3, created);
                madeWith.addBatch();
                if (i % 1000 == 999) {
                    post.executeBatch();
                    image.executeBatch();
                    madeWith.executeBatch();
                }
            }
            post.executeBatch();
            image.executeBatch();
            madeWith.executeBatch();
        }
    }

    private static String modelName(int i) {
        return "bench-model-%04d".formatted(i);
    }

    private static List<String> modelNames(int models) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            names.add(modelName(i));
        }
        return names;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), null)) {
            return tables.next();
        }
    }

    private Timestamp at(long minutes) {
        return Timestamp.from(start.plusSeconds(minutes * 60));
    }

    private static String sha(long n) {
        return "%064x".formatted(n);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
