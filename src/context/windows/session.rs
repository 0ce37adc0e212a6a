//! The computer's name (`GetComputerNameExW`) and the Remote Desktop
//! session of this process (`WTSQuerySessionInformationW`): the session's
//! name (`Console`, `RDP-Tcp#3`), its id and, for a remote session, the
//! client's name and address.

use super::wide;
use std::ptr::null_mut;
use windows_sys::Win32::System::RemoteDesktop::{
    ProcessIdToSessionId, WTS_CLIENT_ADDRESS, WTS_CURRENT_SERVER_HANDLE, WTS_CURRENT_SESSION, WTS_INFO_CLASS,
    WTSClientAddress, WTSClientName, WTSFreeMemory, WTSQuerySessionInformationW, WTSWinStationName,
};
use windows_sys::Win32::System::SystemInformation::{ComputerNameNetBIOS, GetComputerNameExW};

/// The computer's NetBIOS name, as `%COMPUTERNAME%` shows it.
pub(super) fn computer() -> Option<String> {
    let mut size = 0u32;
    // SAFETY: a size query: no buffer is written.
    unsafe { GetComputerNameExW(ComputerNameNetBIOS, null_mut(), &mut size) };
    let mut buffer = vec![0u16; size.max(1) as usize];
    // SAFETY: the buffer holds `size` units.
    let done = unsafe { GetComputerNameExW(ComputerNameNetBIOS, buffer.as_mut_ptr(), &mut size) };
    if done == 0 {
        return None;
    }
    wide::text(&buffer)
}

fn current_session(class: WTS_INFO_CLASS) -> Option<String> {
    let mut buffer: *mut u16 = null_mut();
    let mut bytes = 0u32;
    // SAFETY: `buffer` is written on success and freed below.
    let done = unsafe {
        WTSQuerySessionInformationW(
            WTS_CURRENT_SERVER_HANDLE,
            WTS_CURRENT_SESSION,
            class,
            &mut buffer,
            &mut bytes,
        )
    };
    if done == 0 || buffer.is_null() {
        return None;
    }
    // SAFETY: the system returned a NUL-terminated string of `bytes` bytes.
    let text = unsafe { wide::text(std::slice::from_raw_parts(buffer, bytes as usize / 2)) };
    // SAFETY: the buffer came from WTSQuerySessionInformationW.
    unsafe { WTSFreeMemory(buffer.cast()) };
    text
}

/// The name of this session's window station: `Console`, `RDP-Tcp#3`.
pub(super) fn station() -> Option<String> {
    current_session(WTSWinStationName)
}

/// The remote client's name, for a Remote Desktop session.
pub(super) fn client() -> Option<String> {
    current_session(WTSClientName)
}

/// The address the client of this Remote Desktop session reported
/// (`WTSClientAddress`); none for the console.
pub(super) fn client_address() -> Option<String> {
    let mut buffer: *mut u16 = null_mut();
    let mut bytes = 0u32;
    // SAFETY: `buffer` is written on success and freed below.
    let done = unsafe {
        WTSQuerySessionInformationW(
            WTS_CURRENT_SERVER_HANDLE,
            WTS_CURRENT_SESSION,
            WTSClientAddress,
            &mut buffer,
            &mut bytes,
        )
    };
    if done == 0 || buffer.is_null() {
        return None;
    }
    let address = (bytes as usize >= size_of::<WTS_CLIENT_ADDRESS>()).then(|| {
        // SAFETY: the system returned a WTS_CLIENT_ADDRESS of `bytes` bytes
        // (checked above); it is read unaligned, byte by byte.
        unsafe { std::ptr::read_unaligned(buffer.cast::<WTS_CLIENT_ADDRESS>()) }
    });
    // SAFETY: the buffer came from WTSQuerySessionInformationW.
    unsafe { WTSFreeMemory(buffer.cast()) };
    address.and_then(|a| crate::context::addresses::client_address(a.AddressFamily, &a.Address))
}

/// This process's Remote Desktop (WTS) session id, in decimal: what tells
/// two sessions of one user on one server apart.
pub(super) fn id() -> Option<String> {
    let mut id = 0u32;
    // SAFETY: `id` is written on success.
    let done = unsafe { ProcessIdToSessionId(windows_sys::Win32::System::Threading::GetCurrentProcessId(), &mut id) };
    (done != 0).then(|| id.to_string())
}
