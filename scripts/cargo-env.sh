# Sourced by the scripts that use what cargo built.

pluton_target_dir() {
    # Prints the absolute target dir cargo builds into: CARGO_TARGET_DIR, or a .cargo/config's
    # build.target-dir, or ./target. cargo metadata resolves all of them the way cargo build
    # (and cargo-deb) will, so no script has to guess. The JSON is read with sed (no jq or
    # python on a fresh Debian); a path holding a `"` is refused rather than cut short.
    local dir
    dir=$(cargo metadata --format-version 1 --no-deps --locked \
        | sed -n 's/.*"target_directory":"\([^"\\]*\)".*/\1/p')
    case "$dir" in
        /*) printf '%s\n' "$dir" ;;
        *) echo "cannot tell cargo's target dir from \`cargo metadata\` (got '$dir')" >&2; return 1 ;;
    esac
}
