#!/usr/bin/env bash
# Checks the bundle on this machine, without a GPU: builds it, then runs its Java runtime and jars
# with DJL's CPU natives from the Maven cache through the device check's two kinds of run (one
# measured case, and the one-step checkpoint/resume that the CPU-vs-CUDA comparison uses).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bundle="$repo/gpu-bundle"
"$here/make-bundle.sh" "$bundle"
m2="${M2_REPO:-$HOME/.m2/repository}/ai/djl/pytorch"
cpu="$m2/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar:$m2/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar"
export OPT_OUT_TRACKING=true OMP_WAIT_POLICY=PASSIVE
java=("$bundle/jre/bin/java" -Dai.djl.offline=true -cp "$bundle/lib/*:$cpu" org.infopro.cli.InfoProCli)
w="$(mktemp -d)"
python3 "$bundle/cases.py" "$w/cifar-10-batches-bin" "$w/cases" >/dev/null
# The K=4 case, shrunk to a CPU's size.
python3 - "$w/cases/infopro-k4.json" "$w/small.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c.update(batch=32, device="cpu", trainLimit=256, testLimit=64, evalBatch=64, maxSteps=3)
json.dump(c, open(sys.argv[2], "w"))
PY
"${java[@]}" run-case "$w/small.json" "$w/small.result.json" MEMORY
"${java[@]}" train --backbone resnet110 --dataset cifar10 --data "$w/cifar-10-batches-bin" \
  --method infopro-contrast --k 2 --split "infopro*" --batch 64 --train-limit 640 --test-limit 64 \
  --eval-batch 64 --max-steps 1 --device cpu --out "$w/agree"
"${java[@]}" train --out "$w/agree" --resume --epochs 2 --device cpu
echo "check-here: the bundle ($(du -sm "$bundle" | cut -f1) MiB) runs on the CPU; results in $w"
