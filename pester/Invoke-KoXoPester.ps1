<#
.SYNOPSIS
Runs the whole Pester suite of KoXoLog and ends with one plain line of counts.
.DESCRIPTION
Imports Pester 5 (5.5 or later: the suite is Pester 5 syntax), runs every
*.Tests.ps1 file of this folder, and writes
"Pester: N passed, N failed, N skipped" as its last line. Exits with 1 when a
test failed or a file could not run, 0 otherwise. The end-to-end tests run
the binary at $env:KOXOLOG_EXE, else target/debug/koxolog[.exe].
.PARAMETER Path
Test files or folders to run (default: this folder).
.EXAMPLE
pwsh -NoProfile -File pester/Invoke-KoXoPester.ps1
.EXAMPLE
pwsh -NoProfile -File pester/Invoke-KoXoPester.ps1 -Path pester/KoXoLog.Unit.Tests.ps1
.INPUTS
None
.OUTPUTS
None
#>
[CmdletBinding()]
param(
    [string[]]$Path = @($PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
Import-Module -Name Pester -MinimumVersion 5.5.0
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $false
$result = Invoke-Pester -Configuration $configuration
# A file that failed in its BeforeAll or discovery counts its tests as failed
# or not run; either way the run is not green.
$broken = @($result.Containers | Where-Object { $_.Result -ne 'Passed' }).Count
"Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
if ($result.FailedCount -gt 0 -or $broken -gt 0 -or $result.NotRunCount -gt 0) {
    exit 1
}
exit 0
