package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.Page;
import dev.easel.server.gallery.PostView;
import dev.easel.server.social.FollowService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Posts of the people the viewer follows, newest first (social's feed). */
@Controller
class FeedPage {
    private final FollowService follows;

    FeedPage(FollowService follows) {
        this.follows = follows;
    }

    @GetMapping("/feed")
    String feed(
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        Page<PostView> posts = follows.feed(viewer, cursor, GalleryPage.PAGE_SIZE);
        model.addAttribute("posts", posts);
        model.addAttribute("listPath", "/feed");
        model.addAttribute("sort", "newest");
        return htmx != null ? "fragments/posts :: more" : "feed";
    }
}
