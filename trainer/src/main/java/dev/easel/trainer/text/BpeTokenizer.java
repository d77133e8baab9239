package dev.easel.trainer.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CLIP-style byte-level BPE tokenizer: vocabulary = 256 byte symbols, their end-of-word forms, one entry per merge,
 * then the start and end tokens. Encodes prompts to the fixed 77-id sequences the text encoder reads, and writes the
 * {@code tokenizer/} folder of the diffusers layout.
 */
public final class BpeTokenizer {

    public static final int MAX_LENGTH = 77;

    private final List<Merge> merges;
    private final Map<Merge, Integer> ranks = new HashMap<>();
    private final Map<String, Integer> vocab = new LinkedHashMap<>();
    private final Map<String, int[]> cache = new HashMap<>();

    public BpeTokenizer(List<Merge> merges) {
        this.merges = List.copyOf(merges);
        for (char c : ByteSymbols.vocabOrder()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        for (char c : ByteSymbols.vocabOrder()) {
            vocab.put(c + ByteSymbols.END_OF_WORD, vocab.size());
        }
        for (int i = 0; i < merges.size(); i++) {
            ranks.put(merges.get(i), i);
            vocab.putIfAbsent(merges.get(i).merged(), vocab.size());
        }
        vocab.put(ByteSymbols.START_TOKEN, vocab.size());
        vocab.put(ByteSymbols.END_TOKEN, vocab.size());
    }

    public int vocabSize() {
        return vocab.size();
    }

    public int startId() {
        return vocab.get(ByteSymbols.START_TOKEN);
    }

    public int endId() {
        return vocab.get(ByteSymbols.END_TOKEN);
    }

    /** Start token, up to 75 text tokens, end token, then end tokens as padding: exactly 77 ids. */
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String word : ByteSymbols.words(text)) {
            for (int id : cache.computeIfAbsent(word, this::encodeWord)) {
                ids.add(id);
            }
        }
        int[] out = new int[MAX_LENGTH];
        Arrays.fill(out, endId());
        out[0] = startId();
        for (int i = 0; i < Math.min(ids.size(), MAX_LENGTH - 2); i++) {
            out[i + 1] = ids.get(i);
        }
        return out;
    }

    /** Symbols of one pre-tokenized word after applying merges in rank order. */
    public List<String> bpe(String word) {
        List<String> symbols = ByteSymbols.initialSymbols(word);
        while (symbols.size() > 1) {
            Merge best = null;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = ranks.get(new Merge(symbols.get(i), symbols.get(i + 1)));
                if (rank != null && rank < bestRank) {
                    best = new Merge(symbols.get(i), symbols.get(i + 1));
                    bestRank = rank;
                }
            }
            if (best == null) {
                break;
            }
            BpeLearner.apply(symbols, best);
        }
        return symbols;
    }

    private int[] encodeWord(String word) {
        return bpe(word).stream().mapToInt(vocab::get).toArray();
    }

    /** Writes vocab.json, merges.txt, tokenizer_config.json and special_tokens_map.json. */
    public void writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(folder.resolve("vocab.json").toFile(), vocab);
        StringBuilder text = new StringBuilder("#version: 0.2\n");
        for (Merge m : merges) {
            text.append(m.left()).append(' ').append(m.right()).append('\n');
        }
        Files.writeString(folder.resolve("merges.txt"), text, StandardCharsets.UTF_8);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenizer_class", "CLIPTokenizer");
        config.put("model_max_length", MAX_LENGTH);
        config.put("bos_token", ByteSymbols.START_TOKEN);
        config.put("eos_token", ByteSymbols.END_TOKEN);
        config.put("pad_token", ByteSymbols.END_TOKEN);
        config.put("unk_token", ByteSymbols.END_TOKEN);
        config.put("do_lower_case", true);
        json.writeValue(folder.resolve("tokenizer_config.json").toFile(), config);
        Map<String, Object> special = new LinkedHashMap<>();
        special.put("bos_token", ByteSymbols.START_TOKEN);
        special.put("eos_token", ByteSymbols.END_TOKEN);
        special.put("pad_token", ByteSymbols.END_TOKEN);
        special.put("unk_token", ByteSymbols.END_TOKEN);
        json.writeValue(folder.resolve("special_tokens_map.json").toFile(), special);
    }

    /** Reads merges.txt back (vocab.json is derived from the merges). */
    public static BpeTokenizer read(Path folder) throws IOException {
        List<Merge> merges = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("merges.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            merges.add(new Merge(line.substring(0, space), line.substring(space + 1)));
        }
        return new BpeTokenizer(merges);
    }
}
