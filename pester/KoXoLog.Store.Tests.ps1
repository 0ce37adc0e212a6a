#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }

# Tests of gpo/New-KoXoLogStore.ps1: icacls, Get-ADDomain and the SmbShare
# cmdlets are stand-ins; the folders are made in TestDrive and the ACLs
# asked of icacls are checked.

BeforeAll {
    $script:StoreScript = Join-Path -Path $PSScriptRoot -ChildPath '../gpo/New-KoXoLogStore.ps1'
    function icacls.exe { }
    function Get-ADDomain { [CmdletBinding()] param() }
    function Get-SmbShare { [CmdletBinding()] param([string]$Name) }
    function New-SmbShare { [CmdletBinding()] param([string]$Name, [string]$Path) }
}

AfterAll {
    Remove-Variable -Name 'KoXoIcacls' -Scope Global -ErrorAction SilentlyContinue
}

Describe 'New-KoXoLogStore' {
    BeforeEach {
        $global:KoXoIcacls = New-Object System.Collections.ArrayList
        Mock Import-Module -ParameterFilter { $Name -eq 'ActiveDirectory' } -MockWith { }
        Mock Get-ADDomain { [pscustomobject]@{ DomainSID = [pscustomobject]@{ Value = 'S-1-5-21-1-2-3' } } }
        Mock icacls.exe {
            [void]$global:KoXoIcacls.Add([pscustomobject]@{ Folder = $args[0]; Arguments = @($args | Select-Object -Skip 1) })
            $global:LASTEXITCODE = 0
        }
        Mock Get-SmbShare { [pscustomobject]@{ Name = $Name } }
        Mock New-SmbShare { }
        $script:Root = Join-Path -Path $TestDrive -ChildPath ('Logs-' + [guid]::NewGuid().ToString('N'))
        & $script:StoreScript -Path $script:Root -WarningAction SilentlyContinue
    }

    It 'makes the folders of the store' {
        foreach ($branch in 'Computers', 'ThinClients', 'Users', 'BACKUP') {
            Test-Path -LiteralPath (Join-Path -Path $script:Root -ChildPath $branch) -PathType Container | Should -BeTrue
        }
    }

    It 'gives Domain Computers the same append-only rights as Domain Users, on every folder' {
        $users = '*S-1-5-21-1-2-3-513'
        $computers = '*S-1-5-21-1-2-3-515'
        $folders = @($global:KoXoIcacls | ForEach-Object { $_.Folder } | Select-Object -Unique)
        $folders.Count | Should -Be 4 -Because 'the root and the three branches'
        foreach ($folder in $folders) {
            $granted = @($global:KoXoIcacls | Where-Object Folder -EQ $folder | ForEach-Object { $_.Arguments })
            $forUsers = @($granted | Where-Object { $_.StartsWith("${users}:") } | ForEach-Object { $_.Substring($users.Length) })
            $forComputers = @($granted | Where-Object { $_.StartsWith("${computers}:") } | ForEach-Object { $_.Substring($computers.Length) })
            $forUsers.Count | Should -BeGreaterThan 0
            $forComputers | Should -Be $forUsers -Because "the computers write startups and shutdowns to $folder"
        }
    }

    It 'lets both groups create and append in a branch, never write data or delete' {
        $branch = Join-Path -Path $script:Root -ChildPath 'Computers'
        $granted = @($global:KoXoIcacls | Where-Object Folder -EQ $branch | ForEach-Object { $_.Arguments })
        $granted | Should -Contain '*S-1-5-21-1-2-3-515:(WD,RA,S)'
        $granted | Should -Contain '*S-1-5-21-1-2-3-515:(OI)(IO)(AD,RA,S)'
        $granted | Should -Contain '*S-1-5-21-1-2-3-513:(OI)(IO)(AD,RA,S)'
        @($granted | Where-Object { $_ -match '\b(F|M|D|DE|W)\b' -and $_ -match '-51[35]:' }).Count | Should -Be 0
    }

    It 'cuts inheritance at the root and keeps the root closed to the two groups' {
        $root = @($global:KoXoIcacls | Where-Object Folder -EQ $script:Root)
        $root.Count | Should -Be 1
        $root[0].Arguments | Should -Contain '/inheritance:r'
        $root[0].Arguments | Should -Contain '*S-1-5-21-1-2-3-515:(RA,S)'
        $root[0].Arguments | Should -Contain '*S-1-5-21-1-2-3-512:(OI)(CI)F'
    }

    It 'leaves an existing share as it is, with a warning naming both groups' {
        $warnings = & $script:StoreScript -Path $script:Root 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        "$warnings" | Should -BeLike '*-513*-515*'
        Should -Invoke New-SmbShare -Times 0 -Exactly
    }

    It 'gives the groups named by the administrator' {
        $global:KoXoIcacls.Clear()
        & $script:StoreScript -Path $script:Root -UsersGroup 'LYCEE\Eleves' -ComputersGroup 'LYCEE\Postes' -AdminsGroup 'LYCEE\Profs' -WarningAction SilentlyContinue
        $branch = Join-Path -Path $script:Root -ChildPath 'Users'
        $granted = @($global:KoXoIcacls | Where-Object Folder -EQ $branch | ForEach-Object { $_.Arguments })
        $granted | Should -Contain 'LYCEE\Postes:(WD,RA,S)'
        $granted | Should -Contain 'LYCEE\Eleves:(WD,RA,S)'
    }
}
