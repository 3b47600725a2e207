package portal.search.analysis;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

/**
 * Tokenizers `ngram`, `edge_ngram` and `lowercase`, with analysis-common's parameters.
 * Wagtail's Elasticsearch backend defines an `ngram` and an `edge_ngram` tokenizer in its
 * default index settings (unused by its analyzers, but the index is refused without them);
 * Wagtail releases before django-modelsearch analyse with the `lowercase` tokenizer.
 */
final class Tokenizers {

    private Tokenizers() {}

    /** `ngram`: `min_gram` (1), `max_gram` (2), `token_chars`, `custom_token_chars`; bounded by index.max_ngram_diff. */
    static final class NGram extends AbstractTokenizerFactory {
        private final int minGram;
        private final int maxGram;
        private final IntPredicate tokenChars;

        NGram(IndexSettings indexSettings, String name, Settings settings) {
            super(indexSettings, settings, name);
            minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            checkNgramDiff(indexSettings, minGram, maxGram);
            tokenChars = parseTokenChars(settings);
        }

        @Override
        public Tokenizer create() {
            if (tokenChars == null) {
                return new NGramTokenizer(minGram, maxGram);
            }
            return new NGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int c) {
                    return tokenChars.test(c);
                }
            };
        }
    }

    /** `edge_ngram`: same parameters as `ngram`, no max_ngram_diff limit (analysis-common has none either). */
    static final class EdgeNGram extends AbstractTokenizerFactory {
        private final int minGram;
        private final int maxGram;
        private final IntPredicate tokenChars;

        EdgeNGram(IndexSettings indexSettings, String name, Settings settings) {
            super(indexSettings, settings, name);
            // analysis-common takes the ngram defaults (1, 2) here, not EdgeNGramTokenizer's (1, 1).
            minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            tokenChars = parseTokenChars(settings);
        }

        @Override
        public Tokenizer create() {
            if (tokenChars == null) {
                return new EdgeNGramTokenizer(minGram, maxGram);
            }
            return new EdgeNGramTokenizer(minGram, maxGram) {
                @Override
                protected boolean isTokenChar(int c) {
                    return tokenChars.test(c);
                }
            };
        }
    }

    /** `lowercase`: letters only, lower-cased; no parameters. */
    static final class LowerCase extends AbstractTokenizerFactory {
        LowerCase(IndexSettings indexSettings, String name, Settings settings) {
            super(indexSettings, settings, name);
        }

        @Override
        public Tokenizer create() {
            return new LowerCaseTokenizer();
        }
    }

    /**
     * The same refusal, and message, as analysis-common for indices created by Elasticsearch 7 or
     * later; it names the tokenizer for the `ngram` filter too.
     */
    static void checkNgramDiff(IndexSettings indexSettings, int minGram, int maxGram) {
        int allowed = indexSettings.getMaxNgramDiff();
        int diff = maxGram - minGram;
        if (diff > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + allowed + "] but was [" + diff + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    /** `token_chars` classes: letter, digit, whitespace, punctuation, symbol, custom, or a Unicode category. */
    private static final Map<String, IntPredicate> CLASSES = tokenClasses();

    private static Map<String, IntPredicate> tokenClasses() {
        Map<String, IntPredicate> classes = new TreeMap<>();
        classes.put("letter", Character::isLetter);
        classes.put("digit", Character::isDigit);
        classes.put("whitespace", Character::isWhitespace);
        Set<Integer> punctuation = Set.of((int) Character.START_PUNCTUATION, (int) Character.END_PUNCTUATION,
            (int) Character.OTHER_PUNCTUATION, (int) Character.CONNECTOR_PUNCTUATION, (int) Character.DASH_PUNCTUATION,
            (int) Character.INITIAL_QUOTE_PUNCTUATION, (int) Character.FINAL_QUOTE_PUNCTUATION);
        classes.put("punctuation", c -> punctuation.contains(Character.getType(c)));
        Set<Integer> symbol = Set.of((int) Character.CURRENCY_SYMBOL, (int) Character.MATH_SYMBOL,
            (int) Character.OTHER_SYMBOL, (int) Character.MODIFIER_SYMBOL);
        classes.put("symbol", c -> symbol.contains(Character.getType(c)));
        // Like analysis-common: every general category constant of java.lang.Character, by its
        // lower-cased name (uppercase_letter, decimal_digit_number, ...).
        for (Field field : Character.class.getFields()) {
            int mods = field.getModifiers();
            if (field.getName().startsWith("DIRECTIONALITY") || Modifier.isStatic(mods) == false || field.getType() != byte.class) {
                continue;
            }
            try {
                byte category = field.getByte(null);
                classes.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), c -> Character.getType(c) == category);
            } catch (IllegalAccessException e) {
                // public fields: cannot happen; skip like analysis-common does
            }
        }
        return Map.copyOf(classes);
    }

    /** null when `token_chars` is absent or empty: then every character belongs to a token. */
    static IntPredicate parseTokenChars(Settings settings) {
        List<String> names = settings.getAsList("token_chars");
        if (names == null || names.isEmpty()) {
            return null;
        }
        IntPredicate any = c -> false;
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT).trim();
            IntPredicate matcher = CLASSES.get(name);
            if (matcher == null) {
                if (name.equals("custom") == false) {
                    Set<String> known = new TreeSet<>(CLASSES.keySet());
                    known.add("custom");
                    throw new IllegalArgumentException("Unknown token type: '" + name + "', must be one of " + known);
                }
                String custom = settings.get("custom_token_chars");
                if (custom == null) {
                    throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                }
                Set<Integer> chars = custom.chars().boxed().collect(Collectors.toSet());
                matcher = chars::contains;
            }
            any = any.or(matcher);
        }
        return any;
    }
}
