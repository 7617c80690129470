package dev.concierge.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingCacheTest {

    /** Records which texts were really embedded. */
    private static final class RecordingEncoder implements SentenceEncoder {
        final List<String> embedded = new ArrayList<>();
        private final HashingEncoder delegate = new HashingEncoder();

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public synchronized float[] encode(String text) {
            embedded.add(text);
            return delegate.encode(text);
        }
    }

    @Test
    void repeatedTextsAreEmbeddedOnceAndGetEqualVectors() {
        RecordingEncoder inner = new RecordingEncoder();
        EmbeddingCache cache = new EmbeddingCache(inner, 10);
        float[] first = cache.encode("hi");
        float[] second = cache.encode("hi");
        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(inner.embedded).containsExactly("hi");
        assertThat(cache.name()).isEqualTo(inner.name());
        assertThat(cache.dimension()).isEqualTo(inner.dimension());
    }

    @Test
    void theLeastRecentlyUsedTextIsForgottenFirst() {
        RecordingEncoder inner = new RecordingEncoder();
        EmbeddingCache cache = new EmbeddingCache(inner, 2);
        cache.encode("a");
        cache.encode("b");
        cache.encode("a"); // "b" is now the least recently used
        cache.encode("c");
        assertThat(cache.size()).isEqualTo(2);
        cache.encode("a");
        cache.encode("b");
        assertThat(inner.embedded).containsExactly("a", "b", "c", "b");
    }

    @Test
    void aCallerCannotCorruptTheCachedVector() {
        EmbeddingCache cache = new EmbeddingCache(new HashingEncoder(), 4);
        float[] v = cache.encode("where is my order");
        float[] copy = v.clone();
        v[0] = 42f;
        assertThat(cache.encode("where is my order")).isEqualTo(copy);
    }

    @Test
    void bulkEmbeddingGoesToTheDelegateAndLeavesTheCacheToMessages() {
        RecordingEncoder inner = new RecordingEncoder();
        EmbeddingCache cache = new EmbeddingCache(inner, 10);
        cache.encode("hi");
        List<float[]> bulk = cache.encodeAll(List.of("paraphrase one", "paraphrase two"));
        assertThat(bulk).hasSize(2);
        assertThat(bulk.get(0)).isEqualTo(new HashingEncoder().encode("paraphrase one"));
        assertThat(cache.size()).isEqualTo(1);
        cache.encode("hi");
        assertThat(inner.embedded).containsExactly("hi", "paraphrase one", "paraphrase two");
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new EmbeddingCache(new HashingEncoder(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
