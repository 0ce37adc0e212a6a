//! A real OpenLDAP `slapd` for the tests of `koxolog directory`: started
//! from a temporary folder on free 127.0.0.1 ports (LDAP with StartTLS, and
//! LDAPS), with the small Active-Directory-like schema of `ad.schema`, a
//! certificate authority and server certificate made here, and the sample
//! directory below (users, computers, groups, the domain object, the PDC
//! emulator's server object). Stopped when the guard is dropped, so also
//! when a test fails.
//!
//! Without `slapd` the tests fail, saying how to install it: they are never
//! skipped.

use crate::kerberos::{self, Kdc};
use std::fmt::Write as _;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The domain's naming context.
pub const BASE: &str = "DC=example,DC=test";
/// The account the tests bind as.
pub const READER_DN: &str = "CN=Directory Reader,CN=Users,DC=example,DC=test";
pub const READER_PASSWORD: &str = "Reader-Pa55 (test only)";
/// The domain's SID; each account's is this plus its RID.
pub const DOMAIN_SID: [u32; 4] = [21, 1_004_336_348, 1_177_238_915, 682_003_330];
/// The DNS name of the PDC emulator's server object.
pub const PDC_HOST: &str = "dc1.example.test";

/// Cyrus SASL's GSSAPI mechanism, which slapd loads for Kerberos binds.
const GSSAPI_PLUGIN: &str = "/usr/lib/x86_64-linux-gnu/sasl2/libgssapiv2.so";

const CONFIGURATION: &str = "CN=Configuration,DC=example,DC=test";
const SITE: &str = "CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=example,DC=test";

/// How a test's slapd differs from the plain one.
#[derive(Default)]
pub struct Options<'a> {
    /// Lines for the global section of `slapd.conf` (`require authc`...).
    pub global: &'a str,
    /// SASL GSSAPI with the service key of this realm, every operation
    /// sealed (`security ssf=56`, as a domain controller that requires
    /// LDAP signing), and each bind logged (`-d stats`).
    pub kerberos: Option<&'a Kdc>,
}

/// A running slapd; stopped on drop.
pub struct Slapd {
    child: Child,
    folder: tempfile::TempDir,
    /// The port of `ldap://` (StartTLS offered).
    pub port: u16,
    /// The port of `ldaps://`.
    pub tls_port: u16,
}

impl Slapd {
    /// Starts a slapd with the sample directory. Panics, saying why, when it
    /// cannot: slapd not installed, or not listening within 10 s.
    pub fn start() -> Slapd {
        Slapd::start_with(Options::default())
    }

    /// Starts a slapd with the sample directory, configured as `options`
    /// say.
    pub fn start_with(options: Options<'_>) -> Slapd {
        let slapd = program("slapd");
        let slapadd = program("slapadd");
        let folder = tempfile::tempdir().expect("a temporary folder");
        let mut global = options.global.to_owned();
        if let Some(kdc) = options.kerberos {
            assert!(
                Path::new(GSSAPI_PLUGIN).is_file(),
                "{GSSAPI_PLUGIN} is not installed: slapd needs it for SASL GSSAPI binds. \
                 Install it with `apt-get install libsasl2-modules-gssapi-mit` (scripts/test-all.sh does so when it is missing)"
            );
            writeln!(
                global,
                "sasl-host {}\nsasl-realm {}\nsasl-secprops noanonymous,noplain\nsecurity ssf=56",
                kerberos::HOST,
                kdc.realm()
            )
            .expect("text");
        }
        write_configuration(folder.path(), &global);
        let load = Command::new(&slapadd)
            .args(["-f", "slapd.conf", "-l", "entries.ldif"])
            .current_dir(folder.path())
            .output()
            .expect("slapadd runs");
        assert!(
            load.status.success(),
            "slapadd could not load the sample directory:\n{}",
            String::from_utf8_lossy(&load.stderr)
        );
        // A port found free may be taken by another test before slapd binds
        // it: try again with other ports.
        let mut failures = String::new();
        for _ in 0..5 {
            let (port, tls_port) = (free_port(), free_port());
            let urls = format!("ldap://127.0.0.1:{port}/ ldaps://127.0.0.1:{tls_port}/");
            let log_path = folder.path().join("slapd.log");
            let log = std::fs::File::create(&log_path).expect("slapd.log");
            let mut command = Command::new(&slapd);
            // -d stats: connections, binds (with their SASL identity) and searches.
            let level = if options.kerberos.is_some() { "stats" } else { "0" };
            command.args(["-f", "slapd.conf", "-h", &urls, "-d", level]);
            if let Some(kdc) = options.kerberos {
                command
                    .env("KRB5_CONFIG", kdc.krb5_conf())
                    .env("KRB5_KTNAME", kdc.service_keytab());
            }
            let mut child = command
                .current_dir(folder.path())
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("slapd.log"))
                .stderr(log)
                .spawn()
                .expect("slapd starts");
            if wait_until_listening(&mut child, port, tls_port) {
                return Slapd {
                    child,
                    folder,
                    port,
                    tls_port,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            writeln!(failures, "--- on 127.0.0.1:{port} and :{tls_port}:\n{log}").expect("text");
        }
        panic!("slapd did not start listening; its logs:\n{failures}");
    }

    /// `ldap://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.port)
    }

    /// `ldap://localhost:PORT`: the name of the Kerberos service
    /// `ldap/localhost`, which the integrated bind asks a ticket for.
    #[cfg_attr(not(feature = "kerberos"), allow(dead_code))]
    pub fn host_url(&self) -> String {
        format!("ldap://{}:{}", kerberos::HOST, self.port)
    }

    /// `ldaps://127.0.0.1:PORT`.
    pub fn ldaps_url(&self) -> String {
        format!("ldaps://127.0.0.1:{}", self.tls_port)
    }

    /// The PEM file of the test certificate authority that signed the
    /// server's certificate.
    pub fn ca_cert(&self) -> PathBuf {
        self.folder.path().join("ca.pem")
    }

    /// What slapd logged, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.folder.path().join("slapd.log")).unwrap_or_default()
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether slapd listens on both ports within 10 s (false at once if it
/// exits).
fn wait_until_listening(child: &mut Child, port: u16, tls_port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        let up = |port| TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok();
        if up(port) && up(tls_port) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The path of a program of the `slapd` package, or a panic that says how
/// to install it.
fn program(name: &str) -> PathBuf {
    let candidates = [
        PathBuf::from("/usr/sbin").join(name),
        PathBuf::from("/usr/local/sbin").join(name),
    ];
    let on_path = std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    candidates
        .into_iter()
        .chain(on_path)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{name} is not installed: the directory tests run a real OpenLDAP server. \
             Install it with `apt-get install slapd` (scripts/test-all.sh does so when it is missing)"
            )
        })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free port on 127.0.0.1");
    listener.local_addr().expect("its address").port()
}

fn write_configuration(folder: &Path, global: &str) {
    let write = |name: &str, text: &str| std::fs::write(folder.join(name), text).expect("a fixture file");
    let (ca, server_cert, server_key) = certificates();
    write("ca.pem", &ca);
    write("server.pem", &server_cert);
    write("server.key", &server_key);
    write("rootdse.ldif", &format!("dn:\ndefaultNamingContext: {BASE}\n"));
    write("entries.ldif", &entries());
    std::fs::create_dir(folder.join("db")).expect("the database folder");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/slapd/ad.schema");
    let folder = folder.display();
    write(
        "slapd.conf",
        &format!(
            r#"include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include "{schema}"
pidfile "{folder}/slapd.pid"
argsfile "{folder}/slapd.args"
modulepath /usr/lib/ldap
moduleload back_mdb
rootDSE "{folder}/rootdse.ldif"
TLSCACertificateFile "{folder}/ca.pem"
TLSCertificateFile "{folder}/server.pem"
TLSCertificateKeyFile "{folder}/server.key"
{global}
database mdb
maxsize 10485760
suffix "{BASE}"
directory "{folder}/db"
# As in Active Directory: the rootDSE is public, the rest needs a bind.
access to dn.base="" by * read
access to dn.base="cn=Subschema" by * read
access to attrs=userPassword by anonymous auth by * none
access to * by users read by anonymous auth
"#,
            schema = schema.display()
        ),
    );
}

/// A test CA, and a certificate it signed for 127.0.0.1 and localhost:
/// (CA PEM, server certificate PEM, server key PEM).
fn certificates() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType};
    let ca_key = KeyPair::generate().expect("a CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    ca_params.distinguished_name.push(DnType::CommonName, "KoXoLog test CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = ca_params.self_signed(&ca_key).expect("the CA certificate");
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = KeyPair::generate().expect("a server key");
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("server parameters");
    params.distinguished_name.push(DnType::CommonName, "127.0.0.1");
    params
        .subject_alt_names
        .push(SanType::IpAddress(Ipv4Addr::LOCALHOST.into()));
    let server = params.signed_by(&server_key, &issuer).expect("the server certificate");
    (ca.pem(), server.pem(), server_key.serialize_pem())
}

/// A FILETIME (100 ns since 1601-01-01 UTC) for an RFC 3339 time.
pub fn filetime(rfc3339: &str) -> i64 {
    let time = chrono::DateTime::parse_from_rfc3339(rfc3339).expect("an RFC 3339 time");
    (time.timestamp() + 11_644_473_600) * 10_000_000 + i64::from(time.timestamp_subsec_nanos() / 100)
}

/// The binary form of the SID `S-1-5-<sub-authorities>`.
pub fn sid_bytes(sub_authorities: &[u32]) -> Vec<u8> {
    let mut bytes = vec![1, sub_authorities.len() as u8, 0, 0, 0, 0, 0, 5];
    for part in sub_authorities {
        bytes.extend_from_slice(&part.to_le_bytes());
    }
    bytes
}

/// The text of an account's SID: the domain's plus `rid`.
pub fn account_sid(rid: u32) -> String {
    let parts: Vec<String> = DOMAIN_SID.iter().chain([&rid]).map(u32::to_string).collect();
    format!("S-1-5-{}", parts.join("-"))
}

/// The binary form of a GUID written `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`
/// (its first three groups little-endian, as Windows stores them).
pub fn guid_bytes(text: &str) -> Vec<u8> {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    let mut bytes: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect();
    bytes[0..4].reverse();
    bytes[4..6].reverse();
    bytes[6..8].reverse();
    bytes
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                text.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                text.push('=');
            }
        }
    }
    text
}

/// The sample users, with what the tests check about them.
pub mod sample {
    /// An enabled teacher, member of two groups.
    pub const JDOE_DN: &str = "CN=John Doe,OU=Staff,DC=example,DC=test";
    pub const JDOE_GUID: &str = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    pub const JDOE_RID: u32 = 1105;
    pub const JDOE_LAST_LOGON_TIMESTAMP: &str = "2026-11-24T07:01:02.5Z";
    pub const JDOE_LAST_LOGON: &str = "2026-11-20T16:00:00Z";
    pub const JDOE_PASSWORD_LAST_SET: &str = "2026-09-01T10:00:00Z";
    pub const JDOE_WHEN_CREATED: &str = "2024-09-01T08:00:00Z";
    /// Disabled and locked out; a comma in its CN.
    pub const ASMITH_DN: &str = r"CN=Smith\, Anna,OU=Staff,DC=example,DC=test";
    /// A group with ", " in its name, which asmith is a member of.
    pub const LAB_GROUP_DN: &str = r"CN=Lab\, Physics,OU=Groups,DC=example,DC=test";
    /// A lab computer, managed by jdoe.
    pub const PC_DN: &str = "CN=PC-B12,OU=Computers,OU=Lab,DC=example,DC=test";
    pub const PC_RID: u32 = 1201;
    /// A thin client joined to the domain.
    pub const TC_DN: &str = "CN=TC-01,OU=Thin Clients,OU=Lab,DC=example,DC=test";
}

fn entries() -> String {
    use sample::*;
    let sid = |rid: u32| {
        let mut parts = DOMAIN_SID.to_vec();
        parts.push(rid);
        base64(&sid_bytes(&parts))
    };
    let mut ldif = String::new();
    let mut entry = |text: String| {
        writeln!(ldif, "{}\n", text.trim()).expect("text");
    };
    entry(format!(
        "dn: {BASE}\nobjectClass: top\nobjectClass: domainDNS\ndc: example\n\
         fSMORoleOwner: CN=NTDS Settings,CN=DC1,CN=Servers,{SITE}\nobjectSid:: {}",
        base64(&sid_bytes(&DOMAIN_SID))
    ));
    for dn in [
        CONFIGURATION.to_owned(),
        format!("CN=Sites,{CONFIGURATION}"),
        SITE.to_owned(),
        format!("CN=Servers,{SITE}"),
        format!("CN=Users,{BASE}"),
    ] {
        let cn = dn[3..].split(',').next().expect("a CN");
        entry(format!("dn: {dn}\nobjectClass: top\nobjectClass: container\ncn: {cn}"));
    }
    entry(format!(
        "dn: CN=DC1,CN=Servers,{SITE}\nobjectClass: top\nobjectClass: server\ncn: DC1\ndNSHostName: {PDC_HOST}"
    ));
    entry(format!(
        "dn: CN=NTDS Settings,CN=DC1,CN=Servers,{SITE}\nobjectClass: top\nobjectClass: nTDSDSA\ncn: NTDS Settings"
    ));
    for ou in [
        "OU=Staff",
        "OU=Groups",
        "OU=Lab",
        "OU=Computers,OU=Lab",
        "OU=Thin Clients,OU=Lab",
    ] {
        let name = &ou[3..].split(',').next().expect("an OU");
        entry(format!(
            "dn: {ou},{BASE}\nobjectClass: top\nobjectClass: organizationalUnit\nou: {name}"
        ));
    }
    entry(format!(
        "dn: {READER_DN}\nobjectClass: top\nobjectClass: user\ncn: Directory Reader\nsAMAccountName: reader\n\
         userAccountControl: 66048\nuserPassword: {READER_PASSWORD}"
    ));
    entry(format!(
        "dn: CN=Teachers,OU=Groups,{BASE}\nobjectClass: top\nobjectClass: group\ncn: Teachers\n\
         sAMAccountName: Teachers\nmember: {JDOE_DN}\nmemberOf: CN=Staff,OU=Groups,{BASE}\nobjectSid:: {}",
        sid(1301)
    ));
    entry(format!(
        "dn: {LAB_GROUP_DN}\nobjectClass: top\nobjectClass: group\ncn: Lab, Physics\n\
         sAMAccountName: Lab-Physics\nmember: {ASMITH_DN}\nobjectSid:: {}",
        sid(1303)
    ));
    entry(format!(
        "dn: CN=Staff,OU=Groups,{BASE}\nobjectClass: top\nobjectClass: group\ncn: Staff\nsAMAccountName: Staff\n\
         member: {JDOE_DN}\nmember: {ASMITH_DN}\nmember: CN=Teachers,OU=Groups,{BASE}\nobjectSid:: {}",
        sid(1302)
    ));
    entry(format!(
        "dn: {JDOE_DN}\nobjectClass: top\nobjectClass: user\ncn: John Doe\nsAMAccountName: jdoe\n\
         userPrincipalName: jdoe@example.test\ndisplayName: John Doe\ndescription: Physics teacher\n\
         mail: john.doe@example.test\ndepartment: Sciences\ntitle: Teacher\n\
         memberOf: CN=Teachers,OU=Groups,{BASE}\nmemberOf: CN=Staff,OU=Groups,{BASE}\n\
         userAccountControl: 66048\nlockoutTime: 0\nlastLogonTimestamp: {}\nlastLogon: {}\npwdLastSet: {}\n\
         whenCreated: 20240901080000.0Z\nwhenChanged: 20261124070103.0Z\nobjectSid:: {}\nobjectGUID:: {}",
        filetime(JDOE_LAST_LOGON_TIMESTAMP),
        filetime(JDOE_LAST_LOGON),
        filetime(JDOE_PASSWORD_LAST_SET),
        sid(JDOE_RID),
        base64(&guid_bytes(JDOE_GUID))
    ));
    entry(format!(
        "dn: {ASMITH_DN}\nobjectClass: top\nobjectClass: user\ncn: Smith, Anna\nsAMAccountName: asmith\n\
         displayName: Anna Smith\nmemberOf: CN=Staff,OU=Groups,{BASE}\nmemberOf: {LAB_GROUP_DN}\n\
         userAccountControl: 514\n\
         msDS-User-Account-Control-Computed: 16\nlockoutTime: {}\npwdLastSet: 0\nobjectSid:: {}",
        filetime("2026-11-24T09:30:00Z"),
        sid(1106)
    ));
    entry(format!(
        "dn: {PC_DN}\nobjectClass: top\nobjectClass: user\nobjectClass: computer\ncn: PC-B12\n\
         sAMAccountName: PC-B12$\ndNSHostName: pc-b12.example.test\noperatingSystem: Windows 11 Pro\n\
         operatingSystemVersion: 10.0 (26100)\nmanagedBy: {JDOE_DN}\nlocation: Building B, room 12\n\
         description: Physics lab, front desk\nuserAccountControl: 4096\nlastLogonTimestamp: {}\n\
         whenCreated: 20250115093000.0Z\nobjectSid:: {}",
        filetime("2026-11-23T06:45:00Z"),
        sid(PC_RID)
    ));
    entry(format!(
        "dn: {TC_DN}\nobjectClass: top\nobjectClass: user\nobjectClass: computer\ncn: TC-01\n\
         sAMAccountName: TC-01$\ndNSHostName: tc-01.example.test\noperatingSystem: Windows 10 IoT Enterprise\n\
         operatingSystemVersion: 10.0 (19044)\nlocation: Library\nuserAccountControl: 4096\nobjectSid:: {}",
        sid(1202)
    ));
    ldif
}
