function Set-KoXoLogStore {
    <#
    .SYNOPSIS
    Sets the store the KoXoLog cmdlets use when -Store is not given.
    .DESCRIPTION
    Sets a module-wide default store for this PowerShell session, so a
    console session does not repeat -Store. It takes precedence over
    $env:KOXOLOG_STORE (which is the default until this is called). Relative
    paths are resolved now, against the current location. A store that
    cannot be reached now is accepted with a warning: the share may come
    back later.
    .PARAMETER Path
    The store's root folder: a local path, a mounted share or a UNC path
    such as \\dc1\Logs$.
    .PARAMETER PassThru
    Returns the store path set.
    .EXAMPLE
    Set-KoXoLogStore -Path '\\dc1\Logs$'

    Every KoXoLog cmdlet of this session now reads \\dc1\Logs$.
    .EXAMPLE
    Set-KoXoLogStore D:\Archives\Logs -PassThru

    Uses a local copy of a store, and shows its full path.
    .INPUTS
    System.String
    .OUTPUTS
    System.String (with -PassThru)
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [Alias('FullName')]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [switch]$PassThru
    )

    process {
        $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        if ($PSCmdlet.ShouldProcess($full, 'Use as the default KoXoLog store')) {
            if (-not (Test-Path -LiteralPath $full -PathType Container)) {
                Write-Warning "The store '$full' cannot be reached now; it is set anyway."
            }
            $script:KoXoLogStore = $full
            if ($PassThru) {
                $full
            }
        }
    }
}
