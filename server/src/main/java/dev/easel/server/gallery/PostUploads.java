package dev.easel.server.gallery;

import dev.easel.server.api.UploadLimit;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A new post may carry its image files, so its body may be far larger than the API's general limit:
 * {@code easel.gallery.max-post-bytes}, 64 MiB by default (Spring's multipart limit must allow as much).
 */
@Configuration(proxyBeanMethods = false)
class PostUploads {
    @Bean
    UploadLimit postUploadLimit(@Value("${easel.gallery.max-post-bytes:67108864}") long maxBytes) {
        return new UploadLimit("POST", Pattern.compile("/api/v1/posts/?"), maxBytes, "post upload", "files");
    }
}
