#!/usr/bin/env bash
# Issue 14's "AVX2 on par with AVX-512", measured in one run: on a host with AVX-512, the CPU kernels at their
# best level and forced down to AVX2 (MINIDL_CPU_KERNEL=avx2), alternately, ROUNDS times:
#   - the harness bench (GEMM as a fraction of that level's FMA peak; streaming kernels as a % of the triad);
#   - one Fashion-MNIST epoch (minidl bench --backends cpu --no-kernels), target: AVX2 within 1.25x.
# Prints a Markdown summary (also $OUT/isa-parity.md); the raw JSON stays in $OUT.
#
#   tools/isa-parity.sh [ROUNDS]        (default 2; about 1.5 min per round on 2 cores)
#   tools/isa-parity.sh --summary       (only the summary again, from the files already in $OUT)
#
# Environment: LEVELS (default "default avx2"; two of default|avx2|scalar, e.g. "default scalar"
# to rehearse on a host without AVX-512), HARNESS (default build/native/tests/minidl_harness_cpu),
# CLI (default artifacts/cli/minidl; it finds its native library as usual, e.g. through MINIDL_NATIVE_PATH;
# without a CLI the epoch is skipped), FMNIST_DIR, OUT (default artifacts/isa-parity).
# Without AVX-512 and with the default LEVELS it says so and exits 0.
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
SUMMARY_ONLY=0
[ "$ROUNDS" = "--summary" ] && SUMMARY_ONLY=1
LEVELS=${LEVELS:-default avx2}
HARNESS=${HARNESS:-build/native/tests/minidl_harness_cpu}
CLI=${CLI:-artifacts/cli/minidl}
FMNIST_DIR=${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}
OUT=${OUT:-artifacts/isa-parity}

if [ "$SUMMARY_ONLY" = 0 ] && [ "$LEVELS" = "default avx2" ] && ! grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    echo "isa-parity: this CPU has no AVX-512 ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | xargs)):"
    echo "  there is nothing to compare AVX2 with (LEVELS=\"default scalar\" rehearses the script)."
    exit 0
fi
if [ "$SUMMARY_ONLY" = 1 ]; then
    ls "$OUT"/harness-*.txt >/dev/null 2>&1 || { echo "isa-parity: no harness-*.txt in $OUT to summarize" >&2; exit 1; }
    ROUNDS=0
else
    [ -x "$HARNESS" ] || { echo "isa-parity: no harness at $HARNESS (./build.sh native builds it)" >&2; exit 1; }
    mkdir -p "$OUT"
    rm -f "$OUT"/harness-*.txt "$OUT"/epoch-*.json
fi

level_env() { [ "$1" = default ] && echo "" || echo "MINIDL_CPU_KERNEL=$1"; }
for r in $(seq 1 "$ROUNDS"); do
    for lv in $LEVELS; do
        echo "isa-parity: round $r, kernels $lv: harness bench …" >&2
        # the first line is the harness's banner (it names the level that ran); the rest is the JSON array
        env $(level_env "$lv") MINIDL_BENCH_ONLY=gemm,stream "$HARNESS" --bench --json > "$OUT/harness-$lv-$r.txt" 2>&1
        if [ -x "$CLI" ] && [ -f "$FMNIST_DIR/train-images-idx3-ubyte.gz" ]; then
            echo "isa-parity: round $r, kernels $lv: Fashion-MNIST epoch …" >&2
            env $(level_env "$lv") "$CLI" bench --backends cpu --no-kernels --epochs 3 --json --data "$FMNIST_DIR" \
                > "$OUT/epoch-$lv-$r.json" 2> "$OUT/epoch-$lv-$r.err"
        fi
    done
done

python3 - "$OUT" $LEVELS <<'PY' | tee "$OUT/isa-parity.md"
import glob, json, os, re, statistics, sys
out, levels = sys.argv[1], sys.argv[2:]

def harness(level):
    """{(name, dtype, size): [values]}, the device names, and the FMA peaks per dtype."""
    rows, devices = {}, set()
    for path in sorted(glob.glob(f"{out}/harness-{level}-*.txt")):
        text = open(path).read()
        m = re.search(r"device='([^']*)'", text)
        if m: devices.add(m.group(1))
        start = text.find("[")
        if start < 0: continue
        for e in json.loads(text[start:]):
            v = e.get("gflops", e.get("gbps"))
            rows.setdefault((e["name"], e["dtype"], e["size"]), []).append((v, e.get("peer_ratio")))
    return rows, devices

def med(xs): return statistics.median(xs) if xs else None

data = {lv: harness(lv) for lv in levels}
a, b = levels
print(f"# AVX2 against AVX-512 in one run ({a} against {b})\n")
for lv in levels:
    print(f"- `{lv}`: {', '.join(sorted(data[lv][1])) or 'no harness output'}")
print()

def peak(lv, dt):
    """that level's FMA peak for dt (its size column names the vector width): the fastest run"""
    vals = [v for (n, d, _), runs in data[lv][0].items() if n == "FMA peak (host)" and d == dt for v, _ in runs]
    return max(vals) if vals else None

print(f"## GEMM, GFLOP/s (median of the rounds) and % of that level's FMA peak\n")
print(f"| product | type | {a} | % peak | {b} | % peak | {b} / {a} |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for key in data[a][0]:
    name, dt, size = key
    if not name.startswith("gemm") or key not in data[b][0]: continue
    va = med([v for v, _ in data[a][0][key]]); vb = med([v for v, _ in data[b][0][key]])
    pa, pb = peak(a, dt), peak(b, dt)
    fa = f"{100 * va / pa:.0f}%" if pa else "—"; fb = f"{100 * vb / pb:.0f}%" if pb else "—"
    label = name.replace("gemm ", "") + ("" if size in name else f" {size}")
    print(f"| {label} | {dt} | {va:.1f} | {fa} | {vb:.1f} | {fb} | {vb / va:.2f} |")

print(f"\n## Streaming kernels at 16M: % of the adjacent STREAM triad (median of the rounds; target >= 80%)\n")
def triads(lv, size):
    return [v for (n, d, sz), runs in data[lv][0].items() if n.startswith("STREAM") and sz == size for v, _ in runs]
for lv in levels:
    t16 = triads(lv, "16M")
    if t16:
        print(f"- the STREAM triad at 16M in the `{lv}` rounds: {min(t16):.1f}-{max(t16):.1f} GB/s (median {med(t16):.1f})")
print("- \"in cache\": the kernel's GB/s at 1M elements (its arrays in L2/L3; median of the rounds), the speed of its"
      " arithmetic: a kernel whose in-cache speed is below the triad is bound by its instructions, not by memory\n")
print(f"| kernel | type | {a} | {b} | {a} in cache | {b} in cache |")
print("| --- | --- | --- | --- | --- | --- |")
def gbps(lv, name, dt, size):
    runs = data[lv][0].get((name, dt, size), [])
    return med([v for v, _ in runs if v])
for key in data[a][0]:
    name, dt, size = key
    if size != "16M" or name.startswith("STREAM") or key not in data[b][0]: continue
    ra = med([r for _, r in data[a][0][key] if r]); rb = med([r for _, r in data[b][0][key] if r])
    if ra is None or rb is None: continue
    flag = lambda r: f"{100 * r:.0f}%" + ("" if r >= 0.8 else " (below)")
    ca, cb = gbps(a, name, dt, "1M"), gbps(b, name, dt, "1M")
    cell = lambda c: f"{c:.1f} GB/s" if c else "—"
    print(f"| {name} | {dt} | {flag(ra)} | {flag(rb)} | {cell(ca)} | {cell(cb)} |")

def epochs(lv):
    xs = []
    for path in sorted(glob.glob(f"{out}/epoch-{lv}-*.json")):
        try: xs.append(json.load(open(path))["training"][0]["secondsPerEpoch"])
        except Exception: pass
    return xs
ea, eb = epochs(a), epochs(b)
print("\n## Fashion-MNIST epoch (MLP 784-256-10, Adam, batch 128), s/epoch\n")
if ea and eb:
    print(f"- `{a}`: {', '.join(f'{x:.3f}' for x in ea)} (median {med(ea):.3f})")
    print(f"- `{b}`: {', '.join(f'{x:.3f}' for x in eb)} (median {med(eb):.3f})")
    ratio = med(eb) / med(ea)
    print(f"- **{b} / {a} = {ratio:.2f}x** (issue 14's target for avx2 against avx512: at most 1.25x; "
          f"{'within' if ratio <= 1.25 else 'over'} it)")
else:
    print("- not measured (no CLI or no Fashion-MNIST: set CLI and FMNIST_DIR)")
PY
