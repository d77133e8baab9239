package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;

/** The services' idea of a visitor: the shared anonymous account, as on the API. */
final class Viewers {
    private Viewers() {}

    static UserAccount of(UserAccount viewer, UserService users) {
        return viewer != null ? viewer : users.anonymous();
    }
}
