# Where the koxolog binary is: $env:KOXOLOG_EXE, then the module's own bin
# folder, then PATH. Used by Invoke-KoXoNative only.

function Get-KoXoBinaryPath {
    <#
    .SYNOPSIS
    Finds the koxolog binary the module runs.
    .DESCRIPTION
    Takes the path in $env:KOXOLOG_EXE when it is set (a build of one's own,
    the tests), else the module's bin/<platform>/ folder (win-x64 or
    linux-x64), else PATH. Returns the full path, or
    nothing when the binary is nowhere; the caller says what to do.
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    # $IsWindows does not exist on Windows PowerShell 5.1.
    $onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    if ($onWindows) {
        $platform = 'win-x64'
        $fileName = 'koxolog.exe'
    }
    else {
        $platform = 'linux-x64'
        $fileName = 'koxolog'
    }
    if ($env:KOXOLOG_EXE) {
        if (Test-Path -LiteralPath $env:KOXOLOG_EXE -PathType Leaf) {
            return (Resolve-Path -LiteralPath $env:KOXOLOG_EXE).ProviderPath
        }
        Write-Warning "KOXOLOG_EXE is set to '$($env:KOXOLOG_EXE)', which is not a file: ignored."
    }
    $bundled = Join-Path -Path (Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath "bin/$platform") -ChildPath $fileName
    if (Test-Path -LiteralPath $bundled -PathType Leaf) {
        return (Resolve-Path -LiteralPath $bundled).ProviderPath
    }
    $onPath = Get-Command -Name $fileName -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($onPath) {
        return $onPath.Path
    }
}
