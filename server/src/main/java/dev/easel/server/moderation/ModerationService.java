package dev.easel.server.moderation;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentDirectories;
import dev.easel.server.content.ContentKind;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moderator actions (hide and unhide content, suspend and reinstate users), each recorded in the audit log, which
 * moderators can read.
 */
@Service
public class ModerationService {
    private final ContentDirectories directories;
    private final UserService users;
    private final ReportRepository reports;
    private final ModerationLogRepository log;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    ModerationService(
            ContentDirectories directories,
            UserService users,
            ReportRepository reports,
            ModerationLogRepository log,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.directories = directories;
        this.users = users;
        this.reports = reports;
        this.log = log;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Does what the moderator asks, records it, and (for hide and suspend) closes the target's open reports as
     * actioned, all in one transaction.
     *
     * @throws FieldException naming {@code kind}, {@code id} or {@code reason}
     * @throws NotFoundException when there is no such target
     * @throws ForbiddenException for non-moderators, and for a moderator suspending a moderator or admin
     */
    public AuditEntry act(ActionRequest request, UserAccount moderator) {
        Moderators.require(moderator);
        ModerationAction action = request.action();
        ContentKind kind = request.kind();
        if (!action.appliesTo(kind)) {
            throw new FieldException(
                    "kind", kind == ContentKind.USER ? "users are suspended, not hidden" : "only users are suspended");
        }
        String reason = Moderators.text("reason", request.reason(), true);
        String id = request.targetId() == null ? "" : request.targetId();
        Instant at = ReportService.now();
        AuditEntry entry = transactions.execute(status -> {
            if (kind == ContentKind.USER) {
                suspend(userId(id), action == ModerationAction.SUSPEND, moderator);
            } else {
                if (directories.findAny(kind, id).isEmpty()) {
                    throw new NotFoundException("no " + kind.plural() + " " + id);
                }
                directories.setHidden(kind, id, action == ModerationAction.HIDE);
            }
            if (action.closesReports()) {
                reports.resolveOpen(kind, id, ReportStatus.ACTIONED, moderator.id(), action + ": " + reason, at);
            }
            return log.insert(new AuditEntry(0, moderator.id(), action, kind, id, null, reason, at));
        });
        // Owners publish their own change events too; one more makes sure search and caches drop a suspended user.
        events.publishEvent(new ContentChanged(kind, id));
        return entry;
    }

    /** The audit log, newest first; only one target's entries when {@code kind} and {@code targetId} are given. */
    public Page<AuditEntry> audit(ContentKind kind, String targetId, int limit, String cursor, UserAccount moderator) {
        Moderators.require(moderator);
        Moderators.checkLimit(limit);
        List<AuditEntry> entries = log.page(Moderators.idCursor(cursor), kind, targetId, limit + 1);
        return Moderators.page(entries, limit, entry -> Long.toString(entry.id()));
    }

    private void suspend(long userId, boolean suspended, UserAccount moderator) {
        UserAccount target = users.findById(userId).orElseThrow(() -> new NotFoundException("no user " + userId));
        if (target.id() == moderator.id()) {
            throw new FieldException("id", "you cannot suspend yourself");
        }
        if (target.role().atLeast(Role.MODERATOR) && !moderator.isAdmin()) {
            throw new ForbiddenException("only admins may suspend moderators and admins");
        }
        users.setSuspended(userId, suspended);
    }

    private static long userId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no user " + id);
        }
    }
}
