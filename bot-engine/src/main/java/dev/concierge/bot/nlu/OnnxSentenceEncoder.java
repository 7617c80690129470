package dev.concierge.bot.nlu;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentence encoder backed by an in-process ONNX embedding model from langchain4j (the model ships inside its
 * jar; nothing is downloaded). The JVM must run with {@code -Dai.djl.offline=true} and
 * {@code OPT_OUT_TRACKING=true}: the tokenizer library phones home otherwise. Loading takes about a second and
 * 300-400 MB per model; share one instance. Thread-safe.
 */
abstract class OnnxSentenceEncoder implements SentenceEncoder {
    private static final int BATCH = 256;

    private final String name;
    private final int dimension;
    private final EmbeddingModel model;

    OnnxSentenceEncoder(String name, int dimension, EmbeddingModel model) {
        this.name = name;
        this.dimension = dimension;
        this.model = model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] encode(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream()
                    .map(TextSegment::from).toList();
            for (Embedding e : model.embedAll(batch).content()) {
                out.add(e.vector());
            }
        }
        return out;
    }
}
