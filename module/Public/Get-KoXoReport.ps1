function Get-KoXoReport {
    <#
    .SYNOPSIS
    Gets the figures of a period: sessions and users per day, logons by hour, busiest computers and rooms, and more.
    .DESCRIPTION
    Runs `koxolog report`: the sessions (paired as Get-KoXoSession pairs
    them) that started in the period, counted into one KoXoLog.Report:
    Sessions per state, distinct Users and Computers, Days (sessions and
    distinct users per day), Hours (logons by hour of day), BusiestComputers,
    Rooms (a room is a computer's name before its last dash: A01 for
    A01-PC05), UserComputers (each user's computers), LongestSessions and
    NeverClosedSessions (KoXoLog.Session objects), NeverClosed (how many
    sessions never got their logoff).

    With -HtmlPath, the report is also written as one self-contained HTML
    page (inline charts, no script) that opens in any browser and can be
    mailed; -WhatIf gives the report without writing the page.

    The logs read are chosen as for Get-KoXoSession: -Path (or piped
    Path/FullName), else the log of one -User, -ThinClient or -Computer,
    else the whole store.
    .PARAMETER Path
    Logs to read, as full paths (the Path of Get-KoXoSessionTree items and
    the FullName of Get-ChildItem output bind from the pipeline); all are
    read in one report.
    .PARAMETER Computer
    Only this computer's sessions; wildcards * and ? allowed.
    .PARAMETER User
    Only this user's sessions; wildcards * and ? allowed.
    .PARAMETER ThinClient
    Only the remote sessions opened from this thin client; wildcards allowed.
    .PARAMETER Since
    Only the sessions that started at or after this time.
    .PARAMETER Until
    Only the sessions that started at or before this time.
    .PARAMETER IPAddress
    Only sessions opened from the computer with this IP address.
    .PARAMETER Top
    How many busiest computers, longest sessions and never-closed sessions
    to list (default 10).
    .PARAMETER HtmlPath
    Also write the report as an HTML page to this file (replaced if it
    exists; written whole or not at all).
    .PARAMETER Title
    The HTML page's title.
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Get-KoXoReport -Since (Get-Date).Date.AddDays(-7) -HtmlPath "$HOME\Desktop\week.html"

    Last week's report, as a page to open or mail.
    .EXAMPLE
    (Get-KoXoReport -Since '2026-11-01' -Until '2026-11-30').Days | Format-Table

    Sessions and distinct users on each day of November.
    .EXAMPLE
    (Get-KoXoReport -Computer 'B12-*').Hours | Where-Object Logons -gt 0

    When the computers of room B12 are logged on to, hour by hour.
    .EXAMPLE
    (Get-KoXoReport -Top 20).LongestSessions | Select-Object User, Computer, Logon, Duration

    The twenty longest sessions of the store.
    .INPUTS
    System.String (Path, by property name: Path, FullName)
    .OUTPUTS
    KoXoLog.Report
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType('KoXoLog.Report')]
    param(
        [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [string[]]$Path,

        [SupportsWildcards()]
        [string]$Computer,

        [SupportsWildcards()]
        [string]$User,

        [SupportsWildcards()]
        [string]$ThinClient,

        [DateTimeOffset]$Since,

        [DateTimeOffset]$Until,

        [string]$IPAddress,

        [ValidateRange(0, 100000)]
        [int]$Top = 10,

        [Parameter()]
        [string]$HtmlPath,

        [string]$Title,

        [string]$Store
    )

    begin {
        $arguments = @('--top', [string]$Top)
        $arguments += @(ConvertTo-KoXoSelectionArgument -BoundParameters $PSBoundParameters)
        if ($HtmlPath) {
            $pagePath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($HtmlPath)
            if ($PSCmdlet.ShouldProcess($pagePath, 'Write the report page')) {
                $arguments += @('--html', $pagePath)
            }
        }
        if ($Title) {
            $arguments += @('--title', $Title)
        }
        $storePath = Get-KoXoStorePath -Store $Store
        if ($storePath) {
            $arguments += @('--store', $storePath)
        }
        $logs = [System.Collections.Generic.List[string]]::new()
        $seen = New-KoXoPathSet
        $pathGiven = $false
    }

    process {
        if ($Path) {
            $pathGiven = $true
        }
        foreach ($log in (Resolve-KoXoLogPath -LiteralPath $Path -Seen $seen -Cmdlet $PSCmdlet)) {
            $logs.Add($log)
        }
    }

    end {
        # One report over every log: an empty pipeline reads nothing, not the
        # whole store.
        if ($logs.Count -gt 0 -or -not ($pathGiven -or $MyInvocation.ExpectingInput)) {
            Invoke-KoXoNative -Command 'report' -TypeName 'KoXoLog.Report' -ArgumentList ($arguments + '--' + $logs.ToArray()) -Cmdlet $PSCmdlet
        }
    }
}
