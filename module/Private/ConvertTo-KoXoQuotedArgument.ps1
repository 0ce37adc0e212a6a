function ConvertTo-KoXoQuotedArgument {
    # A value as a single-quoted PowerShell string, for a command line a
    # shortcut or a scheduled task runs: quotes inside are doubled, so a path
    # like \\srv\Logs$ or O'Brien's folder reaches the cmdlet as it is.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string]$Value
    )

    "'" + ($Value -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'"
}
