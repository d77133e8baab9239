package dev.easel.server.models;

import dev.easel.server.api.FieldException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks of the user-entered fields of models, versions and reviews; each failure is a 400 naming its field. */
final class ModelFields {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 40;
    static final int MAX_TRAINED_WORDS = 50;
    static final int MAX_TRAINED_WORD = 200;
    static final int MAX_REVIEW = 5000;
    private static final int MAX_SLUG = 48;

    private ModelFields() {}

    /** A required name, stored as given (trimmed); 1-100 characters. */
    static String name(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new FieldException(field, field + " is required");
        }
        String name = text.strip();
        if (name.length() > MAX_NAME) {
            throw new FieldException(field, field + " must be at most " + MAX_NAME + " characters");
        }
        return name;
    }

    static String description(String text) {
        String description = text == null ? "" : text;
        if (description.length() > MAX_DESCRIPTION) {
            throw new FieldException("description", "description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    /** Tags, trimmed and lower-cased so that filtering by tag finds them however they were typed; duplicates dropped. */
    static List<String> tags(List<String> given) {
        Set<String> tags = new LinkedHashSet<>();
        for (String text : split(given)) {
            String tag = text.toLowerCase(Locale.ROOT);
            if (tag.length() > MAX_TAG) {
                throw new FieldException("tags", "each tag must be at most " + MAX_TAG + " characters");
            }
            tags.add(tag);
        }
        if (tags.size() > MAX_TAGS) {
            throw new FieldException("tags", "at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(tags);
    }

    /** Words that trigger what the model learned, stored as given (trimmed). */
    static List<String> trainedWords(List<String> given) {
        List<String> words = new ArrayList<>();
        for (String word : split(given)) {
            if (word.length() > MAX_TRAINED_WORD || word.contains("\n") || word.contains("\r")) {
                throw new FieldException(
                        "trainedWords",
                        "each trained word must be one line of at most " + MAX_TRAINED_WORD + " characters");
            }
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        if (words.size() > MAX_TRAINED_WORDS) {
            throw new FieldException("trainedWords", "at most " + MAX_TRAINED_WORDS + " trained words");
        }
        return List.copyOf(words);
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    static boolean bool(String text, String field, boolean fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new FieldException(field, field + " must be true or false");
        };
    }

    static int rating(Integer rating) {
        if (rating == null || rating < 1 || rating > 5) {
            throw new FieldException("rating", "rating must be a whole number from 1 to 5");
        }
        return rating;
    }

    static String reviewText(String text) {
        String body = text == null ? "" : text;
        if (body.length() > MAX_REVIEW) {
            throw new FieldException("text", "text must be at most " + MAX_REVIEW + " characters");
        }
        return body;
    }

    /** Lower-case letters, digits and single dashes, from a display name; {@code fallback} when nothing is left. */
    static String slug(String name, String fallback) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** Values given as repeated fields, comma-separated, or both; blanks dropped. */
    private static List<String> split(List<String> given) {
        List<String> values = new ArrayList<>();
        if (given != null) {
            for (String value : given) {
                if (value == null) {
                    continue;
                }
                for (String part : value.split(",", -1)) {
                    if (!part.isBlank()) {
                        values.add(part.strip());
                    }
                }
            }
        }
        return values;
    }
}
