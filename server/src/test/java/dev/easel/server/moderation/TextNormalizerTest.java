package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    /**
     * The normalized text as a string: each letter's plain reading, tokens separated by ' ' where a word term may
     * not run across the boundary and by '~' where it may.
     */
    private static String render(String text) {
        NormalizedText normalized = TextNormalizer.normalize(text);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < normalized.length(); i++) {
            if (i > 0 && normalized.startsToken(i)) {
                out.append(normalized.joinable(i) ? '~' : ' ');
            }
            out.appendCodePoint(normalized.candidates(i)[0]);
        }
        return out.toString();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CHILD|child",
                "ChIlD|child", // capital I reads as i first
                "Ｃｈｉｌｄ　Ｐｏｒｎ|child porn", // full-width letters and ideographic space (NFKC)
                "𝐜𝐡𝐢𝐥𝐝|child", // mathematical bold (NFKC)
                "ⓒⓗⓘⓛⓓ|child", // circled letters (NFKC)
                "straße|strasse", // case folding of sharp s
                "ÇHÍLD|child", // accents
                "чёрный|чephыи", // Cyrillic accents stripped too (ё, й); е, р, н read as Latin e, p, h
                "сһіld|child", // Cyrillic look-alikes
                "chιld|child", // Greek iota
                "ΡΟRΝ|porn", // Greek capitals rho, omicron, nu
                "ch1ld p0rn|child porn", // 1 reads as i first (l is its other reading)
                "3 4 5 7 @ $|e~a~s~t~a~s",
                "a s s|a~s~s", // spelled-out letters may join
                "c.h.i.l.d|c~h~i~l~d",
                "c_h_i_l_d|c~h~i~l~d",
                "chi.ld|chi~ld", // punctuation inside a word may join
                "chi-ld_po*rn|chi~ld~po~rn",
                "c h i ld|c~h~i~ld", // next to spelled-out letters, too
                "lol icon|lol icon", // but two words do not join
                "lol i love it|lol i love it", // nor does a lone letter
                "lol, icon|lol icon",
                "(child:1.2)|child~i~2",
                "一个loli女孩|一个 loli 女孩", // script changes are word boundaries
                "儿 童，色.情|儿 童 色~情",
            })
    void normalizesEvasions(String text, String expected) {
        assertThat(render(text)).isEqualTo(expected);
    }

    @Test
    void invisibleCharactersAreIgnoredInsideWords() {
        for (char invisible : new char[] {
            '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\uFEFF', '\u00AD', '\u034F', '\uFE0F'
        }) {
            assertThat(render("ch" + invisible + "ild"))
                    .as("U+%04X", (int) invisible)
                    .isEqualTo("child");
        }
        assertThat(render("c\u0336h\u0336i\u0336l\u0336d\u0336"))
                .as("strike-through marks")
                .isEqualTo("child");
        assertThat(render("c\u20DDh\u20DDild")).as("enclosing circles").isEqualTo("child");
    }

    @Test
    void ambiguousSubstitutionsOfferEveryReading() {
        assertThat(TextNormalizer.normalize("1").candidates(0)).containsExactly('i', 'l');
        assertThat(TextNormalizer.normalize("I").candidates(0)).containsExactly('i', 'l');
        assertThat(TextNormalizer.normalize("i").candidates(0)).containsExactly('i');
        assertThat(TextNormalizer.normalize("l").candidates(0)).containsExactly('l');
        assertThat(TextNormalizer.normalize("ν").candidates(0)).containsExactly('n', 'v');
        assertThat(TextNormalizer.normalize("0").candidates(0)).containsExactly('o');
    }

    @Test
    void chineseAndJapaneseKeepTheirCharacters() {
        assertThat(render("⼉童")).as("Kangxi radical (NFKC)").isEqualTo("儿童");
        assertThat(render("児童ﾎﾟﾙﾉ")).as("half-width katakana (NFKC)").isEqualTo("児童ポルノ");
        assertThat(render("が")).as("voiced kana keep their mark").isNotEqualTo(render("か"));
        NormalizedText chinese = TextNormalizer.normalize("幼女loli");
        assertThat(chinese.substringScript(0)).isTrue();
        assertThat(chinese.substringScript(2)).isFalse();
    }

    @Test
    void emptyAndSeparatorOnlyTextHasNoLetters() {
        assertThat(TextNormalizer.normalize("").length()).isZero();
        assertThat(TextNormalizer.normalize(" ,.\u200B-_ ").length()).isZero();
    }
}
