package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.social.NotificationService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The viewer's notifications (likes, comments, replies, follows), newest first, unread ones marked. */
@Controller
class NotificationsPage {
    private final NotificationService notifications;

    NotificationsPage(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String notifications(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        model.addAttribute("notifications", notifications.list(viewer, cursor, 50));
        model.addAttribute("unread", notifications.unreadCount(viewer));
        return "notifications";
    }
}
