package dev.easel.server.moderation;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.ConflictException;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.api.SignInRequiredException;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.moderation.ReportRepository.QueueRow;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Users report what they see; moderators work through the reports, grouped by what was reported. */
@Service
public class ReportService {
    static final int MAX_TARGET_ID = 64;

    private final ReportRepository reports;
    private final ModerationLogRepository log;
    private final ContentDirectories directories;
    private final UserService users;
    private final TransactionTemplate transactions;

    ReportService(
            ReportRepository reports,
            ModerationLogRepository log,
            ContentDirectories directories,
            UserService users,
            TransactionTemplate transactions) {
        this.reports = reports;
        this.log = log;
        this.directories = directories;
        this.users = users;
        this.transactions = transactions;
    }

    /**
     * Files a report.
     *
     * @throws SignInRequiredException for signed-out callers and the anonymous account
     * @throws FieldException naming {@code kind}, {@code id}, {@code reason} or {@code details}
     * @throws NotFoundException when the reporter cannot see the target
     * @throws ConflictException when the reporter already has an open report of it
     */
    public Report report(NewReport report, UserAccount reporter) {
        if (reporter == null || users.isAnonymous(reporter)) {
            throw new SignInRequiredException("sign in to report content");
        }
        ContentKind kind = kind(report.kind());
        String targetId = report.id();
        if (targetId == null || targetId.isBlank() || targetId.length() > MAX_TARGET_ID) {
            throw new FieldException("id", "id must be 1-" + MAX_TARGET_ID + " characters");
        }
        ReportReason reason = ReportReason.parse(report.reason())
                .orElseThrow(() -> new FieldException("reason", "reason must be one of " + ReportReason.allowed()));
        String details = Moderators.text("details", report.details(), reason == ReportReason.OTHER);
        ContentSummary target = directories
                .find(kind, targetId, reporter)
                .orElseThrow(() -> new NotFoundException("no " + kind.plural() + " " + targetId));
        if (target.ownerId() == reporter.id()) {
            throw new FieldException("id", "you cannot report your own " + kind.plural());
        }
        try {
            return reports.insert(reporter.id(), kind, target.id(), reason, details, now());
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "you already have an open report of this " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    /** @throws FieldException naming {@code kind} */
    public static ContentKind kind(String text) {
        return ContentKind.parse(text)
                .orElseThrow(
                        () -> new FieldException("kind", "kind must be one of posts, images, comments, models, users"));
    }

    /**
     * Targets with open reports, with counts by reason: most recently reported first, or most reports first.
     *
     * @throws FieldException naming {@code limit} or {@code cursor}
     */
    public Page<ReportedTarget> queue(QueueSort sort, int limit, String cursor, UserAccount moderator) {
        Moderators.require(moderator);
        Moderators.checkLimit(limit);
        List<QueueRow> rows = reports.queue(sort, cursor == null ? null : queuePosition(cursor, sort), limit + 1);
        List<QueueRow> page = rows.subList(0, Math.min(limit, rows.size()));
        Map<String, Map<ReportReason, Long>> reasons = reports.openReasons(page);
        List<ReportedTarget> targets = new ArrayList<>();
        for (QueueRow row : page) {
            // One look-up per entry: the directory SPI finds one item at a time; a queue page is at most 100.
            Optional<ContentSummary> item = directories.findAny(row.kind(), row.id());
            targets.add(new ReportedTarget(
                    row.kind(),
                    row.id(),
                    item.map(ContentSummary::title).orElse(null),
                    item.map(ContentSummary::ownerId).orElse(null),
                    item.map(ContentSummary::hidden).orElse(false),
                    row.reports(),
                    reasons.getOrDefault(row.key(), Map.of()),
                    row.firstReportedAt(),
                    row.lastReportedAt()));
        }
        String next = rows.size() > limit ? queueCursor(sort, page.get(page.size() - 1)) : null;
        return new Page<>(targets, next);
    }

    /** The reports of one target, newest first (at most 100); a blank id is a {@link FieldException} naming it. */
    public List<Report> reportsOf(ContentKind kind, String targetId, boolean openOnly, UserAccount moderator) {
        Moderators.require(moderator);
        if (targetId == null || targetId.isBlank()) {
            throw new FieldException("id", "id is required");
        }
        return reports.forTarget(kind, targetId, openOnly, Moderators.MAX_LIMIT);
    }

    /**
     * Closes one open report as {@code ACTIONED} or {@code DISMISSED}, with a note; recorded in the audit log.
     *
     * @throws NotFoundException when there is no such report
     * @throws ConflictException when it is already resolved
     */
    public Report resolve(long reportId, ReportStatus resolution, String note, UserAccount moderator) {
        Moderators.require(moderator);
        if (resolution == ReportStatus.OPEN) {
            throw new FieldException("resolution", "resolution must be ACTIONED or DISMISSED");
        }
        String checkedNote = Moderators.text("note", note, false);
        Report report = reports.find(reportId).orElseThrow(() -> new NotFoundException("no report " + reportId));
        Instant at = now();
        transactions.executeWithoutResult(status -> {
            if (!reports.resolve(reportId, resolution, moderator.id(), checkedNote, at)) {
                throw new ConflictException("report " + reportId + " is already " + report.status());
            }
            ModerationAction action = resolution == ReportStatus.DISMISSED
                    ? ModerationAction.DISMISS_REPORT
                    : ModerationAction.ACTION_REPORT;
            log.insert(new AuditEntry(
                    0,
                    moderator.id(),
                    action,
                    report.kind(),
                    report.targetId(),
                    reportId,
                    checkedNote == null ? "" : checkedNote,
                    at));
        });
        return reports.find(reportId).orElseThrow();
    }

    /** Database timestamps keep microseconds; cutting here makes what we return equal what we read back. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String queueCursor(QueueSort sort, QueueRow last) {
        return Moderators.cursor(
                sort.name(),
                Long.toString(last.reports()),
                Moderators.micros(last.lastReportedAt()),
                last.kind().name(),
                last.id());
    }

    private static QueueRow queuePosition(String cursor, QueueSort sort) {
        String[] parts = Moderators.parts(cursor, 5);
        if (!parts[0].equals(sort.name())) {
            throw Moderators.badCursor();
        }
        try {
            Instant at = Moderators.fromMicros(parts[2]);
            ContentKind kind = ContentKind.valueOf(parts[3]);
            return new QueueRow(kind, parts[4], Long.parseLong(parts[1]), at, at);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw Moderators.badCursor();
        }
    }
}
