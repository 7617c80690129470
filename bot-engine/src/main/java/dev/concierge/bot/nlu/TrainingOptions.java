package dev.concierge.bot.nlu;

import java.util.Objects;

/**
 * How to train an {@link IntentModel}.
 *
 * @param profile   feature set, see {@link Profile}
 * @param oosLabel  the out-of-scope intent name; examples with this label train the out-of-scope class
 * @param openSet   true: learn a confidence threshold below which a message is out of scope (always true
 *                  when the data has {@code oosLabel} examples); false: closed-set, every message gets an intent
 * @param epochs    passes of stochastic gradient descent over the data
 * @param l2        weight decay per update on the features of the example (regularisation)
 * @param classBalance how much rare intents are up-weighted: an example of an intent with n training examples
 *                  weighs n<sup>-classBalance</sup> (normalised to a mean of 1), so 0 weighs all examples alike
 *                  and 1 gives every intent the same total weight; balanced data trains the same either way
 * @param seed      shuffling seed; the same data, options and seed give the same model
 */
public record TrainingOptions(Profile profile, String oosLabel, boolean openSet, int epochs, double l2,
                              double classBalance, long seed) {

    public static final String DEFAULT_OOS_LABEL = "oos";

    public TrainingOptions {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(oosLabel, "oosLabel");
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("epochs must be in 1..1000, got " + epochs);
        }
        if (!(l2 >= 0 && l2 < 1)) {
            throw new IllegalArgumentException("l2 must be in [0,1), got " + l2);
        }
        if (!(classBalance >= 0 && classBalance <= 1)) {
            throw new IllegalArgumentException("classBalance must be in [0,1], got " + classBalance);
        }
    }

    /**
     * Open-set training with the given profile, label {@code oos}, default hyper-parameters (chosen on
     * CLINC150 train/val): 20 epochs for the lexical profiles, 10 with embeddings (they converge faster); class
     * balance 0.5 (chosen by cross-validation on the SMP2017 training set, whose intents have 18 to 455 examples).
     */
    public static TrainingOptions defaults(Profile profile) {
        return new TrainingOptions(profile, DEFAULT_OOS_LABEL, true, profile.usesEmbeddings() ? 10 : 20, 1e-5,
                DEFAULT_CLASS_BALANCE, 42L);
    }

    public static final double DEFAULT_CLASS_BALANCE = 0.5;

    public TrainingOptions withOpenSet(boolean open) {
        return new TrainingOptions(profile, oosLabel, open, epochs, l2, classBalance, seed);
    }

    public TrainingOptions withOosLabel(String label) {
        return new TrainingOptions(profile, label, openSet, epochs, l2, classBalance, seed);
    }

    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(profile, oosLabel, openSet, n, l2, classBalance, seed);
    }

    public TrainingOptions withL2(double value) {
        return new TrainingOptions(profile, oosLabel, openSet, epochs, value, classBalance, seed);
    }

    public TrainingOptions withClassBalance(double value) {
        return new TrainingOptions(profile, oosLabel, openSet, epochs, l2, value, seed);
    }
}
