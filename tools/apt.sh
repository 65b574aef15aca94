# tools/apt.sh — sourced by build.sh and tools/cross-check.sh: `log` (a step's heading) and `apt_install`.

log() { printf '\n== %s\n' "$*"; }

# Installs Debian packages when missing and we are root (CI and fresh machines); otherwise says what is missing.
# Returns 1 when a package is still missing.
apt_install() {
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
