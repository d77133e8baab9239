package dev.easel.server.gallery;

import java.util.List;

/** One cached list page (a concrete record rather than {@code Page<StoredPost>}, so JSON caches can read it back). */
record StoredPostPage(List<StoredPost> items, String nextCursor) {
    StoredPostPage {
        items = List.copyOf(items);
    }
}
