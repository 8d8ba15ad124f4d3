#!/usr/bin/env bash
# Assembles the GPU check bundle (under 64 MiB) for a CUDA machine that has PyTorch, CMake and a C++
# compiler but no JDK, Maven or network: a jlink'ed Java runtime (with the JDK's include/ for
# jni.h), the project's jars and the dependencies a training run needs (no OpenCV, no CPU libtorch,
# no prebuilt JNI), DJL's JNI sources with their javac -h header, and device-check.sh.
#
#   tools/gpu-check/make-bundle.sh [BUNDLE_DIR]      (default: gpu-bundle/ in the repository)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bundle="${1:-$repo/gpu-bundle}"
djl_src="${DJL_JNI_SOURCES:-$repo/../shared/third_party/djl-0.36.0}"
[ -d "$djl_src/engines/pytorch/pytorch-native" ] || {
  echo "make-bundle: DJL 0.36.0 JNI sources not found at $djl_src (set DJL_JNI_SOURCES)" >&2; exit 1; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"

rm -rf "$bundle" && mkdir -p "$bundle/lib"
(cd "$repo" && mvn -q -B -ntp install -DskipTests -Dai.djl.offline=true)
# The command line's class path: every task module, picocli, the charts, the logging binding.
(cd "$repo/infopro-cli" && mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/gpu-deps.classpath)
cp "$repo/infopro-cli/target/"infopro-cli-*[0-9T].jar "$bundle/lib/"
tr ':' '\n' < "$repo/infopro-cli/target/gpu-deps.classpath" \
  | grep -v -e pytorch-native -e pytorch-jni -e /opencv/ \
  | while read -r jar; do cp "$jar" "$bundle/lib/"; done

# Training needs no AWT (charts are drawn by the bench report, which the checks do not write).
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,jdk.unsupported \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$bundle/jre"
cp -r "$java_home/include" "$bundle/jre/include"

# DJL's sources, unchanged, and the header the C++ includes (CMake looks in build/include).
mkdir -p "$bundle/djl"
cp -r "$djl_src/." "$bundle/djl/"
native="$bundle/djl/engines/pytorch/pytorch-native"
api_jar="$(ls "$bundle/lib/"api-0.36.0.jar)"
engine_jar="$(ls "$bundle/lib/"pytorch-engine-0.36.0.jar)"
mkdir -p "$native/build/include" "$bundle/.classes"
"$java_home/bin/javac" -h "$native/build/include" -d "$bundle/.classes" -cp "$api_jar:$engine_jar" \
  "$bundle/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
rm -rf "$bundle/.classes"

cp "$here/device-check.sh" "$here/cases.py" "$bundle/"
size=$(du -sm "$bundle" | cut -f1)
echo "bundle: $bundle, ${size} MiB"
[ "$size" -lt 64 ] || { echo "make-bundle: ${size} MiB is over the 64 MiB a device run carries" >&2; exit 1; }
