package dev.concierge.bot.nlu;

/**
 * BAAI bge-small-zh (v1, quantised ONNX, 512 dimensions, Chinese), in-process. The model and tokenizer files
 * come from the {@code langchain4j-embeddings-bge-small-zh-q} jar on the classpath.
 *
 * <p>Why v1 and not v1.5: in a 3-fold cross-validation on the SMP2017 training set the intent model was about
 * one point more accurate with it, at the same size and speed (docs/benchmarks/nlu.md).
 */
public final class BgeSmallZhEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-zh-q";

    /** The Chinese encoder of earlier versions (bge-small-zh-v1.5, quantised), no longer shipped. */
    static final String PREVIOUS_NAME = "bge-small-zh-v15-q";

    public BgeSmallZhEncoder() {
        super(NAME, 512, "bge-small-zh-q.onnx", "bge-small-zh-q-tokenizer.json");
    }
}
