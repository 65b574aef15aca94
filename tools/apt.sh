# tools/apt.sh — sourced by build.sh and the tools/*.sh scripts: `log` (a step's heading), `cpus` and `apt_install`.
# Written for bash 3.2 too (macOS's /bin/bash): no empty "${array[@]}" under `set -u`, no bash 4 syntax.

log() { printf '\n== %s\n' "$*"; }

# The number of CPUs for `make -j` / `ctest -j`: nproc (Linux), sysctl (macOS, which has no nproc), else 2.
cpus() { nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2; }

# Installs Debian packages when missing and we are root (CI and fresh machines); otherwise says what is missing.
# Returns 1 when a package is still missing.
apt_install() {
    if ! command -v dpkg >/dev/null; then
        echo "note: not a Debian/Ubuntu machine: install $* yourself if you need them (see README.md)" >&2
        return 1
    fi
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing ${missing[*]}"
        if [ -z "${MINIDL_APT_UPDATED:-}" ]; then apt-get update -qq || true; export MINIDL_APT_UPDATED=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
    else
        echo "note: missing packages ${missing[*]} (install them with: sudo apt-get install ${missing[*]})" >&2
        return 1
    fi
}
