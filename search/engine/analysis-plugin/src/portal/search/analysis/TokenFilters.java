package portal.search.analysis;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.lucene.analysis.miscellaneous.DisableGraphAttribute;
import org.tartarus.snowball.ext.EnglishStemmer;

/** Token filters, each a thin wrapper over the Lucene class analysis-common uses. */
final class TokenFilters {

    private TokenFilters() {}

    /** A filter without parameters. */
    static class Simple extends AbstractTokenFilterFactory {
        private final UnaryOperator<TokenStream> filter;

        Simple(String name, Settings settings, UnaryOperator<TokenStream> filter) {
            super(name, settings);
            this.filter = filter;
        }

        @Override
        public TokenStream create(TokenStream in) {
            return filter.apply(in);
        }
    }

    /** A parameterless filter that is also allowed in normalizers (keyword fields). */
    static final class Normalizing extends Simple implements NormalizingTokenFilterFactory {
        Normalizing(String name, Settings settings, UnaryOperator<TokenStream> filter) {
            super(name, settings, filter);
        }
    }

    /** `asciifolding`: `preserve_original` (default false); normalizers always fold. */
    static final class AsciiFolding extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFolding(String name, Settings settings) {
            super(name, settings);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new ASCIIFoldingFilter(in, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream in) {
            return new ASCIIFoldingFilter(in, false);
        }
    }

    /** `cjk_bigram`: `ignored_scripts` (han, hiragana, katakana, hangul), `output_unigrams`. */
    static final class CjkBigram extends AbstractTokenFilterFactory {
        private final int scripts;
        private final boolean outputUnigrams;

        CjkBigram(String name, Settings settings) {
            super(name, settings);
            outputUnigrams = settings.getAsBoolean("output_unigrams", false);
            List<String> ignored = settings.getAsList("ignored_scripts", List.of());
            int flags = 0;
            if (ignored.contains("han") == false) flags |= CJKBigramFilter.HAN;
            if (ignored.contains("hiragana") == false) flags |= CJKBigramFilter.HIRAGANA;
            if (ignored.contains("katakana") == false) flags |= CJKBigramFilter.KATAKANA;
            if (ignored.contains("hangul") == false) flags |= CJKBigramFilter.HANGUL;
            scripts = flags;
        }

        @Override
        public TokenStream create(TokenStream in) {
            TokenStream out = new CJKBigramFilter(in, scripts, outputUnigrams);
            if (outputUnigrams) {
                // Unigrams and bigrams overlap in positions: query-time graph analysis would explode.
                out.addAttribute(DisableGraphAttribute.class);
            }
            return out;
        }
    }

    /** `edge_ngram`: `min_gram` (1), `max_gram` (2), `preserve_original` (false), `side` (front|back). */
    static final class EdgeNGram extends AbstractTokenFilterFactory {
        private final int minGram;
        private final int maxGram;
        private final boolean preserveOriginal;
        private final boolean fromBack;

        EdgeNGram(String name, Settings settings) {
            super(name, settings);
            minGram = settings.getAsInt("min_gram", 1);
            maxGram = settings.getAsInt("max_gram", 2);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
            String side = settings.get("side", "front");
            if (side.equals("front") == false && side.equals("back") == false) {
                throw new IllegalArgumentException("invalid side: [" + side + "], must be either [front] or [back]");
            }
            fromBack = side.equals("back");
        }

        @Override
        public TokenStream create(TokenStream in) {
            if (fromBack == false) {
                return new EdgeNGramTokenFilter(in, minGram, maxGram, preserveOriginal);
            }
            // Back grams = front grams of the reversed token, reversed again.
            TokenStream reversed = new ReverseStringFilter(in);
            return new ReverseStringFilter(new EdgeNGramTokenFilter(reversed, minGram, maxGram, preserveOriginal));
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
        }
    }

    /** `ngram`: `min_gram` (1), `max_gram` (2), `preserve_original` (false); bounded by index.max_ngram_diff. */
    static final class NGram extends AbstractTokenFilterFactory {
        private final int minGram;
        private final int maxGram;
        private final boolean preserveOriginal;

        NGram(IndexSettings indexSettings, String name, Settings settings) {
            super(name, settings);
            minGram = settings.getAsInt("min_gram", 1);
            maxGram = settings.getAsInt("max_gram", 2);
            Tokenizers.checkNgramDiff(indexSettings, minGram, maxGram);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new NGramTokenFilter(in, minGram, maxGram, preserveOriginal);
        }

        @Override
        public TokenFilterFactory getSynonymFilter() {
            throw new IllegalArgumentException("Token filter [" + name() + "] cannot be used to parse synonyms");
        }
    }

    /**
     * `stemmer`: `language` (or its older alias `name`), default `porter`. Only the languages
     * the portal can need are implemented; any other one fails loudly at index creation.
     */
    /**
     * `stemmer_override`: `rules` such as "word => stem" or "word1, word2 => stem"; the words it
     * rewrites are marked as keywords, so a stemmer after it leaves them alone.
     */
    static final class StemmerOverride extends AbstractTokenFilterFactory {
        private final StemmerOverrideFilter.StemmerOverrideMap map;

        StemmerOverride(String name, Settings settings) {
            super(name, settings);
            List<String> rules = settings.getAsList("rules");
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("stemmer_override requires `rules` (rules_path is not supported here)");
            }
            StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
            for (String rule : rules) {
                String[] sides = rule.split("=>");
                if (sides.length != 2 || sides[1].trim().isEmpty()) {
                    throw new IllegalArgumentException("Invalid stemmer_override rule [" + rule + "]");
                }
                for (String word : sides[0].split(",")) {
                    builder.add(word.trim(), sides[1].trim());
                }
            }
            try {
                map = builder.build();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("Cannot build the stemmer_override rules", e);
            }
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new StemmerOverrideFilter(in, map);
        }
    }

    static final class Stemmer extends AbstractTokenFilterFactory {
        private final UnaryOperator<TokenStream> stemmer;

        Stemmer(String name, Settings settings) {
            super(name, settings);
            String language = settings.get("language", settings.get("name", "porter"));
            stemmer = forLanguage(language);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return stemmer.apply(in);
        }

        private static UnaryOperator<TokenStream> forLanguage(String language) {
            return switch (language.toLowerCase(Locale.ROOT)) {
                case "english", "porter" -> PorterStemFilter::new;
                case "porter2" -> in -> new SnowballFilter(in, new EnglishStemmer());
                case "light_english", "lightenglish", "kstem" -> KStemFilter::new;
                case "minimal_english", "minimalenglish" -> EnglishMinimalStemFilter::new;
                case "possessive_english", "possessiveenglish" -> EnglishPossessiveFilter::new;
                case "persian" -> PersianStemFilter::new;
                case "arabic" -> ArabicStemFilter::new;
                default -> throw new IllegalArgumentException(
                    "stemmer language [" + language + "] is not available in the development analysis plugin"
                        + " (supported: english, porter, porter2, light_english, kstem, minimal_english,"
                        + " possessive_english, persian, arabic)"
                );
            };
        }
    }

    /** `unique`: drops repeated terms; `only_on_same_position` (false) limits that to stacked tokens. */
    static final class Unique extends AbstractTokenFilterFactory {
        private final boolean onlyOnSamePosition;

        Unique(String name, Settings settings) {
            super(name, settings);
            onlyOnSamePosition = settings.getAsBoolean("only_on_same_position", false);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new UniqueTokenFilter(in, onlyOnSamePosition);
        }
    }
}
