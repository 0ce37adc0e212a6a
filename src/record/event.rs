//! Event kinds and their eight-character tags.

use serde::Serialize;

/// What happened. Each kind has an eight-character tag in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Event {
    /// A session was opened (`[LOGON.]`).
    Logon,
    /// A session was closed (`[LOGOFF]`).
    Logoff,
    /// The session was locked (`[LOCK..]`).
    Lock,
    /// The session was unlocked (`[UNLOCK]`).
    Unlock,
    /// A remote session was reconnected (`[RECON.]`).
    Reconnect,
    /// A remote session was disconnected (`[DISCON]`).
    Disconnect,
    /// The computer started (`[START.]`).
    Startup,
    /// The computer shut down (`[SHUTDN]`).
    Shutdown,
    /// A tag this version does not know; the record is kept as it is.
    Other,
}

const TAGS: [(Event, &str); 8] = [
    (Event::Logon, "[LOGON.]"),
    (Event::Logoff, "[LOGOFF]"),
    (Event::Lock, "[LOCK..]"),
    (Event::Unlock, "[UNLOCK]"),
    (Event::Reconnect, "[RECON.]"),
    (Event::Disconnect, "[DISCON]"),
    (Event::Startup, "[START.]"),
    (Event::Shutdown, "[SHUTDN]"),
];

impl Event {
    /// The tag that starts this event's records (`None` for [`Event::Other`],
    /// whose records keep the tag they came with).
    pub fn tag(self) -> Option<&'static str> {
        TAGS.iter().find(|(e, _)| *e == self).map(|(_, t)| *t)
    }

    /// The kind of a tag; an unknown well-formed tag is [`Event::Other`].
    pub fn from_tag(tag: &str) -> Event {
        TAGS.iter().find(|(_, t)| *t == tag).map_or(Event::Other, |(e, _)| *e)
    }

    /// The name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Event::Logon => "Logon",
            Event::Logoff => "Logoff",
            Event::Lock => "Lock",
            Event::Unlock => "Unlock",
            Event::Reconnect => "Reconnect",
            Event::Disconnect => "Disconnect",
            Event::Startup => "Startup",
            Event::Shutdown => "Shutdown",
            Event::Other => "Other",
        }
    }
}

impl std::str::FromStr for Event {
    type Err = String;

    /// The event of a name (`logon`, `Logoff`: case-insensitive); `Other`
    /// is no name of an event.
    fn from_str(name: &str) -> Result<Event, String> {
        TAGS.iter()
            .map(|(event, _)| *event)
            .find(|event| event.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("'{name}' is not an event"))
    }
}

/// Whether `text` has the shape of a tag: `[`, six printable ASCII
/// characters other than brackets, `]`.
pub fn is_tag(text: &[u8]) -> bool {
    text.len() == 8
        && text[0] == b'['
        && text[7] == b']'
        && text[1..7]
            .iter()
            .all(|&b| b.is_ascii_graphic() && b != b'[' && b != b']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_is_eight_characters_and_round_trips() {
        for (event, tag) in TAGS {
            assert!(is_tag(tag.as_bytes()), "{tag}");
            assert_eq!(Event::from_tag(tag), event);
            assert_eq!(event.tag(), Some(tag));
        }
        assert_eq!(Event::from_tag("[FUTURE]"), Event::Other);
        assert!(!is_tag(b"[LOGON]"));
    }

    #[test]
    fn every_event_but_other_is_found_by_its_name_in_any_case() {
        for (event, _) in TAGS {
            assert_eq!(event.name().to_uppercase().parse::<Event>(), Ok(event));
        }
        assert!("other".parse::<Event>().is_err());
    }
}
