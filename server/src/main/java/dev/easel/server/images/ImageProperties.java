package dev.easel.server.images;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on decoding uploaded images (posts, avatars, init images).
 *
 * @param maxPixels largest uploaded post image or avatar, in pixels (default 4096x4096); init images are capped at the
 *     largest size a job can have instead
 * @param maxConcurrentDecodes images decoded at once across the server; a decode takes width x height x 4 bytes
 * @param decodeWait how long an upload waits for a decode slot before it gets 429
 */
@ConfigurationProperties("easel.images")
public record ImageProperties(Long maxPixels, Integer maxConcurrentDecodes, Duration decodeWait) {
    public ImageProperties {
        maxPixels = maxPixels == null ? 4096L * 4096 : maxPixels;
        maxConcurrentDecodes = maxConcurrentDecodes == null ? 2 : maxConcurrentDecodes;
        decodeWait = decodeWait == null ? Duration.ofSeconds(2) : decodeWait;
        if (maxConcurrentDecodes < 1) {
            throw new IllegalArgumentException(
                    "easel.images.max-concurrent-decodes must be at least 1, got " + maxConcurrentDecodes);
        }
    }
}
