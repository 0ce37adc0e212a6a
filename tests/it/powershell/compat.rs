//! What Windows PowerShell 5.1 cannot run, though PowerShell 7 can: the
//! module and the GPO scripts run on clients under 5.1, and only GitHub
//! Actions has a 5.1 to try them on.
//!
//! * PowerShell-7-only operators, found in the code outside strings and
//!   comments: `??` and `??=`, `?.` and `?[`, the ternary `a ? b : c` (a
//!   `?` that does not follow a pipe, where it is `Where-Object`), the
//!   pipeline chains `&&` and `||`, and `ForEach-Object -Parallel`;
//! * a file with non-ASCII text and no UTF-8 byte-order mark, which 5.1
//!   reads in the ANSI code page ('Hélène' becomes 'HÃ©lÃ¨ne').

use super::{Source, descendants};
use std::ops::Range;

/// The byte ranges of strings and comments: text, not code.
fn text_ranges(source: &Source) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for node in descendants(source.tree.root_node()) {
        let kind = node.kind();
        if kind == "comment" || kind.contains("string") {
            let range = node.byte_range();
            if !ranges.iter().any(|r| r.start <= range.start && range.end <= r.end) {
                ranges.push(range);
            }
        }
    }
    ranges
}

/// Every PowerShell-7-only construct of a file, with file and line.
pub fn windows_powershell_problems(source: &Source) -> Vec<String> {
    let text = source.text.as_bytes();
    let skipped = text_ranges(source);
    let mut problems = Vec::new();
    let line_of = |at: usize| source.text[..at].matches('\n').count() + 1;
    let mut at = 0;
    while at < text.len() {
        if let Some(range) = skipped.iter().find(|r| r.contains(&at)) {
            at = range.end;
            continue;
        }
        let rest = &text[at..];
        let found = if rest.starts_with(b"??") {
            Some("`??` (null coalescing)")
        } else if rest.starts_with(b"?.") || rest.starts_with(b"?[") {
            Some("`?.`/`?[` (null-conditional access)")
        } else if rest.starts_with(b"&&") || rest.starts_with(b"||") {
            Some("`&&`/`||` (pipeline chain)")
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"-parallel") {
            Some("`-Parallel` (ForEach-Object -Parallel)")
        } else if rest[0] == b'?' && is_ternary(text, at) {
            Some("`? :` (ternary operator)")
        } else {
            None
        };
        match found {
            Some(what) => {
                problems.push(format!(
                    "{}:{}: {what} is PowerShell 7 only; Windows PowerShell 5.1 cannot run it",
                    source.path.display(),
                    line_of(at)
                ));
                at += 2;
            }
            None => at += 1,
        }
    }
    problems
}

/// Whether the `?` at `at` stands alone (spaces around it) after something
/// other than a pipe or the start of a line: a ternary, not `Where-Object`.
fn is_ternary(text: &[u8], at: usize) -> bool {
    let alone =
        at > 0 && text[at - 1].is_ascii_whitespace() && text.get(at + 1).is_some_and(|b| b.is_ascii_whitespace());
    let before = text[..at].iter().rev().find(|b| **b != b' ' && **b != b'\t');
    alone && !matches!(before, None | Some(b'|' | b'\n' | b'{' | b'(' | b';'))
}

/// Whether a file with non-ASCII bytes lacks the UTF-8 byte-order mark.
pub fn encoding_problems(path: &std::path::Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let has_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    match bytes.iter().position(|b| !b.is_ascii()) {
        Some(first) if !has_bom => vec![format!(
            "{}:{}: non-ASCII text in a file without a UTF-8 byte-order mark: Windows PowerShell 5.1 would read it as ANSI",
            path.display(),
            bytes[..first].iter().filter(|b| **b == b'\n').count() + 1
        )],
        _ => Vec::new(),
    }
}
