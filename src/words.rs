//! Bytes looked at eight at a time, as one native-endian word: most values
//! of a record (names, addresses, ids) are checked for a few kinds of byte
//! by the million, and a byte-by-byte loop costs several instructions a
//! byte.

/// The byte 0x01 in every lane of a word.
pub const ONES: u64 = u64::from_ne_bytes([1; 8]);

/// The high bit of every lane of a word.
pub const HIGH: u64 = ONES * 0x80;

/// Not zero when some byte of `word` is below `limit` (at most 0x80).
/// Exact as a whole, though the bit set is not always that byte's: tests
/// are or-ed together, then compared with zero once.
#[inline(always)]
pub fn below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH
}

/// Not zero when some byte of `word` is `byte` (as [`below`]).
#[inline(always)]
pub fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * u64::from(byte)), 1)
}

/// Whether some byte of `bytes` is one `in_word` finds in a word, or, for
/// fewer than eight bytes, `in_byte` in a byte (the two must agree). The
/// last word ends at the last byte, overlapping the one before it, so a
/// value of 9 to 16 bytes costs two words, not a word and a loop over the
/// rest.
#[inline(always)]
pub fn any(bytes: &[u8], in_word: impl Fn(u64) -> bool, in_byte: impl Fn(u8) -> bool) -> bool {
    let word_at = |at: usize| u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    match bytes.len() {
        0..8 => bytes.iter().any(|&b| in_byte(b)),
        length => (0..(length - 1) / 8).any(|i| in_word(word_at(i * 8))) || in_word(word_at(length - 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes around the edges the tests look at, and the ones they look for.
    const EDGES: [u8; 10] = [0x00, 0x01, 0x1F, 0x20, b'"', b'\\', 0x7E, 0x7F, 0x80, 0xFF];

    #[test]
    fn a_byte_below_a_limit_or_equal_to_one_is_found_among_others_at_any_length() {
        let found = |bytes: &[u8], limit: u8, byte: u8| {
            any(
                bytes,
                |word| below(word, limit) | equal(word, byte) != 0,
                |b| b < limit || b == byte,
            )
        };
        // Two bytes of the edges anywhere in 0 to 25 bytes, the rest
        // harmless: every length of the tail word, and borrows running
        // from one lane into the next.
        for length in 0..26 {
            for first in 0..length {
                for second in first..length {
                    for (a, b) in EDGES.iter().flat_map(|&a| EDGES.map(|b| (a, b))) {
                        let mut bytes = vec![b'a'; length];
                        bytes[first] = a;
                        bytes[second] = b;
                        for (limit, byte) in [(0x20, b'"'), (1, b'\\'), (0x61, 0xFF)] {
                            let expected = bytes.iter().any(|&x| x < limit || x == byte);
                            assert_eq!(found(&bytes, limit, byte), expected, "{bytes:?} {limit} {byte}");
                        }
                    }
                }
            }
        }
    }
}
