package dev.concierge.bot.nlu;

import java.util.Locale;

/** The file formats {@link TrainingData} reads. */
public enum TrainingDataFormat {
    /** JSON Lines: one {@code {"text": "...", "intent": "..."}} object per line. */
    JSONL,
    /** Concierge intent file: {@code intents: [{name, examples: {zh: [...], en: [...]}}]}, see docs/nlu.md. */
    YAML,
    /** Rasa NLU training data: {@code nlu: [{intent: x, examples: "- a\n- b"}]}. */
    RASA;

    public static TrainingDataFormat parse(String name) {
        for (TrainingDataFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected jsonl, yaml or rasa)");
    }

    /** Guesses from the file name: {@code .jsonl}/{@code .json} → JSONL, otherwise YAML (Rasa files are detected by content). */
    public static TrainingDataFormat guess(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        return f.endsWith(".jsonl") || f.endsWith(".json") ? JSONL : YAML;
    }
}
