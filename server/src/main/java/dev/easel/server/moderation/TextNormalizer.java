package dev.easel.server.moderation;

import static java.util.Map.entry;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings prompts and block-list terms to one form, so that the usual ways of disguising a word still match it: Unicode
 * compatibility forms (full-width letters, ligatures, Kangxi radicals), case, invisible characters, accents, Cyrillic
 * and Greek look-alikes of Latin letters, digit and symbol substitutions, and separators put between letters.
 */
final class TextNormalizer {
    private static final int[] I_OR_L = {'i', 'l'};
    /** Plain ASCII letters and digits, lower case: the common case, spared the Unicode work. */
    private static final int[][] ASCII = new int[128][];

    /** Letters that stand in for Latin letters; the first is the plain reading, used for block-list terms. */
    private static final Map<Integer, int[]> CONFUSABLES = Map.ofEntries(
            // Digit and symbol substitutions ("leet").
            like('0', "o"),
            like('1', "il"),
            like('3', "e"),
            like('4', "a"),
            like('5', "s"),
            like('7', "t"),
            like('@', "a"),
            like('$', "s"),
            // Cyrillic, lower case (text is case-folded first, so capitals arrive here as these).
            like('а', "a"),
            like('в', "b"),
            like('г', "r"),
            like('е', "e"),
            like('і', "il"),
            like('ј', "j"),
            like('к', "k"),
            like('м', "m"),
            like('н', "h"),
            like('о', "o"),
            like('п', "n"),
            like('р', "p"),
            like('с', "c"),
            like('т', "t"),
            like('у', "y"),
            like('х', "x"),
            like('ь', "b"),
            like('ѕ', "s"),
            like('һ', "h"),
            like('ԁ', "d"),
            like('ӏ', "l"),
            like('ԛ', "q"),
            like('ԝ', "w"),
            like('ү', "y"),
            // Greek, lower case; where capital and small letter resemble different Latin letters, both count.
            like('α', "a"),
            like('β', "b"),
            like('γ', "y"),
            like('ε', "e"),
            like('ζ', "z"),
            like('η', "hn"),
            like('ι', "il"),
            like('κ', "k"),
            like('μ', "mu"),
            like('ν', "nv"),
            like('ο', "o"),
            like('ρ', "p"),
            like('τ', "t"),
            like('υ', "uy"),
            like('χ', "x"),
            like('ω', "w"),
            // Latin letters without a decomposition that would strip them to the plain letter.
            like('ı', "i"),
            like('ȷ', "j"),
            like('ɑ', "a"),
            like('ɡ', "g"),
            like('ɩ', "i"),
            like('ø', "o"),
            like('ł', "l"),
            like('đ', "d"),
            like('ħ', "h"));

    /** Scripts written without spaces between words: their terms match anywhere, not only as whole words. */
    private static final Set<Character.UnicodeScript> SUBSTRING_SCRIPTS = EnumSet.of(
            Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA,
            Character.UnicodeScript.KATAKANA,
            Character.UnicodeScript.BOPOMOFO,
            Character.UnicodeScript.HANGUL,
            Character.UnicodeScript.YI,
            Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO,
            Character.UnicodeScript.KHMER,
            Character.UnicodeScript.MYANMAR);

    /** Scripts whose accents and other combining marks are dropped ("chíld", "c̶h̶i̶l̶d̶" read as "child"). */
    private static final Set<Character.UnicodeScript> ACCENT_STRIPPED_SCRIPTS =
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC);

    /**
     * Separators between words, as opposed to punctuation that may sit inside a disguised word ("chi.ld"): spaces,
     * and the marks that separate tags and weights in prompts ("(word:1.2), [a|b]").
     */
    private static final String DELIMITERS = ",;:()[]{}<>|、。「」『』【】《》〈〉";

    private enum Separator {
        NONE,
        JOINER,
        DELIMITER
    }

    private static final class Token {
        final List<int[]> letters = new ArrayList<>();
        final boolean substringScript;
        final Separator before;
        boolean spacedOut;

        Token(boolean substringScript, Separator before) {
            this.substringScript = substringScript;
            this.before = before;
        }

        boolean isLoneLetter() {
            return letters.size() == 1 && !substringScript;
        }
    }

    static {
        for (int c = 0; c < ASCII.length; c++) {
            ASCII[c] = new int[] {Character.toLowerCase(c)};
        }
    }

    private TextNormalizer() {}

    static NormalizedText normalize(String text) {
        List<Token> tokens = tokenize(Normalizer.normalize(text, Normalizer.Form.NFKC));
        markSpacedOutRuns(tokens);
        return flatten(tokens);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Token current = null;
        Separator pending = Separator.NONE;
        boolean marksAttach = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (isInvisible(cp, type)) {
                continue; // as if it were not there: "ch\u200Bild" is one word
            }
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                if (marksAttach) {
                    current.letters.add(new int[] {cp});
                }
                continue;
            }
            if (isWordCharacter(cp, type)) {
                boolean substringScript = isSubstringScript(cp);
                if (current == null || pending != Separator.NONE || current.substringScript != substringScript) {
                    current = new Token(substringScript, pending);
                    tokens.add(current);
                }
                addLetters(cp, current.letters);
                pending = Separator.NONE;
                marksAttach =
                        !ACCENT_STRIPPED_SCRIPTS.contains(Character.UnicodeScript.of(cp)) && Character.isLetter(cp);
            } else {
                Separator separator = isDelimiter(cp) ? Separator.DELIMITER : Separator.JOINER;
                pending = separator.compareTo(pending) > 0 ? separator : pending;
                marksAttach = false;
            }
        }
        tokens.removeIf(token -> token.letters.isEmpty());
        return tokens;
    }

    /** Two or more one-letter words in a row are a word spelled out ("c h i l d"); its letters may join up. */
    private static void markSpacedOutRuns(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isLoneLetter() && tokens.get(i + 1).isLoneLetter()) {
                tokens.get(i).spacedOut = true;
                tokens.get(i + 1).spacedOut = true;
            }
        }
    }

    private static NormalizedText flatten(List<Token> tokens) {
        int length = tokens.stream().mapToInt(token -> token.letters.size()).sum();
        int[][] candidates = new int[length][];
        boolean[] substringScript = new boolean[length];
        boolean[] startsToken = new boolean[length];
        boolean[] endsToken = new boolean[length];
        boolean[] joinable = new boolean[length];
        int at = 0;
        Token previous = null;
        for (Token token : tokens) {
            startsToken[at] = true;
            joinable[at] = previous != null
                    && token.before != Separator.NONE
                    && (token.before == Separator.JOINER || previous.spacedOut || token.spacedOut);
            for (int[] letter : token.letters) {
                candidates[at] = letter;
                substringScript[at] = token.substringScript;
                at++;
            }
            endsToken[at - 1] = true;
            previous = token;
        }
        return new NormalizedText(candidates, substringScript, startsToken, endsToken, joinable);
    }

    private static void addLetters(int cp, List<int[]> letters) {
        if (cp == 'I') {
            letters.add(I_OR_L); // a capital I looks like a small l in most fonts
            return;
        }
        if (cp < ASCII.length && !CONFUSABLES.containsKey(cp)) {
            letters.add(ASCII[cp]);
            return;
        }
        boolean stripAccents = ACCENT_STRIPPED_SCRIPTS.contains(Character.UnicodeScript.of(cp));
        // Upper then lower case approximates Unicode case folding: ß -> SS -> ss, final sigma -> sigma.
        String folded =
                new String(Character.toChars(cp)).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        folded.codePoints().forEach(letter -> {
            int type = Character.getType(letter);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                return; // e.g. the dot that lower-casing the Turkish capital İ leaves behind
            }
            int base = stripAccents ? baseLetter(letter) : letter;
            int[] readings = CONFUSABLES.get(base);
            letters.add(readings != null ? readings : new int[] {base});
        });
    }

    private static int baseLetter(int letter) {
        // The canonical decomposition of a precomposed letter starts with its base letter.
        return Normalizer.normalize(new String(Character.toChars(letter)), Normalizer.Form.NFD)
                .codePointAt(0);
    }

    private static boolean isInvisible(int cp, int type) {
        return type == Character.FORMAT // zero-width space/joiners, marks, word joiner, BOM, soft hyphen, tags
                || cp == 0x034F // combining grapheme joiner
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x180B && cp <= 0x180F) // Mongolian variation selectors and vowel separator
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x3164
                || cp == 0xFFA0; // Hangul fillers, drawn as nothing
    }

    private static boolean isWordCharacter(int cp, int type) {
        return Character.isLetterOrDigit(cp)
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.LETTER_NUMBER
                || CONFUSABLES.containsKey(cp);
    }

    private static boolean isSubstringScript(int cp) {
        return SUBSTRING_SCRIPTS.contains(Character.UnicodeScript.of(cp)) || cp == 0x30FC; // katakana long vowel
    }

    private static boolean isDelimiter(int cp) {
        return Character.isWhitespace(cp)
                || Character.isSpaceChar(cp)
                || Character.isISOControl(cp)
                || DELIMITERS.indexOf(cp) >= 0;
    }

    private static Map.Entry<Integer, int[]> like(char letter, String readings) {
        return entry((int) letter, readings.codePoints().toArray());
    }
}
