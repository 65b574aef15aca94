#!/usr/bin/env bash
# GPU verification of MiniDL's CUDA build, meant for a machine with an NVIDIA GPU, nvcc and CMake but
# possibly no dotnet (the lent H200 machine). Everything it prints goes to $OUT/gpu-verify-<phases>.log too.
#
#   tools/gpu-verify.sh [CLI_DIR]
#
# CLI_DIR: a self-contained publish of the CLI (see below); when given, the C# side is exercised too:
#   dotnet publish managed/MiniDL.Cli -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o artifacts/cli-linux-x64
# PHASES: build,check,bench,cli (default: all four) — to split the run over several calls.
# FMNIST_DIR: Fashion-MNIST's four .gz files (default /usr/share/datasets/fashion-mnist); a machine without
# the Debian package needs a copy (e.g. in an untracked folder of the tree). With it, the Fashion-MNIST epoch
# is timed on the GPU by MiniDL (minidl bench) and by PyTorch's eager loop (bench/peer_pytorch.py --device cuda).
# SANITIZER_TIMEOUT: seconds each compute-sanitizer step may run (default 240; a step stopped there still
# leaves what it printed). Device time is counted in minutes, and a sanitizer's slowdown on the harness is
# not known before the first run: every step prints its wall time, to plan the next call.
# HARNESS: the CUDA harness to run (default: the one built in build-gpu). To rehearse the script on a
# machine without a GPU: HARNESS=<the emulator's harness>, and a compute-sanitizer on the PATH that runs
# its last arguments.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-$(pwd)/artifacts/gpu-verify}
mkdir -p "$OUT"
PHASES=${PHASES:-build,check,bench,cli}
LOG=$OUT/gpu-verify-${PHASES//,/-}.log
exec > >(tee "$LOG") 2>&1
# sm_90 (H100, H200) unless told otherwise: issue 9's run builds for it alone, and "native" would need CMake 3.24
# and a working driver at configure time
ARCH=${CMAKE_CUDA_ARCHITECTURES:-90}
FMNIST_DIR=${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}
SANITIZER_TIMEOUT=${SANITIZER_TIMEOUT:-240}
# step NAME COMMAND [SECONDS]: COMMAND (stopped after SECONDS when given), then its exit status (a pipeline's: pipefail)
# and wall time
step() {
    local t0=$SECONDS rc
    printf '\n### %s\n$ %s\n' "$1" "$2"
    if [ -n "${3:-}" ]; then timeout -k 10 "$3" bash -o pipefail -c "$2"; else bash -o pipefail -c "$2"; fi
    rc=$?
    echo "exit: $rc ($((SECONDS - t0)) s)"
    if [ -n "${3:-}" ] && [ $rc -eq 124 ]; then echo "(stopped at this step's limit of $3 s; what it printed is above)"; fi
}

# PHASES: which parts run (default all), e.g. PHASES=build,check in one call and PHASES=bench,cli in the next
# (the build directory build-gpu stays between calls on the same machine); one log per call.
want() { [[ ",$PHASES," == *",$1,"* ]]; }
HARNESS=${HARNESS:-'$(find build-gpu -name minidl_harness_cuda -type f | head -1)'}

if want build; then
    step "GPU" "nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv"
    step "nvcc" "nvcc --version | tail -2"
    step "configure" "cmake -S . -B build-gpu -DCMAKE_BUILD_TYPE=Release -DMINIDL_CUDA=ON -DMINIDL_CUDA_EMU=OFF -DCMAKE_CUDA_ARCHITECTURES=$ARCH"
    step "build" "cmake --build build-gpu -j\$(nproc)"
fi
if want check; then
    # the CUDA harness's CTest entry only: the CPU build's entries are CI's, and device time is scarce
    step "harness (CTest)" "ctest --test-dir build-gpu -R minidl_harness_cuda --output-on-failure"
    # racecheck first on the small shapes (every kernel, in little time), then on the harness's own, larger ones
    step "memcheck" "compute-sanitizer --tool memcheck --error-exitcode 1 $HARNESS --quick -q" "$SANITIZER_TIMEOUT"
    step "racecheck (small shapes)" "compute-sanitizer --tool racecheck --error-exitcode 1 $HARNESS --quick --small -q" "$SANITIZER_TIMEOUT"
    step "racecheck" "compute-sanitizer --tool racecheck --error-exitcode 1 $HARNESS --quick -q" "$SANITIZER_TIMEOUT"
    # every version of every kernel family (GEMM 1-4, and the others' older versions), one harness run
    step "every kernel version" "$HARNESS --versions all --quick | grep -E '^(--|FAIL|SUMMARY)'"
fi
if want bench; then
    step "bench (GEMM vs cuBLAS; memory-bound kernels vs a device-to-device copy)" "$HARNESS --bench"
    if [ -f "$FMNIST_DIR/train-images-idx3-ubyte.gz" ]; then
        step "PyTorch eager on the GPU (same MLP, batch, Adam)" "python3 bench/peer_pytorch.py --device cuda --data $FMNIST_DIR --sizes 1024,2048,4096"
    else
        echo "(no Fashion-MNIST in $FMNIST_DIR: the epoch comparison with PyTorch is skipped)"
    fi
fi
if want cli && [ $# -ge 1 ]; then
    CLI=$1
    export MINIDL_NATIVE_PATH=$(pwd)/build-gpu/native
    step "minidl info" "$CLI/minidl info"
    step "minidl gradcheck --backend cuda" "$CLI/minidl gradcheck --backend cuda"
    step "minidl lessons --backend cuda" "$CLI/minidl lessons --backend cuda"
    # the CUDA run's test accuracy next to the CPU backend's (issue 9: within 1 point)
    step "minidl train digits --backend cuda" "$CLI/minidl train digits --backend cuda --out $OUT/digits | tail -8"
    step "minidl train digits --backend cpu" "$CLI/minidl train digits --backend cpu --out $OUT/digits-cpu | tail -8"
    step "minidl bench" "$CLI/minidl bench --backends cuda --data $FMNIST_DIR"
    if [ -f "$FMNIST_DIR/train-images-idx3-ubyte.gz" ]; then
        # right after MiniDL's epoch on the GPU: PyTorch's eager epoch on the same GPU (no GEMM sizes this time)
        step "PyTorch eager epoch on the GPU, right after MiniDL's" "python3 bench/peer_pytorch.py --device cuda --data $FMNIST_DIR --sizes ''"
    fi
fi
echo; echo "gpu-verify: phases $PHASES done in $SECONDS s (log: $LOG)"
