function New-KoXoShortcutFile {
    # Writes a Windows shortcut (.lnk) through the shell's COM object; the one
    # place New-KoXoLogShortcut touches Windows, so tests replace it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [string]$TargetPath,

        [Parameter(Mandatory = $true)]
        [string]$Arguments,

        [Parameter(Mandatory = $true)]
        [string]$Description
    )

    $shell = New-Object -ComObject 'WScript.Shell'
    try {
        $shortcut = $shell.CreateShortcut($Path)
        $shortcut.TargetPath = $TargetPath
        $shortcut.Arguments = $Arguments
        # A shortcut's comment holds at most 259 characters.
        $shortcut.Description = if ($Description.Length -gt 259) { $Description.Substring(0, 256) + '...' } else { $Description }
        $shortcut.WorkingDirectory = [System.Environment]::GetFolderPath('UserProfile')
        $shortcut.IconLocation = "$TargetPath,0"
        $shortcut.Save()
    } finally {
        [void][System.Runtime.InteropServices.Marshal]::ReleaseComObject($shell)
    }
}
