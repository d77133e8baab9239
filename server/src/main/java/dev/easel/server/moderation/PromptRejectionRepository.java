package dev.easel.server.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Rejected prompts, in table {@code prompt_rejections}. */
@Repository
class PromptRejectionRepository {
    private final JdbcClient jdbc;

    PromptRejectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PromptRejection insert(long userId, String prompt, String negativePrompt, String reason, Instant createdAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into prompt_rejections (user_id, prompt, negative_prompt, reason, created_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(userId, prompt, negativePrompt, reason, Timestamp.from(createdAt))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return new PromptRejection(id, userId, prompt, negativePrompt, reason, createdAt);
    }

    /** The newest rejections first. */
    List<PromptRejection> recent(int limit) {
        return jdbc.sql("select id, user_id, prompt, negative_prompt, reason, created_at from prompt_rejections"
                        + " order by created_at desc, id desc fetch first " + limit + " rows only")
                .query(PromptRejectionRepository::row)
                .list();
    }

    /** Newest first (ids only grow), starting below {@code beforeId} when given: a keyset page for moderators. */
    List<PromptRejection> page(Long beforeId, int limit) {
        return jdbc.sql("select id, user_id, prompt, negative_prompt, reason, created_at from prompt_rejections"
                        + (beforeId == null ? "" : " where id < ?") + " order by id desc fetch first " + limit
                        + " rows only")
                .params(beforeId == null ? List.of() : List.of(beforeId))
                .query(PromptRejectionRepository::row)
                .list();
    }

    private static PromptRejection row(ResultSet rs, int rowNum) throws SQLException {
        return new PromptRejection(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("prompt"),
                rs.getString("negative_prompt"),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
