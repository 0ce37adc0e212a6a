#!/usr/bin/env bash
# The Windows build of koxolog, built here and tested under Wine (Debian's
# rustc-web with -Zbuild-std, mingw-w64, wine64; README, "Windows build").
# Installs what it needs when it is missing, then:
#
#   1. builds the release koxolog.exe and the test binaries for
#      x86_64-pc-windows-gnu, in target/windows (never shared with the Linux
#      build);
#   2. builds the ProcessPrng stand-in DLL (tests/wine/bcryptprimitives.c,
#      a Wine-only test fixture) and prepares a Wine prefix in
#      target/windows/wine-prefix, reused between runs;
#   3. runs every Rust test of the crate as Windows programs under Wine;
#   4. runs the Linux-side interoperability test (tests/it/windows_interop.rs):
#      records written by one build read back by the other;
#   5. makes the release zip (scripts/build-module.sh), unpacks it and runs
#      its koxolog.exe under Wine.
#
# Run alone: bash scripts/windows-test.sh   (scripts/test-all.sh calls it)
set -euo pipefail
cd "$(dirname "$0")/.."

triple=x86_64-pc-windows-gnu
target_dir=$PWD/target/windows
exe=$target_dir/$triple/release/koxolog.exe
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver
export WINEPREFIX=$target_dir/wine-prefix
export WINEDEBUG=-all

step() { printf -- '--- [%3ss] %s (%s free)\n' "$SECONDS" "$*" "$(df -h --output=avail . | tail -n 1 | tr -d ' ')"; }

# --- what the build and the run need from Debian ------------------------
packages=(rustc-web cargo-web rust-web-src libstd-rust-web-dev gcc-mingw-w64-x86-64 wine64)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# -Zbuild-std builds the standard library's own crates: without the crates
# registry they come from rust-web-src, linked in by the offline setup.
if [ -f ../shared/rust-offline/setup.sh ]; then
    bash ../shared/rust-offline/setup.sh
fi

# --- the Windows build ---------------------------------------------------
# Debian's compiler (it has the standard library's sources), never rustup's.
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
windows_cargo() { /usr/bin/cargo "$@" --locked --target "$triple" --target-dir "$target_dir"; }

step "building koxolog.exe (release)"
windows_cargo build --release -Zbuild-std=std,panic_abort
step "building the test binaries"
windows_cargo test --no-run -Zbuild-std 2>&1

# --- the Wine prefix -----------------------------------------------------
stand_in=$target_dir/bcryptprimitives.dll
if [ ! -f "$stand_in" ] || [ tests/wine/bcryptprimitives.c -nt "$stand_in" ]; then
    step "building the ProcessPrng stand-in DLL"
    x86_64-w64-mingw32-gcc -O2 -shared -o "$stand_in" tests/wine/bcryptprimitives.c -ladvapi32 -Wl,--kill-at
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    step "preparing the Wine prefix $WINEPREFIX"
    "$wine" wineboot --init >/dev/null 2>&1
    # The registry is written when that first Wine server ends.
    "$wineserver" -w
fi
cp "$stand_in" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"

# A share for the UNC tests: Wine resolves \\SERVER\SHARE through
# dosdevices/unc/SERVER/SHARE. Emptied on each run.
unc_share=$target_dir/unc-share
rm -rf "$unc_share" && mkdir -p "$unc_share"
mkdir -p "$WINEPREFIX/dosdevices/unc/koxolog-test"
ln -sfn "$unc_share" "$WINEPREFIX/dosdevices/unc/koxolog-test/logs\$"
export KOXOLOG_TEST_UNC_STORE='\\koxolog-test\logs$'

# --- the tests -----------------------------------------------------------
# One Wine server for the whole run (each program would otherwise start
# its own), stopped at the end.
"$wineserver" -w
"$wineserver" -p
trap '"$wineserver" -k 2>/dev/null || true' EXIT

step "running the tests under Wine"
echo "not under Wine: tests/it/directory.rs (it starts slapd, a Linux server, which a Windows test program cannot)"
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$wine windows_cargo test --no-fail-fast -Zbuild-std 2>&1

step "records read back across the Linux and the Windows builds"
# The Linux build with the usual toolchain, in the usual target folder.
env -u RUSTC -u RUSTDOC -u RUSTC_BOOTSTRAP KOXOLOG_WINDOWS_EXE="$exe" KOXOLOG_WINE="$wine" \
    cargo test --locked --test it -- --ignored windows_interop:: 2>&1

step "the release zip, unpacked, runs under Wine"
# scripts/build-module.sh makes dist/KoXoLog-<version>.zip from this build;
# its koxolog.exe, run from the unpacked module folder, writes a record to
# a store and reads it back.
env -u RUSTC -u RUSTDOC -u RUSTC_BOOTSTRAP KOXOLOG_WINDOWS_EXE="$exe" bash scripts/build-module.sh >/dev/null
unpacked=$target_dir/release-check
rm -rf "$unpacked" && mkdir -p "$unpacked"
(cd "$unpacked" && unzip -q "$OLDPWD"/dist/KoXoLog-*.zip)
(cd dist && sha256sum -c --quiet SHA256SUMS)
release_exe=$unpacked/KoXoLog/bin/win-x64/koxolog.exe
version=$(sed -n "s/^ *ModuleVersion *= *'\([^']*\)'.*/\1/p" module/KoXoLog.psd1)
shown=$("$wine" "$release_exe" --version | tr -d '\r')
[ "$shown" = "koxolog $version" ] || { echo "the released koxolog.exe says '$shown', not 'koxolog $version'" >&2; exit 1; }
rm -rf "$WINEPREFIX/drive_c/release-check-store" "$WINEPREFIX/drive_c/release-check-spool"
mkdir -p "$WINEPREFIX/drive_c/release-check-store"
"$wine" "$release_exe" write --event logon --store 'C:\release-check-store' --user release.check --computer RELEASE-PC --spool 'C:\release-check-spool' >/dev/null
records=$("$wine" "$release_exe" log --store 'C:\release-check-store' --user release.check | tr -d '\r')
case "$records" in
    *'"User":"release.check"'*'"Computer":"RELEASE-PC"'*) ;;
    *) echo "the released koxolog.exe did not read back the record it wrote: $records" >&2; exit 1 ;;
esac
echo "dist/$(cd dist && ls KoXoLog-*.zip): koxolog.exe from the unpacked folder ran --version, write and log"

step "koxolog.exe: $exe"
