package dev.easel.server.accounts;

/** Who a caller is, as {@code GET /api/v1/me} and sign-in answer. */
record AccountView(long id, String username, String displayName, Role role, boolean anonymous) {
    static AccountView of(UserAccount user, boolean anonymous) {
        return new AccountView(user.id(), user.username(), user.displayName(), user.role(), anonymous);
    }
}
