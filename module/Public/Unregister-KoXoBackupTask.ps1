function Unregister-KoXoBackupTask {
    <#
    .SYNOPSIS
    Removes the scheduled task Register-KoXoBackupTask made.
    .DESCRIPTION
    Unregisters the KoXoLog backup task from the Task Scheduler. The archives
    it made stay where they are. Asks for confirmation unless -Confirm:$false
    is given; -WhatIf says which task would go.
    .PARAMETER TaskName
    The task's name (default: KoXoLog backup).
    .PARAMETER TaskPath
    The task's folder in the Task Scheduler (default: \KoXoLog\).
    .EXAMPLE
    Unregister-KoXoBackupTask -WhatIf

    Says which task would be removed.
    .EXAMPLE
    Unregister-KoXoBackupTask -TaskName 'KoXoLog backup (NAS)' -Confirm:$false

    Removes a backup task registered under another name, without asking.
    .INPUTS
    None
    .OUTPUTS
    None
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
    [OutputType([void])]
    param(
        [ValidateNotNullOrEmpty()]
        [string]$TaskName = 'KoXoLog backup',

        [ValidatePattern('^\\(.*\\)?$')]
        [string]$TaskPath = '\KoXoLog\'
    )

    if (-not (Test-KoXoTaskScheduler)) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.PlatformNotSupportedException]::new('Unregister-KoXoBackupTask needs the ScheduledTasks module of Windows.'),
                'KoXoLog.NoTaskScheduler', [System.Management.Automation.ErrorCategory]::NotImplemented, $TaskName))
    }
    $task = Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue
    if (-not $task) {
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.ItemNotFoundException]::new("There is no task '$TaskPath$TaskName'."),
                'KoXoLog.NoSuchTask', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $TaskName))
        return
    }
    if ($PSCmdlet.ShouldProcess("$TaskPath$TaskName", 'Unregister the scheduled task')) {
        Unregister-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -Confirm:$false
    }
}
