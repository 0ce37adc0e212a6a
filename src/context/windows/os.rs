//! The operating system's name, as an administrator knows it
//! (`Windows 11 Pro 24H2`): the registry's `ProductName` and
//! `DisplayVersion`, else the version numbers from `RtlGetVersion`.

use super::wide;
use std::ptr::null_mut;
use windows_sys::Wdk::System::SystemServices::RtlGetVersion;
use windows_sys::Win32::System::Registry::{HKEY_LOCAL_MACHINE, RRF_RT_REG_SZ, RegGetValueW};
use windows_sys::Win32::System::SystemInformation::OSVERSIONINFOW;

const CURRENT_VERSION: &str = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion";

/// Windows 11's first build: its registry still says "Windows 10".
const FIRST_WINDOWS_11_BUILD: u32 = 22000;

fn registry_text(value: &str) -> Option<String> {
    let key = wide::nul_terminated(CURRENT_VERSION);
    let value = wide::nul_terminated(value);
    let mut bytes = 0u32;
    // SAFETY: a size query: no buffer is written.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            value.as_ptr(),
            RRF_RT_REG_SZ,
            null_mut(),
            null_mut(),
            &mut bytes,
        )
    };
    if status != 0 || bytes == 0 {
        return None;
    }
    let mut buffer = vec![0u16; (bytes as usize).div_ceil(2)];
    // SAFETY: the buffer holds `bytes` bytes.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            value.as_ptr(),
            RRF_RT_REG_SZ,
            null_mut(),
            buffer.as_mut_ptr().cast(),
            &mut bytes,
        )
    };
    (status == 0).then(|| wide::text(&buffer)).flatten()
}

fn version_numbers() -> Option<String> {
    let mut info = OSVERSIONINFOW {
        dwOSVersionInfoSize: size_of::<OSVERSIONINFOW>() as u32,
        ..Default::default()
    };
    // SAFETY: `info` is a valid OSVERSIONINFOW with its size set.
    let status = unsafe { RtlGetVersion(&mut info) };
    (status == 0).then(|| {
        format!(
            "Windows {}.{}.{}",
            info.dwMajorVersion, info.dwMinorVersion, info.dwBuildNumber
        )
    })
}

/// The product name, corrected for Windows 11, with its release.
fn product() -> Option<String> {
    let mut name = registry_text("ProductName")?;
    let build: u32 = registry_text("CurrentBuildNumber")
        .and_then(|b| b.parse().ok())
        .unwrap_or(0);
    if build >= FIRST_WINDOWS_11_BUILD && name.starts_with("Windows 10") {
        name = name.replacen("Windows 10", "Windows 11", 1);
    }
    match registry_text("DisplayVersion").or_else(|| registry_text("ReleaseId")) {
        Some(release) => Some(format!("{name} {release}")),
        None => Some(name),
    }
}

pub(super) fn name() -> Option<String> {
    product().or_else(version_numbers)
}

/// Whether the user's display language is French (the primary language of
/// `GetUserDefaultUILanguage`, whatever the country).
pub(crate) fn user_language_is_french() -> bool {
    const LANG_FRENCH: u16 = 0x0c;
    // SAFETY: takes nothing, returns a language id.
    let id = unsafe { windows_sys::Win32::Globalization::GetUserDefaultUILanguage() };
    id & 0x3ff == LANG_FRENCH
}
