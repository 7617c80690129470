package dev.concierge.kb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;

/**
 * Parses the shop vocabulary files: lines {@code a, b, c => canonical}, {@code #} comments.
 * English rules become a {@link SynonymMap} over lower-cased tokens; Chinese rules a character map that
 * rewrites the text (the longest matching variant wins).
 */
final class ShopVocabulary {
    private ShopVocabulary() {
    }

    static SynonymMap english(String rules) {
        // rules are tokenised as the text is up to the synonym filter
        try (Analyzer ruleAnalyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(new EnglishPossessiveFilter(source)));
            }
        }) {
            SolrSynonymParser parser = new SolrSynonymParser(true, false, ruleAnalyzer);
            parser.parse(new StringReader(rules));
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid English shop vocabulary: " + e.getMessage(), e);
        }
    }

    static NormalizeCharMap chinese(String rules) {
        NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
        int lineNo = 0;
        for (String line : rules.split("\n")) {
            lineNo++;
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            int arrow = rule.indexOf("=>");
            String canonical = arrow < 0 ? "" : rule.substring(arrow + 2).strip();
            if (canonical.isEmpty()) {
                throw new IllegalArgumentException("invalid Chinese shop vocabulary, line " + lineNo + ": " + line);
            }
            for (String variant : rule.substring(0, arrow).split("[,，]")) {
                if (!variant.isBlank()) {
                    map.add(variant.strip(), canonical);
                }
            }
        }
        return map.build();
    }
}
