//! The domain's PDC emulator through LDAP, for KoXo's `%PDC_SERVER%`: the
//! rootDSE's `defaultNamingContext` is the domain object; its
//! `fSMORoleOwner` is the DN of the PDC emulator's `NTDS Settings` object;
//! that object's parent is the server object, whose `dNSHostName` is the
//! name wanted.

use super::connection::Connection;
use super::decode;
use super::settings::Settings;
use anyhow::{Context, anyhow};

/// The DNS name of the PDC emulator of the domain `directory` is in.
pub fn pdc_emulator(directory: &mut Connection) -> anyhow::Result<String> {
    let server = directory.server().to_owned();
    owner_host_name(directory).with_context(|| format!("cannot find the PDC emulator through {server}"))
}

fn owner_host_name(directory: &mut Connection) -> anyhow::Result<String> {
    let server = directory.server().to_owned();
    let domain = directory
        .default_naming_context()
        .ok_or_else(|| anyhow!("the LDAP server {server} names no defaultNamingContext in its rootDSE"))?
        .to_owned();
    let owner = single_value(directory, &domain, "fSMORoleOwner")?;
    let server_object = decode::parent(&owner)
        .ok_or_else(|| anyhow!("the fSMORoleOwner of {domain}, {owner}, has no parent server object"))?;
    single_value(directory, &server_object, "dNSHostName")
}

/// The PDC emulator, asking the server that the `KOXOLOG_LDAP_*`
/// environment variables (or this machine's domain) give.
pub fn from_environment() -> anyhow::Result<String> {
    let settings = Settings::from_environment()?;
    let mut directory = Connection::open(&settings)?;
    pdc_emulator(&mut directory)
}

fn single_value(directory: &mut Connection, dn: &str, attribute: &str) -> anyhow::Result<String> {
    let entry = directory
        .read(dn, &[attribute])?
        .ok_or_else(|| anyhow!("the entry {dn} is not there, or this bind may not read it"))?;
    entry
        .attrs
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(attribute))
        .and_then(|(_, values)| values.into_iter().next())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| anyhow!("the entry {dn} has no {attribute}, or this bind may not read it"))
}
