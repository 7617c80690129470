"""Fuses a BERT encoder's ONNX graph and quantises its weights to int8: fuse_and_quantize.py IN HEADS HIDDEN OUT.

Fusion (onnxruntime.transformers) turns each layer's ~30 small nodes into Attention, SkipLayerNormalization and
BiasGelu kernels: for shopper-length texts (10-20 tokens) the per-node overhead is a large share of a forward
pass. Dynamic quantisation then stores MatMul weights as int8, one scale per output channel (one scale per
tensor moved the vectors too far: mean cosine to the fp32 model 0.980 instead of 0.997 on SMP2017 texts for
bge-small-zh, 0.983 instead of 0.998 on CLINC150 texts for bge-small-en-v1.5). The weights use 7 bits
(reduce_range): ONNX Runtime's int8 kernels for CPUs without AVX-512 VNNI (AVX2 only) multiply the uint8 activations
by the int8 weights with pairwise sums that saturate at 16 bits, and with full 8-bit weights the vectors moved far
from fp32 on such a CPU (mean cosine 0.833, minimum 0.717 on 300 SMP2017 texts; 0.9963 / 0.9946 with 7 bits, and
0.997 with 8 bits on a VNNI CPU, which does not saturate).
"""
import sys
import tempfile

import onnx
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.transformers import optimizer

source, heads, hidden, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
fused = optimizer.optimize_model(source, model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=0)
print(source, fused.get_fused_operator_statistics(), file=sys.stderr)
with tempfile.NamedTemporaryFile(suffix=".onnx") as tmp:
    fused.save_model_to_file(tmp.name)
    quantize_dynamic(tmp.name, target, weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
