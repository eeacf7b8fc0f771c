#!/usr/bin/env bash
# Writes the Windows zip (design.md §13): pluton-<version>-x86_64-pc-windows-gnu.zip, one folder
# of that name holding pluton.exe, README.md, LICENSE, docs/ and completions/ (the PowerShell
# completion among them). Shared by scripts/package.sh (the release build, what users get) and
# scripts/test.sh (the debug build it already has, so the suite tests the zip's making and
# unpacking without a second, lto'd Windows build). Python's zipfile writes it: no zip tool
# needed, and fixed timestamps (the last commit's date) make a rebuild the same file.
#   bash scripts/windows-zip.sh PLUTON_EXE OUT_DIR      # prints the zip's path on its last line
set -euo pipefail
cd "$(dirname "$0")/.."
exe="$1" out="$2"
[ -f "$exe" ] || { echo "no pluton.exe at $exe" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
[ -n "$version" ] || { echo "no version in Cargo.toml" >&2; exit 1; }
name="pluton-$version-x86_64-pc-windows-gnu"
mkdir -p "$out"
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 315532800)
python3 - "$exe" "$out/$name.zip" "$name" "$epoch" <<'PY'
import os, sys, time, zipfile
exe, target, top, epoch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
files = [(exe, "pluton.exe"), ("README.md", "README.md"), ("LICENSE", "LICENSE")]
for tree in ("docs", "completions"):
    for root, dirs, names in os.walk(tree):
        dirs.sort()
        files += [(os.path.join(root, n), os.path.join(root, n)) for n in sorted(names)]
with zipfile.ZipFile(target + ".part", "w", zipfile.ZIP_DEFLATED) as z:
    for source, name in files:
        info = zipfile.ZipInfo(top + "/" + name.replace(os.sep, "/"), stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(source, "rb") as f:
            z.writestr(info, f.read())
os.replace(target + ".part", target)
PY
echo "$out/$name.zip"
