package dev.easel.server.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table; plain SQL that runs on H2 and PostgreSQL. */
@Repository
class ApiKeyRepository {
    private static final String COLUMNS = "id, user_id, name, key_prefix, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(long userId, String name, String hash, String prefix, Instant createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into api_keys (user_id, name, key_hash, key_prefix, created_at) values (?, ?, ?, ?, ?)")
                .params(userId, name, hash, prefix, utc(createdAt))
                .update(keys, "id");
        return find(keys.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    Optional<ApiKey> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where id = ?")
                .param(id)
                .query(ApiKeyRepository::key)
                .optional();
    }

    /** The key whose secret hashes to {@code hash}, revoked or not. */
    Optional<ApiKey> findByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where key_hash = ?")
                .param(hash)
                .query(ApiKeyRepository::key)
                .optional();
    }

    /** A user's keys, newest first. */
    List<ApiKey> listByUser(long userId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where user_id = ? order by created_at desc, id desc")
                .param(userId)
                .query(ApiKeyRepository::key)
                .list();
    }

    void markUsed(long id, Instant at) {
        jdbc.sql("update api_keys set last_used_at = ? where id = ?")
                .params(utc(at), id)
                .update();
    }

    /** Revokes the key unless it already is; the first revocation time stays. */
    void revoke(long id, Instant at) {
        jdbc.sql("update api_keys set revoked_at = ? where id = ? and revoked_at is null")
                .params(utc(at), id)
                .update();
    }

    private static ApiKey key(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("name"),
                rs.getString("key_prefix"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
