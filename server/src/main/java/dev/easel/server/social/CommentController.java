package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.Page;
import dev.easel.server.social.CommentService.CommentView;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Threaded comments: {@code /comments/{kind}/{targetId}} lists and adds, {@code /comments/{id}} edits and deletes. */
@RestController
@RequestMapping("/api/v1/comments")
class CommentController {
    private final CommentService comments;
    private final Callers callers;

    CommentController(CommentService comments, Callers callers) {
        this.comments = comments;
        this.callers = callers;
    }

    /** A new comment, or a reply when {@code parentId} names a comment on the same target. */
    record NewComment(String body, String parentId) {}

    record CommentEdit(String body) {}

    @GetMapping("/{kind}/{targetId}")
    Page<CommentView> list(
            @PathVariable String kind,
            @PathVariable String targetId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal UserAccount viewer) {
        return comments.list(kind, targetId, cursor, limit, viewer);
    }

    @PostMapping("/{kind}/{targetId}")
    ResponseEntity<CommentView> create(
            @PathVariable String kind,
            @PathVariable String targetId,
            @RequestBody NewComment body,
            @AuthenticationPrincipal UserAccount user) {
        CommentView comment =
                comments.create(kind, targetId, body.body(), body.parentId(), callers.signedIn(user, "comment"));
        return ResponseEntity.created(URI.create("/api/v1/comments/" + comment.id()))
                .body(comment);
    }

    @PatchMapping("/{id}")
    CommentView edit(
            @PathVariable String id, @RequestBody CommentEdit edit, @AuthenticationPrincipal UserAccount user) {
        return comments.edit(id, edit.body(), callers.signedIn(user, "edit comments"));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        comments.delete(id, callers.signedIn(user, "delete comments"));
        return ResponseEntity.noContent().build();
    }
}
