function Compress-KoXoSessionLogs {
    <#
    .SYNOPSIS
    Archives every log of the store into a verified ZIP file in its BACKUP folder.
    .DESCRIPTION
    Runs `koxolog compress`: every log of the three branches goes into
    <store>\BACKUP\<store folder>-<yyyyMMdd-HHmmss.fff>Z.zip, named in UTC (or -Destination),
    with the logs' times, compressed on all cores. The archive is written
    under a temporary name, read back with every entry's CRC checked, and
    only then given its final name: a run stopped midway leaves no archive
    under a final name. The logs are only read, and writers keep writing
    during the backup. With -Keep, the oldest archives beyond that number
    are removed once the new one is verified.

    Returns the KoXoLog.Archive made (path, entries, bytes in and out,
    seconds, the older archives removed), for a scheduled task's log.

    With -WhatIf, the binary runs with --dry-run: it writes nothing, and the
    'What if' lines say which archive would be made, with how many logs and
    bytes, and which older archives -Keep would remove; add -Verbose to see
    each log that would go in. Progress shows with Write-Progress.
    .PARAMETER Destination
    The folder the archive is written to (created if missing); by default
    the store's BACKUP folder.
    .PARAMETER Keep
    Keeps only the newest N archives of this store in the destination (the
    new one included): the older ones are removed once the new one is
    verified.
    .PARAMETER Level
    The compression level: 0 stores the logs as they are, 1 is the fastest,
    9 the smallest (default 6).
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Compress-KoXoSessionLogs -Keep 30 -WhatIf

    Says which archive would be made, with how many logs and bytes, and
    which older archives would be removed to keep 30; writes nothing.
    .EXAMPLE
    Compress-KoXoSessionLogs -Keep 30

    The nightly backup: a verified archive in BACKUP, the 30 newest kept.
    .EXAMPLE
    Compress-KoXoSessionLogs -Store '\\dc1\Logs$' -Destination '\\nas\Backups\KoXoLog' -Level 9 | Export-Csv -Append C:\KoXoLog\backups.csv

    The smallest archive, on another server, with a line per run in a CSV.
    .INPUTS
    None
    .OUTPUTS
    KoXoLog.Archive
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType('KoXoLog.Archive')]
    param(
        [string]$Destination,

        [ValidateRange(1, 2147483647)]
        [int]$Keep,

        [ValidateRange(0, 9)]
        [int]$Level,

        [string]$Store
    )

    $arguments = @()
    $storePath = Get-KoXoStorePath -Store $Store
    if ($storePath) {
        $arguments += @('--store', $storePath)
        $target = $storePath
    }
    else {
        $target = 'the default store'
    }
    if ($Destination) {
        $destinationPath = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Destination)
        $arguments += @('--destination', $destinationPath)
        $into = $destinationPath
    }
    else {
        $into = 'its BACKUP folder'
    }
    if ($Keep) {
        $arguments += @('--keep', [string]$Keep)
    }
    if ($PSBoundParameters.ContainsKey('Level')) {
        $arguments += @('--level', [string]$Level)
    }

    if ($WhatIfPreference) {
        # The binary says what it would do; ShouldProcess says it as
        # 'What if' lines (and, under -WhatIf, does nothing).
        $plans = Invoke-KoXoNative -Command 'compress' -TypeName 'KoXoLog.Archive' -ArgumentList ($arguments + '--dry-run') -Cmdlet $PSCmdlet
        foreach ($plan in $plans) {
            [void]$PSCmdlet.ShouldProcess($plan.Path, "Create a verified archive of $($plan.Entries) logs ($($plan.BytesIn) bytes)")
            if ($plan.Removed) {
                foreach ($old in ($plan.Removed -split ', ')) {
                    [void]$PSCmdlet.ShouldProcess($old, "Remove the older archive, to keep the newest $Keep")
                }
            }
        }
        return
    }
    $action = "Archive every log into a verified ZIP in $into"
    if ($Keep) {
        $action += ", then remove the oldest archives beyond $Keep"
    }
    if ($PSCmdlet.ShouldProcess($target, $action)) {
        Invoke-KoXoNative -Command 'compress' -TypeName 'KoXoLog.Archive' -ArgumentList $arguments -Cmdlet $PSCmdlet
    }
}
