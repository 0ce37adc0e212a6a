# The store a cmdlet uses: its -Store, else the module-wide default.

function Get-KoXoStorePath {
    <#
    .SYNOPSIS
    The store path to pass as --store, or nothing.
    .DESCRIPTION
    Returns the -Store the cmdlet was given, else the default set by
    Set-KoXoLogStore, else $env:KOXOLOG_STORE, as a full provider path
    (relative paths are resolved against PowerShell's current location, not
    the process's). Returns nothing when no store is named: the binary then
    uses its own default.
    .PARAMETER Store
    The -Store given to the cmdlet, if any.
    .EXAMPLE
    Get-KoXoStorePath -Store '\\dc1\Logs$'
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string]$Store
    )

    $path = $Store
    if (-not $path) {
        $path = $script:KoXoLogStore
    }
    if (-not $path) {
        $path = $env:KOXOLOG_STORE
    }
    if ($path) {
        # A trailing backslash before a closing quote would escape the quote
        # when Windows PowerShell 5.1 builds the command line.
        $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($path)
        if ($full.Length -gt 3) {
            $full = $full.TrimEnd('\', '/')
        }
        $full
    }
}
