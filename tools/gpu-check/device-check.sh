#!/usr/bin/env bash
# Runs on the CUDA machine, from the bundle that make-bundle.sh assembled: builds DJL's JNI library
# against the machine's own libtorch (the one inside its PyTorch installation), points DJL at it,
# and runs the checks, writing results to $OUT (default ./gpu-check-out):
#   1. device detection;
#   2. ResNet-110, batch 1024, 4 steps each (1 warm-up): E2E and InfoPro*-Contrast K = 2, 3, 4 and
#      asynchronous K = 4, each in its own JVM: peak GPU memory (device-wide used memory after each
#      step, above the state after the warm-up step) and ms per step;
#   3. CPU vs CUDA: the loss of one step on the same weights and batch.
set -euo pipefail
B="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-$PWD/gpu-check-out}"
W="${WORK:-/tmp/infopro-gpu}"
mkdir -p "$OUT" "$W"
exec > >(tee "$OUT/device-check.log") 2>&1

torch_dir="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')"
torch_version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
cuda="$(python3 -c 'import torch; print(torch.version.cuda or "")')"
flavor="cu${cuda//./}"
echo "libtorch $torch_version ($flavor) at $torch_dir"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true

# 1. The JNI library, compiled against this libtorch (DJL's sources, unchanged).
native="$B/djl/engines/pytorch/pytorch-native"
export JAVA_HOME="$B/jre"
cmake -S "$native" -B "$native/build" -DCMAKE_BUILD_TYPE=Release -DUSE_CUDA=1 \
  -DCMAKE_PREFIX_PATH="$torch_dir/share/cmake" -DJAVA_HOME="$JAVA_HOME" >"$OUT/cmake.log" 2>&1 \
  || { tail -40 "$OUT/cmake.log"; exit 1; }
cmake --build "$native/build" -j "$(nproc)" >"$OUT/build.log" 2>&1 || { tail -60 "$OUT/build.log"; exit 1; }

# DJL looks for libdjl_torch.so beside libtorch.so: a folder of links to this libtorch plus it.
lib="$W/libtorch"
rm -rf "$lib" && mkdir -p "$lib"
ln -s "$torch_dir"/lib/* "$lib/"
cp "$native/build/libdjl_torch.so" "$lib/"
export PYTORCH_LIBRARY_PATH="$lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$flavor"
export OPT_OUT_TRACKING=true OMP_WAIT_POLICY=PASSIVE
java=("$JAVA_HOME/bin/java" -Xmx16g -Dai.djl.offline=true -cp "$B/lib/*" org.infopro.cli.InfoProCli)

# 2. Memory and speed, one JVM per case.
cases="$(python3 "$B/cases.py" "$W/cifar-10-batches-bin" "$W/cases")"
for name in $cases; do
  echo "== $name"
  timeout 240 "${java[@]}" run-case "$W/cases/$name.json" "$OUT/$name.json" MEMORY || echo "$name failed"
done

# 3. CPU vs CUDA: one step on the CPU makes a checkpoint; step 2 then runs on each device from it.
run="$W/agree"
rm -rf "$run" && timeout 120 "${java[@]}" train --backbone resnet110 --dataset cifar10 \
  --data "$W/cifar-10-batches-bin" --method infopro-contrast --k 2 --split "infopro*" --batch 64 \
  --train-limit 640 --test-limit 64 --eval-batch 64 --max-steps 1 --device cpu --out "$run/cpu"
cp -r "$run/cpu" "$run/gpu"
for device in cpu gpu; do
  timeout 120 "${java[@]}" train --out "$run/$device" --resume --epochs 2 --device "$device"
done
python3 - "$run" "$OUT" <<'PY'
import json, sys
run, out = sys.argv[1], sys.argv[2]
loss = {d: json.load(open(f"{run}/{d}/history.json"))["history"][1]["meanModuleLoss"] for d in ("cpu", "gpu")}
rel = [abs(c - g) / max(abs(c), 1e-12) for c, g in zip(loss["cpu"], loss["gpu"])]
rows = []
for name in ("e2e", "infopro-k2", "infopro-k3", "infopro-k4", "async-k4"):
    try:
        rows.append(json.load(open(f"{out}/{name}.json")) | {"case": name})
    except OSError:
        rows.append({"case": name, "error": "no result"})
e2e = next((r for r in rows if r["case"] == "e2e" and "peak_memory_mb" in r), None)
paper = {"infopro-k2": 0.57, "infopro-k3": 0.45, "infopro-k4": 0.37}
lines = ["| case | blocks | peak MB | x E2E | paper | ms/step |", "|---|---|---|---|---|---|"]
for r in rows:
    if "error" in r:
        lines.append(f"| {r['case']} | failed | | | | |")
        continue
    ratio = r["peak_memory_mb"] / e2e["peak_memory_mb"] if e2e else float("nan")
    lines.append(f"| {r['case']} | {r['module_blocks']} | {r['peak_memory_mb']:.0f} | {ratio:.2f} | "
                 f"{paper.get(r['case'], '')} | {r['ms_per_step']:.0f} |")
lines.append("")
lines.append(f"CPU vs CUDA, step 2 from the same checkpoint: module losses cpu {loss['cpu']} gpu {loss['gpu']}, "
             f"largest relative difference {max(rel):.2e}")
open(f"{out}/summary.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
