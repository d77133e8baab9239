package dev.easel.engine.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.engine.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes and reads A1111's infotext, the text form of {@link GenerationInfo}. */
final class Infotext {
    private static final String STEPS = "Steps";
    private static final String SAMPLER = "Sampler";
    private static final String CFG_SCALE = "CFG scale";
    private static final String SEED = "Seed";
    private static final String SIZE = "Size";
    private static final String MODEL_HASH = "Model hash";
    private static final String MODEL = "Model";
    private static final String DENOISING_STRENGTH = "Denoising strength";
    private static final Set<String> FIXED_KEYS =
            Set.of(STEPS, SAMPLER, CFG_SCALE, SEED, SIZE, MODEL_HASH, MODEL, DENOISING_STRENGTH);
    private static final String NEGATIVE_PREFIX = "Negative prompt:";

    /** One {@code Key: value} setting; a value is either a JSON string or runs up to the next comma (A1111's rule). */
    private static final Pattern SETTING = Pattern.compile(
            "\\s*(\\w[\\w \\-/]*):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern EXTRA_KEY =
            Pattern.compile("\\w(?:[\\w \\-/]*[\\w\\-/])?", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SIZE_VALUE = Pattern.compile("(\\d+)x(\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    /** A1111 treats the last line as settings only when it holds at least this many of them. */
    private static final int MIN_SETTINGS_ON_LINE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Infotext() {}

    static void checkExtraSetting(String key, String value) {
        if (key == null || !EXTRA_KEY.matcher(key).matches()) {
            throw new InvalidRequestException("extra setting name '" + key
                    + "' must be letters, digits, spaces, '-', '/' or '_', starting with a letter or digit");
        }
        if (FIXED_KEYS.contains(key)) {
            throw new InvalidRequestException("extra setting '" + key + "' repeats a fixed setting");
        }
        if (value == null) {
            throw new InvalidRequestException("extra setting '" + key + "' has no value");
        }
    }

    static String format(GenerationInfo info) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(STEPS, Integer.toString(info.steps()));
        settings.put(SAMPLER, info.sampler());
        settings.put(CFG_SCALE, number(info.cfgScale()));
        settings.put(SEED, Long.toString(info.seed()));
        settings.put(SIZE, info.width() + "x" + info.height());
        if (info.modelHash() != null) {
            settings.put(MODEL_HASH, info.modelHash());
        }
        if (info.modelName() != null) {
            settings.put(MODEL, info.modelName());
        }
        info.denoisingStrength().ifPresent(strength -> settings.put(DENOISING_STRENGTH, number(strength)));
        settings.putAll(info.extra());

        StringJoiner line = new StringJoiner(", ");
        settings.forEach((key, value) -> line.add(key + ": " + quoteIfNeeded(value)));
        StringBuilder text = new StringBuilder(info.prompt());
        if (!info.negativePrompt().isEmpty()) {
            text.append('\n').append(NEGATIVE_PREFIX).append(' ').append(info.negativePrompt());
        }
        text.append('\n').append(line);
        // A1111 strips the text, so an empty prompt leaves no empty first line.
        return info.prompt().isEmpty() ? text.substring(1) : text.toString();
    }

    static GenerationInfo parse(String parameters) {
        if (parameters == null || parameters.isBlank()) {
            throw new InvalidRequestException("parameters: empty, expected the prompt followed by a settings line "
                    + "such as 'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512'");
        }
        List<String> lines =
                new ArrayList<>(Arrays.asList(parameters.stripTrailing().split("\n", -1)));
        Map<String, String> settings = settings(lines.getLast().strip());
        if (settings.size() >= MIN_SETTINGS_ON_LINE) {
            lines.removeLast();
        } else {
            settings.clear();
        }
        List<String> prompt = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        for (String line : lines) {
            if (negative.isEmpty() && line.startsWith(NEGATIVE_PREFIX)) {
                String rest = line.substring(NEGATIVE_PREFIX.length());
                negative.add(rest.startsWith(" ") ? rest.substring(1) : rest);
            } else {
                (negative.isEmpty() ? prompt : negative).add(line);
            }
        }
        int steps = wholeNumber(settings, STEPS);
        String sampler = required(settings, SAMPLER).strip();
        double cfgScale = decimal(required(settings, CFG_SCALE), CFG_SCALE);
        long seed = seed(settings);
        String sizeValue = required(settings, SIZE);
        Matcher size = SIZE_VALUE.matcher(sizeValue.strip());
        if (!size.matches()) {
            throw new InvalidRequestException(
                    "parameters: " + SIZE + " must be WIDTHxHEIGHT such as 512x768, got '" + sizeValue + "'");
        }
        String modelHash = settings.remove(MODEL_HASH);
        String modelName = settings.remove(MODEL);
        String strength = settings.remove(DENOISING_STRENGTH);
        OptionalDouble denoisingStrength =
                strength == null ? OptionalDouble.empty() : OptionalDouble.of(decimal(strength, DENOISING_STRENGTH));
        try {
            return new GenerationInfo(
                    String.join("\n", prompt),
                    String.join("\n", negative),
                    steps,
                    sampler,
                    cfgScale,
                    seed,
                    Integer.parseInt(size.group(1)),
                    Integer.parseInt(size.group(2)),
                    modelHash,
                    modelName,
                    denoisingStrength,
                    settings);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("parameters: " + SIZE + " is too large: " + sizeValue, e);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("parameters: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> settings(String line) {
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher setting = SETTING.matcher(line);
        while (setting.find()) {
            settings.put(setting.group(1).strip(), unquote(setting.group(2)));
        }
        return settings;
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.remove(key);
        if (value == null) {
            throw new InvalidRequestException("parameters: missing '" + key + "' in the settings line, expected "
                    + "a last line such as 'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512'");
        }
        return value;
    }

    private static int wholeNumber(Map<String, String> settings, String key) {
        String value = required(settings, key);
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("parameters: " + key + " must be a whole number, got '" + value + "'");
        }
    }

    private static long seed(Map<String, String> settings) {
        String value = required(settings, SEED);
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("parameters: " + SEED + " must be a whole number, got '" + value + "'");
        }
    }

    private static double decimal(String value, String key) {
        if (!DECIMAL.matcher(value.strip()).matches()) {
            throw new InvalidRequestException(
                    "parameters: " + key + " must be a number such as 7 or 7.5, got '" + value + "'");
        }
        return Double.parseDouble(value.strip());
    }

    /** Like Python's str() for the values A1111 writes: 7 rather than 7.0, 0.75, never an exponent. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A1111 JSON-quotes values that would break the line apart (commas, colons, newlines); we also quote values
     * that contain or start with a quote, or have surrounding spaces, so that every value reads back unchanged.
     */
    private static String quoteIfNeeded(String value) {
        boolean plain = value.chars().noneMatch(ch -> ch == ',' || ch == ':' || ch == '"' || ch == '\n' || ch == '\r')
                && value.strip().equals(value);
        return plain ? value : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"';
    }

    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        try {
            return JSON.readValue(value, String.class);
        } catch (JsonProcessingException e) {
            return value; // not JSON after all: A1111 keeps such a value as written
        }
    }
}
