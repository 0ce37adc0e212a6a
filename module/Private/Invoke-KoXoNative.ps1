# The one seam between the module and the koxolog binary: every cmdlet calls
# the binary through this function, and Pester mocks it.
#
# The convention tests/it/powershell_static.rs checks against the binary's clap
# definition: a function names its subcommand as a constant, first argument
# of Invoke-KoXoNative (-Command 'log'), and writes each flag as a constant
# string starting with -- in that same function ('--user', $User).
#
# The binary is started with System.Diagnostics.Process rather than the call
# operator: no console encoding to change (that throws in the ISE and in
# remoting sessions), UTF-8 on both streams on every edition, our own
# argument quoting (5.1 mangles quotes and trailing backslashes), stderr kept
# apart from stdout (no 2>&1 records in $Error), and the binary stopped when
# the pipeline stops.

function Invoke-KoXoNative {
    <#
    .SYNOPSIS
    Runs one koxolog subcommand and streams its JSON Lines back as objects.
    .DESCRIPTION
    Finds the binary (Get-KoXoBinaryPath) and starts it with the subcommand
    and the arguments, quoted by ConvertTo-KoXoCommandLine. stdout and
    stderr are read as UTF-8 as they come: stdout lines become objects of
    -TypeName (KoXoLog.Types.cs) as soon as they are complete
    (KoXoLog.RecordReader), so the first record is out before the last is
    read; each stderr line is a
    JSON diagnostic (src/diag.rs): error -> a non-terminating error of the
    calling cmdlet, with a category by its code; warning -> Write-Warning;
    verbose -> Write-Verbose; progress -> Write-Progress, with an id of the
    subcommand's own.

    The exit code, also left in $LASTEXITCODE, is checked against the table
    of src/exit.rs: 0, 1 (per-item errors, already written) and 4 (spooled,
    already warned) end normally; 2 (usage), 3 (fatal) and any other code
    are terminating errors of the calling cmdlet, as is a missing binary.

    The module resolves the store itself and passes it as --store, so
    KOXOLOG_STORE is removed from the binary's environment (the binary would
    otherwise refuse --server next to it).
    .PARAMETER Command
    The subcommand (write, tree, log, sessions, ...).
    .PARAMETER TypeName
    The KoXoLog type of the objects the subcommand prints (the table of
    src/json/mod.rs).
    .PARAMETER ArgumentList
    The flags and values that follow the subcommand, one element each.
    .PARAMETER StdinLines
    Lines to write to the binary's standard input (JSON Lines, for the
    subcommands that read --stdin). Without it, stdin is left empty.
    .PARAMETER Environment
    Variables set for the binary only (a password), never in this session.
    .PARAMETER ParentProgressId
    The -Id of the calling cmdlet's own progress bar, when it has one (a
    cmdlet that runs the binary once per batch of piped logs): the binary's
    progress shows under it.
    .PARAMETER Cmdlet
    The public cmdlet that runs the binary ($PSCmdlet there): errors are
    its errors, so they name it.
    .EXAMPLE
    Invoke-KoXoNative -Command 'tree' -TypeName 'KoXoLog.TreeItem' -ArgumentList '--branch', 'users' -Cmdlet $PSCmdlet
    .EXAMPLE
    Invoke-KoXoNative -Command 'export-rtf' -TypeName 'KoXoLog.RtfExport' -ArgumentList '--stdin' -StdinLines $lines -Cmdlet $PSCmdlet
    .INPUTS
    None
    .OUTPUTS
    KoXoLog.Record, KoXoLog.TreeItem, KoXoLog.Session, ... (-TypeName)
    #>
    [CmdletBinding()]
    [OutputType([psobject])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$Command,

        [Parameter(Mandatory = $true)]
        [ValidateSet('KoXoLog.Record', 'KoXoLog.TreeItem', 'KoXoLog.Session', 'KoXoLog.WrittenRecord', 'KoXoLog.RtfExport', 'KoXoLog.Archive', 'KoXoLog.Purge', 'KoXoLog.Setting', 'KoXoLog.DirectoryEntry', 'KoXoLog.Report')]
        [string]$TypeName,

        [Parameter(Position = 1)]
        [AllowEmptyCollection()]
        [string[]]$ArgumentList = @(),

        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$StdinLines,

        [hashtable]$Environment = @{},

        [int]$ParentProgressId = -1,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet
    )

    $binary = Get-KoXoBinaryPath
    if (-not $binary) {
        $binFolder = [System.IO.Path]::GetFullPath((Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'bin'))
        $message = "The koxolog binary was not found: looked at `$env:KOXOLOG_EXE, in the module's bin folder ($binFolder) " +
            'and on PATH. Install the module folder of a KoXoLog release (it holds bin/win-x64/koxolog.exe), ' +
            'or set $env:KOXOLOG_EXE to the path of koxolog[.exe].'
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.IO.FileNotFoundException]::new($message),
            'KoXoLog.BinaryNotFound',
            [System.Management.Automation.ErrorCategory]::ObjectNotFound,
            'koxolog'
        )
        $Cmdlet.ThrowTerminatingError($record)
    }

    $utf8 = [System.Text.UTF8Encoding]::new($false)
    # JSON both ways whatever the binary would choose for a terminal
    # (PowerShell ISE and some hosts hand the binary a console).
    $commandLine = ConvertTo-KoXoCommandLine -ArgumentList (@($Command, '--format', 'json', '--progress', 'json') + $ArgumentList)
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($binary, $commandLine)
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = $utf8
    $startInfo.StandardErrorEncoding = $utf8
    [void]$startInfo.EnvironmentVariables.Remove('KOXOLOG_STORE')
    foreach ($name in $Environment.Keys) {
        $startInfo.EnvironmentVariables[$name] = [string]$Environment[$name]
    }
    # One progress bar per subcommand: two cmdlets in one pipeline never share one.
    $progressIds = @{
        'write' = 7101; 'tree' = 7102; 'log' = 7103; 'sessions' = 7104
        'export-rtf' = 7105; 'compress' = 7106; 'directory' = 7107; 'generate' = 7108
    }
    $progressId = $progressIds[$Command]
    if (-not $progressId) {
        $progressId = 7100
    }
    $activity = "koxolog $Command"
    Write-Verbose "Running: $binary $commandLine"

    # What each diagnostic code is, as PowerShell errors go.
    $categories = @{
        'no-log'        = [System.Management.Automation.ErrorCategory]::ObjectNotFound
        'not-found'     = [System.Management.Automation.ErrorCategory]::ObjectNotFound
        'cannot-remove' = [System.Management.Automation.ErrorCategory]::WriteError
        'bad-input'     = [System.Management.Automation.ErrorCategory]::InvalidArgument
        'bad-name'      = [System.Management.Automation.ErrorCategory]::InvalidArgument
        'bad-record'    = [System.Management.Automation.ErrorCategory]::InvalidArgument
        'cannot-read'   = [System.Management.Automation.ErrorCategory]::ReadError
        'cannot-archive' = [System.Management.Automation.ErrorCategory]::ReadError
    }

    $reader = [KoXoLog.RecordReader]::new($TypeName)
    $process = $null
    $output = $null
    $fatalMessage = $null
    $progressShown = $false
    try {
        try {
            $process = [System.Diagnostics.Process]::Start($startInfo)
        }
        catch {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new("koxolog could not be started from ${binary}: $($_.Exception.Message)", $_.Exception),
                'KoXoLog.CannotStart',
                [System.Management.Automation.ErrorCategory]::ResourceUnavailable,
                $binary
            )
            $Cmdlet.ThrowTerminatingError($record)
        }
        # stdin is written while stdout and stderr are read, each on a thread
        # of its own (KoXoLog.ProcessOutput), so that neither side waits for
        # the other; stdin as bytes, since .NET Framework has no
        # StandardInputEncoding.
        $bytes = $null
        if ($StdinLines) {
            $bytes = $utf8.GetBytes(($StdinLines -join "`n") + "`n")
        }
        $output = [KoXoLog.ProcessOutput]::new($process, $reader, $bytes)
        # Taken in short waits, so that Ctrl+C is honoured.
        while (-not $output.IsCompleted) {
            $item = $output.Take(200)
            if ($null -eq $item) {
                continue
            }
            if ($null -ne $item.Objects) {
                $item.Objects
                continue
            }
            if ($null -ne $item.UnknownKey) {
                Write-Warning "koxolog $Command printed a property this version of the module does not know, $($item.UnknownKey), left out: install the module and the binary of one release together."
                continue
            }
            if ($null -ne $item.BadLine) {
                $record = [System.Management.Automation.ErrorRecord]::new(
                    [System.IO.InvalidDataException]::new("koxolog printed a line that is not a JSON object: $($item.BadLine)"),
                    'KoXoLog.unexpected-output',
                    [System.Management.Automation.ErrorCategory]::InvalidResult,
                    $item.BadLine
                )
                $Cmdlet.WriteError($record)
                continue
            }
            $text = $item.Diagnostic
            if ([string]::IsNullOrWhiteSpace($text)) {
                continue
            }
            try {
                $diagnostic = ConvertFrom-Json -InputObject $text -ErrorAction Stop
            }
            catch {
                $diagnostic = [pscustomobject]@{
                    Level   = 'error'
                    Code    = 'unexpected-output'
                    Message = $text
                }
            }
            $where = ''
            if ($diagnostic.Path) {
                $where = " ($($diagnostic.Path)"
                if ($diagnostic.Line) {
                    $where += ":$($diagnostic.Line)"
                }
                $where += ')'
            }
            switch ($diagnostic.Level) {
                'error' {
                    if ($diagnostic.Code -eq 'fatal' -or $diagnostic.Code -eq 'usage') {
                        $fatalMessage = $diagnostic.Message
                    }
                    else {
                        $category = $categories[[string]$diagnostic.Code]
                        if ($null -eq $category) {
                            $category = [System.Management.Automation.ErrorCategory]::NotSpecified
                        }
                        $record = [System.Management.Automation.ErrorRecord]::new(
                            [System.Exception]::new("$($diagnostic.Message)$where"),
                            "KoXoLog.$($diagnostic.Code)",
                            $category,
                            $diagnostic.Path
                        )
                        $Cmdlet.WriteError($record)
                    }
                }
                'warning' {
                    Write-Warning "$($diagnostic.Message)$where"
                }
                'progress' {
                    # Silenced (tab completion, scripts): not even the call.
                    if ($ProgressPreference -eq 'SilentlyContinue') {
                        continue
                    }
                    $percent = 0
                    if ($diagnostic.Total -gt 0) {
                        $percent = [Math]::Min(100, [int](100 * $diagnostic.Current / $diagnostic.Total))
                    }
                    Write-Progress -Id $progressId -ParentId $ParentProgressId -Activity $activity -Status "$($diagnostic.Message): $($diagnostic.Current) of $($diagnostic.Total)" -PercentComplete $percent
                    $progressShown = $true
                }
                default {
                    Write-Verbose "$($diagnostic.Message)$where"
                }
            }
        }
        $process.WaitForExit()
        $exitCode = $process.ExitCode
    }
    finally {
        if ($output) {
            $output.Dispose()
        }
        if ($process) {
            # The pipeline stopped early (Select-Object -First, Ctrl+C): the
            # binary is not needed any more.
            if (-not $process.HasExited) {
                try {
                    $process.Kill()
                }
                catch {
                    Write-Verbose "koxolog had already ended: $($_.Exception.Message)"
                }
            }
            $process.Dispose()
        }
        if ($progressShown) {
            Write-Progress -Id $progressId -ParentId $ParentProgressId -Activity $activity -Completed
        }
    }

    $global:LASTEXITCODE = $exitCode
    # The exit-code table of src/exit.rs.
    $why = "$fatalMessage".Trim().TrimEnd('.')
    switch ($exitCode) {
        0 {
            return
        }
        1 {
            return
        }
        4 {
            return
        }
        2 {
            $message = "koxolog $Command refused its arguments: $why. Check the parameters given; if they look right, this is a defect of the KoXoLog module."
            $category = [System.Management.Automation.ErrorCategory]::InvalidArgument
        }
        3 {
            $message = "koxolog $Command failed, nothing more was done: $why. Fix the cause named above (for a store: check its path with Get-KoXoLogStore, or give -Store) and run the command again."
            $category = [System.Management.Automation.ErrorCategory]::InvalidOperation
        }
        default {
            $message = "koxolog $Command ended with the unexpected exit code $exitCode ($why). Check that $binary is the binary built for this version of the module."
            $category = [System.Management.Automation.ErrorCategory]::InvalidResult
        }
    }
    $record = [System.Management.Automation.ErrorRecord]::new(
        [System.InvalidOperationException]::new($message),
        "KoXoLog.Exit$exitCode",
        $category,
        $Command
    )
    $Cmdlet.ThrowTerminatingError($record)
}
