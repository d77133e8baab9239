package dev.easel.server.search;

import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** Result orders; each ends on the item key so that pages never overlap or skip. */
public enum SearchSort {
    RELEVANCE(null),
    NEWEST(SearchFields.CREATED),
    MOST_LIKED(SearchFields.LIKES),
    MOST_DOWNLOADED(SearchFields.DOWNLOADS);

    private final String field;

    SearchSort(String field) {
        this.field = field;
    }

    /** The value used in URLs: {@code relevance}, {@code newest}, {@code most_liked}, {@code most_downloaded}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SearchSort> parse(String text) {
        for (SearchSort sort : values()) {
            if (sort.parameter().equals(text.strip().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }

    Sort lucene() {
        SortField key = new SortField(SearchFields.KEY, SortField.Type.STRING);
        if (field == null) {
            return new Sort(SortField.FIELD_SCORE, key);
        }
        return new Sort(new SortField(field, SortField.Type.LONG, true), key);
    }
}
