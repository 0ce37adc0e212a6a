# KoXoLog: the PowerShell module over the koxolog binary.
#
# Each public function (Public/*.ps1) turns its parameters into one call of
# the binary through the private Invoke-KoXoNative (Private/*.ps1) and types
# the JSON lines it streams back. The manifest (KoXoLog.psd1) lists what is
# exported.

# The default store set by Set-KoXoLogStore ($env:KOXOLOG_STORE otherwise).
$script:KoXoLogStore = $null

# The objects the cmdlets give and the reader of the binary's JSON lines
# (Private/KoXoLog.Types.cs, Private/KoXoLog.RecordReader.cs). Compiling them
# takes a second or more, so the assembly is kept in the user's own cache
# folder (never a shared temporary folder another user could write to),
# under a name made of this PowerShell and a hash of the sources, and loaded
# from there by the next import. A second import in one session finds the
# types loaded.
if (-not ('KoXoLog.RecordReader' -as [type])) {
    $private = Join-Path -Path $PSScriptRoot -ChildPath 'Private'
    $sources = @('KoXoLog.Types.cs', 'KoXoLog.RecordReader.cs') | ForEach-Object { Join-Path -Path $private -ChildPath $_ }
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
            Add-Type -Path $sources -OutputAssembly $partial -OutputType Library
            Move-Item -LiteralPath $partial -Destination $cached -Force
            Add-Type -Path $cached
        }
        catch {
            # No cache folder to write to: compile for this session only.
            Write-Verbose "KoXoLog: the compiled types cannot be cached ($($_.Exception.Message))"
            Add-Type -Path $sources
        }
    }
}

foreach ($folder in @('Private', 'Public')) {
    $files = Get-ChildItem -Path (Join-Path -Path $PSScriptRoot -ChildPath $folder) -Filter '*.ps1'
    foreach ($file in $files) {
        . $file.FullName
    }
}

# Tab completion of names from the store. The script block is defined here,
# so it runs in the module's scope and reaches the private Complete-KoXoName.
$completeName = {
    param(
        $commandName,
        $parameterName,
        $wordToComplete,
        $commandAst,
        $fakeBoundParameters
    )
    Complete-KoXoName -ParameterName $parameterName -WordToComplete $wordToComplete -FakeBoundParameters $fakeBoundParameters
}
foreach ($parameterName in @('Computer', 'User', 'ThinClient')) {
    Register-ArgumentCompleter -CommandName 'Get-KoXoSessionLog', 'Get-KoXoSession', 'Export-KoXoSessionRtf', 'Get-KoXoDirectoryEntry' -ParameterName $parameterName -ScriptBlock $completeName
}
