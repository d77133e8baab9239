package dev.easel.server.accounts;

import dev.easel.server.api.UploadLimit;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An avatar upload is the image plus, when sent as multipart, a little framing; more than the API's general limit. */
@Configuration(proxyBeanMethods = false)
class AvatarUploads {
    private static final int MULTIPART_FRAMING = 64 << 10;

    @Bean
    UploadLimit avatarUploadLimit() {
        return new UploadLimit(
                "PUT",
                Pattern.compile("/api/v1/me/avatar/?"),
                AvatarStore.MAX_BYTES + MULTIPART_FRAMING,
                "avatar upload",
                AvatarStore.FIELD);
    }
}
