package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import java.util.List;
import java.util.Optional;

/**
 * Implemented by each feature whose content is searchable. Search builds its index from {@link #all()} at startup and
 * refreshes one item from {@link #document(String)} on every {@link dev.easel.server.content.ContentChanged}.
 */
public interface SearchSource {
    ContentKind kind();

    /** Every listed item of this kind. */
    List<SearchDocument> all();

    /** The item's document; empty when it no longer exists or is no longer listed (it leaves the index). */
    Optional<SearchDocument> document(String id);
}
