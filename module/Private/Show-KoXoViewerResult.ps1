function Show-KoXoViewerResult {
    # What an action of Show-KoXoLog found: a window, or a list in the console.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$InputObject,

        [Parameter(Mandatory = $true)]
        [string]$Title,

        [switch]$Console
    )

    if ($InputObject.Count -eq 0) {
        Write-Warning "$($Title): nothing found."
    } elseif ($Console) {
        Write-Host $Title
        $InputObject | Format-List | Out-String -Width 160 | Write-Host
    } else {
        $InputObject | Out-GridView -Title $Title
    }
}
