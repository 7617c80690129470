package dev.concierge.bot.sentiment;

/**
 * How the shopper sounds in one message.
 *
 * @param negativeScore probability that the shopper is upset or frustrated, 0..1
 * @param angry         strong anger (insults, threats to complain publicly, repeated exclamation)
 */
public record Sentiment(Label label, double negativeScore, boolean angry) {

    public enum Label { NEGATIVE, NEUTRAL, POSITIVE }

    public Sentiment {
        if (label == null) {
            throw new IllegalArgumentException("label is required");
        }
        if (!(negativeScore >= 0.0 && negativeScore <= 1.0)) {
            throw new IllegalArgumentException("negativeScore must be within [0, 1]");
        }
    }

    public boolean negative() {
        return label == Label.NEGATIVE;
    }

    public String wireName() {
        return label.name().toLowerCase(java.util.Locale.ROOT);
    }
}
