//! Active Directory's encodings, decoded into what an administrator reads:
//! FILETIME integers and GeneralizedTime strings into times, the bits of
//! `userAccountControl` into flag names, `objectSid` and `objectGUID` into
//! their usual text forms, a distinguished name into its parts.

use chrono::{DateTime, NaiveDateTime, Utc};

/// Seconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01.
const FILETIME_UNIX_OFFSET_SECONDS: i64 = 11_644_473_600;

/// A FILETIME (100-nanosecond intervals since 1601-01-01 UTC, as in
/// `lastLogonTimestamp`, `pwdLastSet`, `lockoutTime`) as a time. `0`
/// ("never", or for `pwdLastSet` "must change at next logon") and the
/// largest value ("never expires") are no time at all.
pub fn filetime(text: &str) -> Option<DateTime<Utc>> {
    let ticks: i64 = text.trim().parse().ok()?;
    if ticks <= 0 || ticks == i64::MAX {
        return None;
    }
    let seconds = ticks / 10_000_000 - FILETIME_UNIX_OFFSET_SECONDS;
    let nanoseconds = (ticks % 10_000_000) * 100;
    DateTime::from_timestamp(seconds, nanoseconds as u32)
}

/// A GeneralizedTime (RFC 4517: `20261124080102.0Z`, `20261124080102Z`,
/// `20261124090102+0100`) as a time.
pub fn generalized_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let digits = text.get(..14)?;
    let mut time = NaiveDateTime::parse_from_str(digits, "%Y%m%d%H%M%S").ok()?.and_utc();
    let mut rest = &text[14..];
    if let Some(fraction) = rest.strip_prefix(['.', ',']) {
        let length = fraction.bytes().take_while(u8::is_ascii_digit).count();
        let nanoseconds = format!("{:0<9}", &fraction[..length.min(9)]).parse::<i64>().ok()?;
        time += chrono::Duration::nanoseconds(nanoseconds);
        rest = &fraction[length..];
    }
    match rest {
        "Z" | "" => Some(time),
        offset => {
            let sign = match offset.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let hours: i64 = offset.get(1..3)?.parse().ok()?;
            let minutes: i64 = offset.get(3..5).map_or(Some(0), |m| m.parse().ok())?;
            Some(time - chrono::Duration::minutes(sign * (hours * 60 + minutes)))
        }
    }
}

/// The bits of `userAccountControl`, by the names Microsoft documents.
const ACCOUNT_FLAGS: [(u32, &str); 22] = [
    (0x0000_0001, "SCRIPT"),
    (0x0000_0002, "ACCOUNTDISABLE"),
    (0x0000_0008, "HOMEDIR_REQUIRED"),
    (0x0000_0010, "LOCKOUT"),
    (0x0000_0020, "PASSWD_NOTREQD"),
    (0x0000_0040, "PASSWD_CANT_CHANGE"),
    (0x0000_0080, "ENCRYPTED_TEXT_PWD_ALLOWED"),
    (0x0000_0100, "TEMP_DUPLICATE_ACCOUNT"),
    (0x0000_0200, "NORMAL_ACCOUNT"),
    (0x0000_0800, "INTERDOMAIN_TRUST_ACCOUNT"),
    (0x0000_1000, "WORKSTATION_TRUST_ACCOUNT"),
    (0x0000_2000, "SERVER_TRUST_ACCOUNT"),
    (0x0001_0000, "DONT_EXPIRE_PASSWORD"),
    (0x0002_0000, "MNS_LOGON_ACCOUNT"),
    (0x0004_0000, "SMARTCARD_REQUIRED"),
    (0x0008_0000, "TRUSTED_FOR_DELEGATION"),
    (0x0010_0000, "NOT_DELEGATED"),
    (0x0020_0000, "USE_DES_KEY_ONLY"),
    (0x0040_0000, "DONT_REQ_PREAUTH"),
    (0x0080_0000, "PASSWORD_EXPIRED"),
    (0x0100_0000, "TRUSTED_TO_AUTH_FOR_DELEGATION"),
    (0x0400_0000, "PARTIAL_SECRETS_ACCOUNT"),
];

/// The `ACCOUNTDISABLE` bit of `userAccountControl`.
pub const ACCOUNT_DISABLED: u32 = 0x2;

/// The `LOCKOUT` bit of `userAccountControl` and of
/// `msDS-User-Account-Control-Computed`.
pub const ACCOUNT_LOCKED_OUT: u32 = 0x10;

/// A `userAccountControl` value (a signed 32-bit integer on the wire).
pub fn account_control(text: &str) -> Option<u32> {
    let value: i64 = text.trim().parse().ok()?;
    Some(value as u32)
}

/// The names of the bits set in a `userAccountControl` value, comma-separated
/// (`NORMAL_ACCOUNT, DONT_EXPIRE_PASSWORD`); a bit without a name shows as
/// its hexadecimal value.
pub fn account_flags(value: u32) -> String {
    let mut names: Vec<String> = Vec::new();
    for bit in (0..32).map(|shift| 1u32 << shift).filter(|bit| value & bit != 0) {
        match ACCOUNT_FLAGS.iter().find(|(flag, _)| *flag == bit) {
            Some((_, name)) => names.push((*name).to_owned()),
            None => names.push(format!("0x{bit:08X}")),
        }
    }
    names.join(", ")
}

/// An `objectSid` (the binary SID) in its text form, `S-1-5-21-...`.
///
/// Layout: revision (1 byte), count of sub-authorities (1 byte), identifier
/// authority (6 bytes, big-endian), then each sub-authority (4 bytes,
/// little-endian).
pub fn sid(bytes: &[u8]) -> Option<String> {
    let (&revision, rest) = bytes.split_first()?;
    let (&count, rest) = rest.split_first()?;
    let (authority, rest) = rest.split_at_checked(6)?;
    if rest.len() != usize::from(count) * 4 {
        return None;
    }
    let authority = authority.iter().fold(0u64, |value, &byte| value << 8 | u64::from(byte));
    let mut text = format!("S-{revision}-{authority}");
    for part in rest.chunks_exact(4) {
        text.push_str(&format!(
            "-{}",
            u32::from_le_bytes([part[0], part[1], part[2], part[3]])
        ));
    }
    Some(text)
}

/// An `objectGUID` (16 bytes) in the form .NET and the AD cmdlets show,
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`: the first three groups are stored
/// little-endian, the last two as they are.
pub fn guid(bytes: &[u8]) -> Option<String> {
    let b: &[u8; 16] = bytes.try_into().ok()?;
    Some(format!(
        "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
        b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
    ))
}

/// The relative names of a distinguished name, first (the entry) to last
/// (the domain), split on the commas that are not escaped.
fn components(dn: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (index, c) in dn.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                parts.push(dn[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(dn[start..].trim());
    parts
}

/// The container of an entry: its distinguished name without the first
/// component (`OU=Staff,DC=example,DC=test` for
/// `CN=jdoe,OU=Staff,DC=example,DC=test`).
pub fn parent(dn: &str) -> Option<String> {
    let parts = components(dn);
    (parts.len() > 1).then(|| parts[1..].join(","))
}

/// The value of the first component, unescaped: `Smith, John` for
/// `CN=Smith\, John,OU=Staff,DC=example,DC=test`.
pub fn first_value(dn: &str) -> String {
    let first = components(dn)[0];
    let value = first.split_once('=').map_or(first, |(_, value)| value);
    unescape(value)
}

/// A DN value with its escapes undone: `\,` is `,`, `\2C` is `,`.
fn unescape(value: &str) -> String {
    let mut bytes = Vec::with_capacity(value.len());
    let mut rest = value.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        if byte != b'\\' {
            bytes.push(byte);
            continue;
        }
        let hex = rest
            .get(..2)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (hex, rest.split_first()) {
            (Some(decoded), _) => {
                bytes.push(decoded);
                rest = &rest[2..];
            }
            (None, Some((&escaped, tail))) => {
                bytes.push(escaped);
                rest = tail;
            }
            (None, None) => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn filetimes_become_times() {
        // 2026-11-24T08:01:02.5Z, counted in 100 ns since 1601.
        let ticks = (utc("2026-11-24T08:01:02Z").timestamp() + 11_644_473_600) * 10_000_000 + 5_000_000;
        assert_eq!(filetime(&ticks.to_string()), Some(utc("2026-11-24T08:01:02.5Z")));
        assert_eq!(filetime("116444736000000000"), Some(utc("1970-01-01T00:00:00Z")));
    }

    #[test]
    fn never_is_no_time() {
        assert_eq!(filetime("0"), None);
        assert_eq!(filetime("9223372036854775807"), None);
        assert_eq!(filetime("-1"), None);
        assert_eq!(filetime("soon"), None);
    }

    #[test]
    fn generalized_times_in_their_forms() {
        assert_eq!(generalized_time("20261124080102.0Z"), Some(utc("2026-11-24T08:01:02Z")));
        assert_eq!(generalized_time("20261124080102Z"), Some(utc("2026-11-24T08:01:02Z")));
        assert_eq!(
            generalized_time("20261124080102.25Z"),
            Some(utc("2026-11-24T08:01:02.25Z"))
        );
        assert_eq!(
            generalized_time("20261124090102+0100"),
            Some(utc("2026-11-24T08:01:02Z"))
        );
        assert_eq!(
            generalized_time("20261124023102-0530"),
            Some(utc("2026-11-24T08:01:02Z"))
        );
        assert_eq!(generalized_time("2026-11-24"), None);
    }

    #[test]
    fn account_control_bits_are_named() {
        assert_eq!(account_flags(0x200), "NORMAL_ACCOUNT");
        assert_eq!(
            account_flags(0x10202),
            "ACCOUNTDISABLE, NORMAL_ACCOUNT, DONT_EXPIRE_PASSWORD"
        );
        assert_eq!(
            account_flags(0x1000 | 0x8000_0000),
            "WORKSTATION_TRUST_ACCOUNT, 0x80000000"
        );
        assert_eq!(account_control("-2147483136"), Some(0x8000_0200));
        assert_eq!(account_control("66048"), Some(0x10200));
    }

    #[test]
    fn sids_in_text_form() {
        // BUILTIN\Administrators.
        let administrators = [1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 32, 2, 0, 0];
        assert_eq!(sid(&administrators).as_deref(), Some("S-1-5-32-544"));
        let domain_user = [
            1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0x15, 0xcd, 0x5b, 0x07, 0xb1, 0x7c, 0x2e, 0x3f, 0xff, 0xff, 0xff,
            0xff, 0x51, 0x04, 0, 0,
        ];
        assert_eq!(
            sid(&domain_user).as_deref(),
            Some("S-1-5-21-123456789-1060011185-4294967295-1105")
        );
        assert_eq!(sid(&administrators[..15]), None);
        assert_eq!(sid(&[]), None);
    }

    #[test]
    fn guids_in_dotnet_form() {
        let bytes = [
            0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
        ];
        assert_eq!(guid(&bytes).as_deref(), Some("00112233-4455-6677-8899-aabbccddeeff"));
        assert_eq!(guid(&bytes[..15]), None);
    }

    #[test]
    fn distinguished_names_come_apart_at_unescaped_commas() {
        let dn = r"CN=Smith\, John,OU=Staff,DC=example,DC=test";
        assert_eq!(parent(dn).as_deref(), Some("OU=Staff,DC=example,DC=test"));
        assert_eq!(first_value(dn), "Smith, John");
        assert_eq!(first_value(r"CN=Caf\C3\A9 \2B Co,DC=test"), "Café + Co");
        assert_eq!(parent("DC=test"), None);
    }
}
