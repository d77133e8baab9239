package dev.easel.trainer.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level text handling: every byte maps to one printable character (so BPE works on any text), and
 * lower-cased text splits into words, numbers and punctuation runs before BPE.
 */
public final class ByteSymbols {

    public static final String END_OF_WORD = "</w>";
    public static final String START_TOKEN = "<|startoftext|>";
    public static final String END_TOKEN = "<|endoftext|>";

    private static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+");

    /** Characters for bytes 0..255 in CLIP's order: printable Latin-1 keep their code, the rest move to 256+. */
    private static final char[] BYTE_CHARS = new char[256];

    /** The 256 byte characters in vocabulary order (printable ones first, as CLIP lists them). */
    private static final List<Character> VOCAB_ORDER = new ArrayList<>();

    static {
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable[b]) {
                BYTE_CHARS[b] = (char) b;
                VOCAB_ORDER.add((char) b);
            }
        }
        int next = 256;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                BYTE_CHARS[b] = (char) next++;
                VOCAB_ORDER.add(BYTE_CHARS[b]);
            }
        }
    }

    private ByteSymbols() {}

    public static List<Character> vocabOrder() {
        return List.copyOf(VOCAB_ORDER);
    }

    /** Lower-cases, collapses whitespace and splits into pre-tokens, each rendered in byte characters. */
    public static List<String> words(String text) {
        String clean = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        Matcher m = WORDS.matcher(clean);
        while (m.find()) {
            StringBuilder sb = new StringBuilder();
            for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                sb.append(BYTE_CHARS[b & 0xFF]);
            }
            words.add(sb.toString());
        }
        return words;
    }

    /** Initial BPE symbols of a word: one per character, the last one carrying the end-of-word marker. */
    public static List<String> initialSymbols(String word) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            String s = String.valueOf(word.charAt(i));
            symbols.add(i == word.length() - 1 ? s + END_OF_WORD : s);
        }
        return symbols;
    }
}
