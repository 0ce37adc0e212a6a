//! Record ids: ULIDs (26 characters of Crockford base32: 48 bits of
//! milliseconds since 1970, then 80 random bits). They sort by creation time,
//! and let a reader recognise the same record delivered twice.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The ULID for a time (milliseconds since 1970) and 80 random bits.
pub fn encode(millis: u64, random: u128) -> String {
    let value: u128 = (u128::from(millis & 0xFFFF_FFFF_FFFF) << 80) | (random & ((1u128 << 80) - 1));
    (0..26)
        .rev()
        .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// The 128 bits of a ULID written as [`encode`] writes it: 26 characters
/// of the canonical (upper-case) alphabet, the first at most `7`. Any other
/// text gives `None`, so two texts give the same bits only when they are
/// the same text (readers use this to keep ids as numbers).
pub fn parse(text: &str) -> Option<u128> {
    let bytes = text.as_bytes();
    if bytes.len() != 26 || bytes[0] > b'7' {
        return None;
    }
    bytes
        .iter()
        .try_fold(0u128, |value, &byte| match DIGITS[usize::from(byte)] {
            NOT_A_DIGIT => None,
            digit => Some(value << 5 | u128::from(digit)),
        })
}

/// The value of each byte of [`ALPHABET`], [`NOT_A_DIGIT`] for any other
/// byte: `sessions` reads an id of every record.
const DIGITS: [u8; 256] = {
    let mut digits = [NOT_A_DIGIT; 256];
    let mut value = 0;
    while value < ALPHABET.len() {
        digits[ALPHABET[value] as usize] = value as u8;
        value += 1;
    }
    digits
};

const NOT_A_DIGIT: u8 = u8::MAX;

/// A new ULID for the given time, with random bits from the system.
pub fn new(millis: u64) -> String {
    let mut bytes = [0u8; 16];
    // The id only needs to be unique; should the system's generator fail,
    // the process id and the time still separate the writers.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes = (nanos ^ (u128::from(std::process::id()) << 64)).to_le_bytes();
    }
    encode(millis, u128::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_26_characters_and_sort_by_time() {
        let a = encode(1_700_000_000_000, u128::MAX);
        let b = encode(1_700_000_000_001, 0);
        assert_eq!(a.len(), 26);
        assert!(a < b, "{a} {b}");
        assert_eq!(encode(0, 0), "0".repeat(26));
        assert_ne!(new(1), new(1));
    }

    #[test]
    fn a_ulid_reads_back_to_its_bits_and_nothing_else_does() {
        for (millis, random) in [(0, 0), (1_700_000_000_000, u128::MAX), (0xFFFF_FFFF_FFFF, 12_345)] {
            let text = encode(millis, random);
            let bits = parse(&text).expect("a ULID");
            assert_eq!(encode((bits >> 80) as u64, bits), text, "{text}");
        }
        assert_eq!(parse(&format!("7{}", "0".repeat(25))), Some(7u128 << 125));
        for other in [
            "",
            "ID0001",
            "01jdx3kq0000000000000000aa",
            "81JDX3KQ0000000000000000AA",
            "01JDX3KQ000000000000000OAA",
            "01JDX3KQ0000000000000000AAB",
        ] {
            assert_eq!(parse(other), None, "{other}");
        }
    }
}
