function Test-KoXoTaskScheduler {
    # Whether Windows' ScheduledTasks module is here to register tasks with.
    [CmdletBinding()]
    [OutputType([bool])]
    param()

    [bool](Get-Command -Name 'Register-ScheduledTask' -ErrorAction SilentlyContinue)
}
