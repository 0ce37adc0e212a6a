# The KoXoLog module manifest: the source of truth for what is exported.
@{
    RootModule           = 'KoXoLog.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '879ca9ed-61a8-4155-ba13-2955ec72b65d'
    Author               = 'KoXoLog contributors'
    Copyright            = '(c) KoXoLog contributors. MIT License.'
    Description          = 'Who opened a session on which Windows computer, when, from where, and for how long: cmdlets over the koxolog binary.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('KoXoLog.Format.ps1xml')
    FunctionsToExport    = @(
        'Compress-KoXoSessionLogs',
        'Export-KoXoSessionRtf',
        'Get-KoXoDirectoryEntry',
        'Get-KoXoLogStore',
        'Get-KoXoReport',
        'Get-KoXoSession',
        'Get-KoXoSessionLog',
        'Get-KoXoSessionTree',
        'New-KoXoLogShortcut',
        'Register-KoXoBackupTask',
        'Remove-KoXoSessionRecord',
        'Set-KoXoLogStore',
        'Show-KoXoLog',
        'Unregister-KoXoBackupTask',
        'Write-KoXoSession'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('KoXo', 'logon', 'logoff', 'session', 'audit', 'GPO', 'Windows', 'Linux', 'PSEdition_Desktop', 'PSEdition_Core')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = '0.1.0: the first release. Sessions paired on each computer''s log with their Windows session ids; the cmdlets give .NET objects as fast as Import-Csv; the binary for Windows and Linux in bin/.'
        }
    }
}
