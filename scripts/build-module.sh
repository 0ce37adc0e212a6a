#!/usr/bin/env bash
# Assembles the release of the PowerShell module: the folder dist/KoXoLog/
# (the manifest, the root module, the format file, Public/ and Private/,
# and the binaries bin/linux-x64/koxolog and bin/win-x64/koxolog.exe), then
# dist/KoXoLog-<version>.zip of that folder and dist/SHA256SUMS. Needs no
# PowerShell. An administrator unzips it into a folder of $env:PSModulePath
# (README, "On Windows").
#
# The Linux binary is a release build made here. The Windows one is taken
# from $KOXOLOG_WINDOWS_EXE, else from the build scripts/windows-test.sh
# makes (target/windows/x86_64-pc-windows-gnu/release/koxolog.exe): without
# it there is no release, and this says how to make it. The release workflow
# (.github/workflows/release.yml) gives its own MSVC build, and the project's
# address for the manifest in $KOXOLOG_PROJECT_URI.
#
#   bash scripts/windows-test.sh && bash scripts/build-module.sh
set -euo pipefail
cd "$(dirname "$0")/.."

windows_exe=${KOXOLOG_WINDOWS_EXE:-target/windows/x86_64-pc-windows-gnu/release/koxolog.exe}
if [ ! -f "$windows_exe" ]; then
    echo "build-module: $windows_exe does not exist: build the Windows binary first (bash scripts/windows-test.sh builds it under Wine), or name it in KOXOLOG_WINDOWS_EXE." >&2
    exit 2
fi
command -v zip >/dev/null || { echo "build-module: needs zip (apt-get install zip)" >&2; exit 2; }

cargo build --release --locked --bin koxolog
version=$(target/release/koxolog --version | awk '{print $2}')
manifest_version=$(sed -n "s/^ *ModuleVersion *= *'\([^']*\)'.*/\1/p" module/KoXoLog.psd1)
if [ "$version" != "$manifest_version" ]; then
    echo "build-module: the binary is $version but module/KoXoLog.psd1 says ModuleVersion $manifest_version: make them one version" >&2
    exit 2
fi

dist=dist/KoXoLog
rm -rf dist
mkdir -p "$dist/bin/linux-x64" "$dist/bin/win-x64"
cp module/KoXoLog.psd1 module/KoXoLog.psm1 module/KoXoLog.Format.ps1xml "$dist/"
cp -r module/Public module/Private "$dist/"
install -m 755 target/release/koxolog "$dist/bin/linux-x64/koxolog"
cp "$windows_exe" "$dist/bin/win-x64/koxolog.exe"
if [ -n "${KOXOLOG_PROJECT_URI:-}" ]; then
    # The Gallery shows the project's page; the repository does not know its own address.
    sed -i "s|^\( *\)LicenseUri *=|\1ProjectUri = '$KOXOLOG_PROJECT_URI'\n&|" "$dist/KoXoLog.psd1"
fi

archive=KoXoLog-$version.zip
# Fixed times and order, so that one source gives one archive.
find "$dist" -exec touch -h -d '2000-01-01 00:00:00' {} +
(cd dist && find KoXoLog | LC_ALL=C sort | zip -q -X -@ "$archive")
(cd dist && sha256sum "$archive" > SHA256SUMS)

echo "dist/$archive:"
(cd dist && unzip -l "$archive" | tail -n +4 | head -n -2 | awk '{print "  " $4}')
cat dist/SHA256SUMS
