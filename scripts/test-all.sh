#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what the
# tests need when it is missing, then runs every layer. Each section below
# belongs to one concern; keep them in this order.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each section says how much disk is left: a full disk is the likeliest way
# for a CI machine to fail what passes on a developer's.
section() { printf '\n=== %s (%s free) ===\n' "$*" "$(df -h --output=avail . | tail -n 1 | tr -d ' ')"; }

# One build per run: incremental compilation's caches would only take disk.
export CARGO_INCREMENTAL=0

# --- what the tests need from Debian ------------------------------------
need_packages=()
command -v unzip >/dev/null || need_packages+=(unzip)
command -v python3 >/dev/null || need_packages+=(python3)
# tests/it/directory.rs starts its own OpenLDAP server (and never a system one).
[ -x /usr/sbin/slapd ] || need_packages+=(slapd)
# tests/it/directory_kerberos.rs makes its own Kerberos realm (an MIT KDC in a
# temporary folder, never the system's) and binds to slapd with SASL GSSAPI;
# the binary's `kerberos` feature builds against the system's GSSAPI library.
[ -x /usr/sbin/krb5kdc ] || need_packages+=(krb5-kdc)
[ -x /usr/sbin/kadmin.local ] || need_packages+=(krb5-admin-server)
command -v kinit >/dev/null || need_packages+=(krb5-user)
[ -f /usr/lib/x86_64-linux-gnu/sasl2/libgssapiv2.so ] || need_packages+=(libsasl2-modules-gssapi-mit)
pkg-config --exists krb5-gssapi 2>/dev/null || need_packages+=(libkrb5-dev)
command -v pkg-config >/dev/null || need_packages+=(pkg-config)
ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 || need_packages+=(libclang-dev)
# tests/it/report.rs renders the report page in headless Chromium.
command -v chromium >/dev/null || need_packages+=(chromium)
if [ ${#need_packages[@]} -gt 0 ]; then
    section "installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # slapd: no system instance to configure or start. The Kerberos packages
    # are not configured either: the tests make a realm of their own.
    echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# --- the code's habits: rustfmt (rustfmt.toml) and clippy, warnings denied --
section "rustfmt and clippy"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings 2>&1
cargo clippy --locked --all-targets --features kerberos -- -D warnings 2>&1

# --- the Rust crate: unit, integration and static PowerShell checks -----
# With the feature `kerberos`: the Kerberos tests need it, and fail without.
section "cargo test"
cargo test --locked --features kerberos 2>&1

# --- the fuzz targets, 30 s each (scripts/fuzz.sh, docs/FUZZING.md) -------
section "fuzzing"
bash scripts/fuzz.sh 30

# --- Pester, under a real PowerShell ---------------------------------------
# A real `pwsh` where one is on PATH (GitHub Actions, a developer's laptop);
# else PowerShell 7.6 hosted from NuGet's SDK package (tests/pwsh), with Pester
# beside it, built here when `dotnet` is; else the suite is not run, and said so.
section "Pester"
if command -v pwsh >/dev/null; then
    powershell=pwsh
    # A real PowerShell brings no Pester 5 of its own.
    pwsh -NoProfile -NonInteractive -Command '
        if (-not (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge ([version]"5.5.0"))) {
            Install-Module -Name Pester -MinimumVersion 5.5.0 -Force -Scope CurrentUser -SkipPublisherCheck
        }'
elif command -v dotnet >/dev/null; then
    echo "pwsh is not on PATH: building PowerShell 7.6 from the SDK package (tests/pwsh)"
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish tests/pwsh -c Release -o target/pwsh \
        --artifacts-path target/pwsh-build -v quiet -nologo 2>&1
    powershell=$PWD/target/pwsh/pwsh
else
    powershell=
    echo "Pester suite not run: neither pwsh nor dotnet is on PATH on this machine."
fi
if [ -n "$powershell" ]; then
    # The end-to-end tests run the binary cargo test has just built.
    KOXOLOG_EXE="$PWD/target/debug/koxolog" "$powershell" -NoProfile -NonInteractive -File pester/Invoke-KoXoPester.ps1
fi

# --- the Windows build, tested under Wine (scripts/windows-test.sh) ------
section "Windows build under Wine"
bash scripts/windows-test.sh
