package dev.easel.server.moderation;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentDirectory;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.search.SearchSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * TEST DATA ONLY: a stand-in for a content feature (kind {@link #KIND}) with the visibility rules the directory SPI
 * asks for (private items only for their owner; hidden items only for their owner and moderators), publishing
 * {@link ContentChanged} on hide like a real feature, and a search source of its listed items.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestGallery {
    static final ContentKind KIND = ContentKind.MODEL;

    @Bean
    Items testItems(ApplicationEventPublisher events) {
        return new Items(events);
    }

    record Item(String id, long ownerId, String title, boolean isPrivate, boolean hidden) {}

    static final class Items implements ContentDirectory, SearchSource {
        private final Map<String, Item> items = new ConcurrentHashMap<>();
        private final ApplicationEventPublisher events;

        Items(ApplicationEventPublisher events) {
            this.events = events;
        }

        void add(Item item) {
            items.put(item.id(), item);
            events.publishEvent(new ContentChanged(KIND, item.id()));
        }

        boolean isHidden(String id) {
            return items.get(id).hidden();
        }

        @Override
        public ContentKind kind() {
            return KIND;
        }

        @Override
        public Optional<ContentSummary> find(String id, UserAccount viewer) {
            return Optional.ofNullable(items.get(id))
                    .filter(item -> (viewer != null && item.ownerId() == viewer.id())
                            || (!item.isPrivate() && (!item.hidden() || isModerator(viewer))))
                    .map(Items::summary);
        }

        @Override
        public Optional<ContentSummary> findAny(String id) {
            return Optional.ofNullable(items.get(id)).map(Items::summary);
        }

        @Override
        public void setHidden(String id, boolean hidden) {
            items.computeIfPresent(
                    id, (key, item) -> new Item(item.id(), item.ownerId(), item.title(), item.isPrivate(), hidden));
            events.publishEvent(new ContentChanged(KIND, id));
        }

        @Override
        public List<SearchDocument> all() {
            return items.keySet().stream().flatMap(id -> document(id).stream()).toList();
        }

        @Override
        public Optional<SearchDocument> document(String id) {
            return Optional.ofNullable(items.get(id))
                    .filter(item -> !item.isPrivate() && !item.hidden())
                    .map(item -> new SearchDocument(
                            KIND,
                            item.id(),
                            item.title(),
                            "",
                            List.of(),
                            null,
                            null,
                            NsfwLevel.PG,
                            0,
                            0,
                            Instant.parse("2026-11-01T00:00:00Z")));
        }

        private static boolean isModerator(UserAccount viewer) {
            return viewer != null && viewer.role().atLeast(Role.MODERATOR);
        }

        private static ContentSummary summary(Item item) {
            return new ContentSummary(KIND, item.id(), item.ownerId(), item.title(), item.hidden());
        }
    }
}
