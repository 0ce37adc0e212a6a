<#
.SYNOPSIS
Creates the Group Policy that runs the KoXoLog logon and logoff scripts, and links it.
.DESCRIPTION
Run once, as a domain administrator, on a computer with the GroupPolicy
module (RSAT). It makes the steps of gpo/README.md ("2. The Group Policy"):

1. a new GPO (New-GPO);
2. KoXoLog-Session.ps1 and koxolog.exe copied into its User\Scripts\Logon
   and User\Scripts\Logoff folders in SYSVOL;
3. User\Scripts\psscripts.ini (UTF-16, as the Group Policy editor writes
   it) registering the script as a PowerShell logon script with
   -Event Logon and as a logoff script with -Event Logoff;
4. the GPO's gPCUserExtensionNames (the Scripts client-side extension) and
   its user version, in Active Directory and in GPT.INI, so that clients
   see the scripts: what the editor does when a script is added by hand;
5. a link to the users' OU (New-GPLink), when -LinkTo is given.

-WhatIf shows each step without doing it.
.PARAMETER Name
The GPO's name.
.PARAMETER BinaryPath
The Windows koxolog.exe to copy beside the script
(dist/KoXoLog/bin/win-x64/koxolog.exe of a build).
.PARAMETER LinkTo
The distinguished name of the OU holding the users, such as
'OU=Eleves,DC=lycee,DC=local'. Without it, the GPO is not linked.
.PARAMETER Server
The -Server the scripts get (default '%PDC_SERVER%', the PDC emulator).
.PARAMETER Share
The -Share the scripts get (default Logs$).
.PARAMETER TimeoutSeconds
The -TimeoutSeconds the scripts get (default 5).
.EXAMPLE
.\New-KoXoLogGpo.ps1 -BinaryPath ..\dist\KoXoLog\bin\win-x64\koxolog.exe -LinkTo 'OU=Eleves,DC=lycee,DC=local' -WhatIf

Shows the GPO, the files, the registration and the link it would make.
.EXAMPLE
.\New-KoXoLogGpo.ps1 -BinaryPath C:\KoXoLog\koxolog.exe -Server dc2 -LinkTo 'OU=Staff,DC=corp,DC=example'

Logs to \\dc2\Logs$ instead of the PDC emulator.
.INPUTS
None
.OUTPUTS
Microsoft.GroupPolicy.Gpo
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [string]$BinaryPath,

    [Parameter()]
    [string]$Name = 'KoXoLog logon and logoff',

    [Parameter()]
    [string]$LinkTo = '',

    [Parameter()]
    [string]$Server = '%PDC_SERVER%',

    [Parameter()]
    [string]$Share = 'Logs$',

    [Parameter()]
    [double]$TimeoutSeconds = 5
)

$ErrorActionPreference = 'Stop'
Import-Module GroupPolicy

# The Scripts client-side extension and the user scripts snap-in.
$scriptsExtension = '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B66650-4972-11D1-A7CA-0000F87571E3}]'
$scriptName = 'KoXoLog-Session.ps1'
$scriptSource = Join-Path -Path $PSScriptRoot -ChildPath "scripts\$scriptName"
foreach ($file in @($scriptSource, $BinaryPath)) {
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
        throw "$file was not found: give -BinaryPath the Windows build of koxolog.exe (scripts/build-module.sh puts it in dist/KoXoLog/bin/win-x64)"
    }
}

# Every step talks to the PDC emulator (as the Group Policy editor does), so
# that SYSVOL and the directory agree before replication.
$domain = [System.DirectoryServices.ActiveDirectory.Domain]::GetCurrentDomain()
$dc = $domain.PdcRoleOwner.Name

# 1. The GPO.
$gpo = $null
$gpoId = '<id of the new GPO>'
if ($PSCmdlet.ShouldProcess($Name, "Create the Group Policy Object on $dc")) {
    $gpo = New-GPO -Name $Name -Server $dc -Comment 'KoXoLog: records logons and logoffs in the store (see gpo/README.md).'
    $gpoId = $gpo.Id
}
$gpoFolder = "\\$dc\SYSVOL\$($domain.Name)\Policies\{$gpoId}"
$scriptsFolder = Join-Path -Path $gpoFolder -ChildPath 'User\Scripts'

# 2. The script and the binary, in each script folder.
foreach ($kind in @('Logon', 'Logoff')) {
    $folder = Join-Path -Path $scriptsFolder -ChildPath $kind
    if ($PSCmdlet.ShouldProcess($folder, "Copy $scriptName and koxolog.exe")) {
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        Copy-Item -LiteralPath $scriptSource -Destination $folder
        Copy-Item -LiteralPath $BinaryPath -Destination (Join-Path -Path $folder -ChildPath 'koxolog.exe')
    }
}

# 3. psscripts.ini: the PowerShell scripts of the GPO, with their parameters.
$common = "-Server $Server -Share $Share -TimeoutSeconds $($TimeoutSeconds.ToString([System.Globalization.CultureInfo]::InvariantCulture))"
$lines = @(
    '',
    '[Logon]',
    "0CmdLine=$scriptName",
    "0Parameters=-Event Logon $common",
    '',
    '[Logoff]',
    "0CmdLine=$scriptName",
    "0Parameters=-Event Logoff $common"
)
$iniPath = Join-Path -Path $scriptsFolder -ChildPath 'psscripts.ini'
if ($PSCmdlet.ShouldProcess($iniPath, 'Register the logon and logoff scripts')) {
    [System.IO.File]::WriteAllText($iniPath, (($lines -join "`r`n") + "`r`n"), [System.Text.Encoding]::Unicode)
}

# 4. Tell clients the GPO has user scripts, and that it changed.
if ($gpo -and $PSCmdlet.ShouldProcess($Name, 'Declare the Scripts extension and raise the user version')) {
    $domainDn = $domain.GetDirectoryEntry().Properties['distinguishedName'].Value
    $entry = [adsi]"LDAP://$dc/CN={$gpoId},CN=Policies,CN=System,$domainDn"
    $extensions = [string]$entry.Properties['gPCUserExtensionNames'].Value
    if ($extensions -notlike "*$scriptsExtension*") {
        $entry.Properties['gPCUserExtensionNames'].Value = $extensions + $scriptsExtension
    }
    # The user version is the high 16 bits of versionNumber.
    $version = [int]$entry.Properties['versionNumber'].Value + 65536
    $entry.Properties['versionNumber'].Value = $version
    $entry.CommitChanges()
    $gptIni = Join-Path -Path $gpoFolder -ChildPath 'GPT.INI'
    $gptText = [System.IO.File]::ReadAllText($gptIni)
    $gptText = [regex]::Replace($gptText, '(?m)^Version=\d+', "Version=$version")
    [System.IO.File]::WriteAllText($gptIni, $gptText, [System.Text.Encoding]::ASCII)
}

# 5. The link to the users' OU.
if ($LinkTo) {
    if ($PSCmdlet.ShouldProcess($LinkTo, "Link the GPO $Name")) {
        New-GPLink -Guid $gpoId -Target $LinkTo -Server $dc -LinkEnabled Yes | Out-Null
    }
}
else {
    Write-Warning "The GPO is not linked: link it to the users' OU in the Group Policy Management console, or run New-GPLink -Name '$Name' -Target '<OU distinguished name>'."
}
$gpo
