//! Who runs this process, from its access token: the user and domain of
//! the token's SID (`LookupAccountSidW`, else `GetUserNameExW`), and the
//! logon server of the token's logon session (`LsaGetLogonSessionData`).

use super::wide;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE, LUID};
use windows_sys::Win32::Security::Authentication::Identity::{
    GetUserNameExW, LsaFreeReturnBuffer, LsaGetLogonSessionData, NameSamCompatible, SECURITY_LOGON_SESSION_DATA,
};
use windows_sys::Win32::Security::{
    GetTokenInformation, LookupAccountSidW, PSID, TOKEN_INFORMATION_CLASS, TOKEN_QUERY, TOKEN_STATISTICS, TOKEN_USER,
    TokenStatistics, TokenUser,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// The account of the process and its logon session.
#[derive(Debug, Default)]
pub(super) struct Account {
    pub user: Option<String>,
    pub domain: Option<String>,
    pub logon_server: Option<String>,
}

/// The process token, closed when dropped.
struct Token(HANDLE);

impl Drop for Token {
    fn drop(&mut self) {
        // SAFETY: the handle was opened by OpenProcessToken and is closed once.
        unsafe { CloseHandle(self.0) };
    }
}

impl Token {
    fn of_process() -> Option<Token> {
        let mut handle: HANDLE = null_mut();
        // SAFETY: GetCurrentProcess is a pseudo-handle; `handle` is written on success.
        let opened = unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut handle) };
        (opened != 0).then_some(Token(handle))
    }

    /// One class of information, in a buffer aligned for the structure.
    fn information(&self, class: TOKEN_INFORMATION_CLASS) -> Option<Vec<u64>> {
        let mut size = 0u32;
        // SAFETY: a size query: no buffer is written.
        unsafe { GetTokenInformation(self.0, class, null_mut(), 0, &mut size) };
        if size == 0 {
            return None;
        }
        let mut buffer = vec![0u64; (size as usize).div_ceil(8)];
        // SAFETY: the buffer holds `size` bytes.
        let done = unsafe { GetTokenInformation(self.0, class, buffer.as_mut_ptr().cast(), size, &mut size) };
        (done != 0).then_some(buffer)
    }
}

/// The user and domain of a SID.
fn names_of(sid: PSID) -> Option<(Option<String>, Option<String>)> {
    let (mut name_len, mut domain_len, mut kind) = (0u32, 0u32, 0);
    // SAFETY: a size query: no buffer is written.
    unsafe {
        LookupAccountSidW(
            null(),
            sid,
            null_mut(),
            &mut name_len,
            null_mut(),
            &mut domain_len,
            &mut kind,
        )
    };
    if name_len == 0 {
        return None;
    }
    let mut name = vec![0u16; name_len as usize];
    let mut domain = vec![0u16; domain_len.max(1) as usize];
    // SAFETY: the buffers hold the sizes given.
    let found = unsafe {
        LookupAccountSidW(
            null(),
            sid,
            name.as_mut_ptr(),
            &mut name_len,
            domain.as_mut_ptr(),
            &mut domain_len,
            &mut kind,
        )
    };
    (found != 0).then(|| (wide::text(&name), wide::text(&domain)))
}

/// `DOMAIN\user` of the process, split.
fn sam_compatible_name() -> Option<(Option<String>, Option<String>)> {
    let mut size = 0u32;
    // SAFETY: a size query: no buffer is written.
    unsafe { GetUserNameExW(NameSamCompatible, null_mut(), &mut size) };
    let mut buffer = vec![0u16; size.max(1) as usize];
    // SAFETY: the buffer holds `size` units.
    if !unsafe { GetUserNameExW(NameSamCompatible, buffer.as_mut_ptr(), &mut size) } {
        return None;
    }
    let text = wide::text(&buffer)?;
    Some(match text.split_once('\\') {
        Some((domain, user)) => (Some(user.to_owned()), Some(domain.to_owned()).filter(|d| !d.is_empty())),
        None => (Some(text), None),
    })
}

/// The logon server of a logon session (`DC1`, without backslashes).
fn logon_server(session: LUID) -> Option<String> {
    let mut data: *mut SECURITY_LOGON_SESSION_DATA = null_mut();
    // SAFETY: `data` is written on success and freed below.
    let status = unsafe { LsaGetLogonSessionData(&session, &mut data) };
    if status != 0 || data.is_null() {
        return None;
    }
    // SAFETY: the system returned a valid structure; its string holds `Length` bytes.
    let server = unsafe {
        let name = &(*data).LogonServer;
        if name.Buffer.is_null() {
            None
        } else {
            wide::text(std::slice::from_raw_parts(name.Buffer, usize::from(name.Length) / 2))
        }
    };
    // SAFETY: the buffer came from LsaGetLogonSessionData.
    unsafe { LsaFreeReturnBuffer(data.cast()) };
    server
        .map(|s| s.trim_start_matches('\\').to_owned())
        .filter(|s| !s.is_empty())
}

/// The account running this process, as the system knows it.
pub(super) fn of_process() -> Account {
    let Some(token) = Token::of_process() else {
        let (user, domain) = sam_compatible_name().unwrap_or_default();
        return Account {
            user,
            domain,
            logon_server: None,
        };
    };
    let by_sid = token.information(TokenUser).and_then(|buffer| {
        // SAFETY: the buffer holds a TOKEN_USER, aligned.
        let sid = unsafe { (*buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid };
        names_of(sid)
    });
    let (user, domain) = by_sid.or_else(sam_compatible_name).unwrap_or_default();
    let logon_server = token.information(TokenStatistics).and_then(|buffer| {
        // SAFETY: the buffer holds a TOKEN_STATISTICS, aligned.
        let session = unsafe { (*buffer.as_ptr().cast::<TOKEN_STATISTICS>()).AuthenticationId };
        logon_server(session)
    });
    Account {
        user,
        domain,
        logon_server,
    }
}
