package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.moderation.TermMatcher.BlockedTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random disguises of every shipped term (random case, digit and look-alike substitutions, full-width forms,
 * accents, invisible characters, separators between letters, spelled-out words, surrounding text) must still be
 * caught; the same disguises of ordinary words that merely contain a short term must not be.
 */
class DisguisedTermsRandomizedTest {
    private static final List<BlockList> SHIPPED = BlockLists.defaults();
    private static final BlockList SHORT_TERMS =
            new BlockList("short-en", List.of("ass", "rape", "cum", "anal", "tit"));
    private static final TermMatcher MATCHER = matcher();

    private static final String[] INVISIBLE = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"};
    private static final String[] IN_WORD_PUNCTUATION = {".", "_", "-", "*", "~", "'", "/", "+", "·", ".."};
    private static final String[] SPELLING_GAPS = {" ", "  ", ", ", ".", "_", "-", " . ", "\t", "\u3000", "/"};
    private static final String[] WORD_GAPS = {"", " ", "  ", ", ", "-", "_", ".", "\n", " , ", "\u3000"};
    private static final String[] CJK_GAPS = {
        "", " ", "\u3000", ".", "_", "-", ",", "，", "、", " . ", "\u200B", "\u200D", "\uFEFF", "\u00AD"
    };
    private static final String[] PREFIXES = {"", "a photo of ", "masterpiece, best quality, ", "(", "一张", "photo: "};
    private static final String[] SUFFIXES = {"", ", 4k", ")", " high detail", "的图片", ":1.2)"};
    private static final String[] ACCENTS = {"\u0301", "\u0308", "\u0336", "\u0300"};

    /** Substitutes for Latin letters: digits and symbols, Cyrillic and Greek look-alikes. */
    private static final Map<Character, String> LATIN_DISGUISES = Map.ofEntries(
            Map.entry('a', "4@аα"),
            Map.entry('b', "в"),
            Map.entry('c', "с"),
            Map.entry('d', "ԁ"),
            Map.entry('e', "3еε"),
            Map.entry('h', "һн"),
            Map.entry('i', "1іι"),
            Map.entry('j', "ј"),
            Map.entry('k', "кκ"),
            Map.entry('l', "1ӏ"),
            Map.entry('m', "м"),
            Map.entry('n', "пη"),
            Map.entry('o', "0оο"),
            Map.entry('p', "рρ"),
            Map.entry('s', "5$ѕ"),
            Map.entry('t', "7тτ"),
            Map.entry('x', "хχ"),
            Map.entry('y', "уγ"));
    /** Latin look-alikes of Cyrillic letters, for disguising Russian terms. */
    private static final Map<Character, String> CYRILLIC_DISGUISES = Map.ofEntries(
            Map.entry('а', "a"),
            Map.entry('е', "e3"),
            Map.entry('о', "o0"),
            Map.entry('р', "p"),
            Map.entry('с', "c"),
            Map.entry('т', "t"),
            Map.entry('к', "k"),
            Map.entry('н', "h"),
            Map.entry('у', "y"),
            Map.entry('х', "x"));
    /** Kangxi radicals and half-width katakana that NFKC maps to the characters of shipped terms. */
    private static final Map<Character, String> CJK_DISGUISES = Map.ofEntries(
            Map.entry('儿', "⼉"),
            Map.entry('色', "⾊"),
            Map.entry('女', "⼥"),
            Map.entry('ポ', "ﾎﾟ"),
            Map.entry('ル', "ﾙ"),
            Map.entry('ノ', "ﾉ"),
            Map.entry('ロ', "ﾛ"),
            Map.entry('リ', "ﾘ"));

    private static TermMatcher matcher() {
        List<BlockList> lists = new ArrayList<>(SHIPPED);
        lists.add(SHORT_TERMS);
        return new TermMatcher(lists);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void disguisedTermsAreCaught(long seed) {
        Random random = new Random(seed);
        for (BlockList list : SHIPPED) {
            for (String term : list.terms()) {
                String prompt = pick(random, PREFIXES) + disguise(term, random) + pick(random, SUFFIXES);
                Optional<BlockedTerm> found = MATCHER.find(prompt);
                assertThat(found)
                        .as("seed %d, term '%s', prompt '%s'", seed, term, escaped(prompt))
                        .isPresent();
                assertThat(found.get().list()).isEqualTo(list.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void disguisedOrdinaryWordsPass(long seed) {
        Random random = new Random(seed);
        for (String word : List.of(
                "class",
                "grape",
                "cucumber",
                "analysis",
                "title",
                "passage",
                "scraper",
                "document",
                "canal",
                "titan")) {
            String prompt = pick(random, PREFIXES) + disguiseLetters(word, random, false) + pick(random, SUFFIXES);
            assertThat(MATCHER.find(prompt))
                    .as("seed %d, prompt '%s'", seed, escaped(prompt))
                    .isEmpty();
        }
    }

    private static String disguise(String term, Random random) {
        if (term.codePoints().anyMatch(DisguisedTermsRandomizedTest::isChineseOrJapanese)) {
            StringBuilder out = new StringBuilder();
            for (char c : term.toCharArray()) {
                if (!out.isEmpty()) {
                    out.append(pick(random, CJK_GAPS));
                }
                String variant = CJK_DISGUISES.get(c);
                out.append(variant != null && random.nextBoolean() ? variant : String.valueOf(c));
            }
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        for (String word : term.split(" ")) {
            if (!out.isEmpty()) {
                out.append(pick(random, WORD_GAPS));
            }
            out.append(random.nextInt(4) == 0 ? spellOut(word, random) : disguiseLetters(word, random, true));
        }
        return out.toString();
    }

    /** Each letter its own word: "c h i l d", "c.h.i.l.d", "c, h, i, l, d". */
    private static String spellOut(String word, Random random) {
        StringBuilder out = new StringBuilder();
        for (char letter : word.toCharArray()) {
            if (!out.isEmpty()) {
                out.append(pick(random, SPELLING_GAPS));
                if (random.nextInt(4) == 0) {
                    out.append(pick(random, INVISIBLE));
                }
            }
            out.append(disguiseLetter(letter, random));
        }
        return out.toString();
    }

    /**
     * The word stays one word; gaps between letters hold nothing, an invisible character or, if allowed, punctuation
     * ("chi.ld"; for an ordinary word that would rightly split it: "cl.ass" holds the word "ass").
     */
    private static String disguiseLetters(String word, Random random, boolean punctuation) {
        StringBuilder out = new StringBuilder();
        for (char letter : word.toCharArray()) {
            if (!out.isEmpty()) {
                int gap = random.nextInt(6);
                if (gap == 0) {
                    out.append(pick(random, INVISIBLE));
                } else if (gap == 1 && punctuation) {
                    out.append(pick(random, IN_WORD_PUNCTUATION));
                }
            }
            out.append(disguiseLetter(letter, random));
        }
        return out.toString();
    }

    private static String disguiseLetter(char letter, Random random) {
        String substitutes = LATIN_DISGUISES.getOrDefault(letter, CYRILLIC_DISGUISES.get(letter));
        String disguised = String.valueOf(letter);
        int how = random.nextInt(8);
        if (how <= 1 && substitutes != null) {
            disguised = String.valueOf(substitutes.charAt(random.nextInt(substitutes.length())));
        } else if (how == 2 && letter >= '!' && letter <= '~') {
            disguised = String.valueOf((char) (letter - '!' + '！')); // full-width form
        } else if (how == 3) {
            disguised = disguised + pick(random, ACCENTS);
        }
        return random.nextBoolean() ? disguised.toUpperCase(Locale.ROOT) : disguised;
    }

    private static boolean isChineseOrJapanese(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || Character.getType(cp) == Character.FORMAT) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
