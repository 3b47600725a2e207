package portal.search.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;

/**
 * Language analyzers `persian`, `english` and `cjk`: Lucene's own analyzers with their default
 * stop words, overridable with `stopwords` / `stopwords_path` (and `stem_exclusion` for english),
 * as in analysis-common.
 */
final class Analyzers {

    private Analyzers() {}

    static AnalyzerProvider<? extends Analyzer> persian(IndexSettings index, Environment env, String name, Settings settings) {
        return provider(name, settings, new PersianAnalyzer(Analysis.parseStopWords(env, settings, PersianAnalyzer.getDefaultStopSet())));
    }

    static AnalyzerProvider<? extends Analyzer> english(IndexSettings index, Environment env, String name, Settings settings) {
        CharArraySet stopWords = Analysis.parseStopWords(env, settings, EnglishAnalyzer.getDefaultStopSet());
        CharArraySet noStem = Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET);
        return provider(name, settings, new EnglishAnalyzer(stopWords, noStem));
    }

    static AnalyzerProvider<? extends Analyzer> cjk(IndexSettings index, Environment env, String name, Settings settings) {
        return provider(name, settings, new CJKAnalyzer(Analysis.parseStopWords(env, settings, CJKAnalyzer.getDefaultStopSet())));
    }

    private static AnalyzerProvider<Analyzer> provider(String name, Settings settings, Analyzer analyzer) {
        return new AbstractIndexAnalyzerProvider<>(name, settings) {
            @Override
            public Analyzer get() {
                return analyzer;
            }
        };
    }
}
