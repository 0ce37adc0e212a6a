#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }

# End-to-end tests: the module runs the real koxolog binary on a store made
# by `koxolog generate` in $TestDrive. The binary is $env:KOXOLOG_EXE (set by
# scripts/test-all.sh and the CI workflow) or target/debug/koxolog[.exe].

BeforeAll {
    $repo = Join-Path -Path $PSScriptRoot -ChildPath '..'
    Import-Module (Join-Path -Path $repo -ChildPath 'module/KoXoLog.psd1') -Force
    if (-not $env:KOXOLOG_EXE) {
        $name = 'koxolog'
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            $name = 'koxolog.exe'
        }
        $env:KOXOLOG_EXE = Join-Path -Path $repo -ChildPath "target/debug/$name"
    }
    if (-not (Test-Path -LiteralPath $env:KOXOLOG_EXE -PathType Leaf)) {
        throw "The koxolog binary is not at $($env:KOXOLOG_EXE): run 'cargo build' first, or set KOXOLOG_EXE to its path."
    }
    $script:Binary = $env:KOXOLOG_EXE
    $script:Store = Join-Path -Path $TestDrive -ChildPath 'store'
    # The variables these tests set, restored in AfterAll. The writer takes
    # the user and computer from USERNAME and COMPUTERNAME, as on Windows.
    $script:SavedEnvironment = @{}
    foreach ($name in 'KOXOLOG_SPOOL', 'USERNAME', 'COMPUTERNAME', 'LOCALAPPDATA') {
        $script:SavedEnvironment[$name] = [System.Environment]::GetEnvironmentVariable($name)
    }
    $env:KOXOLOG_SPOOL = Join-Path -Path $TestDrive -ChildPath 'spool'
    $env:USERNAME = 'pester.user'
    $env:COMPUTERNAME = 'PESTER-PC'
    $script:Truth = Join-Path -Path $TestDrive -ChildPath 'truth.jsonl'
    & $script:Binary 'generate' '--store' $script:Store '--computers' '20' '--users' '30' '--days' '3' '--until' '2025-09-03T10:30:00+02:00' '--truth' $script:Truth 2>$null | Out-Null
    if ($LASTEXITCODE -ne 0) {
        throw "koxolog generate failed with exit code $LASTEXITCODE"
    }
    Set-KoXoLogStore -Path $script:Store
}

AfterAll {
    foreach ($name in $script:SavedEnvironment.Keys) {
        [System.Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
    }
}

Describe 'Get-KoXoSessionTree' {
    It 'lists the three branches as typed items, with exit code 0' {
        $items = Get-KoXoSessionTree
        $LASTEXITCODE | Should -Be 0
        $items.Count | Should -Be ((Get-ChildItem -Path $script:Store -Recurse -Filter '*.LOG').Count)
        ($items.Branch | Sort-Object -Unique) | Should -Be @('Computers', 'ThinClients', 'Users')
        $items[0].PSObject.TypeNames[0] | Should -Be 'KoXoLog.TreeItem'
        $items[0].LastTime | Should -BeOfType [DateTimeOffset]
    }

    It 'pipes its items to Get-KoXoSessionLog by their Path (as Out-GridView -PassThru would)' {
        $picked = Get-KoXoSessionTree -Branch Computers | Select-Object -First 2
        $records = $picked | Get-KoXoSessionLog
        $records.Count | Should -BeGreaterThan 0
        ($records.Path | Sort-Object -Unique) | Should -Be ($picked.Path | Sort-Object)
        $records[0].Time | Should -BeOfType [DateTimeOffset]
    }
}

Describe 'Get-KoXoSessionLog' {
    It 'takes Get-ChildItem output by FullName: the last record of every computer' {
        $files = Get-ChildItem -Path (Join-Path -Path $script:Store -ChildPath 'Computers') -Filter '*.LOG'
        $last = $files | Get-KoXoSessionLog -Last 1
        $last.Count | Should -Be $files.Count
        $last | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Record' }
    }

    It 'filters by user and time in the binary' {
        # The busiest user: records on more than one day.
        $user = (Get-KoXoSessionTree -Branch Users | Sort-Object -Property Length -Descending | Select-Object -First 1).LastUser
        $since = (Get-KoXoSessionLog -User $user | Select-Object -First 1).Time.AddHours(1)
        $records = Get-KoXoSessionLog -User $user -Since $since
        $records.Count | Should -BeGreaterThan 0
        $records | ForEach-Object {
            $_.User | Should -Be $user
            $_.Time | Should -BeGreaterOrEqual $since
        }
    }

    It 'reports a log it cannot read as an error and goes on with the others' {
        $good = (Get-KoXoSessionTree -Branch Computers | Select-Object -First 1).Path
        $missing = Join-Path -Path $TestDrive -ChildPath 'NOPE.LOG'
        $records = Get-KoXoSessionLog -Path $good, $missing -Last 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $LASTEXITCODE | Should -Be 1
        $records.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'KoXoLog.cannot-read*'
        $failures[0].TargetObject | Should -Be $missing
    }

    It 'stops with a terminating error naming the store when it does not exist' {
        $nowhere = Join-Path -Path $TestDrive -ChildPath 'nowhere'
        { Get-KoXoSessionLog -Store $nowhere } | Should -Throw -ExpectedMessage "*$nowhere*"
        $LASTEXITCODE | Should -Be 3
    }

    It 'shows records in the table view' {
        $text = Get-KoXoSessionLog -Last 1 | Select-Object -First 1 | Format-Table | Out-String
        $text | Should -Match 'Time\s+Event\s+User\s+Computer'
    }

    It 'reads each log once, however often it is piped (once per session it holds)' {
        $user = (Get-KoXoSessionTree -Branch Users | Sort-Object -Property Length -Descending | Select-Object -First 1).LastUser
        $sessions = @(Get-KoXoSession -User $user -WarningAction SilentlyContinue)
        $sessions.Count | Should -BeGreaterThan 1
        # A session's Path is the computer's log it was paired on.
        $logs = @($sessions.Path | Sort-Object -Unique)
        $records = @($sessions | Get-KoXoSessionLog)
        $records.Count | Should -Be @(Get-KoXoSessionLog -Path $logs).Count
        @($records.Id | Sort-Object -Unique).Count | Should -Be $records.Count
    }

    It 'reads the logs a wildcard -Path matches' {
        $computers = Join-Path -Path $script:Store -ChildPath 'Computers'
        $matching = @(Get-ChildItem -Path $computers -Filter 'A01*.LOG')
        $matching.Count | Should -BeGreaterThan 1
        $last = @(Get-KoXoSessionLog -Path (Join-Path -Path $computers -ChildPath 'A01*.LOG') -Last 1)
        ($last.Path | Sort-Object) | Should -Be ($matching.FullName | Sort-Object)
    }

    It 'reads nothing when the pipeline brings nothing (a grid closed with Cancel)' {
        $records = @(Get-KoXoSessionTree -Name 'NO-SUCH-LOG*' | Get-KoXoSessionLog)
        $records.Count | Should -Be 0
    }

    It 'says a name without a log is not found, as a non-terminating error of Get-KoXoSessionLog' {
        $records = @(Get-KoXoSessionLog -User 'nobody.here' -ErrorVariable failures -ErrorAction SilentlyContinue)
        $records.Count | Should -Be 0
        $LASTEXITCODE | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].FullyQualifiedErrorId | Should -Be 'KoXoLog.no-log,Get-KoXoSessionLog'
        $failures[0].Exception.Message | Should -BeLike "*'nobody.here'*"
    }

    It 'keeps the writer''s UTC offset in Time, whatever this machine''s zone' {
        # The time as the binary prints it, read as text (ConvertFrom-Json
        # would make it a [datetime] on some versions).
        $line = & $script:Binary 'log' '--store' $script:Store '--last' '1' 2>$null | Select-Object -First 1
        $written = [regex]::Match($line, '"Time":"([^"]+)"').Groups[1].Value
        $written | Should -Match '[+-]\d\d:\d\d$'
        $record = Get-KoXoSessionLog -Path ($line | ConvertFrom-Json).Path -Last 1
        $record.Time.ToString('yyyy-MM-ddTHH:mm:ss.fffzzz', [System.Globalization.CultureInfo]::InvariantCulture) | Should -Be $written
    }
}

Describe 'Get-KoXoSession' {
    It 'pairs sessions with durations, and -Open sorts and formats' {
        $sessions = Get-KoXoSession
        $closed = @($sessions | Where-Object State -eq 'Closed')[0]
        $closed.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Session'
        $closed.Duration | Should -BeOfType [TimeSpan]
        $elapsed = $closed.Logoff - $closed.Logon
        $closed.Duration | Should -Be ([TimeSpan]::FromSeconds([Math]::Truncate($elapsed.TotalSeconds))) -Because 'Duration is Logoff - Logon in whole seconds'
        $closed.DurationSeconds | Should -Be $elapsed.TotalSeconds
        $open = @(Get-KoXoSession -Open | Sort-Object Computer)
        $LASTEXITCODE | Should -Be 0
        $open.Count | Should -BeGreaterThan 0
        $open | ForEach-Object { $_.State | Should -Be 'Open' }
        $text = $open | Format-Table | Out-String
        $text | Should -Match 'User\s+Computer'
        foreach ($session in $open) {
            $text | Should -BeLike "*$($session.Computer)*"
        }
    }
}

Describe 'Get-KoXoSession against the generator''s truth' {
    BeforeAll {
        # What the generator simulated, keyed as a session is: who, where, which Windows session, when.
        function Get-SessionKey {
            param(
                $Session
            )
            $logon = ''
            if ($Session.Logon) {
                $logon = ([DateTimeOffset]$Session.Logon).ToUniversalTime().ToString('o')
            }
            $end = ''
            if ($Session.End) {
                $end = ([DateTimeOffset]$Session.End).ToUniversalTime().ToString('o')
            }
            "$($Session.User)|$($Session.Computer)|$($Session.SessionId)|$logon|$end|$($Session.State)"
        }
        $script:TruthKeys = @(Get-Content -LiteralPath $script:Truth | ForEach-Object { Get-SessionKey -Session ($_ | ConvertFrom-Json) } | Sort-Object)
    }

    It 'gives every simulated session, with its state, start and end, from the whole store' {
        $script:TruthKeys.Count | Should -BeGreaterThan 0
        $given = @(Get-KoXoSession -WarningAction SilentlyContinue | ForEach-Object { Get-SessionKey -Session $_ } | Sort-Object)
        $given | Should -Be $script:TruthKeys
    }

    It 'gives a user''s sessions the same states from his log as from the whole store' {
        $user = (Get-KoXoSessionTree -Branch Users | Sort-Object -Property Length -Descending | Select-Object -First 1).LastUser
        $fromUser = @(Get-KoXoSession -User $user -WarningAction SilentlyContinue | ForEach-Object { Get-SessionKey -Session $_ } | Sort-Object)
        $fromStore = @(Get-KoXoSession -WarningAction SilentlyContinue | Where-Object User -eq $user | ForEach-Object { Get-SessionKey -Session $_ } | Sort-Object)
        $fromUser.Count | Should -BeGreaterThan 0
        $fromUser | Should -Be $fromStore
    }

    It 'gives the sessions still open, each with how long it has been open' {
        $open = @(Get-KoXoSession -Open -WarningAction SilentlyContinue)
        @($open | ForEach-Object { Get-SessionKey -Session $_ } | Sort-Object) | Should -Be @($script:TruthKeys | Where-Object { $_ -like '*|Open' })
        foreach ($session in $open) {
            $session.OpenFor | Should -BeOfType [TimeSpan]
            $session.OpenFor | Should -BeGreaterThan ([TimeSpan]::Zero)
        }
        $open.Count | Should -BeGreaterThan 0 -Because 'the store ends at 10:30 on a school day'
        # The store ended in 2025: every open session is over a year old.
        @(Get-KoXoSession -Open -MaxAge (New-TimeSpan -Days 365) -WarningAction SilentlyContinue).Count | Should -Be 0
        @(Get-KoXoSession -Open -MaxAge (New-TimeSpan -Days 36500) -WarningAction SilentlyContinue).Count | Should -Be $open.Count
    }
}

Describe 'Get-KoXoReport' {
    BeforeAll {
        $script:Page = Join-Path -Path $TestDrive -ChildPath 'report page.html'
        $script:Report = Get-KoXoReport -HtmlPath $script:Page -Top 3 -Title 'Lyc&eacute;e <B12>'
        $script:ReportExit = $LASTEXITCODE
        $script:TruthSessions = @(Get-Content -LiteralPath $script:Truth | ForEach-Object { $_ | ConvertFrom-Json })
    }

    It 'counts every simulated session, by state and by day, with exit code 0' {
        $script:ReportExit | Should -Be 0
        $script:Report.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Report'
        $script:Report.Sessions | Should -Be $script:TruthSessions.Count
        $script:Report.Open | Should -Be @($script:TruthSessions | Where-Object State -eq 'Open').Count
        $script:Report.Closed | Should -Be @($script:TruthSessions | Where-Object State -eq 'Closed').Count
        ($script:Report.Days | Measure-Object -Property Sessions -Sum).Sum | Should -Be $script:Report.Sessions
        $script:Report.Days[0].PSObject.TypeNames[0] | Should -Be 'KoXoLog.ReportDay'
        $script:Report.Hours.Count | Should -Be 24
        $script:Report.First | Should -BeOfType [DateTimeOffset]
    }

    It 'lists the longest sessions as typed sessions, longest first' {
        $script:Report.LongestSessions.Count | Should -Be 3
        $script:Report.LongestSessions[0].Duration | Should -BeOfType [TimeSpan]
        $script:Report.LongestSessions[0].Duration | Should -BeGreaterOrEqual $script:Report.LongestSessions[2].Duration
        $script:Report.BusiestComputers.Count | Should -Be 3
    }

    It 'writes the page to a path with a space, its title escaped' {
        $script:Report.Html | Should -Be $script:Page
        $page = Get-Content -LiteralPath $script:Page -Raw
        $page | Should -BeLike '*<title>Lyc&amp;eacute;e &lt;B12&gt;</title>*'
        $page | Should -BeLike '*Sessions per day*'
    }

    It 'writes no page with -WhatIf, and still gives the report' {
        $other = Join-Path -Path $TestDrive -ChildPath 'whatif.html'
        $report = Get-KoXoReport -HtmlPath $other -WhatIf
        $report.Sessions | Should -Be $script:Report.Sessions
        $report.Html | Should -BeNullOrEmpty
        Test-Path -LiteralPath $other | Should -BeFalse
    }

    It 'reports on the logs piped from Get-KoXoSessionTree' {
        $logs = Get-KoXoSessionTree -Branch Computers | Select-Object -First 2
        $report = $logs | Get-KoXoReport
        $expected = @($script:TruthSessions | Where-Object { $logs.Name -contains $_.Computer }).Count
        $report.Sessions | Should -Be $expected
        $report.Computers | Should -Be 2
    }
}

Describe 'Write-KoXoSession' {
    It 'records a logon and returns it with -PassThru' {
        $written = Write-KoXoSession -EventType Logon -Store $script:Store -PassThru
        $LASTEXITCODE | Should -Be 0
        $written.Spooled | Should -BeFalse
        $written.User | Should -Be 'pester.user'
        $written.Computer | Should -Be 'PESTER-PC'
        $written.PSObject.TypeNames[0] | Should -Be 'KoXoLog.WrittenRecord'
        $back = Get-KoXoSessionLog -User $written.User -Last 1
        $back.Id | Should -Be $written.Id
    }

    It 'writes nothing with -WhatIf' {
        $before = (Get-ChildItem -Path $script:Store -Recurse -Filter '*.LOG' | Measure-Object -Property Length -Sum).Sum
        Write-KoXoSession -Event Logoff -Store $script:Store -WhatIf
        (Get-ChildItem -Path $script:Store -Recurse -Filter '*.LOG' | Measure-Object -Property Length -Sum).Sum | Should -Be $before
    }
}

Describe 'Tab completion' {
    It 'completes computer names from the store' {
        $computer = (Get-KoXoSessionTree -Branch Computers | Select-Object -First 1).Name
        $line = "Get-KoXoSession -Computer $($computer.Substring(0, 3))"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain $computer
    }
}

Describe 'The GPO script' {
    BeforeAll {
        $script:GpoScript = Join-Path -Path $PSScriptRoot -ChildPath '../gpo/scripts/KoXoLog-Session.ps1'
        $env:LOCALAPPDATA = Join-Path -Path $TestDrive -ChildPath 'LocalAppData'
        $script:Fallback = Join-Path -Path $env:LOCALAPPDATA -ChildPath 'KoXoLog/gpo-script.log'
    }

    It 'records a logon in the store' {
        $before = @(Get-KoXoSessionLog -Event Logon).Count
        & $script:GpoScript -Event Logon -Store $script:Store
        $LASTEXITCODE | Should -Be 0
        @(Get-KoXoSessionLog -Event Logon).Count | Should -Be ($before + 1)
        Test-Path -LiteralPath $script:Fallback | Should -BeFalse -Because 'nothing failed'
    }

    It 'records the events the computer side''s scripts and tasks give it: <_>' -ForEach @('Startup', 'Lock', 'Unlock', 'Reconnect', 'Disconnect', 'Shutdown') {
        $before = @(Get-KoXoSessionLog -Event $_).Count
        & $script:GpoScript -Event $_ -Store $script:Store -TimeoutSeconds 5
        $LASTEXITCODE | Should -Be 0
        $records = @(Get-KoXoSessionLog -Event $_)
        $records.Count | Should -Be ($before + 1)
        $records[-1].Event | Should -BeExactly $_
        Test-Path -LiteralPath $script:Fallback | Should -BeFalse -Because 'nothing failed'
    }

    It 'records a wrong event where an administrator finds it, without failing' {
        & $script:GpoScript -Event 'Party' -Store $script:Store
        $LASTEXITCODE | Should -Be 0
        if (Get-Command -Name Write-EventLog -ErrorAction SilentlyContinue) {
            $entry = Get-EventLog -LogName Application -Source WSH -Newest 5 | Where-Object Message -Like '*KoXoLog*Party*'
            $entry | Should -Not -BeNullOrEmpty
        }
        else {
            Get-Content -LiteralPath $script:Fallback -Raw | Should -BeLike "*-Event 'Party'*"
        }
    }

    It 'returns within its bound when the store hangs, and the record waits in the spool' {
        if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            Set-ItResult -Skipped -Because 'a share that stops answering is made here with named pipes (mkfifo), which Windows has not'
            return
        }
        # A store whose logs never open: a FIFO blocks its writer until a
        # reader comes, as a share that stopped answering does.
        $hung = Join-Path -Path $TestDrive -ChildPath 'hung-store'
        foreach ($log in 'Computers/PESTER-PC.LOG', 'Users/PESTER.USER.LOG') {
            $path = Join-Path -Path $hung -ChildPath $log
            New-Item -ItemType Directory -Path (Split-Path -Path $path -Parent) -Force | Out-Null
            & mkfifo $path
        }
        $spool = Join-Path -Path $TestDrive -ChildPath 'hung-spool'
        $env:KOXOLOG_SPOOL = $spool
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & $script:GpoScript -Event Logoff -Store $hung -TimeoutSeconds 1
            $watch.Stop()
        }
        finally {
            $env:KOXOLOG_SPOOL = Join-Path -Path $TestDrive -ChildPath 'spool'
        }
        $LASTEXITCODE | Should -Be 0
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15 -Because 'a logoff waits at most the timeout plus 5 s, plus start-up'
        @(Get-ChildItem -LiteralPath $spool -Recurse -File).Count | Should -Be 1 -Because 'the record the hung store did not take is kept'
        Get-Content -LiteralPath $script:Fallback -Raw | Should -BeLike '*spool*'
    }
}

Describe 'Export-KoXoSessionRtf' {
    BeforeAll {
        $script:RtfUser = (Get-KoXoSessionTree -Branch Users | Sort-Object -Property Length -Descending | Select-Object -First 1).LastUser
    }

    It 'exports the records of the pipeline an administrator types to an RTF file' {
        Push-Location -LiteralPath $TestDrive
        try {
            # The store was generated for days long past: its last week.
            $since = (Get-KoXoSessionLog -User $script:RtfUser -Last 1).Time.AddDays(-7)
            $records = @(Get-KoXoSessionLog -User $script:RtfUser -Since $since)
            $records.Count | Should -BeGreaterThan 0
            $records | Export-KoXoSessionRtf -Path jdoe.rtf
            $LASTEXITCODE | Should -Be 0
        }
        finally {
            Pop-Location
        }
        $text = Get-Content -LiteralPath (Join-Path -Path $TestDrive -ChildPath 'jdoe.rtf') -Raw
        $text | Should -BeLike '{\rtf1*'
        $text | Should -BeLike "*$($script:RtfUser)*"
    }

    It 'passes a title with quotes and backslashes to the binary as typed' {
        $title = 'Room "A01" \ C:\Reports\'
        $export = Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'quoted.rtf') -User $script:RtfUser -Title $title -PassThru
        $export.Title | Should -Be $title
    }

    It 'keeps an existing document with -NoClobber' {
        $document = Join-Path -Path $TestDrive -ChildPath 'kept.rtf'
        Set-Content -LiteralPath $document -Value 'an older report'
        { Export-KoXoSessionRtf -Path $document -User $script:RtfUser -NoClobber } | Should -Throw -ExpectedMessage '*-NoClobber*'
        Get-Content -LiteralPath $document -Raw | Should -BeLike 'an older report*'
    }

    It 'sends piped records whole: every one is in the document, with its time and user' {
        $records = @(Get-KoXoSessionLog -User $script:RtfUser)
        $records.Count | Should -BeGreaterThan 1
        $export = $records | Export-KoXoSessionRtf -Path (Join-Path -Path $TestDrive -ChildPath 'user.rtf') -Sessions -PassThru
        $LASTEXITCODE | Should -Be 0 -Because 'a record the binary could not read (a time written as /Date(...)/) would be an error, exit 1'
        $export.PSObject.TypeNames[0] | Should -Be 'KoXoLog.RtfExport'
        $export.Records | Should -Be $records.Count
        $times = @($records.Time | Sort-Object)
        $export.First | Should -Be $times[0]
        $export.Last | Should -Be $times[-1]
        $text = Get-Content -LiteralPath $export.Path -Raw
        $text | Should -BeLike '{\rtf1*'
        foreach ($record in $records) {
            # The document shows each time as the log wrote it, offset included.
            $shown = $record.Time.ToString('yyyy-MM-ddTHH:mm:ss.fffzzz', [System.Globalization.CultureInfo]::InvariantCulture)
            $text.Contains($shown) | Should -BeTrue -Because "the record of $shown ($($record.Id)) was piped in"
        }
    }

    It 'exports a log chosen by name, with the table view of its summary' {
        $computer = (Get-KoXoSessionTree -Branch Computers | Select-Object -First 1).Name
        $export = Export-KoXoSessionRtf -Computer $computer -Path (Join-Path -Path $TestDrive -ChildPath 'pc.rtf') -PassThru
        $export.Records | Should -Be @(Get-KoXoSessionLog -Computer $computer).Count
        $export.Title | Should -BeLike "*$computer*"
        ($export | Format-Table | Out-String) | Should -Match 'Records\s+Bytes\s+First\s+Last\s+Path'
    }

    It 'writes nothing with -WhatIf' {
        $document = Join-Path -Path $TestDrive -ChildPath 'whatif.rtf'
        Get-KoXoSessionLog -User $script:RtfUser | Export-KoXoSessionRtf -Path $document -WhatIf
        Test-Path -LiteralPath $document | Should -BeFalse
    }
}

Describe 'Compress-KoXoSessionLogs' {
    BeforeAll {
        $script:Backup = Join-Path -Path $script:Store -ChildPath 'BACKUP'
        # Two older archives of this store (named as compress names them).
        New-Item -ItemType Directory -Path $script:Backup -Force | Out-Null
        $script:Oldest = Join-Path -Path $script:Backup -ChildPath 'store-20200101-000000.zip'
        $script:Older = Join-Path -Path $script:Backup -ChildPath 'store-20200102-000000.zip'
        Set-Content -LiteralPath $script:Oldest -Value 'an old archive'
        Set-Content -LiteralPath $script:Older -Value 'an old archive'
        $script:Logs = @(Get-ChildItem -Path $script:Store -Recurse -Filter '*.LOG' | Where-Object { $_.FullName -notlike "$($script:Backup)*" })
    }

    It 'writes nothing with -WhatIf' {
        $before = @(Get-ChildItem -LiteralPath $script:Backup).Name
        Compress-KoXoSessionLogs -Keep 1 -WhatIf | Should -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 0
        @(Get-ChildItem -LiteralPath $script:Backup).Name | Should -Be $before
    }

    It 'says under -WhatIf which archive it would make and which ones -Keep would remove' {
        # 'What if' lines go to the host: run the command as typed in a
        # console of the same PowerShell, and read what it shows.
        $powershell = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        $manifest = Join-Path -Path $PSScriptRoot -ChildPath '../module/KoXoLog.psd1'
        $command = "Import-Module '$manifest'; Set-KoXoLogStore -Path '$($script:Store)'; Compress-KoXoSessionLogs -Keep 1 -WhatIf"
        $shown = & $powershell -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0
        $shown | Should -Match "What if: .*Create a verified archive of $($script:Logs.Count) logs \(\d+ bytes\).*store-\d{8}-\d{6}\.\d{3}Z\.zip"
        $shown | Should -Match "What if: .*Remove the older archive.*store-20200101-000000\.zip"
        $shown | Should -Match "What if: .*Remove the older archive.*store-20200102-000000\.zip"
    }

    It 'takes a destination folder with a space and a trailing separator, as typed' {
        $destination = (Join-Path -Path $TestDrive -ChildPath 'Backup Logs') + [System.IO.Path]::DirectorySeparatorChar
        New-Item -ItemType Directory -Path $destination -Force | Out-Null
        $archive = Compress-KoXoSessionLogs -Destination $destination
        $LASTEXITCODE | Should -Be 0
        Split-Path -Path $archive.Path -Parent | Should -Be $destination.TrimEnd([System.IO.Path]::DirectorySeparatorChar)
        Test-Path -LiteralPath $archive.Path -PathType Leaf | Should -BeTrue
    }

    It 'makes a verified archive in BACKUP holding every log, and -Keep removes the oldest' {
        $archive = Compress-KoXoSessionLogs -Keep 2
        $LASTEXITCODE | Should -Be 0
        $archive.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Archive'
        $archive.DryRun | Should -BeFalse
        Split-Path -Path $archive.Path -Parent | Should -Be $script:Backup
        Test-Path -LiteralPath $archive.Path -PathType Leaf | Should -BeTrue
        $archive.Entries | Should -Be $script:Logs.Count
        $archive.Removed | Should -Be $script:Oldest
        Test-Path -LiteralPath $script:Oldest | Should -BeFalse
        Test-Path -LiteralPath $script:Older | Should -BeTrue

        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($archive.Path)
        try {
            $entries = @($zip.Entries | ForEach-Object FullName | Sort-Object)
            $expected = @($script:Logs | ForEach-Object { "$($_.Directory.Name)/$($_.Name)" } | Sort-Object)
            $entries | Should -Be $expected
            foreach ($log in $script:Logs) {
                $zip.GetEntry("$($log.Directory.Name)/$($log.Name)").Length | Should -Be $log.Length
            }
        }
        finally {
            $zip.Dispose()
        }
        ($archive | Format-Table | Out-String) | Should -Match 'Entries\s+BytesIn\s+BytesOut'
    }
}

Describe 'Remove-KoXoSessionRecord' {
    BeforeAll {
        # A store of its own: this one loses records.
        $script:PurgeStore = Join-Path -Path $TestDrive -ChildPath 'purge-store'
        & $script:Binary 'generate' '--store' $script:PurgeStore '--computers' '8' '--users' '12' '--days' '10' '--until' 'now' 2>$null | Out-Null
        $script:Cutoff = [DateTimeOffset]::Now.AddDays(-7)
        $script:Before = @(Get-KoXoSessionLog -Store $script:PurgeStore)
    }

    It 'with -WhatIf says how many records would go, and changes nothing' {
        $length = (Get-ChildItem -Path $script:PurgeStore -Recurse -Filter '*.LOG' | Measure-Object -Property Length -Sum).Sum
        Remove-KoXoSessionRecord -OlderThan (New-TimeSpan -Days 7) -Store $script:PurgeStore -WhatIf | Should -BeNullOrEmpty
        (Get-ChildItem -Path $script:PurgeStore -Recurse -Filter '*.LOG' | Measure-Object -Property Length -Sum).Sum | Should -Be $length
    }

    It 'removes the older records from every log, archived first, and keeps the others' {
        $purge = Remove-KoXoSessionRecord -OlderThan (New-TimeSpan -Days 7) -Store $script:PurgeStore -Confirm:$false
        $LASTEXITCODE | Should -Be 0
        $purge.PSObject.TypeNames[0] | Should -Be 'KoXoLog.Purge'
        $purge.Cutoff | Should -BeOfType [DateTimeOffset]
        [Math]::Abs(($purge.Cutoff - $script:Cutoff).TotalMinutes) | Should -BeLessThan 5
        Test-Path -LiteralPath $purge.Archive | Should -BeTrue
        $after = @(Get-KoXoSessionLog -Store $script:PurgeStore)
        $kept = @($script:Before | Where-Object { $_.Time -ge $purge.Cutoff })
        $after.Count | Should -Be $kept.Count
        @($after | Where-Object { $_.Time -lt $purge.Cutoff }).Count | Should -Be 0
        ($script:Before.Count - $kept.Count) | Should -BeGreaterThan 0
    }
}
