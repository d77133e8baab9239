package dev.easel.server.web;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.moderation.QueueSort;
import dev.easel.server.moderation.ReportService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The moderator queue: reported items, most recently reported first, with hide/unhide (and suspend for users) through
 * {@code POST /api/v1/moderation/actions}. Only moderators and admins; others get the 403 page.
 */
@Controller
class ModerationPage {
    private final ReportService reports;

    ModerationPage(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/moderation")
    String queue(
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "false") boolean mostReported,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        if (!viewer.role().atLeast(Role.MODERATOR)) {
            throw new ForbiddenException("the moderation queue is for moderators");
        }
        QueueSort sort = mostReported ? QueueSort.MOST_REPORTED : QueueSort.NEWEST;
        model.addAttribute("queue", reports.queue(sort, 50, cursor, viewer));
        model.addAttribute("mostReported", mostReported);
        return "moderation";
    }
}
