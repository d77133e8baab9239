package dev.easel.server.web;

import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.ProfileService;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.content.NsfwLevel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in user's settings: profile and avatar, what NSFW levels to show, password and API keys. The forms write
 * through the accounts API ({@code PATCH /api/v1/me}, {@code PUT /api/v1/me/preferences}, {@code /api/v1/keys}, ...).
 */
@Controller
class SettingsPage {
    private final ProfileService profiles;
    private final UserService users;
    private final ApiKeyService keys;

    SettingsPage(ProfileService profiles, UserService users, ApiKeyService keys) {
        this.profiles = profiles;
        this.users = users;
        this.keys = keys;
    }

    @GetMapping("/settings")
    String settings(@AuthenticationPrincipal UserAccount viewer, Model model) {
        model.addAttribute("profile", profiles.own(viewer));
        model.addAttribute("preferences", users.preferences(viewer));
        model.addAttribute("levels", NsfwLevel.values());
        model.addAttribute("keys", keys.list(viewer));
        return "settings";
    }
}
