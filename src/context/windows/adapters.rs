//! The computer's IP and MAC addresses, from its network adapters that are
//! up (`GetAdaptersAddresses`); the loopback adapter is left out.

use crate::context::addresses;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use windows_sys::Win32::Foundation::{ERROR_BUFFER_OVERFLOW, NO_ERROR};
use windows_sys::Win32::NetworkManagement::IpHelper::{
    GAA_FLAG_SKIP_ANYCAST, GAA_FLAG_SKIP_DNS_SERVER, GAA_FLAG_SKIP_MULTICAST, GetAdaptersAddresses,
    IF_TYPE_SOFTWARE_LOOPBACK, IP_ADAPTER_ADDRESSES_LH,
};
use windows_sys::Win32::NetworkManagement::Ndis::IfOperStatusUp;
use windows_sys::Win32::Networking::WinSock::{AF_INET, AF_INET6, AF_UNSPEC, SOCKADDR, SOCKADDR_IN, SOCKADDR_IN6};

/// The addresses, as the records write them.
#[derive(Debug, Default)]
pub(super) struct Addresses {
    pub ip: Option<String>,
    pub mac: Option<String>,
}

/// The adapters' list, in a buffer aligned for its structures.
fn adapters_buffer() -> Option<Vec<u64>> {
    let flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    let mut size = 16 * 1024u32;
    // The list may grow between two calls: a few tries.
    for _ in 0..4 {
        let mut buffer = vec![0u64; (size as usize).div_ceil(8)];
        // SAFETY: the buffer holds `size` bytes, aligned for IP_ADAPTER_ADDRESSES_LH.
        let status = unsafe {
            GetAdaptersAddresses(
                u32::from(AF_UNSPEC),
                flags,
                std::ptr::null(),
                buffer.as_mut_ptr().cast(),
                &mut size,
            )
        };
        match status {
            NO_ERROR => return Some(buffer),
            ERROR_BUFFER_OVERFLOW => continue,
            _ => return None,
        }
    }
    None
}

/// The IP address of a socket address.
///
/// # Safety
/// `address` is null or points to a SOCKADDR of its family's size.
unsafe fn ip_of(address: *const SOCKADDR) -> Option<IpAddr> {
    if address.is_null() {
        return None;
    }
    // SAFETY: the family says which structure `address` is.
    unsafe {
        match (*address).sa_family {
            AF_INET => {
                let v4 = &*address.cast::<SOCKADDR_IN>();
                Some(IpAddr::V4(Ipv4Addr::from(u32::from_be(v4.sin_addr.S_un.S_addr))))
            }
            AF_INET6 => {
                let v6 = &*address.cast::<SOCKADDR_IN6>();
                Some(IpAddr::V6(Ipv6Addr::from(v6.sin6_addr.u.Byte)))
            }
            _ => None,
        }
    }
}

/// The addresses of the adapters that are up.
pub(super) fn list() -> Addresses {
    let Some(buffer) = adapters_buffer() else {
        return Addresses::default();
    };
    let mut ips = Vec::new();
    let mut macs = Vec::new();
    let mut adapter = buffer.as_ptr().cast::<IP_ADAPTER_ADDRESSES_LH>();
    // SAFETY: the system filled the buffer with a linked list of adapters
    // (and of their unicast addresses) that all point inside it.
    unsafe {
        while !adapter.is_null() {
            let current = &*adapter;
            if current.IfType != IF_TYPE_SOFTWARE_LOOPBACK && current.OperStatus == IfOperStatusUp {
                let length = (current.PhysicalAddressLength as usize).min(current.PhysicalAddress.len());
                macs.extend(addresses::mac_text(&current.PhysicalAddress[..length]));
                let mut unicast = current.FirstUnicastAddress;
                while !unicast.is_null() {
                    ips.extend(ip_of((*unicast).Address.lpSockaddr));
                    unicast = (*unicast).Next;
                }
            }
            adapter = current.Next;
        }
    }
    Addresses {
        ip: addresses::ip_list(ips),
        mac: addresses::mac_list(macs),
    }
}
