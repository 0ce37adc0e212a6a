//! The RTF export of records (`export-rtf`): a colorized document an
//! administrator can print or mail, that opens in Word, WordPad and
//! LibreOffice.
//!
//! * [`escape`]: every value made inert text;
//! * [`table`]: the rows, spooled to a temporary file (flat memory);
//! * [`durations`]: the sessions' durations, shown on logoff lines;
//! * [`document`]: the document itself, written as a stream.

pub mod document;
pub mod durations;
pub mod escape;
pub mod table;
