# Tab completion of computer, thin client and user names from the store.

function Complete-KoXoName {
    <#
    .SYNOPSIS
    Completion results for a name parameter, from the store's logs.
    .DESCRIPTION
    Asks the binary for the logs of one branch whose name starts with what
    was typed, and returns them as completion results. Any failure (no
    store, no binary) gives no completion rather than an error.
    .PARAMETER ParameterName
    The parameter being completed: Computer, User or ThinClient (the names
    come from the Computers, Users or ThinClients branch).
    .PARAMETER WordToComplete
    What was typed so far.
    .PARAMETER FakeBoundParameters
    The parameters already typed on the command line (for -Store).
    .EXAMPLE
    Complete-KoXoName -ParameterName 'User' -WordToComplete 'jd' -FakeBoundParameters @{}
    .INPUTS
    None
    .OUTPUTS
    System.Management.Automation.CompletionResult
    #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.CompletionResult])]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateSet('Computer', 'User', 'ThinClient')]
        [string]$ParameterName,

        [AllowEmptyString()]
        [string]$WordToComplete = '',

        [System.Collections.IDictionary]$FakeBoundParameters = @{}
    )

    switch ($ParameterName) {
        'Computer' {
            $branch = 'computers'
        }
        'User' {
            $branch = 'users'
        }
        default {
            $branch = 'thin-clients'
        }
    }
    try {
        $arguments = @('--branch', $branch, '--name', "$($WordToComplete.Trim('''', '"'))*")
        $storePath = Get-KoXoStorePath -Store ([string]$FakeBoundParameters['Store'])
        if ($storePath) {
            $arguments += @('--store', $storePath)
        }
        # Completion runs as one types: no progress bar may flash.
        $ProgressPreference = 'SilentlyContinue'
        Invoke-KoXoNative -Command 'tree' -TypeName 'KoXoLog.TreeItem' -ArgumentList $arguments -Cmdlet $PSCmdlet -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
            ForEach-Object {
                $text = $_.Name
                if ($text -match '[\s''"$`]') {
                    $text = "'$($text.Replace("'", "''"))'"
                }
                [System.Management.Automation.CompletionResult]::new($text, $_.Name, 'ParameterValue', $_.Path)
            }
    }
    catch {
        Write-Verbose "No completion: $($_.Exception.Message)"
    }
}
