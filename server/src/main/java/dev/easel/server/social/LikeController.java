package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.social.LikeService.LikeState;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Like and unlike posts, images and models ({@code kind} is {@code posts}, {@code images} or {@code models}). */
@RestController
@RequestMapping("/api/v1/likes/{kind}/{id}")
class LikeController {
    private final LikeService likes;
    private final Callers callers;

    LikeController(LikeService likes, Callers callers) {
        this.likes = likes;
        this.callers = callers;
    }

    @PutMapping
    LikeState like(@PathVariable String kind, @PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        return likes.like(kind, id, callers.signedIn(user, "like things"));
    }

    @DeleteMapping
    LikeState unlike(@PathVariable String kind, @PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        return likes.unlike(kind, id, callers.signedIn(user, "unlike things"));
    }

    @GetMapping
    LikeState state(@PathVariable String kind, @PathVariable String id, @AuthenticationPrincipal UserAccount viewer) {
        return likes.state(kind, id, viewer);
    }
}
