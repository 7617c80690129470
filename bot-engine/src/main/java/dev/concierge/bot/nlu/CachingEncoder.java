package dev.concierge.bot.nlu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Training-time wrapper: embeds the training texts once (in batches), then answers from memory. */
final class CachingEncoder implements SentenceEncoder {

    private final SentenceEncoder delegate;
    private final Map<String, float[]> cache;

    private CachingEncoder(SentenceEncoder delegate, Map<String, float[]> cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    static CachingEncoder of(SentenceEncoder delegate, List<String> texts) {
        List<float[]> vectors = delegate.encodeAll(texts);
        Map<String, float[]> cache = new HashMap<>(texts.size() * 2);
        for (int i = 0; i < texts.size(); i++) {
            cache.put(texts.get(i), vectors.get(i));
        }
        return new CachingEncoder(delegate, cache);
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
        float[] v = cache.get(text);
        return v != null ? v : delegate.encode(text);
    }
}
