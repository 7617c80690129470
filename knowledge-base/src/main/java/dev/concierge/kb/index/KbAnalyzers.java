package dev.concierge.kb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Pattern;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysers of the knowledge base, one per kind of field:
 * <ul>
 *   <li>{@code *_en}: {@link EnglishAnalyzer} (possessives, lower case, stop words, Porter stemming),
 *       with "no" and "not" kept because "no reason" and "not received" carry meaning here;</li>
 *   <li>{@code *_zh}: {@link SmartChineseAnalyzer} word segmentation (HMM dictionary);</li>
 *   <li>{@code *_zhbi}: {@link CJKAnalyzer} overlapping Han bigrams, robust to words the
 *       segmenter does not know (product names, slang, typos).</li>
 * </ul>
 * Analysers are thread-safe (Lucene reuses token streams per thread).
 */
public final class KbAnalyzers implements AutoCloseable {
    public static final String EN_SUFFIX = "_en";
    public static final String ZH_WORD_SUFFIX = "_zh";
    public static final String ZH_BIGRAM_SUFFIX = "_zhbi";

    private final Analyzer english;
    private final Analyzer chineseWords;
    private final Analyzer chineseBigrams;
    private final Analyzer perField;

    public KbAnalyzers() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.size(), true);
        for (Object w : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            String word = new String((char[]) w);
            if (!word.equals("no") && !word.equals("not")) {
                stop.add(word);
            }
        }
        english = new ChatEnglishAnalyzer(new EnglishAnalyzer(stop));
        chineseWords = new SmartChineseAnalyzer(true);
        chineseBigrams = new CJKAnalyzer();
        perField = new SuffixAnalyzer();
    }

    /** Routes a field to its analyser by the field name's suffix. */
    public Analyzer perField() {
        return perField;
    }

    public Analyzer forField(String field) {
        if (field.endsWith(ZH_BIGRAM_SUFFIX)) {
            return chineseBigrams;
        }
        if (field.endsWith(ZH_WORD_SUFFIX)) {
            return chineseWords;
        }
        return english;
    }

    /** The terms a field would index for this text, in order (duplicates kept). */
    public List<String> terms(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = forField(field).tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a StringReader
        }
        return out;
    }

    @Override
    public void close() {
        english.close();
        chineseWords.close();
        chineseBigrams.close();
    }

    /**
     * Shoppers type "dont", "cant", "isn't" or "wont": negated auxiliaries become "&lt;verb&gt; not" before
     * tokenising so the typed and the written forms match (and "not" survives as a term).
     */
    private static final class ChatEnglishAnalyzer extends AnalyzerWrapper {
        private static final Pattern CANT = Pattern.compile("(?i)\\bcan'?t\\b");
        private static final Pattern WONT = Pattern.compile("(?i)\\bwon'?t\\b");
        private static final Pattern NT = Pattern.compile(
                "(?i)\\b(do|does|did|is|are|was|were|have|has|had|could|should|would|must|need)n'?t\\b");
        private final Analyzer delegate;

        ChatEnglishAnalyzer(Analyzer delegate) {
            super(delegate.getReuseStrategy());
            this.delegate = delegate;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return delegate;
        }

        @Override
        protected Reader wrapReader(String fieldName, Reader reader) {
            Reader r = new PatternReplaceCharFilter(CANT, "can not", reader);
            r = new PatternReplaceCharFilter(WONT, "will not", r);
            return new PatternReplaceCharFilter(NT, "$1 not", r);
        }

        @Override
        public void close() {
            delegate.close();
            super.close();
        }
    }

    private final class SuffixAnalyzer extends org.apache.lucene.analysis.DelegatingAnalyzerWrapper {
        SuffixAnalyzer() {
            super(PER_FIELD_REUSE_STRATEGY);
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return forField(fieldName);
        }
    }

}
