package dev.easel.server.models;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on model uploads and downloads.
 *
 * @param maxUploadBytes largest upload request (413 above it); the API's body limit and Spring's multipart limits must
 *     allow at least as much for it to take effect
 * @param maxEntries most entries (files and folders) a model zip may hold
 * @param maxUnpackedBytes most bytes a model zip may unpack to, counted as they are inflated
 * @param maxInflationRatio most bytes unpacked per byte of zip (zip-bomb guard), checked once past 1 MiB unpacked
 * @param maxSampleImages sample images per version
 * @param maxSampleImageBytes size of one sample image
 * @param maxConcurrentValidations uploaded models loaded by the engine at once (each load takes the model's size in
 *     memory); further uploads wait up to {@code validationWait} for a slot, then get 429
 * @param validationWait how long an upload waits for a validation slot
 * @param downloadCountWindow a caller's downloads of one version count once within this window
 * @param downloadCountKeys recently counted (caller, version) pairs remembered per node; the oldest are forgotten first
 */
@ConfigurationProperties("easel.models")
public record ModelProperties(
        Long maxUploadBytes,
        Integer maxEntries,
        Long maxUnpackedBytes,
        Integer maxInflationRatio,
        Integer maxSampleImages,
        Long maxSampleImageBytes,
        Integer maxConcurrentValidations,
        Duration validationWait,
        Duration downloadCountWindow,
        Long downloadCountKeys) {
    public ModelProperties {
        maxUploadBytes = maxUploadBytes == null ? 8L << 30 : maxUploadBytes;
        maxEntries = maxEntries == null ? 10_000 : maxEntries;
        maxUnpackedBytes = maxUnpackedBytes == null ? 16L << 30 : maxUnpackedBytes;
        maxInflationRatio = maxInflationRatio == null ? 100 : maxInflationRatio;
        maxSampleImages = maxSampleImages == null ? 20 : maxSampleImages;
        maxSampleImageBytes = maxSampleImageBytes == null ? 16L << 20 : maxSampleImageBytes;
        maxConcurrentValidations = maxConcurrentValidations == null ? 1 : maxConcurrentValidations;
        validationWait = validationWait == null ? Duration.ofSeconds(5) : validationWait;
        downloadCountWindow = downloadCountWindow == null ? Duration.ofHours(24) : downloadCountWindow;
        downloadCountKeys = downloadCountKeys == null ? 100_000L : downloadCountKeys;
        if (maxConcurrentValidations < 1) {
            throw new IllegalArgumentException(
                    "easel.models.max-concurrent-validations must be at least 1, got " + maxConcurrentValidations);
        }
    }
}
