function Export-KoXoSessionRtf {
    <#
    .SYNOPSIS
    Exports records to a colorized RTF document, for Word, WordPad or LibreOffice.
    .DESCRIPTION
    Runs `koxolog export-rtf --output`: a document with a title, the
    records' time range and when it was made, then one line per record,
    columns aligned, each event in its color. Every value is escaped: a
    hostile client or user name shows as text and never acts. The document
    is written under a temporary name and renamed when complete. As with
    Export-Csv, -Path is the document: an existing file is replaced, unless
    -NoClobber is given; a read-only one only with -Force.

    What is exported: the KoXoLog.Record objects piped in (from
    Get-KoXoSessionLog, filtered or sorted as you like), sent to the binary
    as JSON lines on its stdin; or else the logs piped in (path strings,
    Get-KoXoSessionTree items by their Path, Get-ChildItem output by its
    FullName) or given with -LogPath; else the log of one -User,
    -ThinClient or -Computer; else the whole store. An empty pipeline
    exports an empty document, never the whole store. The filters (-Since,
    -Until, -EventType, -IPAddress, -Computer, -User, -ThinClient) apply in
    the binary in every case; -Last applies to logs only.

    Like Export-Csv, it writes a file and returns nothing: -PassThru returns
    a KoXoLog.RtfExport saying what was written (path, records, bytes,
    title, first and last record's time).
    .PARAMETER Path
    The RTF document to write; a relative path is taken from PowerShell's
    current location.
    .PARAMETER LogPath
    Logs to export, each once however often named.
    .PARAMETER InputObject
    What the pipeline brings: KoXoLog.Record objects are exported as they
    are; path strings, Get-KoXoSessionTree items (by their Path) and
    Get-ChildItem output (by its FullName) are logs to export.
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
    .PARAMETER EventType
    Only records of these events (Logon, Logoff, ...). Alias: -Event.
    .PARAMETER IPAddress
    Only records from the computer with this IP address.
    .PARAMETER Last
    Only the last N matching records of each log (read from the end of the
    file). Not with piped records: use Select-Object -Last before.
    .PARAMETER Sessions
    Shows on each logoff's line the duration of the session it closed.
    .PARAMETER Title
    The document's title (by default, the log's name and branch).
    .PARAMETER Language
    The language of the title, headings and summary: fr or en (default: the system's display language).
    .PARAMETER NoClobber
    Refuses to replace an existing document.
    .PARAMETER Force
    Replaces a read-only document too.
    .PARAMETER PassThru
    Returns a KoXoLog.RtfExport describing the document written.
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Get-KoXoSessionLog -User jdoe -Since (Get-Date).AddDays(-7) | Export-KoXoSessionRtf -Path jdoe.rtf

    What jdoe did over the last seven days, as a document to print or mail.
    .EXAMPLE
    Export-KoXoSessionRtf -Path C:\Reports\PC-B12.rtf -Computer PC-B12 -Sessions -PassThru

    The whole log of PC-B12 with each session's duration, and a summary of
    the document.
    .EXAMPLE
    Get-KoXoSessionTree -Branch ThinClients | Out-GridView -PassThru | Export-KoXoSessionRtf -Path clients.rtf -Since '2026-11-01'

    The November records of the thin clients picked in a grid, in one
    document.
    .EXAMPLE
    Export-KoXoSessionRtf -Path jdoe.rtf -User jdoe -NoClobber -WhatIf

    Says which document would be written, and writes nothing; refuses if
    jdoe.rtf exists.
    .INPUTS
    KoXoLog.Record, System.String, KoXoLog.TreeItem, System.IO.FileInfo (InputObject)
    .OUTPUTS
    KoXoLog.RtfExport (with -PassThru)
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType('KoXoLog.RtfExport')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [string[]]$LogPath,

        [Parameter(ValueFromPipeline = $true)]
        [psobject]$InputObject,

        [SupportsWildcards()]
        [string]$Computer,

        [SupportsWildcards()]
        [string]$User,

        [SupportsWildcards()]
        [string]$ThinClient,

        [DateTimeOffset]$Since,

        [DateTimeOffset]$Until,

        [ValidateSet('Logon', 'Logoff', 'Lock', 'Unlock', 'Reconnect', 'Disconnect', 'Startup', 'Shutdown', '[LOGON.]', '[LOGOFF]')]
        [Alias('Event')]
        [string[]]$EventType,

        [string]$IPAddress,

        [ValidateRange(1, 2147483647)]
        [int]$Last,

        [switch]$Sessions,

        [string]$Title,

        [ValidateSet('fr', 'en')]
        [string]$Language,

        [switch]$NoClobber,

        [switch]$Force,

        [switch]$PassThru,

        [string]$Store
    )

    begin {
        # The properties of a KoXoLog.Record that export-rtf --stdin reads.
        $recordProperties = @('Event', 'Tag', 'Time', 'User', 'Domain', 'Computer', 'Client', 'Session', 'Ip', 'Mac', 'LogonServer', 'Os', 'Id', 'Raw', 'Path')
        $documentPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        $arguments = @('--output', $documentPath)
        $arguments += @(ConvertTo-KoXoSelectionArgument -BoundParameters $PSBoundParameters)
        if ($EventType) {
            $arguments += @('--event', ($EventType -join ','))
        }
        if ($Sessions) {
            $arguments += '--sessions'
        }
        if ($Title) {
            $arguments += @('--title', $Title)
        }
        if ($Language) {
            $arguments += @('--language', $Language)
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
        $logsSeen = New-KoXoPathSet
        foreach ($log in (Resolve-KoXoLogPath -LiteralPath $LogPath -Seen $logsSeen -Cmdlet $PSCmdlet)) {
            $logs.Add($log)
        }
        # Windows refuses command lines past 32767 characters.
        $commandLineRoom = 30000
    }

    process {
        if ($null -eq $InputObject) {
            return
        }
        $properties = $InputObject.PSObject.Properties
        if ($InputObject -is [string]) {
            $given = $InputObject
        }
        elseif ($InputObject.PSObject.TypeNames -contains 'KoXoLog.Record' -or ($properties['Time'] -and ($properties['Tag'] -or $properties['Event']))) {
            $lines.Add((ConvertTo-KoXoJsonLine -InputObject $InputObject -Property $recordProperties))
            return
        }
        elseif ($properties['FullName']) {
            $given = $InputObject.FullName
        }
        elseif ($properties['Path']) {
            $given = $InputObject.Path
        }
        else {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("Export-KoXoSessionRtf takes KoXoLog.Record objects, or logs by their Path or FullName; this object has neither: $InputObject"),
                'KoXoLog.NotARecordOrLog',
                [System.Management.Automation.ErrorCategory]::InvalidArgument,
                $InputObject
            )
            $PSCmdlet.WriteError($record)
            return
        }
        foreach ($log in (Resolve-KoXoLogPath -LiteralPath $given -Seen $logsSeen -Cmdlet $PSCmdlet)) {
            $logs.Add($log)
        }
    }

    end {
        $piped = $lines.Count -gt 0 -or ($MyInvocation.ExpectingInput -and $logs.Count -eq 0)
        $logsLength = 0
        foreach ($log in $logs) {
            $logsLength += $log.Length + 3
        }
        if ($lines.Count -gt 0 -and $logs.Count -gt 0) {
            $problem = 'Pipe either records (Get-KoXoSessionLog) or logs (Get-KoXoSessionTree, Get-ChildItem, paths) to Export-KoXoSessionRtf, not both in one document.'
        }
        elseif ($piped -and $Last) {
            $problem = '-Last reads the end of log files, and records were piped in: select them before (Select-Object -Last N), or give -Last to Get-KoXoSessionLog.'
        }
        elseif ($logsLength -gt $commandLineRoom) {
            $problem = "The $($logs.Count) logs given make too long a command line for one document. " +
                'Export the whole store (no logs given) or a name with wildcards (-Computer ''A01-*''), which the binary selects itself, ' +
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
                $Path
            )
            $PSCmdlet.ThrowTerminatingError($record)
        }
        $existing = Get-Item -LiteralPath $documentPath -Force -ErrorAction SilentlyContinue
        $refusal = $null
        if ($existing -and $NoClobber) {
            $refusal = "The file '$documentPath' already exists and -NoClobber was given: nothing was exported."
        }
        elseif ($existing -and $existing.PSIsContainer) {
            $refusal = "'$documentPath' is a folder: give the path of the document to write."
        }
        elseif ($existing -and $existing.IsReadOnly -and -not $Force) {
            $refusal = "The file '$documentPath' is read-only: give -Force to replace it."
        }
        if ($refusal) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.IO.IOException]::new($refusal),
                'KoXoLog.DocumentExists',
                [System.Management.Automation.ErrorCategory]::ResourceExists,
                $documentPath
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
        if ($PSCmdlet.ShouldProcess($documentPath, $what)) {
            if ($existing -and $existing.IsReadOnly) {
                $existing.IsReadOnly = $false
            }
            $export = Invoke-KoXoNative -Command 'export-rtf' -TypeName 'KoXoLog.RtfExport' -ArgumentList $arguments -StdinLines $lines.ToArray() -Cmdlet $PSCmdlet
            if ($PassThru) {
                $export
            }
        }
    }
}
