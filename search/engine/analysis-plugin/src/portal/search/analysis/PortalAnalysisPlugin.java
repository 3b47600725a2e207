package portal.search.analysis;

import java.util.Map;
import java.util.TreeMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Development stand-in for the parts of Elasticsearch's analysis-common module that the
 * portal's index settings use, and that Wagtail's Elasticsearch backend (the search
 * benchmark's peer) asks for with its default settings. The integration-test distribution
 * ships without that module; production clusters have it and must NOT install this plugin
 * (the names would clash).
 *
 * Every name and parameter below mirrors analysis-common, so the same index settings work
 * on both. Names the server already registers (stop, shingle, lowercase filter, standard, keyword
 * analyzer, ...) are left alone: registering them twice stops the node from starting.
 */
public class PortalAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> filters = new TreeMap<>();
        // Both need their settings, exactly as in analysis-common.
        filters.put("mapping", requiresAnalysisSettings(CharFilters.Mapping::new));
        filters.put("pattern_replace", requiresAnalysisSettings(CharFilters.PatternReplace::new));
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("arabic_normalization", (i, e, name, s) -> new TokenFilters.Normalizing(name, s, ArabicNormalizationFilter::new));
        filters.put("persian_normalization", (i, e, name, s) -> new TokenFilters.Normalizing(name, s, PersianNormalizationFilter::new));
        filters.put("decimal_digit", (i, e, name, s) -> new TokenFilters.Normalizing(name, s, DecimalDigitFilter::new));
        filters.put("cjk_width", (i, e, name, s) -> new TokenFilters.Normalizing(name, s, CJKWidthFilter::new));
        filters.put("trim", (i, e, name, s) -> new TokenFilters.Normalizing(name, s, TrimFilter::new));
        filters.put("persian_stem", (i, e, name, s) -> new TokenFilters.Simple(name, s, PersianStemFilter::new));
        filters.put("porter_stem", (i, e, name, s) -> new TokenFilters.Simple(name, s, PorterStemFilter::new));
        filters.put("asciifolding", (i, e, name, s) -> new TokenFilters.AsciiFolding(name, s));
        filters.put("cjk_bigram", (i, e, name, s) -> new TokenFilters.CjkBigram(name, s));
        filters.put("edge_ngram", (i, e, name, s) -> new TokenFilters.EdgeNGram(name, s));
        filters.put("ngram", (i, e, name, s) -> new TokenFilters.NGram(i, name, s));
        filters.put("stemmer", (i, e, name, s) -> new TokenFilters.Stemmer(name, s));
        filters.put("stemmer_override", requiresAnalysisSettings((i, e, name, s) -> new TokenFilters.StemmerOverride(name, s)));
        filters.put("unique", (i, e, name, s) -> new TokenFilters.Unique(name, s));
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        // The server has a `keyword` analyzer but no `keyword` tokenizer (normalizers and
        // exact-match sub-fields want it).
        tokenizers.put("keyword", (i, e, name, s) -> {
            int bufferSize = s.getAsInt("buffer_size", KeywordTokenizer.DEFAULT_BUFFER_SIZE);
            return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
        });
        // Wagtail's Elasticsearch backend defines both in its default index settings: without
        // them it cannot create its index here. The ngram ones read index.max_ngram_diff.
        tokenizers.put("ngram", (i, e, name, s) -> new Tokenizers.NGram(i, name, s));
        tokenizers.put("edge_ngram", (i, e, name, s) -> new Tokenizers.EdgeNGram(i, name, s));
        // Older Wagtail releases (before django-modelsearch) tokenize with it.
        tokenizers.put("lowercase", (i, e, name, s) -> new Tokenizers.LowerCase(i, name, s));
        return tokenizers;
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        analyzers.put("persian", Analyzers::persian);
        analyzers.put("english", Analyzers::english);
        analyzers.put("cjk", Analyzers::cjk);
        return analyzers;
    }
}
