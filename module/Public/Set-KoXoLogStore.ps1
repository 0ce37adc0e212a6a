function Set-KoXoLogStore {
    <#
    .SYNOPSIS
    Sets the store the KoXoLog cmdlets use when -Store is not given.
    .DESCRIPTION
    With -Scope Session (the default), sets a module-wide default store for
    this PowerShell session, so a console session does not repeat -Store. It
    takes precedence over $env:KOXOLOG_STORE and the settings files.
    With -Scope User or Machine, writes the store into the settings file
    the binary reads (`koxolog config set store PATH`), yours or every
    user's of the computer (Machine needs an administrator): every new
    console, scheduled task and script finds the store there, the user's
    file winning over the machine's. This session's store, if one was set,
    still comes first here.
    Relative paths are resolved now, against the current location. A store
    that cannot be reached now is accepted with a warning: the share may
    come back later.
    .PARAMETER Path
    The store's root folder: a local path, a mounted share or a UNC path
    such as \\dc1\Logs$.
    .PARAMETER Scope
    Session (this PowerShell session only, the default), User (your
    settings file) or Machine (the computer's settings file).
    .PARAMETER PassThru
    Returns the store path set.
    .EXAMPLE
    Set-KoXoLogStore -Path '\\dc1\Logs$'

    Every KoXoLog cmdlet of this session now reads \\dc1\Logs$.
    .EXAMPLE
    Set-KoXoLogStore -Path '\\dc1\Logs$' -Scope Machine

    Every user of this computer, in every console, reads \\dc1\Logs$ without naming it.
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

        [ValidateSet('Session', 'User', 'Machine')]
        [string]$Scope = 'Session',

        [Parameter()]
        [switch]$PassThru
    )

    process {
        $full = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
        $what = switch ($Scope) {
            'Session' { 'Use as the default KoXoLog store of this session' }
            'User' { 'Write as the KoXoLog store of your settings file' }
            'Machine' { 'Write as the KoXoLog store of this computer''s settings file' }
        }
        if ($PSCmdlet.ShouldProcess($full, $what)) {
            if (-not (Test-Path -LiteralPath $full -PathType Container)) {
                Write-Warning "The store '$full' cannot be reached now; it is set anyway."
            }
            if ($Scope -eq 'Session') {
                $script:KoXoLogStore = $full
            } else {
                $arguments = @('set', 'store', $full)
                if ($Scope -eq 'Machine') {
                    $arguments += '--machine'
                }
                $setting = Invoke-KoXoNative -Command 'config' -TypeName 'KoXoLog.Setting' -ArgumentList $arguments -Cmdlet $PSCmdlet
                Write-Verbose "The store is set in $($setting.Path)."
            }
            if ($PassThru) {
                $full
            }
        }
    }
}
