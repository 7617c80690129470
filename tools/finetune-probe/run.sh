#!/usr/bin/env bash
# Probe, not part of the build or the product: how much would fine-tuning the Chinese sentence encoder
# (bge-small-zh v1, 4 layers x 512) on SMP2017-ECDT task 1 gain, and what would it cost? docs/benchmarks/nlu.md,
# "SMP2017: fine-tuning the Chinese encoder (probe)". Needs python3 with a package index serving torch,
# transformers, onnx, onnxruntime and scikit-learn, and Maven Central for the fp32 ONNX export of bge-small-zh.
# The scripts write to and read from /tmp/ft; the dataset is read from ../shared/datasets.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p /tmp/ft/m
mvn -q -B dependency:copy -Dartifact=dev.langchain4j:langchain4j-embeddings-bge-small-zh:0.36.2 -DoutputDirectory=/tmp/ft/m
(cd /tmp/ft/m && unzip -o -q langchain4j-embeddings-bge-small-zh-0.36.2.jar bge-small-zh.onnx bge-small-zh-tokenizer.json)
[ -x /tmp/ft/venv/bin/python ] || { python3 -m venv /tmp/ft/venv && /tmp/ft/venv/bin/pip -q install torch transformers onnx onnxruntime scikit-learn numpy; }
PY=/tmp/ft/venv/bin/python
$PY "$HERE/convert_onnx_to_torch.py"              # ONNX initialisers -> /tmp/ft/bge_zh.pt (checked against ONNX Runtime)
$PY "$HERE/finetune_full.py" full 4 5e-5 0        # every layer + a linear head; val accuracy per epoch, then + char n-grams
$PY "$HERE/finetune_full.py" full 3 5e-5 1
$PY "$HERE/finetune_full.py" last 4 2e-4 0        # last layer only (the others frozen, still run every epoch)
$PY "$HERE/finetune_full.py" frozen 8 0 0         # head only
$PY "$HERE/finetune_last_layer.py" 4 2e-4 0       # last layer on cached layer-3 inputs; frozen and tuned + char n-grams
