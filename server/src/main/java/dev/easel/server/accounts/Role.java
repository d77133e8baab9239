package dev.easel.server.accounts;

/** What a user may do: moderators review content, admins also manage users and the server. */
public enum Role {
    USER,
    MODERATOR,
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
