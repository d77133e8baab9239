package dev.easel.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** A short passage of an item's text around the first word that matched, as plain text. */
final class Snippets {
    static final int LENGTH = 200;
    private static final int BEFORE = 60;

    private Snippets() {}

    static String of(Analyzer analyzer, Set<String> terms, String text) {
        if (text.length() <= LENGTH) {
            return text;
        }
        int match = terms.isEmpty() ? 0 : firstMatch(analyzer, terms, text);
        int start = Math.max(0, match - BEFORE);
        // Start at a word boundary when one is near.
        int space = text.lastIndexOf(' ', start + 15);
        if (start > 0 && space >= start - 15 && space < match) {
            start = space + 1;
        }
        int end = Math.min(text.length(), start + LENGTH);
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
    }

    private static int firstMatch(Analyzer analyzer, Set<String> terms, String text) {
        try (TokenStream stream = analyzer.tokenStream(SearchFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int found = 0;
            while (stream.incrementToken()) {
                if (terms.contains(term.toString())) {
                    found = offset.startOffset();
                    break;
                }
            }
            // Drain so that the stream can be closed cleanly.
            while (stream.incrementToken()) {
                // nothing
            }
            stream.end();
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
