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

import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * {@link #withShopVocabulary()} adds the shop synonyms to both languages (entries and queries alike).
 * Analysers are thread-safe (Lucene reuses token streams per thread).
 */
public final class KbAnalyzers implements AutoCloseable {
    public static final String EN_SUFFIX = "_en";
    public static final String ZH_WORD_SUFFIX = "_zh";
    public static final String ZH_BIGRAM_SUFFIX = "_zhbi";
    /** Classpath location of the English shop vocabulary. */
    public static final String EN_VOCABULARY = "/kb/synonyms-en.txt";
    /** Classpath location of the Chinese shop vocabulary. */
    public static final String ZH_VOCABULARY = "/kb/synonyms-zh.txt";

    private final Analyzer english;
    private final Analyzer chineseWords;
    private final Analyzer chineseBigrams;
    private final Analyzer perField;

    /** The analysers without shop vocabulary (as the plain BM25 baseline uses them). */
    public KbAnalyzers() {
        this(null, null);
    }

    /**
     * The analysers with the bundled shop vocabulary: {@value #EN_VOCABULARY} (English synonyms mapped to the
     * knowledge base's word after lower-casing) and {@value #ZH_VOCABULARY} (Chinese words replaced in the
     * text before segmentation and bigrams). Both apply to entries and queries alike.
     */
    public static KbAnalyzers withShopVocabulary() {
        return new KbAnalyzers(ShopVocabulary.english(readResource(EN_VOCABULARY)),
                ShopVocabulary.chinese(readResource(ZH_VOCABULARY)));
    }

    KbAnalyzers(SynonymMap englishSynonyms, NormalizeCharMap chineseSynonyms) {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.size(), true);
        for (Object w : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            String word = new String((char[]) w);
            if (!word.equals("no") && !word.equals("not")) {
                stop.add(word);
            }
        }
        english = new ChatEnglishAnalyzer(englishSynonyms == null ? new EnglishAnalyzer(stop) : new ShopEnglishAnalyzer(stop, englishSynonyms));
        chineseWords = chineseSynonyms == null ? new SmartChineseAnalyzer(true) : new MappedAnalyzer(new SmartChineseAnalyzer(true), chineseSynonyms);
        chineseBigrams = chineseSynonyms == null ? new CJKAnalyzer() : new MappedAnalyzer(new CJKAnalyzer(), chineseSynonyms);
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

    private static String readResource(String name) {
        try (InputStream in = KbAnalyzers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link EnglishAnalyzer}'s chain (possessives, lower case, stop words, Porter) with the shop synonyms
     * between lower-casing and stop words, so multi-word phrases ("cash on delivery") still hold their
     * stop words when they are matched.
     */
    private static final class ShopEnglishAnalyzer extends Analyzer {
        private final CharArraySet stop;
        private final SynonymMap synonyms;

        ShopEnglishAnalyzer(CharArraySet stop, SynonymMap synonyms) {
            this.stop = stop;
            this.synonyms = synonyms;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new EnglishPossessiveFilter(source);
            ts = new LowerCaseFilter(ts);
            // no FlattenGraphFilter: nothing here reads positions (no phrase queries), only the terms
            ts = new SynonymGraphFilter(ts, synonyms, true);
            ts = new StopFilter(ts, stop);
            ts = new PorterStemFilter(ts);
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }

    /** Replaces shop words in the text before the delegate analyses it. */
    private static final class MappedAnalyzer extends AnalyzerWrapper {
        private final Analyzer delegate;
        private final NormalizeCharMap map;

        MappedAnalyzer(Analyzer delegate, NormalizeCharMap map) {
            super(delegate.getReuseStrategy());
            this.delegate = delegate;
            this.map = map;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return delegate;
        }

        @Override
        protected Reader wrapReader(String fieldName, Reader reader) {
            return new MappingCharFilter(map, reader);
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
