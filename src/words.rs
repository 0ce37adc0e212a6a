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
/// last word overlaps the one before it, so a value of 9 to 15 bytes costs
/// two words, not a word and a loop over the rest.
#[inline(always)]
pub fn any(bytes: &[u8], in_word: impl Fn(u64) -> bool, in_byte: impl Fn(u8) -> bool) -> bool {
    let word_at = |at: usize| u64::from_ne_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    match bytes.len() {
        0..8 => bytes.iter().any(|&b| in_byte(b)),
        length => (0..length / 8).any(|i| in_word(word_at(i * 8))) || in_word(word_at(length - 8)),
    }
}
