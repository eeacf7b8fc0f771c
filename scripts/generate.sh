#!/usr/bin/env bash
# Regenerates the files derived from the command-line definition (src/cli.rs): the shell
# completions in completions/ and the man pages in docs/man/. Tests fail when the committed
# copies are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
mkdir -p completions
for pair in bash:pluton.bash zsh:_pluton fish:pluton.fish elvish:pluton.elv powershell:_pluton.ps1; do
    target/debug/pluton completions "${pair%%:*}" > "completions/${pair#*:}"
done
PLUTON_REGENERATE=1 cargo test --quiet --locked --test main committed_man_pages_are_current >/dev/null
echo "regenerated completions/ and docs/man/" >&2
