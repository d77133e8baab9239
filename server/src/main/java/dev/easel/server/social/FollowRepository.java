package dev.easel.server.social;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code follows} table. */
@Repository
class FollowRepository {
    private final JdbcClient jdbc;

    FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One side of a follow: the other user and since when. */
    record FollowRow(long userId, Instant since) {}

    /** @return whether this created the follow (false when it already existed) */
    boolean insert(long followerId, long followeeId, Instant at) {
        try {
            return jdbc.sql("insert into follows (follower_id, followee_id, created_at) select ?, ?, ? where not exists"
                                    + " (select 1 from follows where follower_id = ? and followee_id = ?)")
                            .params(followerId, followeeId, Timestamp.from(at), followerId, followeeId)
                            .update()
                    > 0;
        } catch (DuplicateKeyException e) {
            return false; // a concurrent request of the same follower got there first
        }
    }

    boolean delete(long followerId, long followeeId) {
        return jdbc.sql("delete from follows where follower_id = ? and followee_id = ?")
                        .params(followerId, followeeId)
                        .update()
                > 0;
    }

    boolean exists(long followerId, long followeeId) {
        return jdbc.sql("select count(*) from follows where follower_id = ? and followee_id = ?")
                        .params(followerId, followeeId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long countFollowers(long userId) {
        return jdbc.sql("select count(*) from follows where followee_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    long countFollowing(long userId) {
        return jdbc.sql("select count(*) from follows where follower_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    /** Who follows {@code userId}, newest first, one more than {@code limit}. */
    List<FollowRow> followers(long userId, SocialCursor after, int limit) {
        return page("follower_id", "followee_id", userId, after, limit);
    }

    /** Whom {@code userId} follows, newest first, one more than {@code limit}. */
    List<FollowRow> following(long userId, SocialCursor after, int limit) {
        return page("followee_id", "follower_id", userId, after, limit);
    }

    List<Long> followeeIds(long followerId) {
        return jdbc.sql("select followee_id from follows where follower_id = ?")
                .param(followerId)
                .query(Long.class)
                .list();
    }

    /** {@code other} and {@code self} are the two column names (constants, never user input). */
    private List<FollowRow> page(String other, String self, long userId, SocialCursor after, int limit) {
        String keyset = after == null ? "" : " and (created_at, " + other + ") < (:at, :other)";
        return jdbc.sql("select " + other + ", created_at from follows where " + self + " = :user" + keyset
                        + " order by created_at desc, " + other + " desc limit :limit")
                .param("user", userId)
                .param("at", after == null ? null : Timestamp.from(after.at()))
                .param("other", after == null ? null : after.numericId())
                .param("limit", limit + 1)
                .query((rs, row) -> new FollowRow(
                        rs.getLong(other), rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
