package dev.concierge.bot.nlu;

import java.util.Locale;

/**
 * Accuracy/throughput trade-off of the lexical model.
 *
 * <ul>
 *   <li>{@link #FAST}: word unigrams and bigrams (English), Han character unigrams and bigrams (Chinese).</li>
 *   <li>{@link #DEFAULT}: FAST plus character 2-5-grams inside English words and Han character trigrams;
 *       more robust to typos and inflection, a few times slower.</li>
 * </ul>
 */
public enum Profile {
    FAST,
    DEFAULT;

    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (expected default or fast)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
