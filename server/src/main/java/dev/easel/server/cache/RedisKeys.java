package dev.easel.server.cache;

/**
 * The Redis keys of one cache key. A region has a generation counter; the value and the load lock of a key live under
 * the current generation, so evicting a region is one INCR and the old generation's values simply expire. The region
 * is a hash tag, so all keys of a region hash to one cluster slot.
 *
 * @param region prefix of the region's keys, e.g. {@code easel:cache:{gallery-pages}:}
 * @param key the caller's key
 */
record RedisKeys(String region, String key) {
    static RedisKeys of(String prefix, String region, String key) {
        return new RedisKeys(prefix + '{' + region + "}:", key);
    }

    String generation() {
        return region + "gen";
    }

    /** Must match the name the read script builds from the same parts. */
    String value(long generation) {
        return region + "v:" + generation + ':' + key;
    }

    String lock(long generation) {
        return region + "lock:" + generation + ':' + key;
    }
}
