function Write-KoXoSession {
    <#
    .SYNOPSIS
    Records a logon, a logoff or another event of the current session in the store.
    .DESCRIPTION
    Runs `koxolog write`: the event is appended to the computer's log, the
    user's log and, for a remote session, the thin client's log, with the
    user, domain, computer, client, addresses and operating system taken from
    the system. This is what the GPO logon and logoff scripts do.

    The store is -Store if given; else \\SERVER\SHARE when -Server is given;
    else the module-wide default (Set-KoXoLogStore, $env:KOXOLOG_STORE); else
    the share on the domain's PDC emulator (-Server '%PDC_SERVER%').

    The call never waits for the store longer than -TimeoutSeconds: when the
    store cannot be reached, the record is kept in a local spool, a warning
    says so, and the next successful write delivers it with its original
    time.
    .PARAMETER EventType
    The event: Logon, Logoff, Lock, Unlock, Reconnect, Disconnect, Startup,
    Shutdown, or KoXo's tags [LOGON.] and [LOGOFF].
    .PARAMETER Server
    The server whose share holds the store. '%PDC_SERVER%' stands for the
    domain's PDC emulator, as in KoXo.
    .PARAMETER Share
    The share on -Server (default Logs$).
    .PARAMETER Store
    The store's root folder (a local path or a UNC path such as \\dc1\Logs$).
    .PARAMETER PassThru
    Returns the record written, as a KoXoLog.WrittenRecord.
    .PARAMETER TimeoutSeconds
    Seconds to wait for the store before spooling the record (default 5).
    .EXAMPLE
    Write-KoXoSession -Event Logon

    Records a logon of the current user on this computer, in the store on
    the PDC emulator's Logs$ share (or the module-wide default store).
    .EXAMPLE
    Write-KoXoSession -Event '[LOGOFF]' -Server dc1 -Share 'Logs$' -PassThru

    Records a logoff with KoXo's tag, on \\dc1\Logs$, and shows the record.
    .EXAMPLE
    Write-KoXoSession -Event Logon -Store C:\KoXoLog\Logs -WhatIf

    Shows what would be recorded where, and records nothing.
    .INPUTS
    None
    .OUTPUTS
    KoXoLog.WrittenRecord (with -PassThru)
    #>
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Default')]
    [OutputType('KoXoLog.WrittenRecord')]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [ValidateSet('Logon', 'Logoff', 'Lock', 'Unlock', 'Reconnect', 'Disconnect', 'Startup', 'Shutdown', '[LOGON.]', '[LOGOFF]')]
        [Alias('Event')]
        [string]$EventType,

        [Parameter(ParameterSetName = 'Server')]
        [ValidateNotNullOrEmpty()]
        [string]$Server = '%PDC_SERVER%',

        [Parameter(ParameterSetName = 'Server')]
        [ValidateNotNullOrEmpty()]
        [string]$Share = 'Logs$',

        [Parameter(ParameterSetName = 'Store')]
        [ValidateNotNullOrEmpty()]
        [string]$Store,

        [switch]$PassThru,

        [ValidateRange(0, 3600)]
        [double]$TimeoutSeconds = 5
    )

    $arguments = @('--event', $EventType, '--timeout', $TimeoutSeconds.ToString([System.Globalization.CultureInfo]::InvariantCulture))
    $storePath = $null
    if ($PSCmdlet.ParameterSetName -ne 'Server') {
        $storePath = Get-KoXoStorePath -Store $Store
    }
    if ($storePath) {
        $arguments += @('--store', $storePath)
        $target = $storePath
    }
    else {
        $arguments += @('--server', $Server, '--share', $Share)
        $target = "\\$Server\$Share"
    }
    if ($PSCmdlet.ShouldProcess($target, "Record a $EventType event")) {
        $written = Invoke-KoXoNative -Command 'write' -TypeName 'KoXoLog.WrittenRecord' -ArgumentList $arguments -Cmdlet $PSCmdlet
        if ($PassThru) {
            $written
        }
    }
}
