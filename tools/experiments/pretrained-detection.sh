#!/usr/bin/env bash
# Faster R-CNN R18-FPN (narrow) InfoPro K=2 on fashion-coco from a whole detector pretrained here and
# written in torchvision's names (--prefix backbone.body. --parts all), against the same run from
# scratch (docs/pretrained.md). The two InfoPro runs go side by side, one thread each.
# Usage: tools/experiments/pretrained-detection.sh OUT   (about 15 minutes on 2 cores)
set -euo pipefail
out="${1:?usage: $0 OUT}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
common=(--task detection --dataset fashion-coco --data "$out/coco" --backbone faster_rcnn_r18n_fpn
        --batch 8 --lr 0.02 --schedule cosine --warmup-steps 50 --no-nesterov)
"$here/infopro" train "${common[@]}" --method e2e --epochs 2 --out "$out/pretrain"
"$here/infopro" export "$out/pretrain/checkpoint.ckpt" --torch "$out/detector.pth" \
  --prefix backbone.body. --parts all
OMP_NUM_THREADS=1 "$here/infopro" train "${common[@]}" --method infopro-softmax --k 2 --epochs 2 \
  --pretrained "$out/detector.pth" --pretrained-parts all --out "$out/from-pretrained" &
OMP_NUM_THREADS=1 "$here/infopro" train "${common[@]}" --method infopro-softmax --k 2 --epochs 2 \
  --out "$out/from-scratch" &
wait
