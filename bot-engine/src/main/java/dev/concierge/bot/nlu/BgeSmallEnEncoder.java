package dev.concierge.bot.nlu;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/** BAAI bge-small-en-v1.5 (quantised ONNX, 384 dimensions), in-process. */
public final class BgeSmallEnEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-en-v15-q";

    public BgeSmallEnEncoder() {
        super(NAME, 384, new BgeSmallEnV15QuantizedEmbeddingModel());
    }
}
