//! Values of the JSON objects as text for a person: `table` and `csv`.

use super::row::Cell;
use crate::format::sanitize::{is_printable_ascii, is_unsafe};
use std::borrow::Cow;

/// A value as one cell: text as it is, numbers and booleans as written,
/// lists joined with ", " (a list of objects, as a report holds, as its
/// count: `[7]`), `null` empty. Control characters and the
/// characters that reorder or hide text (bidi overrides, zero-width) become
/// spaces, so a hostile name cannot move what a terminal or Excel shows.
pub fn cell<'a>(value: &'a Cell) -> Cow<'a, str> {
    let text: Cow<str> = match value {
        Cell::Null => Cow::Borrowed(""),
        Cell::Text(text) => Cow::Borrowed(text),
        Cell::Literal(text) | Cell::Object(text) => Cow::Borrowed(text),
        Cell::List(items) if items.iter().any(|item| matches!(item, Cell::Object(_))) => {
            Cow::Owned(format!("[{}]", items.len()))
        }
        Cell::List(items) => Cow::Owned(items.iter().map(cell).collect::<Vec<_>>().join(", ")),
    };
    // Printable ASCII, the common case, has nothing to replace.
    if is_printable_ascii(text.as_bytes()) || !text.chars().any(is_unsafe) {
        return text;
    }
    Cow::Owned(text.chars().map(|c| if is_unsafe(c) { ' ' } else { c }).collect())
}

/// A time as the JSON holds it (`2026-11-24T08:01:02.345+01:00`) in this
/// computer's local time, to the second (`2026-11-24 08:01:02`); any other
/// text as it is.
pub fn local_time(text: &str) -> Option<String> {
    if text.len() < 20 || text.as_bytes()[10] != b'T' {
        return None;
    }
    let time = crate::format::time::parse(text)?;
    let local = time.with_timezone(&chrono::Local).fixed_offset();
    let canonical = crate::format::time::format(&local);
    Some(match (canonical.get(..10), canonical.get(11..19)) {
        (Some(day), Some(clock)) if canonical.len() == 29 => format!("{day} {clock}"),
        // A year beyond four digits (from a hostile log).
        _ => local.format("%Y-%m-%d %H:%M:%S").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell_of(json: &str) -> String {
        let line = format!("{{\"v\":{json}}}");
        let row = super::super::row::Row::parse(&line).unwrap();
        cell(row.get("v", 0)).into_owned()
    }

    #[test]
    fn cells_are_text_without_display_tricks() {
        assert_eq!(cell_of("null"), "");
        assert_eq!(cell_of(r#"["A","B"]"#), "A, B");
        assert_eq!(cell_of(r#"[{"Day":1},{"Day":2}]"#), "[2]");
        assert_eq!(cell_of("12"), "12");
        assert_eq!(cell_of(r#""evil\u202etxt.exe\u001b[2J""#), "evil txt.exe [2J");
        assert_eq!(cell_of(r#""Andr\u00e9\u2028x""#), "André x");
    }

    #[test]
    fn times_are_shown_in_local_time_and_other_text_is_not_a_time() {
        let shown = local_time("2026-11-24T08:01:02.345+01:00").unwrap();
        let expected = chrono::DateTime::parse_from_rfc3339("2026-11-24T08:01:02.345+01:00")
            .unwrap()
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        assert_eq!(shown, expected);
        assert_eq!(local_time("PC-B12"), None);
        assert_eq!(local_time("2026-11-24"), None);
        assert_eq!(local_time("2026-11-24T08:01:02Z").map(|t| t.len()), Some(19));
    }
}
