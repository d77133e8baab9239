package dev.easel.server.moderation;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.content.ContentKind;
import dev.easel.server.moderation.ModerationViews.AuditView;
import dev.easel.server.moderation.ModerationViews.FlaggedImageView;
import dev.easel.server.moderation.ModerationViews.ReportView;
import dev.easel.server.moderation.ModerationViews.TargetView;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The moderator's desk under {@code /api/v1/moderation}: the report queue, report resolution, actions, the audit log,
 * rejected prompts and flagged images. Every endpoint answers 403 to non-moderators before looking at parameters.
 */
@RestController
@RequestMapping("/api/v1/moderation")
class ModerationController {
    private static final int DEFAULT_LIMIT = 20;

    private final ReportService reports;
    private final ModerationService moderation;
    private final FlaggedContentService flagged;

    ModerationController(ReportService reports, ModerationService moderation, FlaggedContentService flagged) {
        this.reports = reports;
        this.moderation = moderation;
        this.flagged = flagged;
    }

    @GetMapping("/queue")
    Page<TargetView> queue(
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        QueueSort order = blank(sort)
                ? QueueSort.NEWEST
                : QueueSort.parse(sort)
                        .orElseThrow(() -> new FieldException("sort", "sort must be newest or most_reported"));
        return ModerationViews.map(reports.queue(order, limit(limit), blankToNull(cursor), user), TargetView::of);
    }

    @GetMapping("/reports")
    List<ReportView> reportsOf(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String id,
            @RequestParam(required = false) String status,
            @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        ContentKind targetKind = ReportService.kind(kind);
        boolean openOnly;
        if (blank(status) || status.equalsIgnoreCase("open")) {
            openOnly = true;
        } else if (status.equalsIgnoreCase("all")) {
            openOnly = false;
        } else {
            throw new FieldException("status", "status must be open or all");
        }
        return reports.reportsOf(targetKind, id, openOnly, user).stream()
                .map(ReportView::of)
                .toList();
    }

    @PostMapping("/reports/{id}/resolve")
    ReportView resolve(
            @PathVariable String id, @RequestBody Resolution request, @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        ReportStatus resolution;
        try {
            resolution = ReportStatus.valueOf(
                    request.resolution() == null
                            ? ""
                            : request.resolution().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            resolution = ReportStatus.OPEN;
        }
        if (resolution == ReportStatus.OPEN) {
            throw new FieldException("resolution", "resolution must be actioned or dismissed");
        }
        return ReportView.of(reports.resolve(reportId(id), resolution, request.note(), user));
    }

    @PostMapping("/actions")
    @ResponseStatus(HttpStatus.CREATED)
    AuditView act(@RequestBody Action request, @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        ModerationAction action = ModerationAction.parse(request.action())
                .orElseThrow(() -> new FieldException("action", "action must be hide, unhide, suspend or unsuspend"));
        ContentKind kind = ReportService.kind(request.kind());
        if (blank(request.id())) {
            throw new FieldException("id", "id is required");
        }
        return AuditView.of(moderation.act(new ActionRequest(action, kind, request.id(), request.reason()), user));
    }

    @GetMapping("/audit")
    Page<AuditView> audit(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String id,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        ContentKind targetKind = blank(kind) ? null : ReportService.kind(kind);
        if (targetKind != null && blank(id)) {
            throw new FieldException("id", "id is required with kind");
        }
        if (targetKind == null && !blank(id)) {
            throw new FieldException("kind", "kind is required with id");
        }
        return ModerationViews.map(
                moderation.audit(targetKind, blankToNull(id), limit(limit), blankToNull(cursor), user), AuditView::of);
    }

    @GetMapping("/prompt-rejections")
    Page<PromptRejection> promptRejections(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        return flagged.promptRejections(limit(limit), blankToNull(cursor), user);
    }

    @GetMapping("/flagged-images")
    Page<FlaggedImageView> flaggedImages(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal UserAccount user) {
        Moderators.require(user);
        return ModerationViews.map(
                flagged.flaggedImages(limit(limit), blankToNull(cursor), user), FlaggedImageView::of);
    }

    record Resolution(String resolution, String note) {}

    record Action(String action, String kind, String id, String reason) {}

    private static long reportId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no report " + id);
        }
    }

    private static int limit(String value) {
        if (blank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new FieldException("limit", "limit must be a whole number");
        }
    }

    private static String blankToNull(String value) {
        return blank(value) ? null : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
