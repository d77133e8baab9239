package dev.easel.engine.text;

import static dev.easel.engine.text.TokenizerFolder.END_ID;
import static dev.easel.engine.text.TokenizerFolder.MERGES;
import static dev.easel.engine.text.TokenizerFolder.START_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected ids are worked out by hand from {@link TokenizerFolder}'s layout: a printable ASCII character c has id
 * {@code c - 33} and {@code c - 33 + 256} with {@code </w>}; merge line i yields id 512 + i.
 */
class ClipTokenizerTest {

    private static final int HELLO = 515;
    private static final int WORLD = 524;
    private static final int CAT = 520;
    private static final int THE = 526;

    @TempDir
    Path dir;

    private ClipTokenizer tokenizer;

    @BeforeEach
    void load() {
        tokenizer = ClipTokenizer.load(TokenizerFolder.sd1(dir));
    }

    /** The prompt tokens between the start and end tokens. */
    private int[] tokens(String prompt) {
        TokenizedPrompt encoded = tokenizer.encode(prompt);
        int[] ids = encoded.ids();
        int kept = Math.min(encoded.tokenCount(), tokenizer.contextLength() - 2);
        assertThat(ids[0]).isEqualTo(START_ID);
        assertThat(ids[kept + 1]).isEqualTo(tokenizer.endTokenId());
        return Arrays.copyOfRange(ids, 1, kept + 1);
    }

    @Test
    void reportsContextLengthVocabularyAndSpecialIds() {
        assertThat(tokenizer.contextLength()).isEqualTo(77);
        assertThat(tokenizer.vocabularySize()).isEqualTo(TokenizerFolder.VOCABULARY_SIZE);
        assertThat(tokenizer.startTokenId()).isEqualTo(START_ID);
        assertThat(tokenizer.endTokenId()).isEqualTo(END_ID);
        assertThat(tokenizer.padTokenId()).isEqualTo(END_ID);
    }

    @Test
    void encodesWordsThroughTheirMerges() {
        assertThat(tokens("hello")).containsExactly(HELLO);
        // w o -> wo, wo r -> wor, wor l -> worl, worl d</w> -> world</w>
        assertThat(tokens("world")).containsExactly(WORLD);
        // t h -> th, then th e</w>; "h e" does not apply because the last e carries </w>
        assertThat(tokens("the")).containsExactly(THE);
    }

    @Test
    void endOfWordMarkerDecidesWhichMergesApply() {
        // h e l l</w>: "h e" (rank 0) first, then "l l</w>" (rank 4); "l l" (rank 1) never matches l l</w>
        assertThat(tokens("hell")).containsExactly(512, 516);
        // c a t s</w>: only "c a" applies; "ca t</w>" needs t to end the word; t = 116 - 33, s</w> = 115 - 33 + 256
        assertThat(tokens("cats")).containsExactly(519, 83, 338);
    }

    @Test
    void appliesTheLowestRankedMergeFirstNotTheLeftmost() {
        // e l l</w>: "l l</w>" has rank 4 and beats "e l" at rank 5, leaving e (101 - 33) + ll</w>
        assertThat(tokens("ell")).containsExactly(68, 516);
    }

    @Test
    void wordWithoutMergesBecomesByteTokensWithMarkerOnTheLast() {
        // q u i z</w>
        assertThat(tokens("quiz")).containsExactly('q' - 33, 'u' - 33, 'i' - 33, 'z' - 33 + 256);
    }

    @Test
    void lowerCasesTheWholePrompt() {
        assertThat(tokens("HELLO World")).containsExactly(HELLO, WORLD);
    }

    @Test
    void collapsesAndStripsWhitespaceIncludingNewlinesTabsAndUnicodeSpaces() {
        assertThat(tokens("  \t hello \n\n  world \r\n")).containsExactly(HELLO, WORLD);
        assertThat(tokens("hello\u3000world\u00a0")).containsExactly(HELLO, WORLD);
    }

    @Test
    void splitsPunctuationRunsAndSingleDigits() {
        // "," -> ,</w> = 44 - 33 + 256; "!!" -> ! !</w> = 0, 256; "42" -> 4</w> 2</w>
        assertThat(tokens("hello, world!!")).containsExactly(HELLO, 267, WORLD, 0, 256);
        assertThat(tokens("cat42")).containsExactly(CAT, '4' - 33 + 256, '2' - 33 + 256);
    }

    @Test
    void splitsContractions() {
        // cat's -> "cat" + "'s"; ' s</w> merges to 's</w> (518)
        assertThat(tokens("cat's")).containsExactly(CAT, 518);
        assertThat(tokens("CAT'S")).containsExactly(CAT, 518);
    }

    @Test
    void normalizesToNfcBeforeSplitting() {
        // e + combining acute composes to U+00E9 = bytes C3 A9; C3 is id 106 + (0xC3 - 0xAE), A9 is id 94 + (0xA9 -
        // 0xA1)
        int[] expected = {127, 102 + 256};
        assertThat(tokens("e\u0301")).containsExactly(expected);
        assertThat(tokens("\u00e9")).containsExactly(expected);
    }

    @Test
    void emojiBecomesItsUtf8ByteTokens() {
        // U+1F600 = F0 9F 98 80. F0 is printable: 106 + (0xF0 - 0xAE) = 172. 9F, 98 and 80 are not: they are the
        // 66th, 59th and 35th non-printable bytes (0x00-0x20 are the first 33), ids 188 + 65, 188 + 58, 188 + 34.
        assertThat(tokens("\uD83D\uDE00")).containsExactly(172, 253, 246, 222 + 256);
    }

    @Test
    void cjkTextBecomesItsUtf8ByteTokens() {
        // U+732B = E7 8C AB: E7 -> 106 + 57 = 163; 8C -> 188 + 46 = 234; AB -> 94 + 10 = 104
        assertThat(tokens("猫")).containsExactly(163, 234, 104 + 256);
        // letters run together into one word, so only the last byte carries </w>
        assertThat(tokens("猫猫")).containsExactly(163, 234, 104, 163, 234, 104 + 256);
    }

    @Test
    void emptyAndBlankPromptsGiveStartEndAndPadding() {
        int[] expected = new int[77];
        Arrays.fill(expected, END_ID);
        expected[0] = START_ID;
        for (String prompt : List.of("", "   ", "\n\t\r")) {
            TokenizedPrompt encoded = tokenizer.encode(prompt);
            assertThat(encoded.ids()).containsExactly(expected);
            assertThat(encoded.tokenCount()).isZero();
            assertThat(encoded.truncated()).isFalse();
        }
    }

    @Test
    void padsWithTheEndTokenForSd1() {
        TokenizedPrompt encoded = tokenizer.encode("hello world");
        int[] ids = encoded.ids();
        assertThat(ids).hasSize(77);
        assertThat(Arrays.copyOf(ids, 4)).containsExactly(START_ID, HELLO, WORLD, END_ID);
        assertThat(Arrays.copyOfRange(ids, 4, 77)).containsOnly(END_ID);
        assertThat(encoded.tokenCount()).isEqualTo(2);
        assertThat(encoded.truncated()).isFalse();
    }

    @Test
    void truncatesToContextLengthKeepingTheFirstTokensAndTheEndToken() {
        TokenizedPrompt encoded = tokenizer.encode(String.join(" ", Collections.nCopies(100, "cat")));
        int[] ids = encoded.ids();
        assertThat(ids).hasSize(77);
        assertThat(encoded.truncated()).isTrue();
        assertThat(encoded.tokenCount()).isEqualTo(100);
        assertThat(ids[0]).isEqualTo(START_ID);
        assertThat(Arrays.copyOfRange(ids, 1, 76)).containsOnly(CAT);
        assertThat(ids[76]).isEqualTo(END_ID);
    }

    @Test
    void truncatesOnlyBeyondContextLengthMinusTwo() {
        TokenizedPrompt fits = tokenizer.encode(String.join(" ", Collections.nCopies(75, "cat")));
        assertThat(fits.truncated()).isFalse();
        assertThat(fits.tokenCount()).isEqualTo(75);
        assertThat(fits.ids()[76]).isEqualTo(END_ID);

        TokenizedPrompt over = tokenizer.encode(String.join(" ", Collections.nCopies(76, "cat")));
        assertThat(over.truncated()).isTrue();
        assertThat(over.tokenCount()).isEqualTo(76);
        assertThat(over.ids()[75]).isEqualTo(CAT);
        assertThat(over.ids()[76]).isEqualTo(END_ID);
    }

    @Test
    void specialTokenTypedInThePromptIsThatToken() {
        assertThat(tokens("hello <|ENDOFTEXT|> world")).containsExactly(HELLO, END_ID, WORLD);
    }

    @Test
    void padTokenAndContextLengthComeFromTheConfig(@TempDir Path sd2) {
        // SD 2.x writes pad_token as a serialized AddedToken whose content is "!" (id 0)
        Map<String, Object> config = Map.of(
                "model_max_length",
                8,
                "pad_token",
                Map.of("__type", "AddedToken", "content", "!", "lstrip", false, "rstrip", false));
        ClipTokenizer bang =
                ClipTokenizer.load(TokenizerFolder.write(sd2, TokenizerFolder.vocabulary(MERGES), MERGES, config));

        assertThat(bang.contextLength()).isEqualTo(8);
        assertThat(bang.padTokenId()).isZero();
        assertThat(bang.encode("hello").ids()).containsExactly(START_ID, HELLO, END_ID, 0, 0, 0, 0, 0);
        TokenizedPrompt truncated = bang.encode("cat cat cat cat cat cat cat");
        assertThat(truncated.ids()).containsExactly(START_ID, CAT, CAT, CAT, CAT, CAT, CAT, END_ID);
        assertThat(truncated.truncated()).isTrue();
    }

    @Test
    void symbolMissingFromTheVocabularyBecomesTheUnknownToken(@TempDir Path gappy) {
        List<String> tokens = new ArrayList<>(TokenizerFolder.vocabulary(MERGES));
        tokens.remove("z</w>");
        ClipTokenizer withoutZ = ClipTokenizer.load(TokenizerFolder.write(gappy, tokens, MERGES, Map.of()));
        int end = TokenizerFolder.VOCABULARY_SIZE - 2; // one token fewer, so the end token moved down by one

        assertThat(withoutZ.endTokenId()).isEqualTo(end);
        TokenizedPrompt encoded = withoutZ.encode("zz");
        // z (122 - 33) keeps its id; z</w> is unknown, and the unknown token defaults to <|endoftext|>
        assertThat(Arrays.copyOf(encoded.ids(), 4)).containsExactly(end - 1, 'z' - 33, end, end);
        assertThat(encoded.tokenCount()).isEqualTo(2);
    }

    @Test
    void decodingInvertsEncodingForAsciiWords() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            StringBuilder text = new StringBuilder();
            for (int word = 0; word < 1 + random.nextInt(8); word++) {
                if (word > 0) {
                    text.append(' ');
                }
                for (int letter = 0; letter < 1 + random.nextInt(9); letter++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
            }
            String prompt = text.toString();
            assertThat(tokenizer.decode(tokenizer.encode(prompt).ids())).isEqualTo(prompt);
        }
        assertThat(tokenizer.decode(
                        tokenizer.encode("the hello world cat hell ell").ids()))
                .isEqualTo("the hello world cat hell ell");
    }

    @Test
    void decodingGivesCleanedTextWithPiecesSeparatedBySpaces() {
        assertThat(tokenizer.decode(
                        tokenizer.encode("  Hello,\tWORLD! cat's 42").ids()))
                .isEqualTo("hello , world ! cat 's 4 2");
    }

    @Test
    void decodingJoinsBytesOfCharactersSpanningTokens() {
        assertThat(tokenizer.decode(tokenizer.encode("猫猫 \uD83D\uDE00 café").ids()))
                .isEqualTo("猫猫 \uD83D\uDE00 café");
    }

    @Test
    void decodingStopsAtTheEndTokenWhateverThePad(@TempDir Path sd2) {
        ClipTokenizer bang = ClipTokenizer.load(
                TokenizerFolder.write(sd2, TokenizerFolder.vocabulary(MERGES), MERGES, Map.of("pad_token", "!")));
        assertThat(bang.decode(bang.encode("hello!").ids())).isEqualTo("hello !");
    }

    @Test
    void concurrentEncodingMatchesSequentialEncoding() throws Exception {
        List<String> prompts = List.of("hello world", "cat's 42", "猫 \uD83D\uDE00", "the quick brown fox", "hell ell");
        List<TokenizedPrompt> expected = prompts.stream().map(tokenizer::encode).toList();
        ClipTokenizer fresh = ClipTokenizer.load(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < prompts.size(); i++) {
                            if (!fresh.encode(prompts.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
