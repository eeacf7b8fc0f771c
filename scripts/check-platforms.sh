#!/usr/bin/env bash
# Type-checks and lints pluton for the other systems it ships on, from Linux: Windows
# (x86_64-pc-windows-gnu; the suite also builds pluton.exe and runs it under Wine) and macOS
# (aarch64 and x86_64; nothing for macOS can be linked or run here, but `cargo clippy` needs only
# the Rust targets and a C compiler for the one C dependency, ring, through rustls/ureq). ring's C includes three system headers; Debian's
# clang compiles it freestanding against the small stand-ins written below, which declare only
# what ring uses. They exist for this check alone and never reach a build anyone runs.
#   bash scripts/check-platforms.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/rclone-env.sh
pluton_ensure_debian_packages "macOS check" clang:clang
pluton_ensure_windows_build

echo "clippy for x86_64-pc-windows-gnu…" >&2
cargo clippy --locked --target x86_64-pc-windows-gnu --lib --bins -- -D warnings

targets=(aarch64-apple-darwin x86_64-apple-darwin)
installed=$(rustup target list --installed 2>/dev/null || true)
for target in "${targets[@]}"; do
    grep -qx "$target" <<<"$installed" || rustup target add "$target" >&2
done

target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
stubs="$target_dir/macos-stubs"
mkdir -p "$stubs"
cat > "$stubs/TargetConditionals.h" <<'H'
#pragma once
#define TARGET_OS_OSX 1
#define TARGET_OS_IPHONE 0
#define TARGET_OS_IOS 0
H
cat > "$stubs/assert.h" <<'H'
#pragma once
#define assert(x) ((void)0)
H
cat > "$stubs/string.h" <<'H'
#pragma once
#include <stddef.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
H

for target in "${targets[@]}"; do
    var=${target//-/_}
    echo "clippy for $target…" >&2
    env "CC_$var=clang" "CFLAGS_$var=-ffreestanding -nostdlibinc -isystem $stubs" \
        cargo clippy --locked --target "$target" --lib --bins -- -D warnings
done
