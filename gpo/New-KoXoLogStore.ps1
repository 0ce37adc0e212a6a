<#
.SYNOPSIS
Creates the KoXoLog store on a file server: folders, append-only ACLs and the hidden share.
.DESCRIPTION
Run once, as an administrator, on the server that will hold the store
(usually the PDC emulator, which the GPO scripts use by default). It makes
the steps of gpo/README.md ("1. The store"):

1. the folder and its branches Computers, ThinClients, Users and BACKUP;
2. the ACLs, with icacls: inheritance cut at the root; SYSTEM,
   Administrators and the administrators' group in full control; the users'
   group, and the computers' group (startup and shutdown scripts run as the
   computer account), may create files in the three branch folders and, on
   the files, only append data, read attributes and synchronize; OWNER
   RIGHTS limited the same way, so the account that created a log cannot
   rewrite its ACL; BACKUP for administrators only;
3. the hidden share (Logs$), Change for the users and the computers and Full
   for the administrators at share level (the NTFS ACLs are the real limit),
   no offline caching, access-based enumeration.

Groups default to the domain's Domain Users, Domain Computers and Domain
Admins (Get-ADDomain, ActiveDirectory module), named by SID so that a
localized domain ("Utilisateurs du domaine") works too.
-WhatIf shows each step without doing it.
.PARAMETER Path
The store's root folder on this server, such as D:\KoXoLog\Logs.
.PARAMETER ShareName
The share name; a trailing $ hides it from browsing (default Logs$).
.PARAMETER UsersGroup
The users who log on (name or *SID); default the domain's Domain Users.
.PARAMETER ComputersGroup
The computers whose startup and shutdown are recorded (name or *SID);
default the domain's Domain Computers.
.PARAMETER AdminsGroup
The administrators who read the logs; default the domain's Domain Admins.
.EXAMPLE
.\New-KoXoLogStore.ps1 -Path D:\KoXoLog\Logs -WhatIf

Shows what would be created and granted.
.EXAMPLE
.\New-KoXoLogStore.ps1 -Path D:\KoXoLog\Logs -UsersGroup 'LYCEE\Eleves et Profs'

Creates the store for one group of users only.
.INPUTS
None
.OUTPUTS
None
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)]
    [string]$Path,

    [Parameter()]
    [string]$ShareName = 'Logs$',

    [Parameter()]
    [string]$UsersGroup = '',

    [Parameter()]
    [string]$ComputersGroup = '',

    [Parameter()]
    [string]$AdminsGroup = ''
)

$ErrorActionPreference = 'Stop'

function Get-DomainGroupSid {
    <#
    .SYNOPSIS
    The SID of a well-known group of this computer's domain, as icacls takes it.
    .DESCRIPTION
    Returns '*S-1-5-21-...-RID' for the relative id given (513 Domain Users,
    515 Domain Computers, 512 Domain Admins), from Get-ADDomain.
    .PARAMETER Rid
    The relative id.
    .EXAMPLE
    Get-DomainGroupSid -Rid 513
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [int]$Rid
    )
    "*$((Get-ADDomain).DomainSID.Value)-$Rid"
}

function Get-AccountName {
    <#
    .SYNOPSIS
    The account name of a group given as a name or as *SID.
    .DESCRIPTION
    New-SmbShare takes names, icacls takes both: a *SID is translated to the
    (possibly localized) name.
    .PARAMETER Identity
    A name, or a SID after a star.
    .EXAMPLE
    Get-AccountName -Identity '*S-1-5-32-544'
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Identity
    )
    if ($Identity.StartsWith('*')) {
        $sid = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList $Identity.Substring(1)
        return $sid.Translate([System.Security.Principal.NTAccount]).Value
    }
    $Identity
}

function Invoke-Icacls {
    <#
    .SYNOPSIS
    Runs icacls.exe on one folder and stops on failure.
    .DESCRIPTION
    Honours -WhatIf (the script's $WhatIfPreference reaches it).
    .PARAMETER Folder
    The folder whose ACL changes.
    .PARAMETER Arguments
    The icacls arguments after the folder.
    .PARAMETER Why
    What the change is for, shown by -WhatIf.
    .EXAMPLE
    Invoke-Icacls -Folder D:\Logs -Arguments '/inheritance:r' -Why 'cut inheritance'
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Folder,

        [Parameter(Mandatory = $true)]
        [string[]]$Arguments,

        [Parameter(Mandatory = $true)]
        [string]$Why
    )
    if ($PSCmdlet.ShouldProcess($Folder, "icacls $($Arguments -join ' ') ($Why)")) {
        & icacls.exe $Folder @Arguments | Write-Verbose
        if ($LASTEXITCODE -ne 0) {
            throw "icacls $Folder $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
        }
    }
}

if (-not $UsersGroup -or -not $ComputersGroup -or -not $AdminsGroup) {
    Import-Module ActiveDirectory
}
if (-not $UsersGroup) {
    $UsersGroup = Get-DomainGroupSid -Rid 513
}
if (-not $ComputersGroup) {
    $ComputersGroup = Get-DomainGroupSid -Rid 515
}
if (-not $AdminsGroup) {
    $AdminsGroup = Get-DomainGroupSid -Rid 512
}
$system = '*S-1-5-18'
$administrators = '*S-1-5-32-544'
$ownerRights = '*S-1-3-4'

# 1. The folders.
$branches = @('Computers', 'ThinClients', 'Users')
foreach ($folder in @($Path) + ($branches + 'BACKUP' | ForEach-Object { Join-Path -Path $Path -ChildPath $_ })) {
    if (-not (Test-Path -LiteralPath $folder) -and $PSCmdlet.ShouldProcess($folder, 'Create the folder')) {
        New-Item -ItemType Directory -Path $folder | Out-Null
    }
}

# 2. The ACLs. The root: no inheritance from the drive (which often lets
# Users create and read), full control for the system and administrators,
# and nothing for users beyond reading the root's attributes (SMB opens it).
Invoke-Icacls -Folder $Path -Why 'administrators only, nothing inherited from the drive' -Arguments @(
    '/inheritance:r',
    '/grant:r',
    "${system}:(OI)(CI)F",
    "${administrators}:(OI)(CI)F",
    "${AdminsGroup}:(OI)(CI)F",
    "${UsersGroup}:(RA,S)",
    "${ComputersGroup}:(RA,S)"
)
foreach ($branch in $branches) {
    $folder = Join-Path -Path $Path -ChildPath $branch
    # This folder only: create files (WD on a folder), nothing else: no
    # listing, no subfolders, no delete.
    Invoke-Icacls -Folder $folder -Why 'users and computers may create a log here' -Arguments @(
        '/grant', "${UsersGroup}:(WD,RA,S)", "${ComputersGroup}:(WD,RA,S)"
    )
    # Files only (OI)(IO): append data, read attributes, synchronize. Without
    # write data, a log can be extended but never rewritten or truncated.
    Invoke-Icacls -Folder $folder -Why 'users and computers may only append to the logs' -Arguments @(
        '/grant',
        "${UsersGroup}:(OI)(IO)(AD,RA,S)",
        "${ComputersGroup}:(OI)(IO)(AD,RA,S)",
        "${ownerRights}:(OI)(IO)(AD,RA,S)"
    )
}

# 3. The hidden share.
if (-not (Get-SmbShare -Name $ShareName -ErrorAction SilentlyContinue)) {
    if ($PSCmdlet.ShouldProcess("\\$env:COMPUTERNAME\$ShareName", "Share $Path")) {
        $full = @((Get-AccountName -Identity $administrators), (Get-AccountName -Identity $AdminsGroup))
        New-SmbShare -Name $ShareName -Path $Path -FullAccess $full -ChangeAccess @((Get-AccountName -Identity $UsersGroup), (Get-AccountName -Identity $ComputersGroup)) -CachingMode None -FolderEnumerationMode AccessBased -Description 'KoXoLog session history' | Out-Null
    }
}
else {
    Write-Warning "The share $ShareName exists already: it was left as it is. Check that it shares $Path and gives Change to $UsersGroup and $ComputersGroup (Grant-SmbShareAccess)."
}
