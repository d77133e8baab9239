package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.gallery.GalleryService;
import dev.easel.server.gallery.PostView;
import dev.easel.server.social.CommentService;
import dev.easel.server.social.LikeService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One post: its images with their generation parameters ("use these settings" opens the generator prefilled), likes
 * and the comment threads. Posts the viewer may not see are 404 pages (the gallery's rule, not repeated here).
 */
@Controller
class PostPage {
    private final GalleryService gallery;
    private final LikeService likes;
    private final CommentService comments;
    private final UserService users;

    PostPage(GalleryService gallery, LikeService likes, CommentService comments, UserService users) {
        this.gallery = gallery;
        this.likes = likes;
        this.comments = comments;
        this.users = users;
    }

    @GetMapping("/posts/{id}")
    String post(
            @PathVariable String id,
            @RequestParam(required = false) String comments,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        UserAccount as = Viewers.of(viewer, users);
        PostView post = gallery.get(id, as);
        model.addAttribute("post", post);
        model.addAttribute("levels", NsfwLevel.values());
        model.addAttribute(
                "liked", viewer != null && likes.state("posts", id, as).liked());
        model.addAttribute("comments", this.comments.list("posts", id, comments, 50, as));
        model.addAttribute("own", viewer != null && viewer.id() == post.author().id());
        return "post";
    }
}
