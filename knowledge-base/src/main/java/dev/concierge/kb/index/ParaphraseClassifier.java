package dev.concierge.kb.index;

import dev.concierge.kb.entry.FaqEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A multinomial logistic regression from a query's terms (and, for English, adjacent term pairs) to entries,
 * trained on the entries' paraphrases of one locale. It learns which words discriminate between entries,
 * which BM25's idf alone cannot (a word frequent in one entry's paraphrases and rare elsewhere).
 * Immutable once trained; a write retrains a new instance.
 */
final class ParaphraseClassifier {
    private static final int EPOCHS = 12;
    /** Chosen on the CLINC150 dev split and the default KB's dev queries (0.3 / 0.6 / 1.2 / 2.0 / 3.0). */
    private static final double LEARNING_RATE = 2.0;

    private final List<String> labels;
    private final Map<String, Integer> vocabulary;
    private final float[][] weights; // [feature][label]
    private final float[] bias;

    private ParaphraseClassifier(List<String> labels, Map<String, Integer> vocabulary, float[][] weights, float[] bias) {
        this.labels = labels;
        this.vocabulary = vocabulary;
        this.weights = weights;
        this.bias = bias;
    }

    /** Null when fewer than two entries have paraphrases in the locale (nothing to discriminate). */
    static ParaphraseClassifier train(Collection<FaqEntry> entries, String lang, Featurizer featurizer) {
        List<String> labels = new ArrayList<>();
        List<int[]> examples = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        Map<String, Integer> vocabulary = new HashMap<>();
        for (FaqEntry e : entries) {
            List<String> qs = e.questions().get(lang);
            if (qs == null || qs.isEmpty()) {
                continue;
            }
            int label = labels.size();
            labels.add(e.id());
            for (String q : qs) {
                List<String> feats = featurizer.features(q);
                int[] ids = feats.stream().distinct().mapToInt(f -> vocabulary.computeIfAbsent(f, k -> vocabulary.size())).toArray();
                if (ids.length > 0) {
                    examples.add(ids);
                    targets.add(label);
                }
            }
        }
        if (labels.size() < 2) {
            return null;
        }
        int classes = labels.size();
        float[][] w = new float[vocabulary.size()][classes];
        float[] b = new float[classes];
        double[] p = new double[classes];
        Integer[] order = new Integer[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(42);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            java.util.Collections.shuffle(java.util.Arrays.asList(order), random);
            double lr = LEARNING_RATE / (1 + epoch * 0.5);
            for (int idx : order) {
                int[] x = examples.get(idx);
                double value = 1.0 / Math.sqrt(x.length);
                probabilities(x, value, w, b, p);
                int y = targets.get(idx);
                for (int c = 0; c < classes; c++) {
                    double g = p[c] - (c == y ? 1 : 0);
                    if (Math.abs(g) < 1e-4) {
                        continue;
                    }
                    float step = (float) (lr * g);
                    b[c] -= step * 0.1f;
                    for (int f : x) {
                        w[f][c] -= (float) (step * value);
                    }
                }
            }
        }
        return new ParaphraseClassifier(List.copyOf(labels), Map.copyOf(vocabulary), w, b);
    }

    /**
     * Probability per label (see {@link #label(int)}) for the query's features; null when no feature is
     * known. Repeated features count once.
     */
    double[] predict(List<String> features) {
        int[] x = new int[features.size()];
        int known = 0;
        int distinct = 0;
        Set<String> seen = new HashSet<>(features.size() * 2);
        for (String f : features) {
            if (seen.add(f)) {
                distinct++;
                Integer id = vocabulary.get(f);
                if (id != null) {
                    x[known++] = id;
                }
            }
        }
        if (known == 0) {
            return null;
        }
        double[] p = new double[labels.size()];
        probabilities(Arrays.copyOf(x, known), 1.0 / Math.sqrt(distinct), weights, bias, p);
        return p;
    }

    int labelCount() {
        return labels.size();
    }

    /** The entry id of a label number. */
    String label(int index) {
        return labels.get(index);
    }

    private static void probabilities(int[] x, double value, float[][] w, float[] b, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < p.length; c++) {
            double z = b[c];
            for (int f : x) {
                z += w[f][c] * value;
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    /** Turns text into classifier features. */
    interface Featurizer {
        List<String> features(String text);
    }
}
