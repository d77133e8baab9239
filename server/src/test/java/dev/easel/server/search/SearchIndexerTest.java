package dev.easel.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.search.TestSearchSources.Doc;
import dev.easel.server.search.TestSearchSources.Listed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The indexer's own behaviour, without the application: startup build, resync, failures, the startup wait. */
class SearchIndexerTest {
    private SearchIndexer indexer;

    @AfterEach
    void stop() throws Exception {
        if (indexer != null) {
            indexer.stop();
        }
    }

    private static boolean indexed(SearchIndexer indexer, ContentKind kind, String id) {
        return indexer.index().read(searcher -> {
                    try {
                        return searcher.count(new TermQuery(new Term(SearchFields.KEY, SearchIndex.key(kind, id))));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                > 0;
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(what);
    }

    @Test
    void periodicResyncPicksUpChangesThatSentNoEventAsFromAnotherNode() throws Exception {
        Listed images = new Listed(ContentKind.IMAGE);
        images.put(new Doc(ContentKind.IMAGE, "a").title("alpha").build());
        indexer =
                new SearchIndexer(List.of(images), new SearchProperties(Duration.ofMillis(100), Duration.ofSeconds(1)));
        indexer.start();
        assertThat(indexer.awaitReady(Duration.ofSeconds(10))).isTrue();
        assertThat(indexed(indexer, ContentKind.IMAGE, "a")).isTrue();

        // Another node changed the database: no event here.
        images.items.remove("a");
        images.put(new Doc(ContentKind.IMAGE, "b").title("beta").build());
        await(() -> indexed(indexer, ContentKind.IMAGE, "b") && !indexed(indexer, ContentKind.IMAGE, "a"), "resync");
    }

    @Test
    void aSourceFailingDuringARebuildKeepsItsDocumentsAndTheOthersRebuild() throws Exception {
        Listed images = new Listed(ContentKind.IMAGE);
        Listed comments = new Listed(ContentKind.COMMENT) {
            private int calls;

            @Override
            public List<SearchDocument> all() {
                if (++calls > 1) {
                    throw new IllegalStateException("database down for comments");
                }
                return super.all();
            }
        };
        images.put(new Doc(ContentKind.IMAGE, "i1").title("one").build());
        comments.put(new Doc(ContentKind.COMMENT, "c1").title("first").build());
        indexer = new SearchIndexer(
                List.of(images, comments), new SearchProperties(Duration.ofMillis(50), Duration.ofSeconds(1)));
        indexer.start();
        assertThat(indexer.awaitReady(Duration.ofSeconds(10))).isTrue();

        images.put(new Doc(ContentKind.IMAGE, "i2").title("two").build());
        await(() -> indexed(indexer, ContentKind.IMAGE, "i2"), "images rebuilt");
        assertThat(indexed(indexer, ContentKind.COMMENT, "c1")).as("kept").isTrue();
    }

    @Test
    void aSlowFirstBuildIsWaitedForOnlyAsLongAsAskedAndChangesDuringItApplyAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Listed slow = new Listed(ContentKind.IMAGE) {
            @Override
            public List<SearchDocument> all() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.all();
            }
        };
        slow.put(new Doc(ContentKind.IMAGE, "s").title("slow").build());
        indexer = new SearchIndexer(List.of(slow), new SearchProperties(Duration.ZERO, Duration.ofSeconds(1)));
        indexer.start();
        long started = System.nanoTime();
        assertThat(indexer.awaitReady(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(indexer.ready()).isFalse();

        // A change during the build is applied after it, from a fresh read.
        slow.put(new Doc(ContentKind.IMAGE, "late").title("late").build());
        indexer.changed(new ContentChanged(ContentKind.IMAGE, "late"));
        release.countDown();
        assertThat(indexer.awaitReady(Duration.ofSeconds(10))).isTrue();
        await(() -> indexed(indexer, ContentKind.IMAGE, "late"), "late change indexed");
        assertThat(indexed(indexer, ContentKind.IMAGE, "s")).isTrue();
    }
}
