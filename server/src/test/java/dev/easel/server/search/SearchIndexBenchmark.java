package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.LuceneQueries.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.lucene.search.TopFieldDocs;

/**
 * Not a test: times the index build and searches on a synthetic set the size of the seeded benchmark (10k posts, 1k
 * models, 1k users) built from prompt-like word lists, English and Chinese. Run with the test classpath:
 * {@code java -cp server/target/test-classes:server/target/classes:<the Lucene 10.3.2 jars and slf4j-api>
 * dev.easel.server.search.SearchIndexBenchmark}.
 */
public final class SearchIndexBenchmark {
    private static final String[] WORDS = ("portrait landscape watercolor oil painting anime cyberpunk neon city"
                    + " forest mountain lake river sunset sunrise night rain snow fox cat dog dragon knight castle"
                    + " robot spaceship galaxy nebula flower garden ocean wave beach desert temple shrine samurai"
                    + " witch wizard elf warrior princess detailed intricate masterpiece cinematic lighting soft"
                    + " dramatic volumetric fog golden hour studio photo realistic sketch ink lineart pastel vivid"
                    + " 水彩 油画 动漫 风景 城市 森林 山 湖 猫 狐狸 龙 樱花 夜景 少女 机器人 赛博朋克")
            .split(" ");

    private SearchIndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        Random random = new Random(42);
        List<SearchDocument> posts = documents(ContentKind.POST, 10_000, random);
        List<SearchDocument> models = documents(ContentKind.MODEL, 1_000, random);
        List<SearchDocument> users = documents(ContentKind.USER, 1_000, random);
        SearchIndexer indexer = new SearchIndexer(
                List.of(
                        source(ContentKind.POST, posts),
                        source(ContentKind.MODEL, models),
                        source(ContentKind.USER, users)),
                new SearchProperties(Duration.ZERO, Duration.ofSeconds(60)));
        long started = System.nanoTime();
        indexer.start();
        indexer.awaitReady(Duration.ofMinutes(5));
        System.out.printf("build: %d documents in %d ms%n", 12_000, (System.nanoTime() - started) / 1_000_000);

        String[] queries = {"watercolor fox", "cyberpunk city night", "水彩", "portrait", "dragon castle sunset"};
        for (int round = 0; round < 2; round++) {
            long[] micros = new long[1000];
            for (int i = 0; i < micros.length; i++) {
                String q = queries[i % queries.length];
                long t = System.nanoTime();
                search(indexer, q, i % 2 == 0 ? SearchSort.RELEVANCE : SearchSort.MOST_LIKED);
                micros[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("round %d: 1000 searches, p50 %d µs, p99 %d µs%n", round + 1, micros[500], micros[990]);
        }
        indexer.stop();
    }

    private static int search(SearchIndexer indexer, String text, SearchSort sort) {
        SearchIndex index = indexer.index();
        Filters filters = new Filters(null, null, null, null, NsfwLevel.PG13);
        var query = LuceneQueries.filtered(
                LuceneQueries.matching(LuceneQueries.terms(index.analyzer(), SearchFields.TEXT, text), false), filters);
        return index.read(searcher -> {
            try {
                TopFieldDocs top = searcher.search(query, 20, sort.lucene(), true);
                for (var hit : top.scoreDocs) {
                    searcher.storedFields().document(hit.doc);
                }
                return top.scoreDocs.length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<SearchDocument> documents(ContentKind kind, int count, Random random) {
        List<SearchDocument> documents = new ArrayList<>();
        NsfwLevel[] levels = NsfwLevel.values();
        for (int i = 0; i < count; i++) {
            documents.add(new SearchDocument(
                    kind,
                    kind.name() + i,
                    words(random, 3),
                    words(random, 40),
                    List.of(WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]),
                    kind == ContentKind.MODEL ? "LoRA" : null,
                    kind == ContentKind.MODEL ? "SD 1.5" : null,
                    levels[random.nextInt(levels.length)],
                    random.nextInt(1000),
                    random.nextInt(5000),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(30_000_000))));
        }
        return documents;
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static SearchSource source(ContentKind kind, List<SearchDocument> documents) {
        return new SearchSource() {
            @Override
            public ContentKind kind() {
                return kind;
            }

            @Override
            public List<SearchDocument> all() {
                return documents;
            }

            @Override
            public Optional<SearchDocument> document(String id) {
                return documents.stream().filter(d -> d.id().equals(id)).findFirst();
            }
        };
    }
}
