function Get-KoXoLogStore {
    <#
    .SYNOPSIS
    Gets the store the KoXoLog cmdlets use when -Store is not given.
    .DESCRIPTION
    Returns the store set by Set-KoXoLogStore, else $env:KOXOLOG_STORE.
    Returns nothing when neither is set: the binary then uses its own
    default store (%ProgramData%\KoXoLog\Logs on Windows), and
    Write-KoXoSession writes to the Logs$ share of the PDC emulator.
    .EXAMPLE
    Get-KoXoLogStore

    Shows the default store.
    .EXAMPLE
    if (-not (Get-KoXoLogStore)) { Set-KoXoLogStore '\\dc1\Logs$' }

    Sets a default store when there is none yet.
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    Get-KoXoStorePath
}
