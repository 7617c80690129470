package dev.concierge.bot.nlu;

import java.util.List;
import java.util.Objects;

/**
 * What the classifier made of one message.
 *
 * @param intent     the predicted intent; the model's out-of-scope label (normally {@code "oos"}) when
 *                   {@code outOfScope} is true
 * @param confidence calibrated probability of the best-ranked intent, {@code ranked.get(0)} (0..1); the
 *                   dialogue policy may apply its own, stricter threshold to it
 * @param outOfScope true when the message is outside what the bot handles: the out-of-scope class won,
 *                   the confidence fell below the model's threshold, or no known word was recognised
 * @param language   "zh" or "en", detected per message
 * @param ranked     up to five candidates, best first (may include the out-of-scope class)
 */
public record IntentPrediction(String intent, double confidence, boolean outOfScope, String language,
                               List<ScoredIntent> ranked) {

    public IntentPrediction {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(language, "language");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0,1], got " + confidence);
        }
        ranked = List.copyOf(ranked);
    }
}
