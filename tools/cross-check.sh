#!/usr/bin/env bash
# Cross checks (issue 13 item 2): the CPU library and the C harness built for other platforms on this Linux x64
# machine and, where an emulator works, run there.
#
#   linux-arm64  gcc-aarch64-linux-gnu + cmake/toolchains/aarch64-linux-gnu.cmake; the harness runs under qemu-aarch64
#                twice: the NEON kernels (the default on arm64) and the portable C path (MINIDL_CPU_KERNEL=scalar).
#                qemu checks correctness only: its timings say nothing about the speed of a real arm64 CPU.
#   win-x64      MinGW-w64 + cmake/toolchains/x86_64-w64-mingw32.cmake; the harness runs under wine64 when it works
#   clang        the CPU library and harness built with clang (macOS's compiler): on this host with libomp, and for
#                linux-arm64 without OpenMP under qemu (the nearest to Apple silicon: NEON, clang, one thread)
#   avx512       on an x86-64 host without AVX-512: the AVX-512 kernels with their intrinsics emulated over AVX2
#                (tools/avx512-emu.sh, SIMDe): cpu_math_test, the full harness and the C# suites; correctness only
#   dotnet       `dotnet publish -r linux-arm64 --self-contained` of the CLI, run under qemu (lessons, gradcheck --backend cpu)
#   apple-syntax the C files with macOS branches compiled with __APPLE__ against tools/apple-standins/ (not run)
#
# Each step is skipped with its reason when a tool is missing (as root, the Debian packages are installed first).
# Prints one line per step, e.g. "arm64 harness: 123 passed". Exit code 1 when a step that ran failed.
# Build trees: build-cross/<rid>/ (./build.sh pack puts their libraries in the NuGet package).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/build-cross
mkdir -p "$OUT"
status=0
summary=()
note() { summary+=("$*"); printf '%s\n' "$*"; }
source "$ROOT/tools/apt.sh" # log, apt_install

# The harness's last line: "SUMMARY: N passed, N failed (backend cpu)".
harness_counts() { grep -Eo 'SUMMARY: .*' "$1" | tail -1 | sed 's/^SUMMARY: //'; }

# cross_build <rid> <toolchain file> <emulator command or empty>
cross_build() {
    local rid=$1 toolchain=$2 emulator=$3 dir="$OUT/$1"
    log "$rid: configure + build minidl_cpu and minidl_harness_cpu ($toolchain)"
    rm -rf "$dir"; mkdir -p "$dir"
    if ! cmake -S "$ROOT" -B "$dir" -DCMAKE_TOOLCHAIN_FILE="$ROOT/$toolchain" -DCMAKE_BUILD_TYPE=Release -DMINIDL_CUDA=OFF \
            >"$dir/configure.log" 2>&1; then
        tail -30 "$dir/configure.log"; note "$rid: configure FAILED (build-cross/$rid/configure.log)"; status=1; return 1
    fi
    grep -E "MiniDL:|OpenMP" "$dir/configure.log" | sed 's/^/  /'
    if ! grep -q "Found OpenMP_C" "$dir/configure.log"; then
        echo "warning: $rid: the cross toolchain has no OpenMP; the library is built single-threaded" >&2
    fi
    if ! cmake --build "$dir" --target minidl_cpu minidl_harness_cpu -j"$(nproc)" >"$dir/build.log" 2>&1; then
        grep -E "error|Error" "$dir/build.log" | head -20; note "$rid: build FAILED (build-cross/$rid/build.log)"; status=1; return 1
    fi
    local lib; lib=$(ls "$dir/native"/libminidl_cpu.so "$dir/native"/*minidl_cpu.dll 2>/dev/null | head -1)
    note "$rid: built $(basename "$lib") ($(file -b "$lib" | cut -d, -f1-2))"
    if [ -z "$emulator" ]; then return 0; fi
    if [ "$rid" = win-x64 ]; then
        # Windows finds DLLs beside the .exe: the library and the MinGW runtime that OpenMP pulls in
        # (libgomp, libwinpthread, libgcc_s), which also travel with the library in the NuGet package.
        local cc; cc=$(grep -E '^MINIDL_CROSS_CC:' "$dir/CMakeCache.txt" | cut -d= -f2)
        [ -n "$cc" ] || cc=x86_64-w64-mingw32-gcc
        local d p
        for d in libgomp-1.dll libwinpthread-1.dll libgcc_s_seh-1.dll; do
            p=$("$cc" -print-file-name=$d); [ -f "$p" ] && cp -f "$p" "$dir/native/"
        done
        cp -f "$dir/native"/*.dll "$dir/native/tests/"
    fi
    local harness; harness=$(ls "$dir/native/tests"/minidl_harness_cpu "$dir/native/tests"/minidl_harness_cpu.exe 2>/dev/null | head -1)
    # arm64: the NEON kernels (default) and the portable C path; elsewhere the default kernels only.
    local kernels=default
    [ "$rid" = linux-arm64 ] && kernels="default scalar"
    local k
    for k in $kernels; do
        local logf="$dir/harness.log" label="" envs=""
        if [ "$k" != default ]; then logf="$dir/harness-$k.log"; label=" MINIDL_CPU_KERNEL=$k"; envs="MINIDL_CPU_KERNEL=$k"; fi
        log "$rid: harness under $emulator$label"
        local rc=0 emu_name
        # the emulator's name for the summary: qemu-aarch64 or wine64, not the "env VAR=..." in front of it
        emu_name=$(printf '%s\n' $emulator | grep -v -e '^env$' -e '=' | head -1); emu_name=$(basename "$emu_name")
        [ -n "$emu_name" ] || emu_name="no emulator: this CPU" # a host build (clang), run as it is
        # shellcheck disable=SC2086
        (cd "$dir/native/tests" && timeout 1200 env $envs $emulator "$harness" -q --quick) >"$logf" 2>&1 || rc=$?
        tail -5 "$logf"
        # The harness's first line names the kernel level that ran: device='<CPU> (neon kernels)'.
        local level; level=$(grep -Eo '\(([a-z0-9]+) kernels\)' "$logf" | head -1 | tr -d '()')
        if [ $rc -eq 0 ]; then
            note "$rid harness (--quick, ${level:-kernels ?}${label:+:$label}): $(harness_counts "$logf") (exit 0, under $emu_name)"
        else
            note "$rid harness$label: FAILED with exit $rc under $emulator (build-cross/$rid/$(basename "$logf"))"; status=1
        fi
    done
}

# ---- linux-arm64 ----
apt_install gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user || true
if ! command -v aarch64-linux-gnu-gcc >/dev/null; then
    note "linux-arm64: skipped (no aarch64-linux-gnu-gcc; install gcc-aarch64-linux-gnu)"
else
    qemu=""
    if command -v qemu-aarch64 >/dev/null; then qemu="qemu-aarch64 -L /usr/aarch64-linux-gnu"
    else note "linux-arm64 harness: not run (no qemu-aarch64; install qemu-user)"; fi
    cross_build linux-arm64 cmake/toolchains/aarch64-linux-gnu.cmake "$qemu"
fi

# ---- win-x64 ----
apt_install gcc-mingw-w64-x86-64 || true
if ! command -v x86_64-w64-mingw32-gcc >/dev/null && ! command -v x86_64-w64-mingw32-gcc-posix >/dev/null; then
    note "win-x64: skipped (no x86_64-w64-mingw32-gcc; install gcc-mingw-w64-x86-64)"
else
    wine=""
    apt_install wine64 || true     # Debian's wine64 puts its loader in /usr/lib/wine, not on the PATH
    winebin=$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)
    if [ -n "$winebin" ] && WINEDEBUG=-all timeout 300 "$winebin" cmd /c exit 0 >/dev/null 2>&1; then
        wine="env WINEDEBUG=-all $winebin"
    else
        note "win-x64 harness: not run (${winebin:-wine64 is not installed}${winebin:+ does not start here}; compile only)"
    fi
    cross_build win-x64 cmake/toolchains/x86_64-w64-mingw32.cmake "$wine"
fi

# ---- clang, what macOS builds with (Apple's clang): linux-x64 with clang + libomp; linux-arm64 with clang and no
# OpenMP under qemu, the closest to a Mac with Apple silicon here (NEON kernels, clang's code, single-threaded) ----
apt_install clang-14 libomp-14-dev || true
if ! command -v clang-14 >/dev/null && ! command -v clang >/dev/null; then
    note "clang: skipped (no clang; install clang-14)"
else
    cross_build linux-x64-clang cmake/toolchains/clang.cmake "env"
    if [ -d /usr/aarch64-linux-gnu/lib ] && command -v qemu-aarch64 >/dev/null; then
        cross_build linux-arm64-clang cmake/toolchains/aarch64-linux-gnu-clang.cmake "qemu-aarch64 -L /usr/aarch64-linux-gnu"
    else
        note "linux-arm64-clang: skipped (needs the aarch64 sysroot of gcc-aarch64-linux-gnu and qemu-aarch64)"
    fi
fi

# ---- the macOS branches of the C sources, compiled (not run) with __APPLE__ against tools/apple-standins/ ----
apple_cc=$(command -v clang-14 || command -v clang || command -v gcc)
if [ -z "$apple_cc" ]; then
    note "apple-syntax: skipped (no C compiler)"
else
    apple_log=$OUT/apple-syntax.log
    : >"$apple_log"
    apple_ok=1
    for f in native/src/cpu/cpu_runtime.c native/src/cpu/cpu_threads.c; do
        for omp in -fopenmp ""; do
            "$apple_cc" -fsyntax-only -Wall -Wextra -Werror $omp -U__linux__ -D__APPLE__ -I"$ROOT/tools/apple-standins" \
                -I"$ROOT/native/include" -I"$ROOT/native/src/common" -I"$ROOT/native/src/cpu" "$f" >>"$apple_log" 2>&1 || apple_ok=0
        done
    done
    if [ $apple_ok = 1 ]; then note "apple-syntax: cpu_runtime.c, cpu_threads.c compile with __APPLE__ ($(basename "$apple_cc"), with and without OpenMP)"
    else note "apple-syntax: FAILED (build-cross/apple-syntax.log)"; status=1; fi
fi

# ---- linux-x64 with the AVX-512 kernels, on a host without AVX-512: emulated (tools/avx512-emu.sh) ----
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    note "avx512 (emulated) harness: skipped (this CPU has AVX-512: the tests above ran those kernels natively)"
elif [ "$(uname -m)" != x86_64 ] || ! grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
    note "avx512 (emulated) harness: skipped (needs an x86-64 host with AVX2)"
else
    rc=0
    timeout 1200 tools/avx512-emu.sh -q >"$OUT/avx512-emu.log" 2>&1 || rc=$?
    tail -5 "$OUT/avx512-emu.log"
    if [ $rc -eq 0 ]; then note "avx512 (emulated, SIMDe) harness: $(harness_counts "$OUT/avx512-emu.log") (exit 0)"
    elif [ $rc -eq 2 ]; then note "avx512 (emulated) harness: not built here (build-cross/avx512-emu.log)"
    else note "avx512 (emulated) harness: FAILED with exit $rc (build-cross/avx512-emu.log)"; status=1; fi
    # the C# suites on that library too, when ./build.sh has built them (no TRX: .ci/run counts build.sh test's)
    emu_lib=$ROOT/build-avx512-emu/native/libminidl_cpu.so
    if [ $rc -eq 0 ] && command -v dotnet >/dev/null && [ -f "$emu_lib" ] \
            && ls tests/MiniDL.Tests/bin/Release/net10.0/MiniDL.Tests.dll >/dev/null 2>&1; then
        log "dotnet test (the C# suites) on the emulated AVX-512 library"
        rc=0
        MINIDL_NATIVE_PATH=$emu_lib timeout 1800 dotnet test MiniDL.sln -c Release --no-build -v q \
            >"$OUT/avx512-emu-dotnet.log" 2>&1 || rc=$?
        result=$(grep -E "^(Passed|Failed)!" "$OUT/avx512-emu-dotnet.log" | tail -1 | sed 's/ - MiniDL.Tests.dll.*//')
        if [ $rc -eq 0 ]; then note "avx512 (emulated) C# suites: ${result:-ok} (MINIDL_NATIVE_PATH=build-avx512-emu/native)"
        else note "avx512 (emulated) C# suites: FAILED, exit $rc (build-cross/avx512-emu-dotnet.log): $result"; status=1; fi
    fi
fi

# ---- the CLI published self-contained for a RID, run under its emulator: lessons and gradcheck on the CPU backend ----
# cli_check RID EMULATOR RUNNER EXE: RUNNER is the command line in front of the program (env … qemu-aarch64 …,
# env … wine64), EMULATOR its name for the summary, EXE the published program's file name; the RID's native
# library (and the DLLs beside it) come from $OUT/RID/native.
cli_check() {
    local rid=$1 emulator=$2 runner=$3 exe=$4 pub="$OUT/$1/cli"
    log "dotnet publish -r $rid --self-contained (the CLI), run under $emulator"
    if ! dotnet publish managed/MiniDL.Cli -c Release -r "$rid" --self-contained -o "$pub" -v q -nologo >"$OUT/$rid/publish.log" 2>&1; then
        tail -5 "$OUT/$rid/publish.log"
        note "$rid dotnet publish: FAILED (build-cross/$rid/publish.log; the $rid runtime pack must be restorable)"
        return
    fi
    mkdir -p "$pub/runtimes/$rid/native"
    cp -f "$OUT/$rid/native/"*minidl_cpu.* "$OUT/$rid/native/"*.dll "$pub/runtimes/$rid/native/" 2>/dev/null || true
    for cmd in "lessons" "gradcheck --backend cpu"; do
        local rc=0 log_file="$OUT/$rid/cli-${cmd%% *}.log" result
        # shellcheck disable=SC2086
        timeout 900 $runner "$pub/$exe" $cmd >"$log_file" 2>&1 || rc=$?
        tail -3 "$log_file"
        # The summary line ("46/46 numbers agree …", "56 checks, all passed."), not a footnote after it.
        result=$(grep -E "numbers agree|checks, all passed|failed" "$log_file" | tail -1)
        if [ $rc -eq 0 ]; then note "$rid minidl $cmd: ok under $emulator (${result:-$(tail -1 "$log_file")})"
        else note "$rid minidl $cmd: exit $rc under $emulator (build-cross/$rid/cli-${cmd%% *}.log)"; fi
    done
}

if [ -n "${MINIDL_CROSS_DOTNET:-1}" ] && command -v dotnet >/dev/null && command -v qemu-aarch64 >/dev/null \
        && [ -f "$OUT/linux-arm64/native/libminidl_cpu.so" ]; then
    # .NET under qemu-user is not supported by Microsoft; the GC's heap limit keeps it from reserving 256 GiB.
    cli_check linux-arm64 qemu-aarch64 "env DOTNET_GCHeapHardLimit=0x20000000 qemu-aarch64 -L /usr/aarch64-linux-gnu" MiniDL.Cli
else
    note "linux-arm64 dotnet publish: skipped (needs dotnet, qemu-aarch64 and the arm64 library)"
fi
if [ -n "${MINIDL_CROSS_DOTNET:-1}" ] && command -v dotnet >/dev/null && [ -n "${wine:-}" ] \
        && [ -f "$OUT/win-x64/native/libminidl_cpu.dll" ]; then
    cli_check win-x64 wine64 "$wine" MiniDL.Cli.exe
else
    note "win-x64 dotnet publish: skipped (needs dotnet, a working wine64 and the win-x64 library)"
fi

echo
echo "cross-check summary:"
printf '  %s\n' "${summary[@]}"
exit $status
