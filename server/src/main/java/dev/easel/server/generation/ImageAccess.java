package dev.easel.server.generation;

import java.time.Duration;
import org.springframework.http.CacheControl;

/** How a viewer may see a stored image, which also says who may cache it. */
public enum ImageAccess {
    /** Not at all: answered 404, as if it did not exist. */
    NONE,
    /** Only this viewer (an owner, a moderator): no cache may keep it, since access can end at any time. */
    PRIVATE,
    /** Anybody, a signed-out visitor too: shared caches may keep it for a while. */
    PUBLIC;

    /**
     * How long shared caches may keep a public image: an image made private or hidden can stay in a cache that long,
     * so this is short, not the year that content addressing would allow.
     */
    static final Duration PUBLIC_MAX_AGE = Duration.ofHours(1);

    public CacheControl cacheControl() {
        return this == PUBLIC
                ? CacheControl.maxAge(PUBLIC_MAX_AGE).cachePublic()
                : CacheControl.noStore().cachePrivate();
    }

    /** The wider of two accesses. */
    public ImageAccess or(ImageAccess other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
