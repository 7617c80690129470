package dev.concierge.bot.nlu;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * BAAI bge-small-en-v1.5 (quantised ONNX, 384 dimensions) running in-process through langchain4j and ONNX
 * Runtime; the model ships inside the langchain4j jar, nothing is downloaded. The JVM must run with
 * {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} (the tokenizer library phones home
 * otherwise). Loading takes about a second and 300-400 MB; share one instance. Thread-safe.
 */
public final class BgeSmallEnEncoder implements SentenceEncoder {

    public static final String NAME = "bge-small-en-v15-q";
    private static final int DIMENSION = 384;
    private static final int BATCH = 256;

    private final BgeSmallEnV15QuantizedEmbeddingModel model;

    public BgeSmallEnEncoder() {
        this.model = new BgeSmallEnV15QuantizedEmbeddingModel();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return DIMENSION;
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
