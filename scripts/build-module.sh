#!/usr/bin/env bash
# Assembles the ready-to-copy PowerShell module folder dist/KoXoLog/:
# the manifest, the root module, the format file, Public/ and Private/, and
# the binaries: bin/linux-x64/koxolog from a release build made here, and
# bin/win-x64/koxolog.exe when the Windows build exists
# (target/windows/x86_64-pc-windows-gnu/release/koxolog.exe, see
# ../shared/WINDOWS.md). Needs no PowerShell. Copy dist/KoXoLog to a folder
# of $env:PSModulePath (e.g. C:\Program Files\WindowsPowerShell\Modules).
set -euo pipefail
cd "$(dirname "$0")/.."

dist=dist/KoXoLog
windows_exe=target/windows/x86_64-pc-windows-gnu/release/koxolog.exe

cargo build --release --locked --bin koxolog

rm -rf "$dist"
mkdir -p "$dist/bin/linux-x64"
cp module/KoXoLog.psd1 module/KoXoLog.psm1 module/KoXoLog.Format.ps1xml "$dist/"
cp -r module/Public module/Private "$dist/"
install -m 755 target/release/koxolog "$dist/bin/linux-x64/koxolog"
if [ -f "$windows_exe" ]; then
    mkdir -p "$dist/bin/win-x64"
    cp "$windows_exe" "$dist/bin/win-x64/koxolog.exe"
else
    echo "note: $windows_exe does not exist: $dist has no Windows binary (build it as ../shared/WINDOWS.md says, then run this again)." >&2
fi

echo "$dist:"
(cd "$dist" && find . -type f | sort)
