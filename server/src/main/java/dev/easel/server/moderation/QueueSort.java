package dev.easel.server.moderation;

import java.util.Locale;
import java.util.Optional;

/** Orders of the moderator queue: most recently reported first, or most reports first. */
public enum QueueSort {
    NEWEST,
    MOST_REPORTED;

    static Optional<QueueSort> parse(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (QueueSort sort : values()) {
            if (sort.name().equals(wanted)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }
}
