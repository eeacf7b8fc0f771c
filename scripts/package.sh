#!/usr/bin/env bash
# Builds the Debian package (design.md §13): target/debian/pluton_<version>-1_amd64.deb, with
# cargo-deb (the pinned version below, installed with `cargo install --locked` when missing or
# different). With CARGO_TARGET_DIR (or build.target-dir) set, the binary and the .deb are in
# that dir instead of target/, as cargo-deb writes them: it reads the target dir from cargo
# metadata, and Cargo.toml's asset `target/release/pluton` is a name it resolves to the real
# target dir's release/ (cargo-deb's "target/release is a magic prefix").
# What goes into the package is listed in Cargo.toml's [package.metadata.deb]; this
# script stages the parts that are optional or derived under target/debian-staging/:
#   - the examples: whatever docs/examples/ holds (fleet/, monitoring/ when present), into
#     /usr/share/doc/pluton/examples/;
#   - the systemd units of docs/examples/monitoring/ (*.service, *.timer), into
#     /usr/lib/systemd/system/: installed, never enabled or started (the package has no
#     maintainer scripts; `systemctl enable --now pluton-check.timer` is the admin's choice);
#   - the Debian changelog cargo-deb installs as changelog.Debian.gz.
# The staging dir stays target/debian-staging in the source tree whatever the target dir:
# cargo-deb takes every other asset path literally, relative to the package, and the paths in
# Cargo.toml are fixed. (target/ is git-ignored and left out of the crate.)
# The binary is built with the release profile (lto, one codegen unit): slow, but it is what
# users run.
#   bash scripts/package.sh            # prints the (absolute) path of the .deb on its last line
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cargo-env.sh

CARGO_DEB_VERSION=3.8.0

if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
    echo "installing cargo-deb $CARGO_DEB_VERSION (cargo install --locked)…" >&2
    cargo install --quiet --locked --force "cargo-deb@$CARGO_DEB_VERSION"
fi

target_dir=$(pluton_target_dir)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
[ -n "$version" ] || { echo "no version in Cargo.toml" >&2; exit 1; }

staging=target/debian-staging
rm -rf "$staging"
mkdir -p "$staging/root/usr/share/doc/pluton/examples"
cp -R docs/examples/. "$staging/root/usr/share/doc/pluton/examples/"
units=()
if [ -d docs/examples/monitoring ]; then
    shopt -s nullglob
    units=(docs/examples/monitoring/*.service docs/examples/monitoring/*.timer)
    shopt -u nullglob
fi
if [ "${#units[@]}" -gt 0 ]; then
    mkdir -p "$staging/root/usr/lib/systemd/system"
    cp "${units[@]}" "$staging/root/usr/lib/systemd/system/"
fi

# One entry: the package is made from this source tree as it is; the user-visible changes are
# in the upstream changelog beside it. Dated by the last commit, so a rebuild is the same file.
date=$(git log -1 --format=%aD 2>/dev/null || date -R)
cat > "$staging/changelog.Debian" <<EOF
pluton ($version-1) unstable; urgency=medium

  * pluton $version; the changes are in /usr/share/doc/pluton/changelog.gz.

 -- $(sed -n 's/^maintainer = "\(.*\)"$/\1/p' Cargo.toml)  $date
EOF

cargo deb --locked --deb-revision 1 >&2
deb="$target_dir/debian/pluton_${version}-1_amd64.deb"
[ -f "$deb" ] || { echo "cargo deb did not write $deb" >&2; exit 1; }
echo "$deb"

# The Windows zip (design.md §13), beside the .deb: pluton-<version>-x86_64-pc-windows-gnu.zip,
# from a release build for x86_64-pc-windows-gnu (the target and mingw-w64, which
# scripts/rclone-env.sh's pluton_ensure_windows_build installs when missing). Its path goes to stderr, so the
# .deb's stays the last line on stdout. PLUTON_PACKAGE_WINDOWS_ZIP=0 skips it: scripts/package-test.sh
# does, as CI's suite already builds and runs the zip from its debug build (scripts/windows-zip.sh
# makes both), and a second lto'd build for Windows would cost CI minutes on 2 cores.
if [ "${PLUTON_PACKAGE_WINDOWS_ZIP:-1}" != 0 ]; then
    . scripts/rclone-env.sh
    pluton_ensure_windows_build >&2
    cargo build --locked --release --target x86_64-pc-windows-gnu --bin pluton >&2
    target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    zip=$(bash scripts/windows-zip.sh "$target_dir/x86_64-pc-windows-gnu/release/pluton.exe" "$(dirname "$deb")" | tail -1)
    echo "wrote $zip" >&2
fi
