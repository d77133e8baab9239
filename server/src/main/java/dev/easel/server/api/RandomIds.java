package dev.easel.server.api;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids for things that may be private: 128 random bits, 22 URL-safe characters. */
public final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {}

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code id} could be one of ours: cheap shape check before a database look-up. */
    public static boolean looksValid(String id) {
        return id != null && id.length() == 22 && id.chars().allMatch(RandomIds::urlSafe);
    }

    private static boolean urlSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
