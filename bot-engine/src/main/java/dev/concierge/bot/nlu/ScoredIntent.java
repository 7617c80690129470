package dev.concierge.bot.nlu;

import java.util.Objects;

/** One candidate intent with its calibrated probability (0..1). */
public record ScoredIntent(String intent, double confidence) {

    public ScoredIntent {
        Objects.requireNonNull(intent, "intent");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0,1], got " + confidence);
        }
    }
}
