//! The domain's PDC emulator, from the domain's locator (`DsGetDcNameW`).

use super::wide;
use std::ptr::{null, null_mut};
use windows_sys::Win32::NetworkManagement::NetManagement::NetApiBufferFree;
use windows_sys::Win32::Networking::ActiveDirectory::{
    DOMAIN_CONTROLLER_INFOW, DS_PDC_REQUIRED, DS_RETURN_DNS_NAME, DsGetDcNameW,
};

/// The DNS name of the PDC emulator of this computer's domain, or why the
/// locator could not say.
pub(crate) fn pdc_emulator() -> Result<String, String> {
    let mut info: *mut DOMAIN_CONTROLLER_INFOW = null_mut();
    // SAFETY: `info` is written on success and freed below.
    let status = unsafe {
        DsGetDcNameW(
            null(),
            null(),
            null(),
            null(),
            DS_PDC_REQUIRED | DS_RETURN_DNS_NAME,
            &mut info,
        )
    };
    if status != 0 || info.is_null() {
        let reason = std::io::Error::from_raw_os_error(status as i32);
        return Err(format!("DsGetDcNameW: {reason}"));
    }
    // SAFETY: the system returned a valid structure.
    let name = unsafe { wide::text_at((*info).DomainControllerName) };
    // SAFETY: the buffer came from DsGetDcNameW.
    unsafe { NetApiBufferFree(info.cast()) };
    name.map(|n| n.trim_start_matches('\\').to_owned())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| "DsGetDcNameW gave no name".to_owned())
}

/// The domain this computer is joined to, or nothing for a workgroup
/// computer (`NetGetJoinInformation`).
pub(crate) fn joined_domain() -> Option<String> {
    use windows_sys::Win32::NetworkManagement::NetManagement::{
        NETSETUP_JOIN_STATUS, NetGetJoinInformation, NetSetupDomainName,
    };
    let mut name: *mut u16 = null_mut();
    let mut status: NETSETUP_JOIN_STATUS = 0;
    // SAFETY: `name` is written on success and freed below.
    let error = unsafe { NetGetJoinInformation(null(), &mut name, &mut status) };
    if error != 0 || name.is_null() {
        return None;
    }
    // SAFETY: the system returned a NUL-terminated string.
    let domain = unsafe { wide::text_at(name) };
    // SAFETY: the buffer came from NetGetJoinInformation.
    unsafe { NetApiBufferFree(name.cast()) };
    domain.filter(|_| status == NetSetupDomainName)
}
