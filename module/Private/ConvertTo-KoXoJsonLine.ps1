# Objects piped to a cmdlet, as the JSON lines a subcommand reads with
# --stdin. Built property by property: Windows PowerShell 5.1's ConvertTo-Json
# writes a date as "\/Date(...)\/", which the binary rejects.

function ConvertTo-KoXoJsonLine {
    <#
    .SYNOPSIS
    Writes the chosen properties of an object as one JSON line for the binary's stdin.
    .DESCRIPTION
    Each property of -Property that the object has (and that is not $null)
    becomes a JSON string: a [DateTimeOffset] or [datetime] as RFC 3339
    text with its UTC offset (ConvertTo-KoXoTimeText, the form the binary
    prints and reads back), anything else as its text. Properties the
    object lacks are left out. The line holds no newline.
    .PARAMETER InputObject
    The object to write (a KoXoLog.Record, Session or TreeItem).
    .PARAMETER Property
    The properties to write, in this order.
    .EXAMPLE
    $record | ConvertTo-KoXoJsonLine -Property 'Event', 'Tag', 'Time', 'User'

    {"Event":"Logon","Tag":"[LOGON.]","Time":"2026-11-24T08:01:02.345+01:00","User":"jdoe"}
    .INPUTS
    System.Management.Automation.PSObject
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject]$InputObject,

        [Parameter(Mandatory = $true)]
        [string[]]$Property
    )

    process {
        $line = [ordered]@{}
        foreach ($name in $Property) {
            $value = $InputObject.$name
            if ($value -is [DateTimeOffset]) {
                $line[$name] = ConvertTo-KoXoTimeText -Time $value
            }
            elseif ($value -is [datetime]) {
                $line[$name] = ConvertTo-KoXoTimeText -Time ([DateTimeOffset]::new($value))
            }
            elseif ($null -ne $value) {
                $line[$name] = [string]$value
            }
        }
        ConvertTo-Json -InputObject $line -Compress
    }
}
