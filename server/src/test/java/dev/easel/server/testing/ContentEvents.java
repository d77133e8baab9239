package dev.easel.server.testing;

import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.LikesChanged;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/** Records the content events the application publishes, from whatever thread (HTTP requests run on their own). */
@TestConfiguration(proxyBeanMethods = false)
public class ContentEvents {
    private final List<ContentChanged> changes = new CopyOnWriteArrayList<>();
    private final List<LikesChanged> likes = new CopyOnWriteArrayList<>();

    @EventListener
    void changed(ContentChanged event) {
        changes.add(event);
    }

    @EventListener
    void liked(LikesChanged event) {
        likes.add(event);
    }

    /** How many {@link ContentChanged} events named this item so far. */
    public long changes(ContentKind kind, String id) {
        return changes.stream()
                .filter(event -> event.kind() == kind && event.id().equals(id))
                .count();
    }

    /** The last like count published for this item, or -1. */
    public long lastLikeCount(ContentKind kind, String id) {
        return likes.stream()
                .filter(event -> event.kind() == kind && event.id().equals(id))
                .reduce((first, second) -> second)
                .map(LikesChanged::likeCount)
                .orElse(-1L);
    }
}
