function Get-KoXoSessionTree {
    <#
    .SYNOPSIS
    Lists the logs of the store, branch by branch, each with its last record.
    .DESCRIPTION
    Runs `koxolog tree`: one KoXoLog.TreeItem per log of the Computers,
    ThinClients and Users branches, with its size, its last write time and
    what its last record says (read from the end of the file). Pipe the items
    to Get-KoXoSessionLog or Get-KoXoSession: they bind by their Path.
    .PARAMETER Branch
    Only these branches: Computers, ThinClients, Users.
    .PARAMETER Name
    Only logs whose name matches; wildcards * and ? allowed.
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Get-KoXoSessionTree | Out-GridView -PassThru | Get-KoXoSessionLog | Out-GridView

    Browse the logs, pick some, and browse their records.
    .EXAMPLE
    Get-KoXoSessionTree -Branch Computers -Name 'A01-*'

    The logs of the computers of room A01, with who used each one last.
    .EXAMPLE
    Get-KoXoSessionTree -Branch Users | Sort-Object LastTime | Select-Object -First 20

    The twenty users who have not logged on for the longest time.
    .INPUTS
    None
    .OUTPUTS
    KoXoLog.TreeItem
    #>
    [CmdletBinding()]
    [OutputType('KoXoLog.TreeItem')]
    param(
        [ValidateSet('Computers', 'ThinClients', 'Users')]
        [string[]]$Branch,

        [SupportsWildcards()]
        [string]$Name,

        [string]$Store
    )

    $arguments = @()
    foreach ($oneBranch in $Branch) {
        $value = $oneBranch.ToLowerInvariant()
        if ($value -eq 'thinclients') {
            $value = 'thin-clients'
        }
        $arguments += @('--branch', $value)
    }
    if ($Name) {
        $arguments += @('--name', $Name)
    }
    $storePath = Get-KoXoStorePath -Store $Store
    if ($storePath) {
        $arguments += @('--store', $storePath)
    }
    Invoke-KoXoNative -Command 'tree' -TypeName 'KoXoLog.TreeItem' -ArgumentList $arguments -Cmdlet $PSCmdlet
}
