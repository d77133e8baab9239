package dev.easel.server.moderation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Why something is reported; the reasons Civitai offers, with OTHER needing details. */
public enum ReportReason {
    NSFW_MISLABELED,
    TOS_VIOLATION,
    SPAM,
    OWNERSHIP,
    HARASSMENT,
    MINOR,
    ILLEGAL,
    OTHER;

    /** Parses {@code SPAM}, {@code spam}, {@code tos-violation}; empty for anything else. */
    public static Optional<ReportReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(r -> r.name().equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
