//! The log file grammar, as written down in `docs/LOG-FORMAT.md`.
//!
//! * [`header`]: the six-line header and the `#Fields:` directive;
//! * [`event`]: the eight-character tags (`[LOGON.]`, `[LOGOFF]`, ...);
//! * [`time`]: local time with its UTC offset and milliseconds;
//! * [`sanitize`]: how a value is made safe to write on one line;
//! * [`line`](mod@line): a record written as one line;
//! * [`parse`]: a line read back, KoXoLog's own or [`legacy`] KoXo's.

pub use crate::record::event;
pub mod header;
pub mod legacy;
pub mod line;
pub mod parse;
pub use crate::record::sanitize;
pub mod time;

/// The line ending of every line KoXoLog writes: CRLF, so that the logs read
/// well in any Windows Notepad. Readers accept LF too.
pub const EOL: &str = "\r\n";

/// A value that is empty is written as this.
pub use crate::record::sanitize::EMPTY;
