//! `KoXoLog.DirectoryEntry`: the directory (Active Directory) entry of a
//! user, a computer or a thin client, as `directory` prints it.
//!
//! Active Directory's encodings are decoded: FILETIME and GeneralizedTime
//! values are times in this machine's local time with its offset,
//! `userAccountControl` is flag names, `objectSid` and `objectGUID` are in
//! their usual text forms. An attribute the entry lacks (or that the bind
//! may not read) is `null`.

use serde::Serialize;

/// One directory entry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DirectoryEntry {
    /// What the name was looked up as: `User`, `Computer` or `ThinClient`.
    pub kind: &'static str,
    /// The name looked up (as given, or as read from the piped object).
    pub name: String,
    /// The logon name (`sAMAccountName`; a computer's ends with `$`).
    pub sam_account_name: Option<String>,
    /// The user principal name (`jdoe@example.com`).
    pub user_principal_name: Option<String>,
    /// A computer's DNS name (`dNSHostName`).
    pub dns_host_name: Option<String>,
    /// The entry's distinguished name.
    pub distinguished_name: String,
    /// The container (OU) that holds the entry: its distinguished name.
    #[serde(rename = "OU")]
    pub ou: Option<String>,
    /// The name shown for it (`displayName`: `John Doe`).
    pub display_name: Option<String>,
    /// Its description (`description`).
    pub description: Option<String>,
    /// The e-mail address (`mail`).
    pub mail: Option<String>,
    /// A user's department (`department`).
    pub department: Option<String>,
    /// The job title (`title`).
    pub title: Option<String>,
    /// The groups the entry is a direct member of, by name, as an array
    /// (`["Teachers", "Staff"]`: a group's name may hold a comma); `null`
    /// when it is in none (or the bind may not read `memberOf`).
    pub member_of: Option<Vec<String>>,
    /// `false` when the account is disabled (`ACCOUNTDISABLE` in
    /// `userAccountControl`); `null` without `userAccountControl`.
    pub enabled: Option<bool>,
    /// Whether the account is locked out: the `LOCKOUT` bit of
    /// `msDS-User-Account-Control-Computed` when the server gives it, else
    /// a `lockoutTime` set (not zero); `null` when neither is known.
    pub locked_out: Option<bool>,
    /// The `userAccountControl` flags by name, comma-separated
    /// (`NORMAL_ACCOUNT, DONT_EXPIRE_PASSWORD`).
    pub user_account_control: Option<String>,
    /// The last logon: the later of `lastLogonTimestamp` (replicated, up to
    /// about two weeks behind) and `lastLogon` (the answering controller's).
    pub last_logon: Option<String>,
    /// When the password was last set (`pwdLastSet`); `null` when never,
    /// or when it must be changed at the next logon.
    pub password_last_set: Option<String>,
    /// When the entry was created (`whenCreated`).
    pub when_created: Option<String>,
    /// When the entry was last changed (`whenChanged`).
    pub when_changed: Option<String>,
    /// A computer's operating system (`Windows 11 Pro`).
    pub operating_system: Option<String>,
    /// Its version (`10.0 (26100)`).
    pub operating_system_version: Option<String>,
    /// The DN of who manages the entry (`managedBy`).
    pub managed_by: Option<String>,
    /// Where a computer is (`location`).
    pub location: Option<String>,
    /// The security identifier (`S-1-5-21-...-1105`).
    pub sid: Option<String>,
    /// The object GUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).
    pub guid: Option<String>,
    /// The LDAP server that answered.
    pub server: String,
}
