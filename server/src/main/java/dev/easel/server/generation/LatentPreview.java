package dev.easel.server.generation;

import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import java.util.Base64;

/**
 * A cheap look at latents without the VAE: a fixed linear map from SD's four latent channels to RGB (the
 * approximation A1111 and ComfyUI show as "latent preview"); other channel counts show their first three channels.
 */
final class LatentPreview {
    // Rows: latent channel; columns: contribution to R, G, B. Fitted by the community for SD 1.x latents.
    private static final float[][] SD_FACTORS = {
        {0.298f, 0.207f, 0.208f}, {0.187f, 0.286f, 0.173f}, {-0.158f, 0.189f, 0.264f}, {-0.184f, -0.271f, -0.473f}
    };

    private LatentPreview() {}

    /** A PNG data URL of the latents [channels * height * width]. */
    static String dataUrl(float[] latents, int channels, int height, int width) {
        int plane = height * width;
        float[] chw = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int rgb = 0; rgb < 3; rgb++) {
                float value = 0;
                if (channels == 4) {
                    for (int c = 0; c < 4; c++) {
                        value += latents[c * plane + p] * SD_FACTORS[c][rgb];
                    }
                } else {
                    value = latents[Math.min(rgb, channels - 1) * plane + p] * 0.5f;
                }
                chw[rgb * plane + p] = value;
            }
        }
        byte[] png = PngImages.encode(RgbImage.fromChw(chw, width, height), null);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
