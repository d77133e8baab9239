package dev.easel.server.web;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.Page;
import dev.easel.server.generation.FlaggedImage;
import dev.easel.server.moderation.AuditEntry;
import dev.easel.server.moderation.FlaggedContentService;
import dev.easel.server.moderation.ModerationService;
import dev.easel.server.moderation.PromptRejection;
import dev.easel.server.moderation.QueueSort;
import dev.easel.server.moderation.ReportService;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The moderator pages: the queue of reported items, most recently reported first, with hide/unhide (and suspend for
 * users) through {@code POST /api/v1/moderation/actions}; the audit log of those actions; and the prompts the prompt
 * audit rejected and the generated images the safety checker flagged. Only moderators and admins; others get the
 * 403 page.
 */
@Controller
class ModerationPage {
    private static final int PAGE_SIZE = 50;

    private final ReportService reports;
    private final ModerationService moderation;
    private final FlaggedContentService flagged;
    private final UserService users;

    ModerationPage(
            ReportService reports, ModerationService moderation, FlaggedContentService flagged, UserService users) {
        this.reports = reports;
        this.moderation = moderation;
        this.flagged = flagged;
        this.users = users;
    }

    @GetMapping("/moderation")
    String queue(
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "false") boolean mostReported,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        requireModerator(viewer);
        QueueSort sort = mostReported ? QueueSort.MOST_REPORTED : QueueSort.NEWEST;
        model.addAttribute("queue", reports.queue(sort, PAGE_SIZE, cursor, viewer));
        model.addAttribute("mostReported", mostReported);
        return "moderation";
    }

    @GetMapping("/moderation/audit")
    String audit(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        requireModerator(viewer);
        Page<AuditEntry> entries = moderation.audit(null, null, PAGE_SIZE, cursor, viewer);
        model.addAttribute("entries", entries);
        model.addAttribute("names", names(entries.items().stream().map(AuditEntry::moderatorId)));
        return "moderation-audit";
    }

    @GetMapping("/moderation/prompt-rejections")
    String promptRejections(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        requireModerator(viewer);
        Page<PromptRejection> rejections = flagged.promptRejections(PAGE_SIZE, cursor, viewer);
        model.addAttribute("rejections", rejections);
        model.addAttribute("names", names(rejections.items().stream().map(PromptRejection::userId)));
        return "moderation-rejections";
    }

    @GetMapping("/moderation/flagged-images")
    String flaggedImages(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        requireModerator(viewer);
        Page<FlaggedImage> images = flagged.flaggedImages(PAGE_SIZE, cursor, viewer);
        model.addAttribute("images", images);
        model.addAttribute("names", names(images.items().stream().map(FlaggedImage::ownerId)));
        return "moderation-flagged";
    }

    /** Usernames by id, one query for the page. */
    private Map<Long, String> names(Stream<Long> ids) {
        Map<Long, UserAccount> found = users.findAllById(ids.distinct().toList());
        return found.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().username()));
    }

    private static void requireModerator(UserAccount viewer) {
        if (!viewer.role().atLeast(Role.MODERATOR)) {
            throw new ForbiddenException("the moderation pages are for moderators");
        }
    }
}
