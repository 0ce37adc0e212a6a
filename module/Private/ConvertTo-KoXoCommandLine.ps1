# The command line the binary is started with. Windows PowerShell 5.1 runs on
# .NET Framework, whose process start takes one command-line string (there is
# no ArgumentList there), and PowerShell 5.1's own native-command quoting
# mangles arguments with embedded quotes or trailing backslashes. So the module
# writes the string itself, on every edition, as the C runtime (and .NET on
# Unix) splits it back. gpo/scripts/KoXoLog-Session.ps1 carries the same rule:
# it runs from SYSVOL, without the module.

function ConvertTo-KoXoCommandLine {
    <#
    .SYNOPSIS
    Joins arguments into one command line that splits back into the same arguments.
    .DESCRIPTION
    An argument without spaces, tabs or double quotes is written as it is;
    any other (the empty one too) is put in double quotes, with each double
    quote escaped by a backslash and the backslashes before it, or at the
    end, doubled. This is how the Microsoft C runtime, and .NET on Linux,
    read a command line back.
    .PARAMETER ArgumentList
    The arguments, in order.
    .EXAMPLE
    ConvertTo-KoXoCommandLine -ArgumentList 'compress', '--destination', 'D:\Backup Logs\'

    compress --destination "D:\Backup Logs\\"
    .EXAMPLE
    ConvertTo-KoXoCommandLine -ArgumentList 'export-rtf', '--title', 'Room "A01"'

    export-rtf --title "Room \"A01\""
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$ArgumentList
    )

    $quoted = foreach ($argument in $ArgumentList) {
        if ($argument -and $argument -notmatch '[\s"]') {
            $argument
        }
        else {
            $escaped = [regex]::Replace($argument, '(\\*)"', '$1$1\"')
            $escaped = [regex]::Replace($escaped, '(\\+)$', '$1$1')
            '"' + $escaped + '"'
        }
    }
    $quoted -join ' '
}
