package dev.easel.server.models;

import dev.easel.server.api.FieldException;
import java.util.Locale;

/** Orders of the model list; each sorts on one indexed number, newest id first among equals. */
public enum ModelSort {
    NEWEST("published_ms"),
    MOST_DOWNLOADED("download_count"),
    MOST_LIKED("like_count"),
    HIGHEST_RATED("rating_milli");

    private final String column;

    ModelSort(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    /** {@code newest}, {@code downloads}, {@code likes}, {@code rating} (or the constant's name); 400 on {@code sort}. */
    static ModelSort parse(String text) {
        if (text == null || text.isBlank()) {
            return NEWEST;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "newest" -> NEWEST;
            case "downloads", "most_downloaded" -> MOST_DOWNLOADED;
            case "likes", "most_liked" -> MOST_LIKED;
            case "rating", "highest_rated" -> HIGHEST_RATED;
            default -> throw new FieldException("sort", "sort must be one of newest, downloads, likes, rating");
        };
    }
}
