package dev.easel.server.moderation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds block-list terms in normalized text with two tries. Terms in scripts written with spaces (Latin, Cyrillic,
 * ...) must cover whole words, so "ass" is not found in "class"; a space in such a term matches any run of separators
 * or none ("child porn" is found in "child-porn" and "childporn"). Terms in Chinese, Japanese and other scripts written
 * without spaces are found anywhere, separators between their characters ignored.
 */
final class TermMatcher {
    /** Trie label of a word break inside a term; never a code point. */
    private static final int BREAK = -1;

    /** A term as written in its list, for telling users and moderators what matched. */
    record BlockedTerm(String list, String term) {}

    private static final class Node {
        final Map<Integer, Node> children = new HashMap<>();
        BlockedTerm term;

        Node child(int label) {
            return children.computeIfAbsent(label, key -> new Node());
        }
    }

    private final Node wordTerms = new Node();
    private final Node substringTerms = new Node();
    private final int size;

    TermMatcher(List<BlockList> lists) {
        int added = 0;
        for (BlockList list : lists) {
            for (String term : list.terms()) {
                if (add(new BlockedTerm(list.name(), term))) {
                    added++;
                }
            }
        }
        this.size = added;
    }

    /** Distinct terms, after normalization. */
    int size() {
        return size;
    }

    /** The first blocked term in the text, by position. */
    Optional<BlockedTerm> find(String text) {
        NormalizedText normalized = TextNormalizer.normalize(text);
        for (int start = 0; start < normalized.length(); start++) {
            BlockedTerm found =
                    normalized.startsToken(start) ? matchWords(normalized, start, start, wordTerms, false) : null;
            if (found == null) {
                found = matchAnywhere(normalized, start, substringTerms);
            }
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private boolean add(BlockedTerm blocked) {
        NormalizedText term = TextNormalizer.normalize(blocked.term());
        boolean anywhere = false;
        for (int i = 0; i < term.length(); i++) {
            anywhere |= term.substringScript(i);
        }
        Node node = anywhere ? substringTerms : wordTerms;
        for (int i = 0; i < term.length(); i++) {
            if (!anywhere && i > 0 && term.startsToken(i)) {
                node = node.child(BREAK);
            }
            // Terms take the plain reading of each letter; the text's letters offer all of theirs.
            node = node.child(term.candidates(i)[0]);
        }
        if (node.term != null) {
            return false; // the same term in another list: the first list keeps it
        }
        node.term = blocked;
        return true;
    }

    /**
     * A word term starting at letter {@code start} (a word start) and covering letters up to {@code next - 1}, which
     * must end a word.
     */
    private static BlockedTerm matchWords(NormalizedText text, int start, int next, Node node, boolean afterBreak) {
        boolean inside = next > start && !afterBreak;
        if (inside && node.term != null && text.endsToken(next - 1)) {
            return node.term;
        }
        if (next == text.length()) {
            return null;
        }
        if (inside) {
            Node wordBreak = node.children.get(BREAK);
            if (wordBreak != null) {
                BlockedTerm found = matchWords(text, start, next, wordBreak, true);
                if (found != null) {
                    return found;
                }
            }
            if (!text.joinable(next)) {
                return null;
            }
        }
        for (int letter : text.candidates(next)) {
            Node child = node.children.get(letter);
            if (child != null) {
                BlockedTerm found = matchWords(text, start, next + 1, child, false);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static BlockedTerm matchAnywhere(NormalizedText text, int next, Node node) {
        if (node.term != null) {
            return node.term;
        }
        if (next == text.length()) {
            return null;
        }
        for (int letter : text.candidates(next)) {
            Node child = node.children.get(letter);
            if (child != null) {
                BlockedTerm found = matchAnywhere(text, next + 1, child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
