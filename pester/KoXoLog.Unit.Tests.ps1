#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }

# Unit tests of the KoXoLog module: Invoke-KoXoNative is mocked, so these
# check what each cmdlet asks of the binary and what it makes of the answer.

BeforeAll {
    $manifest = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'module/KoXoLog.psd1'
    Import-Module $manifest -Force
    # The variables these tests set, restored in AfterAll.
    $script:SavedEnvironment = @{}
    foreach ($name in 'KOXOLOG_STORE', 'KOXOLOG_EXE', 'KOXOLOG_FAKE_EXIT', 'KOXOLOG_FAKE_SECRET') {
        $script:SavedEnvironment[$name] = [System.Environment]::GetEnvironmentVariable($name)
    }
}

AfterAll {
    foreach ($name in $script:SavedEnvironment.Keys) {
        [System.Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
    }
}

Describe 'Get-KoXoSessionLog' {
    BeforeEach {
        InModuleScope KoXoLog {
            $script:KoXoLogStore = $null
        }
        $env:KOXOLOG_STORE = $null
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{
                Event    = 'Logon'
                Tag      = '[LOGON.]'
                Time     = '2026-11-24T08:01:02.345+01:00'
                User     = 'jdoe'
                Computer = 'PC1'
                Path     = 'C:\Logs\Computers\PC1.LOG'
            }
        }
    }

    It 'pushes every filter down to one call of koxolog log' {
        $since = [DateTimeOffset]::new(2026, 11, 17, 0, 0, 0, [TimeSpan]::FromHours(1))
        Get-KoXoSessionLog -User jdoe -Computer 'PC*' -ThinClient TC1 -Since $since -Event Logon, Logoff -IPAddress 10.0.0.5 -Last 3 | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $line = $ArgumentList -join ' '
            $Command -eq 'log' -and
            $line -like '*--user jdoe*' -and
            $line -like '*--computer PC`**' -and
            $line -like '*--thin-client TC1*' -and
            $line -like '*--since 2026-11-17T00:00:00.000+01:00*' -and
            $line -like '*--event Logon,Logoff*' -and
            $line -like '*--ip 10.0.0.5*' -and
            $line -like '*--last 3*'
        }
    }

    It 'asks for KoXoLog.Record objects and passes them on' {
        $record = Get-KoXoSessionLog -User jdoe
        $record.User | Should -Be 'jdoe'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $TypeName -eq 'KoXoLog.Record' }
    }

    It 'binds Path and FullName by property name and batches piped logs into one call, each log once' {
        $items = @(
            [pscustomobject]@{ Path = (Join-Path -Path $TestDrive -ChildPath 'A.LOG') },
            [pscustomobject]@{ FullName = (Join-Path -Path $TestDrive -ChildPath 'B.LOG') },
            [pscustomobject]@{ State = 'Closed'; Path = (Join-Path -Path $TestDrive -ChildPath 'A.LOG') }
        )
        $items | Get-KoXoSessionLog -Last 1 | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -eq "--last|1|--|$(Join-Path -Path $TestDrive -ChildPath 'A.LOG')|$(Join-Path -Path $TestDrive -ChildPath 'B.LOG')"
        }
    }

    It 'reads nothing, not the whole store, when the pipeline brings nothing' {
        @() | Get-KoXoSessionLog | Should -BeNullOrEmpty
        @() | Get-KoXoSession | Should -BeNullOrEmpty
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly
    }

    It 'expands wildcards in -Path, takes -LiteralPath as written, and reports a pattern that matches nothing' {
        $folder = Join-Path -Path $TestDrive -ChildPath 'Computers'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        foreach ($name in 'A01-PC1.LOG', 'A01-PC2.LOG', 'B01-PC1.LOG', '[A01].LOG') {
            Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath $name) -Value 'x'
        }
        Get-KoXoSessionLog -Path (Join-Path -Path $folder -ChildPath 'A01*.LOG') | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -eq "--|$(Join-Path -Path $folder -ChildPath 'A01-PC1.LOG')|$(Join-Path -Path $folder -ChildPath 'A01-PC2.LOG')"
        }
        Get-KoXoSessionLog -LiteralPath (Join-Path -Path $folder -ChildPath '[A01].LOG') | Out-Null
        Get-KoXoSessionLog -Path (Join-Path -Path $folder -ChildPath '[A01].LOG') | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 2 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -eq "--|$(Join-Path -Path $folder -ChildPath '[A01].LOG')"
        }
        Get-KoXoSessionLog -Path (Join-Path -Path $folder -ChildPath 'Z*.LOG') -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KoXoLog.NoMatch,Get-KoXoSessionLog'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 3 -Exactly
    }

    It 'takes Get-ChildItem output by its PSPath, as -LiteralPath' {
        $log = Join-Path -Path $TestDrive -ChildPath '[B].LOG'
        Set-Content -LiteralPath $log -Value 'x'
        Get-Item -LiteralPath $log | Get-KoXoSessionLog | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -eq "--|$log"
        }
    }

    It 'takes -EventType, and -Event as its alias' {
        Get-KoXoSessionLog -EventType Lock, Unlock | Out-Null
        Get-KoXoSessionLog -Event Logon | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -like '--event Lock,Unlock*' }
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -like '--event Logon*' }
    }

    It 'makes one call per 64 piped logs, as they come, under a progress bar of its own' {
        Mock Write-Progress -ModuleName KoXoLog {}
        $paths = 1..130 | ForEach-Object { Join-Path -Path $TestDrive -ChildPath "PC$_.LOG" }
        $paths | Get-KoXoSessionLog | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 3 -Exactly -ParameterFilter { $ParentProgressId -eq 7113 }
        Should -Invoke Write-Progress -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Id -eq 7113 -and $Status -eq '128 piped logs read' }
        Should -Invoke Write-Progress -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Id -eq 7113 -and $Completed }
    }

    It 'passes the store set by Set-KoXoLogStore, then $env:KOXOLOG_STORE' {
        $env:KOXOLOG_STORE = Join-Path -Path $TestDrive -ChildPath 'FromEnvironment'
        Get-KoXoSessionLog | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -like "*--store|$env:KOXOLOG_STORE*"
        }
        $set = Set-KoXoLogStore -Path $TestDrive -PassThru
        Get-KoXoLogStore | Should -Be $set
        Get-KoXoSessionLog | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join "|") -eq "--store|$set|--"
        }
    }

    It 'completes user names from the store' {
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{ Name = 'JDOE'; Path = 'Users/JDOE.LOG' }
        }
        $line = 'Get-KoXoSessionLog -User jd'
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'JDOE'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -ParameterFilter {
            $Command -eq 'tree' -and ($ArgumentList -join ' ') -like '--branch users --name jd`**'
        }
    }
}

Describe 'Get-KoXoSession' {
    BeforeEach {
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{
                User     = 'jdoe'
                Computer = 'PC1'
                Logon    = '2026-11-24T08:01:02.345+01:00'
                Logoff   = '2026-11-25T09:02:03.000+01:00'
                Duration = '1.01:01:00'
                State    = 'Closed'
                Path     = 'PC1.LOG'
            }
        }
    }

    It 'asks koxolog sessions for the open sessions with -Open' {
        Get-KoXoSession -Open | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'sessions' -and $ArgumentList -contains '--open'
        }
    }

    It 'passes -State, -MaxAge, -MinDuration, -MaxDuration and -SortByTime as the binary reads them' {
        Get-KoXoSession -State Open, Unterminated -MaxAge (New-TimeSpan -Hours 12) -MinDuration (New-TimeSpan -Minutes 5) -MaxDuration (New-TimeSpan -Hours 10) -SortByTime | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join ' ') -eq '--state Open,Unterminated --max-age 43200s --min-duration 300s --max-duration 36000s --sort time --'
        }
    }

    It 'asks for KoXoLog.Session objects' {
        Get-KoXoSession | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $TypeName -eq 'KoXoLog.Session' }
    }
}

Describe 'Get-KoXoSessionTree' {
    It 'spells branches as the binary does' {
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{ Branch = 'ThinClients'; Name = 'TC1'; Path = 'TC1.LOG'; LastTime = $null; LastWriteTime = '2026-11-24T08:00:00.000+01:00' }
        }
        $item = Get-KoXoSessionTree -Branch ThinClients, Users -Name 'T*'
        $item.Name | Should -Be 'TC1'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'tree' -and $TypeName -eq 'KoXoLog.TreeItem' -and ($ArgumentList -join ' ') -like '--branch thin-clients --branch users --name T`**'
        }
    }
}

Describe 'Write-KoXoSession' {
    BeforeEach {
        InModuleScope KoXoLog {
            $script:KoXoLogStore = $null
        }
        $env:KOXOLOG_STORE = $null
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{ Event = 'Logon'; Time = '2026-11-24T08:01:02.345+01:00'; Spooled = $false }
        }
    }

    It 'writes to the PDC emulator''s Logs$ share by default' {
        Write-KoXoSession -Event Logon
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'write' -and ($ArgumentList -join ' ') -eq '--event Logon --timeout 5 --server %PDC_SERVER% --share Logs$'
        }
    }

    It 'returns the record only with -PassThru' {
        Write-KoXoSession -Event '[LOGON.]' -Store $TestDrive | Should -BeNullOrEmpty
        $written = Write-KoXoSession -Event '[LOGON.]' -Store $TestDrive -PassThru
        $written.Event | Should -Be 'Logon'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 2 -Exactly -ParameterFilter { $TypeName -eq 'KoXoLog.WrittenRecord' }
    }

    It 'runs nothing with -WhatIf' {
        Write-KoXoSession -Event Logoff -Server dc1 -WhatIf
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly
    }
}

Describe 'Invoke-KoXoNative without a binary' {
    It 'is a terminating error of the calling cmdlet that says what to do' {
        $failure = {
            InModuleScope KoXoLog {
                Mock Get-KoXoBinaryPath {}
                function Get-KoXoCaller {
                    [CmdletBinding()]
                    param()
                    Invoke-KoXoNative -Command 'tree' -TypeName 'KoXoLog.TreeItem' -Cmdlet $PSCmdlet
                }
                Get-KoXoCaller
            }
        } | Should -Throw -ExpectedMessage '*KOXOLOG_EXE*' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.InvocationInfo.MyCommand.Name | Should -Be 'Get-KoXoCaller'
    }
}

Describe 'Invoke-KoXoNative with a stand-in binary' {
    BeforeAll {
        # A script in place of koxolog: a record, a record whose User is
        # the variable KOXOLOG_FAKE_SECRET, a property no record has and a
        # line that is no JSON on stdout; one diagnostic of each level on
        # stderr; and the exit code in KOXOLOG_FAKE_EXIT.
        $record = '{"Event":"Logon","Time":"2026-11-24T08:01:02.345+01:00"}'
        $newer = '{"Event":"Logoff","Colour":"blue"}'
        $broken = '{"Event":'
        $diagnostics = @(
            '{"Level":"warning","Code":"bad-line","Message":"a line was skipped","Path":"PC1.LOG","Line":12}',
            '{"Level":"verbose","Code":"detail","Message":"reading PC1.LOG"}',
            '{"Level":"progress","Code":"reading","Message":"Reading logs","Current":1,"Total":2}',
            '{"Level":"error","Code":"cannot-read","Message":"cannot read the log","Path":"PC2.LOG"}',
            '{"Level":"error","Code":"no-log","Message":"there is no log for user ''x''","Path":"X.LOG"}'
        )
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            $fake = Join-Path -Path $TestDrive -ChildPath 'koxolog-fake.cmd'
            $lines = @('@echo off', "echo $record", 'echo {"Event":"Lock","User":"%KOXOLOG_FAKE_SECRET%"}', "echo $newer", "echo $broken") + ($diagnostics | ForEach-Object { "echo $_ 1>&2" }) + @('exit /b %KOXOLOG_FAKE_EXIT%')
            Set-Content -LiteralPath $fake -Value $lines -Encoding Ascii
        }
        else {
            $fake = Join-Path -Path $TestDrive -ChildPath 'koxolog-fake'
            $lines = @('#!/bin/sh', "echo '$record'", 'echo "{\"Event\":\"Lock\",\"User\":\"$KOXOLOG_FAKE_SECRET\"}"', "echo '$newer'", "echo '$broken'") + ($diagnostics | ForEach-Object { "echo '$_' >&2" }) + @('exit "$KOXOLOG_FAKE_EXIT"')
            Set-Content -LiteralPath $fake -Value $lines -Encoding Ascii
            & chmod +x $fake
        }
        $savedExe = $env:KOXOLOG_EXE
        $env:KOXOLOG_EXE = $fake
        # What a public cmdlet does: run a subcommand as itself.
        InModuleScope KoXoLog {
            function script:Get-KoXoCaller {
                [CmdletBinding()]
                param(
                    [string]$Command,
                    [hashtable]$Environment = @{}
                )
                Invoke-KoXoNative -Command $Command -TypeName 'KoXoLog.Record' -Environment $Environment -Cmdlet $PSCmdlet
            }
        }
    }

    AfterAll {
        $env:KOXOLOG_EXE = $savedExe
        $env:KOXOLOG_FAKE_EXIT = $null
        InModuleScope KoXoLog {
            Remove-Item -Path 'Function:\Get-KoXoCaller'
        }
    }

    It 'streams stdout as objects and maps each diagnostic level, errors as the calling cmdlet''s; exit 1 is not terminating' {
        $env:KOXOLOG_FAKE_EXIT = '1'
        $output = InModuleScope KoXoLog {
            Get-KoXoCaller -Command 'log' -Environment @{} -WarningVariable warnings -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -Verbose 4>&1
            $warnings
            $failures
        }
        $objects = @($output | Where-Object { $_ -is [KoXoLog.Record] })
        $objects.Event | Should -Be @('Logon', 'Lock', 'Logoff')
        $objects[0].Time | Should -BeOfType [DateTimeOffset]
        $objects[0].Time.Offset | Should -Be ([TimeSpan]::FromHours(1))
        $objects[0].Time.Hour | Should -Be 8
        $warnings = @(($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message)
        $warnings | Should -Contain 'a line was skipped (PC1.LOG:12)'
        $warnings | Where-Object { $_ -like '*does not know, Colour*' } | Should -Not -BeNullOrEmpty
        $verbose = @(($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message)
        $verbose | Should -Contain 'reading PC1.LOG'
        $verbose | Should -Contain "Running: $($env:KOXOLOG_EXE) log --format json --progress json"
        $failures = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $failures.Count | Should -Be 3
        $unreadable = $failures | Where-Object FullyQualifiedErrorId -eq 'KoXoLog.cannot-read,Get-KoXoCaller'
        $unreadable.CategoryInfo.Category | Should -Be 'ReadError'
        $unreadable.TargetObject | Should -Be 'PC2.LOG'
        ($failures | Where-Object FullyQualifiedErrorId -eq 'KoXoLog.no-log,Get-KoXoCaller').CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $junk = $failures | Where-Object FullyQualifiedErrorId -eq 'KoXoLog.unexpected-output,Get-KoXoCaller'
        $junk.TargetObject | Should -Be '{"Event":'
        $LASTEXITCODE | Should -Be 1
    }

    It 'gives the binary the variables of -Environment, and never this session' {
        $env:KOXOLOG_FAKE_EXIT = '0'
        $output = InModuleScope KoXoLog {
            Get-KoXoCaller -Command 'log' -Environment @{ KOXOLOG_FAKE_SECRET = 'p@ss w0rd' } -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        ($output | Where-Object { $_ -is [KoXoLog.Record] -and $_.Event -eq 'Lock' }).User | Should -Be 'p@ss w0rd'
        $env:KOXOLOG_FAKE_SECRET | Should -BeNullOrEmpty
    }

    It 'shows progress with an id of each subcommand''s own' {
        $env:KOXOLOG_FAKE_EXIT = '0'
        Mock Write-Progress -ModuleName KoXoLog {}
        InModuleScope KoXoLog {
            Get-KoXoCaller -Command 'log' -Environment @{} -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
            Get-KoXoCaller -Command 'tree' -Environment @{} -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        }
        Should -Invoke Write-Progress -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Id -eq 7103 -and -not $Completed }
        Should -Invoke Write-Progress -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Id -eq 7102 -and -not $Completed }
    }

    It 'shows no progress while completing a name' {
        $env:KOXOLOG_FAKE_EXIT = '0'
        Mock Write-Progress -ModuleName KoXoLog {}
        $line = 'Get-KoXoSessionLog -User jd'
        TabExpansion2 -inputScript $line -cursorColumn $line.Length | Out-Null
        Should -Invoke Write-Progress -ModuleName KoXoLog -Times 0 -Exactly
    }

    It 'turns exit code <Code> into a terminating error of the calling cmdlet saying <Says>' -ForEach @(
        @{ Code = '2'; Says = '*refused its arguments*'; Category = 'InvalidArgument' },
        @{ Code = '3'; Says = '*failed, nothing more was done*'; Category = 'InvalidOperation' },
        @{ Code = '9'; Says = '*unexpected exit code 9*'; Category = 'InvalidResult' }
    ) {
        $env:KOXOLOG_FAKE_EXIT = $Code
        $failure = {
            InModuleScope KoXoLog {
                Get-KoXoCaller -Command 'log' -Environment @{} -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
            }
        } | Should -Throw -ExpectedMessage $Says -PassThru
        $failure.CategoryInfo.Category | Should -Be $Category
        $failure.InvocationInfo.MyCommand.Name | Should -Be 'Get-KoXoCaller'
        $LASTEXITCODE | Should -Be ([int]$Code)
    }
}

Describe 'Get-KoXoBinaryPath' {
    It 'takes $env:KOXOLOG_EXE before the binary bundled in the module' {
        $copy = Join-Path -Path $TestDrive -ChildPath 'KoXoLog'
        Copy-Item -Path (Join-Path -Path $PSScriptRoot -ChildPath '../module') -Destination $copy -Recurse
        $platform = 'linux-x64'
        $name = 'koxolog'
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            $platform = 'win-x64'
            $name = 'koxolog.exe'
        }
        $bundled = Join-Path -Path $copy -ChildPath "bin/$platform/$name"
        New-Item -ItemType File -Path $bundled -Force | Out-Null
        $own = Join-Path -Path $TestDrive -ChildPath $name
        New-Item -ItemType File -Path $own -Force | Out-Null
        $savedExe = $env:KOXOLOG_EXE
        try {
            Remove-Module -Name KoXoLog -Force
            $module = Import-Module (Join-Path -Path $copy -ChildPath 'KoXoLog.psd1') -Force -PassThru
            $env:KOXOLOG_EXE = $own
            & $module { Get-KoXoBinaryPath } | Should -Be $own
            $env:KOXOLOG_EXE = $null
            & $module { Get-KoXoBinaryPath } | Should -Be $bundled
        }
        finally {
            $env:KOXOLOG_EXE = $savedExe
            Remove-Module -Name KoXoLog -Force
            Import-Module (Join-Path -Path $PSScriptRoot -ChildPath '../module/KoXoLog.psd1') -Force
        }
    }
}

Describe 'ConvertTo-KoXoCommandLine' {
    It 'quotes <Given> as <Line>' -ForEach @(
        @{ Given = @('log', '--user', 'jdoe'); Line = 'log --user jdoe' },
        @{ Given = @('--destination', 'D:\Backup Logs\'); Line = '--destination "D:\Backup Logs\\"' },
        @{ Given = @('--title', 'Room "A01"'); Line = '--title "Room \"A01\""' },
        @{ Given = @('--title', 'a\"b'); Line = '--title "a\\\"b"' },
        @{ Given = @('--name', ''); Line = '--name ""' },
        @{ Given = @('--store', '\\dc1\Logs$'); Line = '--store \\dc1\Logs$' }
    ) {
        InModuleScope KoXoLog -Parameters @{ Given = $Given } {
            param(
                $Given
            )
            ConvertTo-KoXoCommandLine -ArgumentList $Given
        } | Should -Be $Line
    }
}

Describe 'Get-KoXoReport' {
    BeforeEach {
        InModuleScope KoXoLog {
            $script:KoXoLogStore = $null
        }
        $env:KOXOLOG_STORE = $null
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{
                Sessions = 3
                Users    = 2
            }
        }
    }

    It 'pushes the selection, the period, -Top, -HtmlPath and -Title down to one call of koxolog report' {
        $since = [DateTimeOffset]::new(2026, 11, 17, 0, 0, 0, [TimeSpan]::FromHours(1))
        $page = Join-Path -Path $TestDrive -ChildPath 'week.html'
        $logs = Join-Path -Path $TestDrive -ChildPath 'Logs'
        $report = Get-KoXoReport -User 'j*' -Computer 'A01-*' -Since $since -Top 5 -HtmlPath $page -Title 'Week 47' -Store $logs
        $report.Sessions | Should -Be 3
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'report' -and $TypeName -eq 'KoXoLog.Report' -and
            ($ArgumentList -join ' ') -eq "--top 5 --computer A01-* --user j* --since 2026-11-17T00:00:00.000+01:00 --html $page --title Week 47 --store $logs --"
        }
    }

    It 'gives the report without writing the page under -WhatIf' {
        Get-KoXoReport -HtmlPath (Join-Path -Path $TestDrive -ChildPath 'no.html') -WhatIf | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $ArgumentList -notcontains '--html'
        }
    }

    It 'makes one report of the logs piped by Path and FullName, each once' {
        $first = Join-Path -Path $TestDrive -ChildPath 'A.LOG'
        $second = Join-Path -Path $TestDrive -ChildPath 'B.LOG'
        @([pscustomobject]@{ Path = $first }, [pscustomobject]@{ FullName = $second }, [pscustomobject]@{ Path = $first }) | Get-KoXoReport | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join ' ') -eq "--top 10 -- $first $second"
        }
    }

    It 'reads nothing, not the whole store, when the pipeline brings nothing' {
        @() | Get-KoXoReport | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly
    }
}

Describe 'KoXoLog.RecordReader' {
    It 'gives <TypeName> objects with their times as DateTimeOffset at the writer''s offset' -ForEach @(
        @{ TypeName = 'KoXoLog.Record'; Line = '{"Event":"Logon","Time":"2026-03-29T03:01:00.000+02:00","User":"jdoe","Line":7}'; Time = 'Time' },
        @{ TypeName = 'KoXoLog.Session'; Line = '{"User":"jdoe","Session":"RDP-Tcp#3","Logon":"2026-03-29T03:01:00.000+02:00","Logoff":null,"Duration":null,"State":"Open"}'; Time = 'Logon' },
        @{ TypeName = 'KoXoLog.TreeItem'; Line = '{"Branch":"Users","Name":"JDOE","Length":634,"LastTime":"2026-03-29T03:01:00.000+02:00"}'; Time = 'LastTime' },
        @{ TypeName = 'KoXoLog.WrittenRecord'; Line = '{"Event":"Logon","Time":"2026-03-29T03:01:00.000+02:00","Spooled":false,"Delivered":0}'; Time = 'Time' },
        @{ TypeName = 'KoXoLog.RtfExport'; Line = '{"Path":"a.rtf","Records":2,"Bytes":10,"Title":"t","First":"2026-03-29T03:01:00.000+02:00","Last":null}'; Time = 'First' },
        @{ TypeName = 'KoXoLog.DirectoryEntry'; Line = '{"Kind":"User","Name":"jdoe","OU":"Staff","Enabled":true,"LastLogon":"2026-03-29T03:01:00.000+02:00"}'; Time = 'LastLogon' }
    ) {
        $object = ([KoXoLog.RecordReader]::new($TypeName)).ConvertLine($Line)
        $object.PSObject.TypeNames[0] | Should -Be $TypeName
        $object.$Time | Should -BeOfType [DateTimeOffset]
        $object.$Time.Offset | Should -Be ([TimeSpan]::FromHours(2))
        $object.$Time.Hour | Should -Be 3
    }

    It 'gives durations as TimeSpan, numbers and booleans as such, and escapes as the text they stand for' {
        $session = ([KoXoLog.RecordReader]::new('KoXoLog.Session')).ConvertLine('{"User":"h\u00e9l\u00e8ne \"x\" \\ y\/z","Duration":"1.01:01:00","DurationSeconds":90060.5,"State":"Closed"}')
        $session.Duration | Should -Be ([TimeSpan]::new(1, 1, 1, 0))
        $session.DurationSeconds | Should -Be 90060.5
        $session.User | Should -Be ('h' + [char]0xE9 + 'l' + [char]0xE8 + 'ne "x" \ y/z')
        $archive = ([KoXoLog.RecordReader]::new('KoXoLog.Archive')).ConvertLine('{"Path":"a.zip","Entries":44,"BytesIn":171545,"BytesOut":null,"DryRun":true}')
        $archive.Entries | Should -Be 44
        $archive.BytesOut | Should -BeNullOrEmpty
        $archive.DryRun | Should -BeTrue
    }

    It 'gives a directory entry''s MemberOf as an array of names, a comma inside a name kept' {
        $entry = ([KoXoLog.RecordReader]::new('KoXoLog.DirectoryEntry')).ConvertLine('{"Kind":"User","Name":"asmith","MemberOf":["Staff","Lab, Physics"]}')
        $entry.MemberOf | Should -BeOfType [string]
        $entry.MemberOf.Count | Should -Be 2
        $entry.MemberOf[1] | Should -Be 'Lab, Physics'
        $none = ([KoXoLog.RecordReader]::new('KoXoLog.DirectoryEntry')).ConvertLine('{"Kind":"User","Name":"jdoe","MemberOf":null}')
        $none.MemberOf | Should -BeNullOrEmpty
    }

    It 'gives a report''s arrays as arrays of their KoXoLog classes, each property typed' {
        $line = '{"First":"2026-03-29T03:01:00.000+02:00","Sessions":2,"Days":[{"Date":"2026-03-29","Sessions":2,"Users":1}],"Hours":[{"Hour":3,"Logons":2}],"BusiestComputers":[{"Computer":"A01-PC01","Room":"A01","Sessions":2,"Users":1,"Seconds":90.5}],"LongestSessions":[{"User":"jdoe","Logon":"2026-03-29T03:01:00.000+02:00","Duration":"00:01:30","State":"Closed"}],"NeverClosedSessions":[]}'
        $report = ([KoXoLog.RecordReader]::new('KoXoLog.Report')).ConvertLine($line)
        $report.Sessions | Should -Be 2
        $report.First | Should -BeOfType [DateTimeOffset]
        $report.Days[0].GetType().FullName | Should -Be 'KoXoLog.ReportDay'
        $report.Days[0].Users | Should -Be 1
        $report.Hours[0].Hour | Should -Be 3
        $report.BusiestComputers[0].Room | Should -Be 'A01'
        $report.BusiestComputers[0].Seconds | Should -Be 90.5
        $report.LongestSessions[0].GetType().FullName | Should -Be 'KoXoLog.Session'
        $report.LongestSessions[0].Duration | Should -Be ([TimeSpan]::FromSeconds(90))
        $report.LongestSessions[0].Logon.Offset | Should -Be ([TimeSpan]::FromHours(2))
        $report.NeverClosedSessions.Count | Should -Be 0
        $report.Rooms | Should -BeNullOrEmpty
    }

    It 'cuts lines wherever the blocks of stdout end, and reads a last line without a line ending' {
        $reader = [KoXoLog.RecordReader]::new('KoXoLog.Record')
        $text = "{`"Event`":`"Logon`",`"User`":`"ann`"}`r`n{`"Event`":`"Logoff`",`"User`":`"bob`"}`n`n{`"Event`":`"Lock`",`"User`":`"cy`"}"
        $users = [System.Collections.Generic.List[string]]::new()
        # One character at a time: every cut a line can have.
        foreach ($character in $text.ToCharArray()) {
            foreach ($object in $reader.Feed([char[]]@($character), 1)) {
                $users.Add($object.User)
            }
        }
        foreach ($object in $reader.Finish()) {
            $users.Add($object.User)
        }
        $users | Should -Be @('ann', 'bob', 'cy')
        $reader.TakeBadLines() | Should -BeNullOrEmpty
    }

    It 'tells a line that is not an object of its type as a bad line, once, and a key it does not know, once' {
        $reader = [KoXoLog.RecordReader]::new('KoXoLog.Record')
        foreach ($line in 'not json', '{"Event":"Logon","Line":"seven"}', '{"Event":"Logon","Time":"yesterday"}', '{"Event":"Logon"} trailing', '{"Event":"Logon","Colour":"blue"}', '{"Event":"Logoff","Colour":"red"}') {
            $null = $reader.ConvertLine($line)
        }
        $reader.TakeBadLines() | Should -Be @('not json', '{"Event":"Logon","Line":"seven"}', '{"Event":"Logon","Time":"yesterday"}', '{"Event":"Logon"} trailing')
        $reader.TakeBadLines() | Should -BeNullOrEmpty
        $reader.TakeUnknownKeys() | Should -Be @('Colour')
        $reader.TakeUnknownKeys() | Should -BeNullOrEmpty
    }

    It 'refuses a type the module does not have' {
        { [KoXoLog.RecordReader]::new('KoXoLog.Nothing') } | Should -Throw -ExpectedMessage '*no object type KoXoLog.Nothing*'
    }
}

Describe 'Export-KoXoSessionRtf' {
    BeforeEach {
        InModuleScope KoXoLog {
            $script:KoXoLogStore = $null
        }
        $env:KOXOLOG_STORE = $null
        # Two records as `koxolog log` prints them: Get-KoXoSessionLog types
        # them (Time becomes a DateTimeOffset) before they are piped on.
        Mock Invoke-KoXoNative -ModuleName KoXoLog -ParameterFilter { $Command -eq 'log' } {
            [pscustomobject]@{
                Event    = 'Logon'
                Tag      = '[LOGON.]'
                Time     = '2026-11-24T08:01:02.345+01:00'
                User     = 'jdoe'
                Domain   = 'LYCEE'
                Computer = 'PC1'
                Client   = $null
                Ip       = '10.0.0.5, 10.0.1.5'
                Id       = '01JDX'
                Raw      = $null
                Path     = 'C:\Logs\Users\JDOE.LOG'
                Line     = 7
            }
            [pscustomobject]@{
                Event    = 'Logoff'
                Tag      = '[LOGOFF]'
                Time     = '2026-11-24T17:30:00.000-05:00'
                User     = 'Hélène'
                Computer = 'PC{2}'
                Path     = 'C:\Logs\Users\HÉLÈNE.LOG'
                Line     = 8
            }
        }
        Mock Invoke-KoXoNative -ModuleName KoXoLog -ParameterFilter { $Command -eq 'export-rtf' } {
            [pscustomobject]@{
                Path    = 'C:\Reports\jdoe.rtf'
                Records = 2
                Bytes   = 1234
                Title   = 'Session history of several logs'
                First   = '2026-11-24T08:01:02.345+01:00'
                Last    = '2026-11-24T17:30:00.000-05:00'
            }
        }
    }

    It 'sends piped records as JSON lines on stdin, Time as its RFC 3339 text with the writer''s offset' {
        $destination = Join-Path -Path $TestDrive -ChildPath 'jdoe.rtf'
        $first = '{"Event":"Logon","Tag":"[LOGON.]","Time":"2026-11-24T08:01:02.345+01:00","User":"jdoe","Domain":"LYCEE","Computer":"PC1","Ip":"10.0.0.5, 10.0.1.5","Id":"01JDX","Path":"C:\\Logs\\Users\\JDOE.LOG"}'
        Get-KoXoSessionLog -User jdoe | Export-KoXoSessionRtf -Path $destination | Should -BeNullOrEmpty
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'export-rtf' -and
            ($ArgumentList -join '|') -eq "--output|$destination|--stdin" -and
            $StdinLines.Count -eq 2 -and
            $StdinLines[0] -eq $first -and
            $StdinLines[1] -like '*"Time":"2026-11-24T17:30:00.000-05:00"*' -and
            ($StdinLines[1] | ConvertFrom-Json).User -eq 'Hélène' -and
            ($StdinLines[1] | ConvertFrom-Json).Computer -eq 'PC{2}' -and
            $StdinLines[1] -notlike '*Date(*'
        }
    }

    It 'passes the filters with piped records, and refuses -Last there' {
        $since = [DateTimeOffset]::new(2026, 11, 24, 0, 0, 0, [TimeSpan]::FromHours(1))
        Get-KoXoSessionLog | Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'a.rtf') -Event Logon -Since $since -Sessions -Title 'Week 48' -Language fr
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $line = $ArgumentList -join '|'
            $Command -eq 'export-rtf' -and
            $line -like '*|--since|2026-11-24T00:00:00.000+01:00|*' -and
            $line -like '*|--event|Logon|*' -and
            $line -like '*|--sessions|*' -and
            $line -like '*|--title|Week 48|*' -and
            $line -like '*|--language|fr|*' -and
            $line -like '*|--stdin' -and
            $ArgumentList -notcontains '--'
        }
        { Get-KoXoSessionLog | Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'b.rtf') -Last 3 } |
            Should -Throw -ExpectedMessage '*Select-Object -Last*'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Command -eq 'export-rtf' }
    }

    It 'exports an empty document, not the whole store, when the pipeline brings no record' {
        @() | Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'none.rtf')
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'export-rtf' -and $ArgumentList -contains '--stdin' -and $StdinLines.Count -eq 0
        }
    }

    It 'resolves -Path from PowerShell''s location, and returns the typed summary with -PassThru' {
        Push-Location -LiteralPath $TestDrive
        try {
            $export = Export-KoXoSessionRtf -Computer PC1 -Path 'pc1.rtf' -PassThru
        }
        finally {
            Pop-Location
        }
        $export.Records | Should -Be 2
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $TypeName -eq 'KoXoLog.RtfExport' -and
            ($ArgumentList -join '|') -eq "--output|$(Join-Path -Path $TestDrive -ChildPath 'pc1.rtf')|--computer|PC1|--" -and
            $StdinLines.Count -eq 0
        }
    }

    It 'takes logs by Path, FullName and path strings from the pipeline, each once, with -Last' {
        $a = Join-Path -Path $TestDrive -ChildPath 'A.LOG'
        $b = Join-Path -Path $TestDrive -ChildPath 'B.LOG'
        $c = Join-Path -Path $TestDrive -ChildPath 'C.LOG'
        @(
            [pscustomobject]@{ Branch = 'Computers'; Name = 'A'; Path = $a },
            [pscustomobject]@{ FullName = $b },
            [pscustomobject]@{ State = 'Open'; User = 'jdoe'; Path = $a },
            $c
        ) | Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'ab.rtf') -Last 5 -Store $TestDrive
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -like "*|--store|$TestDrive|--last|5|--|$a|$b|$c" -and
            $ArgumentList -notcontains '--stdin'
        }
    }

    It 'takes logs from -LogPath, each once' {
        $a = Join-Path -Path $TestDrive -ChildPath 'A.LOG'
        Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'la.rtf') -LogPath $a, $a
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -like "*|--|$a"
        }
    }

    It 'keeps an existing document with -NoClobber, and replaces a read-only one only with -Force' {
        $document = Join-Path -Path $TestDrive -ChildPath 'kept.rtf'
        Set-Content -LiteralPath $document -Value 'an older report'
        { Export-KoXoSessionRtf -Path $document -Computer PC1 -NoClobber } | Should -Throw -ExpectedMessage '*already exists*-NoClobber*'
        (Get-Item -LiteralPath $document).IsReadOnly = $true
        { Export-KoXoSessionRtf -Path $document -Computer PC1 } | Should -Throw -ExpectedMessage '*read-only*-Force*'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly -ParameterFilter { $Command -eq 'export-rtf' }
        $refused = { Export-KoXoSessionRtf -Path $document -Computer PC1 } | Should -Throw -PassThru
        $refused.CategoryInfo.Category | Should -Be 'ResourceExists'
        $refused.InvocationInfo.MyCommand.Name | Should -Be 'Export-KoXoSessionRtf'
        Export-KoXoSessionRtf -Path $document -Computer PC1 -Force
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter { $Command -eq 'export-rtf' }
        (Get-Item -LiteralPath $document).IsReadOnly | Should -BeFalse
    }

    It 'writes nothing with -WhatIf' {
        Get-KoXoSessionLog | Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'w.rtf') -WhatIf
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly -ParameterFilter { $Command -eq 'export-rtf' }
    }
}

Describe 'ConvertTo-KoXoJsonLine' {
    It 'writes a time of <Kind> as RFC 3339 text, never as /Date(...)/' -ForEach @(
        @{ Kind = 'DateTimeOffset'; Time = [DateTimeOffset]::new(2026, 11, 24, 8, 1, 2, 345, [TimeSpan]::FromHours(1)); Text = '2026-11-24T08:01:02.345+01:00' },
        @{ Kind = 'text'; Time = '2026-03-29T03:00:00.000+02:00'; Text = '2026-03-29T03:00:00.000+02:00' },
        @{ Kind = 'UTC datetime'; Time = [datetime]::new(2026, 11, 24, 7, 1, 2, 345, [DateTimeKind]::Utc); Text = '2026-11-24T07:01:02.345+00:00' }
    ) {
        $line = InModuleScope KoXoLog -Parameters @{ Time = $Time } {
            param(
                $Time
            )
            [pscustomobject]@{ Time = $Time; User = 'jdoe'; Client = $null; Line = 3 } |
                ConvertTo-KoXoJsonLine -Property 'Time', 'User', 'Client', 'Computer'
        }
        $line | Should -Be "{`"Time`":`"$Text`",`"User`":`"jdoe`"}"
    }
}

Describe 'Compress-KoXoSessionLogs' {
    BeforeEach {
        InModuleScope KoXoLog {
            $script:KoXoLogStore = $null
        }
        $env:KOXOLOG_STORE = $null
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            $dryRun = $ArgumentList -contains '--dry-run'
            [pscustomobject]@{
                Path     = 'C:\Logs\BACKUP\Logs-20261125-180000.zip'
                Entries  = 44
                BytesIn  = 171545
                BytesOut = if ($dryRun) { $null } else { 20480 }
                Seconds  = if ($dryRun) { $null } else { 0.5 }
                Removed  = 'C:\Logs\BACKUP\Logs-20261001-180000.zip, C:\Logs\BACKUP\Logs-20261002-180000.zip'
                DryRun   = $dryRun
            }
        }
    }

    It 'asks the binary for a dry run under -WhatIf, and archives nothing' {
        Compress-KoXoSessionLogs -Keep 30 -WhatIf | Should -BeNullOrEmpty
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'compress' -and ($ArgumentList -join ' ') -eq '--keep 30 --dry-run'
        }
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly -ParameterFilter {
            $ArgumentList -notcontains '--dry-run'
        }
    }

    It 'passes the store, a full destination, -Keep and -Level, and returns the typed archive' {
        Push-Location -LiteralPath $TestDrive
        try {
            $archive = Compress-KoXoSessionLogs -Store $TestDrive -Destination 'Backups' -Keep 7 -Level 0
        }
        finally {
            Pop-Location
        }
        $archive.DryRun | Should -BeFalse
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'compress' -and $TypeName -eq 'KoXoLog.Archive' -and
            ($ArgumentList -join '|') -eq "--store|$TestDrive|--destination|$(Join-Path -Path $TestDrive -ChildPath 'Backups')|--keep|7|--level|0"
        }
    }

    It 'leaves the level to the binary when -Level is not given' {
        Compress-KoXoSessionLogs | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'compress' -and $ArgumentList.Count -eq 0
        }
    }
}

Describe 'Get-KoXoDirectoryEntry' {
    BeforeEach {
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{
                Kind         = 'User'
                Name         = 'jdoe'
                LastLogon    = '2026-11-24T08:01:02.000+01:00'
                WhenCreated  = '2020-09-01T10:00:00.000+02:00'
                Enabled      = $true
            }
        }
    }

    It 'looks up the names given, with the connection options' {
        $entry = Get-KoXoDirectoryEntry -User jdoe, asmith -Computer PC1 -ThinClient TC1 -Server ldaps://dc1.example.com -StartTls -SearchBase 'DC=example,DC=com' -TimeoutSeconds 3
        $entry.Name | Should -Be 'jdoe'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'directory' -and $TypeName -eq 'KoXoLog.DirectoryEntry' -and
            ($ArgumentList -join '|') -eq '--user|jdoe|--user|asmith|--computer|PC1|--thin-client|TC1|--server|ldaps://dc1.example.com|--start-tls|--base|DC=example,DC=com|--timeout|3' -and
            $StdinLines.Count -eq 0
        }
    }

    It 'sends the names of piped records, sessions and tree items as JSON lines on stdin' {
        $record = [pscustomobject]@{ Event = 'Logon'; Time = [DateTimeOffset]::Now; User = 'jdoe'; Computer = 'PC1'; Client = 'TC1'; Path = 'x.LOG' }
        $session = [pscustomobject]@{ User = 'asmith'; Computer = 'PC2'; Client = $null; State = 'Open' }
        $item = [pscustomobject]@{ Branch = 'Computers'; Name = 'PC3'; Path = 'PC3.LOG'; LastUser = 'jdoe' }
        $record, $session, $item | Get-KoXoDirectoryEntry | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'directory' -and
            ($ArgumentList -join '|') -eq '--stdin' -and
            ($StdinLines -join "`n") -eq (@(
                '{"User":"jdoe","Computer":"PC1","Client":"TC1"}',
                '{"User":"asmith","Computer":"PC2"}',
                '{"Branch":"Computers","Name":"PC3"}'
            ) -join "`n")
        }
    }

    It 'reports a piped object that names nothing, and goes on' {
        [pscustomobject]@{ Colour = 'blue' }, [pscustomobject]@{ User = 'jdoe' } |
            Get-KoXoDirectoryEntry -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KoXoLog.NoName*'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $StdinLines.Count -eq 1 -and $StdinLines[0] -eq '{"User":"jdoe"}'
        }
    }

    It 'gives the password through the environment of the binary only, never on the command line nor in this session' {
        $password = ConvertTo-SecureString -String 'S3cret!pass' -AsPlainText -Force
        $credential = [System.Management.Automation.PSCredential]::new('EXAMPLE\reader', $password)
        Get-KoXoDirectoryEntry -User jdoe -Credential $credential | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -eq '--user|jdoe|--bind-dn|EXAMPLE\reader|--password-env|KOXOLOG_LDAP_PASSWORD' -and
            $Environment['KOXOLOG_LDAP_PASSWORD'] -eq 'S3cret!pass'
        }
        $env:KOXOLOG_LDAP_PASSWORD | Should -BeNullOrEmpty
    }

    It 'binds as the logged-on user (Kerberos) without -Credential: no DN, no password, not anonymous' {
        Get-KoXoDirectoryEntry -User jdoe | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'directory' -and
            ($ArgumentList -join '|') -eq '--user|jdoe' -and
            $ArgumentList -notcontains '--bind-dn' -and $ArgumentList -notcontains '--anonymous' -and
            -not $Environment.ContainsKey('KOXOLOG_LDAP_PASSWORD')
        }
    }

    It 'searches without binding with -Anonymous' {
        Get-KoXoDirectoryEntry -Computer PC1 -Anonymous | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            ($ArgumentList -join '|') -eq '--computer|PC1|--anonymous' -and $Environment.Count -eq 0
        }
    }

    It 'says what to give when nothing is named' {
        { Get-KoXoDirectoryEntry } | Should -Throw -ExpectedMessage '*-User, -Computer or -ThinClient*'
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly
    }
}
