//! `koxolog report`: the figures of a selection and period, folded from the
//! paired sessions as each computer's log is paired ([`tally`]), and the
//! self-contained HTML page drawn from them ([`html`], [`svg`]).
//!
//! The schema of the figures is [`crate::json::report`]; rooms are derived
//! from computer names ([`room`]).

pub mod html;
pub mod room;
pub mod svg;
pub mod tally;
