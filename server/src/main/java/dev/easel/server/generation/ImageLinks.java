package dev.easel.server.generation;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring links to a stored image, as OpenAI's image URLs are: whoever holds the link may fetch the image
 * until it expires, without the API key (clients hand such URLs to browsers and downloaders). The signature is an
 * HMAC-SHA256 of the hash and the expiry under a key from {@code easel.images.link-key}, or a random key per process
 * when that is blank (links then work only on the node that made them, until it restarts).
 */
@Component
public class ImageLinks {
    static final Duration VALIDITY = Duration.ofHours(1);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    ImageLinks(@Value("${easel.images.link-key:}") String configuredKey) {
        byte[] secret;
        if (configuredKey == null || configuredKey.isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        } else if (configuredKey.strip().length() < 32) {
            throw new IllegalArgumentException("easel.images.link-key must be at least 32 characters long");
        } else {
            secret = configuredKey.strip().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The path of a link to the image that works for {@link #VALIDITY} from now. */
    public String signedPath(String sha256) {
        long expires = Instant.now().plus(VALIDITY).getEpochSecond();
        return JobView.imageUrl(sha256) + "?expires=" + expires + "&signature=" + signature(sha256, expires);
    }

    /** Whether a link's parameters are ours, for this image, and not expired; false for missing ones. */
    boolean valid(String sha256, Long expires, String signature) {
        if (expires == null || signature == null || expires < Instant.now().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(
                signature(sha256, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String sha256, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return ENCODER.encodeToString(mac.doFinal((sha256 + ":" + expires).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
