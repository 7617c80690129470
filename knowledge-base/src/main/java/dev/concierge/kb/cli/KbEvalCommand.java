package dev.concierge.kb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concierge.core.cli.CommandOptions;
import dev.concierge.kb.ConfidenceModel;
import dev.concierge.kb.FaqDecision;
import dev.concierge.kb.FaqHit;
import dev.concierge.kb.FaqResult;
import dev.concierge.kb.FaqThresholds;
import dev.concierge.kb.KnowledgeBase;
import dev.concierge.kb.TextEmbedder;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.KbLocales;
import dev.concierge.kb.entry.KbValidationException;
import dev.concierge.kb.index.Candidate;
import dev.concierge.kb.index.RetrievalConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code kb-eval --kb FILE --queries FILE [--threads 2] [tuning options]}: retrieval quality and speed.
 * Progress goes to stderr; the last stdout line is one JSON object with {@code p_at_1}, {@code mrr}
 * (MRR@10), {@code recall_at_5}, {@code queries_per_second}, the same three for the plain BM25 baseline
 * ({@code bm25_*}), per-language P@1, the decision mix at the default thresholds and the calibration error.
 *
 * <p>Queries are JSON Lines {@code {"text", "expected"}} ({@code "intent"} is accepted for
 * {@code expected}); an optional {@code "lang"} gives the language, otherwise it is detected.
 *
 * <p>{@code --dense on} also ranks by sentence embeddings; the embedder comes from the caller (the server's
 * launcher hands in bot-engine's encoders), as this module does not own any.
 */
public final class KbEvalCommand {
    static final String USAGE = "usage: kb-eval --kb FILE --queries FILE [--threads N] [--seconds S]"
            + " [--k1 F] [--b F] [--per-entry N] [--decay F] [--entry-weight F] [--answer-weight F] [--zh-bigram F]"
            + " [--depth N] [--classifier F] [--fit-confidence true] [--baseline false] [--leave-one-out true] [--show-misses true] [--vocabulary false]"
            + " [--dense on|off] [--dense-weight F] [--dense-temperature F] [--rrf-k N]";
    /** Whether {@code kb-eval} uses the dense path when an embedder is available and {@code --dense} is not given. */
    static final String DEFAULT_DENSE = "on";
    private static final Set<String> OPTIONS = Set.of("kb", "queries", "threads", "seconds", "k1", "b", "per-entry",
            "decay", "entry-weight", "answer-weight", "zh-bigram", "fit-confidence", "baseline", "depth", "leave-one-out", "classifier", "show-misses", "vocabulary",
            "dense", "dense-weight", "dense-temperature", "rrf-k");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KbEvalCommand() {
    }

    record Query(String text, String expected, String lang) {
    }

    /** Lexical only: {@code --dense on} is a usage error here (no embedder). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** A retrieval knob: any finite number here; {@link RetrievalConfig} checks its own ranges. */
    private static float decimal(CommandOptions a, String name, float fallback) {
        return (float) a.number(name, fallback, -Float.MAX_VALUE, Float.MAX_VALUE);
    }

    private static int whole(CommandOptions a, String name, int fallback) {
        return a.integer(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * @param embedders creates the sentence embedder when {@code --dense on} asks for it (loading models takes
     *                  seconds, so only then), or null when none is available
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Supplier<TextEmbedder> embedders) {
        CommandOptions a;
        boolean dense;
        Path kbFile;
        Path queryFile;
        RetrievalConfig config;
        int threads;
        double seconds;
        try {
            a = CommandOptions.parse(args, OPTIONS);
            kbFile = Path.of(a.required("kb"));
            queryFile = Path.of(a.required("queries"));
            threads = a.integer("threads", 2, 1, 64);
            seconds = a.number("seconds", 3, 0.1, 3600);
            RetrievalConfig d = RetrievalConfig.tuned();
            config = d.withK1B(decimal(a, "k1", d.k1()), decimal(a, "b", d.b()))
                    .withAggregation(whole(a, "per-entry", d.perEntry()), decimal(a, "decay", d.decay()))
                    .withEntryWeights(decimal(a, "entry-weight", d.entryWeight()), decimal(a, "answer-weight", d.answerWeight()))
                    .withZhBigramWeight(decimal(a, "zh-bigram", d.zhBigramWeight()))
                    .withQuestionDepth(whole(a, "depth", d.questionDepth()))
                    .withClassifierWeight(decimal(a, "classifier", d.classifierWeight()))
                    .withShopVocabulary(Boolean.parseBoolean(a.get("vocabulary", String.valueOf(d.shopVocabulary()))))
                    .withDense(decimal(a, "dense-weight", d.denseWeight()), decimal(a, "dense-temperature", d.denseTemperature()),
                            whole(a, "rrf-k", d.rrfK()));
            String denseFlag = a.get("dense", embedders == null ? "off" : DEFAULT_DENSE);
            if (!denseFlag.equals("on") && !denseFlag.equals("off")) {
                throw new CommandOptions.UsageException("--dense must be on or off");
            }
            dense = denseFlag.equals("on") && config.denseWeight() > 0;
            if (dense && embedders == null) {
                throw new CommandOptions.UsageException("--dense on needs sentence embeddings: run kb-eval through bin/concierge");
            }
            for (Path p : List.of(kbFile, queryFile)) {
                if (!Files.isRegularFile(p)) {
                    throw new CommandOptions.UsageException("no such file: " + p);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            List<FaqEntry> entries = KnowledgeBase.readJsonFile(kbFile);
            List<Query> queries = readQueries(queryFile);
            err.printf("kb-eval: %d entries, %d queries%n", entries.size(), queries.size());
            java.util.Set<String> ids = new java.util.HashSet<>();
            entries.forEach(e -> ids.add(e.id()));
            ids.add("oos");
            java.util.Set<String> unknown = new java.util.TreeSet<>();
            queries.stream().map(Query::expected).filter(x -> !ids.contains(x)).forEach(unknown::add);
            if (!unknown.isEmpty()) {
                // they can never be hit: every such query would count as a miss without a word
                err.printf("kb-eval: warning: %d expected ids are not entries of %s: %s%n", unknown.size(), kbFile,
                        unknown.size() > 10 ? List.copyOf(unknown).subList(0, 10) + "..." : unknown);
            }

            TextEmbedder embedder = null;
            ObjectNode result = MAPPER.createObjectNode();
            if (dense) {
                long l0 = System.nanoTime();
                embedder = embedders.get();
                err.printf("kb-eval: embedder %s loaded in %.0f ms%n", embedder.modelId(), (System.nanoTime() - l0) / 1e6);
            }
            long t0 = System.nanoTime();
            try (KnowledgeBase tuned = KnowledgeBase.of(entries, config, FaqThresholds.DEFAULT, embedder)) {
                double buildMs = (System.nanoTime() - t0) / 1e6;
                err.printf("kb-eval: tuned index built in %.0f ms (%s, dense %s)%n", buildMs, config, tuned.dense() ? "on" : "off");
                result.put("dense", tuned.dense() ? "on" : "off");
                if (tuned.dense()) {
                    result.put("embedder", embedder.modelId());
                    result.put("fusion", config.rrfK() == 0 ? "score" : "rrf");
                    result.put("dense_weight", config.denseWeight());
                }
                Quality q = evaluate(tuned, queries, Boolean.parseBoolean(a.get("show-misses", "false")) ? err : null, err, "tuned");
                q.put(result, "");
                double[] qps = throughput(tuned, queries, threads, seconds, err);
                result.put("queries_per_second", Math.round(qps[0]));
                result.put("queries_per_cpu_second", Math.round(qps[1]));
                result.put("threads", threads);
                result.put("build_ms", Math.round(buildMs));
                if (Boolean.parseBoolean(a.get("leave-one-out", "false"))) {
                    leaveOneOut(tuned, entries, err).forEach((lang, p) -> result.put("loo_p_at_1_" + lang, round(p)));
                }
                if (Boolean.parseBoolean(a.get("fit-confidence", "false"))) {
                    ConfidenceModel fitted = fitConfidence(tuned, queries);
                    err.println("kb-eval: confidence model in use: " + tuned.confidenceModel());
                    err.println("kb-eval: fitted confidence model on THIS query set: " + fitted);
                }
            }
            if (Boolean.parseBoolean(a.get("baseline", "true"))) try (KnowledgeBase plain = KnowledgeBase.of(entries, RetrievalConfig.plainBm25(), FaqThresholds.DEFAULT)) {
                Quality q = evaluate(plain, queries, null, err, "plain bm25");
                result.put("bm25_p_at_1", round(q.pAt1()));
                result.put("bm25_mrr", round(q.mrr()));
                result.put("bm25_recall_at_5", round(q.recallAt5()));
                q.byLang().forEach((lang, p) -> result.put("bm25_p_at_1_" + lang, round(p)));
            }
            result.put("entries", entries.size());
            result.put("queries", queries.size());
            out.println(result);
            return 0;
        } catch (KbValidationException e) {
            err.println("kb-eval: invalid knowledge base: " + e.getMessage());
            return 1;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("kb-eval: no such file: " + e.getFile());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("kb-eval: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("kb-eval: " + e);
            return 1;
        }
    }

    record Quality(double pAt1, double mrr, double recallAt5, Map<String, Double> byLang, double answerRate,
                   double answerPrecision, double clarifyRate, double ece) {
        void put(ObjectNode n, String prefix) {
            n.put(prefix + "p_at_1", round(pAt1));
            n.put(prefix + "mrr", round(mrr));
            n.put(prefix + "recall_at_5", round(recallAt5));
            byLang.forEach((lang, p) -> n.put(prefix + "p_at_1_" + lang, round(p)));
            n.put(prefix + "answer_rate", round(answerRate));
            n.put(prefix + "answer_precision", round(answerPrecision));
            n.put(prefix + "clarify_rate", round(clarifyRate));
            n.put(prefix + "confidence_ece", round(ece));
        }
    }

    /** @param misses where to print each query whose top hit is wrong (tuning aid for development sets), or null */
    static Quality evaluate(KnowledgeBase kb, List<Query> queries, PrintStream misses, PrintStream err, String label) {
        double hit1 = 0;
        double rr = 0;
        double hit5 = 0;
        int answered = 0;
        int answeredRight = 0;
        int clarified = 0;
        Map<String, int[]> byLang = new TreeMap<>();
        double[] binConf = new double[10];
        double[] binRight = new double[10];
        int[] binCount = new int[10];
        for (Query q : queries) {
            FaqResult r = kb.search(q.text(), q.lang(), 10);
            int rank = 0;
            for (int i = 0; i < r.hits().size(); i++) {
                if (r.hits().get(i).entryId().equals(q.expected())) {
                    rank = i + 1;
                    break;
                }
            }
            boolean right = rank == 1;
            if (!right && misses != null) {
                misses.printf(Locale.ROOT, "miss: %s -> %s (expected %s, rank %d)%n", q.text(),
                        r.top().map(FaqHit::entryId).orElse("-"), q.expected(), rank);
            }
            hit1 += right ? 1 : 0;
            rr += rank > 0 ? 1.0 / rank : 0;
            hit5 += rank > 0 && rank <= 5 ? 1 : 0;
            String lang = q.lang() != null ? q.lang() : KbLocales.detect(q.text());
            int[] l = byLang.computeIfAbsent(lang, x -> new int[2]);
            l[0]++;
            l[1] += right ? 1 : 0;
            if (r.decision() == FaqDecision.ANSWER) {
                answered++;
                answeredRight += right ? 1 : 0;
            } else if (r.decision() == FaqDecision.CLARIFY) {
                clarified++;
            }
            double conf = r.top().map(FaqHit::confidence).orElse(0.0);
            int bin = Math.min(9, (int) (conf * 10));
            binConf[bin] += conf;
            binRight[bin] += right ? 1 : 0;
            binCount[bin]++;
        }
        int n = Math.max(1, queries.size());
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binConf[b] - binRight[b]) / n;
            }
        }
        Map<String, Double> langP = new TreeMap<>();
        byLang.forEach((lang, c) -> langP.put(lang, (double) c[1] / c[0]));
        Quality q = new Quality(hit1 / n, rr / n, hit5 / n, langP, (double) answered / n,
                answered == 0 ? 0 : (double) answeredRight / answered, (double) clarified / n, ece);
        err.printf(Locale.ROOT, "kb-eval: %s: P@1 %.4f MRR %.4f R@5 %.4f by language %s%n", label, q.pAt1(), q.mrr(), q.recallAt5(), langP);
        return q;
    }

    /**
     * Searches from {@code threads} threads for {@code seconds} after a short warm-up. Returns wall-clock
     * queries per second and queries per CPU-second of the search threads (the latter is what a machine
     * shared with other jobs can still measure fairly).
     */
    static double[] throughput(KnowledgeBase kb, List<Query> queries, int threads, double seconds, PrintStream err)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runFor(pool, kb, queries, threads, Math.min(1.0, seconds / 3));
            long start = System.nanoTime();
            long[] countAndCpu = runFor(pool, kb, queries, threads, seconds);
            double wall = (System.nanoTime() - start) / 1e9;
            double qps = countAndCpu[0] / wall;
            double perCpu = countAndCpu[1] == 0 ? 0 : countAndCpu[0] / (countAndCpu[1] / 1e9);
            err.printf(Locale.ROOT, "kb-eval: %d searches in %.1f s on %d threads = %.0f queries/s (%.0f per CPU-second, %.2f CPU-s used)%n",
                    countAndCpu[0], wall, threads, qps, perCpu, countAndCpu[1] / 1e9);
            return new double[] {qps, perCpu};
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] runFor(ExecutorService pool, KnowledgeBase kb, List<Query> queries, int threads, double seconds) {
        AtomicBoolean stop = new AtomicBoolean();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * queries.size() / threads;
            futures.add(pool.submit(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long done = 0;
                for (int i = offset; !stop.get(); i++) {
                    Query q = queries.get(i % queries.size());
                    kb.search(q.text(), q.lang(), 5);
                    done++;
                }
                return new long[] {done, mx.getCurrentThreadCpuTime() - cpu0};
            }));
        }
        try {
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            long[] total = new long[2];
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                total[0] += r[0];
                total[1] += r[1];
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A development measure that needs no query file: each paraphrase in turn is removed from its entry
     * (an NRT update) and used as the query. Used to tune on the knowledge base itself, never on held-out queries.
     */
    static Map<String, Double> leaveOneOut(KnowledgeBase kb, List<FaqEntry> entries, PrintStream err) {
        Map<String, int[]> counts = new TreeMap<>();
        for (FaqEntry e : entries) {
            for (Map.Entry<String, List<String>> lq : e.questions().entrySet()) {
                List<String> qs = lq.getValue();
                if (qs.size() < 2) {
                    continue;
                }
                for (int i = 0; i < qs.size(); i++) {
                    List<String> rest = new ArrayList<>(qs);
                    String held = rest.remove(i);
                    Map<String, List<String>> questions = new java.util.LinkedHashMap<>(e.questions());
                    questions.put(lq.getKey(), rest);
                    kb.put(new FaqEntry(e.id(), e.category(), e.scenario(), questions, e.answers(), e.sms(), e.tags(), e.updatedAt()));
                    FaqResult r = kb.search(held, lq.getKey(), 1);
                    int[] c = counts.computeIfAbsent(lq.getKey(), x -> new int[2]);
                    c[0]++;
                    c[1] += r.top().map(h -> h.entryId().equals(e.id())).orElse(false) ? 1 : 0;
                }
                kb.put(e);
            }
        }
        Map<String, Double> out = new TreeMap<>();
        counts.forEach((lang, c) -> out.put(lang, (double) c[1] / c[0]));
        err.println("kb-eval: leave-one-out P@1 by language " + out);
        return out;
    }

    /** Logistic regression (gradient descent) of "top hit is right" on coverage, margin and matched share. */
    static ConfidenceModel fitConfidence(KnowledgeBase kb, List<Query> queries) {
        List<double[]> xs = new ArrayList<>();
        for (Query q : queries) {
            List<Candidate> ranked = kb.rank(q.text(), q.lang(), 2);
            if (ranked.isEmpty()) {
                xs.add(new double[] {0, 0, 0, 0});
            } else {
                Candidate top = ranked.get(0);
                xs.add(new double[] {top.coverage(), KnowledgeBase.topMargin(ranked), top.matchedShare(),
                        top.entryId().equals(q.expected()) ? 1 : 0});
            }
        }
        double[] w = new double[4]; // bias, coverage, margin, share
        double lr = 0.5;
        for (int it = 0; it < 20_000; it++) {
            double[] g = new double[4];
            for (double[] x : xs) {
                double p = 1 / (1 + Math.exp(-(w[0] + w[1] * x[0] + w[2] * x[1] + w[3] * x[2])));
                double d = p - x[3];
                g[0] += d;
                g[1] += d * x[0];
                g[2] += d * x[1];
                g[3] += d * x[2];
            }
            for (int j = 0; j < 4; j++) {
                w[j] -= lr * g[j] / xs.size();
            }
        }
        return new ConfidenceModel(round(w[0]), round(w[1]), round(w[2]), round(w[3]));
    }

    static List<Query> readQueries(Path file) throws IOException {
        List<Query> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = MAPPER.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // the file's own line number: Jackson counts lines within the one line it was given
                throw new IllegalArgumentException(file + " line " + lineNo + ": not a JSON object ("
                        + e.getOriginalMessage() + ")");
            }
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": not a JSON object");
            }
            String text = n.path("text").asText(null);
            String expected = n.hasNonNull("expected") ? n.get("expected").asText() : n.path("intent").asText(null);
            if (text == null || expected == null) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": needs \"text\" and \"expected\"");
            }
            String lang = n.hasNonNull("lang") ? n.get("lang").asText() : null;
            out.add(new Query(text, expected, lang));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no queries");
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
