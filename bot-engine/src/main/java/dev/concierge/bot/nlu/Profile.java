package dev.concierge.bot.nlu;

import java.util.Locale;

/**
 * Accuracy/throughput trade-off of the intent model (measured figures: docs/benchmarks/nlu.md).
 *
 * <ul>
 *   <li>{@link #FAST}: word unigrams and bigrams (English), Han character unigrams and bigrams (Chinese).
 *       Tens of thousands of messages per second per core.</li>
 *   <li>{@link #LEXICAL}: FAST plus character 3-5-grams inside English words and Han character trigrams;
 *       more robust to typos and inflection, a few times slower, still lexical only.</li>
 *   <li>{@link #DEFAULT}: LEXICAL plus in-process sentence embeddings (bge-small-en-v1.5 for English,
 *       bge-small-zh (v1) for Chinese, chosen per message) as dense
 *       features: the most accurate, a few milliseconds per message.</li>
 * </ul>
 */
public enum Profile {
    FAST,
    LEXICAL,
    DEFAULT;

    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "' (expected default, lexical or fast)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean richLexical() {
        return this != FAST;
    }

    public boolean usesEmbeddings() {
        return this == DEFAULT;
    }
}
