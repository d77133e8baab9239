package dev.easel.server.content;

import java.util.Locale;
import java.util.Optional;

/** The kinds of things users publish, like, comment on, report and search; the path segment names each in URLs. */
public enum ContentKind {
    POST("posts"),
    IMAGE("images"),
    COMMENT("comments"),
    MODEL("models"),
    USER("users");

    private final String plural;

    ContentKind(String plural) {
        this.plural = plural;
    }

    /** The plural used in URLs and JSON ({@code posts}, {@code models}, ...). */
    public String plural() {
        return plural;
    }

    /** Parses {@code post}, {@code POST} or {@code posts}; empty for anything else. */
    public static Optional<ContentKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ContentKind kind : values()) {
            if (kind.plural.equals(wanted)
                    || kind.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
