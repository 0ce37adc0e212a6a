# Turns the binary's JSON objects into typed KoXoLog objects: a type name for
# the format views, and times of the same .NET type on 5.1 and 7, with the
# writer's UTC offset (ConvertFrom-KoXoJson leaves them as text on every
# version).

function ConvertTo-KoXoObject {
    <#
    .SYNOPSIS
    Types one object printed by koxolog.
    .DESCRIPTION
    Inserts the KoXoLog type name (for the table views of
    KoXoLog.Format.ps1xml) and converts the time properties of that kind to
    [DateTimeOffset], keeping the writer's UTC offset, and Duration to
    [TimeSpan], so scripts see one type on every version of PowerShell.
    .PARAMETER InputObject
    An object as ConvertFrom-Json made it from one stdout line.
    .PARAMETER TypeName
    The KoXoLog type the object is (src/json/mod.rs gives the table).
    .EXAMPLE
    Invoke-KoXoNative -Command 'log' | ConvertTo-KoXoObject -TypeName 'KoXoLog.Record'
    .INPUTS
    System.Management.Automation.PSCustomObject
    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding()]
    [OutputType([psobject])]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [psobject]$InputObject,

        [Parameter(Mandatory = $true)]
        [ValidateSet('KoXoLog.Record', 'KoXoLog.TreeItem', 'KoXoLog.Session', 'KoXoLog.WrittenRecord', 'KoXoLog.RtfExport', 'KoXoLog.Archive', 'KoXoLog.DirectoryEntry')]
        [string]$TypeName
    )

    begin {
        switch ($TypeName) {
            'KoXoLog.TreeItem' {
                $timeProperties = @('LastWriteTime', 'LastTime')
            }
            'KoXoLog.Session' {
                $timeProperties = @('Logon', 'Logoff')
            }
            'KoXoLog.RtfExport' {
                $timeProperties = @('First', 'Last')
            }
            'KoXoLog.Archive' {
                $timeProperties = @()
            }
            'KoXoLog.DirectoryEntry' {
                $timeProperties = @('LastLogon', 'PasswordLastSet', 'WhenCreated', 'WhenChanged')
            }
            default {
                $timeProperties = @('Time')
            }
        }
    }

    process {
        foreach ($name in $timeProperties) {
            $value = $InputObject.$name
            if ($value -is [string]) {
                $InputObject.$name = [DateTimeOffset]::Parse($value, [System.Globalization.CultureInfo]::InvariantCulture)
            }
        }
        if ($TypeName -eq 'KoXoLog.Session' -and $InputObject.Duration -is [string]) {
            $InputObject.Duration = [TimeSpan]::Parse($InputObject.Duration, [System.Globalization.CultureInfo]::InvariantCulture)
        }
        $InputObject.PSObject.TypeNames.Insert(0, $TypeName)
        $InputObject
    }
}
