//! The named values of a record, after its tag and time, in the order
//! this version writes them.

/// The named values of a record, after its tag and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    User,
    Domain,
    Computer,
    Client,
    Session,
    Ip,
    Mac,
    LogonServer,
    Os,
    Id,
    /// The Windows (WTS) session id: which of a user's sessions on a
    /// computer a record belongs to. Added after the first release, at the
    /// end.
    SessionId,
    /// For a remote session, the IP address the client reported
    /// (`WTSClientAddress`), beside the server's own [`Field::Ip`]. Last,
    /// since later versions add fields at the end.
    ClientIp,
}

impl Field {
    /// Every field, in the order this version writes them.
    pub const ALL: [Field; 12] = [
        Field::User,
        Field::Domain,
        Field::Computer,
        Field::Client,
        Field::Session,
        Field::Ip,
        Field::Mac,
        Field::LogonServer,
        Field::Os,
        Field::Id,
        Field::SessionId,
        Field::ClientIp,
    ];

    /// The field's name in a `#Fields:` directive.
    pub fn name(self) -> &'static str {
        match self {
            Field::User => "user",
            Field::Domain => "domain",
            Field::Computer => "computer",
            Field::Client => "client",
            Field::Session => "session",
            Field::Ip => "ip",
            Field::Mac => "mac",
            Field::LogonServer => "logonserver",
            Field::Os => "os",
            Field::Id => "id",
            Field::SessionId => "sessionid",
            Field::ClientIp => "clientip",
        }
    }

    /// The field's position in [`Field::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }
}
