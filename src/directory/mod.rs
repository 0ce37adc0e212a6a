//! The directory (Active Directory, or any LDAP server with its schema)
//! behind a user, a computer or a thin client, read with the `ldap3` crate.
//!
//! By concern:
//!
//! * [`settings`]: which server and how to bind, as plain settings (built
//!   from the flags by `cmd::directory`, or from the `KOXOLOG_LDAP_*`
//!   variables for `%PDC_SERVER%`);
//! * [`locate`]: which server to ask when none is named;
//! * [`connection`]: connecting (LDAP, LDAPS, StartTLS), binding, the base,
//!   and errors that name the server;
//! * [`kerberos`]: the bind as the logged-on user (SASL GSSAPI, sealed);
//! * [`password`]: the bind password, from the environment or a prompt;
//! * [`filter`]: search filters, with names escaped as RFC 4515 requires;
//! * [`decode`]: Active Directory's encodings (FILETIME,
//!   `userAccountControl`, `objectSid`, `objectGUID`, DNs);
//! * [`lookup`]: one name looked up, as [`crate::json::directory_entry`];
//! * [`input`]: the names piped in as JSON Lines from `log`, `sessions`, `tree`;
//! * [`pdc`]: the domain's PDC emulator, for `%PDC_SERVER%`.

pub mod connection;
pub mod decode;
pub mod filter;
pub mod input;
pub mod kerberos;
pub mod locate;
pub mod lookup;
pub mod password;
pub mod pdc;
pub mod settings;

/// What a name is looked up as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A user account, by logon name.
    User,
    /// A computer account.
    Computer,
    /// The computer a remote session was opened from: a computer account
    /// too, when it is in the directory.
    ThinClient,
}

impl Kind {
    /// The name printed in `DirectoryEntry.Kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::User => "User",
            Kind::Computer => "Computer",
            Kind::ThinClient => "ThinClient",
        }
    }

    /// How a message names it: `user`, `computer`, `thin client`.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::Computer => "computer",
            Kind::ThinClient => "thin client",
        }
    }
}
