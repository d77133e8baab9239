package dev.easel.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.engine.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GenerationInfoTest {

    private static GenerationInfo info(String prompt, String negative, Map<String, String> extra) {
        return new GenerationInfo(
                prompt, negative, 20, "Euler a", 7, 1, 64, 64, "abcdef1234", "tiny", OptionalDouble.empty(), extra);
    }

    @Test
    void writesTheA1111Layout() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Clip skip", "2");
        extra.put("Easel version", "0.1.0");
        GenerationInfo info = new GenerationInfo(
                "a cat", "blurry", 20, "Euler a", 7.0, 1, 64, 64, "abcdef1234", "tiny", OptionalDouble.of(0.75), extra);

        assertThat(info.toParameters())
                .isEqualTo("a cat\n"
                        + "Negative prompt: blurry\n"
                        + "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 64x64, Model hash: abcdef1234, "
                        + "Model: tiny, Denoising strength: 0.75, Clip skip: 2, Easel version: 0.1.0");
    }

    @Test
    void printsNumbersLikeA1111() {
        GenerationInfo info = new GenerationInfo(
                "p", "", 30, "DDIM", 7.5, 4294967295L, 768, 512, null, null, OptionalDouble.of(1.0), Map.of());

        assertThat(info.toParameters())
                .isEqualTo("p\nSteps: 30, Sampler: DDIM, CFG scale: 7.5, Seed: 4294967295, Size: 768x512, "
                        + "Denoising strength: 1");
        assertThat(info.toParameters()).doesNotContain("Negative prompt", "Model");
    }

    @Test
    void leavesOutTheEmptyFirstLineOfAnEmptyPrompt() {
        assertThat(info("", "", Map.of()).toParameters()).startsWith("Steps: 20,");
        assertThat(info("", "ugly", Map.of()).toParameters()).startsWith("Negative prompt: ugly\nSteps: 20,");
    }

    @Test
    void quotesValuesThatWouldBreakTheSettingsLine() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Lora hashes", "a: 1, b: 2");
        extra.put("Note", "say \"hi\"\nbye");
        extra.put("Plain", "no separators here");

        assertThat(info("p", "", extra).toParameters())
                .endsWith(", Lora hashes: \"a: 1, b: 2\", Note: \"say \\\"hi\\\"\\nbye\", Plain: no separators here");
    }

    static Stream<GenerationInfo> roundTrips() {
        Map<String, String> awkwardExtras = new LinkedHashMap<>();
        awkwardExtras.put("Lora hashes", "detail: 1a2b3c, style: 4d5e6f");
        awkwardExtras.put("Prompt truncated", "true");
        awkwardExtras.put("Quote", "\"quoted\"");
        awkwardExtras.put("Backslash", "C:\\models\\x");
        awkwardExtras.put("Spaces", "  padded  ");
        awkwardExtras.put("Empty", "");
        awkwardExtras.put("Unicode", "猫, 🐱");
        awkwardExtras.put("Hires upscaler", "R-ESRGAN 4x+ Anime6B");
        return Stream.of(
                info("a cat", "blurry", Map.of()),
                info("a cat", "", Map.of()),
                info("", "", Map.of()),
                info("", "only negative", Map.of()),
                info("line one\nline two\n\nline four", "neg one\nneg two", Map.of()),
                info("(masterpiece:1.2), best quality, <lora:detail:0.8>", "(worst quality:1.4), lowres", Map.of()),
                info("一只可爱的猫，水彩画 🐱🎨", "模糊, 低质量 😡", Map.of()),
                info("  leading and trailing spaces  ", "  also here ", Map.of()),
                info("prompt ending in a newline\n", "negative ending in one\n", Map.of()),
                info("a cat", "blurry", awkwardExtras),
                new GenerationInfo(
                        "img2img",
                        "",
                        1,
                        "DPM++ 2M Karras",
                        1.25,
                        -1,
                        1,
                        2048,
                        "0123456789",
                        "name, with: a comma",
                        OptionalDouble.of(0.3),
                        Map.of("Version", "v1.6.0")),
                new GenerationInfo(
                        "no model",
                        "",
                        50,
                        "LCM",
                        0,
                        Long.MAX_VALUE,
                        8,
                        8,
                        null,
                        null,
                        OptionalDouble.empty(),
                        Map.of()));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void parseReadsBackEveryField(GenerationInfo original) {
        assertThat(GenerationInfo.parse(original.toParameters())).isEqualTo(original);
    }

    @Test
    void parsesARealLookingA1111Infotext() {
        String text = """
                masterpiece, best quality, 1girl, (blue eyes:1.2), <lora:detail:0.8>
                standing in a field of flowers
                Negative prompt: (worst quality:1.4), lowres, bad anatomy
                Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 7.5, Seed: 3567289145, Size: 512x768, \
                Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.45, Clip skip: 2, \
                Hires upscale: 2, Hires steps: 10, Hires upscaler: Latent, \
                Lora hashes: "detail: 1a2b3c4d5e6f, b: 2", TI hashes: "easynegative: c74b4e810b03", Version: v1.6.0
                """;

        GenerationInfo info = GenerationInfo.parse(text);

        assertThat(info.prompt())
                .isEqualTo("masterpiece, best quality, 1girl, (blue eyes:1.2), <lora:detail:0.8>\n"
                        + "standing in a field of flowers");
        assertThat(info.negativePrompt()).isEqualTo("(worst quality:1.4), lowres, bad anatomy");
        assertThat(info.steps()).isEqualTo(28);
        assertThat(info.sampler()).isEqualTo("DPM++ 2M Karras");
        assertThat(info.cfgScale()).isEqualTo(7.5);
        assertThat(info.seed()).isEqualTo(3567289145L);
        assertThat(info.width()).isEqualTo(512);
        assertThat(info.height()).isEqualTo(768);
        assertThat(info.modelHash()).isEqualTo("6ce0161689");
        assertThat(info.modelName()).isEqualTo("v1-5-pruned-emaonly");
        assertThat(info.denoisingStrength()).hasValue(0.45);
        assertThat(info.extra())
                .containsExactly(
                        Map.entry("Clip skip", "2"),
                        Map.entry("Hires upscale", "2"),
                        Map.entry("Hires steps", "10"),
                        Map.entry("Hires upscaler", "Latent"),
                        Map.entry("Lora hashes", "detail: 1a2b3c4d5e6f, b: 2"),
                        Map.entry("TI hashes", "easynegative: c74b4e810b03"),
                        Map.entry("Version", "v1.6.0"));
    }

    @Test
    void parseToleratesMissingNegativePromptAndOptionalSettings() {
        GenerationInfo info =
                GenerationInfo.parse("a house\nSteps: 4, Sampler: Euler, CFG scale: 1, Seed: 9, Size: 8x16");

        assertThat(info)
                .isEqualTo(new GenerationInfo(
                        "a house", "", 4, "Euler", 1, 9, 8, 16, null, null, OptionalDouble.empty(), Map.of()));
    }

    @Test
    void parseToleratesWindowsLineEndsOnTheSettingsLineAndTrailingBlankLines() {
        GenerationInfo info =
                GenerationInfo.parse("a house\nSteps: 4, Sampler: Euler, CFG scale: 1, Seed: 9, Size: 8x16\r\n\n");

        assertThat(info.height()).isEqualTo(16);
        assertThat(info.prompt()).isEqualTo("a house");
    }

    @Test
    void parseNamesTheMissingOrMalformedSetting() {
        String good = "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 64x64";

        assertParseFails("p\n" + good.replace("Steps: 20, ", ""), "'Steps'");
        assertParseFails("p\n" + good.replace("Seed: 1, ", ""), "'Seed'");
        assertParseFails("p\n" + good.replace("Steps: 20", "Steps: many"), "Steps must be a whole number, got 'many'");
        assertParseFails("p\n" + good.replace("CFG scale: 7", "CFG scale: high"), "CFG scale must be a number");
        assertParseFails("p\n" + good.replace("Seed: 1", "Seed: 0x10"), "Seed must be a whole number");
        assertParseFails("p\n" + good.replace("Size: 64x64", "Size: big"), "Size must be WIDTHxHEIGHT");
        assertParseFails("p\n" + good.replace("Steps: 20", "Steps: 0"), "steps must be at least 1");
        assertParseFails("p\n" + good + ", Denoising strength: lots", "Denoising strength must be a number");
        assertParseFails("just a prompt, no settings", "missing 'Steps'");
        assertParseFails("   ", "parameters: empty");
        assertParseFails(null, "parameters: empty");
    }

    private static void assertParseFails(String text, String message) {
        assertThatThrownBy(() -> GenerationInfo.parse(text))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("parameters: ")
                .hasMessageContaining(message);
    }

    @Test
    void rejectsExtraSettingsThatCannotBeWrittenOrReadBack() {
        assertThatThrownBy(() -> info("p", "", Map.of("Seed", "2")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'Seed' repeats a fixed setting");
        assertThatThrownBy(() -> info("p", "", Map.of("Bad: key", "2")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'Bad: key'");
        assertThatThrownBy(() -> info("p", "", Map.of("trailing ", "2"))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void validatesTheFixedSettings() {
        assertThatThrownBy(() -> new GenerationInfo(
                        "p", "", 20, " ", 7, 1, 64, 64, null, null, OptionalDouble.empty(), Map.of()))
                .hasMessageContaining("sampler");
        assertThatThrownBy(() -> new GenerationInfo(
                        "p", "", 20, "Euler", Double.NaN, 1, 64, 64, null, null, OptionalDouble.empty(), Map.of()))
                .hasMessageContaining("cfg scale");
        assertThatThrownBy(() -> new GenerationInfo(
                        "p", "", 20, "Euler", 7, 1, 0, 64, null, null, OptionalDouble.empty(), Map.of()))
                .hasMessageContaining("size");
        assertThatThrownBy(() -> new GenerationInfo(
                        "p", "", 20, "Euler", 7, 1, 64, 64, null, null, OptionalDouble.of(1.5), Map.of()))
                .hasMessageContaining("denoising strength");
    }

    @Test
    void keepsItsOwnOrderedCopyOfTheExtras() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Zeta", "1");
        extra.put("Alpha", "2");
        GenerationInfo info = info("p", "", extra);
        extra.put("Later", "3");

        assertThat(info.extra()).containsExactly(Map.entry("Zeta", "1"), Map.entry("Alpha", "2"));
        assertThatThrownBy(() -> info.extra().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
