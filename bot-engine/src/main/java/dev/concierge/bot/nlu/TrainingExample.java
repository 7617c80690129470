package dev.concierge.bot.nlu;

import java.util.Objects;

/** One labelled utterance. */
public record TrainingExample(String text, String intent) {

    public TrainingExample {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(intent, "intent");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text is blank");
        }
        if (intent.isBlank()) {
            throw new IllegalArgumentException("intent is blank");
        }
    }
}
