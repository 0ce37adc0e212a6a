//! The addresses a record holds, written the same way on every platform:
//! IP addresses (IPv4 first, then IPv6; no loopback, no link-local) and MAC
//! addresses as Windows writes them (`00-1A-2B-3C-4D-5E`), each list
//! comma-separated.

use std::net::IpAddr;

fn is_kept(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified(),
        IpAddr::V6(v6) => !v6.is_loopback() && !v6.is_unspecified() && (v6.segments()[0] & 0xffc0) != 0xfe80,
    }
}

/// The IP addresses worth recording, IPv4 first, each once.
pub(super) fn ip_list(ips: impl IntoIterator<Item = IpAddr>) -> Option<String> {
    let mut kept: Vec<IpAddr> = Vec::new();
    for ip in ips.into_iter().filter(is_kept) {
        if !kept.contains(&ip) {
            kept.push(ip);
        }
    }
    kept.sort_by_key(IpAddr::is_ipv6);
    let text: Vec<String> = kept.iter().map(ToString::to_string).collect();
    (!text.is_empty()).then(|| text.join(", "))
}

/// A MAC address (six bytes, not all zero) as Windows writes it.
pub(super) fn mac_text(bytes: &[u8]) -> Option<String> {
    if bytes.len() != 6 || bytes.iter().all(|&b| b == 0) {
        return None;
    }
    let parts: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
    Some(parts.join("-"))
}

/// The MAC addresses, sorted, each once.
pub(super) fn mac_list(macs: impl IntoIterator<Item = String>) -> Option<String> {
    let mut macs: Vec<String> = macs.into_iter().collect();
    macs.sort();
    macs.dedup();
    (!macs.is_empty()).then(|| macs.join(", "))
}

/// The client's address of a Remote Desktop session, from the address family
/// and the bytes of `WTS_CLIENT_ADDRESS`: an IPv4 address is in bytes 2 to 5,
/// an IPv6 address in bytes 0 to 15. Other families (AF_UNSPEC for the
/// console, NetBIOS, IPX) and an unspecified address give none.
// Only the Windows context asks for it; the tests check it everywhere.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn client_address(family: u32, bytes: &[u8; 20]) -> Option<String> {
    const AF_INET: u32 = 2;
    const AF_INET6: u32 = 23;
    let ip = match family {
        AF_INET => IpAddr::from([bytes[2], bytes[3], bytes[4], bytes[5]]),
        AF_INET6 => {
            let mut v6 = [0u8; 16];
            v6.copy_from_slice(&bytes[..16]);
            IpAddr::from(v6)
        }
        _ => return None,
    };
    (!ip.is_unspecified()).then(|| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_addresses_are_ipv4_first_without_loopback_or_link_local() {
        let ips = [
            "fe80::1",
            "2001:db8::5",
            "127.0.0.1",
            "10.0.0.5",
            "169.254.1.1",
            "10.0.0.5",
            "::1",
            "10.0.1.5",
        ];
        let text = ip_list(ips.iter().map(|ip| ip.parse().unwrap()));
        assert_eq!(text.as_deref(), Some("10.0.0.5, 10.0.1.5, 2001:db8::5"));
        assert_eq!(ip_list(["127.0.0.1".parse().unwrap()]), None);
    }

    #[test]
    fn mac_addresses_are_written_as_windows_does() {
        assert_eq!(
            mac_text(&[0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]).as_deref(),
            Some("00-1A-2B-3C-4D-5E")
        );
        assert_eq!(mac_text(&[0; 6]), None);
        assert_eq!(mac_text(&[1, 2, 3, 4, 5, 6, 7, 8]), None);
        let list = mac_list([
            "BB-00-00-00-00-01".to_owned(),
            "AA-00-00-00-00-01".to_owned(),
            "BB-00-00-00-00-01".to_owned(),
        ]);
        assert_eq!(list.as_deref(), Some("AA-00-00-00-00-01, BB-00-00-00-00-01"));
    }

    #[test]
    fn a_remote_client_address_is_read_as_windows_lays_it_out() {
        let mut v4 = [0u8; 20];
        v4[2..6].copy_from_slice(&[192, 168, 0, 1]);
        assert_eq!(client_address(2, &v4).as_deref(), Some("192.168.0.1"));
        let mut v6 = [0u8; 20];
        v6[..2].copy_from_slice(&[0xFF, 0xFF]);
        v6[15] = 1;
        assert_eq!(client_address(23, &v6).as_deref(), Some("ffff::1"));
        assert_eq!(client_address(2, &[0u8; 20]), None, "no address");
        assert_eq!(client_address(0, &v4), None, "AF_UNSPEC: the console");
        assert_eq!(client_address(17, &v4), None, "NetBIOS");
    }
}
