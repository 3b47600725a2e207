package portal.search.analysis;

import java.io.Reader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;

/** Character filters `mapping` and `pattern_replace`, with analysis-common's parameters. */
final class CharFilters {

    private CharFilters() {}

    /** `mapping`: rules "from => to" given inline (`mappings`) or in a file (`mappings_path`). */
    static final class Mapping extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {

        private static final Pattern RULE = Pattern.compile("(.*)=>(.*)");

        private final NormalizeCharMap map;

        Mapping(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name);
            List<String> rules = Analysis.getWordList(env, settings, "mappings");
            if (rules == null) {
                throw new IllegalArgumentException("mapping requires either `mappings` or `mappings_path` to be configured");
            }
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            for (String rule : rules) {
                Matcher m = RULE.matcher(rule);
                if (m.matches() == false) {
                    throw new IllegalArgumentException("Invalid Mapping Rule : [" + rule + "]");
                }
                // Sides are trimmed; a space or other blank is written as an escape (\u0020).
                builder.add(unescape(m.group(1).trim()), unescape(m.group(2).trim()));
            }
            map = builder.build();
        }

        @Override
        public Reader create(Reader reader) {
            return new MappingCharFilter(map, reader);
        }

        /** Resolves the escapes analysis-common accepts: \\ \n \t \r \b \f and \\uXXXX. */
        static String unescape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (++i >= s.length()) {
                    throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                }
                char e = s.charAt(i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (i + 4 >= s.length()) {
                            throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                        }
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e); // covers \\ and any other escaped char
                }
            }
            return out.toString();
        }
    }

    /** `pattern_replace`: Java regex `pattern` (with optional `flags`) replaced by `replacement`. */
    static final class PatternReplace extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {

        private final Pattern pattern;
        private final String replacement;

        PatternReplace(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(name);
            String regex = settings.get("pattern");
            if (regex == null || regex.isEmpty()) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            pattern = Regex.compile(regex, settings.get("flags"));
            replacement = settings.get("replacement", "");
        }

        @Override
        public Reader create(Reader reader) {
            return new PatternReplaceCharFilter(pattern, replacement, reader);
        }
    }
}
