package dev.concierge.bot.nlu;

import java.util.Random;

/**
 * Multinomial logistic regression over sparse vectors, trained by stochastic gradient descent with a
 * linearly decaying learning rate and weight decay on the rows an example touches.
 * Weights are row-major: feature f's scores for all classes are {@code w[f*classes .. f*classes+classes)}.
 */
final class SoftmaxTrainer {

    record Weights(float[] w, float[] bias, int classes) {
    }

    private static final double LEARNING_RATE = 0.8;

    private SoftmaxTrainer() {
    }

    /**
     * @param classBalance an example of a class with n examples weighs n<sup>-classBalance</sup>, normalised so
     *                     that the weights average 1 over the examples (0: all weigh 1)
     */
    static Weights train(FeatureSpace.Vector[] x, int[] y, int features, int classes, int epochs, double l2,
                         double classBalance, long seed, ProgressListener progress) {
        // One array per feature row while training: Java 17's JIT vectorises the per-class loops below only
        // when they index from 0 (w[c], not w[row + c]); measured 4-6x faster per row than the flat layout.
        float[][] rows = new float[features][classes];
        float[] bias = new float[classes];
        float[] p = new float[classes];
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] classWeight = classWeights(y, classes, classBalance);
        Random random = new Random(seed);
        long steps = (long) epochs * n;
        long t = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int k = 0; k < n; k++) {
                int i = order[k];
                double lr = LEARNING_RATE * Math.max(0.02, 1.0 - (double) t / steps);
                t++;
                FeatureSpace.Vector v = x[i];
                int[] idx = v.index();
                float[] val = v.value();
                System.arraycopy(bias, 0, p, 0, classes);
                for (int j = 0; j < idx.length; j++) {
                    addScaled(p, rows[idx[j]], val[j], classes);
                }
                softmaxInPlace(p);
                p[y[i]] -= 1.0f; // gradient of the log-loss w.r.t. the scores
                if (classWeight != null) {
                    scale(p, classWeight[y[i]], classes);
                }
                float decay = (float) (1.0 - lr * l2);
                for (int j = 0; j < idx.length; j++) {
                    decayAndStep(rows[idx[j]], decay, (float) (val[j] * lr), p, classes);
                }
                for (int c = 0; c < classes; c++) {
                    bias[c] -= (float) (lr * 0.1 * p[c]);
                }
            }
            progress.epochDone(epoch + 1, epochs);
        }
        float[] w = new float[features * classes];
        for (int f = 0; f < features; f++) {
            System.arraycopy(rows[f], 0, w, f * classes, classes);
        }
        return new Weights(w, bias, classes);
    }

    /** Per-class example weights, or null when every example weighs 1 (no balancing, or balanced classes). */
    static float[] classWeights(int[] y, int classes, double classBalance) {
        if (classBalance == 0 || y.length == 0) {
            return null;
        }
        int[] count = new int[classes];
        for (int label : y) {
            count[label]++;
        }
        double sum = 0;
        for (int label : y) {
            sum += Math.pow(count[label], -classBalance);
        }
        float[] weight = new float[classes];
        boolean balanced = true;
        for (int c = 0; c < classes; c++) {
            weight[c] = count[c] == 0 ? 0f : (float) (Math.pow(count[c], -classBalance) * y.length / sum);
            balanced &= count[c] == 0 || count[c] == count[y[0]];
        }
        return balanced ? null : weight;
    }

    private static void scale(float[] v, float factor, int classes) {
        for (int c = 0; c < classes; c++) {
            v[c] *= factor;
        }
    }

    /** {@code out += scale * row} (vectorised by the JIT). */
    private static void addScaled(float[] out, float[] row, float scale, int classes) {
        for (int c = 0; c < classes; c++) {
            out[c] += scale * row[c];
        }
    }

    /** {@code row = row * decay - step * gradient} (vectorised by the JIT). */
    private static void decayAndStep(float[] row, float decay, float step, float[] gradient, int classes) {
        for (int c = 0; c < classes; c++) {
            row[c] = row[c] * decay - step * gradient[c];
        }
    }

    private static void softmaxInPlace(float[] s) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < s.length; c++) {
            s[c] = (float) Math.exp(s[c] - max);
            sum += s[c];
        }
        float inv = (float) (1.0 / sum);
        for (int c = 0; c < s.length; c++) {
            s[c] *= inv;
        }
    }

    static void scores(FeatureSpace.Vector v, float[] w, float[] bias, int classes, double[] out) {
        for (int c = 0; c < classes; c++) {
            out[c] = bias[c];
        }
        int[] idx = v.index();
        float[] val = v.value();
        for (int j = 0; j < idx.length; j++) {
            int row = idx[j] * classes;
            double xv = val[j];
            for (int c = 0; c < classes; c++) {
                out[c] += xv * w[row + c];
            }
        }
    }

    /** Softmax of {@code scores / temperature}, in place. */
    static void softmaxInPlace(double[] s, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < s.length; c++) {
            s[c] = Math.exp((s[c] - max) / temperature);
            sum += s[c];
        }
        for (int c = 0; c < s.length; c++) {
            s[c] /= sum;
        }
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** Receives training progress (for the command line); must be cheap. */
    interface ProgressListener {
        ProgressListener NONE = (done, total) -> { };

        void epochDone(int done, int total);
    }
}
