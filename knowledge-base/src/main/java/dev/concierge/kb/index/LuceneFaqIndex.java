package dev.concierge.kb.index;

import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.KbLocales;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory Lucene index of FAQ entries ({@link ByteBuffersDirectory}) with near-real-time updates:
 * every write refreshes the {@link SearcherManager} before returning, so an edit is searchable at once.
 *
 * <p>Tuned layout: one document per paraphrase (fields {@code q_en}, {@code q_zh}, {@code q_zhbi}) and one
 * per entry and language ({@code all_*}: every paraphrase, {@code ans_*}: the answer). A query scores
 * paraphrases with BM25, sums an entry's best few paraphrase scores with geometric decay (a soft
 * nearest-neighbour vote), and fuses that with the entry-level score. The baseline layout
 * ({@link RetrievalConfig#plainBm25()}) is one {@code plain_*} document per entry and language.
 *
 * <p>Thread-safe: searches run concurrently; writes are serialised.
 */
public final class LuceneFaqIndex implements Closeable {
    private static final String ENTRY = "entry";
    /** Which paraphrase a question document holds: locale index * 10_000 + position in the entry's list. */
    private static final String QUESTION_ORDINAL = "qord";
    private static final int MAX_QUERY_TERMS = 64;

    private final KbAnalyzers analyzers;
    private final RetrievalConfig config;
    private final BM25Similarity similarity;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** The indexed entries, to show the matched paraphrase without decompressing stored fields. */
    private final Map<String, FaqEntry> indexed = new ConcurrentHashMap<>();
    /** Per locale, recomputed on every write; read by searches. */
    private volatile Map<String, Double> averageParaphrases = Map.of();
    /** Per locale, retrained on every write when the classifier is on. */
    private volatile Map<String, ParaphraseClassifier> classifiers = Map.of();

    public LuceneFaqIndex(KbAnalyzers analyzers, RetrievalConfig config) {
        this.analyzers = analyzers;
        this.config = config;
        this.similarity = new BM25Similarity(config.k1(), config.b());
        try {
            IndexWriterConfig iwc = new IndexWriterConfig(analyzers.perField()).setSimilarity(similarity);
            // one buffer per file: slicing a file (every term lookup does) stays O(1) instead of O(#blocks)
            ByteBuffersDirectory dir = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
                    ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
            this.writer = new IndexWriter(dir, iwc);
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    IndexSearcher s = new IndexSearcher(reader);
                    s.setSimilarity(similarity);
                    return s;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the in-memory index", e);
        }
    }

    public RetrievalConfig config() {
        return config;
    }

    /** Replaces the whole index content atomically (readers see the old or the new set, never a mix). */
    public synchronized void replaceAll(Collection<FaqEntry> entries) {
        try {
            writer.deleteAll();
            for (FaqEntry e : entries) {
                writer.addDocuments(documents(e));
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
            indexed.clear();
            entries.forEach(e -> indexed.put(e.id(), e));
            refreshStatistics();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Adds or replaces one entry; searchable when this returns. */
    public synchronized void upsert(FaqEntry entry) {
        try {
            writer.updateDocuments(new Term(ENTRY, entry.id()), documents(entry));
            searchers.maybeRefreshBlocking();
            indexed.put(entry.id(), entry);
            refreshStatistics();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Removes one entry; gone from results when this returns. */
    public synchronized void delete(String entryId) {
        try {
            writer.deleteDocuments(new Term(ENTRY, entryId));
            searchers.maybeRefreshBlocking();
            indexed.remove(entryId);
            refreshStatistics();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Ranks entries for a query in one locale ({@code zh} or {@code en}).
     *
     * @return at most {@code k} candidates, best first; empty when nothing matches
     */
    public List<Candidate> search(String text, String locale, int k) {
        if (text == null || text.isBlank() || k < 1) {
            return List.of();
        }
        String lang = KbLocales.isSupported(locale) ? locale : KbLocales.detect(text);
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return config.plain() ? searchPlain(searcher, text, lang, k) : searchTuned(searcher, text, lang, k);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Analyses a query once per analyser: paraphrase, entry and answer fields share their analyser. */
    private final class QueryTerms {
        private final String text;
        private final Map<org.apache.lucene.analysis.Analyzer, List<String>> byAnalyzer = new HashMap<>(4);

        QueryTerms(String text) {
            this.text = text;
        }

        List<String> forField(String field) {
            return byAnalyzer.computeIfAbsent(analyzers.forField(field), a -> analyzers.terms(field, text));
        }
    }

    private List<Candidate> searchPlain(IndexSearcher searcher, String text, String lang, int k) throws IOException {
        WeightedQuery q = query(searcher, new QueryTerms(text), Map.of(field("plain", lang, false), 1f));
        if (q == null) {
            return List.of();
        }
        ScoreDoc[] hits = searcher.search(q.query, k).scoreDocs;
        String[] ids = entryIds(searcher, hits);
        List<Candidate> out = new ArrayList<>(hits.length);
        for (int i = 0; i < hits.length; i++) {
            out.add(new Candidate(ids[i], hits[i].score, coverage(hits[i].score, q.upperBound), null));
        }
        return out;
    }

    private List<Candidate> searchTuned(IndexSearcher searcher, String text, String lang, int k) throws IOException {
        Map<String, Float> questionFields = new LinkedHashMap<>();
        Map<String, Float> entryFields = new LinkedHashMap<>();
        questionFields.put(field("q", lang, false), 1f);
        entryFields.put(field("all", lang, false), 1f);
        entryFields.put(field("ans", lang, false), config.answerWeight());
        if (lang.equals(KbLocales.ZH) && config.zhBigramWeight() > 0) {
            questionFields.put(field("q", lang, true), config.zhBigramWeight());
            entryFields.put(field("all", lang, true), config.zhBigramWeight());
            entryFields.put(field("ans", lang, true), config.answerWeight() * config.zhBigramWeight());
        }
        QueryTerms terms = new QueryTerms(text);
        WeightedQuery qq = query(searcher, terms, questionFields);
        if (qq == null) {
            return List.of();
        }
        ScoreDoc[] qHits = searcher.search(qq.query, config.questionDepth()).scoreDocs;
        String[] qIds = entryIds(searcher, qHits);

        Map<String, Agg> byEntry = new HashMap<>();
        for (int i = 0; i < qHits.length; i++) {
            Agg a = byEntry.computeIfAbsent(qIds[i], id -> new Agg());
            if (a.count == 0) {
                a.bestDoc = qHits[i].doc;
                a.best = qHits[i].score;
            }
            if (a.count < config.perEntry()) {
                a.questionScore += qHits[i].score * Math.pow(config.decay(), a.count);
            }
            a.count++;
        }
        double topQuestion = byEntry.values().stream().mapToDouble(a -> a.questionScore).max().orElse(0);

        double topEntry = 0;
        WeightedQuery eq = null;
        float entryWeight = config.effectiveEntryWeight(averageParaphrases(lang));
        if (entryWeight > 0) {
            eq = query(searcher, terms, entryFields);
            if (eq != null) {
                ScoreDoc[] eHits = searcher.search(eq.query, config.questionDepth()).scoreDocs;
                String[] eIds = entryIds(searcher, eHits);
                for (int i = 0; i < eHits.length; i++) {
                    Agg a = byEntry.computeIfAbsent(eIds[i], id -> new Agg());
                    a.entryScore = Math.max(a.entryScore, eHits[i].score);
                    topEntry = Math.max(topEntry, eHits[i].score);
                }
            }
        }
        ParaphraseClassifier classifier = classifiers.get(lang);
        Map<String, Double> probabilities = classifier == null ? Map.of() : classifier.predict(features(terms, lang));
        for (String id : probabilities.keySet()) {
            byEntry.computeIfAbsent(id, x -> new Agg());
        }
        List<Map.Entry<String, Agg>> ranked = new ArrayList<>(byEntry.entrySet());
        for (Map.Entry<String, Agg> e : ranked) {
            Agg a = e.getValue();
            a.fused = ((topQuestion > 0 ? a.questionScore / topQuestion : 0)
                    + (topEntry > 0 ? entryWeight * a.entryScore / topEntry : 0)) / (1 + entryWeight)
                    + config.classifierWeight() * probabilities.getOrDefault(e.getKey(), 0.0);
        }
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, Agg> e) -> e.getValue().fused).reversed()
                .thenComparing(Map.Entry::getKey));
        List<Candidate> out = new ArrayList<>(Math.min(k, ranked.size()));
        for (Map.Entry<String, Agg> e : ranked.subList(0, Math.min(k, ranked.size()))) {
            Agg a = e.getValue();
            String matched = null;
            double cov;
            if (a.count > 0) {
                matched = questionText(searcher, e.getKey(), a.bestDoc);
                cov = coverage(a.best, qq.upperBound);
            } else if (a.entryScore == 0) {
                cov = 0;
            } else {
                cov = eq == null ? 0 : coverage(a.entryScore, eq.upperBound);
            }
            out.add(new Candidate(e.getKey(), a.fused, cov, matched));
        }
        return out;
    }

    /** Classifier features: the paraphrase field's terms, plus adjacent pairs in English and bigram terms in Chinese. */
    private List<String> features(QueryTerms queryTerms, String lang) {
        List<String> out = new ArrayList<>();
        if (lang.equals(KbLocales.ZH)) {
            out.addAll(queryTerms.forField(field("q", lang, false)));
            for (String t : queryTerms.forField(field("q", lang, true))) {
                out.add("b:" + t);
            }
        } else {
            List<String> terms = queryTerms.forField(field("q", lang, false));
            out.addAll(terms);
            for (int i = 1; i < terms.size(); i++) {
                out.add(terms.get(i - 1) + "_" + terms.get(i));
            }
        }
        return out;
    }

    private void refreshStatistics() {
        Map<String, Double> averages = new HashMap<>();
        for (String lang : KbLocales.SUPPORTED) {
            averages.put(lang, computeAverageParaphrases(lang));
        }
        averageParaphrases = Map.copyOf(averages);
        if (config.classifierWeight() > 0 && !config.plain()) {
            Map<String, ParaphraseClassifier> trained = new HashMap<>();
            for (String lang : KbLocales.SUPPORTED) {
                ParaphraseClassifier c = ParaphraseClassifier.train(indexed.values(), lang, text -> features(new QueryTerms(text), lang));
                if (c != null) {
                    trained.put(lang, c);
                }
            }
            classifiers = Map.copyOf(trained);
        }
    }

    private double averageParaphrases(String lang) {
        return averageParaphrases.getOrDefault(lang, 1.0);
    }

    /** Average number of paraphrases per entry that has any in this locale (1 when there are none). */
    private double computeAverageParaphrases(String lang) {
        int entriesWith = 0;
        long paraphrases = 0;
        for (FaqEntry e : indexed.values()) {
            List<String> qs = e.questions().get(lang);
            if (qs != null && !qs.isEmpty()) {
                entriesWith++;
                paraphrases += qs.size();
            }
        }
        return entriesWith == 0 ? 1 : (double) paraphrases / entriesWith;
    }

    /**
     * The paraphrase a question document holds, read from the entry rather than from stored fields (which
     * would decompress a whole block per hit). During an update the searcher may briefly be older than the
     * entry; an ordinal that no longer fits yields null, which callers accept.
     */
    private String questionText(IndexSearcher searcher, String entryId, int doc) throws IOException {
        FaqEntry entry = indexed.get(entryId);
        if (entry == null) {
            return null;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues ords = leaf.reader().getNumericDocValues(QUESTION_ORDINAL);
        if (ords == null || !ords.advanceExact(doc - leaf.docBase)) {
            return null;
        }
        long ord = ords.longValue();
        int langIndex = (int) (ord / 10_000);
        int position = (int) (ord % 10_000);
        if (langIndex >= KbLocales.SUPPORTED.size()) {
            return null;
        }
        List<String> qs = entry.questions().getOrDefault(KbLocales.SUPPORTED.get(langIndex), List.of());
        return position < qs.size() ? qs.get(position) : null;
    }

    private static double coverage(double score, double upperBound) {
        return upperBound <= 0 ? 0 : Math.min(1.0, score / upperBound);
    }

    /** A disjunction of the query's terms over weighted fields, and the highest BM25 score it could reach. */
    private WeightedQuery query(IndexSearcher searcher, QueryTerms terms, Map<String, Float> fields) throws IOException {
        BooleanQuery.Builder bq = new BooleanQuery.Builder();
        double upper = 0;
        int clauses = 0;
        IndexReader reader = searcher.getIndexReader();
        for (Map.Entry<String, Float> f : fields.entrySet()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String t : terms.forField(f.getKey())) {
                if (counts.size() < MAX_QUERY_TERMS || counts.containsKey(t)) {
                    counts.merge(t, 1, Integer::sum);
                }
            }
            long docCount = Math.max(1, reader.getDocCount(f.getKey()));
            for (Map.Entry<String, Integer> t : counts.entrySet()) {
                float boost = f.getValue() * t.getValue();
                Term term = new Term(f.getKey(), t.getKey());
                TermStates states = TermStates.build(searcher, term, true);
                bq.add(new BoostQuery(new TermQuery(term, states), boost), BooleanClause.Occur.SHOULD);
                int df = states.docFreq();
                // BM25's per-term score is below boost * idf however often the term occurs
                upper += boost * Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
                clauses++;
            }
        }
        return clauses == 0 ? null : new WeightedQuery(bq.build(), upper);
    }

    private static String[] entryIds(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        String[] ids = new String[hits.length];
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        SortedDocValues values = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                leaf = leaves.get(li);
                values = leaf.reader().getSortedDocValues(ENTRY);
            }
            if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("document without entry id");
            }
            ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
        }
        return ids;
    }

    private List<Document> documents(FaqEntry e) {
        List<Document> docs = new ArrayList<>();
        for (String lang : KbLocales.SUPPORTED) {
            List<String> questions = e.questions().getOrDefault(lang, List.of());
            String answer = e.answers().get(lang);
            if (questions.isEmpty() && answer == null) {
                continue;
            }
            String allQuestions = String.join("\n", questions);
            boolean zh = lang.equals(KbLocales.ZH);
            if (config.plain()) {
                Document d = base(e.id());
                d.add(new TextField(field("plain", lang, false), allQuestions + "\n" + (answer == null ? "" : answer), Field.Store.NO));
                docs.add(d);
                continue;
            }
            for (int i = 0; i < questions.size(); i++) {
                String q = questions.get(i);
                Document d = base(e.id());
                d.add(new NumericDocValuesField(QUESTION_ORDINAL, KbLocales.SUPPORTED.indexOf(lang) * 10_000L + i));
                d.add(new TextField(field("q", lang, false), q, Field.Store.NO));
                if (zh) {
                    d.add(new TextField(field("q", lang, true), q, Field.Store.NO));
                }
                docs.add(d);
            }
            Document d = base(e.id());
            String all = allQuestions + (e.tags().isEmpty() ? "" : "\n" + String.join(" ", e.tags()));
            d.add(new TextField(field("all", lang, false), all, Field.Store.NO));
            if (answer != null) {
                d.add(new TextField(field("ans", lang, false), answer, Field.Store.NO));
            }
            if (zh) {
                d.add(new TextField(field("all", lang, true), all, Field.Store.NO));
                if (answer != null) {
                    d.add(new TextField(field("ans", lang, true), answer, Field.Store.NO));
                }
            }
            docs.add(d);
        }
        return docs;
    }

    private static Document base(String entryId) {
        Document d = new Document();
        d.add(new StringField(ENTRY, entryId, Field.Store.NO));
        d.add(new SortedDocValuesField(ENTRY, new BytesRef(entryId)));
        return d;
    }

    private static String field(String kind, String lang, boolean bigram) {
        if (lang.equals(KbLocales.ZH)) {
            return kind + (bigram ? KbAnalyzers.ZH_BIGRAM_SUFFIX : KbAnalyzers.ZH_WORD_SUFFIX);
        }
        return kind + KbAnalyzers.EN_SUFFIX;
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.close();
    }

    private static final class Agg {
        int count;
        int bestDoc = -1;
        double best;
        double questionScore;
        double entryScore;
        double fused;
    }

    private record WeightedQuery(org.apache.lucene.search.Query query, double upperBound) {
    }
}
