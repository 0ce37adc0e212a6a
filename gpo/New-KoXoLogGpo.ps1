<#
.SYNOPSIS
Creates (or updates) the Group Policy that records every session event with KoXoLog, and links it.
.DESCRIPTION
Run as a domain administrator, on a computer with the GroupPolicy and
ActiveDirectory modules (RSAT). It makes the steps of gpo/README.md
("2. The Group Policy"):

1. the GPO (New-GPO), or with -Update the existing one (Get-GPO); with
   -ComputerGpoName a second GPO holds the computer side;
2. one copy of KoXoLog-Session.ps1 and koxolog.exe in SYSVOL, in the users'
   GPO folder KoXoLog; every script and task refers to it by its path;
3. the user side: logon and logoff scripts (User\Scripts\psscripts.ini, or
   scripts.ini with koxolog.exe itself when -Direct is given);
4. the computer side: startup and shutdown scripts (Machine\Scripts), the
   policy "Configure Logon Script Delay" enabled with 0 minutes
   (EnableLogonScriptDelay=1, AsyncScriptDelay=0 under
   HKLM\Software\Policies\Microsoft\Windows\System, through
   Set-GPRegistryValue), and a Group Policy Preferences scheduled task per
   event (Machine\Preferences\ScheduledTasks\ScheduledTasks.xml) whose
   session-state-change triggers record lock, unlock, reconnect and
   disconnect in the user's session;
5. the client-side extensions in gPCUserExtensionNames and
   gPCMachineExtensionNames (merged with those already there, sorted) and
   the GPO version (user half and computer half) in Active Directory and in
   GPT.INI, so that clients apply the change;
6. the links to the users' OU (-LinkTo) and the computers' OU
   (-ComputerLinkTo), when given and not there yet.

Running it again with -Update rewrites the same files (KoXoLog's entries
are replaced, other entries of the same files are kept) and raises the
versions. -WhatIf shows each step without doing it.
.PARAMETER BinaryPath
The Windows koxolog.exe to copy beside the script
(KoXoLog\bin\win-x64\koxolog.exe of the release zip).
.PARAMETER Name
The GPO's name (the users' GPO, and the computers' too unless
-ComputerGpoName is given).
.PARAMETER ComputerGpoName
The name of a second GPO for the computer side (startup and shutdown
scripts, logon script delay, the session-event tasks), linked to
-ComputerLinkTo. Without it the computer side goes into the GPO -Name.
.PARAMETER LinkTo
The distinguished name of the OU holding the users, such as
'OU=Eleves,DC=lycee,DC=local'. Without it, the GPO is not linked.
.PARAMETER ComputerLinkTo
The distinguished name of the OU holding the computers, such as
'OU=Postes,DC=lycee,DC=local': computer settings apply to the computers
of the OUs a GPO is linked to.
.PARAMETER Update
Update the GPOs if they exist (they are created when they do not);
without it an existing GPO of that name is an error.
.PARAMETER Direct
Register koxolog.exe itself (scripts.ini) rather than the PowerShell
script (psscripts.ini) as logon, logoff, startup and shutdown script: no
PowerShell start, but failures are not written to the event log.
.PARAMETER Server
The server the scripts write to (default '%PDC_SERVER%', the PDC emulator).
.PARAMETER Share
The share on -Server (default Logs$).
.PARAMETER TimeoutSeconds
How long the binary waits for the store before spooling (default 5).
.PARAMETER PoliciesPath
The SYSVOL Policies folder the files are written to (default
\\<PDC emulator>\SYSVOL\<domain>\Policies, where the Group Policy editor
writes). Scripts and tasks refer to \\<domain>\SYSVOL\<domain>\Policies
whatever this is.
.EXAMPLE
.\New-KoXoLogGpo.ps1 -BinaryPath .\KoXoLog\bin\win-x64\koxolog.exe -LinkTo 'OU=Eleves,DC=lycee,DC=local' -ComputerLinkTo 'OU=Postes,DC=lycee,DC=local' -WhatIf

Shows the GPO, the files, the registration and the links it would make.
.EXAMPLE
.\New-KoXoLogGpo.ps1 -BinaryPath C:\KoXoLog\koxolog.exe -ComputerGpoName 'KoXoLog computers' -LinkTo 'OU=Staff,DC=corp,DC=example' -ComputerLinkTo 'OU=Workstations,DC=corp,DC=example'

The user side in one GPO linked to the users, the computer side in another linked to the computers.
.EXAMPLE
.\New-KoXoLogGpo.ps1 -BinaryPath C:\KoXoLog\koxolog.exe -Server dc2 -Update

Updates the existing GPO (a new koxolog.exe, another server), keeping its links.
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
    [string]$ComputerGpoName = '',

    [Parameter()]
    [string]$LinkTo = '',

    [Parameter()]
    [string]$ComputerLinkTo = '',

    [Parameter()]
    [switch]$Update,

    [Parameter()]
    [switch]$Direct,

    [Parameter()]
    [string]$Server = '%PDC_SERVER%',

    [Parameter()]
    [string]$Share = 'Logs$',

    [Parameter()]
    [double]$TimeoutSeconds = 5,

    [Parameter()]
    [string]$PoliciesPath = ''
)

$ErrorActionPreference = 'Stop'

# Client-side extensions: [{extension}{tool}]. Scripts (user and computer
# snap-ins), Registry (administrative templates), Preferences scheduled
# tasks (and the null extension the editor lists its preference tools under).
$cseScripts = '{42B5FAAE-6536-11D2-AE5A-0000F87571E3}'
$cseRegistry = '{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'
$cseTasks = '{AADCED64-746C-4633-A97C-D61349046527}'
$cseNull = '{00000000-0000-0000-0000-000000000000}'
$userExtensions = @(, @($cseScripts, '{40B66650-4972-11D1-A7CA-0000F87571E3}'))
$machineExtensions = @(
    @($cseScripts, '{40B6664F-4972-11D1-A7CA-0000F87571E3}'),
    @($cseRegistry, '{D02B1F72-3407-48AE-BA88-E8213C6761F1}'),
    @($cseTasks, '{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}'),
    @($cseNull, '{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}')
)
$scriptName = 'KoXoLog-Session.ps1'
$binaryName = 'koxolog.exe'
$ourFiles = @($scriptName, $binaryName)

function ConvertTo-GpoArgument {
    <#
    .SYNOPSIS
    Quotes one script parameter as Windows reads a command line back.
    .DESCRIPTION
    A value with a space, a tab or a quote goes in double quotes (backslashes
    doubled before a quote and at the end); a line break is refused, since it
    would end the INI entry and start another.
    .PARAMETER Value
    The parameter's value.
    .EXAMPLE
    ConvertTo-GpoArgument -Value 'Logs $'
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param(
        [AllowEmptyString()]
        [string]$Value
    )
    if ($Value -match '[\r\n\0]') {
        throw "a script parameter may not hold a line break: '$($Value -replace '[\r\n\0]', ' ')'"
    }
    if ($Value -and $Value -notmatch '[\s"]') {
        return $Value
    }
    $escaped = [regex]::Replace($Value, '(\\*)"', '$1$1\"')
    $escaped = [regex]::Replace($escaped, '(\\+)$', '$1$1')
    '"' + $escaped + '"'
}

function Read-ScriptsIni {
    <#
    .SYNOPSIS
    Reads a GPO's scripts.ini or psscripts.ini.
    .DESCRIPTION
    Returns an ordered dictionary: section name to a list of entries
    (CmdLine, Parameters, in their numbered order) and other lines of the
    section (such as [ScriptsConfig] settings), kept as they are.
    .PARAMETER Path
    The file (UTF-16 LE, as Windows writes it); missing means empty.
    .EXAMPLE
    Read-ScriptsIni -Path '\\dc1\SYSVOL\lycee.local\Policies\{...}\User\Scripts\psscripts.ini'
    .INPUTS
    None
    .OUTPUTS
    System.Collections.Specialized.OrderedDictionary
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $sections = [ordered]@{}
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        return $sections
    }
    $current = $null
    $numbered = @{}
    foreach ($line in [System.IO.File]::ReadAllLines($Path)) {
        if ($line -match '^\s*\[(.+)\]\s*$') {
            $current = $Matches[1]
            if (-not $sections.Contains($current)) {
                $sections[$current] = [pscustomobject]@{ Entries = New-Object System.Collections.ArrayList; Other = New-Object System.Collections.ArrayList }
                $numbered[$current] = @{}
            }
            continue
        }
        if ($null -eq $current -or -not $line.Trim()) {
            continue
        }
        if ($line -match '^(\d+)(CmdLine|Parameters)=(.*)$') {
            $index = [int]$Matches[1]
            if (-not $numbered[$current].ContainsKey($index)) {
                $numbered[$current][$index] = [pscustomobject]@{ Index = $index; CmdLine = ''; Parameters = '' }
            }
            $numbered[$current][$index].($Matches[2]) = $Matches[3]
        }
        else {
            [void]$sections[$current].Other.Add($line)
        }
    }
    foreach ($section in @($sections.Keys)) {
        foreach ($entry in ($numbered[$section].Values | Sort-Object -Property Index)) {
            [void]$sections[$section].Entries.Add($entry)
        }
    }
    $sections
}

function Write-ScriptsIni {
    <#
    .SYNOPSIS
    Writes a scripts.ini or psscripts.ini as the Group Policy editor does.
    .DESCRIPTION
    UTF-16 LE with its byte order mark, CRLF line ends, entries numbered from
    0 in each section. A file left with no entry and no setting is deleted.
    .PARAMETER Path
    The file.
    .PARAMETER Sections
    What Read-ScriptsIni returned, changed.
    .EXAMPLE
    Write-ScriptsIni -Path $ini -Sections $sections
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path,

        [Parameter(Mandatory = $true)]
        [System.Collections.Specialized.OrderedDictionary]$Sections
    )
    $lines = New-Object System.Collections.Generic.List[string]
    foreach ($section in $Sections.Keys) {
        $content = $Sections[$section]
        if ($content.Entries.Count -eq 0 -and $content.Other.Count -eq 0) {
            continue
        }
        $lines.Add('')
        $lines.Add("[$section]")
        $index = 0
        foreach ($entry in $content.Entries) {
            $lines.Add("${index}CmdLine=$($entry.CmdLine)")
            $lines.Add("${index}Parameters=$($entry.Parameters)")
            $index += 1
        }
        foreach ($other in $content.Other) {
            $lines.Add($other)
        }
    }
    if ($lines.Count -eq 0) {
        if (Test-Path -LiteralPath $Path -PathType Leaf) {
            Remove-Item -LiteralPath $Path
        }
        return
    }
    $folder = Split-Path -Path $Path -Parent
    if (-not (Test-Path -LiteralPath $folder)) {
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
    }
    [System.IO.File]::WriteAllText($Path, (($lines -join "`r`n") + "`r`n"), [System.Text.Encoding]::Unicode)
}

function Set-KoXoScripts {
    <#
    .SYNOPSIS
    Registers KoXoLog's scripts in one side (User or Machine) of a GPO.
    .DESCRIPTION
    Removes KoXoLog's entries (KoXoLog-Session.ps1 or koxolog.exe) from both
    scripts.ini and psscripts.ini of the side's Scripts folder, then adds the
    given ones to the file of their kind; other scripts stay where they are.
    .PARAMETER ScriptsFolder
    The side's Scripts folder.
    .PARAMETER FileName
    scripts.ini or psscripts.ini: where the new entries go.
    .PARAMETER Entries
    Section name (Logon, Logoff, Startup, Shutdown) to CmdLine and Parameters.
    .EXAMPLE
    Set-KoXoScripts -ScriptsFolder $folder -FileName 'psscripts.ini' -Entries $entries
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$ScriptsFolder,

        [Parameter(Mandatory = $true)]
        [string]$FileName,

        [Parameter(Mandatory = $true)]
        [System.Collections.Specialized.OrderedDictionary]$Entries
    )
    foreach ($file in @('scripts.ini', 'psscripts.ini')) {
        $path = Join-Path -Path $ScriptsFolder -ChildPath $file
        $sections = Read-ScriptsIni -Path $path
        foreach ($section in @($sections.Keys)) {
            $foreign = @($sections[$section].Entries | Where-Object { $ourFiles -notcontains (($_.CmdLine -split '[\\/]')[-1]) })
            $sections[$section].Entries.Clear()
            foreach ($entry in $foreign) {
                [void]$sections[$section].Entries.Add($entry)
            }
        }
        if ($file -eq $FileName) {
            foreach ($section in $Entries.Keys) {
                if (-not $sections.Contains($section)) {
                    $sections[$section] = [pscustomobject]@{ Entries = New-Object System.Collections.ArrayList; Other = New-Object System.Collections.ArrayList }
                }
                [void]$sections[$section].Entries.Add([pscustomobject]$Entries[$section])
            }
        }
        if ($sections.Count -gt 0) {
            Write-ScriptsIni -Path $path -Sections $sections
        }
    }
}

function Merge-ExtensionName {
    <#
    .SYNOPSIS
    Merges client-side-extension pairs into a gPC*ExtensionNames value.
    .DESCRIPTION
    The value is a list of [{extension}{tool}...]; Windows expects the
    extensions sorted and each one's tools sorted (GUIDs compared without
    case). Pairs already there are not repeated.
    .PARAMETER Value
    The attribute's value now (may be empty).
    .PARAMETER Pairs
    Pairs of extension and tool GUIDs to add.
    .EXAMPLE
    Merge-ExtensionName -Value '' -Pairs @(, @('{42B5FAAE-6536-11D2-AE5A-0000F87571E3}', '{40B66650-4972-11D1-A7CA-0000F87571E3}'))
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param(
        [AllowEmptyString()]
        [string]$Value,

        [Parameter(Mandatory = $true)]
        [object[]]$Pairs
    )
    $map = @{}
    foreach ($group in [regex]::Matches($Value, '\[([^\]]*)\]')) {
        $guids = @([regex]::Matches($group.Groups[1].Value, '\{[0-9A-Fa-f-]+\}') | ForEach-Object { $_.Value.ToUpperInvariant() })
        if ($guids.Count -eq 0) {
            continue
        }
        if (-not $map.ContainsKey($guids[0])) {
            $map[$guids[0]] = @{}
        }
        foreach ($tool in ($guids | Select-Object -Skip 1)) {
            $map[$guids[0]][$tool] = $true
        }
    }
    foreach ($pair in $Pairs) {
        $extension = $pair[0].ToUpperInvariant()
        if (-not $map.ContainsKey($extension)) {
            $map[$extension] = @{}
        }
        foreach ($tool in ($pair | Select-Object -Skip 1)) {
            $map[$extension][$tool.ToUpperInvariant()] = $true
        }
    }
    $comparer = [System.StringComparer]::OrdinalIgnoreCase
    $extensions = [string[]]@($map.Keys)
    [System.Array]::Sort($extensions, $comparer)
    $text = foreach ($extension in $extensions) {
        $tools = [string[]]@($map[$extension].Keys)
        [System.Array]::Sort($tools, $comparer)
        '[' + $extension + ($tools -join '') + ']'
    }
    $text -join ''
}

function Get-NextVersion {
    <#
    .SYNOPSIS
    Raises the user half, the computer half, or both of a GPO version.
    .DESCRIPTION
    versionNumber holds the user version in its high 16 bits and the computer
    version in its low 16 bits; a half at 65535 goes round to 1 (0 would mean
    "never changed"). Active Directory keeps it as a signed 32-bit number: a
    negative version reads as its unsigned value.
    .PARAMETER Version
    The version now.
    .PARAMETER User
    Raise the user half.
    .PARAMETER Computer
    Raise the computer half.
    .EXAMPLE
    Get-NextVersion -Version 65537 -User
    .INPUTS
    None
    .OUTPUTS
    System.Int64
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [long]$Version,

        [switch]$User,

        [switch]$Computer
    )
    $Version = $Version -band 0xFFFFFFFFL
    $userHalf = ($Version -shr 16) -band 0xFFFF
    $computerHalf = $Version -band 0xFFFF
    if ($User) {
        $userHalf = if ($userHalf -ge 0xFFFF) { 1 } else { $userHalf + 1 }
    }
    if ($Computer) {
        $computerHalf = if ($computerHalf -ge 0xFFFF) { 1 } else { $computerHalf + 1 }
    }
    ([long]$userHalf -shl 16) -bor $computerHalf
}

function New-KoXoTaskXml {
    <#
    .SYNOPSIS
    The Group Policy Preferences ScheduledTasks.xml of KoXoLog's session-event tasks.
    .DESCRIPTION
    One "Scheduled Task (at least Windows 7)" item (TaskV2) per event, run
    as the interactive user of the session that changed (the Users group,
    least privilege), replaced on each refresh. Items of the existing file
    that are not KoXoLog's are kept. Returns the file's text.
    .PARAMETER Existing
    The file's text now, or an empty string.
    .PARAMETER ScriptPath
    The session script's path in SYSVOL, as clients see it.
    .PARAMETER Parameters
    The script parameters common to every event.
    .PARAMETER Changed
    The items' "changed" time (yyyy-MM-dd HH:mm:ss).
    .EXAMPLE
    New-KoXoTaskXml -Existing '' -ScriptPath $script -Parameters '-Server dc1' -Changed '2026-12-02 07:00:00'
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    param(
        [AllowEmptyString()]
        [string]$Existing,

        [Parameter(Mandatory = $true)]
        [string]$ScriptPath,

        [Parameter(Mandatory = $true)]
        [string]$Parameters,

        [Parameter(Mandatory = $true)]
        [string]$Changed
    )
    # Fixed item ids, so that an update replaces the same items.
    $tasks = @(
        @{ Event = 'Lock'; Uid = '{6B1E2D61-3F4A-4C0E-9B7A-4B6F3C1D7A01}'; States = @('SessionLock') },
        @{ Event = 'Unlock'; Uid = '{6B1E2D61-3F4A-4C0E-9B7A-4B6F3C1D7A02}'; States = @('SessionUnlock') },
        @{ Event = 'Reconnect'; Uid = '{6B1E2D61-3F4A-4C0E-9B7A-4B6F3C1D7A03}'; States = @('RemoteConnect', 'ConsoleConnect') },
        @{ Event = 'Disconnect'; Uid = '{6B1E2D61-3F4A-4C0E-9B7A-4B6F3C1D7A04}'; States = @('RemoteDisconnect', 'ConsoleDisconnect') }
    )
    $escape = [System.Security.SecurityElement]
    $items = foreach ($task in $tasks) {
        $taskName = "KoXoLog $($task.Event)"
        $arguments = "-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass -File $(ConvertTo-GpoArgument -Value $ScriptPath) -Event $($task.Event) $Parameters"
        $triggers = foreach ($state in $task.States) {
            "<SessionStateChangeTrigger><Enabled>true</Enabled><StateChange>$state</StateChange></SessionStateChangeTrigger>"
        }
        @(
            "<TaskV2 clsid=`"{D8896631-B747-47a7-84A6-C155337F3BC8}`" name=`"$taskName`" image=`"2`" changed=`"$Changed`" uid=`"$($task.Uid)`" userContext=`"0`" removePolicy=`"1`">",
            "<Properties action=`"R`" name=`"$taskName`" runAs=`"S-1-5-32-545`" logonType=`"Group`">",
            '<Task version="1.2">',
            "<RegistrationInfo><Author>KoXoLog</Author><Description>Records the session's $($task.Event.ToLowerInvariant()) in the KoXoLog store (gpo/README.md).</Description></RegistrationInfo>",
            '<Principals><Principal id="Author"><GroupId>S-1-5-32-545</GroupId><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>',
            '<Settings><IdleSettings><Duration>PT10M</Duration><WaitTimeout>PT1H</WaitTimeout><StopOnIdleEnd>false</StopOnIdleEnd><RestartOnIdle>false</RestartOnIdle></IdleSettings>',
            '<MultipleInstancesPolicy>Parallel</MultipleInstancesPolicy><DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries><StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
            '<AllowHardTerminate>true</AllowHardTerminate><AllowStartOnDemand>false</AllowStartOnDemand><Enabled>true</Enabled><Hidden>true</Hidden><ExecutionTimeLimit>PT5M</ExecutionTimeLimit><Priority>7</Priority></Settings>',
            "<Triggers>$($triggers -join '')</Triggers>",
            "<Actions Context=`"Author`"><Exec><Command>powershell.exe</Command><Arguments>$($escape::Escape($arguments))</Arguments></Exec></Actions>",
            '</Task>',
            '</Properties>',
            '</TaskV2>'
        ) -join ''
    }
    $document = New-Object System.Xml.XmlDocument
    $document.PreserveWhitespace = $false
    if ($Existing.Trim()) {
        $document.LoadXml($Existing)
        $ourIds = @($tasks | ForEach-Object { $_.Uid })
        foreach ($node in @($document.DocumentElement.ChildNodes)) {
            if ($node.NodeType -eq 'Element' -and $ourIds -contains $node.GetAttribute('uid')) {
                [void]$document.DocumentElement.RemoveChild($node)
            }
        }
    }
    else {
        $document.LoadXml('<?xml version="1.0" encoding="utf-8"?><ScheduledTasks clsid="{CC63F200-7309-4ba0-B154-A71CD118DBCC}"></ScheduledTasks>')
    }
    foreach ($item in $items) {
        $fragment = $document.CreateDocumentFragment()
        $fragment.InnerXml = $item
        [void]$document.DocumentElement.AppendChild($fragment)
    }
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = "`t"
    $settings.NewLineChars = "`r`n"
    $settings.Encoding = New-Object System.Text.UTF8Encoding -ArgumentList $false
    $stream = New-Object System.IO.MemoryStream
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    $document.Save($writer)
    $writer.Dispose()
    [System.Text.Encoding]::UTF8.GetString($stream.ToArray()) + "`r`n"
}

function Get-KoXoGpo {
    <#
    .SYNOPSIS
    The GPO of a name: created, or with -Update the existing one.
    .DESCRIPTION
    Without -Update an existing GPO is an error (so that a second run does not
    make a second GPO of the same name).
    .PARAMETER GpoName
    The GPO's name.
    .PARAMETER Comment
    The comment of a new GPO.
    .PARAMETER DomainController
    The domain controller to talk to.
    .EXAMPLE
    Get-KoXoGpo -GpoName 'KoXoLog logon and logoff' -Comment 'KoXoLog' -DomainController dc1
    .INPUTS
    None
    .OUTPUTS
    Microsoft.GroupPolicy.Gpo
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [string]$GpoName,

        [Parameter(Mandatory = $true)]
        [string]$Comment,

        [Parameter(Mandatory = $true)]
        [string]$DomainController
    )
    $existing = $null
    try {
        $existing = Get-GPO -Name $GpoName -Server $DomainController -ErrorAction Stop
    }
    catch {
        $existing = $null
    }
    if ($existing) {
        if (-not $Update) {
            throw "the GPO '$GpoName' exists already: run again with -Update to update it"
        }
        return $existing
    }
    if ($PSCmdlet.ShouldProcess($GpoName, "Create the Group Policy Object on $DomainController")) {
        return New-GPO -Name $GpoName -Server $DomainController -Comment $Comment
    }
}

foreach ($file in @((Join-Path -Path $PSScriptRoot -ChildPath "scripts\$scriptName"), $BinaryPath)) {
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
        throw "$file was not found: give -BinaryPath the Windows build of koxolog.exe (the release zip's KoXoLog\bin\win-x64\koxolog.exe)"
    }
}
$scriptSource = Join-Path -Path $PSScriptRoot -ChildPath "scripts\$scriptName"
$timeout = $TimeoutSeconds.ToString([System.Globalization.CultureInfo]::InvariantCulture)
# Checked before anything changes: a value with a line break is refused here.
$scriptParameters = "-Server $(ConvertTo-GpoArgument -Value $Server) -Share $(ConvertTo-GpoArgument -Value $Share) -TimeoutSeconds $timeout"
$binaryParameters = "--server $(ConvertTo-GpoArgument -Value $Server) --share $(ConvertTo-GpoArgument -Value $Share) --timeout $timeout"

Import-Module GroupPolicy
Import-Module ActiveDirectory

# Every step talks to the PDC emulator (as the Group Policy editor does), so
# that SYSVOL and the directory agree before replication.
$domain = Get-ADDomain
$dc = $domain.PDCEmulator
if (-not $PoliciesPath) {
    $PoliciesPath = "\\$dc\SYSVOL\$($domain.DNSRoot)\Policies"
}
$clientPolicies = "\\$($domain.DNSRoot)\SYSVOL\$($domain.DNSRoot)\Policies"

# 1. The GPOs.
$comment = 'KoXoLog: records logons, logoffs and the other session events in the store (see gpo/README.md).'
$userGpo = Get-KoXoGpo -GpoName $Name -Comment $comment -DomainController $dc
$machineGpo = $userGpo
if ($ComputerGpoName) {
    $machineGpo = Get-KoXoGpo -GpoName $ComputerGpoName -Comment $comment -DomainController $dc
}
if (-not $userGpo -or -not $machineGpo) {
    # -WhatIf on a GPO that does not exist yet: nothing more to show by path.
    Write-Verbose 'The GPO was not created (-WhatIf): the files and the registration would follow.'
    return
}
# SYSVOL names a GPO's folder by its id in capitals, as the editor does.
$userId = ([string]$userGpo.Id).ToUpperInvariant()
$machineId = ([string]$machineGpo.Id).ToUpperInvariant()
$userFolder = Join-Path -Path $PoliciesPath -ChildPath "{$userId}"
$machineFolder = Join-Path -Path $PoliciesPath -ChildPath "{$machineId}"

# 2. One copy of the script and the binary; copies an earlier version of
# this script left in the script folders go.
$sharedFolder = Join-Path -Path $userFolder -ChildPath 'KoXoLog'
$clientScript = "$clientPolicies\{$userId}\KoXoLog\$scriptName"
$clientBinary = "$clientPolicies\{$userId}\KoXoLog\$binaryName"
if ($PSCmdlet.ShouldProcess($sharedFolder, "Copy $scriptName and $binaryName")) {
    New-Item -ItemType Directory -Path $sharedFolder -Force | Out-Null
    Copy-Item -LiteralPath $scriptSource -Destination (Join-Path -Path $sharedFolder -ChildPath $scriptName) -Force
    Copy-Item -LiteralPath $BinaryPath -Destination (Join-Path -Path $sharedFolder -ChildPath $binaryName) -Force
    foreach ($old in @('User\Scripts\Logon', 'User\Scripts\Logoff', 'Machine\Scripts\Startup', 'Machine\Scripts\Shutdown')) {
        foreach ($gpoFolder in @($userFolder, $machineFolder) | Select-Object -Unique) {
            foreach ($file in $ourFiles) {
                $stale = Join-Path -Path (Join-Path -Path $gpoFolder -ChildPath $old) -ChildPath $file
                if (Test-Path -LiteralPath $stale -PathType Leaf) {
                    Remove-Item -LiteralPath $stale
                }
            }
        }
    }
}

function Get-KoXoScriptEntry {
    <#
    .SYNOPSIS
    The script entry (CmdLine and Parameters) of one event.
    .DESCRIPTION
    The PowerShell script with -Event, or with -Direct koxolog.exe with write --event.
    .PARAMETER EventName
    Logon, Logoff, Startup or Shutdown.
    .EXAMPLE
    Get-KoXoScriptEntry -EventName Logon
    .INPUTS
    None
    .OUTPUTS
    System.Collections.Hashtable
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [string]$EventName
    )
    if ($Direct) {
        return @{ CmdLine = $clientBinary; Parameters = "write --event $($EventName.ToLowerInvariant()) $binaryParameters" }
    }
    @{ CmdLine = $clientScript; Parameters = "-Event $EventName $scriptParameters" }
}

$iniName = if ($Direct) { 'scripts.ini' } else { 'psscripts.ini' }

# 3. The user side: logon and logoff scripts.
$userScripts = Join-Path -Path $userFolder -ChildPath 'User\Scripts'
if ($PSCmdlet.ShouldProcess((Join-Path -Path $userScripts -ChildPath $iniName), 'Register the logon and logoff scripts')) {
    $entries = [ordered]@{ Logon = (Get-KoXoScriptEntry -EventName 'Logon'); Logoff = (Get-KoXoScriptEntry -EventName 'Logoff') }
    Set-KoXoScripts -ScriptsFolder $userScripts -FileName $iniName -Entries $entries
}

# 4. The computer side: startup and shutdown scripts, no logon script
# delay, the session-event tasks.
$machineScripts = Join-Path -Path $machineFolder -ChildPath 'Machine\Scripts'
if ($PSCmdlet.ShouldProcess((Join-Path -Path $machineScripts -ChildPath $iniName), 'Register the startup and shutdown scripts')) {
    $entries = [ordered]@{ Startup = (Get-KoXoScriptEntry -EventName 'Startup'); Shutdown = (Get-KoXoScriptEntry -EventName 'Shutdown') }
    Set-KoXoScripts -ScriptsFolder $machineScripts -FileName $iniName -Entries $entries
}
$policyKey = 'HKLM\Software\Policies\Microsoft\Windows\System'
if ($PSCmdlet.ShouldProcess($policyKey, 'Configure Logon Script Delay: enabled, 0 minutes')) {
    Set-GPRegistryValue -Guid $machineGpo.Id -Server $dc -Key $policyKey -ValueName 'EnableLogonScriptDelay' -Type DWord -Value 1 | Out-Null
    Set-GPRegistryValue -Guid $machineGpo.Id -Server $dc -Key $policyKey -ValueName 'AsyncScriptDelay' -Type DWord -Value 0 | Out-Null
}
$tasksPath = Join-Path -Path $machineFolder -ChildPath 'Machine\Preferences\ScheduledTasks\ScheduledTasks.xml'
if ($PSCmdlet.ShouldProcess($tasksPath, 'Schedule the lock, unlock, reconnect and disconnect tasks')) {
    $existing = ''
    if (Test-Path -LiteralPath $tasksPath -PathType Leaf) {
        $existing = [System.IO.File]::ReadAllText($tasksPath)
    }
    $changed = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss', [System.Globalization.CultureInfo]::InvariantCulture)
    $text = New-KoXoTaskXml -Existing $existing -ScriptPath $clientScript -Parameters $scriptParameters -Changed $changed
    # The same tasks as before: the file stays as it is (its "changed" times too).
    $unchanged = $existing -and (($existing -replace 'changed="[^"]*"', '') -eq ($text -replace 'changed="[^"]*"', ''))
    if (-not $unchanged) {
        New-Item -ItemType Directory -Path (Split-Path -Path $tasksPath -Parent) -Force | Out-Null
        [System.IO.File]::WriteAllText($tasksPath, $text, (New-Object System.Text.UTF8Encoding -ArgumentList $false))
    }
}

# 5. Tell clients which extensions the GPOs use, and that they changed.
$sides = @(
    @{ Gpo = $userGpo; Id = $userId; Folder = $userFolder; User = $true; Computer = ($machineId -eq $userId) }
)
if ($machineId -ne $userId) {
    $sides += @{ Gpo = $machineGpo; Id = $machineId; Folder = $machineFolder; User = $false; Computer = $true }
}
foreach ($side in $sides) {
    $identity = "CN={$($side.Id)},CN=Policies,CN=System,$($domain.DistinguishedName)"
    if (-not $PSCmdlet.ShouldProcess($side.Gpo.DisplayName, 'Declare the client-side extensions and raise the version')) {
        continue
    }
    $entry = Get-ADObject -Identity $identity -Server $dc -Properties 'versionNumber', 'gPCUserExtensionNames', 'gPCMachineExtensionNames'
    $gptIni = Join-Path -Path $side.Folder -ChildPath 'GPT.INI'
    $gptText = "[General]`r`nVersion=0`r`n"
    if (Test-Path -LiteralPath $gptIni -PathType Leaf) {
        $gptText = [System.IO.File]::ReadAllText($gptIni)
    }
    # The directory and SYSVOL should agree; if not, go past the higher.
    $current = ([long]$entry.versionNumber) -band 0xFFFFFFFFL
    if ($gptText -match '(?m)^Version=(\d+)') {
        $current = [System.Math]::Max($current, [long]$Matches[1])
    }
    $version = Get-NextVersion -Version $current -User:$side.User -Computer:$side.Computer
    # versionNumber is a signed 32-bit attribute; GPT.INI has the unsigned value.
    $signed = if ($version -gt [int]::MaxValue) { [int]($version - 4294967296L) } else { [int]$version }
    $replace = @{ versionNumber = $signed }
    if ($side.User) {
        $replace['gPCUserExtensionNames'] = Merge-ExtensionName -Value ([string]$entry.gPCUserExtensionNames) -Pairs $userExtensions
    }
    if ($side.Computer) {
        $replace['gPCMachineExtensionNames'] = Merge-ExtensionName -Value ([string]$entry.gPCMachineExtensionNames) -Pairs $machineExtensions
    }
    Set-ADObject -Identity $identity -Server $dc -Replace $replace
    if ($gptText -match '(?m)^Version=\d+') {
        $gptText = [regex]::Replace($gptText, '(?m)^Version=\d+', "Version=$version")
    }
    else {
        $gptText = [regex]::Replace($gptText, '(?m)^\[General\]\s*$', "[General]`r`nVersion=$version")
    }
    [System.IO.File]::WriteAllText($gptIni, $gptText, [System.Text.Encoding]::ASCII)
}

# 6. The links.
function Add-KoXoLink {
    <#
    .SYNOPSIS
    Links a GPO to an OU unless it is linked there already.
    .DESCRIPTION
    Looks at the OU's links (Get-GPInheritance) first, so that -Update keeps one link.
    .PARAMETER Gpo
    The GPO.
    .PARAMETER Target
    The OU's distinguished name.
    .EXAMPLE
    Add-KoXoLink -Gpo $gpo -Target 'OU=Eleves,DC=lycee,DC=local'
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)]
        [object]$Gpo,

        [Parameter(Mandatory = $true)]
        [string]$Target
    )
    $links = @((Get-GPInheritance -Target $Target -Server $dc).GpoLinks)
    if ($links | Where-Object { $_.GpoId -eq $Gpo.Id }) {
        Write-Verbose "$($Gpo.DisplayName) is linked to $Target already"
        return
    }
    if ($PSCmdlet.ShouldProcess($Target, "Link the GPO $($Gpo.DisplayName)")) {
        New-GPLink -Guid $Gpo.Id -Target $Target -Server $dc -LinkEnabled Yes | Out-Null
    }
}
if ($LinkTo) {
    Add-KoXoLink -Gpo $userGpo -Target $LinkTo
}
elseif (-not $Update) {
    Write-Warning "The GPO is not linked to the users: link it to the users' OU in the Group Policy Management console, or run New-GPLink -Name '$Name' -Target '<OU distinguished name>'."
}
if ($ComputerLinkTo) {
    Add-KoXoLink -Gpo $machineGpo -Target $ComputerLinkTo
}
elseif (-not $Update) {
    Write-Warning "The computer side applies to the computers of the OUs its GPO is linked to: link '$($machineGpo.DisplayName)' to the computers' OU too (-ComputerLinkTo)."
}
$userGpo
if ($machineId -ne $userId) {
    $machineGpo
}
