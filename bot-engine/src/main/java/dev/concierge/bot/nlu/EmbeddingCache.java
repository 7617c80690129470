package dev.concierge.bot.nlu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence encoder that remembers the embeddings of the most recently seen texts (least recently used
 * evicted first). For serving: shoppers repeat short messages ("hi", "人工", "thanks", "where is my order") and
 * an embedding costs milliseconds. Keys are the exact texts. Not for benchmarks: a benchmark that replays its
 * test set would be served from the cache ({@code nlu-eval} never uses one). Thread-safe.
 */
public final class EmbeddingCache implements SentenceEncoder {

    private final SentenceEncoder delegate;
    private final Map<String, float[]> entries;

    /** @param capacity texts to remember (each costs about 2-4 KB with its vector) */
    public EmbeddingCache(SentenceEncoder delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.delegate = delegate;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public float[] encode(String text) {
        float[] v;
        synchronized (entries) {
            v = entries.get(text);
        }
        if (v == null) {
            v = delegate.encode(text); // outside the lock: two threads may both compute a new text, harmlessly
            synchronized (entries) {
                entries.put(text, v);
            }
        }
        return v.clone();
    }

    /**
     * Bulk work (training on examples, indexing a knowledge base's paraphrases) goes straight to the delegate's
     * batch path: those texts are not shoppers' messages, would evict the ones that are, and the delegate may
     * embed them in parallel.
     */
    @Override
    public List<float[]> encodeAll(List<String> texts) {
        return delegate.encodeAll(texts);
    }

    /** Texts currently remembered. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
