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

    static Weights train(FeatureSpace.Vector[] x, int[] y, int features, int classes, int epochs, double l2,
                         long seed, ProgressListener progress) {
        float[] w = new float[features * classes];
        float[] bias = new float[classes];
        double[] p = new double[classes];
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
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
                scores(v, w, bias, classes, p);
                softmaxInPlace(p, 1.0);
                p[y[i]] -= 1.0; // gradient of the log-loss w.r.t. the scores
                float decay = (float) (1.0 - lr * l2);
                int[] idx = v.index();
                float[] val = v.value();
                for (int j = 0; j < idx.length; j++) {
                    int row = idx[j] * classes;
                    double xv = val[j] * lr;
                    for (int c = 0; c < classes; c++) {
                        w[row + c] = (float) (w[row + c] * decay - xv * p[c]);
                    }
                }
                for (int c = 0; c < classes; c++) {
                    bias[c] -= (float) (lr * 0.1 * p[c]);
                }
            }
            progress.epochDone(epoch + 1, epochs);
        }
        return new Weights(w, bias, classes);
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
