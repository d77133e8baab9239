package dev.easel.server.search;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How text becomes terms. English words are stemmed (Porter) with stop words removed, so {@code painting} finds
 * {@code paintings}; Chinese, Japanese and Korean, written without spaces, are cut into overlapping two-character terms
 * (CJK bigrams), so {@code 水彩画} finds {@code 一幅水彩画} without a dictionary. Full-width forms and accents are folded.
 */
final class SearchAnalyzers {
    private SearchAnalyzers() {}

    /** The analyzer for every field: full text for title, text and tags; no stemming for the prefix field. */
    static Analyzer create() {
        return new PerFieldAnalyzerWrapper(new FullText(), Map.of(SearchFields.TITLE_WORDS, new Prefix()));
    }

    /** Ranked search: folded, stop words out, stemmed, CJK bigrams. */
    static final class FullText extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new EnglishPossessiveFilter(stream);
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new CJKBigramFilter(stream);
            stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
        }
    }

    /** Suggestions match what the user is typing, so words are kept whole: {@code runn} must still find {@code running}. */
    static final class Prefix extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new ASCIIFoldingFilter(stream);
            stream = new CJKBigramFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    }
}
