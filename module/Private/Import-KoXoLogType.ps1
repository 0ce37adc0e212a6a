# The objects the cmdlets give and the reader of the binary's JSON lines
# and output (KoXoLog.Types.cs, KoXoLog.RecordReader.cs, KoXoLog.ProcessOutput.cs
# beside this file), compiled when
# the module is imported.

function Import-KoXoLogType {
    <#
    .SYNOPSIS
    Loads the KoXoLog .NET types, compiling them when no cached build is there.
    .DESCRIPTION
    Compiling takes a second or more, so the assembly is kept in the user's
    own cache folder (%LOCALAPPDATA%\KoXoLog, ~/.cache/KoXoLog; never a
    shared temporary folder another user could write to), under a name made
    of this PowerShell and a hash of the sources, and loaded from there by
    the next import. A second import in one session finds the types loaded.
    Without a cache folder to write to, the types are compiled for this
    session only.
    .EXAMPLE
    Import-KoXoLogType
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param()

    if ('KoXoLog.RecordReader' -as [type]) {
        return
    }
    $sources = @('KoXoLog.Types.cs', 'KoXoLog.RecordReader.cs', 'KoXoLog.ProcessOutput.cs') | ForEach-Object { Join-Path -Path $PSScriptRoot -ChildPath $_ }
    $text = ($sources | ForEach-Object { [System.IO.File]::ReadAllText($_) }) -join "`n"
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $hash = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text))).Replace('-', '').Substring(0, 16)
    }
    finally {
        $sha.Dispose()
    }
    if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
        $cacheRoot = $env:LOCALAPPDATA
    }
    elseif ($env:XDG_CACHE_HOME) {
        $cacheRoot = $env:XDG_CACHE_HOME
    }
    else {
        $cacheRoot = Join-Path -Path $HOME -ChildPath '.cache'
    }
    $cached = $null
    if ($cacheRoot) {
        $cached = Join-Path -Path (Join-Path -Path $cacheRoot -ChildPath 'KoXoLog') -ChildPath "KoXoLog-$($PSVersionTable.PSEdition)-$($PSVersionTable.PSVersion)-$hash.dll"
    }
    # Optimised code reads records twice as fast; Windows PowerShell
    # 5.1's Add-Type has no -CompilerOptions, and compiles as it does.
    $compile = @{}
    if ((Get-Command -Name Add-Type).Parameters.ContainsKey('CompilerOptions')) {
        $compile['CompilerOptions'] = '-optimize+'
    }
    else {
        # The .NET Framework's compiler needs the assembly of System.Linq.Expressions named.
        $compile['ReferencedAssemblies'] = 'System.Core'
    }
    if ($cached -and (Test-Path -LiteralPath $cached -PathType Leaf)) {
        Add-Type -Path $cached
    }
    else {
        try {
            $folder = Split-Path -Path $cached -Parent
            if (-not (Test-Path -LiteralPath $folder)) {
                New-Item -ItemType Directory -Path $folder -Force | Out-Null
            }
            $partial = "$cached.$PID.partial"
            Add-Type -Path $sources -OutputAssembly $partial -OutputType Library @compile
            Move-Item -LiteralPath $partial -Destination $cached -Force
            Add-Type -Path $cached
        }
        catch {
            # No cache folder to write to: compile for this session only.
            Write-Verbose "KoXoLog: the compiled types cannot be cached ($($_.Exception.Message))"
            Add-Type -Path $sources @compile -ErrorAction Stop
        }
    }
}
