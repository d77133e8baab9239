package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index, in memory: the database is the truth and the index is rebuilt from it at startup, so there is
 * nothing on disk to go stale, migrate or share between nodes. Writes become visible to searches at {@link #refresh()}.
 * BM25 is Lucene's default similarity.
 */
final class SearchIndex implements Closeable {
    private final Analyzer analyzer = SearchAnalyzers.create();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    SearchIndex() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** Adds the document, replacing an older one of the same item. */
    void put(SearchDocument document) {
        try {
            writer.updateDocument(keyTerm(document.kind(), document.id()), toLucene(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(ContentKind kind, String id) {
        try {
            writer.deleteDocuments(keyTerm(kind, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces every document of {@code kind} with {@code documents}; searches see old or new, never a mix. */
    void replaceKind(ContentKind kind, List<SearchDocument> documents) {
        try {
            writer.deleteDocuments(new Term(SearchFields.KIND, kind.name()));
            // Every document of the kind was just deleted: adding is enough, and far cheaper than an update per item.
            for (SearchDocument document : documents) {
                writer.addDocument(toLucene(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the writes so far visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code reading} on the current point-in-time view of the index. */
    <T> T read(Function<IndexSearcher, T> reading) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return reading.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }

    static String key(ContentKind kind, String id) {
        return kind.name() + ":" + id;
    }

    /** Filters and tags are matched case-insensitively. */
    static String keyword(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** NSFW levels as numbers for range filters: PG 0 ... X 3, fixed here rather than by declaration order. */
    static int nsfwRank(NsfwLevel level) {
        return switch (level) {
            case PG -> 0;
            case PG13 -> 1;
            case R -> 2;
            case X -> 3;
        };
    }

    static NsfwLevel nsfwLevel(int rank) {
        return switch (rank) {
            case 0 -> NsfwLevel.PG;
            case 1 -> NsfwLevel.PG13;
            case 2 -> NsfwLevel.R;
            default -> NsfwLevel.X;
        };
    }

    private static Term keyTerm(ContentKind kind, String id) {
        return new Term(SearchFields.KEY, key(kind, id));
    }

    private static Document toLucene(SearchDocument source) {
        Document doc = new Document();
        String key = key(source.kind(), source.id());
        doc.add(new StringField(SearchFields.KEY, key, Field.Store.NO));
        doc.add(new SortedDocValuesField(SearchFields.KEY, new BytesRef(key)));
        doc.add(new StringField(SearchFields.KIND, source.kind().name(), Field.Store.YES));
        doc.add(new StoredField(SearchFields.ID, source.id()));
        String title = source.title() == null ? "" : source.title();
        doc.add(new TextField(SearchFields.TITLE, title, Field.Store.YES));
        doc.add(new TextField(SearchFields.TITLE_WORDS, title, Field.Store.NO));
        doc.add(new TextField(SearchFields.TEXT, source.text() == null ? "" : source.text(), Field.Store.YES));
        for (String tag : source.tags()) {
            doc.add(new TextField(SearchFields.TAGS, tag, Field.Store.YES));
            doc.add(new StringField(SearchFields.TAG, keyword(tag), Field.Store.NO));
        }
        if (source.modelType() != null) {
            doc.add(new StringField(SearchFields.TYPE, keyword(source.modelType()), Field.Store.NO));
            doc.add(new StoredField(SearchFields.TYPE, source.modelType()));
        }
        if (source.baseModel() != null) {
            doc.add(new StringField(SearchFields.BASE_MODEL, keyword(source.baseModel()), Field.Store.NO));
            doc.add(new StoredField(SearchFields.BASE_MODEL, source.baseModel()));
        }
        int nsfw = nsfwRank(source.nsfw());
        doc.add(new IntPoint(SearchFields.NSFW, nsfw));
        doc.add(new StoredField(SearchFields.NSFW, nsfw));
        addLong(doc, SearchFields.LIKES, source.likes());
        addLong(doc, SearchFields.DOWNLOADS, source.downloads());
        addLong(doc, SearchFields.CREATED, source.createdAt().toEpochMilli());
        return doc;
    }

    private static void addLong(Document doc, String field, long value) {
        doc.add(new NumericDocValuesField(field, value));
        doc.add(new StoredField(field, value));
    }
}
