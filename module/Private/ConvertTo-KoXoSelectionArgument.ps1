# The flags of the selection the reading cmdlets share (Get-KoXoSessionLog,
# Get-KoXoSession, Export-KoXoSessionRtf): one place turns their parameters
# into flags. tests/it/powershell_static.rs checks these flags against each
# subcommand whose function calls this one.

function ConvertTo-KoXoSelectionArgument {
    <#
    .SYNOPSIS
    The flags for the names, times and address a reading cmdlet was given.
    .DESCRIPTION
    Reads -Computer, -User, -ThinClient, -Since, -Until and -IPAddress from
    the calling cmdlet's bound parameters and writes the flags of log,
    sessions and export-rtf for those given; times as RFC 3339 text with
    their UTC offset (ConvertTo-KoXoTimeText).
    .PARAMETER BoundParameters
    The calling cmdlet's $PSBoundParameters.
    .EXAMPLE
    $arguments = @(ConvertTo-KoXoSelectionArgument -BoundParameters $PSBoundParameters)
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$BoundParameters
    )

    $names = @(
        @('Computer', '--computer'),
        @('User', '--user'),
        @('ThinClient', '--thin-client'),
        @('IPAddress', '--ip')
    )
    foreach ($name in $names) {
        $value = $BoundParameters[$name[0]]
        if ($value) {
            $name[1]
            [string]$value
        }
    }
    if ($BoundParameters.ContainsKey('Since')) {
        '--since'
        ConvertTo-KoXoTimeText -Time $BoundParameters['Since']
    }
    if ($BoundParameters.ContainsKey('Until')) {
        '--until'
        ConvertTo-KoXoTimeText -Time $BoundParameters['Until']
    }
}
