package dev.easel.server.search;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.accounts.ViewerPreferences;
import dev.easel.server.api.FieldException;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.LuceneQueries.Filters;
import dev.easel.server.search.Suggestions.TagSuggestion;
import dev.easel.server.search.Suggestions.TitleSuggestion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.springframework.stereotype.Service;

/** Ranked search and suggestions over every listed item, as one viewer may see them. */
@Service
public class SearchService {
    public static final int MAX_SUGGESTIONS = 20;
    public static final int MAX_PREFIX = 100;
    // Tags examined per suggestion request before counting which the viewer may see.
    private static final int TAG_CANDIDATES = 50;

    private final SearchIndexer indexer;
    private final UserService users;
    private final SearchProperties properties;

    SearchService(SearchIndexer indexer, UserService users, SearchProperties properties) {
        this.indexer = indexer;
        this.users = users;
        this.properties = properties;
    }

    /**
     * One page of results. While the index is first being built a search waits up to {@code easel.search.startup-wait}
     * and then answers from what is indexed, with {@code complete} false.
     *
     * @throws FieldException naming {@code q}, {@code kind}, {@code limit} or {@code cursor}
     */
    public SearchResults search(SearchQuery query, UserAccount viewer) {
        if (query.text().length() > SearchQuery.MAX_TEXT) {
            throw new FieldException("q", "q must be at most " + SearchQuery.MAX_TEXT + " characters");
        }
        checkKind(query.kind());
        if (query.limit() < 1 || query.limit() > SearchQuery.MAX_LIMIT) {
            throw new FieldException("limit", "limit must be between 1 and " + SearchQuery.MAX_LIMIT);
        }
        boolean complete = indexer.ready() || indexer.awaitReady(properties.startupWait());
        NsfwLevel nsfw = nsfwLimit(query.maxNsfw(), viewer);
        SearchSort sort = query.effectiveSort();
        SearchIndex index = indexer.index();
        List<String> terms = LuceneQueries.terms(index.analyzer(), SearchFields.TEXT, query.text());
        Query matching = LuceneQueries.matching(terms, query.text().isEmpty());
        Filters filters = new Filters(query.kind(), query.modelType(), query.baseModel(), query.tag(), nsfw);
        return index.read(searcher -> {
            FieldDoc after = query.cursor() == null
                    ? null
                    : SearchCursor.decode(
                            query.cursor(),
                            sort,
                            Math.max(0, searcher.getIndexReader().maxDoc() - 1));
            try {
                TopFieldDocs top = searcher.searchAfter(
                        after, LuceneQueries.filtered(matching, filters), query.limit() + 1, sort.lucene(), true);
                List<SearchHit> hits = new ArrayList<>();
                Set<String> termSet = new HashSet<>(terms);
                Function<String, String> snippet = text -> Snippets.of(index.analyzer(), termSet, text);
                int shown = Math.min(query.limit(), top.scoreDocs.length);
                for (int i = 0; i < shown; i++) {
                    hits.add(hit(searcher, top.scoreDocs[i], snippet));
                }
                String next = top.scoreDocs.length > query.limit()
                        ? SearchCursor.encode(sort, (FieldDoc) top.scoreDocs[shown - 1])
                        : null;
                Map<String, Long> counts = new LinkedHashMap<>();
                for (ContentKind kind : indexer.kinds()) {
                    counts.put(kind.plural(), (long)
                            searcher.count(LuceneQueries.filtered(matching, filters.withKind(kind))));
                }
                return new SearchResults(hits, next, counts, sort.parameter(), nsfw, complete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Titles and tags starting with what the user is typing, as {@code viewer} may see them (their NSFW preference).
     *
     * @throws FieldException naming {@code q}, {@code kind} or {@code limit}
     */
    public Suggestions suggest(String prefix, ContentKind kind, int limit, UserAccount viewer) {
        String typed = prefix == null ? "" : prefix.strip();
        if (typed.isEmpty() || typed.length() > MAX_PREFIX) {
            throw new FieldException("q", "q must be 1-" + MAX_PREFIX + " characters");
        }
        checkKind(kind);
        if (limit < 1 || limit > MAX_SUGGESTIONS) {
            throw new FieldException("limit", "limit must be between 1 and " + MAX_SUGGESTIONS);
        }
        indexer.awaitReady(properties.startupWait());
        Filters filters =
                new Filters(kind, null, null, null, users.preferences(viewer).maxNsfw());
        SearchIndex index = indexer.index();
        List<String> words = LuceneQueries.terms(index.analyzer(), SearchFields.TITLE_WORDS, typed);
        return index.read(searcher -> {
            try {
                return new Suggestions(
                        words.isEmpty() ? List.of() : titles(searcher, words, filters, limit),
                        tags(searcher, SearchIndex.keyword(typed), filters, limit));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void checkKind(ContentKind kind) {
        if (kind != null && !indexer.kinds().contains(kind)) {
            throw new FieldException(
                    "kind",
                    kind.plural() + " are not searchable; kind must be one of "
                            + indexer.kinds().stream().map(ContentKind::plural).collect(Collectors.joining(", ")));
        }
    }

    /**
     * The viewer's NSFW preference, unless the search asks for another level. Signed-in viewers may ask for any level
     * (the preference is their default, the parameter an explicit choice); signed-out visitors and the anonymous
     * account never get more than the default, since nobody has said they may see it.
     */
    private NsfwLevel nsfwLimit(NsfwLevel asked, UserAccount viewer) {
        NsfwLevel preferred = users.preferences(viewer).maxNsfw();
        if (asked == null) {
            return preferred;
        }
        boolean signedIn = viewer != null && !users.isAnonymous(viewer);
        return signedIn || asked.atMost(ViewerPreferences.DEFAULT.maxNsfw()) ? asked : preferred;
    }

    private static List<TitleSuggestion> titles(IndexSearcher searcher, List<String> words, Filters filters, int limit)
            throws IOException {
        Sort mostLiked = new Sort(
                new SortField(SearchFields.LIKES, SortField.Type.LONG, true),
                new SortField(SearchFields.KEY, SortField.Type.STRING));
        TopFieldDocs top =
                searcher.search(LuceneQueries.filtered(LuceneQueries.titlePrefix(words), filters), limit, mostLiked);
        List<TitleSuggestion> titles = new ArrayList<>();
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            Document doc = searcher.storedFields().document(scoreDoc.doc);
            ContentKind kind = ContentKind.valueOf(doc.get(SearchFields.KIND));
            titles.add(new TitleSuggestion(kind.plural(), doc.get(SearchFields.ID), doc.get(SearchFields.TITLE)));
        }
        return titles;
    }

    // Candidates come from the term dictionary; each is then counted under the viewer's filters, which also leaves out
    // tags that only deleted or hidden items still hold in not-yet-merged segments.
    private static List<TagSuggestion> tags(IndexSearcher searcher, String prefix, Filters filters, int limit)
            throws IOException {
        Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), SearchFields.TAG);
        if (terms == null) {
            return List.of();
        }
        BytesRef wanted = new BytesRef(prefix);
        TermsEnum all = terms.iterator();
        List<TagSuggestion> found = new ArrayList<>();
        if (all.seekCeil(wanted) == TermsEnum.SeekStatus.END) {
            return List.of();
        }
        int examined = 0;
        do {
            BytesRef term = all.term();
            if (!StringHelper.startsWith(term, wanted)) {
                break;
            }
            String tag = term.utf8ToString();
            long count =
                    searcher.count(LuceneQueries.filtered(new TermQuery(new Term(SearchFields.TAG, tag)), filters));
            if (count > 0) {
                found.add(new TagSuggestion(tag, count));
            }
        } while (++examined < TAG_CANDIDATES && all.next() != null);
        return found.stream()
                .sorted(Comparator.comparingLong(TagSuggestion::count)
                        .reversed()
                        .thenComparing(TagSuggestion::tag))
                .limit(limit)
                .toList();
    }

    private static SearchHit hit(IndexSearcher searcher, ScoreDoc scoreDoc, Function<String, String> snippet)
            throws IOException {
        Document doc = searcher.storedFields().document(scoreDoc.doc);
        List<String> tags = new ArrayList<>();
        for (IndexableField tag : doc.getFields(SearchFields.TAGS)) {
            tags.add(tag.stringValue());
        }
        return new SearchHit(
                ContentKind.valueOf(doc.get(SearchFields.KIND)).plural(),
                doc.get(SearchFields.ID),
                doc.get(SearchFields.TITLE),
                snippet.apply(doc.get(SearchFields.TEXT)),
                scoreDoc.score,
                tags,
                doc.get(SearchFields.TYPE),
                doc.get(SearchFields.BASE_MODEL),
                SearchIndex.nsfwLevel(
                        doc.getField(SearchFields.NSFW).numericValue().intValue()),
                doc.getField(SearchFields.LIKES).numericValue().longValue(),
                doc.getField(SearchFields.DOWNLOADS).numericValue().longValue(),
                Instant.ofEpochMilli(
                        doc.getField(SearchFields.CREATED).numericValue().longValue()));
    }
}
