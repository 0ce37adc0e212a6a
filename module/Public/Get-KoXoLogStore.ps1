function Get-KoXoLogStore {
    <#
    .SYNOPSIS
    Gets the store the KoXoLog cmdlets use when -Store is not given.
    .DESCRIPTION
    Returns the store set by Set-KoXoLogStore for this session, else
    $env:KOXOLOG_STORE, else the one the binary finds by itself
    (`koxolog config get store`): the settings files (Set-KoXoLogStore
    -Scope User or Machine), else the Logs$ share of the domain's PDC
    emulator on a computer joined to a domain, else this computer's own
    store (%ProgramData%\KoXoLog\Logs on Windows).
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

    $named = Get-KoXoStorePath
    if ($named) {
        return $named
    }
    Invoke-KoXoNative -Command 'config' -TypeName 'KoXoLog.Setting' -ArgumentList @('get', 'store') -Cmdlet $PSCmdlet |
        Where-Object { $_.Scope -eq 'Effective' } |
        ForEach-Object { $_.Value }
}
