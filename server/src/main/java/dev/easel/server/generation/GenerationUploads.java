package dev.easel.server.generation;

import dev.easel.server.api.UploadLimit;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Generation requests carry base64 init images, so their bodies may be far larger than the API's general limit:
 * {@code easel.generation.max-body-bytes}.
 */
@Configuration(proxyBeanMethods = false)
public class GenerationUploads {
    /** The largest generation request body, 64 MiB by default; the compatibility APIs' generation calls share it. */
    public static final String MAX_BODY_BYTES = "${easel.generation.max-body-bytes:67108864}";

    @Bean
    UploadLimit generationBodyLimit(@Value(MAX_BODY_BYTES) long maxBytes) {
        return new UploadLimit("POST", Pattern.compile("/api/v1/jobs/?"), maxBytes, "request body", null);
    }
}
