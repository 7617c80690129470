package dev.concierge.bot.nlu;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * BAAI bge-small-zh-v1.5 (quantised ONNX, 512 dimensions, Chinese) running in-process through langchain4j and ONNX
 * Runtime; the model ships inside the langchain4j jar, nothing is downloaded. The JVM must run with
 * {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} (the tokenizer library phones home
 * otherwise). Loading takes about a second and 300-400 MB; share one instance. Thread-safe.
 */
public final class BgeSmallZhEncoder implements SentenceEncoder {

    public static final String NAME = "bge-small-zh-v15-q";
    private static final int DIMENSION = 512;
    private static final int BATCH = 256;

    private final BgeSmallZhV15QuantizedEmbeddingModel model;

    public BgeSmallZhEncoder() {
        this.model = new BgeSmallZhV15QuantizedEmbeddingModel();
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
