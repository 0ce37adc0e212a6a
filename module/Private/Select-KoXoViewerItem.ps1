function Select-KoXoViewerItem {
    # One step of Show-KoXoLog: the user picks items from a list, in
    # Out-GridView when it can open, else in a numbered console menu. Gives
    # the picked items; nothing when the user cancels or goes back.
    #
    # The console menu shows at most $PageSize items; an answer that is not
    # numbers narrows the list to the items whose columns match it (wildcards).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [object[]]$InputObject,

        [Parameter(Mandatory = $true)]
        [string]$Title,

        # The columns the console menu shows.
        [Parameter(Mandatory = $true)]
        [string[]]$Property,

        [switch]$Multiple,

        [switch]$Console,

        [int]$PageSize = 40
    )

    if (-not $Console) {
        $mode = if ($Multiple) { 'Multiple' } else { 'Single' }
        return $InputObject | Out-GridView -Title $Title -OutputMode $mode
    }

    $shown = $InputObject
    $filter = $null
    while ($true) {
        Write-Host ''
        Write-Host $Title
        if ($filter) {
            Write-Host "  (matching '$filter': $($shown.Count) of $($InputObject.Count))"
        }
        $page = @($shown | Select-Object -First $PageSize)
        $number = 0
        $rows = foreach ($item in $page) {
            $number++
            $row = [ordered]@{ '#' = $number }
            foreach ($name in $Property) {
                $row[$name] = $item.$name
            }
            [pscustomobject]$row
        }
        if ($rows) {
            $rows | Format-Table -AutoSize | Out-String -Width 160 | Write-Host
        } else {
            Write-Host '  (nothing)'
        }
        if ($shown.Count -gt $page.Count) {
            Write-Host "  ... $($shown.Count - $page.Count) more: type part of a name to narrow the list."
        }
        $prompt = if ($Multiple) { 'Numbers (1,3-5 or *), text to narrow, Enter to go back' } else { 'Number, text to narrow, Enter to go back' }
        $answer = Read-Host -Prompt $prompt
        if ([string]::IsNullOrWhiteSpace($answer)) {
            return
        }
        if ($answer -match '^[\d\s,\-\*]+$') {
            try {
                $numbers = ConvertFrom-KoXoMenuAnswer -Answer $answer -Count $page.Count
            } catch {
                Write-Warning $_.Exception.Message
                continue
            }
            if (-not $Multiple -and $numbers.Count -ne 1) {
                Write-Warning 'Pick one number.'
                continue
            }
            return $numbers | ForEach-Object { $page[$_ - 1] }
        }
        $filter = $answer.Trim()
        $pattern = if ($filter -match '[\*\?]') { $filter } else { "*$filter*" }
        $shown = @($InputObject | Where-Object {
                $item = $_
                @($Property | Where-Object { "$($item.$_)" -like $pattern }).Count -gt 0
            })
    }
}
