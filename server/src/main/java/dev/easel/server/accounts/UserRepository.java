package dev.easel.server.accounts;

import dev.easel.server.content.NsfwLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code users} table; plain SQL that runs on H2 and PostgreSQL. */
@Repository
class UserRepository {
    private static final String COLUMNS = "id, username, display_name, role";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a user.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the username is taken
     */
    long insert(NewUserRow user) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into users (username, display_name, password_hash, role, created_at) values (?, ?, ?, ?, ?)")
                .params(
                        user.username(),
                        user.displayName(),
                        user.passwordHash(),
                        user.role().name(),
                        OffsetDateTime.ofInstant(user.createdAt(), ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    boolean adminExists() {
        return jdbc.sql("select count(*) from users where role = 'ADMIN'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<UserAccount> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(UserRepository::account)
                .optional();
    }

    Map<Long, UserAccount> findAllById(Collection<Long> ids) {
        Map<Long, UserAccount> byId = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from users where id in (:ids)")
                .param("ids", List.copyOf(new HashSet<>(ids)))
                .query(UserRepository::account)
                .list()
                .forEach(user -> byId.put(user.id(), user));
        return byId;
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?")
                .param(username)
                .query(UserRepository::account)
                .optional();
    }

    /** The user unless suspended; what each signed-in request is checked against. */
    Optional<UserAccount> findActiveById(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ? and suspended_at is null")
                .param(id)
                .query(UserRepository::account)
                .optional();
    }

    /** The stored password hash; empty when the user does not exist or has no password. */
    Optional<String> passwordHash(long id) {
        return jdbc.sql("select password_hash from users where id = ? and password_hash is not null")
                .param(id)
                .query(String.class)
                .optional();
    }

    void updateRole(long id, Role role) {
        jdbc.sql("update users set role = ? where id = ?")
                .params(role.name(), id)
                .update();
    }

    /**
     * Sets the role unless that would leave no admin: an admin keeps the role when no other admin exists. The check is
     * part of the update, not a separate read before it.
     *
     * @return whether the row was updated (false when it does not exist or is the last admin)
     */
    boolean updateRoleKeepingAnAdmin(long id, Role role) {
        return jdbc.sql(
                                "update users set role = ? where id = ? and (? = 'ADMIN' or role <> 'ADMIN'"
                                        + " or exists (select 1 from users other where other.role = 'ADMIN' and other.id <> ?))")
                        .params(role.name(), id, role.name(), id)
                        .update()
                > 0;
    }

    void updatePassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ? where id = ?")
                .params(passwordHash, id)
                .update();
    }

    Optional<ViewerPreferences> preferences(long id) {
        return jdbc.sql("select nsfw_max, nsfw_blur from users where id = ?")
                .param(id)
                .query((rs, row) ->
                        new ViewerPreferences(NsfwLevel.valueOf(rs.getString("nsfw_max")), rs.getBoolean("nsfw_blur")))
                .optional();
    }

    void updatePreferences(long id, ViewerPreferences preferences) {
        jdbc.sql("update users set nsfw_max = ?, nsfw_blur = ? where id = ?")
                .params(preferences.maxNsfw().name(), preferences.blurAbove(), id)
                .update();
    }

    /** @return whether the user exists */
    boolean updateSuspendedAt(long id, Instant suspendedAt) {
        return jdbc.sql("update users set suspended_at = ? where id = ?")
                        .params(suspendedAt == null ? null : OffsetDateTime.ofInstant(suspendedAt, ZoneOffset.UTC), id)
                        .update()
                > 0;
    }

    boolean isSuspended(long id) {
        return jdbc.sql("select count(*) from users where id = ? and suspended_at is not null")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")));
    }

    /**
     * A row to insert.
     *
     * @param passwordHash encoded by the password encoder, or null
     */
    record NewUserRow(String username, String displayName, String passwordHash, Role role, Instant createdAt) {}
}
