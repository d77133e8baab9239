package dev.easel.server.compat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chosen_checkpoints} table: each user's own default model for A1111 calls. */
@Repository
class ChosenCheckpoints {
    private final JdbcClient jdbc;

    ChosenCheckpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(long userId) {
        return jdbc.sql("select model_name from chosen_checkpoints where user_id = ?")
                .param(userId)
                .query(String.class)
                .optional();
    }

    /** Update first, insert when there is no row; portable where H2 and PostgreSQL spell upserts differently. */
    void choose(long userId, String modelName) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (update(userId, modelName, now)) {
            return;
        }
        try {
            jdbc.sql("insert into chosen_checkpoints (user_id, model_name, chosen_at) values (?, ?, ?)")
                    .params(userId, modelName, now)
                    .update();
        } catch (DuplicateKeyException e) {
            // Another call of the same user inserted a moment ago; the later choice wins.
            update(userId, modelName, now);
        }
    }

    void clear(long userId) {
        jdbc.sql("delete from chosen_checkpoints where user_id = ?")
                .param(userId)
                .update();
    }

    private boolean update(long userId, String modelName, OffsetDateTime now) {
        return jdbc.sql("update chosen_checkpoints set model_name = ?, chosen_at = ? where user_id = ?")
                        .params(modelName, now, userId)
                        .update()
                > 0;
    }
}
