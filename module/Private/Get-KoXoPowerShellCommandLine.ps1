function Get-KoXoPowerShellCommandLine {
    # The program and arguments that start a PowerShell like this one, import
    # this module from where it is, and run $Command: for shortcuts and
    # scheduled tasks. Windows PowerShell starts powershell.exe; PowerShell 7
    # starts its own executable.
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Command,

        # Keep the console open when the command ends (for a viewer).
        [switch]$NoExit
    )

    $program = if ($PSVersionTable.PSEdition -eq 'Core') {
        [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    } else {
        Join-Path -Path $PSHOME -ChildPath 'powershell.exe'
    }
    $manifest = Join-Path -Path $MyInvocation.MyCommand.Module.ModuleBase -ChildPath 'KoXoLog.psd1'
    $script = "Import-Module -Name $(ConvertTo-KoXoQuotedArgument -Value $manifest); $Command"
    $arguments = @('-NoProfile')
    if ($NoExit) {
        $arguments += '-NoExit'
    } else {
        $arguments += '-NonInteractive'
    }
    # -EncodedCommand: no quoting rule of the command line can change the script.
    $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
    $arguments += @('-ExecutionPolicy', 'RemoteSigned', '-EncodedCommand', $encoded)
    @{
        Program   = $program
        Arguments = $arguments -join ' '
        Script    = $script
    }
}
