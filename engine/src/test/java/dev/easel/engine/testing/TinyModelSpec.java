package dev.easel.engine.testing;

import java.util.Objects;

/**
 * What a tiny Stable-Diffusion folder written by {@link TinyModels} looks like.
 *
 * @param textWidth width D of the text encoder's hidden states (32; 768 or 1024 mimic SD 1.x / SD 2.x)
 * @param unetTextWidth width the UNet expects for encoder_hidden_states; differs from textWidth only to build an
 *     invalid model
 * @param predictionType scheduler prediction type, "epsilon" or "v_prediction"
 * @param vaeFactor spatial VAE factor, a power of two
 * @param unetChannels feature channels inside the UNet
 * @param attentionBlocks residual + cross-attention blocks in the UNet (0 or more)
 * @param float16Unet UNet sample, encoder_hidden_states and out_sample are float16
 * @param externalUnetWeights UNet initializers live in unet/weights.pb as ONNX external data
 * @param writeVaeConfig write vae_decoder/config.json
 * @param weightSeed seed of the fixed random weights
 * @param unetFixedBatch 0 for a dynamic UNet batch axis, otherwise the fixed batch size all UNet IO declares
 */
public record TinyModelSpec(
        int textWidth,
        int unetTextWidth,
        TimestepKind timestepKind,
        String predictionType,
        int latentChannels,
        int vaeFactor,
        int unetChannels,
        int attentionBlocks,
        boolean vaeEncoder,
        boolean safetyChecker,
        boolean float16Unet,
        boolean externalUnetWeights,
        boolean writeVaeConfig,
        long weightSeed,
        int unetFixedBatch) {

    public TinyModelSpec {
        Objects.requireNonNull(timestepKind, "timestepKind");
        Objects.requireNonNull(predictionType, "predictionType");
        requirePositive("textWidth", textWidth);
        requirePositive("unetTextWidth", unetTextWidth);
        requirePositive("latentChannels", latentChannels);
        requirePositive("vaeFactor", vaeFactor);
        if (Integer.bitCount(vaeFactor) != 1) {
            throw new IllegalArgumentException("vaeFactor must be a power of two, got " + vaeFactor);
        }
        // group normalisation uses 2 groups and the timestep embedding is half sine, half cosine
        if (unetChannels < 2 || unetChannels % 2 != 0) {
            throw new IllegalArgumentException("unetChannels must be even and >= 2, got " + unetChannels);
        }
        if (attentionBlocks < 0 || unetFixedBatch < 0) {
            throw new IllegalArgumentException("attentionBlocks and unetFixedBatch must be >= 0");
        }
    }

    /** A spec whose UNet has a dynamic batch axis (unetFixedBatch 0). */
    public TinyModelSpec(
            int textWidth,
            int unetTextWidth,
            TimestepKind timestepKind,
            String predictionType,
            int latentChannels,
            int vaeFactor,
            int unetChannels,
            int attentionBlocks,
            boolean vaeEncoder,
            boolean safetyChecker,
            boolean float16Unet,
            boolean externalUnetWeights,
            boolean writeVaeConfig,
            long weightSeed) {
        this(
                textWidth,
                unetTextWidth,
                timestepKind,
                predictionType,
                latentChannels,
                vaeFactor,
                unetChannels,
                attentionBlocks,
                vaeEncoder,
                safetyChecker,
                float16Unet,
                externalUnetWeights,
                writeVaeConfig,
                weightSeed,
                0);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public static TinyModelSpec defaults() {
        return new TinyModelSpec(
                32, 32, TimestepKind.INT64_BATCHED, "epsilon", 4, 8, 8, 1, true, false, false, false, true, 42L, 0);
    }

    /** Sets both the text encoder's and the UNet's text width, keeping the model valid. */
    public TinyModelSpec withTextWidth(int width) {
        Copy copy = new Copy(this);
        copy.textWidth = width;
        copy.unetTextWidth = width;
        return copy.build();
    }

    public TinyModelSpec withUnetTextWidth(int value) {
        Copy copy = new Copy(this);
        copy.unetTextWidth = value;
        return copy.build();
    }

    public TinyModelSpec withTimestepKind(TimestepKind value) {
        Copy copy = new Copy(this);
        copy.timestepKind = value;
        return copy.build();
    }

    public TinyModelSpec withPredictionType(String value) {
        Copy copy = new Copy(this);
        copy.predictionType = value;
        return copy.build();
    }

    public TinyModelSpec withLatentChannels(int value) {
        Copy copy = new Copy(this);
        copy.latentChannels = value;
        return copy.build();
    }

    public TinyModelSpec withVaeFactor(int value) {
        Copy copy = new Copy(this);
        copy.vaeFactor = value;
        return copy.build();
    }

    public TinyModelSpec withUnetChannels(int value) {
        Copy copy = new Copy(this);
        copy.unetChannels = value;
        return copy.build();
    }

    public TinyModelSpec withAttentionBlocks(int value) {
        Copy copy = new Copy(this);
        copy.attentionBlocks = value;
        return copy.build();
    }

    public TinyModelSpec withVaeEncoder(boolean value) {
        Copy copy = new Copy(this);
        copy.vaeEncoder = value;
        return copy.build();
    }

    public TinyModelSpec withSafetyChecker(boolean value) {
        Copy copy = new Copy(this);
        copy.safetyChecker = value;
        return copy.build();
    }

    public TinyModelSpec withFloat16Unet(boolean value) {
        Copy copy = new Copy(this);
        copy.float16Unet = value;
        return copy.build();
    }

    public TinyModelSpec withExternalUnetWeights(boolean value) {
        Copy copy = new Copy(this);
        copy.externalUnetWeights = value;
        return copy.build();
    }

    public TinyModelSpec withVaeConfig(boolean value) {
        Copy copy = new Copy(this);
        copy.writeVaeConfig = value;
        return copy.build();
    }

    public TinyModelSpec withWeightSeed(long value) {
        Copy copy = new Copy(this);
        copy.weightSeed = value;
        return copy.build();
    }

    public TinyModelSpec withUnetFixedBatch(int value) {
        Copy copy = new Copy(this);
        copy.unetFixedBatch = value;
        return copy.build();
    }

    /** A mutable copy, so that each wither changes one component without repeating the other fourteen. */
    private static final class Copy {
        int textWidth;
        int unetTextWidth;
        TimestepKind timestepKind;
        String predictionType;
        int latentChannels;
        int vaeFactor;
        int unetChannels;
        int attentionBlocks;
        boolean vaeEncoder;
        boolean safetyChecker;
        boolean float16Unet;
        boolean externalUnetWeights;
        boolean writeVaeConfig;
        long weightSeed;
        int unetFixedBatch;

        Copy(TinyModelSpec spec) {
            textWidth = spec.textWidth;
            unetTextWidth = spec.unetTextWidth;
            timestepKind = spec.timestepKind;
            predictionType = spec.predictionType;
            latentChannels = spec.latentChannels;
            vaeFactor = spec.vaeFactor;
            unetChannels = spec.unetChannels;
            attentionBlocks = spec.attentionBlocks;
            vaeEncoder = spec.vaeEncoder;
            safetyChecker = spec.safetyChecker;
            float16Unet = spec.float16Unet;
            externalUnetWeights = spec.externalUnetWeights;
            writeVaeConfig = spec.writeVaeConfig;
            weightSeed = spec.weightSeed;
            unetFixedBatch = spec.unetFixedBatch;
        }

        TinyModelSpec build() {
            return new TinyModelSpec(
                    textWidth,
                    unetTextWidth,
                    timestepKind,
                    predictionType,
                    latentChannels,
                    vaeFactor,
                    unetChannels,
                    attentionBlocks,
                    vaeEncoder,
                    safetyChecker,
                    float16Unet,
                    externalUnetWeights,
                    writeVaeConfig,
                    weightSeed,
                    unetFixedBatch);
        }
    }
}
