<#
.SYNOPSIS
The KoXoLog GPO script: records the user's logon or logoff in the store.
.DESCRIPTION
Registered in a Group Policy (gpo/New-KoXoLogGpo.ps1 does it): under User
Configuration > Windows Settings > Scripts as a logon script with -Event
Logon and as a logoff script with -Event Logoff (KoXo's logsessions.vbs took
"server share tag" the same way; the tags [LOGON.] and [LOGOFF] are
accepted), under Computer Configuration as the startup and shutdown script
(-Event Startup, -Event Shutdown, run as the computer account), and as the
action of the scheduled tasks that record -Event Lock, Unlock, Reconnect and
Disconnect in the user's session.

It runs koxolog.exe (found beside this script, else at $env:KOXOLOG_EXE,
else in the installed KoXoLog module, else on PATH) with `write`, hidden,
and never holds the session up: the binary gives up on the store after
-TimeoutSeconds and keeps the record in its local spool, and this script
stops waiting a few seconds after that whatever happens. It never prompts
and never shows an error: a failure, or a record left in the spool, is
written to the Application event log (source WSH, the one every user may
write to, message starting with "KoXoLog"), or when that fails to
%LOCALAPPDATA%\KoXoLog\gpo-script.log.
.PARAMETER Server
The server whose share holds the store; '%PDC_SERVER%' (the default) stands
for the domain's PDC emulator, as in KoXo.
.PARAMETER Share
The share on -Server (default Logs$).
.PARAMETER EventType
Logon or Logoff (or Lock, Unlock, Reconnect, Disconnect, Startup, Shutdown,
[LOGON.], [LOGOFF]).
.PARAMETER TimeoutSeconds
Seconds the binary waits for the store before spooling (default 5).
.PARAMETER Store
A store path to use instead of \\Server\Share (a DFS path, a test folder).
.EXAMPLE
KoXoLog-Session.ps1 -Event Logon

As the logon script: records the logon on \\<PDC emulator>\Logs$.
.EXAMPLE
KoXoLog-Session.ps1 %PDC_SERVER% Logs$ [LOGOFF]

As the logoff script, with KoXo's positional "server share tag".
.INPUTS
None
.OUTPUTS
None
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string]$Server = '%PDC_SERVER%',

    [Parameter(Position = 1)]
    [string]$Share = 'Logs$',

    [Parameter(Position = 2)]
    [Alias('Event')]
    [string]$EventType = '',

    [Parameter(Position = 3)]
    [double]$TimeoutSeconds = 5,

    [Parameter()]
    [string]$Store = ''
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Write-KoXoScriptFailure {
    <#
    .SYNOPSIS
    Records a failure where an administrator finds it, never on screen.
    .DESCRIPTION
    The Application event log under the source WSH (event 1 for an error,
    2 for a warning), else a line in %LOCALAPPDATA%\KoXoLog\gpo-script.log.
    .PARAMETER Message
    What happened.
    .PARAMETER EntryType
    Error or Warning.
    .EXAMPLE
    Write-KoXoScriptFailure -Message 'koxolog.exe was not found' -EntryType Error
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Message,

        [Parameter(Mandatory = $true)]
        [ValidateSet('Error', 'Warning')]
        [string]$EntryType
    )
    $text = "KoXoLog $EntryType ($env:USERDOMAIN\$env:USERNAME on $env:COMPUTERNAME): $Message"
    try {
        $eventId = 1
        if ($EntryType -eq 'Warning') {
            $eventId = 2
        }
        Write-EventLog -LogName 'Application' -Source 'WSH' -EventId $eventId -EntryType $EntryType -Message $text -ErrorAction Stop
    }
    catch {
        try {
            $folder = Join-Path -Path $env:LOCALAPPDATA -ChildPath 'KoXoLog'
            if (-not (Test-Path -LiteralPath $folder)) {
                New-Item -ItemType Directory -Path $folder -Force | Out-Null
            }
            $line = '{0} {1}' -f (Get-Date).ToString('o'), $text
            Add-Content -LiteralPath (Join-Path -Path $folder -ChildPath 'gpo-script.log') -Value $line -Encoding UTF8
        }
        catch {
            # Nowhere left to record it; the session must go on regardless.
            $null = $_
        }
    }
}

function ConvertTo-KoXoCommandLineArgument {
    <#
    .SYNOPSIS
    Quotes one argument for a Windows command line.
    .DESCRIPTION
    Windows PowerShell 5.1 runs on .NET Framework, whose process start takes
    one command-line string: each argument is quoted as the C runtime reads
    it back (backslashes doubled before a quote and at the end).
    .PARAMETER Value
    The argument.
    .EXAMPLE
    ConvertTo-KoXoCommandLineArgument -Value 'Logs$'
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param(
        [AllowEmptyString()]
        [string]$Value
    )
    if ($Value -and $Value -notmatch '[\s"]') {
        return $Value
    }
    $escaped = [regex]::Replace($Value, '(\\*)"', '$1$1\"')
    $escaped = [regex]::Replace($escaped, '(\\+)$', '$1$1')
    '"' + $escaped + '"'
}

function Invoke-KoXoNative {
    <#
    .SYNOPSIS
    Runs one koxolog subcommand hidden, and waits for it a bounded time.
    .DESCRIPTION
    The one seam of this script to the binary: starts it without a window,
    with its output captured, and kills it if it has not ended after
    -WaitMilliseconds.
    .PARAMETER Command
    The subcommand.
    .PARAMETER ArgumentList
    The flags and values after the subcommand.
    .PARAMETER Binary
    The path of koxolog.exe.
    .PARAMETER WaitMilliseconds
    How long to wait before killing it.
    .EXAMPLE
    Invoke-KoXoNative -Command 'write' -ArgumentList $arguments -Binary $binary -WaitMilliseconds 10000
    .INPUTS
    None
    .OUTPUTS
    System.Management.Automation.PSCustomObject (ExitCode, Output, Errors)
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$Command,

        [Parameter(Mandatory = $true)]
        [string[]]$ArgumentList,

        [Parameter(Mandatory = $true)]
        [string]$Binary,

        [Parameter(Mandatory = $true)]
        [int]$WaitMilliseconds
    )
    $startInfo = New-Object -TypeName System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $Binary
    $quoted = foreach ($argument in @($Command) + $ArgumentList) {
        ConvertTo-KoXoCommandLineArgument -Value $argument
    }
    $startInfo.Arguments = $quoted -join ' '
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($WaitMilliseconds)) {
        $process.Kill()
        throw "koxolog.exe $Command did not end within $($WaitMilliseconds / 1000) s and was stopped"
    }
    $process.WaitForExit()
    [pscustomobject]@{
        ExitCode = $process.ExitCode
        Output   = $output.Result
        Errors   = $errors.Result
    }
}

function Find-KoXoBinary {
    <#
    .SYNOPSIS
    Finds koxolog.exe for this script.
    .DESCRIPTION
    Beside this script (the GPO's script folder), else $env:KOXOLOG_EXE, else
    the installed KoXoLog module's bin folder, else PATH.
    .EXAMPLE
    Find-KoXoBinary
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param()
    $fileName = 'koxolog'
    if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
        $fileName = 'koxolog.exe'
    }
    $candidates = @(
        (Join-Path -Path $PSScriptRoot -ChildPath $fileName),
        $env:KOXOLOG_EXE
    )
    if ($env:ProgramFiles) {
        $candidates += Join-Path -Path $env:ProgramFiles -ChildPath "WindowsPowerShell\Modules\KoXoLog\bin\win-x64\$fileName"
    }
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) {
            return $candidate
        }
    }
    $onPath = Get-Command -Name $fileName -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($onPath) {
        return $onPath.Path
    }
}

try {
    $events = @('Logon', 'Logoff', 'Lock', 'Unlock', 'Reconnect', 'Disconnect', 'Startup', 'Shutdown', '[LOGON.]', '[LOGOFF]')
    if ($events -notcontains $EventType) {
        throw "the script was given -Event '$EventType'; give -Event Logon in the logon script and -Event Logoff in the logoff script"
    }
    $binary = Find-KoXoBinary
    if (-not $binary) {
        throw "koxolog.exe was not found beside $PSCommandPath, at KOXOLOG_EXE, in the KoXoLog module or on PATH: copy it beside the script in the GPO"
    }
    $timeout = $TimeoutSeconds.ToString([System.Globalization.CultureInfo]::InvariantCulture)
    $arguments = @('--event', $EventType, '--timeout', $timeout)
    if ($Store) {
        $arguments += @('--store', $Store)
    }
    else {
        $arguments += @('--server', $Server, '--share', $Share)
    }
    # The binary stops on its own after the timeout; these extra seconds
    # cover its start and the spool, and bound the worst case.
    $wait = [int](($TimeoutSeconds + 5) * 1000)
    $result = Invoke-KoXoNative -Command 'write' -ArgumentList $arguments -Binary $binary -WaitMilliseconds $wait
    switch ($result.ExitCode) {
        0 {
            break
        }
        4 {
            Write-KoXoScriptFailure -EntryType 'Warning' -Message "the store could not be reached in time: the $EventType was kept in the local spool and will be delivered by the next logon or logoff. $($result.Errors)"
        }
        default {
            Write-KoXoScriptFailure -EntryType 'Error' -Message "koxolog.exe write --event $EventType ended with exit code $($result.ExitCode): $($result.Errors)"
        }
    }
}
catch {
    Write-KoXoScriptFailure -EntryType 'Error' -Message $_.Exception.Message
}
exit 0
