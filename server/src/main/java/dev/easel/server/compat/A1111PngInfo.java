package dev.easel.server.compat;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer of {@code POST /sdapi/v1/png-info}, the members of A1111's {@code PNGInfoResponse}.
 *
 * @param info the PNG's "parameters" text (its infotext), empty when it has none
 * @param items the PNG's other text chunks, keyword → text
 * @param parameters the infotext read into A1111's keys ("Prompt", "Negative prompt", "Steps", "Size-1", "Size-2",
 *     ...), every value a string as A1111's parser leaves them
 */
record A1111PngInfo(String info, Map<String, String> items, Map<String, String> parameters) {
    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    static A1111PngInfo of(String field, byte[] png) {
        Map<String, String> items = new LinkedHashMap<>(PngTextChunks.read(field, png));
        items.remove(PngImages.PARAMETERS_KEYWORD);
        String info = PngImages.readParameters(png).orElse("");
        return new A1111PngInfo(info, items, parameters(info));
    }

    /**
     * A1111's parse of an infotext, through the engine's reader. Text that is no infotext the engine can read (no
     * Steps, Sampler, CFG scale, Seed and Size) is all prompt, as A1111 reads text without a settings line.
     */
    private static Map<String, String> parameters(String info) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (info.isBlank()) {
            return parameters;
        }
        GenerationInfo parsed;
        try {
            parsed = GenerationInfo.parse(info);
        } catch (InvalidRequestException e) {
            parameters.put("Prompt", info.strip());
            parameters.put("Negative prompt", "");
            return parameters;
        }
        parameters.put("Prompt", parsed.prompt());
        parameters.put("Negative prompt", parsed.negativePrompt());
        parameters.put("Steps", Integer.toString(parsed.steps()));
        parameters.put("Sampler", parsed.sampler());
        parameters.put("CFG scale", number(parsed.cfgScale()));
        parameters.put("Seed", Long.toString(parsed.seed()));
        parameters.put("Size-1", Integer.toString(parsed.width()));
        parameters.put("Size-2", Integer.toString(parsed.height()));
        if (parsed.modelHash() != null) {
            parameters.put("Model hash", parsed.modelHash());
        }
        if (parsed.modelName() != null) {
            parameters.put("Model", parsed.modelName());
        }
        parsed.denoisingStrength().ifPresent(strength -> parameters.put("Denoising strength", number(strength)));
        parsed.extra().forEach((key, value) -> {
            // A1111 splits every WIDTHxHEIGHT value into key-1 and key-2 (e.g. "Hires resize-1").
            Matcher size = SIZE.matcher(value);
            if (size.matches()) {
                parameters.put(key + "-1", size.group(1));
                parameters.put(key + "-2", size.group(2));
            } else {
                parameters.put(key, value);
            }
        });
        return parameters;
    }

    /** As the infotext writes numbers: 7 rather than 7.0. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
