package dev.easel.engine.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-level BPE as CLIP uses it: each UTF-8 byte of a word becomes a printable stand-in character (GPT-2's
 * bytes-to-unicode table), the word's last symbol carries the {@code </w>} end-of-word marker, and the lowest-ranked
 * merge present is applied to every occurrence, until no ranked pair is left. Thread-safe.
 */
final class ByteLevelBpe {

    static final String END_OF_WORD = "</w>";

    private static final int CACHE_CAPACITY = 16_384;
    // Longer words are tokenized but not cached, so a prompt made of huge words cannot pin memory.
    private static final int MAX_CACHED_WORD_LENGTH = 64;

    private static final char[] BYTE_TO_SYMBOL = byteToSymbol();
    private static final int[] SYMBOL_TO_BYTE = symbolToByte(BYTE_TO_SYMBOL);

    private final Map<String, Integer> vocabulary;
    private final String[] tokensById;
    private final Map<SymbolPair, Integer> mergeRanks;
    private final int unknownId;
    private final Map<String, int[]> cache = Collections.synchronizedMap(new LruMap(CACHE_CAPACITY));

    /**
     * @param vocabulary token to id, ids in {@code [0, vocabulary.size())}
     * @param merges merges in rank order
     * @param unknownId id for a symbol the vocabulary lacks
     */
    ByteLevelBpe(Map<String, Integer> vocabulary, List<SymbolPair> merges, int unknownId) {
        this.vocabulary = vocabulary;
        this.unknownId = unknownId;
        this.tokensById = new String[vocabulary.size()];
        vocabulary.forEach((token, id) -> tokensById[id] = token);
        this.mergeRanks = new HashMap<>(merges.size() * 2);
        for (int rank = 0; rank < merges.size(); rank++) {
            mergeRanks.put(merges.get(rank), rank);
        }
    }

    /**
     * Ids of one pre-tokenized word. The returned array is shared with the cache: callers must not modify it.
     *
     * @param word a non-empty piece of cleaned prompt text
     */
    int[] encodeWord(String word) {
        int[] ids = cache.get(word);
        if (ids == null) {
            ids = idsOf(merge(toSymbols(word)));
            if (word.length() <= MAX_CACHED_WORD_LENGTH) {
                cache.put(word, ids);
            }
        }
        return ids;
    }

    /**
     * The text the given ids spell: bytes of consecutive tokens are joined before UTF-8 decoding (a character may span
     * tokens), and each end-of-word marker becomes a space. Invalid UTF-8 decodes to U+FFFD.
     */
    String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            String token = tokenOf(id);
            boolean endOfWord = token.endsWith(END_OF_WORD);
            String symbols = endOfWord ? token.substring(0, token.length() - END_OF_WORD.length()) : token;
            symbols.codePoints().forEach(symbol -> writeByteOf(symbol, bytes));
            if (endOfWord) {
                bytes.write(' ');
            }
        }
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    private String tokenOf(int id) {
        if (id < 0 || id >= tokensById.length || tokensById[id] == null) {
            throw new IllegalArgumentException("no token has id " + id);
        }
        return tokensById[id];
    }

    /** One stand-in character per UTF-8 byte. */
    private static String toSymbols(String word) {
        byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
        char[] symbols = new char[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            symbols[i] = BYTE_TO_SYMBOL[utf8[i] & 0xFF];
        }
        return new String(symbols);
    }

    /** Vocabulary tokens are stand-in characters; anything else (such as a special token) is written as UTF-8. */
    private static void writeByteOf(int symbol, ByteArrayOutputStream bytes) {
        if (symbol < SYMBOL_TO_BYTE.length && SYMBOL_TO_BYTE[symbol] >= 0) {
            bytes.write(SYMBOL_TO_BYTE[symbol]);
        } else {
            bytes.writeBytes(Character.toString(symbol).getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<String> merge(String symbols) {
        int last = symbols.length() - 1;
        List<String> word = new ArrayList<>(symbols.length());
        for (int i = 0; i < last; i++) {
            word.add(String.valueOf(symbols.charAt(i)));
        }
        word.add(symbols.charAt(last) + END_OF_WORD);

        while (word.size() > 1) {
            SymbolPair best = lowestRankedPair(word);
            if (best == null) {
                break;
            }
            word = mergeAll(word, best);
        }
        return word;
    }

    private SymbolPair lowestRankedPair(List<String> word) {
        SymbolPair best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < word.size(); i++) {
            SymbolPair pair = new SymbolPair(word.get(i), word.get(i + 1));
            Integer rank = mergeRanks.get(pair);
            if (rank != null && rank < bestRank) {
                best = pair;
                bestRank = rank;
            }
        }
        return best;
    }

    /** Merges every occurrence of the pair, scanning left to right so overlapping occurrences merge leftmost first. */
    private static List<String> mergeAll(List<String> word, SymbolPair pair) {
        List<String> merged = new ArrayList<>(word.size());
        int i = 0;
        while (i < word.size()) {
            if (i + 1 < word.size()
                    && word.get(i).equals(pair.left())
                    && word.get(i + 1).equals(pair.right())) {
                merged.add(pair.merged());
                i += 2;
            } else {
                merged.add(word.get(i));
                i++;
            }
        }
        return merged;
    }

    private int[] idsOf(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.getOrDefault(tokens.get(i), unknownId);
        }
        return ids;
    }

    /**
     * GPT-2's table: printable Latin-1 bytes stand for themselves; the other bytes, in ascending order, take the
     * characters from U+0100 on, so no symbol is whitespace or a control character.
     */
    private static char[] byteToSymbol() {
        char[] table = new char[256];
        char next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char) b : next++;
        }
        return table;
    }

    private static int[] symbolToByte(char[] byteToSymbol) {
        char highest = 0;
        for (char symbol : byteToSymbol) {
            highest = (char) Math.max(highest, symbol);
        }
        int[] table = new int[highest + 1];
        Arrays.fill(table, -1);
        for (int b = 0; b < byteToSymbol.length; b++) {
            table[byteToSymbol[b]] = b;
        }
        return table;
    }

    private static final class LruMap extends LinkedHashMap<String, int[]> {
        private static final long serialVersionUID = 1L;
        private final int capacity;

        LruMap(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > capacity;
        }
    }
}
