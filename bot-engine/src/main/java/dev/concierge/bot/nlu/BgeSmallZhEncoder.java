package dev.concierge.bot.nlu;

import java.util.Set;

/**
 * BAAI bge-small-zh (v1, 512 dimensions, Chinese), in-process: the graph-fused, int8-quantised ONNX model and its
 * tokenizer under {@code encoders/} in this module's resources, derived from the fp32 export in langchain4j's
 * model jar by {@code tools/encoders/build.sh}.
 *
 * <p>Why v1 and not v1.5: in a 3-fold cross-validation on the SMP2017 training set the intent model was about
 * one point more accurate with it, at the same size and speed. Why our own quantisation: with the attention,
 * layer-norm and GELU nodes fused before quantising, a forward pass costs 15–25 % less CPU than the
 * quantised model of the langchain4j jar, and the vectors are as close to fp32 (docs/benchmarks/nlu.md).
 */
public final class BgeSmallZhEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-zh-fused-q";

    /** Chinese encoders of earlier versions, no longer shipped: bge-small-zh-v1.5, then langchain4j's quantised v1. */
    static final Set<String> FORMER_NAMES = Set.of("bge-small-zh-v15-q", "bge-small-zh-q");

    public BgeSmallZhEncoder() {
        super(NAME, 512, "encoders/bge-small-zh-fused-q.onnx", "encoders/bge-small-zh-tokenizer.json");
    }
}
