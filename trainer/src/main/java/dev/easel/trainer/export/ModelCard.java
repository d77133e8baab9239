package dev.easel.trainer.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the model-card template with the figures of a finished training run and writes README.md. */
public final class ModelCard {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_.]+)}");

    private ModelCard() {}

    public static void write(Path folder, Map<String, Object> stats) throws IOException {
        String template;
        try (InputStream in = ModelCard.class.getResourceAsStream("model-card.md")) {
            if (in == null) {
                throw new IOException("model-card.md template missing from the trainer's resources");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(folder.resolve("README.md"), fill(template, stats), StandardCharsets.UTF_8);
    }

    /** Replaces {@code ${a.b}} with the value at path a -> b of the (nested) stats map. */
    static String fill(String template, Map<String, Object> stats) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = stats;
            for (String key : m.group(1).split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(key) : null;
            }
            if (value == null) {
                throw new IllegalArgumentException("model card needs a value for " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
