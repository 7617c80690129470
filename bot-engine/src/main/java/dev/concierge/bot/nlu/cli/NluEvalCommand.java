package dev.concierge.bot.nlu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.bot.nlu.IntentClassifier;
import dev.concierge.bot.nlu.IntentModel;
import dev.concierge.bot.nlu.IntentPrediction;
import dev.concierge.bot.nlu.Profile;
import dev.concierge.bot.nlu.TrainingData;
import dev.concierge.bot.nlu.TrainingDataException;
import dev.concierge.bot.nlu.TrainingDataFormat;
import dev.concierge.bot.nlu.TrainingExample;
import dev.concierge.bot.nlu.TrainingOptions;
import dev.concierge.core.cli.CommandOptions;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code nlu-eval --train FILE --test FILE [--oos-label oos] [--profile default|lexical|fast]}: trains, evaluates,
 * reports progress on stderr and prints one JSON object as the last line of stdout.
 *
 * <p>Open-set evaluation (out-of-scope metrics) when the training data has the oos label or
 * {@code --oos-label} is given; closed-set otherwise (every message must get its gold intent).
 */
public final class NluEvalCommand {

    static final String USAGE = "usage: nlu-eval --train FILE --test FILE [--oos-label oos] [--profile default|lexical|fast]"
            + " [--format jsonl|yaml|rasa] [--threads 2] [--epochs N] [--class-balance 0.5] [--bench-seconds 3]"
            + " [--cascade auto|off|GATE]"
            + " [--cascade-sweep GATE,GATE,...|off]";

    private NluEvalCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path trainFile;
        Path testFile;
        TrainingDataFormat format;
        Profile profile;
        String oosLabel;
        boolean oosGiven;
        int threads;
        int epochs;
        double classBalance;
        int benchSeconds;
        String cascade;
        List<Double> sweep = new ArrayList<>();
        try {
            CommandOptions a = CommandOptions.parse(args, Set.of("train", "test", "oos-label", "profile", "format", "threads", "epochs",
                    "class-balance", "bench-seconds", "cascade", "cascade-sweep"));
            trainFile = Path.of(a.required("train"));
            testFile = Path.of(a.required("test"));
            format = a.has("format") ? TrainingDataFormat.parse(a.required("format")) : null;
            profile = Profile.parse(a.get("profile", "default"));
            oosGiven = a.has("oos-label");
            oosLabel = a.get("oos-label", TrainingOptions.DEFAULT_OOS_LABEL);
            threads = a.integer("threads", 2, 1, 64);
            epochs = a.integer("epochs", TrainingOptions.defaults(profile).epochs(), 1, 200);
            classBalance = a.number("class-balance", TrainingOptions.DEFAULT_CLASS_BALANCE, 0, 1);
            benchSeconds = a.integer("bench-seconds", 3, 0, 600);
            cascade = a.get("cascade", "auto");
            if (!cascade.equals("auto")) {
                gate(cascade);
            }
            for (String g : a.get("cascade-sweep", "").split(",")) {
                if (!g.isBlank()) {
                    sweep.add(gate(g.strip()));
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("nlu-eval: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            List<TrainingExample> train = TrainingData.read(trainFile, format);
            List<TrainingExample> test = TrainingData.read(testFile, null);
            boolean trainHasOos = train.stream().anyMatch(e -> e.intent().equals(oosLabel));
            boolean openSet = trainHasOos || oosGiven;
            err.printf("nlu-eval: %d train, %d test examples, profile %s, %s%n", train.size(), test.size(),
                    profile.label(), openSet ? "open-set (oos label '" + oosLabel + "')" : "closed-set");
            TrainingOptions options = TrainingOptions.defaults(profile).withOosLabel(oosLabel).withOpenSet(openSet)
                    .withEpochs(epochs).withClassBalance(classBalance);
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            IntentModel model = IntentModel.train(train, options, line -> err.println("train: " + line));
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double trainCpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            err.printf("nlu-eval: trained in %.1f s; classifying %d test examples%n", trainSeconds, test.size());
            if (!cascade.equals("auto") && !Double.isNaN(model.cascadeGate())) {
                model = model.withCascadeGate(gate(cascade));
            }

            Map<String, Object> result = evaluate(model, test, openSet, oosLabel);
            result.put("train_seconds", round(trainSeconds, 2));
            result.put("train_cpu_seconds", trainCpuSeconds < 0 ? null : round(trainCpuSeconds, 1));
            err.println("nlu-eval: measuring latency (1 thread) and throughput (" + threads + " threads)");
            List<String> texts = test.stream().map(TrainingExample::text).toList();
            Latency latency = p99(model, texts);
            result.put("p99_ms", round(latency.wallMillis(), 3));
            result.put("p99_cpu_ms", round(latency.cpuMillis(), 3));
            Throughput speed = throughput(model, texts, threads, benchSeconds);
            result.put("utterances_per_second", Math.round(speed.perSecond()));
            result.put("threads", threads);
            result.put("cpu_ms_per_utterance", round(speed.cpuMillisPerUtterance(), 4));
            IntentModel measured = model;
            long embedded = texts.stream().filter(measured::embeds).count();
            result.put("cascade_gate", Double.isNaN(model.cascadeGate()) ? null : round(model.cascadeGate(), 3));
            result.put("embedded_fraction", round((double) embedded / Math.max(1, texts.size()), 4));
            if (!sweep.isEmpty() && !Double.isNaN(model.cascadeGate())) {
                result.put("cascade_sweep", sweep(model, test, openSet, oosLabel, sweep, threads, benchSeconds, err));
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put("profile", profile.label());
            ordered.put("class_balance", classBalance);
            ordered.putAll(result);
            ordered.put("train_examples", train.size());
            ordered.put("test_examples", test.size());
            ordered.put("intents", model.labels().size());
            ordered.put("features", model.featureCount());
            ordered.put("threshold", round(model.threshold(), 3));
            ordered.put("temperature", round(model.temperature(), 3));
            out.println(new ObjectMapper().writeValueAsString(ordered));
            return 0;
        } catch (TrainingDataException | IllegalArgumentException e) {
            err.println("nlu-eval: " + e.getMessage());
            return 1;
        } catch (JsonProcessingException e) {
            err.println("nlu-eval: " + e.getMessage());
            return 1;
        }
    }

    /** CPU time of the whole process so far (all threads: training uses up to two), or -1 if unknown. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** "off" or a number in [0,1]. */
    private static double gate(String value) {
        if (value.equals("off")) {
            return IntentModel.CASCADE_OFF;
        }
        double gate = Double.parseDouble(value);
        if (!(gate >= 0 && gate <= 1)) {
            throw new IllegalArgumentException("a cascade gate is off or a number in [0,1], got " + value);
        }
        return gate;
    }

    /** The same trained model at other cascade gates: accuracy, share of messages embedded, speed. */
    private static List<Map<String, Object>> sweep(IntentModel model, List<TrainingExample> test, boolean openSet,
                                                   String oosLabel, List<Double> gates, int threads, int seconds,
                                                   PrintStream err) {
        List<String> texts = test.stream().map(TrainingExample::text).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double gate : gates) {
            IntentModel m = model.withCascadeGate(gate);
            err.printf("nlu-eval: cascade gate %.2f%n", gate);
            Map<String, Object> metrics = evaluate(m, test, openSet, oosLabel);
            Throughput speed = throughput(m, texts, threads, seconds);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gate", gate);
            row.put("embedded_fraction", round((double) texts.stream().filter(m::embeds).count() / texts.size(), 4));
            for (String key : List.of("in_scope_accuracy", "oos_recall", "accuracy", "ece")) {
                row.put(key, metrics.get(key));
            }
            row.put("utterances_per_second", Math.round(speed.perSecond()));
            row.put("cpu_ms_per_utterance", round(speed.cpuMillisPerUtterance(), 4));
            rows.add(row);
        }
        return rows;
    }

    static Map<String, Object> evaluate(IntentClassifier model, List<TrainingExample> test, boolean openSet,
                                        String oosLabel) {
        int inScope = 0;
        int inCorrect = 0;
        int inTop1 = 0;
        int oosGold = 0;
        int oosCaught = 0;
        int oosPredicted = 0;
        int correct = 0;
        Map<String, int[]> counts = new HashMap<>(); // label -> {tp, fp, fn}
        double[] binConf = new double[10];
        double[] binAcc = new double[10];
        int[] binN = new int[10];
        int done = 0;
        for (TrainingExample e : test) {
            IntentPrediction p = model.classify(e.text());
            boolean goldOos = openSet && e.intent().equals(oosLabel);
            String predicted = openSet && p.outOfScope() ? oosLabel : topIntent(p);
            boolean ok = predicted.equals(e.intent());
            if (goldOos) {
                oosGold++;
                if (p.outOfScope()) {
                    oosCaught++;
                }
            } else {
                inScope++;
                if (ok) {
                    inCorrect++;
                }
                if (topIntent(p).equals(e.intent())) {
                    inTop1++;
                }
            }
            if (openSet && p.outOfScope()) {
                oosPredicted++;
            }
            if (ok) {
                correct++;
                counts.computeIfAbsent(e.intent(), k -> new int[3])[0]++;
            } else {
                counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
                counts.computeIfAbsent(e.intent(), k -> new int[3])[2]++;
            }
            int bin = Math.min(9, (int) (p.confidence() * 10));
            binConf[bin] += p.confidence();
            binAcc[bin] += topIntent(p).equals(e.intent()) ? 1 : 0;
            binN[bin]++;
            if (++done % 1000 == 0) {
                System.err.printf("nlu-eval: %d/%d%n", done, test.size());
            }
        }
        Set<String> goldLabels = new TreeSet<>(test.stream().map(TrainingExample::intent).toList());
        double f1Sum = 0;
        for (String label : goldLabels) {
            int[] c = counts.getOrDefault(label, new int[3]);
            double precision = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (binN[b] > 0) {
                ece += Math.abs(binAcc[b] / binN[b] - binConf[b] / binN[b]) * binN[b] / test.size();
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("in_scope_accuracy", round((double) inCorrect / Math.max(1, inScope), 4));
        r.put("in_scope_top1_accuracy", round((double) inTop1 / Math.max(1, inScope), 4));
        r.put("oos_recall", openSet ? round((double) oosCaught / Math.max(1, oosGold), 4) : null);
        r.put("oos_precision", openSet ? round((double) oosCaught / Math.max(1, oosPredicted), 4) : null);
        r.put("accuracy", round((double) correct / test.size(), 4));
        r.put("macro_f1", round(f1Sum / goldLabels.size(), 4));
        r.put("ece", round(ece, 4));
        r.put("in_scope_examples", inScope);
        r.put("oos_examples", oosGold);
        return r;
    }

    /** The best-ranked intent, whatever the out-of-scope decision (the closed-set answer). */
    private static String topIntent(IntentPrediction p) {
        return p.ranked().isEmpty() ? p.intent() : p.ranked().get(0).intent();
    }

    /**
     * @param wallMillis 99th percentile of the wall-clock time of one call
     * @param cpuMillis  99th percentile of the calling thread's CPU time for one call (what the call costs
     *                   when the thread is not waiting for a core)
     */
    record Latency(double wallMillis, double cpuMillis) {
    }

    static Latency p99(IntentClassifier model, List<String> texts) {
        for (int i = 0; i < Math.min(2000, texts.size() * 2); i++) {
            model.classify(texts.get(i % texts.size()));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = Math.min(texts.size(), 5000);
        long[] nanos = new long[n];
        long[] cpuNanos = new long[n];
        for (int i = 0; i < n; i++) {
            long c = cpu.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            model.classify(texts.get(i));
            nanos[i] = System.nanoTime() - t;
            cpuNanos[i] = cpu.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        int k = (int) Math.min(n - 1, Math.ceil(n * 0.99) - 1);
        return new Latency(nanos[k] / 1e6, cpuNanos[k] / 1e6);
    }

    /**
     * @param perSecond             utterances per second (wall clock) with all callers together
     * @param cpuMillisPerUtterance CPU time the callers' threads used per utterance: unlike the wall-clock rate,
     *                              it barely depends on what else the machine runs (ONNX Runtime computes on
     *                              the caller's thread)
     */
    record Throughput(double perSecond, double cpuMillisPerUtterance) {
    }

    /**
     * Utterances per second over {@code seconds} (at least one batch per thread) with {@code threads} callers,
     * each going through the texts in order from its own offset. The model is called directly: no cache of
     * the test texts is involved.
     */
    static Throughput throughput(IntentClassifier model, List<String> texts, int threads, int seconds) {
        AtomicLong total = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread w = new Thread(() -> {
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long count = 0;
                int i = offset;
                do {
                    for (int k = 0; k < 64; k++) {
                        model.classify(texts.get(i++ % texts.size()));
                    }
                    count += 64;
                } while (System.nanoTime() < deadline);
                total.addAndGet(count);
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
            }, "nlu-eval-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Throughput(total.get() / elapsed, cpuNanos.get() / 1e6 / Math.max(1, total.get()));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
