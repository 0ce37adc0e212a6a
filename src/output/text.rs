//! Values of the JSON objects as text for a person: `table` and `csv`.

use serde_json::Value;

/// A value as one cell: text as it is, numbers and booleans as written,
/// arrays joined with ", " (a list of objects, as a report holds, as its
/// count: `[7]`), `null` empty. Control characters and the
/// characters that reorder or hide text (bidi overrides, zero-width) become
/// spaces, so a hostile name cannot move what a terminal or Excel shows.
pub fn cell(value: &Value) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Array(items) if items.iter().any(Value::is_object) => format!("[{}]", items.len()),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    };
    if text.chars().any(crate::format::sanitize::is_unsafe) {
        text.chars()
            .map(|c| if crate::format::sanitize::is_unsafe(c) { ' ' } else { c })
            .collect()
    } else {
        text
    }
}

/// A time as the JSON holds it (`2026-11-24T08:01:02.345+01:00`) in this
/// computer's local time, to the second (`2026-11-24 08:01:02`); any other
/// text as it is.
pub fn local_time(text: &str) -> Option<String> {
    if text.len() < 20 || text.as_bytes()[10] != b'T' {
        return None;
    }
    let time = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    Some(
        time.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_text_without_display_tricks() {
        assert_eq!(cell(&Value::Null), "");
        assert_eq!(cell(&serde_json::json!(["A", "B"])), "A, B");
        assert_eq!(cell(&serde_json::json!([{"Day": 1}, {"Day": 2}])), "[2]");
        assert_eq!(cell(&serde_json::json!(12)), "12");
        assert_eq!(
            cell(&serde_json::json!("evil\u{202e}txt.exe\u{1b}[2J")),
            "evil txt.exe [2J"
        );
    }

    #[test]
    fn times_are_shown_in_local_time_and_other_text_is_not_a_time() {
        assert!(local_time("2026-11-24T08:01:02.345+01:00").is_some_and(|t| t.len() == 19));
        assert_eq!(local_time("PC-B12"), None);
        assert_eq!(local_time("2026-11-24"), None);
    }
}
