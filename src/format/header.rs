//! The header of a log and the `#Fields:` directive.
//!
//! ```text
//! ##### KoXoLog session history #####
//! #Software: KoXoLog 0.1.0
//! #Version: 1
//! #Branch: Computers
//! #Name: PC-B12
//! #Fields: tag time user domain computer client session ip mac logonserver os id sessionid clientip
//! ```

use super::EOL;
use std::sync::OnceLock;

pub use crate::record::field::Field;

/// Which field each column of a record holds, from a `#Fields:` directive.
/// Columns 0 and 1 are always the tag and the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// For columns 2.., the field it holds, or `None` for a name this
    /// version does not know (its values are ignored).
    pub fields: Vec<Option<Field>>,
}

impl Default for Columns {
    /// The columns this version writes.
    fn default() -> Self {
        Columns {
            fields: Field::ALL.into_iter().map(Some).collect(),
        }
    }
}

impl Columns {
    /// Whether these columns are the first ones this version writes, in
    /// its order (a log created by an older version).
    pub fn is_prefix_of_current(&self) -> bool {
        self.fields.len() < Field::ALL.len()
            && self
                .fields
                .iter()
                .zip(Field::ALL)
                .all(|(named, current)| *named == Some(current))
    }

    /// Reads the names after `#Fields:`. They must start with `tag time`.
    pub fn parse(names: &str) -> Result<Columns, String> {
        // Every log this version made names these: told at one look.
        if names.trim() == current_names() {
            return Ok(Columns::default());
        }
        let mut names = names.split_whitespace();
        if names.next() != Some("tag") || names.next() != Some("time") {
            return Err("a #Fields: directive must start with 'tag time'".into());
        }
        Ok(Columns {
            fields: names.map(Field::from_name).collect(),
        })
    }

    /// The number of tab-separated columns of a record.
    pub fn len(&self) -> usize {
        self.fields.len() + 2
    }

    /// Always false: a record has at least a tag and a time.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// The first line of every header, KoXo's and ours: it starts with `#####`.
pub const FIRST_LINE: &str = "##### KoXoLog session history #####";

/// The number of lines in a header.
pub const LINES: usize = 6;

/// The directive that names the columns.
pub const FIELDS_DIRECTIVE: &str = "#Fields:";

/// The names this version writes after `#Fields:`, `tag time` first.
fn current_names() -> &'static str {
    static NAMES: OnceLock<String> = OnceLock::new();
    NAMES.get_or_init(|| {
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        format!("tag time {}", fields.join(" "))
    })
}

/// The header written once at the top of a new log.
pub fn text(branch: &str, name: &str) -> String {
    format!(
        "{FIRST_LINE}{EOL}#Software: KoXoLog {}{EOL}#Version: 1{EOL}#Branch: {branch}{EOL}#Name: {name}{EOL}{FIELDS_DIRECTIVE} {}{EOL}",
        env!("CARGO_PKG_VERSION"),
        current_names()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_has_six_lines_and_names_every_field() {
        let header = text("Computers", "PC-B12");
        let lines: Vec<&str> = header.split(EOL).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), LINES);
        assert!(lines[0].starts_with("#####"));
        let columns = Columns::parse(lines[5].strip_prefix(FIELDS_DIRECTIVE).unwrap()).unwrap();
        assert_eq!(columns, Columns::default());
    }

    #[test]
    fn unknown_field_names_are_kept_as_ignored_columns() {
        let columns = Columns::parse(" tag time user future ip").unwrap();
        assert_eq!(columns.fields, vec![Some(Field::User), None, Some(Field::Ip)]);
        assert!(Columns::parse(" user time").is_err());
    }
}
