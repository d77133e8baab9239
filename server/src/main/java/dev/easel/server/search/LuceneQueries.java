package dev.easel.server.search;

import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Lucene queries built from what users type. The text is analyzed, never parsed as query syntax, so quotes, colons or
 * brackets in a search are just characters.
 */
final class LuceneQueries {
    private LuceneQueries() {}

    /** The terms of {@code text} as {@code field} indexes them. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * Every term must occur in the title, tags or text; BM25 adds up where it does, a title match counting most. No
     * terms (blank text) matches everything; text of stop words only matches nothing.
     */
    static Query matching(List<String> terms, boolean blank) {
        if (blank) {
            return new MatchAllDocsQuery();
        }
        if (terms.isEmpty()) {
            return new MatchNoDocsQuery("only stop words");
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String term : terms) {
            all.add(
                    new BooleanQuery.Builder()
                            .add(
                                    new BoostQuery(
                                            new TermQuery(new Term(SearchFields.TITLE, term)),
                                            SearchFields.TITLE_BOOST),
                                    Occur.SHOULD)
                            .add(
                                    new BoostQuery(
                                            new TermQuery(new Term(SearchFields.TAGS, term)), SearchFields.TAGS_BOOST),
                                    Occur.SHOULD)
                            .add(new TermQuery(new Term(SearchFields.TEXT, term)), Occur.SHOULD)
                            .build(),
                    Occur.MUST);
        }
        return all.build();
    }

    /** Title words: the last one typed is a prefix, earlier ones whole words. */
    static Query titlePrefix(List<String> words) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            Term term = new Term(SearchFields.TITLE_WORDS, words.get(i));
            query.add(i == words.size() - 1 ? new PrefixQuery(term) : new TermQuery(term), Occur.MUST);
        }
        return query.build();
    }

    /** {@code query} restricted by filters that do not change scores; null arguments do not filter. */
    static Query filtered(Query query, Filters filters) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(query, Occur.MUST);
        builder.add(
                IntPoint.newRangeQuery(SearchFields.NSFW, 0, SearchIndex.nsfwRank(filters.maxNsfw())), Occur.FILTER);
        if (filters.kind() != null) {
            builder.add(new TermQuery(new Term(SearchFields.KIND, filters.kind().name())), Occur.FILTER);
        }
        addKeyword(builder, SearchFields.TYPE, filters.modelType());
        addKeyword(builder, SearchFields.BASE_MODEL, filters.baseModel());
        addKeyword(builder, SearchFields.TAG, filters.tag());
        return builder.build();
    }

    private static void addKeyword(BooleanQuery.Builder builder, String field, String value) {
        if (value != null && !value.isBlank()) {
            builder.add(new TermQuery(new Term(field, SearchIndex.keyword(value))), Occur.FILTER);
        }
    }

    /** What a search is restricted to. */
    record Filters(ContentKind kind, String modelType, String baseModel, String tag, NsfwLevel maxNsfw) {
        Filters withKind(ContentKind other) {
            return new Filters(other, modelType, baseModel, tag, maxNsfw);
        }
    }
}
