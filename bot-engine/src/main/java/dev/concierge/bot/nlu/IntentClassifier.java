package dev.concierge.bot.nlu;

/**
 * Classifies one shopper message into an intent, with a calibrated confidence and an explicit
 * out-of-scope decision. Implementations are thread-safe: one instance serves all conversations.
 */
public interface IntentClassifier {

    /**
     * @param text the raw message (any script; null or blank is out of scope)
     * @return the prediction; never null
     */
    IntentPrediction classify(String text);
}
