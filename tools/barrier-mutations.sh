#!/usr/bin/env bash
# tools/barrier-mutations.sh — what does each __syncthreads() of the CUDA build protect, and which
# emulator thread order shows it?
#
#   tools/barrier-mutations.sh [FILTER]     (FILTER: a regex on "file:line"; default: every barrier)
#
# For each __syncthreads(); statement in native/src/cuda/ (one at a time), a copy of the sources has
# that barrier removed; the emulated CUDA library and the harness are rebuilt from the copy
# (native/tests/cuda_emu, no GPU) and the kernel families that use the file run with every kernel
# version (--versions all --quick --small) in three thread orders (MINIDL_EMU_ORDER, see
# native/tests/cuda_emu/cuda_runtime.h): forward (index order, the emulator's default), reverse and
# shuffle:1. A removed barrier that no order notices is either redundant or guards a race that gives
# the same result in every order tried (compute-sanitizer --tool racecheck on a GPU tells them apart).
#
# Prints one Markdown table row per barrier: its place, the kernel or device function it is in, the
# line's comment, and per order "caught (N failed checks)" or "unseen". Needs cmake, python3 and a C/C++ compiler (Linux x86-64 or arm64).
# Works in a temporary folder (MINIDL_MUTATION_DIR to keep it); never touches the repository.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/tools/apt.sh" # cpus
FILTER=${1:-.}
WORK=${MINIDL_MUTATION_DIR:-$(mktemp -d /tmp/minidl-barriers.XXXXXX)}
SRC=$WORK/src BUILD=$WORK/build
ORDERS=(forward reverse shuffle:1)
FAMILIES=(elementwise broadcast reduce gemm softmax optimizer)
CPUS=$(cpus)

mkdir -p "$SRC"
(cd "$ROOT" && git ls-files -z -- CMakeLists.txt cmake native | xargs -0 cp --parents -t "$SRC")
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DMINIDL_CUDA=OFF >"$WORK/configure.log" 2>&1 \
    || { cat "$WORK/configure.log"; exit 1; }
HARNESS=$BUILD/native/tests/minidl_harness_cuda_emu

# the kernel families that compile FILE: its own name, or (a header) every .cu file including it
families_of() {
    local base; base=$(basename "$1"); base=${base%.*}
    case "$1" in
        *.cu) for f in "${FAMILIES[@]}"; do if [ "$f" = "$base" ]; then echo "$f"; fi; done
              # mdl_transpose's kernel is in gemm.cu; the harness checks it in group 'reductions' (reduce)
              if [ "$base" = gemm ]; then echo reduce; fi ;;
        *.cuh) for f in "${FAMILIES[@]}"; do
                   if grep -q "#include \"$(basename "$1")\"" "$SRC/native/src/cuda/$f.cu" 2>/dev/null; then echo "$f"; fi
               done ;;
    esac
}

echo "| barrier | in | its comment | families | $(printf '%s | ' "${ORDERS[@]}")"
echo "| --- | --- | --- | --- |$(printf ' --- |%.0s' "${ORDERS[@]}")"
for file in "$SRC"/native/src/cuda/*.cu "$SRC"/native/src/cuda/*.cuh; do
    rel=native/src/cuda/$(basename "$file")
    fams=$(families_of "$file" | paste -sd, -)
    [ -n "$fams" ] || continue
    { grep -nE '^[[:space:]]*__syncthreads\(\);' "$file" || true; } | cut -d: -f1 | while read -r line; do
        [[ "$rel:$line" =~ $FILTER ]] || continue
        cp "$ROOT/$rel" "$file"
        comment=$(sed -n "${line}p" "$file" | sed -n 's|.*/\*[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*\*/.*|\1|p')
        # the kernel or device function around it: the last __global__ / __device__ line above, with the
        # next line (a name after __launch_bounds__(...) may be there)
        kline=$(head -n "$line" "$file" | grep -n -E '__global__|__device__' | tail -1 | cut -d: -f1)
        kernel=$(sed -n "${kline},$((kline + 1))p" "$file" | tr '\n' ' ' | sed -E 's/__launch_bounds__\([^)]*\)//' \
                 | sed -E 's/^[^(]*[ *&]([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*\(.*/\1/')
        sed -i "${line}s|__syncthreads();|/* removed by barrier-mutations */;|" "$file"
        if ! cmake --build "$BUILD" --target minidl_harness_cuda_emu -j"$CPUS" >"$WORK/build.log" 2>&1; then
            echo "| $rel:$line | \`$kernel\` | ${comment:-} | $fams | build failed ($WORK/build.log) |"; continue
        fi
        cells=""
        for order in "${ORDERS[@]}"; do
            out=$(MINIDL_EMU_ORDER=$order timeout 600 "$HARNESS" -q --quick --small --versions all --only "$fams" 2>&1) \
                && rc=0 || rc=$?
            failed=$(sed -n 's/^SUMMARY: [0-9]* passed, \([0-9]*\) failed.*/\1/p' <<<"$out" | tail -1)
            if [ "$rc" -eq 0 ]; then cells+=" unseen |"
            elif [ -n "$failed" ] && [ "$failed" != 0 ]; then cells+=" caught ($failed failed checks) |"
            else cells+=" caught (exit $rc$(grep -m1 -o 'cuda_emu: [a-z ]*' <<<"$out" | sed 's/^/: /')) |"; fi
        done
        echo "| $rel:$line | \`$kernel\` | ${comment:-} | $fams |$cells"
    done
    cp "$ROOT/$rel" "$file"
done
[ -n "${MINIDL_MUTATION_DIR:-}" ] || rm -rf "$WORK"
