# KoXoLog: the PowerShell module over the koxolog binary.
#
# Each public function (Public/*.ps1) turns its parameters into one call of
# the binary through the private Invoke-KoXoNative (Private/*.ps1) and types
# the JSON lines it streams back. The manifest (KoXoLog.psd1) lists what is
# exported.

# The default store set by Set-KoXoLogStore ($env:KOXOLOG_STORE otherwise).
$script:KoXoLogStore = $null

foreach ($folder in @('Private', 'Public')) {
    $files = Get-ChildItem -Path (Join-Path -Path $PSScriptRoot -ChildPath $folder) -Filter '*.ps1'
    foreach ($file in $files) {
        . $file.FullName
    }
}

# The .NET types the cmdlets give, and the reader of the binary's output.
Import-KoXoLogType

# Tab completion of names from the store. The script block is defined here,
# so it runs in the module's scope and reaches the private Complete-KoXoName.
$completeName = {
    param(
        $commandName,
        $parameterName,
        $wordToComplete,
        $commandAst,
        $fakeBoundParameters
    )
    Complete-KoXoName -ParameterName $parameterName -WordToComplete $wordToComplete -FakeBoundParameters $fakeBoundParameters
}
foreach ($parameterName in @('Computer', 'User', 'ThinClient')) {
    Register-ArgumentCompleter -CommandName 'Get-KoXoSessionLog', 'Get-KoXoSession', 'Export-KoXoSessionRtf', 'Get-KoXoDirectoryEntry' -ParameterName $parameterName -ScriptBlock $completeName
}
