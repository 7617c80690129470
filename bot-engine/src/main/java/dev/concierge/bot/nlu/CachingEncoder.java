package dev.concierge.bot.nlu;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Training-time wrapper: embeds the training texts once (in batches), then answers from memory. */
final class CachingEncoder implements SentenceEncoder {

    private final SentenceEncoder delegate;
    private final Map<String, float[]> cache;

    private CachingEncoder(SentenceEncoder delegate, Map<String, float[]> cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    private static final int CHUNK = 1024;

    static CachingEncoder of(SentenceEncoder delegate, List<String> texts, Consumer<String> progress) {
        Map<String, float[]> cache = new HashMap<>(texts.size() * 2);
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += CHUNK) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + CHUNK));
            List<float[]> vectors = delegate.encodeAll(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                cache.put(chunk.get(i), vectors.get(i));
            }
            if (texts.size() > CHUNK) {
                int done = from + chunk.size();
                progress.accept(String.format(Locale.ROOT, "embedded %d/%d (%.0f/s)", done, texts.size(),
                        done / ((System.nanoTime() - start) / 1e9)));
            }
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
