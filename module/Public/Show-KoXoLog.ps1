function Show-KoXoLog {
    <#
    .SYNOPSIS
    The KoXo viewer in PowerShell: pick branches and logs, see their records, act on them.
    .DESCRIPTION
    Walks the store as KoXo's viewer did, one step after the other:
    the branches (Computers, ThinClients, Users), the logs of the branches
    picked, the records of the logs picked, then what to do with the records
    picked: open them as RTF in the default viewer, show the directory
    entries of their users and computers, or list the sessions of the logs.
    Each step is an Out-GridView window where one can open (Windows with a
    desktop); elsewhere (Server Core, PowerShell 7 on Linux, -Console) each
    step is a numbered console menu: type numbers (1,3-5 or *), text to
    narrow a long list, or Enter to go back a step. Cancelling a window also
    goes back; leaving the first step ends the viewer.
    .PARAMETER Branch
    Start with these branches instead of asking: Computers, ThinClients, Users.
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .PARAMETER Console
    Use the console menus even where Out-GridView can open.
    .EXAMPLE
    Show-KoXoLog

    Opens the viewer on the default store.
    .EXAMPLE
    Show-KoXoLog -Branch Computers -Store '\\dc1\Logs$' -Console

    The computers' logs of a store named here, in console menus (as on Server Core).
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [ValidateSet('Computers', 'ThinClients', 'Users')]
        [string[]]$Branch,

        [string]$Store,

        [switch]$Console
    )

    $inConsole = $Console.IsPresent -or -not (Test-KoXoGridView)
    $storeParameter = @{}
    if ($Store) {
        $storeParameter['Store'] = $Store
    }
    $pick = @{ Console = $inConsole }

    while ($true) {
        $branches = $Branch
        if (-not $branches) {
            $choices = @('Computers', 'ThinClients', 'Users') | ForEach-Object { [pscustomobject]@{ Branch = $_ } }
            $branches = @(Select-KoXoViewerItem @pick -InputObject $choices -Title 'KoXoLog: the branches to browse' -Property 'Branch' -Multiple).Branch
            if (-not $branches) {
                return
            }
        }
        $tree = @(Get-KoXoSessionTree @storeParameter -Branch $branches)
        if ($tree.Count -eq 0) {
            Write-Warning "No log in $($branches -join ', ')."
            if ($Branch) {
                return
            }
            continue
        }
        $logs = @(Select-KoXoViewerItem @pick -InputObject $tree -Title 'KoXoLog: the logs to read' -Property 'Branch', 'Name', 'LastTime', 'LastEvent', 'LastUser', 'LastComputer' -Multiple)
        if ($logs.Count -eq 0) {
            if ($Branch) {
                return
            }
            continue
        }
        Show-KoXoLogRecord -Log $logs -StoreParameter $storeParameter -Console:$inConsole
    }
}
