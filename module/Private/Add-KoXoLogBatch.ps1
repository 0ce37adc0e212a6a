# Piped logs read in few calls of the binary: Get-KoXoSessionLog and
# Get-KoXoSession gather the logs piped in (each once, wildcards resolved)
# into batches, and read each batch with one call as soon as it is full,
# so that records stream. Enough paths per call to make few calls; few
# enough to stay far below the Windows command-line limit. The cmdlet's own
# bar counts the logs; the binary's shows under it.

function New-KoXoLogBatch {
    # A batch for one run of a cmdlet. $Read is called with the paths of a
    # batch (none: the whole store), the id of the parent progress bar, the
    # cmdlet's flags and the cmdlet itself; it calls the binary with the
    # cmdlet's own subcommand.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Activity,

        [Parameter(Mandatory = $true)]
        [int]$ProgressId,

        [Parameter(Mandatory = $true)]
        [scriptblock]$Read,

        [Parameter(Mandatory = $true)]
        [AllowEmptyCollection()]
        [string[]]$Arguments,

        [Parameter(Mandatory = $true)]
        [System.Management.Automation.PSCmdlet]$Cmdlet,

        [bool]$ShowProgress = $true,

        [int]$Size = 64
    )

    [pscustomobject]@{
        Activity     = $Activity
        ProgressId   = $ProgressId
        Read         = $Read
        Arguments    = $Arguments
        Cmdlet       = $Cmdlet
        ShowProgress = $ShowProgress
        Size         = $Size
        Pending      = [System.Collections.Generic.List[string]]::new()
        Seen         = New-KoXoPathSet
        PathGiven    = $false
        Done         = 0
        Shown        = $false
    }
}

function Add-KoXoLogBatch {
    # Adds the logs one pipeline item names; reads the batch once full.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [pscustomobject]$Batch,

        [string[]]$Path,

        [string[]]$LiteralPath
    )

    if ($Path -or $LiteralPath) {
        $Batch.PathGiven = $true
    }
    foreach ($log in (Resolve-KoXoLogPath -Path $Path -LiteralPath $LiteralPath -Seen $Batch.Seen -Cmdlet $Batch.Cmdlet)) {
        $Batch.Pending.Add($log)
        if ($Batch.Pending.Count -ge $Batch.Size) {
            $Batch.Done += $Batch.Pending.Count
            if ($Batch.ShowProgress) {
                Write-Progress -Id $Batch.ProgressId -Activity $Batch.Activity -Status "$($Batch.Done) piped logs read"
                $Batch.Shown = $true
            }
            & $Batch.Read $Batch.Pending.ToArray() $Batch.ProgressId $Batch.Arguments $Batch.Cmdlet
            $Batch.Pending.Clear()
        }
    }
}

function Complete-KoXoLogBatch {
    # Reads what is left. With no path at all (no -Path, no pipeline) it
    # reads the whole store; an empty pipeline (a grid closed with Cancel,
    # a -Name that matched nothing) reads nothing, not the whole store.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)]
        [pscustomobject]$Batch,

        [Parameter(Mandatory = $true)]
        [bool]$ExpectingInput
    )

    if ($Batch.Pending.Count -gt 0 -or -not ($Batch.PathGiven -or $ExpectingInput)) {
        $parent = -1
        if ($Batch.Shown) {
            $parent = $Batch.ProgressId
        }
        & $Batch.Read $Batch.Pending.ToArray() $parent $Batch.Arguments $Batch.Cmdlet
    }
    if ($Batch.Shown) {
        Write-Progress -Id $Batch.ProgressId -Activity $Batch.Activity -Completed
    }
}
