package dev.easel.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easel.engine.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The VAE's latent geometry.
 *
 * @param latentChannels channels of a latent (4 for SD)
 * @param scaleFactor pixels per latent cell along each side (8 for SD)
 * @param scalingFactor multiplier applied to encoder latents so they have unit variance (0.18215 for SD)
 */
public record VaeConfig(int latentChannels, int scaleFactor, double scalingFactor) {

    public static VaeConfig stableDiffusionDefaults() {
        return new VaeConfig(4, 8, 0.18215);
    }

    /** Reads {@code config.json} of a VAE folder; keys it lacks keep SD's defaults. */
    public static VaeConfig read(Path configJson, String displayName) {
        VaeConfig defaults = stableDiffusionDefaults();
        if (!Files.isRegularFile(configJson)) {
            return defaults;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(configJson.toFile());
        } catch (IOException e) {
            throw new ModelException(displayName + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        int channels = positiveInt(root, "latent_channels", defaults.latentChannels(), displayName);
        int factor = defaults.scaleFactor();
        JsonNode blocks = root.path("block_out_channels");
        if (blocks.isArray() && !blocks.isEmpty()) {
            factor = 1 << (blocks.size() - 1);
        }
        double scaling = root.path("scaling_factor").asDouble(defaults.scalingFactor());
        if (!(scaling > 0)) {
            throw new ModelException(displayName + ": scaling_factor must be positive, got " + scaling);
        }
        return new VaeConfig(channels, factor, scaling);
    }

    private static int positiveInt(JsonNode root, String key, int fallback, String displayName) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || node.asInt() <= 0) {
            throw new ModelException(displayName + ": " + key + " must be a positive integer, got " + node);
        }
        return node.asInt();
    }
}
