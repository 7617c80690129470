package dev.concierge.kb;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a text in a known locale to a sentence embedding, for the knowledge base's optional dense ranking.
 * The knowledge base owns this seam so that it need not know where embeddings come from; the server wires
 * in an implementation (bot-engine's in-process bge-small encoders). Implementations are thread-safe, run
 * in-process and offline, and return L2-normalised vectors.
 */
public interface TextEmbedder {

    /** Identifies the model(s), e.g. {@code bge-small-en-v15-q+bge-small-zh-q}; reported by {@code kb-eval}. */
    String modelId();

    /** Length of the vectors for this locale ({@code zh} or {@code en}), or 0 when the locale is not covered. */
    int dimension(String locale);

    /** @return {@link #dimension(String)} floats, L2-normalised; only called for a covered locale */
    float[] embed(String text, String locale);

    /** Embeds many texts of one locale (implementations may parallelise); same order as the input. */
    default List<float[]> embedAll(List<String> texts, String locale) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t, locale));
        }
        return out;
    }
}
