function ConvertFrom-KoXoMenuAnswer {
    # The item numbers an answer to a console menu names: "3", "1,4", "2-5",
    # "1, 3-4" or "*" for all. Numbers run from 1 to $Count; an answer that
    # names anything else gives an error saying which part is wrong.
    [CmdletBinding()]
    [OutputType([int[]])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Answer,

        [Parameter(Mandatory = $true)]
        [int]$Count
    )

    if ($Count -lt 1) {
        throw 'There is nothing to pick.'
    }
    if ($Answer.Trim() -eq '*') {
        return 1..$Count
    }
    $numbers = New-Object -TypeName 'System.Collections.Generic.List[int]'
    foreach ($part in $Answer.Split(',')) {
        $text = $part.Trim()
        if ($text -match '^(\d+)\s*-\s*(\d+)$') {
            $first = [int]$Matches[1]
            $last = [int]$Matches[2]
        } elseif ($text -match '^\d+$') {
            $first = [int]$text
            $last = $first
        } else {
            throw "'$text' is not a number or a range like 2-5."
        }
        if ($first -lt 1 -or $last -gt $Count -or $first -gt $last) {
            throw "'$text' is not between 1 and $Count."
        }
        foreach ($number in $first..$last) {
            if (-not $numbers.Contains($number)) {
                $numbers.Add($number)
            }
        }
    }
    $numbers.ToArray()
}
