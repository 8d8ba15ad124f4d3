#!/usr/bin/env bash
# DeepLab-V3 R18-D8 (narrow) InfoPro K=2 on fashion-scenes, from weights pretrained here and written
# in mmsegmentation's names, against the same run from scratch (docs/pretrained.md).
# Usage: tools/experiments/pretrained-finetune.sh OUT   (about 8 minutes on 2 cores)
set -euo pipefail
out="${1:?usage: $0 OUT}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
common=(--task segmentation --dataset fashion-scenes --data "$out/scenes" --backbone deeplabv3-r18-d8-narrow
        --batch 8 --lr 0.1 --schedule poly --weight-decay 5e-4 --no-nesterov --train-limit 800 --test-limit 200)
"$here/infopro" train "${common[@]}" --method e2e --epochs 6 --out "$out/pretrain"
"$here/infopro" export "$out/pretrain/checkpoint.ckpt" --torch "$out/r18n_v1c.safetensors" --prefix backbone.
"$here/infopro" train "${common[@]}" --method infopro-softmax --k 2 --epochs 4 \
  --pretrained "$out/r18n_v1c.safetensors" --out "$out/from-pretrained"
"$here/infopro" train "${common[@]}" --method infopro-softmax --k 2 --epochs 4 --out "$out/from-scratch"
