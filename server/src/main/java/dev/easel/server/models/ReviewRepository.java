package dev.easel.server.models;

import static dev.easel.server.models.ModelRepository.instant;
import static dev.easel.server.models.ModelRepository.time;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code model_reviews} table. */
@Repository
class ReviewRepository {
    private static final String COLUMNS =
            "id, model_id, version_id, user_id, user_name, rating, body, created_at, updated_at";

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the user's review of the version, replacing theirs if they wrote one before.
     *
     * @return whether it is new
     */
    boolean upsert(ReviewView review) {
        int updated = jdbc.sql("update model_reviews set rating = ?, body = ?, updated_at = ?"
                        + " where version_id = ? and user_id = ?")
                .params(review.rating(), review.text(), time(review.updatedAt()), review.versionId(), review.userId())
                .update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("insert into model_reviews (model_id, version_id, user_id, user_name, rating, body, created_at,"
                        + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        review.modelId(),
                        review.versionId(),
                        review.userId(),
                        review.userName(),
                        review.rating(),
                        review.text(),
                        time(review.createdAt()),
                        time(review.updatedAt()))
                .update();
        return true;
    }

    Optional<ReviewView> find(String versionId, long userId) {
        return jdbc.sql("select " + COLUMNS + " from model_reviews where version_id = ? and user_id = ?")
                .params(versionId, userId)
                .query(ReviewRepository::row)
                .optional();
    }

    /** Newest first, after the review id {@code beforeId} (null for the first page); at most {@code limit}. */
    List<ReviewView> page(String versionId, Long beforeId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from model_reviews where version_id = ? and id < ?"
                        + " order by id desc fetch first " + limit + " rows only")
                .params(versionId, beforeId == null ? Long.MAX_VALUE : beforeId)
                .query(ReviewRepository::row)
                .list();
    }

    void deleteOfModel(String modelId) {
        jdbc.sql("delete from model_reviews where model_id = ?").param(modelId).update();
    }

    private static ReviewView row(ResultSet rs, int row) throws SQLException {
        Instant created = instant(rs, "created_at");
        return new ReviewView(
                rs.getLong("id"),
                rs.getString("model_id"),
                rs.getString("version_id"),
                rs.getLong("user_id"),
                rs.getString("user_name"),
                rs.getInt("rating"),
                rs.getString("body"),
                created,
                instant(rs, "updated_at"));
    }
}
