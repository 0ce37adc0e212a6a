#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }

# Tests of the administrator's console: the viewer (Show-KoXoLog) driven
# through Out-GridView and through its console menus, the viewer's shortcut,
# and the nightly backup task. What only Windows has (Out-GridView's window,
# WScript.Shell, the ScheduledTasks module) is replaced by mocks; where a
# command is missing here, a stand-in is defined first so it can be mocked.

BeforeAll {
    $manifest = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'module/KoXoLog.psd1'
    Import-Module $manifest -Force

    $script:StandIns = @()
    $needed = @{
        'Out-GridView'                 = { param([Parameter(ValueFromPipeline = $true)]$InputObject, $Title, $OutputMode, [switch]$PassThru) }
        'New-ScheduledTaskAction'      = { param($Execute, $Argument) }
        'New-ScheduledTaskTrigger'     = { param([switch]$Daily, $At) }
        'New-ScheduledTaskSettingsSet' = { param([switch]$StartWhenAvailable, $MultipleInstances, $ExecutionTimeLimit) }
        'New-ScheduledTaskPrincipal'   = { param($UserId, $LogonType, $RunLevel) }
        'Register-ScheduledTask'       = { param($TaskName, $TaskPath, $Action, $Trigger, $Settings, $Principal, $Description, $User, $Password, $RunLevel, [switch]$Force) }
        'Get-ScheduledTask'            = { param($TaskName, $TaskPath) }
        'Unregister-ScheduledTask'     = { param($TaskName, $TaskPath, [switch]$Confirm) }
    }
    foreach ($name in $needed.Keys) {
        if (-not (Get-Command -Name $name -ErrorAction SilentlyContinue)) {
            Set-Item -Path "function:global:$name" -Value $needed[$name]
            $script:StandIns += $name
        }
    }

    # The script a command line made by the module runs (-EncodedCommand).
    function Get-EncodedScript([string]$Arguments) {
        $encoded = ($Arguments -split ' ')[-1]
        [System.Text.Encoding]::Unicode.GetString([System.Convert]::FromBase64String($encoded))
    }

    function New-TreeItem([string]$Branch, [string]$Name) {
        [pscustomobject]@{ Branch = $Branch; Name = $Name; Path = "/store/$Branch/$Name.LOG"; LastUser = 'jdoe' }
    }
}

AfterAll {
    foreach ($name in $script:StandIns) {
        Remove-Item -Path "function:global:$name"
    }
}

Describe 'ConvertFrom-KoXoMenuAnswer' {
    It 'reads numbers, ranges and * as the items they name, each once' {
        InModuleScope KoXoLog {
            ConvertFrom-KoXoMenuAnswer -Answer '3, 1-2,2' -Count 5 | Should -Be @(3, 1, 2)
            ConvertFrom-KoXoMenuAnswer -Answer '*' -Count 3 | Should -Be @(1, 2, 3)
        }
    }

    It 'names the part of an answer that is wrong' {
        InModuleScope KoXoLog {
            { ConvertFrom-KoXoMenuAnswer -Answer '1,7' -Count 5 } | Should -Throw "*'7' is not between 1 and 5*"
            { ConvertFrom-KoXoMenuAnswer -Answer '4-2' -Count 5 } | Should -Throw "*'4-2'*"
            { ConvertFrom-KoXoMenuAnswer -Answer '1,,2' -Count 5 } | Should -Throw "*'' is not a number*"
            { ConvertFrom-KoXoMenuAnswer -Answer '*' -Count 0 } | Should -Throw '*nothing to pick*'
        }
    }
}

Describe 'Select-KoXoViewerItem in the console' {
    It 'narrows a long list by the text typed, then picks by number in what is shown' {
        InModuleScope KoXoLog {
            $items = 1..100 | ForEach-Object { [pscustomobject]@{ Name = 'PC-{0:000}' -f $_ } }
            $answers = [System.Collections.Queue]::new([object[]]@('PC-05*', '2'))
            Mock Read-Host { $answers.Dequeue() }
            Mock Write-Host {}
            $picked = Select-KoXoViewerItem -InputObject $items -Title 't' -Property 'Name' -Console
            $picked.Name | Should -Be 'PC-051'
        }
    }

    It 'asks again after a wrong answer, and gives nothing when the user goes back' {
        InModuleScope KoXoLog {
            $items = @([pscustomobject]@{ Name = 'A' }, [pscustomobject]@{ Name = 'B' })
            $answers = [System.Collections.Queue]::new([object[]]@('9', '1,2', ''))
            Mock Read-Host { $answers.Dequeue() }
            Mock Write-Host {}
            Mock Write-Warning {}
            $picked = Select-KoXoViewerItem -InputObject $items -Title 't' -Property 'Name' -Console
            $picked | Should -BeNullOrEmpty
            Should -Invoke Read-Host -Times 3 -Exactly
            Should -Invoke Write-Warning -Times 1 -ParameterFilter { $Message -like "*'9' is not between 1 and 2*" }
            Should -Invoke Write-Warning -Times 1 -ParameterFilter { $Message -eq 'Pick one number.' }
        }
    }
}

Describe 'Show-KoXoLog' {
    BeforeEach {
        $tree = @(
            New-TreeItem -Branch 'Computers' -Name 'PC1'
            New-TreeItem -Branch 'Computers' -Name 'PC2'
        )
        $records = @(
            [pscustomobject]@{ Event = 'Logon'; Time = '2026-11-24T08:01:02+01:00'; User = 'jdoe'; Computer = 'PC2'; Path = '/store/Computers/PC2.LOG' }
            [pscustomobject]@{ Event = 'Logoff'; Time = '2026-11-24T12:00:00+01:00'; User = 'jdoe'; Computer = 'PC2'; Path = '/store/Computers/PC2.LOG' }
        )
        Mock Get-KoXoSessionTree -ModuleName KoXoLog { $tree }
        Mock Get-KoXoSessionLog -ModuleName KoXoLog { $records | Where-Object Path -eq $Path }
        Mock Export-KoXoSessionRtf -ModuleName KoXoLog {}
        Mock Invoke-Item -ModuleName KoXoLog {}
        Mock Get-KoXoSession -ModuleName KoXoLog { [pscustomobject]@{ User = 'jdoe'; Computer = 'PC2' } }
        Mock Get-KoXoDirectoryEntry -ModuleName KoXoLog { [pscustomobject]@{ Name = 'jdoe'; DistinguishedName = 'CN=jdoe' } }
        Mock Write-Host -ModuleName KoXoLog {}
    }

    Context 'in console menus' {
        BeforeEach {
            Mock Test-KoXoGridView -ModuleName KoXoLog { $false }
        }

        It 'walks branch, log, records, then opens the records picked as RTF' {
            # Computers; PC2; every record; Open as RTF; back; back (branches); leave.
            $answers = [System.Collections.Queue]::new([object[]]@('1', '2', '*', '1', '', ''))
            Mock Read-Host -ModuleName KoXoLog { if ($answers.Count -eq 0) { throw 'the viewer asked more than the test answers' }; $answers.Dequeue() }

            Show-KoXoLog -Store '/store'

            $answers.Count | Should -Be 0
            Should -Invoke Get-KoXoSessionTree -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Branch -eq 'Computers' -and $Store -eq '/store' }
            Should -Invoke Get-KoXoSessionLog -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Path -eq '/store/Computers/PC2.LOG' }
            Should -Invoke Export-KoXoSessionRtf -ModuleName KoXoLog -Times 2 -Exactly -ParameterFilter { $InputObject.Computer -eq 'PC2' -and $Path -like '*.rtf' -and $Force }
            Should -Invoke Invoke-Item -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $LiteralPath -like '*KoXoLog-*.rtf' }
        }

        It 'uses the menus when asked, even where a window could open' {
            Mock Test-KoXoGridView -ModuleName KoXoLog { $true }
            Mock Out-GridView -ModuleName KoXoLog {}
            $answers = [System.Collections.Queue]::new([object[]]@(''))
            Mock Read-Host -ModuleName KoXoLog { $answers.Dequeue() }

            Show-KoXoLog -Console

            Should -Invoke Read-Host -ModuleName KoXoLog -Times 1 -Exactly
            Should -Invoke Out-GridView -ModuleName KoXoLog -Times 0 -Exactly
        }

        It 'shows the directory entries of the records picked' {
            # The branch is given; PC2; its first record; Show directory entries; back; back.
            $answers = [System.Collections.Queue]::new([object[]]@('2', '1', '2', '', ''))
            Mock Read-Host -ModuleName KoXoLog { $answers.Dequeue() }

            Show-KoXoLog -Branch Computers

            $answers.Count | Should -Be 0
            Should -Invoke Get-KoXoDirectoryEntry -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $InputObject.Event -eq 'Logon' }
            Should -Invoke Write-Host -ModuleName KoXoLog -ParameterFilter { "$Object" -like '*CN=jdoe*' }
        }
    }

    Context 'in Out-GridView' {
        BeforeEach {
            Mock Test-KoXoGridView -ModuleName KoXoLog { $true }
            $calls = @{ Records = 0 }
            # Out-GridView gets the items one by one: giving an item back is picking it.
            Mock Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*branches*' } { if ($InputObject.Branch -eq 'Computers') { $InputObject } }
            Mock Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*logs to read*' } { if ($InputObject.Name -eq 'PC2') { $InputObject } }
            # The records: both, the first time; none (cancel) the second.
            Mock Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*records; pick*' } { $calls.Records++; if ($calls.Records -le 2) { $InputObject } }
            Mock Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*what to do*' } { if ($InputObject.Action -eq 'List sessions') { $InputObject } }
            Mock Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -eq 'KoXoLog: sessions' } {}
        }

        It 'lists the sessions of the logs picked, in a window, then ends when the user cancels' {
            # After the records window is cancelled, the branches window opens
            # again; picking nothing there ends the viewer.
            $calls.Branches = 0
            Mock Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*branches*' } { $calls.Branches++; if ($calls.Branches -le 3 -and $InputObject.Branch -eq 'Computers') { $InputObject } }

            Show-KoXoLog

            Should -Invoke Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*branches*' } -Times 6 -Exactly
            Should -Invoke Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*branches*' -and $OutputMode -eq 'Multiple' }
            Should -Invoke Get-KoXoSession -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $LiteralPath -eq '/store/Computers/PC2.LOG' }
            Should -Invoke Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -eq 'KoXoLog: sessions' -and $InputObject.User -eq 'jdoe' } -Times 1 -Exactly
            Should -Invoke Out-GridView -ModuleName KoXoLog -ParameterFilter { $Title -like '*what to do*' -and $OutputMode -eq 'Single' } -Times 3 -Exactly
        }
    }
}

Describe 'New-KoXoLogShortcut' {
    BeforeEach {
        $folder = Join-Path -Path $TestDrive -ChildPath ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $folder | Out-Null
        Mock Get-KoXoShortcutFolder -ModuleName KoXoLog { $folder }
        Mock New-KoXoShortcutFile -ModuleName KoXoLog { Set-Content -LiteralPath $Path -Value 'shortcut' }
    }

    It 'makes a shortcut that imports this module and opens the viewer on the store, quotes kept' {
        $file = New-KoXoLogShortcut -Store "\\srv\O'Brien\Logs$"
        $file.Name | Should -Be 'KoXoLog.lnk'
        Should -Invoke New-KoXoShortcutFile -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $script = Get-EncodedScript $Arguments
            $Arguments -like '-NoProfile -NoExit *' -and
            $TargetPath -eq [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName -and
            $script -like "Import-Module -Name '*KoXoLog.psd1'; Show-KoXoLog -Store '\\srv\O''Brien\Logs$'" -and
            $Description -eq $script
        }
    }

    It 'the script the shortcut runs parses and names the module that is loaded' {
        New-KoXoLogShortcut -Location StartMenu -AllUsers | Out-Null
        Should -Invoke Get-KoXoShortcutFolder -ModuleName KoXoLog -ParameterFilter { $Location -eq 'StartMenu' -and $AllUsers }
        Should -Invoke New-KoXoShortcutFile -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $script = Get-EncodedScript $Arguments
            $errors = $null
            [void][System.Management.Automation.Language.Parser]::ParseInput($script, [ref]$null, [ref]$errors)
            $imported = $script -replace "^Import-Module -Name '(.*)'; Show-KoXoLog$", '$1'
            $errors.Count -eq 0 -and (Resolve-Path -LiteralPath $imported).Path -eq (Resolve-Path -LiteralPath (Join-Path -Path (Get-Module KoXoLog).ModuleBase -ChildPath 'KoXoLog.psd1')).Path
        }
    }

    It 'with -WhatIf writes nothing' {
        New-KoXoLogShortcut -WhatIf | Should -BeNullOrEmpty
        Should -Invoke New-KoXoShortcutFile -ModuleName KoXoLog -Times 0 -Exactly
    }

    It 'keeps a shortcut of the same name unless -Force' {
        Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath 'KoXoLog.lnk') -Value 'old'
        $result = New-KoXoLogShortcut -ErrorVariable failed -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Should -Invoke New-KoXoShortcutFile -ModuleName KoXoLog -Times 0 -Exactly
        New-KoXoLogShortcut -Force | Should -Not -BeNullOrEmpty
        Should -Invoke New-KoXoShortcutFile -ModuleName KoXoLog -Times 1 -Exactly
    }

    It 'says plainly where there is no folder for shortcuts' {
        Mock Get-KoXoShortcutFolder -ModuleName KoXoLog { '' }
        $failure = { New-KoXoLogShortcut } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'NotImplemented'
        $failure.Exception.Message | Should -BeLike '*no Desktop folder*'
    }
}

Describe 'Register-KoXoBackupTask and Unregister-KoXoBackupTask' {
    BeforeEach {
        InModuleScope KoXoLog { $script:KoXoLogStore = $null }
        $env:KOXOLOG_STORE = $null
        Mock Test-KoXoTaskScheduler -ModuleName KoXoLog { $true }
        Mock Get-ScheduledTask -ModuleName KoXoLog {}
        Mock New-ScheduledTaskAction -ModuleName KoXoLog { [pscustomobject]@{ Execute = $Execute; Arguments = $Argument } }
        Mock New-ScheduledTaskTrigger -ModuleName KoXoLog { [pscustomobject]@{ At = $At } }
        Mock New-ScheduledTaskSettingsSet -ModuleName KoXoLog { [pscustomobject]@{ MultipleInstances = $MultipleInstances } }
        Mock New-ScheduledTaskPrincipal -ModuleName KoXoLog { [pscustomobject]@{ UserId = $UserId; LogonType = $LogonType } }
        Mock Register-ScheduledTask -ModuleName KoXoLog { [pscustomobject]@{ TaskName = $TaskName; TaskPath = $TaskPath } }
        Mock Unregister-ScheduledTask -ModuleName KoXoLog {}
    }

    It 'registers a daily task, as SYSTEM, that archives the store and keeps N archives' {
        $task = Register-KoXoBackupTask -Keep 30 -Store "/srv/logs" -Destination "\\nas\Backup's"
        $task.TaskName | Should -Be 'KoXoLog backup'
        Should -Invoke New-ScheduledTaskAction -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $script = Get-EncodedScript $Argument
            $Argument -like '-NoProfile -NonInteractive *' -and
            $script -like "Import-Module -Name '*KoXoLog.psd1'; Compress-KoXoSessionLogs -Keep 30 -Store '*Logs' -Destination '\\nas\Backup''s' -ErrorAction Stop"
        }
        Should -Invoke New-ScheduledTaskTrigger -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Daily -and $At.Hour -eq 2 -and $At.Minute -eq 0 }
        Should -Invoke New-ScheduledTaskSettingsSet -ModuleName KoXoLog -ParameterFilter { $MultipleInstances -eq 'IgnoreNew' }
        Should -Invoke New-ScheduledTaskPrincipal -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $UserId -eq 'SYSTEM' -and $LogonType -eq 'ServiceAccount' }
        Should -Invoke Register-ScheduledTask -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $TaskPath -eq '\KoXoLog\' -and $Principal.UserId -eq 'SYSTEM' -and $Action.Execute -and $Description -like 'Run daily at 02:00 as SYSTEM: *Compress-KoXoSessionLogs -Keep 30*'
        }
    }

    It 'runs as a group managed service account or as the account of -Credential' {
        Register-KoXoBackupTask -Keep 7 -Store '/logs' -ServiceAccount 'CONTOSO\svc-koxolog$' -At '23:30' | Out-Null
        Should -Invoke New-ScheduledTaskPrincipal -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $UserId -eq 'CONTOSO\svc-koxolog$' -and $LogonType -eq 'Password' }
        Should -Invoke New-ScheduledTaskTrigger -ModuleName KoXoLog -ParameterFilter { $At.Hour -eq 23 -and $At.Minute -eq 30 }

        $password = ConvertTo-SecureString -String 'S3cret!' -AsPlainText -Force
        $credential = [System.Management.Automation.PSCredential]::new('CONTOSO\backup', $password)
        Register-KoXoBackupTask -Keep 7 -Store '/logs' -Credential $credential | Out-Null
        Should -Invoke Register-ScheduledTask -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $User -eq 'CONTOSO\backup' -and $Password -eq 'S3cret!' -and -not $Principal }
    }

    It 'with -WhatIf registers nothing; an existing task is kept unless -Force' {
        Register-KoXoBackupTask -Keep 30 -Store '/logs' -WhatIf
        Should -Invoke Register-ScheduledTask -ModuleName KoXoLog -Times 0 -Exactly

        Mock Get-ScheduledTask -ModuleName KoXoLog { [pscustomobject]@{ TaskName = 'KoXoLog backup' } }
        Register-KoXoBackupTask -Keep 30 -Store '/logs' -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Should -Invoke Register-ScheduledTask -ModuleName KoXoLog -Times 0 -Exactly
        Register-KoXoBackupTask -Keep 30 -Store '/logs' -Force | Out-Null
        Should -Invoke Register-ScheduledTask -ModuleName KoXoLog -Times 1 -Exactly
    }

    It 'needs a store named, and Windows'' task scheduler, and says so' {
        { Register-KoXoBackupTask -Keep 30 } | Should -Throw '*Name the store the task archives*'
        Mock Test-KoXoTaskScheduler -ModuleName KoXoLog { $false }
        $failure = { Register-KoXoBackupTask -Keep 30 -Store '/logs' } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'NotImplemented'
        $failure.Exception.Message | Should -BeLike '*cron or a systemd timer*'
    }

    It 'unregisters the task only once confirmed, and says when there is none' {
        Mock Get-ScheduledTask -ModuleName KoXoLog { [pscustomobject]@{ TaskName = 'KoXoLog backup' } }
        Unregister-KoXoBackupTask -WhatIf
        Should -Invoke Unregister-ScheduledTask -ModuleName KoXoLog -Times 0 -Exactly
        Unregister-KoXoBackupTask -Confirm:$false
        Should -Invoke Unregister-ScheduledTask -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $TaskName -eq 'KoXoLog backup' -and $TaskPath -eq '\KoXoLog\' }

        Mock Get-ScheduledTask -ModuleName KoXoLog {}
        Unregister-KoXoBackupTask -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Remove-KoXoSessionRecord' {
    BeforeEach {
        InModuleScope KoXoLog { $script:KoXoLogStore = $null }
        $env:KOXOLOG_STORE = $null
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{ Cutoff = [DateTimeOffset]::new(2025, 10, 28, 7, 0, 0, [TimeSpan]::Zero); Logs = 3; Records = 120; Bytes = 9000; Archive = '/logs/BACKUP/logs-purged.zip'; DryRun = ($ArgumentList -contains '--dry-run') }
        }
    }

    It 'asks the binary to purge the records older than the age, in seconds, after archiving them' {
        Remove-KoXoSessionRecord -OlderThan (New-TimeSpan -Days 400) -Store '/logs' -Destination '/nas/archives' -Confirm:$false | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'purge' -and $TypeName -eq 'KoXoLog.Purge' -and
            ($ArgumentList -join ' ') -eq '--older-than 34560000s --store /logs --destination /nas/archives'
        }
    }

    It 'with -WhatIf runs a dry run only, and says what would go' {
        Remove-KoXoSessionRecord -OlderThan (New-TimeSpan -Days 400) -Store '/logs' -NoArchive -WhatIf -InformationVariable said 6>$null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $ArgumentList -contains '--dry-run' -and $ArgumentList -contains '--no-archive' }
    }

    It 'is high impact: it asks before removing, and refuses an age under a second' {
        (Get-Command Remove-KoXoSessionRecord).ScriptBlock.Attributes.Where({ $_ -is [System.Management.Automation.CmdletBindingAttribute] }).ConfirmImpact | Should -Be 'High'
        { Remove-KoXoSessionRecord -OlderThan ([TimeSpan]::FromMilliseconds(10)) -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Remove-KoXoSessionRecord'
    }
}
