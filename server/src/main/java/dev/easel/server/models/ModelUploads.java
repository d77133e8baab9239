package dev.easel.server.models;

import dev.easel.server.api.UploadLimit;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Model uploads (a new model, a new version) are limited by {@code easel.models.max-upload-bytes}, not the API's. */
@Configuration(proxyBeanMethods = false)
class ModelUploads {
    @Bean
    UploadLimit modelUploadLimit(ModelProperties limits) {
        return new UploadLimit(
                "POST",
                Pattern.compile("/api/v1/models(/[^/]+/versions)?/?"),
                limits.maxUploadBytes(),
                "model upload",
                "file");
    }
}
