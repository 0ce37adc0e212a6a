function Get-KoXoSession {
    <#
    .SYNOPSIS
    Gets sessions: logons paired with their logoffs, with durations, and who is logged on now.
    .DESCRIPTION
    Runs `koxolog sessions`: each logon is paired with its logoff into a
    KoXoLog.Session with Logon, Logoff and End as [DateTimeOffset], Duration
    and OpenFor as [TimeSpan] and a State: Closed, Open (OpenFor says since
    when), Unterminated (End and EndReason say which later logon, console
    takeover, startup or shutdown proved it over) or Orphan (a logoff whose
    logon is not in the log). Sessions are paired on each computer's log
    (docs/SESSIONS.md), so a session has the same state whichever log or
    name selects it.

    The logs read are chosen as for Get-KoXoSessionLog: -Path (or piped
    Path/FullName), else the log of one -User, -ThinClient or -Computer,
    else the whole store.
    .PARAMETER Path
    Logs to read; wildcards * ? [] allowed (a path that exists as it is
    is taken literally). Accepts path strings and the Path of
    Get-KoXoSessionTree items, records and sessions from the pipeline;
    each log is read once, however often it is named.
    .PARAMETER LiteralPath
    Logs to read, taken exactly as written (no wildcards). Get-ChildItem
    output binds here from the pipeline, by its PSPath or FullName.
    .PARAMETER Computer
    Only this computer's sessions; wildcards * and ? allowed.
    .PARAMETER User
    Only this user's sessions; wildcards * and ? allowed.
    .PARAMETER ThinClient
    Only the remote sessions opened from this thin client; wildcards allowed.
    .PARAMETER Since
    Only sessions still going at or after this time.
    .PARAMETER Until
    Only sessions opened at or before this time.
    .PARAMETER IPAddress
    Only sessions opened from the computer with this IP address.
    .PARAMETER Open
    Only the sessions still open: who is logged on where, now.
    .PARAMETER State
    Only the sessions in these states (Closed, Open, Unterminated, Orphan).
    .PARAMETER MaxAge
    With -Open (or -State Open): leaves out the sessions open for longer
    than this (a logon from years ago whose logoff never came).
    .PARAMETER MinDuration
    Only the closed sessions that lasted at least this long.
    .PARAMETER MaxDuration
    Only the closed sessions that lasted at most this long.
    .PARAMETER SortByTime
    All sessions in the order of their logon, across logs (by default, log
    by log).
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Get-KoXoSession -Open | Sort-Object Computer | Format-Table

    Who is logged on where, now.
    .EXAMPLE
    Get-KoXoSession -User jdoe -Since (Get-Date).Date | Measure-Object -Property DurationSeconds -Sum

    How long jdoe was logged on today, in seconds.
    .EXAMPLE
    Get-KoXoSession -Open -MaxAge (New-TimeSpan -Hours 12)

    Who is logged on now, leaving out the sessions whose logoff was lost.
    .EXAMPLE
    Get-KoXoSession -Computer PC-B12 -Since (Get-Date).Date.AddDays(-1) -Until (Get-Date).Date -SortByTime

    Who used PC-B12 yesterday, in order.
    .EXAMPLE
    Get-KoXoSessionTree -Branch ThinClients | Get-KoXoSession -Open

    The remote sessions open now, thin client by thin client.
    .INPUTS
    System.String (Path, by property name: Path, FullName)
    .OUTPUTS
    KoXoLog.Session
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    [OutputType('KoXoLog.Session')]
    param(
        [Parameter(ParameterSetName = 'Path', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [SupportsWildcards()]
        [string[]]$Path,

        [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('PSPath', 'FullName', 'LP')]
        [string[]]$LiteralPath,

        [SupportsWildcards()]
        [string]$Computer,

        [SupportsWildcards()]
        [string]$User,

        [SupportsWildcards()]
        [string]$ThinClient,

        [DateTimeOffset]$Since,

        [DateTimeOffset]$Until,

        [string]$IPAddress,

        [switch]$Open,

        [ValidateSet('Closed', 'Open', 'Unterminated', 'Orphan')]
        [string[]]$State,

        [TimeSpan]$MaxAge,

        [TimeSpan]$MinDuration,

        [TimeSpan]$MaxDuration,

        [switch]$SortByTime,

        [string]$Store
    )

    begin {
        $arguments = @()
        $arguments += @(ConvertTo-KoXoSelectionArgument -BoundParameters $PSBoundParameters)
        if ($Open) {
            $arguments += '--open'
        }
        if ($State) {
            $arguments += @('--state', ($State -join ','))
        }
        # Durations as whole seconds, which the binary reads as humantime does.
        if ($PSBoundParameters.ContainsKey('MaxAge')) {
            $arguments += @('--max-age', "$([int64]$MaxAge.TotalSeconds)s")
        }
        if ($PSBoundParameters.ContainsKey('MinDuration')) {
            $arguments += @('--min-duration', "$([int64]$MinDuration.TotalSeconds)s")
        }
        if ($PSBoundParameters.ContainsKey('MaxDuration')) {
            $arguments += @('--max-duration', "$([int64]$MaxDuration.TotalSeconds)s")
        }
        if ($SortByTime) {
            $arguments += @('--sort', 'time')
        }
        $storePath = Get-KoXoStorePath -Store $Store
        if ($storePath) {
            $arguments += @('--store', $storePath)
        }
        # Each batch of piped logs (Add-KoXoLogBatch.ps1) in one call.
        $read = {
            param([string[]]$Logs, [int]$ParentProgressId, [string[]]$Arguments, $Cmdlet)
            Invoke-KoXoNative -Command 'sessions' -TypeName 'KoXoLog.Session' -ArgumentList ($Arguments + '--' + $Logs) -ParentProgressId $ParentProgressId -Cmdlet $Cmdlet
        }
        $batch = New-KoXoLogBatch -Arguments $arguments -Cmdlet $PSCmdlet -Activity 'Get-KoXoSession' -ProgressId 7114 -Read $read -ShowProgress ($ProgressPreference -ne 'SilentlyContinue')
    }

    process {
        Add-KoXoLogBatch -Batch $batch -Path $Path -LiteralPath $LiteralPath
    }

    end {
        Complete-KoXoLogBatch -Batch $batch -ExpectingInput $MyInvocation.ExpectingInput
    }
}
