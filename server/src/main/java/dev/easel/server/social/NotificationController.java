package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.Page;
import dev.easel.server.social.NotificationService.NotificationView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notifications: list, unread count, mark read. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {
    private final NotificationService notifications;
    private final Callers callers;

    NotificationController(NotificationService notifications, Callers callers) {
        this.notifications = notifications;
        this.callers = callers;
    }

    record UnreadCount(long unread) {}

    @GetMapping
    Page<NotificationView> list(
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal UserAccount user) {
        return notifications.list(callers.signedIn(user, "see notifications"), cursor, limit);
    }

    @GetMapping("/unread-count")
    UnreadCount unread(@AuthenticationPrincipal UserAccount user) {
        return new UnreadCount(notifications.unreadCount(callers.signedIn(user, "see notifications")));
    }

    @PostMapping("/{id}/read")
    ResponseEntity<Void> markRead(@PathVariable long id, @AuthenticationPrincipal UserAccount user) {
        notifications.markRead(callers.signedIn(user, "mark notifications read"), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read-all")
    ResponseEntity<Void> markAllRead(@AuthenticationPrincipal UserAccount user) {
        notifications.markAllRead(callers.signedIn(user, "mark notifications read"));
        return ResponseEntity.noContent().build();
    }
}
