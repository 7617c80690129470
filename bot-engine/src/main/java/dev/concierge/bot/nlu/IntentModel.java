package dev.concierge.bot.nlu;

import dev.concierge.bot.language.LanguageDetector;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained intent classifier: softmax regression over word and character n-gram features (plus, for
 * {@link Profile#DEFAULT}, a sentence embedding), temperature-calibrated, with an out-of-scope class (when the
 * training data has one) and a confidence threshold learnt on a held-out slice of the training data, or, when that
 * slice would hold fewer than {@value #CROSS_VALIDATE_BELOW} messages and the model has an out-of-scope decision,
 * on a {@value #GATE_FOLDS}-fold cross-validation of the whole training set (a few held-out out-of-scope examples
 * decide a threshold by chance).
 *
 * <p>With embeddings the model is a <b>cascade</b>: a lexical-only softmax (the {@link Profile#LEXICAL}
 * model, tens of microseconds) answers when its calibrated confidence reaches {@link #cascadeGate()}; only the
 * other messages are embedded (milliseconds) and classified by the full model. The gate is learnt on the
 * training hold-out: the lowest confidence at which the cascade's held-out score, and its score at every
 * higher gate, stays within {@value #CASCADE_TOLERANCE} of the full model's (docs/nlu.md). When that hold-out
 * would be small (under {@value #CROSS_VALIDATE_BELOW} messages), the scores come from a
 * {@value #GATE_FOLDS}-fold cross-validation of the whole training set instead. Without a hold-out (tiny
 * training sets) the cascade is off until {@link #withCascadeGate} sets a gate.
 *
 * <p>Immutable and thread-safe. Build one with {@link #train}, {@link #load} or {@link #bundled}.
 */
public final class IntentModel implements IntentClassifier {

    /** Classpath location of the bundled bilingual e-commerce intent set. */
    public static final String BUNDLED_INTENTS = "/nlu/intents.yaml";

    private static final int MAGIC = 0x434E4C55; // "CNLU"
    private static final int FORMAT_VERSION = 3;
    private static final int RANKED = 5;
    private static final double HOLDOUT_FRACTION = 0.15;
    /** Threshold used when the data is too small to hold out a calibration slice. */
    static final double FALLBACK_THRESHOLD = 0.30;
    /** Weight of the (unit-length) embedding relative to the (unit-length) lexical vector. */
    private static final float EMBEDDING_SCALE = 2.0f;
    /** Epochs of the cascade's lexical stage (the {@link Profile#LEXICAL} default). */
    private static final int LEXICAL_STAGE_EPOCHS = 20;
    /**
     * How much held-out score (accuracy; 2 × in-scope accuracy + oos recall in open-set) the cascade may give
     * up against the full model when its gate is chosen.
     */
    static final double CASCADE_TOLERANCE = 0.005;
    /**
     * Below this many held-out examples one slice is too small to choose the gate on (with a tolerance of
     * {@value #CASCADE_TOLERANCE}, a single example changes the decision) or an open set's threshold, so they are
     * chosen on a {@value #GATE_FOLDS}-fold cross-validation of the whole training set instead.
     */
    static final int CROSS_VALIDATE_BELOW = 1000;
    static final int GATE_FOLDS = 5;
    /** A gate of 1 sends every message to the full model. */
    public static final double CASCADE_OFF = 1.0;

    private final Profile profile;
    private final String[] labels;
    private final String oosLabel;
    private final int oosIndex;
    private final boolean openSet;
    private final double temperature;
    private final double threshold;
    private final FeatureSpace space;
    private final float[] weights;
    private final float[] bias;
    /** Null for lexical profiles. */
    private final SentenceEncoder encoder;
    /** The cascade's lexical-only first stage; null for lexical profiles (and models without one). */
    private final LexicalStage lexicalStage;
    private final LanguageDetector languageDetector = new LanguageDetector();

    /**
     * Lexical-only weights over the same feature space, with their own calibration; it answers a message when
     * its calibrated confidence is at least {@code gate}.
     */
    private record LexicalStage(float[] weights, float[] bias, double temperature, double gate) {
        LexicalStage withGate(double newGate) {
            return new LexicalStage(weights, bias, temperature, newGate);
        }
    }

    private IntentModel(Profile profile, String[] labels, String oosLabel, boolean openSet, double temperature,
                        double threshold, FeatureSpace space, float[] weights, float[] bias, SentenceEncoder encoder,
                        LexicalStage lexicalStage) {
        this.profile = profile;
        this.labels = labels;
        this.oosLabel = oosLabel;
        this.oosIndex = Arrays.asList(labels).indexOf(oosLabel);
        this.openSet = openSet;
        this.temperature = temperature;
        this.threshold = threshold;
        this.space = space;
        this.weights = weights;
        this.bias = bias;
        this.encoder = encoder;
        this.lexicalStage = lexicalStage;
    }

    /**
     * Trains on the bundled bilingual e-commerce intent set ({@value #BUNDLED_INTENTS}): well under a second
     * for the lexical profiles; {@link Profile#DEFAULT} also loads the sentence encoder (a few seconds).
     */
    public static IntentModel bundled(Profile profile) {
        return bundled(profile, profile.usesEmbeddings() ? BilingualEncoder.createDefault() : null);
    }

    /** As {@link #bundled(Profile)}, with a sentence encoder the caller shares (ignored by lexical profiles). */
    public static IntentModel bundled(Profile profile, SentenceEncoder encoder) {
        List<TrainingExample> data = TrainingData.readResource(BUNDLED_INTENTS, TrainingDataFormat.YAML);
        return train(data, TrainingOptions.defaults(profile).withEpochs(30), encoder, message -> { });
    }

    public static IntentModel train(List<TrainingExample> examples, TrainingOptions options) {
        return train(examples, options, message -> { });
    }

    /** Trains; {@link Profile#DEFAULT} creates the {@link BilingualEncoder#createDefault() default encoder}. */
    public static IntentModel train(List<TrainingExample> examples, TrainingOptions options, Consumer<String> progress) {
        SentenceEncoder encoder = options.profile().usesEmbeddings() ? BilingualEncoder.createDefault() : null;
        return train(examples, options, encoder, progress);
    }

    /**
     * Trains a model. With enough data (at least 4 examples in some intent), a stratified 15 % slice is held
     * out first to fit the softmax temperature and the out-of-scope threshold, then the final model is
     * trained on everything. With embeddings, a lexical-only stage is trained and calibrated the same way and
     * the cascade gate is chosen on the hold-out, or on a cross-validation when the hold-out is small. The
     * independent fits run on up to two threads.
     *
     * @param encoder  sentence encoder for profiles that use embeddings (required then, ignored otherwise)
     * @param progress receives human-readable progress lines (training can take tens of seconds)
     */
    public static IntentModel train(List<TrainingExample> examples, TrainingOptions options, SentenceEncoder encoder,
                                    Consumer<String> progress) {
        if (!options.profile().usesEmbeddings()) {
            encoder = null;
        } else if (encoder == null) {
            throw new IllegalArgumentException("profile " + options.profile().label() + " needs a sentence encoder");
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        String[] labels = new TreeSet<>(examples.stream().map(TrainingExample::intent).toList()).toArray(String[]::new);
        if (labels.length < 2) {
            throw new IllegalArgumentException("need at least two intents, got " + Arrays.toString(labels));
        }
        boolean hasOos = Arrays.asList(labels).contains(options.oosLabel());
        boolean openSet = options.openSet() || hasOos;

        SentenceEncoder cached = null;
        if (encoder != null) {
            progress.accept("embedding " + examples.size() + " examples with " + encoder.name());
            cached = CachingEncoder.of(encoder, examples.stream().map(TrainingExample::text).distinct().toList(),
                    progress);
        }
        List<TrainingExample>[] split = holdOut(examples, options.seed());
        boolean calibrate = !split[1].isEmpty();
        boolean cascade = cached != null;
        // A small hold-out is a noisy judge (the bundled intents hold out 8 out-of-scope examples): the cascade's
        // gate, and an open set's temperature and out-of-scope threshold, are then chosen on a cross-validation of
        // the whole training set instead, where every example is held out once.
        boolean smallHoldOut = calibrate && split[1].size() < CROSS_VALIDATE_BELOW;
        boolean crossValidateGate = cascade && smallHoldOut;
        boolean crossValidateCalibration = openSet && smallHoldOut;
        boolean singleProbe = calibrate && !crossValidateCalibration;
        boolean lexicalProbe = cascade && calibrate && !crossValidateGate;
        FeatureSpace space = space(options.profile(), examples);
        FeatureSpace probeSpace = singleProbe ? space(options.profile(), split[0]) : null;
        if (singleProbe) {
            progress.accept("calibration: training on " + split[0].size() + ", holding out " + split[1].size());
        }
        progress.accept("training on all " + examples.size() + " examples"
                + (cascade ? " (full model and lexical stage)" : ""));
        TrainingOptions lexicalOptions = options.withEpochs(LEXICAL_STAGE_EPOCHS);
        final SentenceEncoder embeddings = cached;
        List<Callable<SoftmaxTrainer.Weights>> jobs = new ArrayList<>();
        jobs.add(() -> fit(examples, space, labels, options, embeddings, progress));
        if (singleProbe) {
            jobs.add(() -> fit(split[0], probeSpace, labels, options, embeddings, progress));
        }
        if (cascade) {
            jobs.add(() -> fit(examples, space, labels, lexicalOptions, null, progress));
        }
        if (lexicalProbe) {
            jobs.add(() -> fit(split[0], probeSpace, labels, lexicalOptions, null, progress));
        }
        List<SoftmaxTrainer.Weights> fitted = runAll(jobs);
        int next = 0;
        SoftmaxTrainer.Weights full = fitted.get(next++);
        SoftmaxTrainer.Weights probeWeights = singleProbe ? fitted.get(next++) : null;
        SoftmaxTrainer.Weights lexical = cascade ? fitted.get(next++) : null;
        SoftmaxTrainer.Weights lexicalProbeWeights = lexicalProbe ? fitted.get(next) : null;

        double temperature = 1.0;
        double threshold = openSet ? FALLBACK_THRESHOLD : 0.0;
        double lexicalTemperature = 1.0;
        double gate = CASCADE_OFF;
        if (calibrate) {
            List<Calibration.Fold> crossValidation = crossValidateGate || crossValidateCalibration
                    ? foldProbes(examples, options, cascade ? lexicalOptions : null, labels, openSet, cached, progress)
                    : List.of();
            IntentModel probe = singleProbe ? new IntentModel(options.profile(), labels, options.oosLabel(), openSet,
                    1.0, 0.0, probeSpace, probeWeights.w(), probeWeights.bias(), cached, null) : null;
            Calibration cal = crossValidateCalibration
                    ? Calibration.fit(crossValidation, options.oosLabel(), openSet)
                    : Calibration.fit(List.of(new Calibration.Fold(null, probe, split[1])), options.oosLabel(), openSet);
            temperature = cal.temperature();
            if (openSet) {
                threshold = cal.threshold();
            }
            progress.accept(String.format(java.util.Locale.ROOT,
                    "calibration (%s): temperature %.3f, threshold %.3f",
                    crossValidateCalibration ? "cross-validated" : "held-out", temperature, threshold));
            if (cascade) {
                double t = temperature;
                double th = threshold;
                List<Calibration.Fold> folds = crossValidateGate
                        ? crossValidation.stream().map(f -> new Calibration.Fold(f.lexical(),
                                f.full().withTemperatureAndThreshold(t, th), f.heldOut())).toList()
                        : List.of(new Calibration.Fold(new IntentModel(options.profile(), labels, options.oosLabel(),
                                openSet, 1.0, 0.0, probeSpace, lexicalProbeWeights.w(), lexicalProbeWeights.bias(),
                                null, null), probe.withTemperatureAndThreshold(t, th), split[1]));
                Calibration.Gate g = Calibration.fitGate(folds, CASCADE_TOLERANCE);
                lexicalTemperature = g.temperature();
                gate = g.gate();
                progress.accept(String.format(java.util.Locale.ROOT,
                        "cascade: lexical temperature %.3f, gate %.2f: %.0f%% of the %s messages answered"
                                + " lexically, score %.4f (full model %.4f)", lexicalTemperature, gate,
                        100 * g.lexicalShare(), folds.size() > 1 ? "cross-validated" : "held-out", g.score(),
                        g.fullScore()));
            }
        }
        LexicalStage stage = cascade ? new LexicalStage(lexical.w(), lexical.bias(), lexicalTemperature, gate) : null;
        // the final model embeds with the encoder itself, not with the training-time cache
        return new IntentModel(options.profile(), labels, options.oosLabel(), openSet, temperature, threshold, space,
                full.w(), full.bias(), encoder, stage);
    }

    /**
     * The probes of a {@value #GATE_FOLDS}-fold cross-validation (stratified per intent): every training example is
     * held out once, classified by a full probe (uncalibrated: temperature 1, no threshold) and, with
     * {@code lexicalOptions}, a lexical probe trained on the other folds.
     */
    private static List<Calibration.Fold> foldProbes(List<TrainingExample> examples, TrainingOptions options,
            TrainingOptions lexicalOptions, String[] labels, boolean openSet, SentenceEncoder embeddings,
            Consumer<String> progress) {
        List<List<TrainingExample>> parts = stratifiedFolds(examples, GATE_FOLDS, options.seed());
        progress.accept(GATE_FOLDS + "-fold cross-validation of the calibration"
                + (lexicalOptions != null ? " and the cascade's gate" : ""));
        List<FeatureSpace> spaces = new ArrayList<>();
        List<Callable<SoftmaxTrainer.Weights>> jobs = new ArrayList<>();
        Consumer<String> quiet = message -> { };
        for (int f = 0; f < GATE_FOLDS; f++) {
            List<TrainingExample> train = new ArrayList<>();
            for (int o = 0; o < GATE_FOLDS; o++) {
                if (o != f) {
                    train.addAll(parts.get(o));
                }
            }
            FeatureSpace foldSpace = space(options.profile(), train);
            spaces.add(foldSpace);
            jobs.add(() -> fit(train, foldSpace, labels, options, embeddings, quiet));
            if (lexicalOptions != null) {
                jobs.add(() -> fit(train, foldSpace, labels, lexicalOptions, null, quiet));
            }
        }
        List<SoftmaxTrainer.Weights> fitted = runAll(jobs);
        int perFold = lexicalOptions != null ? 2 : 1;
        List<Calibration.Fold> folds = new ArrayList<>();
        for (int f = 0; f < GATE_FOLDS; f++) {
            SoftmaxTrainer.Weights full = fitted.get(perFold * f);
            IntentModel fullProbe = new IntentModel(options.profile(), labels, options.oosLabel(), openSet, 1.0, 0.0,
                    spaces.get(f), full.w(), full.bias(), embeddings, null);
            IntentModel lexicalProbe = null;
            if (lexicalOptions != null) {
                SoftmaxTrainer.Weights lexical = fitted.get(perFold * f + 1);
                lexicalProbe = new IntentModel(options.profile(), labels, options.oosLabel(), openSet, 1.0, 0.0,
                        spaces.get(f), lexical.w(), lexical.bias(), null, null);
            }
            folds.add(new Calibration.Fold(lexicalProbe, fullProbe, parts.get(f)));
        }
        return folds;
    }

    /** {@code k} folds, each intent's examples shuffled and dealt round-robin (continuing across intents). */
    private static List<List<TrainingExample>> stratifiedFolds(List<TrainingExample> examples, int k, long seed) {
        List<List<TrainingExample>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        java.util.Random random = new java.util.Random(seed + 1);
        int next = 0;
        for (List<TrainingExample> g : shuffledByIntent(examples, random)) {
            for (TrainingExample e : g) {
                folds.get(next).add(e);
                next = (next + 1) % k;
            }
        }
        return folds;
    }

    /** Each intent's examples (intents in name order), shuffled with {@code random}. */
    private static List<List<TrainingExample>> shuffledByIntent(List<TrainingExample> examples, java.util.Random random) {
        Map<String, List<TrainingExample>> byIntent = new java.util.TreeMap<>();
        for (TrainingExample e : examples) {
            byIntent.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e);
        }
        List<List<TrainingExample>> out = new ArrayList<>();
        for (List<TrainingExample> group : byIntent.values()) {
            List<TrainingExample> g = new ArrayList<>(group);
            java.util.Collections.shuffle(g, random);
            out.add(g);
        }
        return out;
    }

    private static FeatureSpace space(Profile profile, List<TrainingExample> data) {
        int minDf = data.size() >= 5000 ? 2 : 1;
        return FeatureSpace.build(profile, data.stream().map(TrainingExample::text).toList(), minDf);
    }

    /** Runs independent training jobs on up to two threads (the machine budget of a training run). */
    private static <T> List<T> runAll(List<Callable<T>> jobs) {
        int threads = Math.max(1, Math.min(Math.min(2, jobs.size()), Runtime.getRuntime().availableProcessors()));
        if (threads == 1) {
            List<T> out = new ArrayList<>();
            for (Callable<T> job : jobs) {
                try {
                    out.add(job.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "intent-training");
            t.setDaemon(true);
            return t;
        });
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static SoftmaxTrainer.Weights fit(List<TrainingExample> data, FeatureSpace space, String[] labels,
                                              TrainingOptions options, SentenceEncoder encoder,
                                              Consumer<String> progress) {
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            labelIndex.put(labels[i], i);
        }
        FeatureSpace.Vector[] x = new FeatureSpace.Vector[data.size()];
        int[] y = new int[data.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorize(space, encoder, data.get(i).text());
            y[i] = labelIndex.get(data.get(i).intent());
        }
        int features = space.size() + (encoder == null ? 0 : encoder.dimension());
        String what = data.size() + " examples, " + features + " features" + (encoder == null ? "" : " (embedded)");
        progress.accept("fitting " + what + ", " + labels.length + " intents");
        return SoftmaxTrainer.train(x, y, features, labels.length, options.epochs(), options.l2(),
                options.classBalance(), options.seed(),
                (done, total) -> {
                    if (done == total) {
                        progress.accept("fitted " + what + " in " + total + " epochs");
                    }
                });
    }

    /** Lexical features, followed by the sentence embedding when the profile uses one. */
    private static FeatureSpace.Vector vectorize(FeatureSpace space, SentenceEncoder encoder, String text) {
        FeatureSpace.Vector v = space.vectorize(text);
        return encoder == null ? v : FeatureSpace.append(v, encoder.encode(text), space.size(), EMBEDDING_SCALE);
    }

    @SuppressWarnings("unchecked")
    private static List<TrainingExample>[] holdOut(List<TrainingExample> examples, long seed) {
        List<TrainingExample> train = new ArrayList<>();
        List<TrainingExample> held = new ArrayList<>();
        for (List<TrainingExample> g : shuffledByIntent(examples, new java.util.Random(seed))) {
            int h = g.size() >= 4 ? (int) Math.max(1, Math.round(g.size() * HOLDOUT_FRACTION)) : 0;
            held.addAll(g.subList(0, h));
            train.addAll(g.subList(h, g.size()));
        }
        if (held.size() < 10) {
            return new List[] {examples, List.of()};
        }
        return new List[] {train, held};
    }

    @Override
    public IntentPrediction classify(String text) {
        String language = languageDetector.detect(text);
        if (text == null || text.isBlank()) {
            return new IntentPrediction(oosLabel, 0.0, true, language, List.of());
        }
        FeatureSpace.Vector v = space.vectorize(text);
        if (cascading()) {
            double[] p = lexicalProbabilities(v);
            if (lexicalAnswers(p, v)) {
                return prediction(p, v, language);
            }
        }
        if (encoder != null) {
            v = FeatureSpace.append(v, encoder.encode(text), space.size(), EMBEDDING_SCALE);
        }
        return prediction(probabilities(v), v, language);
    }

    /**
     * Whether {@link #classify} computes a sentence embedding for this text (false when the cascade's lexical
     * stage answers, and always false for lexical profiles). For measuring the cascade; classify does not call it.
     */
    public boolean embeds(String text) {
        if (encoder == null) {
            return false;
        }
        if (text == null || text.isBlank() || !cascading()) {
            return text != null && !text.isBlank();
        }
        FeatureSpace.Vector v = space.vectorize(text);
        return !lexicalAnswers(lexicalProbabilities(v), v);
    }

    private boolean cascading() {
        return lexicalStage != null && lexicalStage.gate() < CASCADE_OFF;
    }

    /** The lexical stage answers when confident; a message with no known word is out of scope whatever its embedding. */
    private boolean lexicalAnswers(double[] lexicalProbabilities, FeatureSpace.Vector v) {
        return lexicalProbabilities[argmax(lexicalProbabilities)] >= lexicalStage.gate() || (openSet && v.anchors() == 0);
    }

    private IntentPrediction prediction(double[] p, FeatureSpace.Vector v, String language) {
        Integer[] order = topIndices(p);
        List<ScoredIntent> ranked = new ArrayList<>(order.length);
        for (Integer c : order) {
            ranked.add(new ScoredIntent(labels[c], clamp(p[c])));
        }
        int best = order[0];
        double confidence = clamp(p[best]);
        boolean unknown = v.anchors() == 0;
        boolean oos = best == oosIndex || (openSet && (confidence < threshold || unknown));
        String intent = oos ? oosLabel : labels[best];
        return new IntentPrediction(intent, confidence, oos, language, ranked);
    }

    /** Calibrated class probabilities, in {@link #labels()} order. */
    private double[] probabilities(FeatureSpace.Vector v) {
        double[] s = new double[labels.length];
        SoftmaxTrainer.scores(v, weights, bias, labels.length, s);
        SoftmaxTrainer.softmaxInPlace(s, temperature);
        return s;
    }

    /** The lexical stage's calibrated probabilities for a lexical-only vector. */
    private double[] lexicalProbabilities(FeatureSpace.Vector v) {
        double[] s = new double[labels.length];
        SoftmaxTrainer.scores(v, lexicalStage.weights(), lexicalStage.bias(), labels.length, s);
        SoftmaxTrainer.softmaxInPlace(s, lexicalStage.temperature());
        return s;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Whether the lexical-only vector of this text has at least one known word or character pair. */
    boolean hasKnownWord(String text) {
        return space.vectorize(text).anchors() > 0;
    }

    /** Raw scores (logits) before calibration, for fitting the temperature. */
    double[] logits(String text) {
        FeatureSpace.Vector v = vectorize(space, encoder, text);
        double[] s = new double[labels.length];
        SoftmaxTrainer.scores(v, weights, bias, labels.length, s);
        return s;
    }

    private Integer[] topIndices(double[] p) {
        int k = Math.min(RANKED, p.length);
        Integer[] top = new Integer[k];
        boolean[] used = new boolean[p.length];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int c = 0; c < p.length; c++) {
                if (!used[c] && (best < 0 || p[c] > p[best])) {
                    best = c;
                }
            }
            used[best] = true;
            top[r] = best;
        }
        return top;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0.0 : Math.max(0.0, Math.min(1.0, v));
    }

    /** The same model with another out-of-scope threshold on the calibrated confidence (0 disables it). */
    public IntentModel withThreshold(double newThreshold) {
        if (!(newThreshold >= 0 && newThreshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0,1), got " + newThreshold);
        }
        return new IntentModel(profile, labels, oosLabel, openSet, temperature, newThreshold, space, weights, bias,
                encoder, lexicalStage);
    }

    /**
     * The same model with another cascade gate: messages whose lexical-stage confidence is at least the gate are
     * answered without an embedding. {@link #CASCADE_OFF} (1.0) embeds every message; 0 embeds none. Only for
     * models with a lexical stage ({@link Profile#DEFAULT} trained by this version).
     */
    public IntentModel withCascadeGate(double gate) {
        if (lexicalStage == null) {
            throw new IllegalStateException("this model has no cascade (profile " + profile.label() + ")");
        }
        if (!(gate >= 0 && gate <= 1)) {
            throw new IllegalArgumentException("cascade gate must be in [0,1], got " + gate);
        }
        return new IntentModel(profile, labels, oosLabel, openSet, temperature, threshold, space, weights, bias,
                encoder, lexicalStage.withGate(gate));
    }

    /** The cascade gate, or {@link Double#NaN} when the model has no cascade (lexical profiles). */
    public double cascadeGate() {
        return lexicalStage == null ? Double.NaN : lexicalStage.gate();
    }

    /** A copy with the given calibration (for choosing the cascade gate on held-out data). */
    IntentModel withTemperatureAndThreshold(double newTemperature, double newThreshold) {
        return new IntentModel(profile, labels, oosLabel, openSet, newTemperature, newThreshold, space, weights, bias,
                encoder, lexicalStage);
    }

    /** The same model without the threshold and unknown-word rejection (an oos class, if trained, can still win). */
    public IntentModel closedSet() {
        return new IntentModel(profile, labels, oosLabel, false, temperature, 0.0, space, weights, bias, encoder,
                lexicalStage);
    }

    public List<String> labels() {
        return List.of(labels);
    }

    public Profile profile() {
        return profile;
    }

    public double threshold() {
        return threshold;
    }

    public double temperature() {
        return temperature;
    }

    public String oosLabel() {
        return oosLabel;
    }

    public boolean openSet() {
        return openSet;
    }

    public int featureCount() {
        return space.size() + (encoder == null ? 0 : encoder.dimension());
    }

    // ---- persistence -------------------------------------------------------------------------------

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            save(out);
        }
    }

    /** Writes the model (gzip-compressed binary, versioned); does not close the stream. */
    public void save(OutputStream stream) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(stream, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(profile.name());
        out.writeUTF(oosLabel);
        out.writeBoolean(openSet);
        out.writeDouble(temperature);
        out.writeDouble(threshold);
        out.writeUTF(encoder == null ? "" : encoder.name());
        out.writeInt(encoder == null ? 0 : encoder.dimension());
        out.writeInt(labels.length);
        for (String l : labels) {
            out.writeUTF(l);
        }
        String[] names = space.names();
        float[] idf = space.idf();
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            out.writeUTF(names[i]);
            out.writeFloat(idf[i]);
        }
        for (float b : bias) {
            out.writeFloat(b);
        }
        for (float w : weights) {
            out.writeFloat(w);
        }
        out.writeBoolean(lexicalStage != null);
        if (lexicalStage != null) {
            out.writeDouble(lexicalStage.temperature());
            out.writeDouble(lexicalStage.gate());
            for (float b : lexicalStage.bias()) {
                out.writeFloat(b);
            }
            for (float w : lexicalStage.weights()) {
                out.writeFloat(w);
            }
        }
        out.flush();
        gz.finish();
    }

    /** Loads a model file; a model trained with embeddings creates its sentence encoder. */
    public static IntentModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    public static IntentModel load(Path file, SentenceEncoder encoder) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, encoder);
        }
    }

    public static IntentModel load(InputStream stream) throws IOException {
        return load(stream, null);
    }

    /**
     * @param encoder the sentence encoder to use if the model needs one (must have the same name and
     *                dimension as at training time); null: create the default encoder if needed
     */
    public static IntentModel load(InputStream stream, SentenceEncoder encoder) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(stream), 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Concierge intent model");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION && version != 2) { // format 2: no cascade stage
            throw new IOException("unsupported intent model format version " + version);
        }
        Profile profile = Profile.valueOf(in.readUTF());
        String oosLabel = in.readUTF();
        boolean openSet = in.readBoolean();
        double temperature = in.readDouble();
        double threshold = in.readDouble();
        String encoderName = in.readUTF();
        int dimension = in.readInt();
        if (encoderName.isEmpty()) {
            encoder = null;
        } else {
            if (encoder == null && encoderName.equals(BilingualEncoder.DEFAULT_NAME)) {
                encoder = BilingualEncoder.createDefault();
            } else if (encoder == null && encoderName.equals(BgeSmallEnEncoder.NAME)) {
                encoder = new BgeSmallEnEncoder();
            }
            String chineseName = encoderName.substring(encoderName.indexOf('+') + 1);
            if (encoderName.contains("+") && BgeSmallZhEncoder.FORMER_NAMES.contains(chineseName)) {
                throw new IOException("the model was trained with sentence encoder " + encoderName + ", whose Chinese"
                        + " model (" + chineseName + ") is no longer shipped: train it again (nlu-train)");
            }
            if (encoder == null || !encoder.name().equals(encoderName) || encoder.dimension() != dimension) {
                throw new IOException("the model needs sentence encoder " + encoderName + " (" + dimension + " dims)");
            }
        }
        String[] labels = new String[in.readInt()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = in.readUTF();
        }
        int n = in.readInt();
        String[] names = new String[n];
        float[] idf = new float[n];
        for (int i = 0; i < n; i++) {
            names[i] = in.readUTF();
            idf[i] = in.readFloat();
        }
        float[] bias = new float[labels.length];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = in.readFloat();
        }
        float[] weights = new float[(n + dimension) * labels.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.readFloat();
        }
        LexicalStage stage = null;
        if (version >= 3 && in.readBoolean()) {
            double stageTemperature = in.readDouble();
            double gate = in.readDouble();
            float[] stageBias = new float[labels.length];
            for (int i = 0; i < stageBias.length; i++) {
                stageBias[i] = in.readFloat();
            }
            float[] stageWeights = new float[n * labels.length];
            for (int i = 0; i < stageWeights.length; i++) {
                stageWeights[i] = in.readFloat();
            }
            stage = new LexicalStage(stageWeights, stageBias, stageTemperature, gate);
        }
        return new IntentModel(profile, labels, oosLabel, openSet, temperature, threshold,
                new FeatureSpace(profile, names, idf), weights, bias, encoder, stage);
    }
}
