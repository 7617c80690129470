package dev.concierge.bot.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits the softmax temperature (minimum log-loss on held-out data) and the out-of-scope confidence
 * threshold of a model from its predictions on a held-out slice of the training data, or on every fold of a
 * cross-validation.
 */
record Calibration(double temperature, double threshold) {

    /** Keep at least this share of correctly classified in-scope messages when there are no oos examples. */
    private static final double IN_SCOPE_KEEP = 0.95;
    private static final double IN_SCOPE_WEIGHT = 2.0;
    /**
     * How much of the threshold's score (out of 3) a cross-validated calibration gives up for a lower threshold:
     * about half an out-of-scope example of the bundled set's 54, or eight in-scope ones.
     */
    static final double THRESHOLD_TOLERANCE = 0.01;

    /**
     * Fits the temperature and threshold on the pooled held-out examples of {@code folds}, each classified by its
     * own fold's uncalibrated full probe (one fold: a plain hold-out).
     */
    static Calibration fit(List<Fold> folds, String oosLabel, boolean openSet) {
        List<String> labels = folds.get(0).full().labels();
        int n = folds.stream().mapToInt(f -> f.heldOut().size()).sum();
        double[][] logits = new double[n][];
        int[] gold = new int[n];
        int at = 0;
        for (Fold fold : folds) {
            for (TrainingExample e : fold.heldOut()) {
                logits[at] = fold.full().logits(e.text());
                gold[at++] = labels.indexOf(e.intent());
            }
        }
        double temperature = fitTemperature(logits, gold);
        if (!openSet) {
            return new Calibration(temperature, 0.0);
        }
        int oos = labels.indexOf(oosLabel);
        // calibrated top confidence and argmax for each held-out example
        double[] conf = new double[n];
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = logits[i].clone();
            SoftmaxTrainer.softmaxInPlace(p, temperature);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            conf[i] = p[best];
            pred[i] = best;
        }
        boolean haveOos = false;
        for (int g : gold) {
            haveOos |= g == oos && oos >= 0;
        }
        // pooled folds are the small-data path (IntentModel.CROSS_VALIDATE_BELOW), where the score's peaks lie a
        // few examples apart; one large hold-out keeps the plain maximum
        double tolerance = folds.size() > 1 ? THRESHOLD_TOLERANCE : 0.0;
        double threshold = haveOos ? bestBalancedThreshold(conf, pred, gold, oos, tolerance)
                : keepQuantile(conf, pred, gold);
        return new Calibration(temperature, threshold);
    }

    /**
     * Threshold maximising 2 × in-scope accuracy + oos recall: answering a shopper's real question wrongly
     * or not at all costs more than chatting on about an unrelated one, and the dialogue policy can still
     * ask for a higher confidence.
     */
    private static double bestBalancedThreshold(double[] conf, int[] pred, int[] gold, int oos, double tolerance) {
        double[] scores = new double[91];
        double bestScore = -1;
        for (int step = 0; step <= 90; step++) {
            double t = step / 100.0;
            int inScope = 0;
            int inCorrect = 0;
            int oosTotal = 0;
            int oosCaught = 0;
            for (int i = 0; i < conf.length; i++) {
                boolean predictedOos = pred[i] == oos || conf[i] < t;
                if (gold[i] == oos) {
                    oosTotal++;
                    if (predictedOos) {
                        oosCaught++;
                    }
                } else {
                    inScope++;
                    if (!predictedOos && pred[i] == gold[i]) {
                        inCorrect++;
                    }
                }
            }
            double score = IN_SCOPE_WEIGHT * inCorrect / Math.max(1, inScope) + (double) oosCaught / Math.max(1, oosTotal);
            scores[step] = score;
            bestScore = Math.max(bestScore, score);
        }
        // The score is flat near its top, with peaks a few examples apart: the lowest threshold within
        // the tolerance of the best answers more in-scope messages and does not jump from one peak to
        // another when a few training examples change (tolerance 0: the first maximum, as the plain argmax).
        for (int step = 0; step <= 90; step++) {
            if (scores[step] >= bestScore - tolerance - 1e-9) {
                return step / 100.0;
            }
        }
        return IntentModel.FALLBACK_THRESHOLD;
    }

    /** Without oos examples: the threshold that keeps 95 % of correct in-scope predictions, within [0.1, 0.5]. */
    private static double keepQuantile(double[] conf, int[] pred, int[] gold) {
        List<Double> correct = new ArrayList<>();
        for (int i = 0; i < conf.length; i++) {
            if (pred[i] == gold[i]) {
                correct.add(conf[i]);
            }
        }
        if (correct.isEmpty()) {
            return IntentModel.FALLBACK_THRESHOLD;
        }
        double[] c = correct.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(c);
        double q = c[(int) Math.floor((1.0 - IN_SCOPE_KEEP) * (c.length - 1))];
        return Math.max(0.1, Math.min(0.5, q));
    }

    /**
     * The cascade's gate, chosen on held-out data.
     *
     * @param temperature  the lexical stage's fitted softmax temperature
     * @param gate         lexical-stage confidence from which it answers alone ({@link IntentModel#CASCADE_OFF}: never)
     * @param lexicalShare share of the held-out messages the lexical stage answers at that gate
     * @param score        the cascade's held-out score at that gate
     * @param fullScore    the full model's held-out score
     */
    record Gate(double temperature, double gate, double lexicalShare, double score, double fullScore) {
    }

    /**
     * A lexical probe (null where no cascade is trained) and a full probe trained without {@code heldOut}, and those
     * held-out examples: one slice of the training data (the calibration hold-out), or one fold of a
     * cross-validation. {@link #fit} takes uncalibrated full probes; {@link #fitGate} calibrated ones.
     */
    record Fold(IntentModel lexical, IntentModel full, List<TrainingExample> heldOut) {
    }

    /**
     * Fits the lexical stage's temperature, then chooses the lowest gate (0.50 to 0.99) at which the cascade,
     * and the cascade at every higher gate, scores at least the full model's held-out score minus
     * {@code tolerance}. Score: accuracy, where an
     * out-of-scope decision counts as its own answer; with out-of-scope examples, 2 × in-scope accuracy + oos
     * recall, as for the threshold.
     *
     * <p>The held-out examples of every fold are pooled, each classified by its own fold's probes: the lexical stage's
     * (no encoder) and the calibrated full model's.
     */
    static Gate fitGate(List<Fold> folds, double tolerance) {
        IntentModel first = folds.get(0).full();
        List<String> labels = first.labels();
        int n = folds.stream().mapToInt(f -> f.heldOut().size()).sum();
        double[][] logits = new double[n][];
        int[] gold = new int[n];
        int at = 0;
        for (Fold fold : folds) {
            for (TrainingExample e : fold.heldOut()) {
                logits[at] = fold.lexical().logits(e.text());
                gold[at++] = labels.indexOf(e.intent());
            }
        }
        double temperature = fitTemperature(logits, gold);
        int reject = -1;
        int oos = labels.indexOf(first.oosLabel());
        double[] lexicalConfidence = new double[n];
        boolean[] unknown = new boolean[n];
        int[] lexicalAnswer = new int[n];
        int[] fullAnswer = new int[n];
        int[] expected = new int[n];
        boolean haveOos = false;
        at = 0;
        for (Fold fold : folds) {
            IntentModel full = fold.full();
            IntentModel calibratedLexical = fold.lexical().withTemperatureAndThreshold(temperature, full.threshold());
            for (TrainingExample e : fold.heldOut()) {
                String text = e.text();
                IntentPrediction l = calibratedLexical.classify(text);
                IntentPrediction f = full.classify(text);
                lexicalConfidence[at] = l.confidence();
                unknown[at] = full.openSet() && !calibratedLexical.hasKnownWord(text);
                lexicalAnswer[at] = l.outOfScope() ? reject : labels.indexOf(l.intent());
                fullAnswer[at] = f.outOfScope() ? reject : labels.indexOf(f.intent());
                expected[at] = full.openSet() && gold[at] == oos ? reject : gold[at];
                haveOos |= expected[at] == reject;
                at++;
            }
        }
        double fullScore = cascadeScore(fullAnswer, expected, haveOos);
        // from the top down: the gate is the lowest value such that it and every gate above it keep the
        // cascade within the tolerance (a single lucky low gate on a small hold-out does not count)
        Gate chosen = new Gate(temperature, IntentModel.CASCADE_OFF, 0.0, fullScore, fullScore);
        for (int step = 99; step >= 50; step--) {
            double gate = step / 100.0;
            int[] cascade = new int[n];
            int lexicalCount = 0;
            for (int i = 0; i < n; i++) {
                boolean lexicalAnswers = lexicalConfidence[i] >= gate || unknown[i];
                cascade[i] = lexicalAnswers ? lexicalAnswer[i] : fullAnswer[i];
                lexicalCount += lexicalAnswers ? 1 : 0;
            }
            double score = cascadeScore(cascade, expected, haveOos);
            if (score < fullScore - tolerance) {
                break;
            }
            chosen = new Gate(temperature, gate, (double) lexicalCount / n, score, fullScore);
        }
        return chosen;
    }

    /** Accuracy, or with out-of-scope examples ({@code -1} = rejected) 2 × in-scope accuracy + oos recall. */
    private static double cascadeScore(int[] answer, int[] expected, boolean haveOos) {
        int inScope = 0;
        int inCorrect = 0;
        int oosTotal = 0;
        int oosCaught = 0;
        for (int i = 0; i < answer.length; i++) {
            if (expected[i] < 0) {
                oosTotal++;
                oosCaught += answer[i] < 0 ? 1 : 0;
            } else {
                inScope++;
                inCorrect += answer[i] == expected[i] ? 1 : 0;
            }
        }
        if (!haveOos) {
            return (double) inCorrect / Math.max(1, answer.length);
        }
        return IN_SCOPE_WEIGHT * inCorrect / Math.max(1, inScope) + (double) oosCaught / Math.max(1, oosTotal);
    }

    /** Golden-section search of the temperature minimising the negative log-likelihood. */
    static double fitTemperature(double[][] logits, int[] gold) {
        double lo = Math.log(0.05);
        double hi = Math.log(20.0);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = nll(logits, gold, Math.exp(a));
        double fb = nll(logits, gold, Math.exp(b));
        for (int it = 0; it < 40; it++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = nll(logits, gold, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = nll(logits, gold, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    private static double nll(double[][] logits, int[] gold, double t) {
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            if (gold[i] < 0) {
                continue;
            }
            double[] p = logits[i].clone();
            SoftmaxTrainer.softmaxInPlace(p, t);
            sum -= Math.log(Math.max(1e-12, p[gold[i]]));
        }
        return sum;
    }
}
