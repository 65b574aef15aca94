#!/usr/bin/env python3
"""Keeps Part 1 of the porting exercise in native/src/cuda/README.md true.

    readme_exercise.py make README.md elementwise.cu OUT.cu
        writes elementwise.cu with the README's map_kernel3 (its two bugs included) put where the README
        says (below map_kernel2, before the table) and its row added after version 2's row of map_versions()
    readme_exercise.py check README.md elementwise.cu HARNESS
        runs HARNESS --only map -q --kernel elementwise=3 (built against OUT.cu) and passes when it exits
        with 1 and prints every line the README quotes for that command, the SUMMARY line included

While a student's own map_kernel3 is in elementwise.cu (the exercise under way), make copies the file as it
is and check skips (exit 77).

CTest runs both (native/CMakeLists.txt, minidl_cuda_emu_readme_exercise): a change to the harness or the
kernels that changes what a student sees fails here until the README says it.
"""
import subprocess
import sys

COMMAND = "--only map -q --kernel elementwise=3"


def fenced_after(text, marker, lang=""):
    """The lines of the first ``` block that follows marker."""
    at = text.index(marker)
    start = text.index("```" + lang + "\n", at) + len("```" + lang + "\n")
    return text[start:text.index("```", start)].rstrip("\n").split("\n")


def part1(readme):
    block = fenced_after(readme, "**Part 1, element-wise", "cuda")
    cut = block.index("...")
    kernel, rows = block[:cut], [r for r in block[cut + 1:] if r.strip()]
    return "\n".join(kernel) + "\n", rows


def make(readme_path, source_path, out_path):
    kernel, rows = part1(open(readme_path, encoding="utf-8").read())
    source = open(source_path, encoding="utf-8").read()
    if not yours(source):
        source = insert(source, kernel, rows)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(source)


def yours(source):
    """True when elementwise.cu already has a map_kernel3: the student's own."""
    return "map_kernel3" in source


def insert(source, kernel, rows):
    table = source.index("/* The versions of the family, as a table")
    source = source[:table] + kernel + "\n" + source[table:]
    row2 = source.index("{map_kernel2<T>, Pack<T>::N, true},")
    after = source.index("\n", row2) + 1
    return source[:after] + "\n".join(rows) + "\n" + source[after:]


def check(readme_path, source_path, harness):
    if yours(open(source_path, encoding="utf-8").read()):
        print("skipped: elementwise.cu has a map_kernel3 of its own (the exercise under way)")
        return 77
    readme = open(readme_path, encoding="utf-8").read()
    quoted = fenced_after(readme, "`./build.sh cuda-emu " + COMMAND + "` prints")
    run = subprocess.run([harness] + COMMAND.split(), capture_output=True, text=True, timeout=600)
    printed = set(run.stdout.split("\n"))
    missing = [line for line in quoted if line not in printed]
    if run.returncode != 1 or missing:
        print(f"README's Part 1 output is not what `{harness} {COMMAND}` prints (exit {run.returncode}, want 1).")
        for line in missing:
            print(f"  quoted, not printed: {line}")
        print("printed (SUMMARY and the first lines of each kind):")
        print("\n".join([l for l in run.stdout.split("\n") if l.startswith("SUMMARY")] + run.stdout.split("\n")[:5]))
        return 1
    print(f"all {len(quoted)} quoted lines printed, exit 1")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "make":
        make(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "check":
        sys.exit(check(*sys.argv[2:]))
    else:
        sys.exit(__doc__)
