package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.Page;
import dev.easel.server.gallery.GalleryService;
import dev.easel.server.gallery.PostView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page: the gallery, newest or most liked, as the viewer's NSFW setting allows. Further pages load in place
 * (htmx asks for the same URL with a cursor and gets only the next tiles and the next "more" button).
 */
@Controller
class GalleryPage {
    static final int PAGE_SIZE = 24;

    private final GalleryService gallery;
    private final UserService users;

    GalleryPage(GalleryService gallery, UserService users) {
        this.gallery = gallery;
        this.users = users;
    }

    @GetMapping("/")
    String home(
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        boolean liked = sort.equals("liked");
        Page<PostView> posts = gallery.list(liked, null, cursor, PAGE_SIZE, Viewers.of(viewer, users));
        model.addAttribute("posts", posts);
        model.addAttribute("sort", liked ? "liked" : "newest");
        model.addAttribute("listPath", "/");
        return htmx != null ? "fragments/posts :: more" : "home";
    }
}
