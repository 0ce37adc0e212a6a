function Remove-KoXoSessionRecord {
    <#
    .SYNOPSIS
    Removes the records older than a retention period from every log of the store, after archiving them.
    .DESCRIPTION
    Runs `koxolog purge`: every record older than -OlderThan leaves every
    log of the three branches (headers, unreadable lines and records of
    unknown time stay). First they all go into a ZIP archive,
    <store>\BACKUP\<store folder>-purged-<time>Z.zip (or -Destination),
    which is read back and verified before anything is removed; then each
    log is held against writers, as writers hold it against each other,
    rewritten in place and let go, so a logon recorded meanwhile waits a
    moment and is never lost. Returns the KoXoLog.Purge summary (cutoff,
    logs, records and bytes removed, the archive).
    This removes data: it asks for confirmation unless -Confirm:$false is
    given. With -WhatIf the binary runs with --dry-run and the 'What if'
    lines say how many records of how many logs would go, changing nothing
    (-Verbose: each log).
    .PARAMETER OlderThan
    The retention period: records older than this are removed. A TimeSpan
    ((New-TimeSpan -Days 400), or '400.00:00:00'), at least one second.
    .PARAMETER Destination
    The folder the archive of what is removed goes to (created if missing);
    by default the store's BACKUP folder.
    .PARAMETER NoArchive
    Removes without archiving first.
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Remove-KoXoSessionRecord -OlderThan (New-TimeSpan -Days 400) -WhatIf

    Says how many records of how many logs are older than 400 days; changes nothing.
    .EXAMPLE
    Remove-KoXoSessionRecord -OlderThan (New-TimeSpan -Days 400) -Destination '\\nas\Archives\KoXoLog' -Confirm:$false

    The yearly retention run: older records archived on a NAS, then removed, without asking.
    .INPUTS
    None
    .OUTPUTS
    KoXoLog.Purge
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType('KoXoLog.Purge')]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateScript({ $_ -ge [TimeSpan]::FromSeconds(1) })]
        [TimeSpan]$OlderThan,

        [string]$Destination,

        [switch]$NoArchive,

        [string]$Store
    )

    # Whole seconds, as the binary reads them (humantime).
    $arguments = @('--older-than', ('{0}s' -f [long][Math]::Floor($OlderThan.TotalSeconds)))
    $storePath = Get-KoXoStorePath -Store $Store
    if ($storePath) {
        $arguments += @('--store', $storePath)
        $target = $storePath
    } else {
        $target = 'the default store'
    }
    if ($Destination) {
        $arguments += @('--destination', $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Destination))
    }
    if ($NoArchive) {
        $arguments += '--no-archive'
    }
    if ($WhatIfPreference) {
        $plans = Invoke-KoXoNative -Command 'purge' -TypeName 'KoXoLog.Purge' -ArgumentList ($arguments + '--dry-run') -Cmdlet $PSCmdlet
        foreach ($plan in $plans) {
            $archived = if ($plan.Archive) { ", archived first in $($plan.Archive)" } else { '' }
            [void]$PSCmdlet.ShouldProcess($target, "Remove $($plan.Records) records older than $($plan.Cutoff) from $($plan.Logs) logs$archived")
        }
        return
    }
    $action = "Remove every record older than $OlderThan (days.hours:minutes:seconds) from every log"
    if (-not $NoArchive) {
        $action += ', after archiving them in a verified ZIP'
    }
    if ($PSCmdlet.ShouldProcess($target, $action)) {
        Invoke-KoXoNative -Command 'purge' -TypeName 'KoXoLog.Purge' -ArgumentList $arguments -Cmdlet $PSCmdlet
    }
}
