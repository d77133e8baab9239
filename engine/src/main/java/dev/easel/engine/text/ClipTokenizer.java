package dev.easel.engine.text;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's tokenizer with the semantics of OpenAI CLIP and transformers' CLIPTokenizer: the prompt is NFC-normalized,
 * whitespace-collapsed and lower-cased, split by CLIP's regex into words, contractions, single digits and punctuation
 * runs, and each piece is encoded with byte-level BPE. A prompt longer than the context allows is truncated rather
 * than chunked, so every prompt gives the same sequence length and prompts can share one batched UNet call.
 * Immutable and thread-safe.
 */
public final class ClipTokenizer {

    // ftfy, which OpenAI CLIP uses for clean-up, has no Java port; NFC plus whitespace collapsing is what
    // transformers' fast CLIP tokenizer does too.
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String WORD_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private final ByteLevelBpe bpe;
    private final Pattern pieces;
    private final String startToken;
    private final String endToken;
    private final int startId;
    private final int endId;
    private final int padId;
    private final int contextLength;
    private final int vocabularySize;

    private ClipTokenizer(TokenizerFiles files) {
        TokenizerFiles.SpecialTokens special = files.specialTokens();
        this.startToken = special.start();
        this.endToken = special.end();
        this.startId = files.vocabulary().get(startToken);
        this.endId = files.vocabulary().get(endToken);
        this.padId = files.vocabulary().get(special.pad());
        this.contextLength = files.contextLength();
        this.vocabularySize = files.vocabulary().size();
        this.bpe = new ByteLevelBpe(
                files.vocabulary(), files.merges(), files.vocabulary().get(special.unknown()));
        this.pieces = Pattern.compile(
                Pattern.quote(startToken) + "|" + Pattern.quote(endToken) + "|" + WORD_PATTERN,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    /**
     * Loads a diffusers {@code tokenizer/} folder: vocab.json and merges.txt (required), tokenizer_config.json and
     * special_tokens_map.json (optional; they name the special tokens and the context length).
     *
     * @throws dev.easel.engine.ModelException if a file is missing or unusable; the message names the file
     */
    public static ClipTokenizer load(Path tokenizerDir) {
        return new ClipTokenizer(TokenizerFiles.read(tokenizerDir));
    }

    /**
     * Encodes a prompt as exactly {@link #contextLength()} ids: start token, prompt tokens, end token, padding. Prompt
     * tokens beyond {@code contextLength() - 2} are dropped and the result is marked truncated. Never fails on any
     * text: every byte has a token, and a token the vocabulary lacks becomes the unknown token.
     */
    public TokenizedPrompt encode(String prompt) {
        Objects.requireNonNull(prompt, "prompt");
        int capacity = contextLength - 2;
        int[] ids = new int[contextLength];
        ids[0] = startId;
        int tokenCount = 0;
        Matcher matcher = pieces.matcher(clean(prompt));
        while (matcher.find()) {
            for (int id : idsOf(matcher.group())) {
                if (tokenCount < capacity) {
                    ids[1 + tokenCount] = id;
                }
                tokenCount++;
            }
        }
        int kept = Math.min(tokenCount, capacity);
        ids[1 + kept] = endId;
        Arrays.fill(ids, 2 + kept, contextLength, padId);
        return new TokenizedPrompt(ids, tokenCount, tokenCount > capacity);
    }

    /**
     * The text that ids spell, words separated by single spaces: start tokens are skipped and decoding stops at the
     * first end token, so padding is ignored whatever the pad token is. Encoding lower-cases and splits punctuation
     * into its own words, so for such prompts this gives back the cleaned, spaced-out text, not the original.
     *
     * @throws IllegalArgumentException if an id is not in the vocabulary
     */
    public String decode(int[] ids) {
        int[] content = Arrays.stream(ids)
                .takeWhile(id -> id != endId)
                .filter(id -> id != startId)
                .toArray();
        return bpe.decode(content);
    }

    /** Ids per encoded prompt, including the start and end tokens (model_max_length, default 77). */
    public int contextLength() {
        return contextLength;
    }

    /** Number of tokens in vocab.json; every id this tokenizer produces is below it. */
    public int vocabularySize() {
        return vocabularySize;
    }

    public int startTokenId() {
        return startId;
    }

    public int endTokenId() {
        return endId;
    }

    public int padTokenId() {
        return padId;
    }

    private int[] idsOf(String piece) {
        // A special token typed into the prompt is that token, as in OpenAI CLIP.
        if (piece.equalsIgnoreCase(startToken)) {
            return new int[] {startId};
        }
        if (piece.equalsIgnoreCase(endToken)) {
            return new int[] {endId};
        }
        return bpe.encodeWord(piece);
    }

    private static String clean(String prompt) {
        String normalized = Normalizer.normalize(prompt, Normalizer.Form.NFC);
        return WHITESPACE.matcher(normalized).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}
