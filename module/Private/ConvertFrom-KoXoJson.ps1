# The binary's JSON lines as objects, with every time left as the text the
# binary wrote (ConvertTo-KoXoObject makes it a [DateTimeOffset] with the
# writer's offset).
#
# ConvertFrom-Json differs by version: Windows PowerShell 5.1 leaves ISO times
# as text; PowerShell 7.0 to 7.4 turn them into a local [datetime], which
# loses the writer's offset (and would turn a user named like a date into a
# [datetime] too); 7.5 and later keep the text with -DateKind String. Where
# -DateKind is missing, every string value that starts with a digit is
# prefixed with \u0001 before parsing (a string that does not start with a
# date is never taken for one) and the prefix is removed after. The binary
# writes compact JSON, and a quote inside a string is always escaped, so a
# quote right after : [ or , always opens a string.

# Whether this PowerShell's ConvertFrom-Json can keep times as text.
$script:KoXoJsonKeepsTimeText = (Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')

function ConvertFrom-KoXoJson {
    <#
    .SYNOPSIS
    Turns JSON lines printed by koxolog into objects, in order, times kept as text.
    .DESCRIPTION
    Parses the lines as one JSON array (one ConvertFrom-Json call for many
    lines is much faster than one per line), then writes each object. If the
    batch does not parse, each line is parsed alone, and a line that is not
    JSON is reported as an error naming it, without losing the others.
    .PARAMETER Line
    JSON lines, one object each, not blank.
    .PARAMETER Cmdlet
    The public cmdlet whose error a bad line is.
    .EXAMPLE
    ConvertFrom-KoXoJson -Line '{"Time":"2026-11-24T08:01:02.345+01:00"}' -Cmdlet $PSCmdlet
    .INPUTS
    None
    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding()]
    [OutputType([psobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string[]]$Line,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet
    )

    $options = @{}
    $protect = $null
    if ($script:KoXoJsonKeepsTimeText) {
        $options['DateKind'] = 'String'
    }
    else {
        $protect = '(?<=[:\[,])"(?=\d)'
    }
    $batch = '[' + ($Line -join ',') + ']'
    if ($protect) {
        $batch = [regex]::Replace($batch, $protect, '"\u0001')
    }
    try {
        $objects = ConvertFrom-Json -InputObject $batch -ErrorAction Stop @options
    }
    catch {
        if ($Line.Count -eq 1) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.IO.InvalidDataException]::new("koxolog printed a line that is not JSON: $($Line[0])"),
                'KoXoLog.unexpected-output',
                [System.Management.Automation.ErrorCategory]::InvalidResult,
                $Line[0]
            )
            $Cmdlet.WriteError($record)
            return
        }
        foreach ($one in $Line) {
            ConvertFrom-KoXoJson -Line $one -Cmdlet $Cmdlet
        }
        return
    }
    foreach ($object in $objects) {
        if ($protect) {
            foreach ($property in $object.PSObject.Properties) {
                $value = $property.Value
                if ($value -is [string]) {
                    $property.Value = $value.TrimStart([char]1)
                }
                elseif ($value -is [array]) {
                    $property.Value = @(
                        foreach ($item in $value) {
                            if ($item -is [string]) {
                                $item.TrimStart([char]1)
                            }
                            else {
                                $item
                            }
                        }
                    )
                }
            }
        }
        $object
    }
}
