package dev.easel.server.web;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.social.NotificationService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in ({@code viewer}, null for visitors), whether they moderate, and
 * their unread notifications. Visitors have no {@link UserAccount} principal on the pages (only the API maps them to
 * the anonymous account).
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {
    private final NotificationService notifications;

    PageModel(NotificationService notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("viewer")
    UserAccount viewer(@AuthenticationPrincipal UserAccount viewer) {
        return viewer;
    }

    @ModelAttribute("moderator")
    boolean moderator(@AuthenticationPrincipal UserAccount viewer) {
        return viewer != null && viewer.role().atLeast(Role.MODERATOR);
    }

    @ModelAttribute("unread")
    long unread(@AuthenticationPrincipal UserAccount viewer) {
        return viewer == null ? 0 : notifications.unreadCount(viewer);
    }
}
