package dev.easel.server.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The profile columns of the {@code users} table; plain SQL that runs on H2 and PostgreSQL. */
@Repository
class ProfileRepository {
    private static final String COLUMNS =
            "id, username, display_name, bio, avatar, role, created_at, suspended_at is not null as suspended";

    /** A profile as stored: {@code avatar} is the file name under the avatar folder. */
    record ProfileRow(
            long id,
            String username,
            String displayName,
            String bio,
            String avatar,
            Role role,
            OffsetDateTime createdAt,
            boolean suspended) {}

    private final JdbcClient jdbc;

    ProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProfileRow> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?")
                .param(username)
                .query(ProfileRepository::row)
                .optional();
    }

    Optional<ProfileRow> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(ProfileRepository::row)
                .optional();
    }

    /** Users that search lists: not suspended and not one of {@code excluded} (the built-in accounts). */
    List<ProfileRow> listed(List<String> excluded) {
        return jdbc.sql("select " + COLUMNS + " from users where suspended_at is null and username not in (:excluded)"
                        + " order by id")
                .param("excluded", excluded)
                .query(ProfileRepository::row)
                .list();
    }

    void updateProfile(long id, String displayName, String bio) {
        jdbc.sql("update users set display_name = ?, bio = ? where id = ?")
                .params(displayName, bio, id)
                .update();
    }

    void updateAvatar(long id, String avatar) {
        jdbc.sql("update users set avatar = ? where id = ?").params(avatar, id).update();
    }

    /** Whether any user still shows this avatar file (identical images share one file). */
    boolean avatarInUse(String avatar) {
        return jdbc.sql("select count(*) from users where avatar = ?")
                        .param(avatar)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static ProfileRow row(ResultSet rs, int row) throws SQLException {
        return new ProfileRow(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("bio"),
                rs.getString("avatar"),
                Role.valueOf(rs.getString("role")),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getBoolean("suspended"));
    }
}
