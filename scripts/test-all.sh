#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what the
# tests need when it is missing, then runs every layer. Each section below
# belongs to one concern; keep them in this order.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s ===\n' "$*"; }

# --- what the tests need from Debian ------------------------------------
need_packages=()
command -v unzip >/dev/null || need_packages+=(unzip)
command -v python3 >/dev/null || need_packages+=(python3)
# tests/directory.rs starts its own OpenLDAP server (and never a system one).
[ -x /usr/sbin/slapd ] || need_packages+=(slapd)
if [ ${#need_packages[@]} -gt 0 ]; then
    section "installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # slapd: no system instance to configure or start.
    echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# --- the Rust crate: unit, integration and static PowerShell checks -----
section "cargo test"
cargo test --locked 2>&1

# --- the Windows build, tested under Wine (scripts/windows-test.sh) ------
section "Windows build under Wine"
bash scripts/windows-test.sh

# --- Pester (needs pwsh) -------------------------------------------------
section "Pester"
if command -v pwsh >/dev/null; then
    # The end-to-end tests run the binary cargo test has just built; Pester 5
    # is installed for the current user when missing.
    KOXOLOG_EXE="$PWD/target/debug/koxolog" pwsh -NoProfile -Command '
        if (-not (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge ([version]"5.5.0"))) {
            Install-Module -Name Pester -MinimumVersion 5.5.0 -Force -Scope CurrentUser -SkipPublisherCheck
        }
        Import-Module -Name Pester -MinimumVersion 5.5.0
        Invoke-Pester -Path pester -CI'
else
    echo "Pester suite not run: pwsh is not on PATH on this machine."
fi
