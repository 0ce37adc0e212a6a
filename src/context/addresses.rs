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
}
