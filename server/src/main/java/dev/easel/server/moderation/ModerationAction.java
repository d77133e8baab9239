package dev.easel.server.moderation;

import dev.easel.server.content.ContentKind;
import java.util.Locale;
import java.util.Optional;

/** What a moderator did, as the audit log records it. */
public enum ModerationAction {
    HIDE,
    UNHIDE,
    SUSPEND,
    UNSUSPEND,
    DISMISS_REPORT,
    ACTION_REPORT;

    /** Whether a moderator asks for this one directly (report resolutions are recorded, not requested). */
    boolean requestable() {
        return this == HIDE || this == UNHIDE || this == SUSPEND || this == UNSUSPEND;
    }

    /** Suspensions are for users; hiding is for everything users publish. */
    boolean appliesTo(ContentKind kind) {
        boolean userAction = this == SUSPEND || this == UNSUSPEND;
        return userAction == (kind == ContentKind.USER);
    }

    /** Whether doing it settles the target's open reports. */
    boolean closesReports() {
        return this == HIDE || this == SUSPEND;
    }

    static Optional<ModerationAction> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ModerationAction action : values()) {
            if (action.requestable() && action.name().equals(wanted)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
