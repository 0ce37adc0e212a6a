//! UTF-16 strings to and from the Windows API.

/// `text` as a NUL-terminated UTF-16 string.
pub(super) fn nul_terminated(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The text of `units` up to the first NUL, `None` when empty.
pub(super) fn text(units: &[u16]) -> Option<String> {
    let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
    let text = String::from_utf16_lossy(&units[..end]);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The text of a NUL-terminated UTF-16 string the system returned.
///
/// # Safety
/// `pointer` is null or points to a NUL-terminated UTF-16 string.
pub(super) unsafe fn text_at(pointer: *const u16) -> Option<String> {
    if pointer.is_null() {
        return None;
    }
    let mut len = 0;
    // SAFETY: the string is NUL-terminated, so every unit up to the NUL is readable.
    while unsafe { *pointer.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` units were just read.
    text(unsafe { std::slice::from_raw_parts(pointer, len) })
}
