#!/usr/bin/env bash
# The device check's JNI route, tried on this CPU machine: compiles DJL's JNI sources from the
# bundle against Debian's libtorch 1.13 (libtorch-dev), loads it through PYTORCH_LIBRARY_PATH,
# and compares two training steps of ResNet-110 InfoPro* K=2 with the same run on DJL's prebuilt
# libtorch 2.7.1. Needs the bundle (make-bundle.sh) and root or sudo for apt-get; ~5 min on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bundle="$(cd "$here/../.." && pwd)/gpu-bundle"
[ -x "$bundle/jre/bin/java" ] || { echo "jni-here: run make-bundle.sh first" >&2; exit 1; }
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
dpkg -s libtorch-dev >/dev/null 2>&1 || $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libtorch-dev
w="$(mktemp -d)"
cp -r "$bundle/djl" "$w/djl"
native="$w/djl/engines/pytorch/pytorch-native"
cmake -S "$native" -B "$native/build" -DCMAKE_BUILD_TYPE=Release -DPT_VERSION=V1_13_X \
  -DJAVA_HOME="$bundle/jre" >"$w/cmake.log"
cmake --build "$native/build" -j "$(nproc)" >"$w/build.log"
lib="$w/libtorch"
mkdir -p "$lib"
ln -s /usr/lib/x86_64-linux-gnu/libtorch*.so* /usr/lib/x86_64-linux-gnu/libc10*.so* "$lib/"
cp "$native/build/libdjl_torch.so" "$lib/"

python3 "$bundle/cases.py" "$w/cifar-10-batches-bin" "$w/cases" >/dev/null
export OPT_OUT_TRACKING=true OMP_WAIT_POLICY=PASSIVE
m2="${M2_REPO:-$HOME/.m2/repository}/ai/djl/pytorch"
prebuilt="$m2/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar:$m2/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar"
args=(train --backbone resnet110 --dataset cifar10 --data "$w/cifar-10-batches-bin"
  --method infopro-contrast --k 2 --split "infopro*" --batch 64 --train-limit 640
  --test-limit 64 --eval-batch 64 --max-steps 2 --device cpu)
"$bundle/jre/bin/java" -Dai.djl.offline=true -cp "$bundle/lib/*:$prebuilt" \
  org.infopro.cli.InfoProCli "${args[@]}" --out "$w/prebuilt"
PYTORCH_LIBRARY_PATH="$lib" PYTORCH_VERSION=1.13.1 PYTORCH_FLAVOR=cpu \
  "$bundle/jre/bin/java" -Dai.djl.offline=true -cp "$bundle/lib/*" \
  org.infopro.cli.InfoProCli "${args[@]}" --out "$w/built"
python3 - "$w" <<'PY'
import json, sys
w = sys.argv[1]
a, b = (json.load(open(f"{w}/{r}/history.json"))["history"][0]["meanModuleLoss"] for r in ("prebuilt", "built"))
print(f"mean module losses: DJL's libtorch 2.7.1 {a}, self-built JNI on libtorch 1.13.1 {b}, "
      f"largest relative difference {max(abs(x - y) / abs(x) for x, y in zip(a, b)):.1e}")
PY
