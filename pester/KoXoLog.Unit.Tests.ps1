# Unit tests of the KoXoLog module: Invoke-KoXoNative is mocked, so these
# check what each cmdlet asks of the binary and what it makes of the answer.

BeforeAll {
    $manifest = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'module/KoXoLog.psd1'
    Import-Module $manifest -Force
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

    It 'types records and gives Time as a DateTimeOffset with the writer''s offset' {
        $record = Get-KoXoSessionLog -User jdoe
        $record.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Record'
        $record.Time | Should -BeOfType [DateTimeOffset]
        $record.Time.Offset | Should -Be ([TimeSpan]::FromHours(1))
        $record.Time.Hour | Should -Be 8
    }

    It 'accepts a time ConvertFrom-Json already made a [datetime] (PowerShell 7 before 7.5)' {
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{
                Event = 'Logon'
                Time  = [datetime]::new(2026, 11, 24, 8, 1, 2, [DateTimeKind]::Utc)
                Path  = 'PC1.LOG'
            }
        }
        $record = Get-KoXoSessionLog
        $record.Time | Should -BeOfType [DateTimeOffset]
        $record.Time.UtcDateTime | Should -Be ([datetime]::new(2026, 11, 24, 8, 1, 2, [DateTimeKind]::Utc))
    }

    It 'binds Path and FullName by property name and batches piped logs into one call' {
        $items = @(
            [pscustomobject]@{ Path = (Join-Path -Path $TestDrive -ChildPath 'A.LOG') },
            [pscustomobject]@{ FullName = (Join-Path -Path $TestDrive -ChildPath 'B.LOG') }
        )
        $items | Get-KoXoSessionLog -Last 1 | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $ArgumentList -contains (Join-Path -Path $TestDrive -ChildPath 'A.LOG') -and
            $ArgumentList -contains (Join-Path -Path $TestDrive -ChildPath 'B.LOG') -and
            $ArgumentList -contains '--'
        }
    }

    It 'makes one call per 64 piped logs, as they come' {
        $paths = 1..130 | ForEach-Object { Join-Path -Path $TestDrive -ChildPath "PC$_.LOG" }
        $paths | Get-KoXoSessionLog | Out-Null
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 3 -Exactly
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
            ($ArgumentList -join '|') -like "*--store|$set"
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

    It 'types sessions with DateTimeOffset times and a TimeSpan duration' {
        $session = Get-KoXoSession
        $session.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Session'
        $session.Logon | Should -BeOfType [DateTimeOffset]
        $session.Logoff | Should -BeOfType [DateTimeOffset]
        $session.Duration | Should -Be ([TimeSpan]::new(1, 1, 1, 0))
    }
}

Describe 'Get-KoXoSessionTree' {
    It 'spells branches as the binary does' {
        Mock Invoke-KoXoNative -ModuleName KoXoLog {
            [pscustomobject]@{ Branch = 'ThinClients'; Name = 'TC1'; Path = 'TC1.LOG'; LastTime = $null; LastWriteTime = '2026-11-24T08:00:00.000+01:00' }
        }
        $item = Get-KoXoSessionTree -Branch ThinClients, Users -Name 'T*'
        $item.PSObject.TypeNames[0] | Should -Be 'KoXoLog.TreeItem'
        $item.LastWriteTime | Should -BeOfType [DateTimeOffset]
        $item.LastTime | Should -BeNullOrEmpty
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 1 -Exactly -ParameterFilter {
            $Command -eq 'tree' -and ($ArgumentList -join ' ') -like '--branch thin-clients --branch users --name T`**'
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
        $written.PSObject.TypeNames[0] | Should -Be 'KoXoLog.WrittenRecord'
        $written.Time | Should -BeOfType [DateTimeOffset]
    }

    It 'runs nothing with -WhatIf' {
        Write-KoXoSession -Event Logoff -Server dc1 -WhatIf
        Should -Invoke Invoke-KoXoNative -ModuleName KoXoLog -Times 0 -Exactly
    }
}

Describe 'Invoke-KoXoNative without a binary' {
    It 'is a terminating error that says what to do' {
        InModuleScope KoXoLog {
            Mock Get-KoXoBinaryPath {}
            { Invoke-KoXoNative -Command 'tree' } | Should -Throw -ExpectedMessage '*KOXOLOG_EXE*'
        }
    }
}

Describe 'Invoke-KoXoNative with a stand-in binary' {
    BeforeAll {
        # A script in place of koxolog: one record on stdout, one diagnostic
        # of each level on stderr, and the exit code in KOXOLOG_FAKE_EXIT.
        $record = '{"Event":"Logon","Time":"2026-11-24T08:01:02.345+01:00"}'
        $diagnostics = @(
            '{"Level":"warning","Code":"bad-line","Message":"a line was skipped","Path":"PC1.LOG","Line":12}',
            '{"Level":"verbose","Code":"detail","Message":"reading PC1.LOG"}',
            '{"Level":"progress","Code":"reading","Message":"Reading logs","Current":1,"Total":2}',
            '{"Level":"error","Code":"cannot-read","Message":"cannot read the log","Path":"PC2.LOG"}'
        )
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            $fake = Join-Path -Path $TestDrive -ChildPath 'koxolog-fake.cmd'
            $lines = @('@echo off', "echo $record") + ($diagnostics | ForEach-Object { "echo $_ 1>&2" }) + @('exit /b %KOXOLOG_FAKE_EXIT%')
            Set-Content -LiteralPath $fake -Value $lines -Encoding Ascii
        }
        else {
            $fake = Join-Path -Path $TestDrive -ChildPath 'koxolog-fake'
            $lines = @('#!/bin/sh', "echo '$record'") + ($diagnostics | ForEach-Object { "echo '$_' >&2" }) + @('exit "$KOXOLOG_FAKE_EXIT"')
            Set-Content -LiteralPath $fake -Value $lines -Encoding Ascii
            & chmod +x $fake
        }
        $savedExe = $env:KOXOLOG_EXE
        $env:KOXOLOG_EXE = $fake
    }

    AfterAll {
        $env:KOXOLOG_EXE = $savedExe
        $env:KOXOLOG_FAKE_EXIT = $null
    }

    It 'streams stdout as objects and maps each diagnostic level; exit 1 is not terminating' {
        $env:KOXOLOG_FAKE_EXIT = '1'
        $output = InModuleScope KoXoLog {
            Invoke-KoXoNative -Command 'log' -WarningVariable warnings -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -Verbose 4>&1
            $warnings
            $failures
        }
        $objects = @($output | Where-Object { $_ -is [psobject] -and $_.PSObject.Properties['Event'] })
        $objects.Count | Should -Be 1
        ($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -Be 'a line was skipped (PC1.LOG:12)'
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'reading PC1.LOG'
        $failure = $output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        $failure.FullyQualifiedErrorId | Should -BeLike 'KoXoLog.cannot-read*'
        $failure.TargetObject | Should -Be 'PC2.LOG'
    }

    It 'turns exit code <Code> into a terminating error saying <Says>' -ForEach @(
        @{ Code = '2'; Says = '*refused its arguments*' },
        @{ Code = '3'; Says = '*failed, nothing more was done*' },
        @{ Code = '9'; Says = '*unexpected exit code 9*' }
    ) {
        $env:KOXOLOG_FAKE_EXIT = $Code
        {
            InModuleScope KoXoLog {
                Invoke-KoXoNative -Command 'log' -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
            }
        } | Should -Throw -ExpectedMessage $Says
    }
}
