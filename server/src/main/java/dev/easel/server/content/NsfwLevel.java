package dev.easel.server.content;

import java.util.Locale;
import java.util.Optional;

/**
 * How explicit an image is, in Civitai's four levels. Viewers choose the highest level they want shown; anything
 * above it is blurred or left out.
 */
public enum NsfwLevel {
    PG,
    PG13,
    R,
    X;

    public boolean atMost(NsfwLevel limit) {
        return compareTo(limit) <= 0;
    }

    /** Parses {@code PG}, {@code pg13}, {@code PG-13}, {@code r}, {@code X}; empty for anything else. */
    public static Optional<NsfwLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace("-", "");
        for (NsfwLevel level : values()) {
            if (level.name().equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
