#!/usr/bin/env bash
# Regenerates the files derived from the command-line definition (src/cli.rs): the shell
# completions in completions/. A test fails when the committed copies are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked
mkdir -p completions
for pair in bash:pluton.bash zsh:_pluton fish:pluton.fish elvish:pluton.elv powershell:_pluton.ps1; do
    target/debug/pluton completions "${pair%%:*}" > "completions/${pair#*:}"
done
echo "regenerated completions/" >&2
