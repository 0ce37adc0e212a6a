//! One name looked up in the directory: the search, and the entry it finds
//! made into a [`DirectoryEntry`], decoded.

use super::connection::Connection;
use super::{Kind, decode, filter};
use crate::format::time;
use crate::json::directory_entry::DirectoryEntry;
use chrono::{DateTime, Utc};
use ldap3::{Scope, SearchEntry};
use std::collections::HashMap;

/// The attributes asked for. `msDS-User-Account-Control-Computed` is
/// computed by Active Directory, and only returned when asked by name.
const ATTRIBUTES: [&str; 23] = [
    "sAMAccountName",
    "userPrincipalName",
    "dNSHostName",
    "displayName",
    "description",
    "mail",
    "department",
    "title",
    "memberOf",
    "userAccountControl",
    "msDS-User-Account-Control-Computed",
    "lockoutTime",
    "lastLogonTimestamp",
    "lastLogon",
    "pwdLastSet",
    "whenCreated",
    "whenChanged",
    "operatingSystem",
    "operatingSystemVersion",
    "managedBy",
    "location",
    "objectSid",
    "objectGUID",
];

/// The entries `name` names, as `kind` (none when it is not in the
/// directory; more than one only when several entries carry that name).
pub fn find(directory: &mut Connection, kind: Kind, name: &str) -> anyhow::Result<Vec<DirectoryEntry>> {
    let base = directory.base().to_owned();
    let found = directory.search(&base, Scope::Subtree, &filter::for_name(kind, name), &ATTRIBUTES)?;
    Ok(found
        .into_iter()
        .map(|entry| decoded(kind, name, directory.server(), entry))
        .collect())
}

/// An entry's attributes, by name whatever its case, text or binary.
struct Attributes {
    text: HashMap<String, Vec<String>>,
    binary: HashMap<String, Vec<Vec<u8>>>,
}

impl Attributes {
    fn new(entry: SearchEntry) -> Attributes {
        Attributes {
            text: by_lowercase_name(entry.attrs),
            binary: by_lowercase_name(entry.bin_attrs),
        }
    }

    fn all(&self, name: &str) -> &[String] {
        self.text.get(&name.to_ascii_lowercase()).map_or(&[], Vec::as_slice)
    }

    fn first(&self, name: &str) -> Option<String> {
        self.all(name).first().filter(|v| !v.is_empty()).cloned()
    }

    /// A binary value: ldap3 keeps a value as text when its bytes happen to
    /// be valid UTF-8, so both maps are looked at.
    fn bytes(&self, name: &str) -> Option<Vec<u8>> {
        let name = name.to_ascii_lowercase();
        match self.binary.get(&name).and_then(|values| values.first()) {
            Some(bytes) => Some(bytes.clone()),
            None => self.text.get(&name)?.first().map(|text| text.as_bytes().to_vec()),
        }
    }

    fn filetime(&self, name: &str) -> Option<DateTime<Utc>> {
        self.first(name).as_deref().and_then(decode::filetime)
    }

    fn generalized_time(&self, name: &str) -> Option<String> {
        self.first(name)
            .as_deref()
            .and_then(decode::generalized_time)
            .map(local)
    }
}

fn by_lowercase_name<V>(attributes: HashMap<String, V>) -> HashMap<String, V> {
    attributes
        .into_iter()
        .map(|(name, values)| (name.to_ascii_lowercase(), values))
        .collect()
}

/// A time as the JSON schema writes it: local, with the offset.
fn local(time: DateTime<Utc>) -> String {
    time::format(&time.with_timezone(&chrono::Local).fixed_offset())
}

fn decoded(kind: Kind, name: &str, server: &str, entry: SearchEntry) -> DirectoryEntry {
    let distinguished_name = entry.dn.clone();
    let attributes = Attributes::new(entry);
    let account_control = attributes
        .first("userAccountControl")
        .as_deref()
        .and_then(decode::account_control);
    let computed = attributes
        .first("msDS-User-Account-Control-Computed")
        .as_deref()
        .and_then(decode::account_control);
    let locked_out = match computed {
        Some(bits) => Some(bits & decode::ACCOUNT_LOCKED_OUT != 0),
        None => attributes
            .first("lockoutTime")
            .map(|_| attributes.filetime("lockoutTime").is_some()),
    };
    let groups: Vec<String> = attributes
        .all("memberOf")
        .iter()
        .map(|dn| decode::first_value(dn))
        .collect();
    let last_logon = attributes
        .filetime("lastLogonTimestamp")
        .max(attributes.filetime("lastLogon"));
    DirectoryEntry {
        kind: kind.name(),
        name: name.to_owned(),
        sam_account_name: attributes.first("sAMAccountName"),
        user_principal_name: attributes.first("userPrincipalName"),
        dns_host_name: attributes.first("dNSHostName"),
        ou: decode::parent(&distinguished_name),
        distinguished_name,
        display_name: attributes.first("displayName"),
        description: attributes.first("description"),
        mail: attributes.first("mail"),
        department: attributes.first("department"),
        title: attributes.first("title"),
        member_of: (!groups.is_empty()).then_some(groups),
        enabled: account_control.map(|bits| bits & decode::ACCOUNT_DISABLED == 0),
        locked_out,
        user_account_control: account_control.map(decode::account_flags),
        last_logon: last_logon.map(local),
        password_last_set: attributes.filetime("pwdLastSet").map(local),
        when_created: attributes.generalized_time("whenCreated"),
        when_changed: attributes.generalized_time("whenChanged"),
        operating_system: attributes.first("operatingSystem"),
        operating_system_version: attributes.first("operatingSystemVersion"),
        managed_by: attributes.first("managedBy"),
        location: attributes.first("location"),
        sid: attributes.bytes("objectSid").as_deref().and_then(decode::sid),
        guid: attributes.bytes("objectGUID").as_deref().and_then(decode::guid),
        server: server.to_owned(),
    }
}
