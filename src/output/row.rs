//! One JSON object read back for `--format table` and `csv`: its keys and
//! values in order, borrowed from the line where no escape had to be undone.
//! A row of a record allocates only its list of members and its line
//! number: a store's millions of records are printed this way.

use crate::words;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Text(Cow<'a, str>),
    /// A number or a boolean, as JSON writes it.
    Literal(String),
    List(Vec<Cell<'a>>),
    /// An object inside the object, as compact JSON.
    Object(String),
}

/// An object's members, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row<'a> {
    members: Vec<(Cow<'a, str>, Cell<'a>)>,
}

impl<'a> Row<'a> {
    /// Reads one line of JSON Lines, which must hold an object.
    pub fn parse(line: &'a str) -> anyhow::Result<Row<'a>> {
        if let Some(row) = flat(line) {
            return Ok(row);
        }
        serde_json::from_str(line).map_err(|e| anyhow::anyhow!("only objects are printed ({e})"))
    }

    /// The members, in order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &Cell<'a>)> {
        self.members.iter().map(|(key, cell)| (key.as_ref(), cell))
    }

    /// The value of `key`; `hint` is where it was in the row before, where
    /// rows of the same kind have it again.
    pub fn get(&self, key: &str, hint: usize) -> &Cell<'a> {
        match self.members.get(hint) {
            Some((k, cell)) if k == key => cell,
            _ => self
                .members
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&Cell::Null, |(_, cell)| cell),
        }
    }

    /// The row with its own copies of the text, to be held.
    pub fn into_owned(self) -> Row<'static> {
        Row {
            members: self
                .members
                .into_iter()
                .map(|(key, cell)| (Cow::Owned(key.into_owned()), cell.into_owned()))
                .collect(),
        }
    }
}

/// The row of a line as KoXoLog writes most of them, read without serde's
/// general reader (which costs several times more): one object, written
/// without spaces, of strings without escapes, `null`s, booleans and
/// whole numbers from 0 to `u64::MAX` (as serde writes them). `None` for any other line, which serde reads (or refuses), so
/// a row is the same either way.
fn flat(line: &str) -> Option<Row<'_>> {
    // Without a backslash or a control character anywhere, a string ends
    // at the next quote.
    let escape_or_control = words::any(
        line.as_bytes(),
        |word| words::below(word, 0x20) | words::equal(word, b'\\') != 0,
        |byte| byte < 0x20 || byte == b'\\',
    );
    if escape_or_control {
        return None;
    }
    let mut rest = line.strip_prefix('{')?;
    let mut members = Vec::with_capacity(24);
    if rest == "}" {
        return Some(Row { members });
    }
    loop {
        let (key, after) = plain_string(rest)?;
        let (cell, after) = flat_value(after.strip_prefix(':')?)?;
        members.push((Cow::Borrowed(key), cell));
        match after.as_bytes().first()? {
            b',' => rest = &after[1..],
            b'}' if after.len() == 1 => return Some(Row { members }),
            _ => return None,
        }
    }
}

/// The string at the start of `text`, which holds no escape ([`flat`]),
/// and what follows it.
fn plain_string(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix('"')?;
    let end = memchr::memchr(b'"', body.as_bytes())?;
    Some((&body[..end], &body[end + 1..]))
}

/// The value at the start of `text`, when [`flat`] reads it, and what
/// follows it.
fn flat_value(text: &str) -> Option<(Cell<'_>, &str)> {
    let literal = |word: &'static str| {
        text.strip_prefix(word)
            .map(|rest| (Cell::Literal(word.to_owned()), rest))
    };
    match text.as_bytes().first()? {
        b'"' => plain_string(text).map(|(value, rest)| (Cell::Text(Cow::Borrowed(value)), rest)),
        b'n' => text.strip_prefix("null").map(|rest| (Cell::Null, rest)),
        b't' => literal("true"),
        b'f' => literal("false"),
        b'0'..=b'9' => {
            let (number, rest) = text.split_at(text.bytes().take_while(u8::is_ascii_digit).count());
            // What serde reads as a whole number, written as it writes it.
            let whole = number.parse::<u64>().ok()?;
            (whole.to_string() == number).then(|| (Cell::Literal(number.to_owned()), rest))
        }
        _ => None,
    }
}

impl Cell<'_> {
    fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Null => Cell::Null,
            Cell::Text(text) => Cell::Text(Cow::Owned(text.into_owned())),
            Cell::Literal(text) => Cell::Literal(text),
            Cell::List(items) => Cell::List(items.into_iter().map(Cell::into_owned).collect()),
            Cell::Object(json) => Cell::Object(json),
        }
    }
}

impl<'de> Deserialize<'de> for Cell<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = Cell<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell<'de>, E> {
                Ok(Cell::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Cell<'de>, E> {
                Ok(Cell::Null)
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Cell<'de>, E> {
                Ok(Cell::Literal(value.to_string()))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Cell<'de>, E> {
                Ok(Cell::Literal(value.to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Cell<'de>, E> {
                Ok(Cell::Literal(value.to_string()))
            }
            // A float as JSON writes it (`1e20`, not Rust's `100000000000000000000`).
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Cell<'de>, E> {
                Ok(Cell::Literal(serde_json::Value::from(value).to_string()))
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Cell<'de>, E> {
                Ok(Cell::Text(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Cell<'de>, E> {
                Ok(Cell::Text(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Cell<'de>, E> {
                Ok(Cell::Text(Cow::Owned(text)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Cell::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell<'de>, A::Error> {
                let object = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Cell::Object(object.to_string()))
            }
        }
        deserializer.deserialize_any(CellVisitor)
    }
}

impl<'de> Deserialize<'de> for Row<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = Row<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(16));
                // A JSON key is text, read as any value is.
                while let Some((key, cell)) = map.next_entry::<Cell, Cell>()? {
                    let Cell::Text(key) = key else {
                        return Err(de::Error::custom("a key that is not text"));
                    };
                    members.push((key, cell));
                }
                Ok(Row { members })
            }
        }
        deserializer.deserialize_map(RowVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_keeps_its_members_in_order_and_borrows_plain_text() {
        let line = r#"{"User":"jdoe","Name":"O\"Brien","Line":7,"Ok":true,"Ratio":1e20,"Ip":null,"Days":[{"Day":1}],"Ips":["a","b"],"At":{"x":1}}"#;
        let row = Row::parse(line).unwrap();
        let keys: Vec<&str> = row.members().map(|(key, _)| key).collect();
        assert_eq!(keys, ["User", "Name", "Line", "Ok", "Ratio", "Ip", "Days", "Ips", "At"]);
        assert!(matches!(row.get("User", 0), Cell::Text(Cow::Borrowed("jdoe"))));
        assert_eq!(row.get("Name", 0), &Cell::Text(Cow::Owned("O\"Brien".into())));
        assert_eq!(row.get("Line", 2), &Cell::Literal("7".into()));
        assert_eq!(row.get("Ok", 3), &Cell::Literal("true".into()));
        // As serde_json writes a float (`1e+20`), not as Rust does.
        assert_eq!(row.get("Ratio", 4), &Cell::Literal(serde_json::json!(1e20).to_string()));
        assert_ne!(row.get("Ratio", 4), &Cell::Literal(1e20f64.to_string()));
        assert_eq!(row.get("Ip", 0), &Cell::Null);
        assert_eq!(row.get("Missing", 0), &Cell::Null);
        assert_eq!(
            row.get("Days", 6),
            &Cell::List(vec![Cell::Object(r#"{"Day":1}"#.into())])
        );
        assert_eq!(row.get("At", 8), &Cell::Object(r#"{"x":1}"#.into()));
        assert_eq!(row.clone().into_owned(), row);
    }

    #[test]
    fn a_line_read_without_serde_is_the_row_serde_reads() {
        // Read without serde: KoXoLog's usual lines.
        let flat_lines = [
            "{}",
            r#"{"a":1,"b":true,"c":false,"d":null,"e":"x","a":2}"#,
            r#"{"Event":"Logon","User":"josé","Time":"2026-11-24T08:01:02.345+01:00","Line":18446744073709551615}"#,
        ];
        // Left to serde, which reads them: an escape, numbers that are not
        // a whole u64 as serde writes it, a list, an object, spaces.
        let for_serde = [
            r#"{"a":"x\"y"}"#,
            r#"{"a":"\u00e9"}"#,
            r#"{"a":-1}"#,
            r#"{"a":1.5}"#,
            r#"{"a":1e5}"#,
            r#"{"a":18446744073709551616}"#,
            r#"{"a":[1]}"#,
            r#"{"a":{"b":1}}"#,
            r#"{ "a":1}"#,
            r#"{"a" :1}"#,
            r#"{"a":1} "#,
        ];
        // Refused by both: a raw tab, a leading zero, cut short, trailing
        // text, misspelt, a comma too many, not an object.
        let refused = [
            "{\"a\":\"tab\there\"}",
            r#"{"a":01}"#,
            r#"{"a":"1""#,
            r#"{"a"}"#,
            r#"{"a":1}x"#,
            r#"{"a":nul}"#,
            r#"{"a":truex}"#,
            r#"{"a":1,}"#,
            r#"{,}"#,
            r#"{"#,
            r#"["a"]"#,
            r#""x""#,
            "",
        ];
        for line in flat_lines {
            let by_serde: Row = serde_json::from_str(line).unwrap();
            assert_eq!(flat(line), Some(by_serde), "{line}");
        }
        for line in for_serde {
            assert_eq!(flat(line), None, "{line}");
            let by_serde: Row = serde_json::from_str(line).unwrap();
            assert_eq!(Row::parse(line).unwrap(), by_serde, "{line}");
        }
        for line in refused {
            assert_eq!(flat(line), None, "{line}");
            assert!(Row::parse(line).is_err(), "{line}");
        }
    }

    #[test]
    fn what_is_not_an_object_is_refused() {
        for line in ["[1]", "\"text\"", "{\"a\":", "{} x"] {
            assert!(Row::parse(line).is_err(), "{line}");
        }
    }
}
