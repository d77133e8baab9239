package dev.easel.server.web;

import dev.easel.server.accounts.Profile;
import dev.easel.server.accounts.ProfileService;
import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.gallery.GalleryService;
import dev.easel.server.gallery.PostView;
import dev.easel.server.models.ModelListParameters;
import dev.easel.server.models.ModelReads;
import dev.easel.server.social.FollowService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A user's page: profile, follower counts and the follow button, their posts (as the viewer may see them) and their
 * published models.
 */
@Controller
class ProfilePage {
    private final ProfileService profiles;
    private final FollowService follows;
    private final GalleryService gallery;
    private final UserService users;
    private final ModelReads models;

    ProfilePage(
            ProfileService profiles,
            FollowService follows,
            GalleryService gallery,
            UserService users,
            ModelReads models) {
        this.profiles = profiles;
        this.follows = follows;
        this.gallery = gallery;
        this.users = users;
        this.models = models;
    }

    @GetMapping("/users/{username}")
    String profile(
            @PathVariable String username,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        UserAccount as = Viewers.of(viewer, users);
        Profile profile =
                profiles.find(username, as).orElseThrow(() -> new NotFoundException("no such user: " + username));
        Page<PostView> posts = gallery.list(false, profile.id(), cursor, GalleryPage.PAGE_SIZE, as);
        model.addAttribute("posts", posts);
        model.addAttribute("listPath", "/users/" + profile.username());
        model.addAttribute("sort", "newest");
        if (htmx != null) {
            return "fragments/posts :: more";
        }
        model.addAttribute("profile", profile);
        model.addAttribute(
                "models",
                models.browse(new ModelListParameters(
                        "newest", null, null, null, profile.username(), null, GalleryPage.PAGE_SIZE)));
        model.addAttribute("stats", follows.stats(username, as));
        model.addAttribute("self", viewer != null && viewer.id() == profile.id());
        model.addAttribute("roles", Role.values());
        return "profile";
    }
}
