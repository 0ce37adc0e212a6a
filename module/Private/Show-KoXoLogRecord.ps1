function Show-KoXoLogRecord {
    # The steps of Show-KoXoLog after the logs are picked: their records,
    # then the actions on the records picked, until the user goes back.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [object[]]$Log,

        [Parameter(Mandatory = $true)]
        [hashtable]$StoreParameter,

        [switch]$Console
    )

    $pick = @{ Console = $Console.IsPresent }
    $records = @($Log | Get-KoXoSessionLog @StoreParameter)
    if ($records.Count -eq 0) {
        Write-Warning "No record in $(@($Log.Name) -join ', ')."
        return
    }
    while ($true) {
        $picked = @(Select-KoXoViewerItem @pick -InputObject $records -Title "KoXoLog: $($records.Count) records; pick those to act on" -Property 'Time', 'Event', 'User', 'Computer', 'Client', 'Ip' -Multiple)
        if ($picked.Count -eq 0) {
            return
        }
        $actions = @(
            [pscustomobject]@{ Action = 'Open as RTF' }
            [pscustomobject]@{ Action = 'Show directory entries' }
            [pscustomobject]@{ Action = 'List sessions' }
        )
        $action = Select-KoXoViewerItem @pick -InputObject $actions -Title "KoXoLog: what to do with $($picked.Count) records" -Property 'Action'
        if (-not $action) {
            continue
        }
        switch ($action.Action) {
            'Open as RTF' {
                $file = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('KoXoLog-{0:yyyyMMdd-HHmmss}.rtf' -f (Get-Date))
                $picked | Export-KoXoSessionRtf -Path $file -Force @StoreParameter
                Invoke-Item -LiteralPath $file
            }
            'Show directory entries' {
                $entries = @($picked | Get-KoXoDirectoryEntry)
                Show-KoXoViewerResult -InputObject $entries -Title 'KoXoLog: directory entries' -Console:$Console
            }
            'List sessions' {
                $sessions = @(Get-KoXoSession -LiteralPath @($Log.Path) @StoreParameter)
                Show-KoXoViewerResult -InputObject $sessions -Title 'KoXoLog: sessions' -Console:$Console
            }
        }
    }
}
