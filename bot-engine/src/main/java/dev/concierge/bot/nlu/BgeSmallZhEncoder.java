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
 * quantised model of the langchain4j jar, and the vectors are as close to fp32 (docs/benchmarks/nlu.md). The
 * weights use 7 of their 8 bits: with all 8, CPUs without AVX-512 VNNI (AVX2 only) saturate in their int8 dot
 * products and the vectors move far from fp32 (mean cosine 0.83 instead of 0.996 on SMP2017 texts).
 */
public final class BgeSmallZhEncoder extends OnnxSentenceEncoder {
    public static final String NAME = "bge-small-zh-fused-q7";

    /**
     * Chinese encoders of earlier versions, no longer shipped: bge-small-zh-v1.5, langchain4j's quantised v1, then
     * our build with 8-bit weights (wrong vectors on AVX2-only CPUs).
     */
    static final Set<String> FORMER_NAMES = Set.of("bge-small-zh-v15-q", "bge-small-zh-q", "bge-small-zh-fused-q");

    public BgeSmallZhEncoder() {
        super(NAME, 512, "encoders/bge-small-zh-fused-q7.onnx", "encoders/bge-small-zh-tokenizer.json");
    }
}
