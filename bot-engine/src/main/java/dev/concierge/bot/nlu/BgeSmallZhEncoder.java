package dev.concierge.bot.nlu;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/** BAAI bge-small-zh-v1.5 (quantised ONNX, 512 dimensions, Chinese), in-process. */
public final class BgeSmallZhEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-zh-v15-q";

    public BgeSmallZhEncoder() {
        super(NAME, 512, new BgeSmallZhV15QuantizedEmbeddingModel());
    }
}
