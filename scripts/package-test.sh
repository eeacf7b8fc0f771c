#!/usr/bin/env bash
# The Debian package's round trip on this machine (design.md §13), as `.ci/run` runs it after
# the suite: build the .deb (scripts/package.sh, with CARGO_TARGET_DIR set), lintian, `apt-get install ./….deb` (which pulls
# Debian's own rclone), then, as an unprivileged user with a fresh home: the binary, a man page,
# completion in bash, zsh and fish as the packaged files load themselves, a storage added and
# tested with Debian's rclone, the systemd units installed but not enabled and clean to
# `systemd-analyze verify`; then `apt-get purge` leaves no file of the package and the user's
# config dir as it was. The machine is put back as it was: every package the install pulled in
# (rclone above all: a /usr/bin/rclone 1.60.1 must not stay behind for the suite) is purged again.
# The tools the test itself needs (lintian, man-db, bash-completion, zsh, fish, systemd) stay, as
# the suite's own do.
#
# Needs root and apt-get (CI runs as root on a fresh Debian 12). Refuses to run when pluton is
# installed as a package already: that is somebody's real install.
#   bash scripts/package-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/rclone-env.sh
. scripts/cargo-env.sh

fail() {
    echo "package test: $*" >&2
    exit 1
}
step() {
    echo "package test: $*" >&2
}

[ "$(id -u)" -eq 0 ] || fail "needs root (it installs and purges a package): run it as root or in CI"
command -v apt-get >/dev/null 2>&1 || fail "needs apt-get (Debian or Ubuntu)"
installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}
if dpkg-query -W -f='${db:Status-Status}' pluton 2>/dev/null | grep -qv '^not-installed$'; then
    fail "the pluton package is installed here already; purge it first (apt-get purge pluton)"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq </dev/null >/dev/null
PLUTON_APT_UPDATED=1
pluton_ensure_debian_packages "package test" lintian:lintian man:man-db zsh:zsh fish:fish \
    systemd-analyze:systemd runuser:util-linux
# bash-completion has no command of its own.
installed bash-completion || apt-get install -y -qq --no-install-recommends bash-completion </dev/null >/dev/null

# Everything below is undone on the way out, however the test ends.
work=$(mktemp -d /tmp/pluton-package-test.XXXXXX)
chmod 0755 "$work"
before_packages="$work/packages.before"
dpkg-query -W -f='${db:Status-Status} ${Package}\n' | sed -n 's/^installed //p' | sort > "$before_packages"
restore() {
    local status=$?
    set +e
    if dpkg-query -W -f='${db:Status-Status}' pluton 2>/dev/null | grep -qv '^not-installed$'; then
        apt-get purge -y -qq pluton </dev/null >/dev/null
    fi
    local added
    added=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' | sed -n 's/^installed //p' | sort \
        | comm -13 "$before_packages" -)
    if [ -n "$added" ]; then
        step "putting the machine back: purging what the install pulled in: $(echo $added)"
        # shellcheck disable=SC2086
        apt-get purge -y -qq $added </dev/null >/dev/null || echo "package test: could not purge $added" >&2
    fi
    rm -rf "$work"
    exit "$status"
}
trap restore EXIT

# package.sh honours CARGO_TARGET_DIR (design.md §13), so it runs with one that is not ./target
# and must print a .deb inside it: a script that looked in target/ fails here. That dir's
# release/ is a link to the real one, so the release build (minutes with lto) is made once and
# shared, and stays where the rest of CI finds it.
real_target=$(pluton_target_dir)
mkdir -p "$real_target/release" "$work/target"
ln -s "$real_target/release" "$work/target/release"
step "building the package (CARGO_TARGET_DIR=$work/target bash scripts/package.sh)"
# Without the Windows zip: the suite built and ran it already (see scripts/package.sh).
deb=$(CARGO_TARGET_DIR="$work/target" PLUTON_PACKAGE_WINDOWS_ZIP=0 bash scripts/package.sh | tail -1)
case "$deb" in
    "$work/target/debian/"*.deb) ;;
    *) fail "scripts/package.sh with CARGO_TARGET_DIR=$work/target printed '$deb', not a .deb in $work/target/debian/" ;;
esac
[ -f "$deb" ] || fail "scripts/package.sh printed $deb, which does not exist"

# No maintainer scripts (nothing enabled, started or removed behind dpkg's back) and no
# conffiles (so remove and purge both take every file).
control=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' | grep -Ev '^(|control|md5sums)$' || true)
[ -z "$control" ] || fail "the package has maintainer scripts or conffiles: $(echo $control)"

step "lintian --fail-on error $deb"
lintian --fail-on error --tag-display-limit 0 "$deb" || fail "lintian found errors in $deb"

step "apt-get install $deb"
apt-get install -y -qq "$deb" </dev/null >/dev/null || fail "apt-get install $deb failed"
installed rclone || fail "installing the package did not install Debian's rclone"
echo "  rclone $(dpkg-query -W -f='${Version}' rclone) from Debian at /usr/bin/rclone" >&2

# The user: nobody, with a fresh home as a new account gets it (Debian's /etc/skel), and the
# Debian default PATH without /usr/local: only /usr/bin/pluton and /usr/bin/rclone (the one the
# package pulled in) may answer, never pip's rclone or a pluton from a checkout.
home="$work/home"
mkdir -p "$home"
cp -R /etc/skel/. "$home/"
chown -R nobody:nogroup "$home"
as_user() {
    runuser -u nobody -- env -i HOME="$home" USER=nobody LOGNAME=nobody SHELL=/bin/bash \
        PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=dumb "$@" </dev/null
}
[ "$(as_user sh -c 'command -v pluton')" = /usr/bin/pluton ] || fail "pluton is not /usr/bin/pluton for the user"
[ "$(as_user sh -c 'command -v rclone')" = /usr/bin/rclone ] || fail "rclone is not /usr/bin/rclone for the user"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
step "pluton --version"
out=$(as_user pluton --version)
echo "  $out" >&2
case "$out" in *"$version"*) ;; *) fail "pluton --version says '$out', not $version" ;; esac

step "man -w pluton-storage-add"
out=$(as_user man -w pluton-storage-add) || fail "man does not find pluton-storage-add"
[ "$out" = /usr/share/man/man1/pluton-storage-add.1.gz ] || fail "man -w pluton-storage-add: $out"
for page in docs/man/*.1; do
    [ -f "/usr/share/man/man1/$(basename "$page").gz" ] || fail "man page $(basename "$page") is not installed"
done

# bash: a fresh interactive shell with the new user's ~/.bashrc, which loads bash-completion;
# bash-completion finds the package's file by itself the first time `pluton` is completed: TAB
# on a command without a completion calls the default completion (`complete -D`, bash-
# completion's loader), which sources /usr/share/bash-completion/completions/pluton. Then the
# line is completed with the function that file registered, as TAB does.
step "bash completes 'pluton sto'"
bash_probe='
complete -p pluton >/dev/null 2>&1 && { echo "pluton completion loaded before TAB" >&2; exit 3; }
default=$(complete -p -D 2>/dev/null) || { echo "bash-completion is not loaded (no default completion)" >&2; exit 5; }
loader=${default#*-F }; loader=${loader%% *}
"$loader" pluton sto pluton
spec=$(complete -p pluton 2>/dev/null) || { echo "bash-completion did not load a completion for pluton" >&2; exit 4; }
fn=${spec#*-F }; fn=${fn%% *}
COMP_LINE="pluton sto"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(pluton sto); COMP_CWORD=1
"$fn" pluton sto pluton
printf "%s\n" "${COMPREPLY[@]}"'
out=$(as_user bash -i -c "$bash_probe" 2>"$work/bash.err") || fail "bash: $(cat "$work/bash.err")"
[ "$out" = storage ] || fail "bash offered '$out' for 'pluton sto', not 'storage'"

# zsh: the package's _pluton is on zsh's default fpath (vendor-completions); compinit finds it.
# Typed into an interactive zsh in a pseudo-terminal, with compadd recorded (as
# tests/support/shells.rs does it).
step "zsh completes 'pluton sto'"
cat > "$work/init.zsh" <<'EOF'
PROMPT=''
autoload -Uz compinit && compinit -u -D
(( ${+_comps[pluton]} )) || print -r -- "NOT-IN-COMPS" >> "$HARNESS_OUT"
compadd() {
    local -a __m
    builtin compadd -O __m "$@"
    (( ${#__m} )) && print -rl -- "${(@)__m/#/M:}" >> "$HARNESS_OUT"
    builtin compadd "$@"
}
_harness_done() { print -r -- done > "$HARNESS_OUT.done" }
comppostfuncs+=(_harness_done)
bindkey '^I' complete-word
EOF
cat > "$work/harness.zsh" <<'EOF'
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "source ${(q)HARNESS_INIT}"
zpty -w -n z "pluton sto"$'\t'
integer i
for (( i = 0; i < 2000; i++ )); do
    [[ -f $HARNESS_OUT.done ]] && break
    sleep 0.01
done
zpty -d z
[[ -f $HARNESS_OUT.done ]] || { print -u2 "zsh did not finish completing within 20 s"; exit 4 }
EOF
chmod 0644 "$work/init.zsh" "$work/harness.zsh"
as_user env HARNESS_INIT="$work/init.zsh" HARNESS_OUT="$home/zsh.out" zsh -f "$work/harness.zsh" \
    || fail "zsh: the harness failed"
out=$(cat "$home/zsh.out")
[ "$out" = "M:storage" ] || fail "zsh offered '$out' for 'pluton sto', not 'storage'"
rm -f "$home/zsh.out" "$home/zsh.out.done"

# fish: the package's file is in vendor_completions.d, which fish searches by itself.
step "fish completes 'pluton sto'"
out=$(as_user fish -c 'complete -C "pluton sto"' | cut -f1)
[ "$out" = storage ] || fail "fish offered '$out' for 'pluton sto', not 'storage'"

# A storage with Debian's rclone, in the user's own (default) config dir.
step "storage add local / storage test --all with /usr/bin/rclone $(dpkg-query -W -f='${Version}' rclone)"
as_user mkdir -p "$home/backups"
as_user pluton storage add local --name Scratch --path "$home/backups" --set copy_links=true \
    || fail "pluton storage add local failed with Debian's rclone"
as_user pluton storage test --all || fail "pluton storage test --all failed with Debian's rclone"
[ -f "$home/.config/pluton/rclone.conf" ] || fail "no rclone.conf in the user's config dir"
# …and it was Debian's rclone that pluton ran, not another one somewhere.
out=$(as_user pluton doctor 2>&1 || true)
printf '%s\n' "$out" | grep -Eq "rclone v?1\.60\.1[^ ;]* at /usr/bin/rclone" \
    || fail "pluton doctor does not report Debian's rclone 1.60.1 at /usr/bin/rclone: $out"

# Units: whatever the package ships in /usr/lib/systemd/system.
units=$(dpkg -L pluton | grep '^/usr/lib/systemd/system/.' || true)
if [ -n "$units" ]; then
    step "systemd units: not enabled, verify clean: $(echo $units)"
    for unit in $units; do
        name=$(basename "$unit")
        # Enabling a unit is a symlink under /etc/systemd/system (in timers.target.wants/ for a
        # timer, or wherever its [Install] says); `systemctl is-enabled` asks the running systemd,
        # which a container does not have, so the file system is checked instead.
        found=$(find /etc/systemd/system -name "$name" 2>/dev/null)
        [ -z "$found" ] || fail "$name is enabled: $found"
    done
    # shellcheck disable=SC2086
    out=$(systemd-analyze verify $units 2>&1) || fail "systemd-analyze verify failed: $out"
    [ -z "$out" ] || fail "systemd-analyze verify is not clean: $out"
fi

# `apt-get purge`: no file of the package may stay, dpkg must forget it, and the user's home
# (their config dir with rclone.conf above all) must stay as it was. (`apt-get remove` does the
# same: the package has no conffiles, checked above, so dpkg forgets it on removal already.)
snapshot_home() {
    (cd "$home" && find . -printf '%p %m %s\n' | sort && find . -type f -exec sha256sum {} + | sort)
}
dpkg -L pluton > "$work/files"
home_before=$(snapshot_home)
step "apt-get purge pluton"
apt-get purge -y -qq pluton </dev/null >/dev/null || fail "apt-get purge pluton failed"
dpkg-query -W -f='${db:Status-Status}' pluton 2>/dev/null | grep -qv '^not-installed$' \
    && fail "dpkg still knows pluton after the purge: $(dpkg-query -W -f='${db:Status-Status}' pluton)"
left=()
while IFS= read -r path; do
    [ "$path" = /. ] && continue
    [ -e "$path" ] || [ -L "$path" ] || continue
    # A directory the package shared with others (/usr/bin, …) stays; nothing else may.
    if [ -d "$path" ] && [ ! -L "$path" ] && { [ -n "$(ls -A "$path")" ] || dpkg-query -S "$path" >/dev/null 2>&1; }; then
        continue
    fi
    left+=("$path")
done < "$work/files"
[ "${#left[@]}" -eq 0 ] || fail "apt-get purge left files of the package behind: ${left[*]}"
[ "$(snapshot_home)" = "$home_before" ] || fail "apt-get purge changed the user's home or config dir"
[ -f "$home/.config/pluton/rclone.conf" ] || fail "the user's rclone.conf is gone"

step "passed: installed, used as a user, purged without a trace"
