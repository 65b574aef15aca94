#!/usr/bin/env python3
"""Copy a CUDA source file for the CPU emulator (cuda_runtime.h in this folder).

    rewrite_launches.py IN.cu OUT.cpp

The only change: every kernel launch

    name<T><<<grid, block[, shmem[, stream]]>>>(args)

becomes

    MDL_EMU_LAUNCH("name<T>", name<T>, grid, block[, shmem[, stream]])(args)

(the quoted name is for the emulator's reports; cuda_runtime.h adds __FILE__ and __LINE__)

A #line directive keeps compiler messages pointing at the original file.
"""
import re
import sys

LAUNCH = re.compile(r"([A-Za-z_]\w*(?:\s*<[^<>;()]*(?:<[^<>;()]*>[^<>;()]*)*>)?)\s*<<<(.*?)>>>", re.S)


def rewrite(text):
    count = 0

    def repl(m):
        nonlocal count
        count += 1
        name = m.group(1)
        return 'MDL_EMU_LAUNCH("%s", %s, %s)' % (" ".join(name.split()), name, m.group(2).strip())

    return LAUNCH.sub(repl, text), count


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    out, n = rewrite(text)
    if "<<<" in out or ">>>" in out:
        sys.exit("%s: a launch was not rewritten" % src)
    with open(dst, "w", encoding="utf-8") as f:
        f.write('#line 1 "%s"\n' % src.replace("\\", "/"))
        f.write(out)
    if n:  # a header without launches is copied silently (a "0 launches" line reads like a warning)
        print("%s: %d launches" % (src, n))


if __name__ == "__main__":
    main()
