#!/usr/bin/env bash
# Rebuilds the Chinese sentence encoder shipped in bot-engine/src/main/resources/encoders/ (docs/nlu.md,
# "Sentence embeddings"). Not part of the Maven build: the ONNX files are committed, so that a fresh machine with
# JDK 17 and Maven needs nothing else. Run it only to re-derive them (needs python3 with pip and network access
# to Maven Central and a Python package index).
#
# Input: the fp32 ONNX export of BAAI bge-small-zh (v1) (MIT License), as published in langchain4j's model jar
# on Maven Central, and its tokenizer file. (The English bge-small-en-v1.5 built the same way was a third faster
# but less accurate on CLINC150, so English still uses langchain4j's quantised model: docs/benchmarks/nlu.md.)
# Output: the same network with ONNX Runtime's BERT graph fusions (Attention, SkipLayerNormalization, BiasGelu,
# EmbedLayerNormalization) and dynamic int8 quantisation of the weights, per output channel.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../../bot-engine/src/main/resources/encoders"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fetch() { # groupId:artifactId:version file-in-jar
  mvn -q -B dependency:copy -Dartifact="$1" -DoutputDirectory="$WORK" >&2
  unzip -o -q "$WORK/$(echo "$1" | cut -d: -f2)-$(echo "$1" | cut -d: -f3).jar" "$2" -d "$WORK"
}
fetch dev.langchain4j:langchain4j-embeddings-bge-small-zh:0.36.2 bge-small-zh.onnx
fetch dev.langchain4j:langchain4j-embeddings-bge-small-zh-q:0.36.2 bge-small-zh-q-tokenizer.json
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" -q install onnxruntime==1.30.0 onnx==1.23.1 sympy packaging
"$WORK/venv/bin/python" "$HERE/fuse_and_quantize.py" "$WORK/bge-small-zh.onnx" 8 512 "$OUT/bge-small-zh-fused-q7.onnx"
cp "$WORK/bge-small-zh-q-tokenizer.json" "$OUT/bge-small-zh-tokenizer.json"
# compare with tools/encoders/SHA256SUMS: the build is deterministic
(cd "$OUT" && sha256sum bge-small-zh-fused-q7.onnx bge-small-zh-tokenizer.json)
