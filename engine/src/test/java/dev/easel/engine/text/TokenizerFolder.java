package dev.easel.engine.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small CLIP-style tokenizer folder. The vocabulary is laid out as CLIP's is: the 256 byte symbols in GPT-2
 * bytes-to-unicode order (ids 0..255), the same symbols with {@code </w>} (256..511), one token per merge in merge
 * order (512..), then the start and end tokens.
 */
final class TokenizerFolder {

    /** Merges; the merged token of line i gets id 512 + i. */
    static final List<String> MERGES = List.of(
            "h e", // 512 he
            "l l", // 513 ll
            "he ll", // 514 hell
            "hell o</w>", // 515 hello</w>
            "l l</w>", // 516 ll</w>
            "e l", // 517 el
            "' s</w>", // 518 's</w>
            "c a", // 519 ca
            "ca t</w>", // 520 cat</w>
            "w o", // 521 wo
            "wo r", // 522 wor
            "wor l", // 523 worl
            "worl d</w>", // 524 world</w>
            "t h", // 525 th
            "th e</w>" // 526 the</w>
            );

    static final String START = "<|startoftext|>";
    static final String END = "<|endoftext|>";
    static final int START_ID = 527;
    static final int END_ID = 528;
    static final int VOCABULARY_SIZE = 529;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFolder() {}

    /** The byte symbols in CLIP's vocabulary order, built from GPT-2's published bytes_to_unicode definition. */
    static List<String> byteSymbols() {
        List<Integer> printable = new ArrayList<>();
        addRange(printable, '!', '~');
        addRange(printable, 0xA1, 0xAC);
        addRange(printable, 0xAE, 0xFF);
        List<String> symbols = new ArrayList<>();
        printable.forEach(b -> symbols.add(Character.toString(b)));
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable.contains(b)) {
                symbols.add(Character.toString(256 + n++));
            }
        }
        return symbols;
    }

    /** Tokens in id order for the given merges. */
    static List<String> vocabulary(List<String> merges) {
        List<String> tokens = new ArrayList<>(byteSymbols());
        byteSymbols().forEach(symbol -> tokens.add(symbol + "</w>"));
        merges.forEach(merge -> tokens.add(merge.replace(" ", "")));
        tokens.add(START);
        tokens.add(END);
        return tokens;
    }

    /** An SD1-style folder: pad token = end token, 77 ids. */
    static Path sd1(Path dir) {
        return write(dir, vocabulary(MERGES), MERGES, Map.of("model_max_length", 77, "pad_token", END));
    }

    static Path write(Path dir, List<String> tokens, List<String> merges, Map<String, ?> config) {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            vocabulary.put(tokens.get(id), id);
        }
        List<String> mergeLines = new ArrayList<>();
        mergeLines.add("#version: 0.2");
        mergeLines.addAll(merges);
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("vocab.json").toFile(), vocabulary);
            Files.write(dir.resolve("merges.txt"), mergeLines);
            JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static void addRange(List<Integer> bytes, int first, int last) {
        for (int b = first; b <= last; b++) {
            bytes.add(b);
        }
    }
}
