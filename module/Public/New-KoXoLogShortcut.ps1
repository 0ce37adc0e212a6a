function New-KoXoLogShortcut {
    <#
    .SYNOPSIS
    Makes a desktop or Start menu shortcut that opens the KoXoLog viewer.
    .DESCRIPTION
    Writes a .lnk file (through WScript.Shell, so Windows only) that starts a
    PowerShell like this one, imports the module from where it is installed
    and runs Show-KoXoLog, in a console that stays open afterwards. The
    shortcut's comment shows the command it runs. An existing shortcut of the
    same name is kept unless -Force is given.
    .PARAMETER Location
    Desktop (the default) or StartMenu.
    .PARAMETER Name
    The shortcut's name, without .lnk (default: KoXoLog).
    .PARAMETER Store
    The store the viewer opens (default: whatever the viewer finds when it starts).
    .PARAMETER AllUsers
    On the desktop or Start menu of every user of the computer (needs administrator rights).
    .PARAMETER Force
    Replace a shortcut of the same name.
    .EXAMPLE
    New-KoXoLogShortcut

    A KoXoLog shortcut on your desktop.
    .EXAMPLE
    New-KoXoLogShortcut -Location StartMenu -AllUsers -Store '\\dc1\Logs$' -WhatIf

    Says where the shortcut for every user would be written, and what it would run.
    .INPUTS
    None
    .OUTPUTS
    System.IO.FileInfo
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    [OutputType([System.IO.FileInfo])]
    param(
        [ValidateSet('Desktop', 'StartMenu')]
        [string]$Location = 'Desktop',

        [ValidateNotNullOrEmpty()]
        [ValidatePattern('^[^\\/:*?"<>|]+$')]
        [string]$Name = 'KoXoLog',

        [Parameter()]
        [string]$Store,

        [switch]$AllUsers,

        [switch]$Force
    )

    $folder = Get-KoXoShortcutFolder -Location $Location -AllUsers:$AllUsers
    if (-not $folder) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.PlatformNotSupportedException]::new("This system has no $Location folder for shortcuts: New-KoXoLogShortcut makes Windows shortcuts."),
                'KoXoLog.NoShortcutFolder', [System.Management.Automation.ErrorCategory]::NotImplemented, $Location))
    }
    $path = Join-Path -Path $folder -ChildPath "$Name.lnk"
    if ((Test-Path -LiteralPath $path) -and -not $Force) {
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [System.IO.IOException]::new("The shortcut '$path' exists; -Force replaces it."),
                'KoXoLog.ShortcutExists', [System.Management.Automation.ErrorCategory]::ResourceExists, $path))
        return
    }
    $viewer = 'Show-KoXoLog'
    if ($Store) {
        $viewer += " -Store $(ConvertTo-KoXoQuotedArgument -Value $Store)"
    }
    $commandLine = Get-KoXoPowerShellCommandLine -Command $viewer -NoExit
    if ($PSCmdlet.ShouldProcess($path, "Create a shortcut running: $($commandLine.Script)")) {
        New-KoXoShortcutFile -Path $path -TargetPath $commandLine.Program -Arguments $commandLine.Arguments -Description $commandLine.Script
        Get-Item -LiteralPath $path
    }
}
