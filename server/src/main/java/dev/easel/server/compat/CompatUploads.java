package dev.easel.server.compat;

import dev.easel.server.api.UploadLimit;
import dev.easel.server.generation.GenerationUploads;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The compatibility APIs' generation calls carry base64 images as the native one does, and share its body limit. */
@Configuration(proxyBeanMethods = false)
class CompatUploads {
    @Bean
    UploadLimit compatGenerationBodyLimit(@Value(GenerationUploads.MAX_BODY_BYTES) long maxBytes) {
        return new UploadLimit(
                "POST",
                Pattern.compile("/sdapi/v1/(txt2img|img2img)/?|/v1/images/generations/?"),
                maxBytes,
                "request body",
                null);
    }
}
