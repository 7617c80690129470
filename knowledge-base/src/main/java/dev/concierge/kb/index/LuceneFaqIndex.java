package dev.concierge.kb.index;

import dev.concierge.kb.TextEmbedder;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.KbLocales;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongHeap;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>Optional dense path: given a {@link TextEmbedder} and a {@link RetrievalConfig#denseWeight()} above 0,
 * every paraphrase document also holds its sentence embedding ({@code vec_en}, {@code vec_zh}:
 * {@link KnnFloatVectorField}, HNSW, dot product of unit vectors); a query is embedded, its nearest
 * paraphrases found by {@link KnnFloatVectorQuery}, and a soft vote of those paraphrases per entry fused with the
 * lexical score (score fusion, or reciprocal rank fusion). Dense evidence only re-ranks and
 * adds entries when the query shares at least one term with the index: a query with no known word still finds
 * nothing (gibberish must not get an answer from the nearest vector).
 *
 * <p>Searches do not build Lucene queries: {@link #score} walks each query term's postings once into a
 * per-thread accumulator (BM25 as {@link BM25Similarity} computes it), which on a knowledge base of a few
 * thousand documents costs a fraction of a query's weights, scorers and collector.
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
    /** Null when the dense path is off. */
    private final TextEmbedder embedder;
    /**
     * Paraphrase embeddings by locale and text, so an edit embeds only its new paraphrases. A reworded or deleted
     * paraphrase's vector (1.5-2 KB) stays until the next {@link #replaceAll}, which keeps only those in use.
     */
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    /**
     * Question-field terms of each paraphrase matched so far, by {@link #vectorKey}: analysed once, not on every
     * search that matches it (smartcn segmentation per candidate halved lexical throughput). Emptied by
     * {@link #replaceAll}; a paraphrase an edit removed stays until then, like its vector.
     */
    private final Map<String, List<String>> paraphraseTerms = new ConcurrentHashMap<>();
    /** The indexed entries, to show the matched paraphrase without decompressing stored fields. */
    private final Map<String, FaqEntry> indexed = new ConcurrentHashMap<>();
    /** Scratch space per search thread (a few hundred KB at most for a CLINC-sized index). */
    private final ThreadLocal<Accumulator> accumulators = ThreadLocal.withInitial(Accumulator::new);
    /** Per locale, recomputed on every write; read by searches. */
    private volatile Map<String, Double> averageParaphrases = Map.of();
    /** Per locale, retrained on every write when the classifier is on. */
    private volatile Map<String, ParaphraseClassifier> classifiers = Map.of();

    public LuceneFaqIndex(KbAnalyzers analyzers, RetrievalConfig config) {
        this(analyzers, config, null);
    }

    /** @param embedder sentence embeddings for the dense path, or null for lexical retrieval only */
    public LuceneFaqIndex(KbAnalyzers analyzers, RetrievalConfig config, TextEmbedder embedder) {
        this.analyzers = analyzers;
        this.config = config;
        this.embedder = embedder != null && config.denseWeight() > 0 && !config.plain() ? embedder : null;
        this.similarity = new BM25Similarity(config.k1(), config.b());
        try {
            IndexWriterConfig iwc = new IndexWriterConfig(analyzers.perField()).setSimilarity(similarity);
            // one buffer per file: slicing a file (every term lookup does) stays O(1) instead of O(#blocks)
            ByteBuffersDirectory dir = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
                    ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
            this.writer = new IndexWriter(dir, iwc);
            this.searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
                    EntrySearcher s = new EntrySearcher(reader, config.k1(), config.b());
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

    /** Whether searches fuse a dense (embedding) ranking with the lexical one. */
    public boolean dense() {
        return embedder != null;
    }

    /** Replaces the whole index content atomically (readers see the old or the new set, never a mix). */
    public synchronized void replaceAll(Collection<FaqEntry> entries) {
        try {
            embedMissing(entries, true);
            writer.deleteAll();
            for (FaqEntry e : entries) {
                writer.addDocuments(documents(e));
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
            indexed.clear();
            entries.forEach(e -> indexed.put(e.id(), e));
            paraphraseTerms.clear();
            refreshStatistics();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Adds or replaces one entry; searchable when this returns. */
    public synchronized void upsert(FaqEntry entry) {
        try {
            embedMissing(List.of(entry), false);
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
        EntrySearcher searcher;
        try {
            searcher = (EntrySearcher) searchers.acquire();
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

    private List<Candidate> searchPlain(EntrySearcher searcher, String text, String lang, int k) throws IOException {
        Scored q = score(searcher, new QueryTerms(text), Map.of(field("plain", lang, false), 1f), k);
        if (q == null) {
            return List.of();
        }
        ScoreDoc[] hits = q.hits;
        List<Candidate> out = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            out.add(new Candidate(searcher.entryId(hit.doc), hit.score, coverage(hit.score, q.upperBound), null, 0));
        }
        return out;
    }

    private List<Candidate> searchTuned(EntrySearcher searcher, String text, String lang, int k) throws IOException {
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
        Scored qq = score(searcher, terms, questionFields, config.questionDepth());
        if (qq == null) {
            return List.of();
        }
        // per entry (the searcher's entry numbering): paraphrase vote, hits seen, best hit, entry-document score
        int entries = searcher.entryCount();
        double[] questionScore = new double[entries];
        int[] count = new int[entries];
        int[] bestDoc = new int[entries];
        double[] best = new double[entries];
        double[] entryScore = new double[entries];
        boolean[] seen = new boolean[entries];
        int[] touched = new int[entries];
        int touchedCount = 0;

        for (ScoreDoc hit : qq.hits) {
            int e = searcher.entryOf(hit.doc);
            if (!seen[e]) {
                seen[e] = true;
                touched[touchedCount++] = e;
            }
            if (count[e] == 0) {
                bestDoc[e] = hit.doc;
                best[e] = hit.score;
            }
            if (count[e] < config.perEntry()) {
                questionScore[e] += hit.score * (count[e] == 0 ? 1 : Math.pow(config.decay(), count[e]));
            }
            count[e]++;
        }
        double topQuestion = 0;
        for (int i = 0; i < touchedCount; i++) {
            topQuestion = Math.max(topQuestion, questionScore[touched[i]]);
        }

        double topEntry = 0;
        Scored eq = null;
        float entryWeight = config.effectiveEntryWeight(averageParaphrases(lang));
        if (entryWeight > 0) {
            eq = score(searcher, terms, entryFields, config.questionDepth());
            if (eq != null) {
                for (ScoreDoc hit : eq.hits) {
                    int e = searcher.entryOf(hit.doc);
                    if (!seen[e]) {
                        seen[e] = true;
                        touched[touchedCount++] = e;
                    }
                    entryScore[e] = Math.max(entryScore[e], hit.score);
                    topEntry = Math.max(topEntry, hit.score);
                }
            }
        }
        double[] probability = new double[entries];
        ParaphraseClassifier classifier = classifiers.get(lang);
        if (classifier != null && config.classifierWeight() > 0) {
            double[] p = classifier.predict(features(terms, lang));
            if (p != null) {
                int[] entryOfLabel = searcher.entriesOf(classifier);
                for (int c = 0; c < p.length; c++) {
                    int e = p[c] > 0.001 ? entryOfLabel[c] : -1;
                    if (e >= 0) {
                        probability[e] = p[c];
                        if (!seen[e]) {
                            seen[e] = true;
                            touched[touchedCount++] = e;
                        }
                    }
                }
            }
        }
        // dense: each entry's nearest paraphrase by cosine (NaN = not among the query's nearest paraphrases)
        double[] cosine = null;
        double[] vote = null;
        int[] denseDoc = null;
        if (embedder != null && embedder.dimension(lang) > 0) {
            cosine = new double[entries];
            vote = new double[entries];
            Arrays.fill(cosine, Double.NaN);
            denseDoc = new int[entries];
            TopDocs nearest = searcher.search(new KnnFloatVectorQuery(vectorField(lang),
                    unit(embedder.embed(text, lang)), config.questionDepth()), config.questionDepth());
            for (ScoreDoc hit : nearest.scoreDocs) {
                int e = searcher.entryOf(hit.doc);
                double cos = 2.0 * hit.score - 1.0; // DOT_PRODUCT scores are (1 + dot) / 2
                vote[e] += Math.exp((cos - 1) / config.denseTemperature());
                if (Double.isNaN(cosine[e]) || cos > cosine[e]) {
                    cosine[e] = cos;
                    denseDoc[e] = hit.doc;
                }
                if (!seen[e]) {
                    seen[e] = true;
                    touched[touchedCount++] = e;
                }
            }
        }
        double[] fused = new double[entries];
        Integer[] ranked = new Integer[touchedCount];
        for (int i = 0; i < touchedCount; i++) {
            int e = touched[i];
            ranked[i] = e;
            fused[e] = ((topQuestion > 0 ? questionScore[e] / topQuestion : 0)
                    + (topEntry > 0 ? entryWeight * entryScore[e] / topEntry : 0)) / (1 + entryWeight)
                    + config.classifierWeight() * probability[e];
        }
        Comparator<Integer> byFused = (x, y) -> {
            int c = Double.compare(fused[y], fused[x]);
            return c != 0 ? c : searcher.entryIdAt(x).compareTo(searcher.entryIdAt(y));
        };
        if (cosine != null) {
            fuseDense(ranked, fused, cosine, vote, byFused);
        }
        Arrays.sort(ranked, byFused);
        int n = Math.min(k, touchedCount);
        Set<String> asked = new HashSet<>(terms.forField(field("q", lang, false)));
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int e = ranked[i];
            String id = searcher.entryIdAt(e);
            String matched = null;
            double cov;
            if (count[e] > 0) {
                matched = questionText(searcher, id, bestDoc[e]);
                cov = coverage(best[e], qq.upperBound);
            } else if (cosine != null && !Double.isNaN(cosine[e])) {
                matched = questionText(searcher, id, denseDoc[e]);
                cov = entryScore[e] == 0 || eq == null ? 0 : coverage(entryScore[e], eq.upperBound);
            } else if (entryScore[e] == 0) {
                cov = 0;
            } else {
                cov = eq == null ? 0 : coverage(entryScore[e], eq.upperBound);
            }
            out.add(new Candidate(id, fused[e], cov, matched, matchedShare(asked, lang, matched)));
        }
        return out;
    }

    /** The share of the paraphrase's question-field terms that the query has too (0 without a paraphrase). */
    private double matchedShare(Set<String> asked, String lang, String paraphrase) {
        if (paraphrase == null) {
            return 0;
        }
        List<String> own = paraphraseTerms.computeIfAbsent(vectorKey(lang, paraphrase),
                key -> analyzers.terms(field("q", lang, false), paraphrase));
        if (own.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String t : own) {
            shared += asked.contains(t) ? 1 : 0;
        }
        return (double) shared / own.size();
    }

    /**
     * Adds the dense evidence to {@code fused} (in place). Score fusion: each entry's share of a soft
     * nearest-neighbour vote, {@code vote[e]} = the sum of {@code exp((cosine - 1) / temperature)} over its paraphrases
     * among the query's nearest, divided by the sum over all entries, times {@code denseWeight} (measured on the
     * CLINC dev split: the vote beat the nearest paraphrase's softmax, 0.958 against 0.950). Reciprocal rank fusion
     * replaces the scores by {@code 1 / (k + lexical rank) + denseWeight / (k + dense rank)}, the dense rank by the
     * nearest paraphrase's cosine.
     */
    private void fuseDense(Integer[] ranked, double[] fused, double[] cosine, double[] vote,
            Comparator<Integer> byFused) {
        if (config.rrfK() == 0) {
            double sum = 0;
            double[] weight = new double[ranked.length];
            for (int i = 0; i < ranked.length; i++) {
                int e = ranked[i];
                weight[i] = Double.isNaN(cosine[e]) ? 0 : vote[e];
                sum += weight[i];
            }
            for (int i = 0; i < ranked.length; i++) {
                fused[ranked[i]] += sum > 0 ? config.denseWeight() * weight[i] / sum : 0;
            }
            return;
        }
        Integer[] lexical = ranked.clone();
        Arrays.sort(lexical, byFused);
        Integer[] dense = Arrays.stream(ranked).filter(e -> !Double.isNaN(cosine[e])).toArray(Integer[]::new);
        Arrays.sort(dense, (x, y) -> Double.compare(cosine[y], cosine[x]));
        double[] rrf = new double[fused.length];
        for (int r = 0; r < lexical.length; r++) {
            if (fused[lexical[r]] > 0) {
                rrf[lexical[r]] += 1.0 / (config.rrfK() + r + 1);
            }
        }
        for (int r = 0; r < dense.length; r++) {
            rrf[dense[r]] += config.denseWeight() / (config.rrfK() + r + 1);
        }
        for (int e : ranked) {
            fused[e] = rrf[e];
        }
    }

    /** Embeds the paraphrases not embedded yet (all locales the embedder covers), several at a time. */
    private void embedMissing(Collection<FaqEntry> entries, boolean replacing) {
        if (embedder == null) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (String lang : KbLocales.SUPPORTED) {
            if (embedder.dimension(lang) <= 0) {
                continue;
            }
            Set<String> missingSet = new LinkedHashSet<>();
            for (FaqEntry e : entries) {
                for (String q : e.questions().getOrDefault(lang, List.of())) {
                    String key = vectorKey(lang, q);
                    wanted.add(key);
                    if (!vectors.containsKey(key)) {
                        missingSet.add(q);
                    }
                }
            }
            if (!missingSet.isEmpty()) {
                List<String> missing = List.copyOf(missingSet);
                List<float[]> embedded = embedder.embedAll(missing, lang);
                for (int i = 0; i < missing.size(); i++) {
                    vectors.put(vectorKey(lang, missing.get(i)), unit(embedded.get(i)));
                }
            }
        }
        if (replacing) {
            vectors.keySet().retainAll(wanted);
        }
    }

    private static String vectorKey(String lang, String text) {
        return lang + '\n' + text;
    }

    private static String vectorField(String lang) {
        return "vec_" + lang;
    }

    /** A unit-length copy (the dot-product similarity requires unit vectors; embedders should already return them). */
    private static float[] unit(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f * f;
        }
        float[] out = v.clone();
        if (sum > 0 && Math.abs(sum - 1) > 1e-4) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < out.length; i++) {
                out[i] *= inv;
            }
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
    private String questionText(EntrySearcher searcher, String entryId, int doc) {
        FaqEntry entry = indexed.get(entryId);
        long ord = searcher.questionOrdinal(doc);
        if (entry == null || ord < 0) {
            return null;
        }
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

    /**
     * Scores the query's terms over weighted fields with BM25, term at a time: each term's postings are
     * walked once and their scores summed per document into a per-thread
     * accumulator; the best {@code n} documents are kept. Scores equal those of a {@code BooleanQuery} of
     * boosted term queries under {@link BM25Similarity} ({@link Bm25FieldScorer}). On knowledge-base-sized indexes this costs a
     * fraction of building and running a Lucene query (weights, scorers, a collector per search).
     *
     * @return the best documents and the highest BM25 score the query could reach (the sum of boost x idf
     *         over its terms), or null when no term occurs in the fields
     */
    private Scored score(EntrySearcher searcher, QueryTerms terms, Map<String, Float> fields, int n) throws IOException {
        Accumulator acc = accumulators.get().reset(searcher.maxDoc());
        double upper = 0;
        int clauses = 0;
        for (Map.Entry<String, Float> f : fields.entrySet()) {
            String field = f.getKey();
            if (f.getValue() <= 0) {
                continue;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String t : terms.forField(field)) {
                if (counts.size() < MAX_QUERY_TERMS || counts.containsKey(t)) {
                    counts.merge(t, 1, Integer::sum);
                }
            }
            Bm25FieldScorer bm25 = searcher.bm25(field);
            byte[] norms = searcher.norms(field);
            if (bm25 == null || norms == null) {
                continue;
            }
            long docCount = bm25.docCount();
            for (Map.Entry<String, Integer> t : counts.entrySet()) {
                TermPostings postings = searcher.postings(field, t.getKey());
                int df = postings == null ? 0 : postings.docFreq();
                float boost = f.getValue() * t.getValue();
                // BM25's per-term score is below boost * idf however often the term occurs; a term no
                // document has still counts here (the query's unknown words lower the coverage)
                upper += boost * Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
                if (df == 0) {
                    continue;
                }
                clauses++;
                float weight = bm25.weight(boost, df);
                int[] docs = postings.docs();
                int[] freqs = postings.freqs();
                for (int j = 0; j < docs.length; j++) {
                    acc.add(docs[j], bm25.score(weight, freqs[j], norms[docs[j]]));
                }
            }
        }
        return clauses == 0 ? null : new Scored(acc.top(n), upper);
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
                float[] vector = embedder == null ? null : vectors.get(vectorKey(lang, q));
                if (vector != null) {
                    d.add(new KnnFloatVectorField(vectorField(lang), vector, VectorSimilarityFunction.DOT_PRODUCT));
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

    /**
     * A searcher that knows, for every document of its reader, which entry it belongs to and which
     * paraphrase it holds: read once from doc values when the reader opens (after every write), so a
     * search maps its hits to entries with array reads instead of a doc-values lookup and a string per hit.
     */
    private static final class EntrySearcher extends IndexSearcher {
        private final int[] docEntry;
        private final long[] docQuestion;
        private final String[] entryIds;
        private final Map<String, Integer> entryIndex;
        private final Map<String, byte[]> norms;
        private final int maxDoc;

        private final Map<String, Bm25FieldScorer> bm25;
        /**
         * Postings of the terms queries have asked for, decoded once per searcher (a knowledge base is small and
         * its queries keep asking for the same few thousand terms). Terms the index has are always kept (the
         * index's vocabulary bounds them); terms it does not have only until {@link #MAX_CACHED_TERMS} of them are
         * kept, so queries full of made-up words cannot grow it without bound. Keyed by field, then term: a query
         * looks up each of its terms in a few fields, and a joined key cost a string copy per lookup.
         */
        private final ConcurrentHashMap<String, ConcurrentHashMap<String, TermPostings>> postingsCache =
                new ConcurrentHashMap<>();
        private final AtomicInteger cachedMisses = new AtomicInteger();
        /**
         * For each classifier used with this searcher (one per locale), its labels' entry numbers here. Keyed by
         * identity (the classifier does not define equality): a write trains new classifiers and opens a new
         * searcher. Remembering only the last one had every change of language between queries (a Chinese question
         * after an English one) map the labels again.
         */
        private final Map<ParaphraseClassifier, int[]> labelMaps = new ConcurrentHashMap<>();

        EntrySearcher(IndexReader reader, float k1, float b) throws IOException {
            super(reader);
            maxDoc = reader.maxDoc();
            docEntry = new int[maxDoc];
            docQuestion = new long[maxDoc];
            Arrays.fill(docQuestion, -1);
            Map<String, Integer> index = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                SortedDocValues values = leaf.reader().getSortedDocValues(ENTRY);
                if (values != null) {
                    int[] ordToEntry = new int[values.getValueCount()];
                    for (int ord = 0; ord < ordToEntry.length; ord++) {
                        String id = values.lookupOrd(ord).utf8ToString();
                        Integer known = index.get(id);
                        if (known == null) {
                            known = ids.size();
                            index.put(id, known);
                            ids.add(id);
                        }
                        ordToEntry[ord] = known;
                    }
                    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                        docEntry[leaf.docBase + doc] = ordToEntry[values.ordValue()];
                    }
                }
                NumericDocValues ords = leaf.reader().getNumericDocValues(QUESTION_ORDINAL);
                if (ords != null) {
                    for (int doc = ords.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ords.nextDoc()) {
                        docQuestion[leaf.docBase + doc] = ords.longValue();
                    }
                }
            }
            entryIds = ids.toArray(new String[0]);
            entryIndex = Map.copyOf(index);
            norms = readNorms(reader);
            Map<String, Bm25FieldScorer> scorers = new HashMap<>();
            for (String field : norms.keySet()) {
                CollectionStatistics stats = collectionStatistics(field);
                if (stats != null) {
                    scorers.put(field, new Bm25FieldScorer(k1, b, stats));
                }
            }
            bm25 = Map.copyOf(scorers);
        }

        /**
         * The term's live documents (global numbers, ascending) and frequencies in the field, or null when no
         * document has it. {@code docFreq} counts deleted documents too, as BM25's statistics do.
         */
        TermPostings postings(String field, String term) throws IOException {
            ConcurrentHashMap<String, TermPostings> ofField =
                    postingsCache.computeIfAbsent(field, f -> new ConcurrentHashMap<>());
            TermPostings cached = ofField.get(term);
            if (cached != null) {
                return cached == TermPostings.NONE ? null : cached;
            }
            BytesRef bytes = new BytesRef(term);
            int df = 0;
            int[] docs = new int[8];
            int[] freqs = new int[8];
            int size = 0;
            PostingsEnum postings = null;
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                Terms leafTerms = leaf.reader().terms(field);
                if (leafTerms == null) {
                    continue;
                }
                TermsEnum terms = leafTerms.iterator();
                if (!terms.seekExact(bytes)) {
                    continue;
                }
                df += terms.docFreq();
                Bits live = leaf.reader().getLiveDocs();
                postings = terms.postings(postings, PostingsEnum.FREQS);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        docs = ArrayUtil.grow(docs, size + 1);
                        freqs = ArrayUtil.grow(freqs, size + 1);
                        docs[size] = leaf.docBase + doc;
                        freqs[size++] = postings.freq();
                    }
                }
            }
            if (df == 0) {
                if (cachedMisses.get() < MAX_CACHED_TERMS && ofField.putIfAbsent(term, TermPostings.NONE) == null) {
                    cachedMisses.incrementAndGet();
                }
                return null;
            }
            TermPostings found = new TermPostings(df, Arrays.copyOf(docs, size), Arrays.copyOf(freqs, size));
            TermPostings raced = ofField.putIfAbsent(term, found);
            return raced != null ? raced : found;
        }

        /** BM25 for a field of this reader, or null when no document has the field. */
        Bm25FieldScorer bm25(String field) {
            return bm25.get(field);
        }

        /** For each label of the classifier, its entry number in this searcher (-1 when absent). */
        int[] entriesOf(ParaphraseClassifier classifier) {
            int[] known = labelMaps.get(classifier);
            if (known != null) {
                return known;
            }
            int[] entries = new int[classifier.labelCount()];
            for (int c = 0; c < entries.length; c++) {
                entries[c] = entryIndex(classifier.label(c));
            }
            if (labelMaps.size() >= MAX_LABEL_MAPS) {
                labelMaps.clear(); // classifiers retrained while this searcher stayed open
            }
            labelMaps.put(classifier, entries);
            return entries;
        }

        /** Every text field's norms (encoded lengths) in one array per field, indexed by global doc number. */
        private static Map<String, byte[]> readNorms(IndexReader reader) throws IOException {
            Map<String, byte[]> out = new HashMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                for (FieldInfo fi : leaf.reader().getFieldInfos()) {
                    if (!fi.hasNorms()) {
                        continue;
                    }
                    NumericDocValues values = leaf.reader().getNormValues(fi.name);
                    if (values == null) {
                        continue;
                    }
                    byte[] field = out.computeIfAbsent(fi.name, x -> new byte[reader.maxDoc()]);
                    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                        field[leaf.docBase + doc] = (byte) values.longValue();
                    }
                }
            }
            return Map.copyOf(out);
        }

        int maxDoc() {
            return maxDoc;
        }

        /** The field's norms by global doc number, or null when no document has the field. */
        byte[] norms(String field) {
            return norms.get(field);
        }

        int entryCount() {
            return entryIds.length;
        }

        int entryOf(int doc) {
            return docEntry[doc];
        }

        String entryId(int doc) {
            return entryIds[docEntry[doc]];
        }

        String entryIdAt(int entry) {
            return entryIds[entry];
        }

        /** The entry's number in this searcher, or -1 when this searcher does not hold it. */
        int entryIndex(String entryId) {
            Integer i = entryIndex.get(entryId);
            return i == null ? -1 : i;
        }

        /** The paraphrase ordinal of a question document, or -1 for entry-level documents. */
        long questionOrdinal(int doc) {
            return docQuestion[doc];
        }
    }

    private record Scored(ScoreDoc[] hits, double upperBound) {
    }

    /**
     * Per-thread scratch space of {@link #score}: a score per document and the documents touched, so a
     * search allocates nothing in proportion to the index and clears only what it used.
     */
    /** One term's postings in one field, decoded. */
    private static final int MAX_CACHED_TERMS = 200_000;
    /** Classifiers whose label numbering a searcher keeps: one per locale, with room for a retraining or two. */
    private static final int MAX_LABEL_MAPS = 8;

    private record TermPostings(int docFreq, int[] docs, int[] freqs) {
        /** A term the index does not have. */
        static final TermPostings NONE = new TermPostings(0, new int[0], new int[0]);
    }

    private static final class Accumulator {
        private double[] scores = new double[0];
        private int[] touched = new int[0];
        private LongHeap heap;
        private int heapCapacity;
        private int size;

        Accumulator reset(int maxDoc) {
            if (scores.length < maxDoc) {
                scores = new double[maxDoc];
                touched = new int[maxDoc];
            } else {
                for (int i = 0; i < size; i++) {
                    scores[touched[i]] = 0;
                }
            }
            size = 0;
            return this;
        }

        void add(int doc, float score) {
            if (scores[doc] == 0) {
                touched[size++] = doc;
            }
            scores[doc] += score;
        }

        /** The best n documents, best first; ties go to the lower document number (as Lucene's collectors do). */
        ScoreDoc[] top(int n) {
            // Keys order (score descending, doc ascending) in one long: scores are sums of positive BM25 terms, and
            // the bits of non-negative floats order as the floats do. A bounded heap keeps the n smallest keys
            // (Lucene's LongHeap keeps the largest values, so it holds their complements): O(size log n) instead of
            // sorting every touched document, most of which only share a common word with the query.
            int hits = Math.min(n, size);
            if (hits == 0) {
                return new ScoreDoc[0];
            }
            if (heap == null || heapCapacity != hits) {
                heap = new LongHeap(hits);
                heapCapacity = hits;
            } else {
                heap.clear();
            }
            for (int i = 0; i < size; i++) {
                int doc = touched[i];
                int bits = Float.floatToIntBits((float) scores[doc]);
                heap.insertWithOverflow(Long.MAX_VALUE - (((long) (Integer.MAX_VALUE - bits) << 32) | doc));
            }
            ScoreDoc[] out = new ScoreDoc[hits];
            for (int i = hits - 1; i >= 0; i--) {
                int doc = (int) (Long.MAX_VALUE - heap.pop());
                out[i] = new ScoreDoc(doc, (float) scores[doc]);
            }
            return out;
        }
    }
}
