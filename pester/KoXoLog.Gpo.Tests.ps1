#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }

# Tests of gpo/New-KoXoLogGpo.ps1: the GroupPolicy and ActiveDirectory
# cmdlets are stand-ins (a GPO is a folder of TestDrive and an entry of a
# hashtable), so these check the files the script writes in the GPO's SYSVOL
# folder against the formats Windows reads, and what it asks of the cmdlets.

BeforeAll {
    $script:GpoScript = Join-Path -Path $PSScriptRoot -ChildPath '../gpo/New-KoXoLogGpo.ps1'

    # The Windows-only commands, declared so that Pester can mock them.
    function Get-ADDomain { [CmdletBinding()] param() }
    function Get-ADObject { [CmdletBinding()] param([string]$Identity, [string]$Server, [string[]]$Properties) }
    function Set-ADObject { [CmdletBinding()] param([string]$Identity, [string]$Server, [hashtable]$Replace) }
    function Get-GPO { [CmdletBinding()] param([string]$Name, [string]$Server) }
    function New-GPO { [CmdletBinding()] param([string]$Name, [string]$Server, [string]$Comment) }
    function Set-GPRegistryValue { [CmdletBinding()] param([guid]$Guid, [string]$Server, [string]$Key, [string]$ValueName, [string]$Type, [object]$Value) }
    function Get-GPInheritance { [CmdletBinding()] param([string]$Target, [string]$Server) }
    function New-GPLink { [CmdletBinding()] param([guid]$Guid, [string]$Target, [string]$Server, [string]$LinkEnabled) }

    function Read-Utf16Ini {
        param([string]$Path)
        $bytes = [System.IO.File]::ReadAllBytes($Path)
        # UTF-16 LE with its byte order mark, as the Group Policy editor writes.
        $bytes[0] | Should -Be 0xFF
        $bytes[1] | Should -Be 0xFE
        [System.Text.Encoding]::Unicode.GetString($bytes, 2, $bytes.Length - 2)
    }

    function Get-TreeHash {
        param([string]$Path)
        Get-ChildItem -LiteralPath $Path -Recurse -File | Where-Object Name -NE 'GPT.INI' | Sort-Object FullName | ForEach-Object {
            '{0} {1}' -f $_.FullName.Substring($Path.Length), (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
        }
    }
}

AfterAll {
    Remove-Variable -Name 'KoXoGpoFake', 'KoXoGpoPolicies' -Scope Global -ErrorAction SilentlyContinue
}

# The mocks' bodies reach the fake directory through global variables (they
# do not run in this file's script scope).
Describe 'New-KoXoLogGpo' {
    BeforeEach {
        $global:KoXoGpoPolicies = Join-Path -Path $TestDrive -ChildPath ("Policies-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $global:KoXoGpoPolicies | Out-Null
        $script:Binary = Join-Path -Path $TestDrive -ChildPath 'koxolog.exe'
        [System.IO.File]::WriteAllText($script:Binary, 'MZ stand-in for koxolog.exe')
        # What the directory and the GroupPolicy cmdlets hold.
        $global:KoXoGpoFake = @{
            Gpos     = @{}
            Entries  = @{}
            Registry = New-Object System.Collections.ArrayList
            Links    = New-Object System.Collections.ArrayList
        }
        Mock Import-Module -ParameterFilter { $Name -in @('GroupPolicy', 'ActiveDirectory') } -MockWith { }
        Mock Get-ADDomain { [pscustomobject]@{ PDCEmulator = 'dc1.lycee.local'; DNSRoot = 'lycee.local'; DistinguishedName = 'DC=lycee,DC=local' } }
        Mock New-GPO {
            $id = [guid]::NewGuid()
            $gpo = [pscustomobject]@{ Id = $id; DisplayName = $Name }
            $global:KoXoGpoFake.Gpos[$Name] = $gpo
            $dn = "CN={$($id.ToString().ToUpperInvariant())},CN=Policies,CN=System,DC=lycee,DC=local"
            $global:KoXoGpoFake.Entries[$dn] = @{ versionNumber = 0; gPCUserExtensionNames = $null; gPCMachineExtensionNames = $null }
            # New-GPO makes the GPO's folder and its GPT.INI.
            $folder = Join-Path -Path $global:KoXoGpoPolicies -ChildPath "{$($id.ToString().ToUpperInvariant())}"
            New-Item -ItemType Directory -Path (Join-Path -Path $folder -ChildPath 'User'), (Join-Path -Path $folder -ChildPath 'Machine') -Force | Out-Null
            [System.IO.File]::WriteAllText((Join-Path -Path $folder -ChildPath 'GPT.INI'), "[General]`r`nVersion=0`r`ndisplayName=New Group Policy Object`r`n", [System.Text.Encoding]::ASCII)
            $gpo
        }
        Mock Get-GPO {
            if (-not $global:KoXoGpoFake.Gpos.ContainsKey($Name)) {
                throw "A GPO named $Name was not found"
            }
            $global:KoXoGpoFake.Gpos[$Name]
        }
        Mock Get-ADObject {
            $entry = $global:KoXoGpoFake.Entries[$Identity]
            [pscustomobject]@{ versionNumber = $entry.versionNumber; gPCUserExtensionNames = $entry.gPCUserExtensionNames; gPCMachineExtensionNames = $entry.gPCMachineExtensionNames }
        }
        Mock Set-ADObject {
            foreach ($key in $Replace.Keys) {
                $global:KoXoGpoFake.Entries[$Identity][$key] = $Replace[$key]
            }
        }
        Mock Set-GPRegistryValue { [void]$global:KoXoGpoFake.Registry.Add([pscustomobject]@{ Guid = $Guid; Key = $Key; ValueName = $ValueName; Type = $Type; Value = $Value }) }
        Mock Get-GPInheritance {
            [pscustomobject]@{ GpoLinks = @($global:KoXoGpoFake.Links | Where-Object Target -EQ $Target | ForEach-Object { [pscustomobject]@{ GpoId = $_.Guid } }) }
        }
        Mock New-GPLink { [void]$global:KoXoGpoFake.Links.Add([pscustomobject]@{ Guid = $Guid; Target = $Target }) }

        function Get-FakeEntry {
            param([object]$Gpo)
            $global:KoXoGpoFake.Entries["CN={$($Gpo.Id.ToString().ToUpperInvariant())},CN=Policies,CN=System,DC=lycee,DC=local"]
        }
        function Get-GpoFolder {
            param([object]$Gpo)
            Join-Path -Path $global:KoXoGpoPolicies -ChildPath "{$($Gpo.Id.ToString().ToUpperInvariant())}"
        }
    }

    Context 'one GPO for both sides' {
        BeforeEach {
            $script:Gpo = & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -LinkTo 'OU=Eleves,DC=lycee,DC=local' -ComputerLinkTo 'OU=Postes,DC=lycee,DC=local' -WarningAction SilentlyContinue
            $script:Folder = Get-GpoFolder -Gpo $script:Gpo
            $script:Client = "\\lycee.local\SYSVOL\lycee.local\Policies\{$($script:Gpo.Id.ToString().ToUpperInvariant())}\KoXoLog"
        }

        It 'registers the logon and logoff scripts in User\Scripts\psscripts.ini' {
            $text = Read-Utf16Ini -Path (Join-Path -Path $script:Folder -ChildPath 'User/Scripts/psscripts.ini')
            $expected = @(
                '',
                '[Logon]',
                "0CmdLine=$($script:Client)\KoXoLog-Session.ps1",
                '0Parameters=-Event Logon -Server %PDC_SERVER% -Share Logs$ -TimeoutSeconds 5',
                '',
                '[Logoff]',
                "0CmdLine=$($script:Client)\KoXoLog-Session.ps1",
                '0Parameters=-Event Logoff -Server %PDC_SERVER% -Share Logs$ -TimeoutSeconds 5',
                ''
            ) -join "`r`n"
            $text | Should -BeExactly $expected
        }

        It 'registers the startup and shutdown scripts in Machine\Scripts\psscripts.ini' {
            $text = Read-Utf16Ini -Path (Join-Path -Path $script:Folder -ChildPath 'Machine/Scripts/psscripts.ini')
            $expected = @(
                '',
                '[Startup]',
                "0CmdLine=$($script:Client)\KoXoLog-Session.ps1",
                '0Parameters=-Event Startup -Server %PDC_SERVER% -Share Logs$ -TimeoutSeconds 5',
                '',
                '[Shutdown]',
                "0CmdLine=$($script:Client)\KoXoLog-Session.ps1",
                '0Parameters=-Event Shutdown -Server %PDC_SERVER% -Share Logs$ -TimeoutSeconds 5',
                ''
            ) -join "`r`n"
            $text | Should -BeExactly $expected
            Test-Path -LiteralPath (Join-Path -Path $script:Folder -ChildPath 'Machine/Scripts/scripts.ini') | Should -BeFalse
        }

        It 'keeps one copy of the script and the binary in SYSVOL' {
            $binaries = @(Get-ChildItem -LiteralPath $global:KoXoGpoPolicies -Recurse -File -Filter 'koxolog.exe')
            $binaries.Count | Should -Be 1
            $binaries[0].FullName | Should -Be (Join-Path -Path $script:Folder -ChildPath 'KoXoLog/koxolog.exe')
            [System.IO.File]::ReadAllText($binaries[0].FullName) | Should -BeExactly 'MZ stand-in for koxolog.exe'
            @(Get-ChildItem -LiteralPath $global:KoXoGpoPolicies -Recurse -File -Filter 'KoXoLog-Session.ps1').Count | Should -Be 1
        }

        It 'enables the logon script delay policy with 0 minutes, as DWORDs' {
            $global:KoXoGpoFake.Registry.Count | Should -Be 2
            foreach ($call in $global:KoXoGpoFake.Registry) {
                $call.Guid | Should -Be $script:Gpo.Id
                $call.Key | Should -BeExactly 'HKLM\Software\Policies\Microsoft\Windows\System'
                $call.Type | Should -BeExactly 'DWord'
                $call.Value | Should -BeOfType [int]
            }
            ($global:KoXoGpoFake.Registry | Where-Object ValueName -EQ 'EnableLogonScriptDelay').Value | Should -Be 1
            ($global:KoXoGpoFake.Registry | Where-Object ValueName -EQ 'AsyncScriptDelay').Value | Should -Be 0
        }

        It 'schedules one task per session event, with the triggers Windows fires for it' {
            $path = Join-Path -Path $script:Folder -ChildPath 'Machine/Preferences/ScheduledTasks/ScheduledTasks.xml'
            [xml]$xml = [System.IO.File]::ReadAllText($path)
            $xml.xml | Should -Match 'encoding="utf-8"'
            $xml.ScheduledTasks.clsid | Should -BeExactly '{CC63F200-7309-4ba0-B154-A71CD118DBCC}'
            $tasks = @($xml.ScheduledTasks.TaskV2)
            $tasks.Count | Should -Be 4
            $states = @{}
            foreach ($task in $tasks) {
                $task.clsid | Should -BeExactly '{D8896631-B747-47a7-84A6-C155337F3BC8}'
                $task.uid | Should -Match '^\{[0-9A-F-]{36}\}$'
                $task.Properties.action | Should -BeExactly 'R'
                $task.Properties.Task.version | Should -Be '1.2'
                $task.Properties.Task.Principals.Principal.GroupId | Should -BeExactly 'S-1-5-32-545'
                $exec = $task.Properties.Task.Actions.Exec
                $exec.Command | Should -BeExactly 'powershell.exe'
                $exec.Arguments | Should -Match '^-NoProfile -NonInteractive -WindowStyle Hidden -ExecutionPolicy Bypass -File \\\\lycee\.local\\SYSVOL\\'
                $exec.Arguments | Should -Match '\\KoXoLog\\KoXoLog-Session\.ps1 -Event (\w+) -Server %PDC_SERVER% -Share Logs\$ -TimeoutSeconds 5$'
                $event = [regex]::Match($exec.Arguments, '-Event (\w+)').Groups[1].Value
                $states[$event] = @($task.Properties.Task.Triggers.SessionStateChangeTrigger | ForEach-Object { $_.StateChange }) -join ','
            }
            $states['Lock'] | Should -BeExactly 'SessionLock'
            $states['Unlock'] | Should -BeExactly 'SessionUnlock'
            $states['Reconnect'] | Should -BeExactly 'RemoteConnect,ConsoleConnect'
            $states['Disconnect'] | Should -BeExactly 'RemoteDisconnect,ConsoleDisconnect'
        }

        It 'declares the client-side extensions, sorted' {
            $entry = Get-FakeEntry -Gpo $script:Gpo
            $entry.gPCUserExtensionNames | Should -BeExactly '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B66650-4972-11D1-A7CA-0000F87571E3}]'
            $entry.gPCMachineExtensionNames | Should -BeExactly ('[{00000000-0000-0000-0000-000000000000}{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}]' +
                '[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]' +
                '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B6664F-4972-11D1-A7CA-0000F87571E3}]' +
                '[{AADCED64-746C-4633-A97C-D61349046527}{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}]')
        }

        It 'raises both halves of the version, in the directory and in GPT.INI' {
            (Get-FakeEntry -Gpo $script:Gpo).versionNumber | Should -Be 65537
            $gpt = [System.IO.File]::ReadAllText((Join-Path -Path $script:Folder -ChildPath 'GPT.INI'))
            $gpt | Should -BeExactly "[General]`r`nVersion=65537`r`ndisplayName=New Group Policy Object`r`n"
        }

        It 'links the GPO to the users and to the computers' {
            @($global:KoXoGpoFake.Links | ForEach-Object { $_.Target }) | Should -Be @('OU=Eleves,DC=lycee,DC=local', 'OU=Postes,DC=lycee,DC=local')
            @($global:KoXoGpoFake.Links | Where-Object Guid -NE $script:Gpo.Id).Count | Should -Be 0
        }

        It 'refuses to make a second GPO of the same name without -Update' {
            { & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies } | Should -Throw '*exists already*-Update*'
            Should -Invoke New-GPO -Times 1 -Exactly
        }

        It 'gives the same files when run again with -Update, and raises each half once more' {
            $before = Get-TreeHash -Path $global:KoXoGpoPolicies
            $again = & $script:GpoScript -Update -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -LinkTo 'OU=Eleves,DC=lycee,DC=local' -ComputerLinkTo 'OU=Postes,DC=lycee,DC=local'
            $again.Id | Should -Be $script:Gpo.Id
            Get-TreeHash -Path $global:KoXoGpoPolicies | Should -Be $before
            $entry = Get-FakeEntry -Gpo $script:Gpo
            $entry.versionNumber | Should -Be (2 * 65536 + 2)
            [System.IO.File]::ReadAllText((Join-Path -Path $script:Folder -ChildPath 'GPT.INI')) | Should -Match '(?m)^Version=131074\r$'
            $entry.gPCUserExtensionNames | Should -BeExactly '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B66650-4972-11D1-A7CA-0000F87571E3}]'
            ([regex]::Matches($entry.gPCMachineExtensionNames, '\[')).Count | Should -Be 4
            $global:KoXoGpoFake.Links.Count | Should -Be 2 -Because 'a link that is there is not made again'
        }
    }

    Context 'updating a GPO that has other settings' {
        It 'merges the extensions and keeps the other scripts and tasks' {
            $gpo = New-GPO -Name 'KoXoLog logon and logoff'
            $folder = Get-GpoFolder -Gpo $gpo
            $entry = Get-FakeEntry -Gpo $gpo
            # Security settings and a user logon script of another tool, and
            # the files of this script's first version (copies in Logon).
            $entry.gPCMachineExtensionNames = '[{827d319e-6eac-11d2-a4ea-00c04f79f83a}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]'
            $entry.gPCUserExtensionNames = '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B66650-4972-11D1-A7CA-0000F87571E3}]'
            $entry.versionNumber = 3 * 65536 + 7
            [System.IO.File]::WriteAllText((Join-Path -Path $folder -ChildPath 'GPT.INI'), "[General]`r`nVersion=196615`r`n", [System.Text.Encoding]::ASCII)
            $scripts = Join-Path -Path $folder -ChildPath 'User/Scripts'
            New-Item -ItemType Directory -Path (Join-Path -Path $scripts -ChildPath 'Logon') -Force | Out-Null
            [System.IO.File]::WriteAllText((Join-Path -Path $scripts -ChildPath 'Logon/koxolog.exe'), 'old copy')
            $old = "`r`n[Logon]`r`n0CmdLine=Map-Drives.ps1`r`n0Parameters=-All`r`n1CmdLine=KoXoLog-Session.ps1`r`n1Parameters=-Event Logon`r`n[ScriptsConfig]`r`nStartExecutePSFirst=true`r`n"
            [System.IO.File]::WriteAllText((Join-Path -Path $scripts -ChildPath 'psscripts.ini'), $old, [System.Text.Encoding]::Unicode)
            $tasks = Join-Path -Path $folder -ChildPath 'Machine/Preferences/ScheduledTasks'
            New-Item -ItemType Directory -Path $tasks -Force | Out-Null
            [System.IO.File]::WriteAllText((Join-Path -Path $tasks -ChildPath 'ScheduledTasks.xml'), '<?xml version="1.0" encoding="utf-8"?><ScheduledTasks clsid="{CC63F200-7309-4ba0-B154-A71CD118DBCC}"><TaskV2 clsid="{D8896631-B747-47a7-84A6-C155337F3BC8}" name="Backup" uid="{11111111-2222-3333-4444-555555555555}"><Properties action="U" name="Backup"/></TaskV2></ScheduledTasks>')

            & $script:GpoScript -Update -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -WarningAction SilentlyContinue | Out-Null

            $entry.gPCMachineExtensionNames | Should -BeExactly ('[{00000000-0000-0000-0000-000000000000}{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}]' +
                '[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]' +
                '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B6664F-4972-11D1-A7CA-0000F87571E3}]' +
                '[{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]' +
                '[{AADCED64-746C-4633-A97C-D61349046527}{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}]')
            $entry.gPCUserExtensionNames | Should -BeExactly '[{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B66650-4972-11D1-A7CA-0000F87571E3}]'
            $entry.versionNumber | Should -Be (4 * 65536 + 8)
            $text = Read-Utf16Ini -Path (Join-Path -Path $scripts -ChildPath 'psscripts.ini')
            $client = "\\lycee.local\SYSVOL\lycee.local\Policies\{$($gpo.Id.ToString().ToUpperInvariant())}\KoXoLog\KoXoLog-Session.ps1"
            $common = '-Server %PDC_SERVER% -Share Logs$ -TimeoutSeconds 5'
            $expected = "`r`n[Logon]`r`n0CmdLine=Map-Drives.ps1`r`n0Parameters=-All`r`n1CmdLine=$client`r`n1Parameters=-Event Logon $common`r`n" +
                "`r`n[ScriptsConfig]`r`nStartExecutePSFirst=true`r`n" +
                "`r`n[Logoff]`r`n0CmdLine=$client`r`n0Parameters=-Event Logoff $common`r`n"
            $text | Should -BeExactly $expected -Because 'the other script keeps its place, KoXoLog''s entry is replaced'
            Test-Path -LiteralPath (Join-Path -Path $scripts -ChildPath 'Logon/koxolog.exe') | Should -BeFalse -Because 'one copy of the binary is kept'
            [xml]$xml = [System.IO.File]::ReadAllText((Join-Path -Path $tasks -ChildPath 'ScheduledTasks.xml'))
            @($xml.ScheduledTasks.TaskV2 | ForEach-Object { $_.name }) | Should -Be @('Backup', 'KoXoLog Lock', 'KoXoLog Unlock', 'KoXoLog Reconnect', 'KoXoLog Disconnect')
        }
    }

    Context 'versions' {
        It 'goes past 32767 user versions as Active Directory stores them (signed), and wraps a half at 65535' {
            $gpo = New-GPO -Name 'KoXoLog logon and logoff'
            $entry = Get-FakeEntry -Gpo $gpo
            # User version 40000, computer version 65535: 0x9C40FFFF, negative as an Int32.
            $entry.versionNumber = [int](0x9C40FFFFL - 4294967296L)
            & $script:GpoScript -Update -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -WarningAction SilentlyContinue | Out-Null
            $entry.versionNumber | Should -Be ([int](0x9C410001L - 4294967296L))
            [System.IO.File]::ReadAllText((Join-Path -Path (Get-GpoFolder -Gpo $gpo) -ChildPath 'GPT.INI')) | Should -Match "(?m)^Version=$(0x9C410001L)$"
        }
    }

    Context 'a second GPO for the computers' {
        It 'puts the computer side in its own GPO, and raises each GPO''s own half' {
            $gpos = @(& $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -ComputerGpoName 'KoXoLog computers' -LinkTo 'OU=Eleves,DC=lycee,DC=local' -ComputerLinkTo 'OU=Postes,DC=lycee,DC=local')
            $gpos.Count | Should -Be 2
            $users = $gpos[0]
            $computers = $gpos[1]
            $computers.DisplayName | Should -Be 'KoXoLog computers'
            (Get-FakeEntry -Gpo $users).versionNumber | Should -Be 65536
            (Get-FakeEntry -Gpo $users).gPCMachineExtensionNames | Should -BeNullOrEmpty
            (Get-FakeEntry -Gpo $computers).versionNumber | Should -Be 1
            (Get-FakeEntry -Gpo $computers).gPCUserExtensionNames | Should -BeNullOrEmpty
            (Get-FakeEntry -Gpo $computers).gPCMachineExtensionNames | Should -Match '^\[\{00000000-0000-0000-0000-000000000000\}'
            Test-Path -LiteralPath (Join-Path -Path (Get-GpoFolder -Gpo $users) -ChildPath 'Machine/Scripts/psscripts.ini') | Should -BeFalse
            $machineIni = Read-Utf16Ini -Path (Join-Path -Path (Get-GpoFolder -Gpo $computers) -ChildPath 'Machine/Scripts/psscripts.ini')
            $machineIni | Should -Match ([regex]::Escape("0CmdLine=\\lycee.local\SYSVOL\lycee.local\Policies\{$($users.Id.ToString().ToUpperInvariant())}\KoXoLog\KoXoLog-Session.ps1"))
            @(Get-ChildItem -LiteralPath $global:KoXoGpoPolicies -Recurse -File -Filter 'koxolog.exe').Count | Should -Be 1
            $global:KoXoGpoFake.Registry[0].Guid | Should -Be $computers.Id
            @($global:KoXoGpoFake.Links | ForEach-Object { '{0} {1}' -f $_.Guid, $_.Target }) | Should -Be @("$($users.Id) OU=Eleves,DC=lycee,DC=local", "$($computers.Id) OU=Postes,DC=lycee,DC=local")
        }
    }

    Context 'parameters' {
        It 'quotes a value with a space, as Windows reads a command line' {
            $gpo = & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -Share 'Session Logs$' -Server 'files 2' -TimeoutSeconds 2.5 -WarningAction SilentlyContinue
            $text = Read-Utf16Ini -Path (Join-Path -Path (Get-GpoFolder -Gpo $gpo) -ChildPath 'User/Scripts/psscripts.ini')
            $text | Should -Match ([regex]::Escape('0Parameters=-Event Logon -Server "files 2" -Share "Session Logs$" -TimeoutSeconds 2.5') + '\r\n')
        }

        It 'refuses a value with a line break before it changes anything' {
            { & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -Server "dc1`r`n0CmdLine=evil.ps1" } | Should -Throw '*line break*'
            Should -Invoke New-GPO -Times 0 -Exactly
            @(Get-ChildItem -LiteralPath $global:KoXoGpoPolicies -Recurse -File).Count | Should -Be 0
        }

        It 'changes nothing with -WhatIf' {
            & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -LinkTo 'OU=Eleves,DC=lycee,DC=local' -WhatIf
            Should -Invoke New-GPO -Times 0 -Exactly
            Should -Invoke Set-ADObject -Times 0 -Exactly
            Should -Invoke New-GPLink -Times 0 -Exactly
            @(Get-ChildItem -LiteralPath $global:KoXoGpoPolicies -Recurse -File).Count | Should -Be 0
        }

        It 'changes nothing in an existing GPO with -Update -WhatIf' {
            $gpo = & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -WarningAction SilentlyContinue
            $before = Get-TreeHash -Path $global:KoXoGpoPolicies
            $version = (Get-FakeEntry -Gpo $gpo).versionNumber
            & $script:GpoScript -Update -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -Server 'dc2' -WhatIf
            Get-TreeHash -Path $global:KoXoGpoPolicies | Should -Be $before
            (Get-FakeEntry -Gpo $gpo).versionNumber | Should -Be $version
            $global:KoXoGpoFake.Registry.Count | Should -Be 2 -Because 'only the first run set the policy'
        }

        It 'registers koxolog.exe itself in scripts.ini with -Direct' {
            $gpo = & $script:GpoScript -BinaryPath $script:Binary -PoliciesPath $global:KoXoGpoPolicies -Direct -WarningAction SilentlyContinue
            $folder = Get-GpoFolder -Gpo $gpo
            $client = "\\lycee.local\SYSVOL\lycee.local\Policies\{$($gpo.Id.ToString().ToUpperInvariant())}\KoXoLog\koxolog.exe"
            $user = Read-Utf16Ini -Path (Join-Path -Path $folder -ChildPath 'User/Scripts/scripts.ini')
            $user | Should -BeExactly ("`r`n[Logon]`r`n0CmdLine=$client`r`n0Parameters=write --event logon --server %PDC_SERVER% --share Logs$ --timeout 5`r`n" +
                "`r`n[Logoff]`r`n0CmdLine=$client`r`n0Parameters=write --event logoff --server %PDC_SERVER% --share Logs$ --timeout 5`r`n")
            $machine = Read-Utf16Ini -Path (Join-Path -Path $folder -ChildPath 'Machine/Scripts/scripts.ini')
            $machine | Should -Match ([regex]::Escape("[Startup]`r`n0CmdLine=$client`r`n0Parameters=write --event startup "))
            Test-Path -LiteralPath (Join-Path -Path $folder -ChildPath 'User/Scripts/psscripts.ini') | Should -BeFalse
        }
    }
}
