function Test-KoXoGridView {
    # Whether Out-GridView can open a window here: it needs a desktop
    # (Windows PowerShell, or PowerShell 7 with Microsoft.PowerShell.GraphicalTools).
    # Server Core has the cmdlet in Windows PowerShell but no window to show.
    [CmdletBinding()]
    [OutputType([bool])]
    param()

    if (-not (Get-Command -Name 'Out-GridView' -ErrorAction SilentlyContinue)) {
        return $false
    }
    if (-not [System.Environment]::UserInteractive) {
        return $false
    }
    if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
        $version = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name 'InstallationType' -ErrorAction SilentlyContinue
        if ($version -and $version.InstallationType -eq 'Server Core') {
            return $false
        }
    }
    $true
}
