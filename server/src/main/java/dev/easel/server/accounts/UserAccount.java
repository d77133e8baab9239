package dev.easel.server.accounts;

/** A user as the rest of the server sees it; the security principal of every authenticated request. */
public record UserAccount(long id, String username, String displayName, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether this user may act on something owned by {@code ownerId}: the owner, or an admin. */
    public boolean mayManage(long ownerId) {
        return id == ownerId || isAdmin();
    }
}
