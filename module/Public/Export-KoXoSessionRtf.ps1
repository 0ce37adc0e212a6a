function Export-KoXoSessionRtf {
    <#
    .SYNOPSIS
    Exports records to a colorized RTF document, for Word, WordPad or LibreOffice.
    .DESCRIPTION
    Runs `koxolog export-rtf --output`: a document with a title, the
    records' time range and when it was made, then one line per record,
    columns aligned, each event in its color. Every value is escaped: a
    hostile client or user name shows as text and never acts. The document
    is written under a temporary name and renamed when complete, replacing
    -Destination if it exists.

    What is exported: the KoXoLog.Record objects piped in (from
    Get-KoXoSessionLog, filtered or sorted as you like), sent to the binary
    as JSON lines on its stdin; or else the logs chosen as for
    Get-KoXoSessionLog: -Path (or piped Path/FullName: tree items, files,
    path strings), else the log of one -User, -ThinClient or -Computer,
    else the whole store. The filters (-Since, -Until, -Event, -IPAddress,
    -Computer, -User, -ThinClient) apply in the binary in both cases; -Last
    applies to logs only.

    Like Export-Csv, it writes a file and returns nothing: -PassThru returns
    a KoXoLog.RtfExport saying what was written (path, records, bytes,
    title, first and last record's time).
    .PARAMETER Path
    Logs to export. Accepts the Path of Get-KoXoSessionTree items, the
    FullName of Get-ChildItem output and path strings from the pipeline.
    .PARAMETER InputObject
    Records to export (KoXoLog.Record objects, from the pipeline). Piped
    objects that are not records are taken as logs by their Path or
    FullName.
    .PARAMETER Destination
    The RTF file to write; a relative path is taken from PowerShell's
    current location.
    .PARAMETER Computer
    Only this computer's records; wildcards * and ? allowed.
    .PARAMETER User
    Only this user's records; wildcards * and ? allowed.
    .PARAMETER ThinClient
    Only the remote sessions opened from this thin client; wildcards allowed.
    .PARAMETER Since
    Only records at or after this time.
    .PARAMETER Until
    Only records at or before this time.
    .PARAMETER Event
    Only records of these events (Logon, Logoff, ...).
    .PARAMETER IPAddress
    Only records from the computer with this IP address.
    .PARAMETER Last
    Only the last N matching records of each log (read from the end of the
    file). Not with piped records: use Select-Object -Last before.
    .PARAMETER Sessions
    Shows on each logoff's line the duration of the session it closed.
    .PARAMETER Title
    The document's title (by default, the log's name and branch).
    .PARAMETER PassThru
    Returns a KoXoLog.RtfExport describing the document written.
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Get-KoXoSessionLog -User jdoe -Since (Get-Date).AddDays(-7) | Export-KoXoSessionRtf -Destination jdoe.rtf

    What jdoe did over the last seven days, as a document to print or mail.
    .EXAMPLE
    Export-KoXoSessionRtf -Computer PC-B12 -Sessions -Destination C:\Reports\PC-B12.rtf -PassThru

    The whole log of PC-B12 with each session's duration, and a summary of
    the document.
    .EXAMPLE
    Get-KoXoSessionTree -Branch ThinClients | Out-GridView -PassThru | Export-KoXoSessionRtf -Since '2026-11-01' -Destination clients.rtf

    The November records of the thin clients picked in a grid, in one
    document.
    .EXAMPLE
    Export-KoXoSessionRtf -User jdoe -Destination jdoe.rtf -WhatIf

    Says which document would be written, and writes nothing.
    .INPUTS
    KoXoLog.Record (InputObject)
    System.String (Path, by property name: Path, FullName)
    .OUTPUTS
    KoXoLog.RtfExport (with -PassThru)
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType('KoXoLog.RtfExport')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [string[]]$Path,

        [Parameter(ValueFromPipeline = $true)]
        [psobject]$InputObject,

        [Parameter(Mandatory = $true)]
        [ValidateNotNullOrEmpty()]
        [string]$Destination,

        [SupportsWildcards()]
        [string]$Computer,

        [SupportsWildcards()]
        [string]$User,

        [SupportsWildcards()]
        [string]$ThinClient,

        [DateTimeOffset]$Since,

        [DateTimeOffset]$Until,

        [ValidateSet('Logon', 'Logoff', 'Lock', 'Unlock', 'Reconnect', 'Disconnect', 'Startup', 'Shutdown', '[LOGON.]', '[LOGOFF]')]
        [string[]]$Event,

        [string]$IPAddress,

        [ValidateRange(1, 2147483647)]
        [int]$Last,

        [switch]$Sessions,

        [string]$Title,

        [switch]$PassThru,

        [string]$Store
    )

    begin {
        # The properties of a KoXoLog.Record that export-rtf --stdin reads.
        $recordProperties = @('Event', 'Tag', 'Time', 'User', 'Domain', 'Computer', 'Client', 'Session', 'Ip', 'Mac', 'LogonServer', 'Os', 'Id', 'Raw', 'Path')
        $destinationPath = $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Destination)
        $arguments = @('--output', $destinationPath)
        if ($Computer) {
            $arguments += @('--computer', $Computer)
        }
        if ($User) {
            $arguments += @('--user', $User)
        }
        if ($ThinClient) {
            $arguments += @('--thin-client', $ThinClient)
        }
        if ($PSBoundParameters.ContainsKey('Since')) {
            $arguments += @('--since', (ConvertTo-KoXoTimeText -Time $Since))
        }
        if ($PSBoundParameters.ContainsKey('Until')) {
            $arguments += @('--until', (ConvertTo-KoXoTimeText -Time $Until))
        }
        if ($Event) {
            $arguments += @('--event', ($Event -join ','))
        }
        if ($IPAddress) {
            $arguments += @('--ip', $IPAddress)
        }
        if ($Sessions) {
            $arguments += '--sessions'
        }
        if ($Title) {
            $arguments += @('--title', $Title)
        }
        $storePath = Get-KoXoStorePath -Store $Store
        if ($storePath) {
            $arguments += @('--store', $storePath)
        }
        # Piped records become JSON lines as they come; the objects are not kept.
        $lines = [System.Collections.Generic.List[string]]::new()
        # Logs in the order given, each once (several sessions of one log
        # name the same log).
        $logs = [System.Collections.Generic.List[string]]::new()
        $logsSeen = [System.Collections.Generic.HashSet[string]]::new()
        # Windows refuses command lines past 32767 characters.
        $commandLineRoom = 30000
        $logsLength = 0
    }

    process {
        $isRecord = $false
        if ($null -ne $InputObject -and $InputObject -isnot [string]) {
            $properties = $InputObject.PSObject.Properties
            $isRecord = $InputObject.PSObject.TypeNames -contains 'KoXoLog.Record' -or
                ($properties['Time'] -and ($properties['Tag'] -or $properties['Event']))
        }
        if ($isRecord) {
            $lines.Add((ConvertTo-KoXoJsonLine -InputObject $InputObject -Property $recordProperties))
        }
        elseif ($Path -or $InputObject -is [string]) {
            $given = $Path
            if (-not $given) {
                $given = @($InputObject)
            }
            foreach ($onePath in $given) {
                $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($onePath)
                if ($logsSeen.Add($full)) {
                    $logs.Add($full)
                    $logsLength += $full.Length + 3
                }
            }
        }
        elseif ($null -ne $InputObject) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("Export-KoXoSessionRtf takes KoXoLog.Record objects, or logs by their Path or FullName; this object has neither: $InputObject"),
                'KoXoLog.NotARecordOrLog',
                [System.Management.Automation.ErrorCategory]::InvalidArgument,
                $InputObject
            )
            $PSCmdlet.WriteError($record)
        }
    }

    end {
        $piped = $lines.Count -gt 0 -or ($MyInvocation.ExpectingInput -and $logs.Count -eq 0)
        if ($lines.Count -gt 0 -and $logs.Count -gt 0) {
            $problem = 'Pipe either records (Get-KoXoSessionLog) or logs (Get-KoXoSessionTree, Get-ChildItem, paths) to Export-KoXoSessionRtf, not both in one document.'
        }
        elseif ($piped -and $Last) {
            $problem = '-Last reads the end of log files, and records were piped in: select them before (Select-Object -Last N), or give -Last to Get-KoXoSessionLog.'
        }
        elseif ($logsLength -gt $commandLineRoom) {
            $problem = "The $($logs.Count) logs piped in make too long a command line for one document. " +
                'Export the whole store (no -Path) or a name with wildcards (-Computer ''A01-*''), which the binary selects itself, ' +
                'or pipe their records: Get-KoXoSessionLog ... | Export-KoXoSessionRtf.'
        }
        else {
            $problem = $null
        }
        if ($problem) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new($problem),
                'KoXoLog.BadSelection',
                [System.Management.Automation.ErrorCategory]::InvalidArgument,
                $Destination
            )
            $PSCmdlet.ThrowTerminatingError($record)
        }
        if ($piped) {
            $what = "Export $($lines.Count) piped records to RTF"
            $arguments += '--stdin'
        }
        else {
            if ($Last) {
                $arguments += @('--last', [string]$Last)
            }
            if ($logs.Count -gt 0) {
                $what = "Export the records of $($logs.Count) logs to RTF"
            }
            else {
                $what = 'Export the selected records to RTF'
            }
            $arguments += @('--') + $logs.ToArray()
        }
        if ($PSCmdlet.ShouldProcess($destinationPath, $what)) {
            if ($piped) {
                $export = Invoke-KoXoNative -Command 'export-rtf' -ArgumentList $arguments -StdinLines $lines.ToArray() |
                    ConvertTo-KoXoObject -TypeName 'KoXoLog.RtfExport'
            }
            else {
                $export = Invoke-KoXoNative -Command 'export-rtf' -ArgumentList $arguments |
                    ConvertTo-KoXoObject -TypeName 'KoXoLog.RtfExport'
            }
            if ($PassThru) {
                $export
            }
        }
    }
}
