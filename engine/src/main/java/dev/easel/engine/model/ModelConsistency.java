package dev.easel.engine.model;

import java.util.ArrayList;
import java.util.List;

/** Checks that the parts of a model folder fit each other: widths, channels, context length. */
final class ModelConsistency {
    private ModelConsistency() {}

    static List<String> problems(ModelParts parts) {
        List<String> problems = new ArrayList<>();
        if (parts.unet != null && parts.textEncoder != null && parts.unet.textWidth() != parts.textEncoder.width()) {
            problems.add(ModelFolder.UNET + ": encoder_hidden_states is " + parts.unet.textWidth()
                    + " wide but text_encoder emits " + parts.textEncoder.width());
        }
        if (parts.unet != null
                && parts.vaeConfig != null
                && parts.folder.exists(ModelFolder.VAE_DECODER_CONFIG)
                && parts.unet.channels() != parts.vaeConfig.latentChannels()) {
            problems.add(ModelFolder.UNET + ": sample has " + parts.unet.channels() + " channels but "
                    + ModelFolder.VAE_DECODER_CONFIG + " says latent_channels is "
                    + parts.vaeConfig.latentChannels());
        }
        if (parts.unet != null
                && parts.vaeDecoder != null
                && parts.vaeDecoder.channels() != 0
                && parts.vaeDecoder.channels() != parts.unet.channels()) {
            problems.add(ModelFolder.VAE_DECODER + ": latent_sample has " + parts.vaeDecoder.channels()
                    + " channels but " + ModelFolder.UNET + " works on " + parts.unet.channels());
        }
        return problems;
    }
}
