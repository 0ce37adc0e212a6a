function Register-KoXoBackupTask {
    <#
    .SYNOPSIS
    Registers a scheduled task that archives the store every night.
    .DESCRIPTION
    Registers a Windows scheduled task (ScheduledTasks module) that runs
    Compress-KoXoSessionLogs -Keep N every day at the time given, as SYSTEM
    (the computer's account: on a file server holding the store, or any
    computer whose account may read the store and write the destination), as
    a group managed service account, or as the account of -Credential. The
    task imports the module from where it is installed now: install it for
    all users (under $env:ProgramFiles) so the task's account finds it. The
    task's description shows the command it runs. An existing task of the
    same name is kept unless -Force is given.
    .PARAMETER Keep
    How many archives Compress-KoXoSessionLogs keeps; older ones are removed after each verified archive.
    .PARAMETER Destination
    The folder of the archives (default: Compress-KoXoSessionLogs's, the store's Archives folder).
    .PARAMETER Store
    The store to archive (default: the one set for this session, Set-KoXoLogStore or $env:KOXOLOG_STORE).
    .PARAMETER At
    The time of day the task runs (default: 02:00).
    .PARAMETER ServiceAccount
    A group managed service account (DOMAIN\name$) to run as, instead of SYSTEM.
    .PARAMETER Credential
    An account and its password to run as, instead of SYSTEM.
    .PARAMETER TaskName
    The task's name (default: KoXoLog backup).
    .PARAMETER TaskPath
    The task's folder in the Task Scheduler (default: \KoXoLog\).
    .PARAMETER Force
    Replace a task of the same name.
    .EXAMPLE
    Register-KoXoBackupTask -Keep 30 -Store 'D:\Logs' -WhatIf

    Says which task would archive the store D:\Logs at 02:00 as SYSTEM, keeping 30 archives.
    .EXAMPLE
    Register-KoXoBackupTask -Keep 60 -Store '\\fs1\Logs$' -Destination '\\nas\Backup\KoXoLog' -ServiceAccount 'CONTOSO\svc-koxolog$' -At '23:30'

    Archives the share nightly at 23:30 to a NAS, as a group managed service account.
    .INPUTS
    None
    .OUTPUTS
    Microsoft.Management.Infrastructure.CimInstance#MSFT_ScheduledTask
    #>
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'System')]
    [OutputType('Microsoft.Management.Infrastructure.CimInstance#MSFT_ScheduledTask')]
    param(
        [Parameter(Mandatory = $true)]
        [ValidateRange(1, 2147483647)]
        [int]$Keep,

        [string]$Destination,

        [string]$Store,

        [datetime]$At = '02:00',

        [Parameter(Mandatory = $true, ParameterSetName = 'ServiceAccount')]
        [ValidatePattern('\$$')]
        [string]$ServiceAccount,

        [Parameter(Mandatory = $true, ParameterSetName = 'Credential')]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential,

        [ValidateNotNullOrEmpty()]
        [string]$TaskName = 'KoXoLog backup',

        [ValidatePattern('^\\(.*\\)?$')]
        [string]$TaskPath = '\KoXoLog\',

        [Parameter()]
        [switch]$Force
    )

    if (-not (Test-KoXoTaskScheduler)) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.PlatformNotSupportedException]::new('Register-KoXoBackupTask needs the ScheduledTasks module of Windows; elsewhere run Compress-KoXoSessionLogs -Keep N from cron or a systemd timer.'),
                'KoXoLog.NoTaskScheduler', [System.Management.Automation.ErrorCategory]::NotImplemented, $TaskName))
    }
    $storePath = Get-KoXoStorePath -Store $Store
    if (-not $storePath) {
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new('Name the store the task archives: -Store, Set-KoXoLogStore or $env:KOXOLOG_STORE (the task does not see this session''s settings).'),
                'KoXoLog.NoStore', [System.Management.Automation.ErrorCategory]::InvalidArgument, $null))
    }
    if ((Get-ScheduledTask -TaskName $TaskName -TaskPath $TaskPath -ErrorAction SilentlyContinue) -and -not $Force) {
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [System.IO.IOException]::new("The task '$TaskPath$TaskName' exists; -Force replaces it."),
                'KoXoLog.TaskExists', [System.Management.Automation.ErrorCategory]::ResourceExists, $TaskName))
        return
    }

    $compress = "Compress-KoXoSessionLogs -Keep $Keep -Store $(ConvertTo-KoXoQuotedArgument -Value $storePath)"
    if ($Destination) {
        $compress += " -Destination $(ConvertTo-KoXoQuotedArgument -Value $Destination)"
    }
    $commandLine = Get-KoXoPowerShellCommandLine -Command "$compress -ErrorAction Stop"
    $runAs = switch ($PSCmdlet.ParameterSetName) {
        'System' { 'SYSTEM' }
        'ServiceAccount' { $ServiceAccount }
        'Credential' { $Credential.UserName }
    }
    $what = "Run daily at $($At.ToString('HH:mm')) as $($runAs): $($commandLine.Script)"
    if (-not $PSCmdlet.ShouldProcess("$TaskPath$TaskName", $what)) {
        return
    }

    $action = New-ScheduledTaskAction -Execute $commandLine.Program -Argument $commandLine.Arguments
    $trigger = New-ScheduledTaskTrigger -Daily -At $At
    # An archive of a large store takes a while; a run still going at the next
    # start is left alone rather than started twice.
    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -MultipleInstances IgnoreNew -ExecutionTimeLimit ([TimeSpan]::FromHours(12))
    $task = @{
        TaskName    = $TaskName
        TaskPath    = $TaskPath
        Action      = $action
        Trigger     = $trigger
        Settings    = $settings
        Description = $what
        Force       = $true
    }
    switch ($PSCmdlet.ParameterSetName) {
        'System' {
            $task['Principal'] = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
        }
        'ServiceAccount' {
            $task['Principal'] = New-ScheduledTaskPrincipal -UserId $ServiceAccount -LogonType Password -RunLevel Highest
        }
        'Credential' {
            $task['User'] = $Credential.UserName
            $task['Password'] = $Credential.GetNetworkCredential().Password
            $task['RunLevel'] = 'Highest'
        }
    }
    Register-ScheduledTask @task
}
