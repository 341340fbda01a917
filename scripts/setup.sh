#!/usr/bin/env bash
# Installs what Stride needs to build, test and run, and nothing that is already there.
# Idempotent: a second run does nothing. Runs `apt-get update` at most once, only when
# a package is missing. Usage: scripts/setup.sh [--optional]
#   --optional  also try the packages that are nice to have (Fashion-MNIST); failure is not fatal.
set -euo pipefail

required=(libncurses-dev libopenblas-dev zlib1g-dev libssl-dev tmux libcurl4 libcurl4-openssl-dev libpng-dev libjpeg-dev libsqlite3-dev)
optional=(dataset-fashion-mnist)

# Prints the packages among "$@" that are not installed: one dpkg-query for all of them (one
# per package took ~1 s on a busy machine, on every `make run`).
missing() {
    local -A ok=()
    local name status pkg
    while read -r name status; do
        [ "$status" = "install ok installed" ] && ok[$name]=1
    done < <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)
    for pkg in "$@"; do [ -n "${ok[$pkg]:-}" ] || echo "$pkg"; done
}

sudo_if_needed() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root to run: $*" >&2; return 1; fi
}

updated=0
install() {
    [ "$#" -gt 0 ] || return 0
    echo "setup: installing $*" >&2
    if [ "$updated" -eq 0 ]; then
        sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        updated=1
    fi
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "setup: swift is at /opt/swift/usr/bin; add it to PATH" >&2
    else
        echo "setup: no Swift toolchain found (need Swift 6)" >&2
    fi
    exit 1
fi

mapfile -t need < <(missing "${required[@]}")
install "${need[@]}"

# A failed optional install is not retried on every `make run` (each try runs apt-get update):
# it is remembered in .build/, until `make clean` or removing the file.
failed_stamp="$(cd "$(dirname "$0")/.." && pwd)/.build/setup-optional-failed"
if [ "${1:-}" = "--optional" ] && [ ! -e "$failed_stamp" ]; then
    mapfile -t want < <(missing "${optional[@]}")
    if ! install "${want[@]}"; then
        echo "setup: optional packages not installed: ${want[*]} (Fashion-MNIST will be unavailable;" \
             "not tried again until $failed_stamp is removed)" >&2
        mkdir -p "$(dirname "$failed_stamp")" && echo "${want[*]}" > "$failed_stamp"
    fi
fi
exit 0
