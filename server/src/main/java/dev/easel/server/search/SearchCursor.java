package dev.easel.server.search;

import dev.easel.server.api.FieldException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Keyset cursors over the index: the sort value and item key of the last hit of a page, so the next page starts after
 * it however many pages deep (Lucene's search-after) and whatever was added meanwhile.
 */
final class SearchCursor {
    private SearchCursor() {}

    static String encode(SearchSort sort, FieldDoc last) {
        String value = sort == SearchSort.RELEVANCE
                ? Integer.toString(Float.floatToIntBits((Float) last.fields[0]))
                : Long.toString((Long) last.fields[0]);
        String key = ((BytesRef) last.fields[1]).utf8ToString();
        String plain = sort.parameter() + "\n" + value + "\n" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position to search after.
     *
     * @param lastDoc the highest doc id of the current index view: ties on both sort fields are the same item, which
     *     must not come back
     * @throws FieldException naming {@code cursor} when it is malformed or was made for another sort
     */
    static FieldDoc decode(String cursor, SearchSort sort, int lastDoc) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 3 || !parts[0].equals(sort.parameter()) || parts[2].isEmpty()) {
            throw invalid();
        }
        try {
            BytesRef key = new BytesRef(parts[2]);
            if (sort == SearchSort.RELEVANCE) {
                float score = Float.intBitsToFloat(Integer.parseInt(parts[1]));
                return new FieldDoc(lastDoc, score, new Object[] {score, key});
            }
            return new FieldDoc(lastDoc, Float.NaN, new Object[] {Long.parseLong(parts[1]), key});
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static FieldException invalid() {
        return new FieldException(
                "cursor", "cursor is not valid for this search (use the nextCursor of a page with the same sort)");
    }
}
