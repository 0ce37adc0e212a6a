function Get-KoXoShortcutFolder {
    # The folder of the desktop or Start menu programs, the user's or every
    # user's; nothing where the system has none (not Windows).
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('Desktop', 'StartMenu')]
        [string]$Location,

        [switch]$AllUsers
    )

    $folder = switch ($Location) {
        'Desktop' { if ($AllUsers) { 'CommonDesktopDirectory' } else { 'Desktop' } }
        'StartMenu' { if ($AllUsers) { 'CommonPrograms' } else { 'Programs' } }
    }
    [System.Environment]::GetFolderPath([System.Environment+SpecialFolder]$folder)
}
