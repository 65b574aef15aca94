#!/usr/bin/env bash
# MiniDL's one build script.
#   ./build.sh          set up a fresh machine, build everything, run the main job
#   ./build.sh test     build everything and run every test (CTest harness + C# suites)
#   ./build.sh bench    run the benchmarks (add --peers to time PyTorch in the same run)
#   ./build.sh native   build only the native library (CMake)
#   ./build.sh cuda-check   compile the CUDA build too (installs Debian's nvcc 11.8 as root; it needs clang++-14 as host compiler)
#   ./build.sh cuda-emu     run the CUDA kernels on the CPU emulator: harness, C# CUDA cases, lessons, gradcheck
#   ./build.sh pack     the NuGet packages MiniDL (library + native libraries per RID) and minidl (.NET tool) in artifacts/packages
#   ./build.sh cuda-emu --only GROUP [--kernel FAMILY=N]   the fast loop: build only the emulator (build-emu/,
#                           no nvcc, no .NET) and run one group of the harness; --list names the groups
#   MINIDL_EMU_ORDER=reverse|shuffle[:SEED] ./build.sh cuda-emu ...   the same with the emulated threads and blocks
#                           in another order, which shows data races (native/tests/cuda_emu/cuda_runtime.h)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD_DIR=${MINIDL_BUILD_DIR:-$ROOT/build}
ARTIFACTS=$ROOT/artifacts
CONFIG=${CONFIG:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# log, cpus, apt_install
source "$ROOT/tools/apt.sh"

setup() {
    command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is required: https://dot.net" >&2; exit 1; }
    if command -v dpkg >/dev/null; then
        apt_install cmake g++ make python3 || true   # python3: the CUDA emulator test rewrites the .cu launches
        apt_install python3-numpy || true            # the NumPy porting exercise (docs/porting/numpy_port.py)
    fi
    command -v cmake >/dev/null || { echo "error: cmake is required" >&2; exit 1; }
}

# Configures CMake. MINIDL_CUDA=AUTO builds the CUDA library too when nvcc is found. Debian's nvcc 11.8
# rejects g++ 12, so CUDAHOSTCXX=clang++-14 is used when that compiler is there.
cmake_configure() {
    local dir=$1; shift
    if [ -z "${CUDAHOSTCXX:-}" ] && command -v nvcc >/dev/null && nvcc --version | grep -q "release 11\." && command -v clang++-14 >/dev/null; then
        export CUDAHOSTCXX=clang++-14
    fi
    cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DMINIDL_CUDA="${MINIDL_CUDA:-AUTO}" "$@" >"$dir/configure.log" 2>&1 \
        || { cat "$dir/configure.log"; exit 1; }
}

build_native() {
    log "native library (CMake, MINIDL_CUDA=${MINIDL_CUDA:-AUTO})"
    mkdir -p "$BUILD_DIR"
    cmake_configure "$BUILD_DIR"
    grep -E "MiniDL:" "$BUILD_DIR/configure.log" || true
    cmake --build "$BUILD_DIR" -j"$(cpus)"
}

# The native libraries built in $BUILD_DIR (.so on Linux, .dylib on macOS) into folder $1.
copy_libraries() {
    local lib
    for lib in "$BUILD_DIR"/native/libminidl_*.so "$BUILD_DIR"/native/libminidl_*.dylib; do
        if [ -f "$lib" ]; then cp -f "$lib" "$1/"; fi
    done
}

build_managed() {
    log "managed (dotnet restore, build, publish the CLI to artifacts/cli)"
    dotnet restore MiniDL.sln -v q
    dotnet build MiniDL.sln -c "$CONFIG" --no-restore -v q -nologo
    dotnet publish managed/MiniDL.Cli -c "$CONFIG" --no-restore -o "$ARTIFACTS/cli" -v q -nologo
    # The native libraries travel with the CLI in NuGet's runtimes/<rid>/native layout.
    local rid; rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
    mkdir -p "$ARTIFACTS/cli/runtimes/$rid/native"
    copy_libraries "$ARTIFACTS/cli/runtimes/$rid/native"
}

# The NuGet packages: MiniDL (runtimes/<rid>/native/ holds every native library built here: this machine's RID from
# $BUILD_DIR, linux-arm64 and win-x64 from tools/cross-check.sh's build-cross/ when it ran) and the `minidl` tool.
pack_packages() {
    log "dotnet pack: MiniDL and the minidl tool (artifacts/packages)"
    local rid; rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
    rm -rf "$ARTIFACTS/native" "$ARTIFACTS/packages"; mkdir -p "$ARTIFACTS/native/$rid"
    copy_libraries "$ARTIFACTS/native/$rid"
    local cross
    for cross in linux-arm64 win-x64; do
        # win-x64: the library and the MinGW runtime DLLs beside it (tools/cross-check.sh puts them there).
        local libs; libs=$(ls "$ROOT/build-cross/$cross/native"/libminidl_cpu.so "$ROOT/build-cross/$cross/native"/*.dll 2>/dev/null || true)
        if [ -n "$libs" ] && [ "$cross" != "$rid" ]; then mkdir -p "$ARTIFACTS/native/$cross"; cp -f $libs "$ARTIFACTS/native/$cross/"; fi
    done
    (cd "$ARTIFACTS/native" && find . -type f | sort | sed 's/^/  native: /')
    dotnet pack managed/MiniDL -c "$CONFIG" -o "$ARTIFACTS/packages" -v q -nologo
    dotnet pack managed/MiniDL.Cli -c "$CONFIG" -o "$ARTIFACTS/packages" -v q -nologo
    ls -1 "$ARTIFACTS/packages"
}

main_job() {
    log "minidl lessons"
    "$ARTIFACTS/cli/minidl" lessons
    log "minidl gradcheck"
    "$ARTIFACTS/cli/minidl" gradcheck
    log "minidl train digits (an MLP on the shipped UCI digits)"
    "$ARTIFACTS/cli/minidl" train digits --out "$ROOT/runs/digits"
}

run_tests() {
    local results=$ARTIFACTS/test-results
    rm -rf "$results"; mkdir -p "$results"
    local status=0
    log "CTest: the native kernels against the float64 reference"
    ctest --test-dir "$BUILD_DIR" -j"$(cpus)" --output-on-failure --output-junit "$results/ctest.xml" || status=1
    log "dotnet test: the C# suites (reference and native backends)"
    dotnet test MiniDL.sln -c "$CONFIG" --no-build -v q --logger "trx;LogFilePrefix=minidl" --results-directory "$results" || status=1
    return $status
}

case "${1:-all}" in
    all)
        setup; build_native; build_managed; main_job ;;
    test)
        # python3-torch (large): only the test that loads `minidl export --to torch` in PyTorch needs it;
        # chromium: the report.html browser test.
        setup; apt_install python3-torch || true; apt_install chromium || true
        build_native; build_managed; run_tests ;;
    native)
        setup; build_native ;;
    cuda-emu)
        # With arguments: the porting loop (native/src/cuda/README.md). Only the emulated CUDA library and
        # the harness are built, in a folder of their own (no CPU library, no nvcc, no .NET); then the
        # harness runs with the arguments: --list, --only GROUP|FAMILY, --kernel FAMILY=N, --versions all, -q.
        shift || true
        if [ $# -gt 0 ]; then
            emu_dir=${MINIDL_EMU_BUILD_DIR:-$ROOT/build-emu}
            for tool in cmake python3 c++; do
                command -v $tool >/dev/null || { echo "error: $tool is needed (Linux: cmake, python3, g++)" >&2; exit 1; }
            done
            SECONDS=0
            emu_what=built
            if [ ! -f "$emu_dir/CMakeCache.txt" ]; then
                log "configuring $emu_dir (once; MINIDL_CUDA=OFF)"
                mkdir -p "$emu_dir"
                MINIDL_CUDA=OFF cmake_configure "$emu_dir"
                emu_what="configured and built"
            fi
            echo "== cuda-emu: building the emulated CUDA library and the harness (log: $emu_dir/build.log)"
            cmake --build "$emu_dir" --target minidl_harness_cuda_emu -j"$(cpus)" >"$emu_dir/build.log" 2>&1 \
                || { grep -E -A5 "error|Error" "$emu_dir/build.log" | head -60; echo "(full log: $emu_dir/build.log)" >&2; exit 1; }
            echo "== cuda-emu: $emu_what in ${SECONDS} s"
            exec "$emu_dir/native/tests/minidl_harness_cuda_emu" "$@"
        fi
        # No arguments: the CUDA build's kernels on the CPU emulator (native/tests/cuda_emu), through everything that
        # takes a backend: the C harness, the C# suites' CUDA cases (skipped without a GPU otherwise),
        # the lessons and the gradient check. The emulated library goes by the CUDA library's name in a
        # folder of its own, which MINIDL_NATIVE_PATH puts first.
        setup; build_native; build_managed
        emu="$BUILD_DIR/native/cuda-emu-as-cuda"
        [ -f "$BUILD_DIR/native/tests/libminidl_cuda_emu.so" ] || { echo "error: the emulator was not built (Linux, g++ and python3 needed)" >&2; exit 1; }
        mkdir -p "$emu"; ln -sf "$BUILD_DIR/native/tests/libminidl_cuda_emu.so" "$emu/libminidl_cuda.so"
        export MINIDL_NATIVE_PATH="$emu"
        log "CTest: the CUDA kernels on the emulator"
        ctest --test-dir "$BUILD_DIR" -R cuda_emu -j"$(cpus)" --output-on-failure
        log "dotnet test: the CUDA cases of the C# suites, on the emulator"
        dotnet test MiniDL.sln -c "$CONFIG" --no-build -v q --filter "Name~cuda"
        log "minidl lessons / gradcheck --backend cuda, on the emulator"
        "$ARTIFACTS/cli/minidl" info
        "$ARTIFACTS/cli/minidl" lessons --backend cuda
        "$ARTIFACTS/cli/minidl" gradcheck --backend cuda ;;
    cuda-check)
        setup; apt_install nvidia-cuda-toolkit clang-14 || true
        MINIDL_CUDA=ON build_native ;;
    pack)
        setup; build_native; build_managed; pack_packages ;;
    bench)
        # The native harness first (each kernel vs OpenBLAS and the STREAM triad, in one run), then the C#
        # benchmark (kernels through the backends, a Fashion-MNIST epoch; --peers adds PyTorch).
        shift; setup; apt_install libopenblas-dev || true; build_native; build_managed
        log "native kernels vs OpenBLAS and STREAM (build/native/tests/minidl_harness_cpu --bench)"
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$BUILD_DIR/native/tests/minidl_harness_cpu" --bench
        if [[ " $* " == *" --peers "* ]]; then apt_install python3-torch dataset-fashion-mnist || true; fi
        log "minidl bench $*"
        "$ARTIFACTS/cli/minidl" bench "$@" ;;
    *)
        echo "usage: ./build.sh [test|bench|native|pack|cuda-check|cuda-emu]" >&2; exit 2 ;;
esac
