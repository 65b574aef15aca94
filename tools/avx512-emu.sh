#!/usr/bin/env bash
# tools/avx512-emu.sh [harness options] — the AVX-512 kernels checked on a CPU without AVX-512.
#
# Builds the CPU library and its harness into build-avx512-emu/ with -DMINIDL_AVX512_EMU=ON: the
# AVX-512 source (cpu_gemm_avx512.c, the AVX-512 halves of cpu_softmax.inc / cpu_elementwise.inc,
# cpu_math_avx512.h) compiled with its intrinsics emulated over AVX2 by SIMDe
# (native/tests/avx512_emu.h says how and what it does not cover), then runs the vector exp / expm1
# accuracy test (cpu_math_test) and the harness, which checks every kernel against the float64
# reference as on a real AVX-512 CPU. The timings of such a build mean nothing; only its
# correctness does.
#
# Needs: x86-64 with AVX2 + FMA, gcc, SIMDe (Debian libsimde-dev, installed here when root).
# Harness options pass through (default -q: only failures and the summary).
# Exit code: the harness's (0 = every case passed); 2 when it could not be built here.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=$ROOT/build-avx512-emu
source "$ROOT/tools/apt.sh" # log, apt_install

if ! grep -qw avx2 /proc/cpuinfo 2>/dev/null || ! grep -qw fma /proc/cpuinfo 2>/dev/null; then
    echo "avx512-emu: this CPU has no AVX2 + FMA, which the emulation runs on" >&2; exit 2
fi
apt_install libsimde-dev || true
log "configure + build minidl_cpu and minidl_harness_cpu with the AVX-512 kernels emulated ($DIR)"
mkdir -p "$DIR"
if ! CC=${CC:-gcc} cmake -S "$ROOT" -B "$DIR" -DCMAKE_BUILD_TYPE=Release -DMINIDL_CUDA=OFF -DMINIDL_AVX512_EMU=ON \
        >"$DIR/configure.log" 2>&1; then
    grep -E "Error|error" "$DIR/configure.log" | head -5; echo "avx512-emu: configure failed ($DIR/configure.log)" >&2; exit 2
fi
if ! cmake --build "$DIR" --target minidl_cpu minidl_harness_cpu minidl_cpu_math_test -j"$(nproc)" >"$DIR/build.log" 2>&1; then
    grep -E "error" "$DIR/build.log" | head -10; echo "avx512-emu: build failed ($DIR/build.log)" >&2; exit 2
fi
log "the vector exp / expm1 forms against long-double libm (cpu_math_test), AVX-512 under SIMDe"
"$DIR/native/minidl_cpu_math_test" || { echo "avx512-emu: cpu_math_test FAILED"; exit 1; }
log "harness, AVX-512 kernels under SIMDe"
[ $# -eq 0 ] && set -- -q
exec "$DIR/native/tests/minidl_harness_cpu" "$@"
