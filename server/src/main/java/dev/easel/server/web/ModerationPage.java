package dev.easel.server.web;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.Page;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.generation.FlaggedImage;
import dev.easel.server.moderation.AuditEntry;
import dev.easel.server.moderation.FlaggedContentService;
import dev.easel.server.moderation.ModerationService;
import dev.easel.server.moderation.PromptRejection;
import dev.easel.server.moderation.QueueSort;
import dev.easel.server.moderation.Report;
import dev.easel.server.moderation.ReportService;
import dev.easel.server.moderation.ReportStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The moderator pages: the queue of reported items, most recently reported first, with hide/unhide (and suspend for
 * users) through {@code POST /api/v1/moderation/actions}, and each item's reports to resolve; the audit log of those actions; and the prompts the prompt
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
    private final ContentDirectories directories;

    ModerationPage(
            ReportService reports,
            ModerationService moderation,
            FlaggedContentService flagged,
            UserService users,
            ContentDirectories directories) {
        this.reports = reports;
        this.moderation = moderation;
        this.flagged = flagged;
        this.users = users;
        this.directories = directories;
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

    /** Every report of one item, open ones first to resolve (dismissed or actioned, with a note for the log). */
    @GetMapping("/moderation/reports")
    String reportsOf(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String id,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        requireModerator(viewer);
        ContentKind targetKind = ReportService.kind(kind);
        List<Report> all = reports.reportsOf(targetKind, id, false, viewer);
        model.addAttribute("kind", targetKind.name());
        model.addAttribute("id", id);
        model.addAttribute(
                "label",
                directories.findAny(targetKind, id).map(ContentSummary::title).orElse(id));
        model.addAttribute(
                "open",
                all.stream().filter(r -> r.status() == ReportStatus.OPEN).toList());
        model.addAttribute(
                "resolved",
                all.stream().filter(r -> r.status() != ReportStatus.OPEN).toList());
        model.addAttribute("names", names(all.stream().map(Report::reporterId)));
        return "moderation-reports";
    }

    @GetMapping("/moderation/audit")
    String audit(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        requireModerator(viewer);
        Page<AuditEntry> entries = moderation.audit(null, null, PAGE_SIZE, cursor, viewer);
        return listing(model, "moderation-audit", "entries", entries, AuditEntry::moderatorId);
    }

    @GetMapping("/moderation/prompt-rejections")
    String promptRejections(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        requireModerator(viewer);
        Page<PromptRejection> rejections = flagged.promptRejections(PAGE_SIZE, cursor, viewer);
        return listing(model, "moderation-rejections", "rejections", rejections, PromptRejection::userId);
    }

    @GetMapping("/moderation/flagged-images")
    String flaggedImages(
            @RequestParam(required = false) String cursor, @AuthenticationPrincipal UserAccount viewer, Model model) {
        requireModerator(viewer);
        Page<FlaggedImage> images = flagged.flaggedImages(PAGE_SIZE, cursor, viewer);
        return listing(model, "moderation-flagged", "images", images, FlaggedImage::ownerId);
    }

    /** A page of items under {@code attribute}, with the usernames of the users they name. */
    private <T> String listing(Model model, String view, String attribute, Page<T> items, Function<T, Long> userId) {
        model.addAttribute(attribute, items);
        model.addAttribute("names", names(items.items().stream().map(userId)));
        return view;
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
