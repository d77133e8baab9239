package dev.easel.server.models;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on model uploads.
 *
 * @param maxUploadBytes largest upload request (413 above it); the API's body limit and Spring's multipart limits must
 *     allow at least as much for it to take effect
 * @param maxEntries most entries (files and folders) a model zip may hold
 * @param maxUnpackedBytes most bytes a model zip may unpack to, counted as they are inflated
 * @param maxInflationRatio most bytes unpacked per byte of zip (zip-bomb guard), checked once past 1 MiB unpacked
 * @param maxSampleImages sample images per version
 * @param maxSampleImageBytes size of one sample image
 */
@ConfigurationProperties("easel.models")
public record ModelProperties(
        Long maxUploadBytes,
        Integer maxEntries,
        Long maxUnpackedBytes,
        Integer maxInflationRatio,
        Integer maxSampleImages,
        Long maxSampleImageBytes) {
    public ModelProperties {
        maxUploadBytes = maxUploadBytes == null ? 8L << 30 : maxUploadBytes;
        maxEntries = maxEntries == null ? 10_000 : maxEntries;
        maxUnpackedBytes = maxUnpackedBytes == null ? 16L << 30 : maxUnpackedBytes;
        maxInflationRatio = maxInflationRatio == null ? 100 : maxInflationRatio;
        maxSampleImages = maxSampleImages == null ? 20 : maxSampleImages;
        maxSampleImageBytes = maxSampleImageBytes == null ? 16L << 20 : maxSampleImageBytes;
    }
}
