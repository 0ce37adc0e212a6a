function Get-KoXoDirectoryEntry {
    <#
    .SYNOPSIS
    Gets the Active Directory (LDAP) entry of users, computers and thin clients.
    .DESCRIPTION
    Runs `koxolog directory`: one KoXoLog.DirectoryEntry per entry found,
    with its OU, display name, mail, department, groups, whether it is
    enabled or locked out, its last logon, when its password was last set,
    a computer's operating system, its SID and GUID. Times are
    [DateTimeOffset].

    Names come from -User, -Computer and -ThinClient, and from the objects
    piped in: the User, Computer and Client of Get-KoXoSessionLog records
    and Get-KoXoSession sessions, the Branch and Name of
    Get-KoXoSessionTree items. They are sent to the binary as JSON lines on
    its stdin; each distinct name is looked up once. A name not found is an
    error that does not stop the others.

    The server is -Server, else the domain controller found from
    LOGONSERVER and USERDNSDOMAIN. Without -Credential the binary binds as
    the logged-on user with Kerberos (the ticket of this Windows logon, or
    on Linux the one kinit got), signed and sealed over ldap://: in a domain
    administrator's console `Get-KoXoSession -Open | Get-KoXoDirectoryEntry`
    works as is. -Credential binds as that account instead: its password
    reaches the binary through an environment variable set for the duration
    of the call only, never on a command line. -Anonymous does not bind at
    all (Active Directory refuses anonymous searches).

    MemberOf is an array of the groups' names.
    .PARAMETER User
    Users to look up, by logon name (sAMAccountName) or user principal name.
    .PARAMETER Computer
    Computers to look up, by name (cn, sAMAccountName, or DNS name).
    .PARAMETER ThinClient
    Thin clients (the computers remote sessions were opened from) to look up.
    .PARAMETER InputObject
    Records, sessions or tree items from the pipeline, whose User, Computer
    and Client (or Branch and Name) are looked up.
    .PARAMETER Server
    The LDAP server: ldap://HOST or ldaps://HOST, with :PORT for another
    port; a bare HOST means ldap://HOST.
    .PARAMETER StartTls
    Upgrades the ldap:// connection to TLS with StartTLS before binding.
    .PARAMETER SearchBase
    The distinguished name to search under (default: the domain).
    .PARAMETER Credential
    The account to bind as (DOMAIN\user, user@domain or a DN) and its
    password. Without it, the bind is as the logged-on user (Kerberos).
    .PARAMETER Anonymous
    Searches without binding, for a directory that allows it.
    .PARAMETER CaCertificate
    A PEM file of certificate authorities to trust too, for ldaps:// and
    -StartTls (the system's are always trusted).
    .PARAMETER TimeoutSeconds
    Gives up on a server that does not connect or answer within this many
    seconds (default 10).
    .EXAMPLE
    Get-KoXoDirectoryEntry -User jdoe

    The directory entry of jdoe: OU, groups, enabled, locked out, last logon,
    read from this logon's domain controller as the logged-on user.
    .EXAMPLE
    Get-KoXoDirectoryEntry -User jdoe -Server ldaps://dc1.example.com -Credential (Get-Credential EXAMPLE\reader)

    The same, bound as another account, over LDAPS.
    .EXAMPLE
    Get-KoXoSession -Open | Get-KoXoDirectoryEntry | Where-Object LockedOut

    The accounts logged on now (users, computers, thin clients) that are
    locked out.
    .EXAMPLE
    Get-KoXoSessionTree -Branch Computers | Get-KoXoDirectoryEntry -Credential $reader | Select-Object Name, OperatingSystem, OU

    The operating system and OU of every computer that has a log.
    .INPUTS
    KoXoLog.Record, KoXoLog.Session, KoXoLog.TreeItem (InputObject)
    .OUTPUTS
    KoXoLog.DirectoryEntry
    #>
    [CmdletBinding()]
    [OutputType('KoXoLog.DirectoryEntry')]
    param(
        [string[]]$User,

        [string[]]$Computer,

        [string[]]$ThinClient,

        [Parameter(ValueFromPipeline = $true)]
        [psobject]$InputObject,

        [string]$Server,

        [switch]$StartTls,

        [string]$SearchBase,

        [string]$CaCertificate,

        [ValidateRange(1, 3600)]
        [int]$TimeoutSeconds,

        [switch]$Anonymous,

        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty
    )

    begin {
        # The properties `directory --stdin` reads names from.
        $nameProperties = @('Branch', 'Name', 'User', 'Computer', 'Client')
        $arguments = @()
        foreach ($name in $User) {
            $arguments += @('--user', $name)
        }
        foreach ($name in $Computer) {
            $arguments += @('--computer', $name)
        }
        foreach ($name in $ThinClient) {
            $arguments += @('--thin-client', $name)
        }
        if ($Server) {
            $arguments += @('--server', $Server)
        }
        if ($StartTls) {
            $arguments += '--start-tls'
        }
        if ($SearchBase) {
            $arguments += @('--base', $SearchBase)
        }
        if ($CaCertificate) {
            $arguments += @('--ca-cert', $PSCmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CaCertificate))
        }
        if ($TimeoutSeconds) {
            $arguments += @('--timeout', [string]$TimeoutSeconds)
        }
        # The password reaches the binary through a variable of its own
        # environment only: never on a command line, never in this session.
        $environment = @{}
        if ($Credential -ne [System.Management.Automation.PSCredential]::Empty) {
            $arguments += @('--bind-dn', $Credential.UserName, '--password-env', 'KOXOLOG_LDAP_PASSWORD')
            $environment['KOXOLOG_LDAP_PASSWORD'] = $Credential.GetNetworkCredential().Password
        }
        elseif ($Anonymous) {
            $arguments += '--anonymous'
        }
        $lines = [System.Collections.Generic.List[string]]::new()
    }

    process {
        if ($null -eq $InputObject) {
            return
        }
        $line = ConvertTo-KoXoJsonLine -InputObject $InputObject -Property $nameProperties
        if ($line -eq '{}') {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new("Get-KoXoDirectoryEntry takes records, sessions and tree items (their User, Computer, Client, or Branch and Name); this object has none: $InputObject"),
                'KoXoLog.NoName',
                [System.Management.Automation.ErrorCategory]::InvalidArgument,
                $InputObject
            )
            $PSCmdlet.WriteError($record)
            return
        }
        $lines.Add($line)
    }

    end {
        $piped = $MyInvocation.ExpectingInput
        if (-not $piped -and -not ($User -or $Computer -or $ThinClient)) {
            $record = [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new('Name what to look up: -User, -Computer or -ThinClient, or pipe records, sessions or tree items.'),
                'KoXoLog.NothingToLookUp',
                [System.Management.Automation.ErrorCategory]::InvalidArgument,
                $null
            )
            $PSCmdlet.ThrowTerminatingError($record)
        }
        if ($piped) {
            $arguments += '--stdin'
        }
        Invoke-KoXoNative -Command 'directory' -TypeName 'KoXoLog.DirectoryEntry' -ArgumentList $arguments -StdinLines $lines.ToArray() -Environment $environment -Cmdlet $PSCmdlet
    }
}
