package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import java.util.Map;

/** A user as social lists show them. */
public record Person(long id, String username, String displayName) {
    static Person of(UserAccount user) {
        return new Person(user.id(), user.username(), user.displayName());
    }

    /** The user from a batch look-up; a placeholder when the account no longer exists. */
    static Person of(long id, Map<Long, UserAccount> users) {
        UserAccount user = users.get(id);
        return user == null ? new Person(id, null, null) : of(user);
    }
}
