package dev.easel.server.social;

import dev.easel.server.content.ContentKind;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code likes} table. */
@Repository
class LikeRepository {
    private final JdbcClient jdbc;

    LikeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether this added the like (false when the user already liked the target) */
    boolean insert(ContentKind kind, String targetId, long userId, Instant at) {
        try {
            return jdbc.sql("insert into likes (target_kind, target_id, user_id, created_at) select ?, ?, ?, ?"
                                    + " where not exists (select 1 from likes where target_kind = ? and target_id = ?"
                                    + " and user_id = ?)")
                            .params(kind.name(), targetId, userId, Timestamp.from(at), kind.name(), targetId, userId)
                            .update()
                    > 0;
        } catch (DuplicateKeyException e) {
            return false; // the same user's concurrent request got there first
        }
    }

    boolean delete(ContentKind kind, String targetId, long userId) {
        return jdbc.sql("delete from likes where target_kind = ? and target_id = ? and user_id = ?")
                        .params(kind.name(), targetId, userId)
                        .update()
                > 0;
    }

    long count(ContentKind kind, String targetId) {
        return jdbc.sql("select count(*) from likes where target_kind = ? and target_id = ?")
                .params(kind.name(), targetId)
                .query(Long.class)
                .single();
    }

    boolean exists(ContentKind kind, String targetId, long userId) {
        return jdbc.sql("select count(*) from likes where target_kind = ? and target_id = ? and user_id = ?")
                        .params(kind.name(), targetId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
