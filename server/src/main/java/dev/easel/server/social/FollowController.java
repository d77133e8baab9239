package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.Page;
import dev.easel.server.gallery.PostView;
import dev.easel.server.social.FollowService.FollowStats;
import dev.easel.server.social.FollowService.FollowView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow and unfollow users, their followers and following lists, and the caller's feed. */
@RestController
@RequestMapping("/api/v1")
class FollowController {
    private final FollowService follows;
    private final Callers callers;

    FollowController(FollowService follows, Callers callers) {
        this.follows = follows;
        this.callers = callers;
    }

    @PutMapping("/follows/{username}")
    FollowStats follow(@PathVariable String username, @AuthenticationPrincipal UserAccount user) {
        return follows.follow(callers.signedIn(user, "follow users"), username);
    }

    @DeleteMapping("/follows/{username}")
    FollowStats unfollow(@PathVariable String username, @AuthenticationPrincipal UserAccount user) {
        return follows.unfollow(callers.signedIn(user, "unfollow users"), username);
    }

    @GetMapping("/follows/{username}")
    FollowStats stats(@PathVariable String username, @AuthenticationPrincipal UserAccount viewer) {
        return follows.stats(username, viewer);
    }

    @GetMapping("/follows/{username}/followers")
    Page<FollowView> followers(
            @PathVariable String username,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return follows.followers(username, cursor, limit);
    }

    @GetMapping("/follows/{username}/following")
    Page<FollowView> following(
            @PathVariable String username,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return follows.following(username, cursor, limit);
    }

    @GetMapping("/feed")
    Page<PostView> feed(
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal UserAccount user) {
        return follows.feed(callers.signedIn(user, "see your feed"), cursor, limit);
    }
}
