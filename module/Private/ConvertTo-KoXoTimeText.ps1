# Times given to the cmdlets, as the binary reads them: RFC 3339 with offset.

function ConvertTo-KoXoTimeText {
    <#
    .SYNOPSIS
    Writes a time as RFC 3339 text with its UTC offset, for --since/--until.
    .DESCRIPTION
    A [datetime] of kind Unspecified or Local is taken as this machine's
    local time, one of kind Utc as UTC.
    .PARAMETER Time
    The time to write.
    .EXAMPLE
    ConvertTo-KoXoTimeText -Time (Get-Date).AddDays(-7)
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [DateTimeOffset]$Time
    )

    $Time.ToString('yyyy-MM-ddTHH:mm:ss.fffzzz', [System.Globalization.CultureInfo]::InvariantCulture)
}
