package dev.easel.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The npm package {@code emoji-datasource-google}: fetched with {@code npm pack} into a cache folder at training time
 * (never committed), read as a list of {@link Emoji}, one per image including skin-tone variants.
 */
public final class EmojiPackage {

    public static final String PACKAGE = "emoji-datasource-google@16.0.0";
    public static final String IMAGE_FOLDER = "img/google/64";

    private static final Map<String, String> SKIN_TONES = Map.of(
            "1F3FB", "light skin tone",
            "1F3FC", "medium-light skin tone",
            "1F3FD", "medium skin tone",
            "1F3FE", "medium-dark skin tone",
            "1F3FF", "dark skin tone");

    private EmojiPackage() {}

    /** Returns the unpacked package folder under {@code cache}, running npm pack and tar only when it is missing. */
    public static Path fetch(Path cache) throws IOException, InterruptedException {
        Path unpacked = cache.resolve("package");
        if (Files.exists(unpacked.resolve("emoji.json"))) {
            return unpacked;
        }
        Files.createDirectories(cache);
        run(cache, "npm", "pack", PACKAGE, "--silent");
        String tarball;
        try (var files = Files.list(cache)) {
            tarball = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("npm pack left no .tgz in " + cache));
        }
        run(cache, "tar", "xzf", tarball);
        return unpacked;
    }

    /** Reads emoji.json and lists every emoji (and skin-tone variant) that has a Google image. */
    public static List<Emoji> read(Path packageFolder) throws IOException {
        JsonNode root =
                new ObjectMapper().readTree(packageFolder.resolve("emoji.json").toFile());
        List<Emoji> emojis = new ArrayList<>();
        for (JsonNode entry : root) {
            String name = entry.path("name").asText("").toLowerCase(Locale.ROOT);
            List<String> shortNames = new ArrayList<>();
            entry.path("short_names").forEach(n -> shortNames.add(n.asText()));
            String category = entry.path("category").asText("").toLowerCase(Locale.ROOT);
            String subcategory = entry.path("subcategory").asText("");
            if (entry.path("has_img_google").asBoolean(false)) {
                emojis.add(new Emoji(
                        name,
                        shortNames,
                        category,
                        subcategory,
                        List.of(),
                        entry.path("image").asText()));
            }
            Iterator<Map.Entry<String, JsonNode>> variations =
                    entry.path("skin_variations").fields();
            while (variations.hasNext()) {
                Map.Entry<String, JsonNode> variation = variations.next();
                if (variation.getValue().path("has_img_google").asBoolean(false)) {
                    emojis.add(new Emoji(
                            name,
                            shortNames,
                            category,
                            subcategory,
                            skinTones(variation.getKey()),
                            variation.getValue().path("image").asText()));
                }
            }
        }
        return emojis;
    }

    /** "1F3FB-1F3FF" (two people) gives two phrases; an unknown code is skipped rather than guessed. */
    static List<String> skinTones(String key) {
        List<String> tones = new ArrayList<>();
        for (String code : key.split("-")) {
            String tone = SKIN_TONES.get(code.toUpperCase(Locale.ROOT));
            if (tone != null && !tones.contains(tone)) {
                tones.add(tone);
            }
        }
        return tones;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
    }
}
