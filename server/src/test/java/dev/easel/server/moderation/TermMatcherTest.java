package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.moderation.TermMatcher.BlockedTerm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Matching against the shipped lists plus short English terms that hide inside ordinary words. */
class TermMatcherTest {
    private static final BlockList SHORT_TERMS =
            new BlockList("short-en", List.of("ass", "rape", "cum", "anal", "tit", "sex", "nazi salute"));
    private static final TermMatcher MATCHER = matcher();

    private static TermMatcher matcher() {
        List<BlockList> lists = new ArrayList<>(BlockLists.defaults());
        lists.add(SHORT_TERMS);
        return new TermMatcher(lists);
    }

    private static String found(String text) {
        return MATCHER.find(text).map(BlockedTerm::term).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "child porn",
                "CHILD PORN",
                "cHiLd PoRn",
                "a photo, child porn, 4k",
                "childporn",
                "child-porn",
                "child_porn",
                "child,porn",
                "child\nporn",
                "child   porn",
                "(child porn:1.3)",
                "Ｃｈｉｌｄ　Ｐｏｒｎ", // full width
                "c h i l d porn",
                "c.h.i.l.d p.o.r.n",
                "c_h_i_l_d p_o_r_n",
                "c-h-i-l-d-p-o-r-n",
                "c, h, i, l, d, p, o, r, n",
                "a c h i l d porn", // spelled out right after a one-letter word
                "chi.ld po_rn",
                "ch\u200Bild p\u200Dorn",
                "chi\u00ADld por\u2060n",
                "\uFEFFchild\u200C porn",
                "ch1ld p0rn", // 1 as i
                "chi1d porn", // 1 as l
                "CHIlD PORN", // capital I looking like l... and I as i
                "сhild pоrn", // Cyrillic с and о
                "chιld ρorn", // Greek iota and rho
                "chíld pörn", // accents
                "c\u0336h\u0336i\u0336l\u0336d\u0336 porn", // strike-through
                "𝐜𝐡𝐢𝐥𝐝 𝐩𝐨𝐫𝐧",
            })
    void findsDisguisedEnglishTerms(String text) {
        assertThat(found(text)).isEqualTo("child porn");
    }

    @Test
    void findsEachDigitAndSymbolSubstitution() {
        assertThat(found("und3r4g3 $3x")).isEqualTo("underage sex");
        assertThat(found("jai1bai7")).isEqualTo("jailbait");
        assertThat(found("ja1lba1t")).isEqualTo("jailbait");
        assertThat(found("@$$")).isEqualTo("ass");
        assertThat(found("a55")).isEqualTo("ass");
        assertThat(found("l0l1c0n")).isEqualTo("lolicon");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "儿童色情",
                "一张儿童色情图片", // inside a sentence: no word boundaries in Chinese
                "儿童 色情",
                "儿 童 色 情",
                "儿　童　色　情", // ideographic spaces
                "儿.童_色-情",
                "儿，童，色，情",
                "儿\u200B童\u200C色\u200D情",
                "儿\uFEFF童\u2060色\u00AD情",
                "⼉童⾊情", // Kangxi radicals for 儿 and 色
                "best quality, 儿童色情, masterpiece",
                "loli儿童色情",
            })
    void findsDisguisedChineseTerms(String text) {
        assertThat(found(text)).isEqualTo("儿童色情");
    }

    @Test
    void findsTermsInEveryShippedLanguage() {
        assertThat(found("兒童色情")).as("traditional Chinese").isEqualTo("兒童色情");
        assertThat(found("戀童癖")).isEqualTo("戀童癖");
        assertThat(found("児童ﾎﾟﾙﾉ")).as("half-width katakana").isEqualTo("児童ポルノ");
        assertThat(found("ДЕТСКОЕ ПОРНО")).as("Russian, upper case").isEqualTo("детское порно");
        assertThat(found("детскoe порнo")).as("Russian with Latin o and e").isEqualTo("детское порно");
        assertThat(found("pornografia infantil"))
                .as("Spanish without the accent")
                .isEqualTo("pornografía infantil");
        assertThat(found("KINDERPORNOS")).isEqualTo("kinderpornos");
        assertThat(found("pedopornographie")).isEqualTo("pédopornographie");
    }

    @Test
    void latinTermsMatchWholeWordsOnly() {
        assertThat(found("ass")).isEqualTo("ass");
        assertThat(found("big ass, 4k")).isEqualTo("ass");
        assertThat(found("(ass:1.4)")).isEqualTo("ass");
        assertThat(found("big_ass")).isEqualTo("ass");
        assertThat(found("一个ass")).as("next to Chinese").isEqualTo("ass");
        assertThat(found("a s s")).isEqualTo("ass");
        assertThat(found("a.s.s.")).isEqualTo("ass");
        for (String ordinary :
                List.of("class", "bass", "grass", "passage", "assassin", "brass", "ambassador", "classic", "glasses")) {
            assertThat(found(ordinary)).as(ordinary).isNull();
        }
        assertThat(found("grape drapes scraper trapeze")).isNull();
        assertThat(found("cucumber document circumstance accumulate")).isNull();
        assertThat(found("analysis canal banal analog")).isNull();
        assertThat(found("title petite constitution titan")).isNull();
        assertThat(found("Essex unisex sextant sussex")).isNull();
    }

    @Test
    void separateWordsDoNotJoinIntoATerm() {
        assertThat(found("a lol icon")).as("two words are not 'lolicon'").isNull();
        assertThat(found("lol, icon")).isNull();
        assertThat(found("lol i con")).isNull();
        assertThat(found("ana l")).isNull();
        assertThat(found("gr ass")).as("'ass' is a word here").isEqualTo("ass");
        assertThat(found("cl ass")).isEqualTo("ass");
    }

    @Test
    void aSpaceInATermMatchesAnySeparatorsButNotAPartialWord() {
        assertThat(found("nazi salute")).isEqualTo("nazi salute");
        assertThat(found("nazisalute")).isEqualTo("nazi salute");
        assertThat(found("nazi, salute")).isEqualTo("nazi salute");
        assertThat(found("nazi salutes")).isNull();
        assertThat(found("anazi salute")).isNull();
        assertThat(found("child portrait")).isNull();
        assertThat(found("child pornography"))
                .as("the longer term is its own word")
                .isEqualTo("child pornography");
    }

    @Test
    void reportsTheFirstTermInTheText() {
        assertThat(MATCHER.find("儿童色情 and child porn")).contains(new BlockedTerm("csam-zh", "儿童色情"));
        assertThat(MATCHER.find("child porn and 儿童色情")).contains(new BlockedTerm("csam-en", "child porn"));
    }

    @Test
    void aTermInTwoListsIsCountedOnceAndReportedFromTheFirst() {
        TermMatcher twice = new TermMatcher(List.of(
                new BlockList("first", List.of("Foo Bar", "baz")), new BlockList("second", List.of("foo-bar"))));
        assertThat(twice.size()).isEqualTo(2);
        assertThat(twice.find("foo bar")).contains(new BlockedTerm("first", "Foo Bar"));
    }

    @Test
    void termsAreNormalizedLikeText() {
        TermMatcher leet = new TermMatcher(List.of(new BlockList("x", List.of("Ｈ3ＬＬＯ", "wörld", "ｼﾞｬﾏ"))));
        assertThat(leet.find("hello")).isPresent();
        assertThat(leet.find("h e l l o")).isPresent();
        assertThat(leet.find("world")).isPresent();
        assertThat(leet.find("ジャマ")).isPresent();
        assertThat(leet.find("shell")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "masterpiece, best quality, 1girl, solo, long hair, (smile:1.2), looking at viewer",
                "a cat sitting on a windowsill, 4k, highly detailed",
                "portrait of an old man, oil painting, dramatic lighting",
                "cyberpunk city at night, neon lights, rain, reflections",
                "a bowl of fruit: grapes, apples and pears, still life",
                "classical architecture, Greek temple, golden hour",
                "bass guitar on a stage, spotlight, concert",
                "assassin in a hooded cloak, fantasy art",
                "a glass of water on a wooden table, macro photo",
                "cucumber salad with dill, food photography",
                "analog photo of a canal in Venice, film grain",
                "document on a desk, title page, typewriter",
                "petite flowers in a meadow, soft focus",
                "Sussex countryside, unisex clothing catalogue",
                "children playing in a park, summer, watercolor",
                "a child with a porcupine, storybook illustration",
                "childhood memories, polaroid, nostalgic",
                "a lol icon for a chat app, flat design",
                "scraper bikes, drapes, trapeze artist at the circus",
                "a titan and a titmouse, mythology",
                "embassy building, passport, brass plaque",
                "sextant on a nautical chart, vintage",
                "kindergarten classroom with crayons",
                "Kinder Überraschung chocolate egg, product shot",
                "literatura infantil, ilustración de un libro",
                "le pédiatre examine un ours en peluche",
                "детская площадка зимой, снег", // children's playground in winter
                "児童公園の桜、春", // cherry blossoms in a children's park
                "一个年幼女孩在公园里放风筝", // a young girl flying a kite: contains 幼女 across two words
                "眷恋童年的回忆，水彩画", // nostalgia for childhood: contains 恋童
                "儿童节快乐，彩色气球", // happy Children's Day
                "儿童在画画，温馨的场景",
                "萝莉塔风格的裙子，时尚摄影", // Lolita-fashion dress
                "未成年人保护法宣传海报", // poster for the law protecting minors
                "一只可爱的熊猫在吃竹子",
                "山水画，水墨，远山和小船",
                "色彩鲜艳的抽象画",
                "情人节的玫瑰花束",
                "a red heart, emoji style",
                "1 girl, 2 boys, 3 dogs",
                "8k uhd, dslr, soft lighting, high quality, film grain, Fujifilm XT3",
                "(masterpiece:1.2), [old man:young man:0.5], <lora:detail:0.8>",
                "under the sea, coral reef, fish, sunbeams",
                "pediatric ward mural with animals",
                "an analyst reading a report at night",
                "I love it, a b c blocks on a shelf",
                "Ｆｕｌｌ－ｗｉｄｔｈ ｔｅｘｔ ｏｎ ａ ｓｉｇｎ",
                "e.g. a cat.a dog.a bird",
                "tea set, porcelain, rapeseed field in spring",
                "homme assis, mère et enfant, peinture",
            })
    void ordinaryPromptsPass(String prompt) {
        assertThat(MATCHER.find(prompt)).isEmpty();
    }
}
