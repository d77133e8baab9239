package dev.easel.server.search;

import java.util.List;

/**
 * Completions for what the user is typing.
 *
 * @param titles items with a title word starting with the typed prefix (the last word typed; earlier words must match
 *     whole), most liked first
 * @param tags tags starting with the prefix, on the most items first
 */
public record Suggestions(List<TitleSuggestion> titles, List<TagSuggestion> tags) {
    public Suggestions {
        titles = List.copyOf(titles);
        tags = List.copyOf(tags);
    }

    /** @param kind the kind's plural, as in URLs */
    public record TitleSuggestion(String kind, String id, String title) {}

    /** @param count how many listed items the viewer may see carry the tag */
    public record TagSuggestion(String tag, long count) {}
}
