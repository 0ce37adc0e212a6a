<#
.SYNOPSIS
One run of the PowerShell-layer benchmark: every record of a store into objects.
.DESCRIPTION
With -Reader KoXoLog: Get-KoXoSessionLog of the whole store (the binary at
$env:KOXOLOG_EXE). With -Reader ImportCsv: Import-Csv -Delimiter "`t" of the
same records in one TSV file with a header row, what an administrator would
do by hand. Both count the objects they made, so every object is built.
.PARAMETER Reader
KoXoLog or ImportCsv.
.PARAMETER Source
The store (KoXoLog) or the TSV file (ImportCsv).
.EXAMPLE
pwsh -NoProfile -File bench/powershell-layer.ps1 -Reader KoXoLog -Source target/bench/store-small
.EXAMPLE
pwsh -NoProfile -File bench/powershell-layer.ps1 -Reader ImportCsv -Source target/bench/records-small.tsv
.INPUTS
None
.OUTPUTS
System.Int32
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('KoXoLog', 'ImportCsv')]
    [string]$Reader,

    [Parameter(Mandatory = $true)]
    [string]$Source
)

if ($Reader -eq 'KoXoLog') {
    Import-Module (Join-Path -Path $PSScriptRoot -ChildPath '../module/KoXoLog.psd1')
    (Get-KoXoSessionLog -Store $Source | Measure-Object).Count
}
else {
    (Import-Csv -Delimiter "`t" -Path $Source | Measure-Object).Count
}
