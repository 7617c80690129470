package dev.concierge.bot.nlu;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a sentence to a dense vector (a sentence embedding) that the intent model uses as extra features.
 * Implementations are thread-safe and run in-process (no network).
 */
public interface SentenceEncoder {

    /** Stable identifier stored in model files, e.g. {@code bge-small-en-v15-q}. */
    String name();

    int dimension();

    /** @return a vector of {@link #dimension()} floats, L2-normalised */
    float[] encode(String text);

    /** Encodes many texts (implementations may parallelise); same order as the input. */
    default List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(encode(t));
        }
        return out;
    }
}
