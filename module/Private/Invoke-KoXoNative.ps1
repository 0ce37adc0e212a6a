# The one seam between the module and the koxolog binary: every cmdlet calls
# the binary through this function, and Pester mocks it.
#
# The convention tests/powershell_static.rs checks against the binary's clap
# definition: a function names its subcommand as a constant, first argument
# of Invoke-KoXoNative (-Command 'log'), and writes each flag as a constant
# string starting with -- in that same function ('--user', $User).

function Invoke-KoXoNative {
    <#
    .SYNOPSIS
    Runs one koxolog subcommand and streams its JSON Lines back as objects.
    .DESCRIPTION
    Finds the binary (Get-KoXoBinaryPath), runs it with the subcommand and
    the arguments as an array (never one quoted string), with UTF-8 console
    encoding restored afterwards, and turns each stdout line into an object
    with ConvertFrom-Json as soon as it arrives. Each stderr line is a JSON
    diagnostic (see src/diag.rs): error -> WriteError (the work goes on),
    warning -> Write-Warning, verbose -> Write-Verbose, progress ->
    Write-Progress. The exit code is checked against src/exit.rs: 0, 1
    (per-item errors, already written) and 4 (spooled, already warned) end
    normally; 2 (usage), 3 (fatal) and any other code are terminating errors,
    as is a missing binary.

    The module resolves the store itself and passes it as --store, so
    KOXOLOG_STORE is removed from the binary's environment (the binary would
    otherwise refuse --server next to it).
    .PARAMETER Command
    The subcommand (write, tree, log, sessions, ...).
    .PARAMETER ArgumentList
    The flags and values that follow the subcommand, one element each.
    .PARAMETER StdinLines
    Lines to write to the binary's standard input (JSON Lines, for the
    subcommands that read --stdin). Without it, stdin is not redirected.
    .EXAMPLE
    Invoke-KoXoNative -Command 'tree' -ArgumentList '--branch', 'users'
    .EXAMPLE
    $lines | Invoke-KoXoNative -Command 'export-rtf' -ArgumentList '--stdin'
    .INPUTS
    System.String (StdinLines)
    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding()]
    [OutputType([psobject])]
    param(
        [Parameter(Mandatory = $true, Position = 0)]
        [string]$Command,

        [Parameter(Position = 1)]
        [AllowEmptyCollection()]
        [string[]]$ArgumentList = @(),

        [Parameter(ValueFromPipeline = $true)]
        [AllowEmptyString()]
        [string[]]$StdinLines
    )

    begin {
        $binary = Get-KoXoBinaryPath
        if (-not $binary) {
            $binFolder = [System.IO.Path]::GetFullPath((Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'bin'))
            $message = "The koxolog binary was not found: looked in the module's bin folder ($binFolder), " +
                'at $env:KOXOLOG_EXE and on PATH. ' +
                'Install the module folder built by scripts/build-module.sh (it holds bin/win-x64/koxolog.exe), ' +
                'or set $env:KOXOLOG_EXE to the path of koxolog[.exe].'
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.IO.FileNotFoundException]::new($message),
                'KoXoLog.BinaryNotFound',
                [System.Management.Automation.ErrorCategory]::ObjectNotFound,
                'koxolog'
            )
            $PSCmdlet.ThrowTerminatingError($record)
        }
        $stdin = [System.Collections.Generic.List[string]]::new()
        $useStdin = $false
    }

    process {
        if ($PSBoundParameters.ContainsKey('StdinLines')) {
            $useStdin = $true
            foreach ($line in $StdinLines) {
                $stdin.Add($line)
            }
        }
    }

    end {
        $allArguments = @($Command) + @($ArgumentList)
        # PowerShell 7.5 can keep ISO dates as text; older versions turn them
        # into [datetime], which ConvertTo-KoXoObject accepts too.
        $jsonOptions = @{}
        if ((Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')) {
            $jsonOptions['DateKind'] = 'String'
        }
        $utf8 = [System.Text.UTF8Encoding]::new($false)
        $savedConsoleEncoding = [Console]::OutputEncoding
        $savedStore = $env:KOXOLOG_STORE
        $fatalMessage = $null
        $progressShown = $false
        try {
            [Console]::OutputEncoding = $utf8
            $OutputEncoding = $utf8
            $env:KOXOLOG_STORE = $null
            & {
                # Here only, so that the caller's -ErrorAction still rules the
                # errors written below: stderr lines must not become
                # terminating errors (5.1 under Stop; 7.4's native preference).
                $ErrorActionPreference = 'Continue'
                $PSNativeCommandUseErrorActionPreference = $false
                if ($useStdin) {
                    # No line at all still means a redirected, closed stdin:
                    # a blank line, which every --stdin reader skips.
                    if ($stdin.Count -eq 0) {
                        $stdin.Add('')
                    }
                    $stdin | & $binary @allArguments 2>&1
                }
                else {
                    & $binary @allArguments 2>&1
                }
            } | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $text = $_.Exception.Message
                    if ([string]::IsNullOrWhiteSpace($text)) {
                        return
                    }
                    try {
                        $diagnostic = $text | ConvertFrom-Json -ErrorAction Stop
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
                                $record = [System.Management.Automation.ErrorRecord]::new(
                                    [System.IO.InvalidDataException]::new("$($diagnostic.Message)$where"),
                                    "KoXoLog.$($diagnostic.Code)",
                                    [System.Management.Automation.ErrorCategory]::ReadError,
                                    $diagnostic.Path
                                )
                                $PSCmdlet.WriteError($record)
                            }
                        }
                        'warning' {
                            Write-Warning "$($diagnostic.Message)$where"
                        }
                        'progress' {
                            $percent = 0
                            if ($diagnostic.Total -gt 0) {
                                $percent = [int](100 * $diagnostic.Current / $diagnostic.Total)
                            }
                            Write-Progress -Id 1 -Activity "koxolog $Command" -Status "$($diagnostic.Message): $($diagnostic.Current) of $($diagnostic.Total)" -PercentComplete $percent
                            $progressShown = $true
                        }
                        default {
                            Write-Verbose "$($diagnostic.Message)$where"
                        }
                    }
                }
                elseif (-not [string]::IsNullOrWhiteSpace($_)) {
                    $_ | ConvertFrom-Json @jsonOptions
                }
            }
            $exitCode = $LASTEXITCODE
        }
        finally {
            [Console]::OutputEncoding = $savedConsoleEncoding
            $env:KOXOLOG_STORE = $savedStore
            if ($progressShown) {
                Write-Progress -Id 1 -Activity "koxolog $Command" -Completed
            }
        }

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
        $PSCmdlet.ThrowTerminatingError($record)
    }
}
