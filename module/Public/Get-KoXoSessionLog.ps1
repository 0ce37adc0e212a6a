function Get-KoXoSessionLog {
    <#
    .SYNOPSIS
    Gets the records of a log, of several logs, or of the whole store, filtered.
    .DESCRIPTION
    Runs `koxolog log` and streams each record as a KoXoLog.Record, with
    Time as a [DateTimeOffset] carrying the writer's UTC offset. All
    filtering happens in the binary, which reads the files.

    Which logs are read: the -Path given or piped (a TreeItem's Path, a
    file's FullName); else the log of -User, -ThinClient or -Computer when
    it is one name without wildcards; else the whole store (its Computers
    branch, which holds every event once). Piped paths are read in batches,
    a few binary calls for many logs, and records flow as soon as they are
    read. A log that cannot be read is an error that does not stop the
    others.
    .PARAMETER Path
    Logs to read; wildcards * ? [] allowed (a path that exists as it is
    is taken literally). Accepts path strings and the Path of
    Get-KoXoSessionTree items, records and sessions from the pipeline;
    each log is read once, however often it is named.
    .PARAMETER LiteralPath
    Logs to read, taken exactly as written (no wildcards). Get-ChildItem
    output binds here from the pipeline, by its PSPath or FullName.
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
    Only records of these events (Logon, Logoff, ...).
    .PARAMETER IPAddress
    Only records from the computer with this IP address.
    .PARAMETER Last
    Only the last N matching records of each log (read from the end of the
    file, without reading the rest).
    .PARAMETER Store
    The store's root folder (default: Set-KoXoLogStore, $env:KOXOLOG_STORE).
    .EXAMPLE
    Get-KoXoSessionLog -User jdoe -Since (Get-Date).AddDays(-7)

    What jdoe did over the last seven days, on every computer.
    .EXAMPLE
    Get-KoXoSessionTree | Out-GridView -PassThru | Get-KoXoSessionLog | Out-GridView

    Pick logs in a grid and browse their records.
    .EXAMPLE
    Get-ChildItem \\dc1\Logs$\Computers\*.LOG | Get-KoXoSessionLog -Last 1

    The last record of every computer's log.
    .EXAMPLE
    Get-KoXoSessionLog -Computer 'A01-*' -Event Logon -Since '2026-11-24' -Until '2026-11-24 12:00'

    The logons in room A01 on a morning.
    .INPUTS
    System.String (Path, by property name: Path, FullName)
    .OUTPUTS
    KoXoLog.Record
    #>
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    [OutputType('KoXoLog.Record')]
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

        [ValidateSet('Logon', 'Logoff', 'Lock', 'Unlock', 'Reconnect', 'Disconnect', 'Startup', 'Shutdown', '[LOGON.]', '[LOGOFF]')]
        [Alias('Event')]
        [string[]]$EventType,

        [string]$IPAddress,

        [ValidateRange(1, 2147483647)]
        [int]$Last,

        [string]$Store
    )

    begin {
        $arguments = @()
        $arguments += @(ConvertTo-KoXoSelectionArgument -BoundParameters $PSBoundParameters)
        if ($EventType) {
            $arguments += @('--event', ($EventType -join ','))
        }
        if ($Last) {
            $arguments += @('--last', [string]$Last)
        }
        $storePath = Get-KoXoStorePath -Store $Store
        if ($storePath) {
            $arguments += @('--store', $storePath)
        }
        # Each batch of piped logs (Add-KoXoLogBatch.ps1) in one call.
        $read = {
            param([string[]]$Logs, [int]$ParentProgressId, [string[]]$Arguments, $Cmdlet)
            Invoke-KoXoNative -Command 'log' -TypeName 'KoXoLog.Record' -ArgumentList ($Arguments + '--' + $Logs) -ParentProgressId $ParentProgressId -Cmdlet $Cmdlet
        }
        $batch = New-KoXoLogBatch -Arguments $arguments -Cmdlet $PSCmdlet -Activity 'Get-KoXoSessionLog' -ProgressId 7113 -Read $read -ShowProgress ($ProgressPreference -ne 'SilentlyContinue')
    }

    process {
        Add-KoXoLogBatch -Batch $batch -Path $Path -LiteralPath $LiteralPath
    }

    end {
        Complete-KoXoLogBatch -Batch $batch -ExpectingInput $MyInvocation.ExpectingInput
    }
}
