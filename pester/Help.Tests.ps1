#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5' }

# The help meta-test: every exported command has a synopsis, a description,
# several examples and a description of each of its parameters, as Get-Help
# reads them (the static check in tests/it/powershell_static.rs reads the
# source; this one reads what PowerShell made of it).

BeforeDiscovery {
    $manifest = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'module/KoXoLog.psd1'
    Import-Module $manifest -Force
    $commands = Get-Command -Module KoXoLog -CommandType Function
}

BeforeAll {
    $manifest = Join-Path -Path (Join-Path -Path $PSScriptRoot -ChildPath '..') -ChildPath 'module/KoXoLog.psd1'
    Import-Module $manifest -Force
}

Describe 'The help of <_.Name>' -ForEach $commands {
    BeforeAll {
        $command = $_
        $help = Get-Help -Name $command.Name -Full
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $parameters = $command.Parameters.Keys | Where-Object { $common -notcontains $_ }
    }

    It 'has a synopsis of its own' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape('[<CommonParameters>]')) -Because 'a synopsis that is the syntax was made up by Get-Help'
    }

    It 'has a description' {
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes each parameter' {
        foreach ($name in $parameters) {
            $described = $help.Parameters.Parameter | Where-Object Name -eq $name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a .PARAMETER entry"
        }
    }
}

Describe 'The manifest' {
    It 'exports exactly the functions of module/Public' {
        $public = Get-ChildItem -Path (Join-Path -Path $PSScriptRoot -ChildPath '../module/Public') -Filter '*.ps1' |
            ForEach-Object BaseName | Sort-Object
        (Get-Command -Module KoXoLog).Name | Sort-Object | Should -Be $public
        $data = Import-PowerShellDataFile -Path (Join-Path -Path $PSScriptRoot -ChildPath '../module/KoXoLog.psd1')
        $data.PowerShellVersion | Should -Be '5.1'
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
    }

    It 'passes Test-ModuleManifest, with what the PowerShell Gallery shows' {
        $manifest = Test-ModuleManifest -Path (Join-Path -Path $PSScriptRoot -ChildPath '../module/KoXoLog.psd1') -ErrorAction Stop
        $manifest.Version | Should -Be ([version]'0.1.0')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.Tags | Should -Contain 'PSEdition_Desktop'
        $manifest.Tags | Should -Contain 'PSEdition_Core'
        $manifest.ExportedFunctions.Keys | Should -Contain 'Get-KoXoSession'
    }
}
