package dev.easel.server.gallery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the gallery.
 *
 * @param maxImageBytes largest uploaded image file (413 above)
 * @param maxImagesPerPost images in one post, from jobs and uploads together (400 above)
 */
@ConfigurationProperties("easel.gallery")
public record GalleryProperties(Long maxImageBytes, Integer maxImagesPerPost) {
    public GalleryProperties {
        maxImageBytes = maxImageBytes == null ? 16L * 1024 * 1024 : maxImageBytes;
        maxImagesPerPost = maxImagesPerPost == null ? 20 : maxImagesPerPost;
    }
}
