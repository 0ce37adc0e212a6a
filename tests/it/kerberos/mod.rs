//! A real MIT Kerberos realm for the tests of the integrated bind: a KDC
//! (`krb5kdc`) with its database made in a temporary folder
//! (`kdb5_util create -s`), on a free 127.0.0.1 port, the service
//! principal `ldap/localhost` (its key in a keytab for slapd, see
//! `Options::kerberos` in `tests/it/slapd`) and a user principal whose key
//! is in a keytab too, so that `kinit -k -t` gets a ticket without a
//! password. Everything the Kerberos library reads is in that folder
//! (`KRB5_CONFIG`, `KRB5_KDC_PROFILE`, each client's `KRB5CCNAME`): never
//! the machine's realm, if it has one. Stopped when the guard is dropped.
//!
//! Without Debian's `krb5-kdc`, `krb5-admin-server` and `krb5-user` the
//! tests fail, saying what to install: they are never skipped.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The host the service principal is named after: a name that resolves
/// (to 127.0.0.1) without DNS; krb5.conf turns reverse lookups and
/// canonicalisation off.
pub const HOST: &str = "localhost";
/// The realm.
pub const REALM: &str = "EXAMPLE.TEST";
/// The user the tests get a ticket for (jdoe of the sample directory).
pub const USER: &str = "jdoe";

/// How far apart the clocks of the KDC, a client and a server may be
/// (`clockskew` in krb5.conf): a ticket is still accepted that long after it
/// expired.
pub const CLOCK_SKEW: Duration = Duration::from_secs(1);

/// The Debian packages the programs come from, for failure messages.
const PACKAGES: &str = "apt-get install krb5-kdc krb5-admin-server krb5-user libsasl2-modules-gssapi-mit";

/// A running KDC; stopped on drop.
pub struct Kdc {
    child: Child,
    folder: tempfile::TempDir,
}

impl Kdc {
    /// Makes the realm and starts its KDC. Panics, saying why, when it
    /// cannot: a program missing, or the KDC not listening within 10 s.
    pub fn start() -> Kdc {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let mut failures = String::new();
        // A port found free may be taken by another test before the KDC
        // binds it: try again with another.
        for _ in 0..5 {
            let port = free_port();
            write_configuration(folder.path(), port);
            if !folder.path().join("principal").exists() {
                make_realm(folder.path());
            }
            let log_path = folder.path().join("krb5kdc.out");
            let log = std::fs::File::create(&log_path).expect("krb5kdc.out");
            let mut child = Command::new(program("krb5kdc", "/usr/sbin"))
                .arg("-n")
                .envs(kdc_environment(folder.path()))
                .current_dir(folder.path())
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("krb5kdc.out"))
                .stderr(log)
                .spawn()
                .expect("krb5kdc starts");
            if wait_until_listening(&mut child, port) {
                return Kdc { child, folder };
            }
            let _ = child.kill();
            let _ = child.wait();
            let out = std::fs::read_to_string(&log_path).unwrap_or_default();
            writeln!(
                failures,
                "--- on 127.0.0.1:{port}:\n{out}\n{}",
                read(folder.path(), "kdc.log")
            )
            .expect("text");
        }
        panic!("krb5kdc did not start listening; its logs:\n{failures}");
    }

    /// The realm's name.
    pub fn realm(&self) -> &'static str {
        REALM
    }

    /// The `krb5.conf` of the realm (for `KRB5_CONFIG`).
    pub fn krb5_conf(&self) -> PathBuf {
        self.folder.path().join("krb5.conf")
    }

    /// The keytab of the service `ldap/localhost` (for slapd's `KRB5_KTNAME`).
    pub fn service_keytab(&self) -> PathBuf {
        self.folder.path().join("ldap.keytab")
    }

    /// A ticket cache for [`USER`] at `cache`, from the user's keytab, that
    /// lasts `lifetime` (`"1h"`, `"1s"`: kinit's notation).
    pub fn kinit(&self, cache: &Path, lifetime: &str) {
        let keytab = self.folder.path().join("user.keytab");
        let output = Command::new(program("kinit", "/usr/bin"))
            .args(["-l", lifetime, "-k", "-t"])
            .arg(&keytab)
            .arg(format!("{USER}@{REALM}"))
            .envs(self.client_environment(cache))
            .stdin(Stdio::null())
            .output()
            .expect("kinit runs");
        assert!(
            output.status.success(),
            "kinit could not get a ticket for {USER}@{REALM}:\n{}\nKDC log:\n{}",
            String::from_utf8_lossy(&output.stderr),
            read(self.folder.path(), "kdc.log")
        );
    }

    /// Whether the cache at `cache` holds a ticket still valid (`klist -s`).
    pub fn has_valid_ticket(&self, cache: &Path) -> bool {
        Command::new(program("klist", "/usr/bin"))
            .arg("-s")
            .envs(self.client_environment(cache))
            .stdin(Stdio::null())
            .status()
            .expect("klist runs")
            .success()
    }

    /// The environment a Kerberos client of this realm runs with: this
    /// realm's krb5.conf, the ticket cache `cache`, and no client keytab
    /// (MIT would otherwise get tickets from a default one by itself).
    pub fn client_environment(&self, cache: &Path) -> Vec<(&'static str, String)> {
        vec![
            ("KRB5_CONFIG", self.krb5_conf().display().to_string()),
            ("KRB5CCNAME", format!("FILE:{}", cache.display())),
            (
                "KRB5_CLIENT_KTNAME",
                self.folder.path().join("no-client.keytab").display().to_string(),
            ),
        ]
    }

    /// What the KDC logged, for failure messages.
    pub fn log(&self) -> String {
        read(self.folder.path(), "kdc.log")
    }
}

impl Drop for Kdc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read(folder: &Path, name: &str) -> String {
    std::fs::read_to_string(folder.join(name)).unwrap_or_default()
}

/// The environment of the KDC's own programs: the realm's files only.
fn kdc_environment(folder: &Path) -> [(&'static str, PathBuf); 2] {
    [
        ("KRB5_CONFIG", folder.join("krb5.conf")),
        ("KRB5_KDC_PROFILE", folder.join("kdc.conf")),
    ]
}

fn write_configuration(folder: &Path, port: u16) {
    let skew = CLOCK_SKEW.as_secs();
    let write = |name: &str, text: String| std::fs::write(folder.join(name), text).expect("a realm file");
    let path = folder.display();
    write(
        "krb5.conf",
        format!(
            "[libdefaults]
 default_realm = {REALM}
 dns_lookup_realm = false
 dns_lookup_kdc = false
 rdns = false
 dns_canonicalize_hostname = false
 udp_preference_limit = 1
 # An expired ticket is refused at once (not 5 minutes later).
 clockskew = {skew}
[realms]
 {REALM} = {{
  kdc = 127.0.0.1:{port}
 }}
[domain_realm]
 {HOST} = {REALM}
"
        ),
    );
    write(
        "kdc.conf",
        format!(
            "[kdcdefaults]
 kdc_ports = {port}
 kdc_tcp_ports = {port}
[realms]
 {REALM} = {{
  database_name = {path}/principal
  key_stash_file = {path}/stash
  acl_file = {path}/kadm5.acl
 }}
[logging]
 kdc = FILE:{path}/kdc.log
"
        ),
    );
    write("kadm5.acl", String::new());
}

/// The realm's database, its service and user principals, their keytabs.
fn make_realm(folder: &Path) {
    let run = |program: PathBuf, args: &[&str]| {
        let output = Command::new(&program)
            .args(args)
            .envs(kdc_environment(folder))
            .current_dir(folder)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{} runs: {e}", program.display()));
        assert!(
            output.status.success(),
            "{} {args:?} failed:\n{}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let kdb5_util = program("kdb5_util", "/usr/sbin");
    let kadmin = program("kadmin.local", "/usr/sbin");
    run(
        kdb5_util,
        &["create", "-s", "-r", REALM, "-P", "master key (test only)"],
    );
    let service = format!("ldap/{HOST}@{REALM}");
    let user = format!("{USER}@{REALM}");
    let service_keytab = folder.join("ldap.keytab").display().to_string();
    let user_keytab = folder.join("user.keytab").display().to_string();
    for query in [
        format!("addprinc -randkey {service}"),
        format!("addprinc -randkey {user}"),
        format!("ktadd -k {service_keytab} {service}"),
        format!("ktadd -k {user_keytab} {user}"),
    ] {
        run(kadmin.clone(), &["-r", REALM, "-q", &query]);
    }
}

/// Whether the KDC listens on `port` (TCP) within 10 s (false at once if it
/// exits).
fn wait_until_listening(child: &mut Child, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// A program of the Kerberos packages, or a panic that says what to install.
fn program(name: &str, folder: &str) -> PathBuf {
    let path = Path::new(folder).join(name);
    if path.is_file() {
        return path;
    }
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    on_path.unwrap_or_else(|| {
        panic!(
            "{name} is not installed: the Kerberos tests run a real MIT KDC and a slapd with SASL GSSAPI. \
             Install them with `{PACKAGES}` (scripts/test-all.sh does so when they are missing)"
        )
    })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free port on 127.0.0.1");
    listener.local_addr().expect("its address").port()
}
