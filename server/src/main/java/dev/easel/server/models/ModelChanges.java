package dev.easel.server.models;

import dev.easel.server.cache.ReadCache;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** After every committed change to a model: forget its cached reads and tell search and the others. */
@Component
class ModelChanges {
    static final String LISTS = "model-lists";
    static final String PAGES = "model-pages";

    private final ReadCache cache;
    private final ApplicationEventPublisher events;

    ModelChanges(ReadCache cache, ApplicationEventPublisher events) {
        this.cache = cache;
        this.events = events;
    }

    void changed(String modelId) {
        cache.evictRegion(LISTS);
        cache.evict(PAGES, modelId);
        events.publishEvent(new ContentChanged(ContentKind.MODEL, modelId));
    }
}
