package dev.easel.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * The last decoded value per Redis key, reused while Redis returns the very same JSON: a Redis hit then costs the round
 * trip but not the decoding (which dominates for list pages). Redis stays the source of truth, so an eviction or a new
 * value on any node is seen at once. Bounded by the length of the JSON kept.
 */
final class DecodedValues {
    private static final long MAXIMUM_JSON_CHARS = 16L << 20;

    private record Decoded(String json, Object value) {}

    private final Cache<String, Decoded> decoded = Caffeine.newBuilder()
            .maximumWeight(MAXIMUM_JSON_CHARS)
            .weigher((String key, Decoded value) -> key.length() + value.json().length())
            .build();

    <T> T decode(String key, String json, Class<T> type, Function<String, T> decoder) {
        Decoded last = decoded.getIfPresent(key);
        if (last != null && type.isInstance(last.value()) && last.json().equals(json)) {
            return type.cast(last.value());
        }
        T value = decoder.apply(json);
        if (value != null) {
            decoded.put(key, new Decoded(json, value));
        }
        return value;
    }
}
