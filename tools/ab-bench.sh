#!/usr/bin/env bash
# Old against new, alternately, on this machine: two builds of the CPU library, each given as a directory that holds
# libminidl_cpu.so or as a git revision (built once into build-ab/<commit>/), measured ROUNDS times each, taking
# turns. On a shared or noisy machine the same kernel moves by ±25% within minutes (bench/NOTES.md), so one run of
# each build says little: the summary gives, per kernel, both medians, the median of the paired ratios new/old (each
# pair measured within a minute, in turns which build goes first) and in how many pairs the new build was faster.
#
#   tools/ab-bench.sh [-n ROUNDS] [-p PARTS] [-f TEXT] OLD NEW
#
#   -n  rounds (default 4)
#   -p  comma-separated parts: gemm, stream (the harness bench's), epoch (`minidl bench --profile --backends cpu`:
#       the Fashion-MNIST epoch and its GEMM roofline fraction); default gemm,stream
#   -f  only the streaming kernels whose name contains TEXT (MINIDL_BENCH_FILTER; the triad always runs)
#
# The harness is this tree's build/native/tests/minidl_harness_cpu (./build.sh native builds it); it loads each
# build's library through LD_LIBRARY_PATH, which its RUNPATH yields to. The epoch uses artifacts/cli/minidl
# (./build.sh builds it) with MINIDL_NATIVE_PATH. Linux only. Output: a Markdown summary on stdout and in
# $OUT/ab.md; the raw runs stay in $OUT (default artifacts/ab-bench).
#
# Example: the last commit against its parent, the softmax kernels only, six rounds:
#   tools/ab-bench.sh -n 6 -p stream -f softmax HEAD~1 HEAD
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=4 PARTS=gemm,stream FILTER=""
while getopts "n:p:f:" opt; do
    case $opt in
    n) ROUNDS=$OPTARG ;;
    p) PARTS=$OPTARG ;;
    f) FILTER=$OPTARG ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { sed -n '2,20p' "$0" >&2; exit 2; }
HARNESS=${HARNESS:-$ROOT/build/native/tests/minidl_harness_cpu}
CLI=${CLI:-$ROOT/artifacts/cli/minidl}
FMNIST_DIR=${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}
OUT=${OUT:-$ROOT/artifacts/ab-bench}

# library_dir SPEC: a directory holding libminidl_cpu.so, as given or built from a git revision
library_dir() {
    local spec=$1
    if [ -f "$spec/libminidl_cpu.so" ]; then (cd "$spec" && pwd); return 0; fi
    local sha; sha=$(git rev-parse --verify --quiet "$spec^{commit}") || {
        echo "ab-bench: '$spec' is neither a directory with libminidl_cpu.so nor a git revision" >&2; return 1; }
    local dir=$ROOT/build-ab/$sha
    if [ ! -f "$dir/native/libminidl_cpu.so" ]; then
        echo "ab-bench: building $spec ($sha) into build-ab/$sha …" >&2
        rm -rf "$dir.src" && mkdir -p "$dir.src" && git archive "$sha" | tar -x -C "$dir.src" || return 1
        cmake -S "$dir.src" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DMINIDL_CUDA=OFF >"$dir.log" 2>&1 &&
            cmake --build "$dir" --target minidl_cpu -j"$(nproc)" >>"$dir.log" 2>&1 ||
            { echo "ab-bench: the build of $spec failed (build-ab/$sha.log)" >&2; return 1; }
    fi
    echo "$dir/native"
}

OLD_DIR=$(library_dir "$1") || exit 1
NEW_DIR=$(library_dir "$2") || exit 1
[ -x "$HARNESS" ] || { echo "ab-bench: no harness at $HARNESS (./build.sh native builds it)" >&2; exit 1; }
mkdir -p "$OUT"
rm -f "$OUT"/harness-*.txt "$OUT"/epoch-*.json
only=$(echo "$PARTS" | tr ',' '\n' | grep -E '^(gemm|stream)$' | paste -sd, -)

for r in $(seq 1 "$ROUNDS"); do
    # which build runs first alternates (old new, new old, ...): the second run of a round was measured slower
    # than the first for the same code (the triad's paired ratio 0.87, new always second, 8 of 8)
    order="old new"; [ $((r % 2)) = 0 ] && order="new old"
    for side in $order; do
        dir=$OLD_DIR; [ $side = new ] && dir=$NEW_DIR
        if [ -n "$only" ]; then
            echo "ab-bench: round $r, $side: harness bench ($only) …" >&2
            LD_LIBRARY_PATH="$dir" MINIDL_BENCH_ONLY="$only" MINIDL_BENCH_FILTER="$FILTER" \
                "$HARNESS" --bench --json > "$OUT/harness-$side-$r.txt" 2>&1
        fi
        if [[ ",$PARTS," == *,epoch,* ]]; then
            if [ -x "$CLI" ] && [ -f "$FMNIST_DIR/train-images-idx3-ubyte.gz" ]; then
                echo "ab-bench: round $r, $side: Fashion-MNIST epoch profile …" >&2
                MINIDL_NATIVE_PATH="$dir" "$CLI" bench --profile --backends cpu --data "$FMNIST_DIR" \
                    --record "$OUT/epoch-$side-$r.json" > "$OUT/epoch-$side-$r.txt" 2>&1
            else
                echo "ab-bench: no CLI at $CLI or no Fashion-MNIST in $FMNIST_DIR: the epoch is skipped" >&2
            fi
        fi
    done
done

python3 - "$OUT" "$1" "$2" "$OLD_DIR" "$NEW_DIR" <<'PY' | tee "$OUT/ab.md"
import glob, json, re, statistics, sys
out, old_name, new_name, old_dir, new_dir = sys.argv[1:6]

def runs(side):
    """[{(name, dtype, size): (value, unit, peer_ratio)}] per round, and the device names"""
    rounds, devices = [], set()
    for path in sorted(glob.glob(f"{out}/harness-{side}-*.txt"), key=lambda p: int(re.findall(r"-(\d+)\.txt$", p)[0])):
        text = open(path).read()
        m = re.search(r"device='([^']*)'", text)
        if m: devices.add(m.group(1))
        start = text.find("[")
        if start < 0: continue
        row = {}
        for e in json.loads(text[start:]):
            unit = "GFLOP/s" if "gflops" in e else "GB/s"
            row[(e["name"], e["dtype"], e["size"])] = (e.get("gflops", e.get("gbps")), unit, e.get("peer_ratio"))
        rounds.append(row)
    return rounds, devices

old, old_dev = runs("old")
new, new_dev = runs("new")
print(f"# {new_name} against {old_name}, alternately\n")
print(f"- old: `{old_name}` ({old_dir}); new: `{new_name}` ({new_dir})")
print("- a kernel whose code did not change shows the machine's drift in its paired ratio (the triad's row too)")
print(f"- devices: {', '.join(sorted(old_dev | new_dev)) or 'no harness output'}; rounds: {len(old)} and {len(new)}\n")
med = statistics.median
if old and new:
    print("| kernel | type | size | unit | old median | new median | new/old, paired median | new faster | "
          "of the adjacent triad (or the peer), old → new |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    pairs = list(zip(old, new))
    for key in old[0]:
        if key[0].startswith("FMA peak") or not all(key in o and key in n for o, n in pairs): continue
        vo = [o[key][0] for o, _ in pairs]; vn = [n[key][0] for _, n in pairs]
        ratios = [b / a for a, b in zip(vo, vn) if a]
        if not ratios: continue
        ro = [o[key][2] for o, _ in pairs if o[key][2]]; rn = [n[key][2] for _, n in pairs if n[key][2]]
        ref = f"{100 * med(ro):.0f}% → {100 * med(rn):.0f}%" if ro and rn else ""
        print(f"| {key[0]} | {key[1]} | {key[2]} | {old[0][key][1]} | {med(vo):.2f} | {med(vn):.2f} | "
              f"{med(ratios):.2f} | {sum(r > 1 for r in ratios)} of {len(ratios)} | {ref} |")

def epochs(side):
    xs = []
    for path in sorted(glob.glob(f"{out}/epoch-{side}-*.json")):
        try:
            p = json.load(open(path))["profiles"][0]
            xs.append((p["epochSeconds"], p.get("rooflineFraction")))
        except Exception: pass
    return xs
eo, en = epochs("old"), epochs("new")
if eo and en:
    print("\n## Fashion-MNIST epoch (cpu, `bench --profile`), s/epoch (% of its GEMM roofline)\n")
    fmt = lambda xs: ", ".join(f"{s:.3f} ({100 * f:.0f}%)" if f else f"{s:.3f}" for s, f in xs)
    print(f"- old: {fmt(eo)}; median {med([s for s, _ in eo]):.3f}")
    print(f"- new: {fmt(en)}; median {med([s for s, _ in en]):.3f}")
    ratios = [b[0] / a[0] for a, b in zip(eo, en)]
    print(f"- new/old, paired median {med(ratios):.2f}; new faster in {sum(r < 1 for r in ratios)} of {len(ratios)}")
PY
