package dev.easel.server.search;

import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the index in step with the database: a full build from every {@link SearchSource} once the application is
 * ready (and again every {@code easel.search.resync-interval}), and one item re-read after each committed
 * {@link ContentChanged}.
 *
 * <p>All index writes run on one background thread, in order, so a change that lands during a rebuild is applied
 * after it and never overwritten by the rebuild's older read. The writer's request never waits for indexing, and a
 * failure to index an item is logged without touching the write that caused it.
 */
@Component
class SearchIndexer {
    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    private final Map<ContentKind, SearchSource> sources = new EnumMap<>(ContentKind.class);
    private final SearchIndex index;
    private final SearchProperties properties;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });
    // Items with a refresh queued: a burst of changes to one item (likes) is read once.
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch built = new CountDownLatch(1);
    private volatile ScheduledFuture<?> resync;

    SearchIndexer(List<SearchSource> sources, SearchProperties properties) {
        for (SearchSource source : sources) {
            if (this.sources.put(source.kind(), source) != null) {
                throw new IllegalStateException("two search sources for " + source.kind());
            }
        }
        this.index = new SearchIndex();
        this.properties = properties;
    }

    SearchIndex index() {
        return index;
    }

    /** The kinds that have a source, in declaration order. */
    Set<ContentKind> kinds() {
        return sources.keySet();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        worker.execute(this::rebuild);
        Duration interval = properties.resyncInterval();
        if (!interval.isZero() && !interval.isNegative()) {
            resync = worker.scheduleWithFixedDelay(
                    this::rebuild, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** After the change commits (or at once when it was published outside a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(ContentChanged change) {
        SearchSource source = sources.get(change.kind());
        if (source == null) {
            return;
        }
        String key = SearchIndex.key(change.kind(), change.id());
        if (pending.add(key)) {
            try {
                worker.execute(() -> {
                    pending.remove(key);
                    refresh(source, change.id());
                });
            } catch (RejectedExecutionException e) {
                // Shutting down: the index goes with the process, and the write must not fail for it.
                pending.remove(key);
            }
        }
    }

    /** Whether the first full build has finished. */
    boolean ready() {
        return built.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the first build; returns whether it has finished. */
    boolean awaitReady(Duration timeout) {
        try {
            return built.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ready();
        }
    }

    private void refresh(SearchSource source, String id) {
        try {
            Optional<SearchDocument> document = source.document(id);
            if (document.isPresent()) {
                index.put(document.get());
            } else {
                index.remove(source.kind(), id);
            }
            index.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not index {} {}; the next resync will retry", source.kind(), id, e);
        }
    }

    private void rebuild() {
        long started = System.nanoTime();
        int documents = 0;
        for (SearchSource source : sources.values()) {
            try {
                List<SearchDocument> all = source.all();
                index.replaceKind(source.kind(), all);
                documents += all.size();
            } catch (RuntimeException e) {
                // One feature's failure keeps that kind's previous documents and does not stop the others.
                log.warn("Could not rebuild the search index for {}; keeping what was indexed", source.kind(), e);
            }
        }
        try {
            index.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh the search index", e);
        }
        if (ready()) {
            log.debug(
                    "Search index resynced: {} documents in {} ms",
                    documents,
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            log.info("Search index built: {} documents in {} ms", documents, (System.nanoTime() - started) / 1_000_000);
            built.countDown();
        }
    }

    @PreDestroy
    void stop() throws IOException {
        ScheduledFuture<?> periodic = resync;
        if (periodic != null) {
            periodic.cancel(false);
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }
}
