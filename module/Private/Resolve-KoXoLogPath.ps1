# The logs a reading cmdlet was given (-Path with wildcards, -LiteralPath, or
# piped), as full file-system paths, each once.

function New-KoXoPathSet {
    <#
    .SYNOPSIS
    An empty set of paths, compared as the file system compares names.
    .DESCRIPTION
    Case-insensitive on Windows (PC1.LOG and pc1.log are one log there),
    case-sensitive elsewhere.
    .EXAMPLE
    $seen = New-KoXoPathSet
    .INPUTS
    None
    .OUTPUTS
    System.Collections.Generic.HashSet[string]
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Generic.HashSet[string]])]
    param()

    $comparer = [System.StringComparer]::Ordinal
    if ([System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
        $comparer = [System.StringComparer]::OrdinalIgnoreCase
    }
    # The comma keeps PowerShell from unrolling the empty set into nothing.
    , [System.Collections.Generic.HashSet[string]]::new($comparer)
}

function Resolve-KoXoLogPath {
    <#
    .SYNOPSIS
    Turns -Path and -LiteralPath values into full paths of logs, leaving out those already seen.
    .DESCRIPTION
    A -LiteralPath value is taken as it is. A -Path value that names an
    existing item is too (a log whose name holds [ or ] stays readable);
    otherwise, when it has wildcards, it stands for the files it matches,
    and one that matches nothing is a non-terminating ObjectNotFound error
    of the calling cmdlet. A path without wildcards that does not exist is
    kept: the binary says it cannot read it, with the others still read.
    Relative paths are resolved against PowerShell's current location.
    .PARAMETER Path
    Paths that may hold wildcards.
    .PARAMETER LiteralPath
    Paths taken as they are.
    .PARAMETER Seen
    The paths already given (New-KoXoPathSet); new ones are added to it.
    .PARAMETER Cmdlet
    The calling cmdlet ($PSCmdlet): paths resolve from its location, and
    errors are its own.
    .EXAMPLE
    Resolve-KoXoLogPath -Path '\\dc1\Logs$\Computers\A01*.LOG' -Seen $seen -Cmdlet $PSCmdlet
    .EXAMPLE
    Resolve-KoXoLogPath -LiteralPath 'C:\Logs\Users\[ADMIN].LOG' -Seen $seen -Cmdlet $PSCmdlet
    .INPUTS
    None
    .OUTPUTS
    System.String
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string[]]$Path,

        [string[]]$LiteralPath,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [System.Collections.Generic.HashSet[string]]$Seen,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet
    )

    $found = [System.Collections.Generic.List[string]]::new()
    foreach ($one in $LiteralPath) {
        $found.Add($Cmdlet.GetUnresolvedProviderPathFromPSPath($one))
    }
    foreach ($one in $Path) {
        if (-not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($one) -or (Test-Path -LiteralPath $one)) {
            $found.Add($Cmdlet.GetUnresolvedProviderPathFromPSPath($one))
            continue
        }
        $provider = $null
        $matched = @()
        try {
            $matched = @($Cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath($one, [ref]$provider))
        }
        catch [System.Management.Automation.ItemNotFoundException] {
            $matched = @()
        }
        if ($matched.Count -eq 0) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.ItemNotFoundException]::new("No log matches '$one'."),
                'KoXoLog.NoMatch',
                [System.Management.Automation.ErrorCategory]::ObjectNotFound,
                $one
            )
            $Cmdlet.WriteError($record)
        }
        foreach ($full in $matched) {
            $found.Add($full)
        }
    }
    foreach ($full in $found) {
        if ($Seen.Add($full)) {
            $full
        }
    }
}
