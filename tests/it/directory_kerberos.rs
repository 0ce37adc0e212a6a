//! `koxolog directory` bound as the logged-on user, with Kerberos, against
//! a real MIT KDC (`tests/it/kerberos`) and a slapd that accepts SASL
//! GSSAPI and, like a domain controller that requires LDAP signing, serves
//! sealed connections only (`tests/it/slapd`, `Options::kerberos`).
//!
//! They need the binary built with the cargo feature `kerberos` (the
//! Windows build always has it): `cargo test --features kerberos`, as
//! `scripts/test-all.sh` and CI run them. Built without it, the one test of
//! this file fails, saying so: they are never skipped in silence.
//!
//! Not built for Windows: the KDC and slapd are Linux servers.

#![cfg(not(windows))]

#[cfg(not(feature = "kerberos"))]
#[test]
fn the_kerberos_tests_need_the_kerberos_feature() {
    panic!(
        "the Kerberos tests (tests/it/directory_kerberos.rs) run only with the binary's Kerberos: \
         run `cargo test --features kerberos` (needs libkrb5-dev, libclang-dev, pkg-config; scripts/test-all.sh \
         installs them)"
    );
}

#[cfg(feature = "kerberos")]
mod with_kerberos {
    use crate::common::{self, Diagnostic, Run};
    use crate::kerberos::{self, Kdc};
    use crate::slapd::{Options, READER_DN, READER_PASSWORD, Slapd, sample};
    use serde::Deserialize;
    use std::path::Path;
    use std::process::Command;
    use std::time::{Duration, Instant};

    /// The fields of `KoXoLog.DirectoryEntry` these tests look at.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Entry {
        kind: String,
        name: String,
        distinguished_name: String,
        sam_account_name: Option<String>,
        server: String,
    }

    /// A realm, and a slapd that knows it.
    struct Realm {
        kdc: Kdc,
        server: Slapd,
        folder: tempfile::TempDir,
    }

    impl Realm {
        fn start() -> Realm {
            let kdc = Kdc::start();
            let server = Slapd::start_with(Options {
                kerberos: Some(&kdc),
                ..Options::default()
            });
            Realm {
                kdc,
                server,
                folder: tempfile::tempdir().expect("a folder for the ticket cache"),
            }
        }

        fn cache(&self) -> std::path::PathBuf {
            self.folder.path().join("krb5cc")
        }

        /// `koxolog directory --server ldap://localhost:PORT ARGS` with the
        /// realm's client environment and the ticket cache of [`cache`],
        /// and no password anywhere.
        fn directory(&self, args: &[&str]) -> Run {
            let mut command = common::command(&["directory", "--server", &self.server.host_url()]);
            command.args(args);
            clean(&mut command, &self.kdc, &self.cache());
            common::finish(common::output_of(&mut command))
        }
    }

    /// Removes the LDAP settings of the machine running the tests, and sets
    /// the realm's client environment.
    fn clean(command: &mut Command, kdc: &Kdc, cache: &Path) {
        for (name, _) in std::env::vars() {
            if name.starts_with("KOXOLOG_LDAP_") || name.starts_with("KRB5") {
                command.env_remove(name);
            }
        }
        command
            .env_remove("LOGONSERVER")
            .env_remove("USERDNSDOMAIN")
            .envs(kdc.client_environment(cache));
    }

    /// A run, for failure messages.
    fn show(run: &Run) -> String {
        format!(
            "exit code {}\nstdout: {}\ndiagnostics: {:#?}",
            run.code, run.stdout, run.diagnostics
        )
    }

    fn errors(run: &Run) -> Vec<&Diagnostic> {
        run.diagnostics.iter().filter(|d| d.level == "error").collect()
    }

    #[test]
    fn the_logged_on_user_finds_entries_with_no_password() {
        let realm = Realm::start();
        realm.kdc.kinit(&realm.cache(), "1h");
        let run = realm.directory(&["--user", "jdoe", "--computer", "PC-B12"]);
        let slapd_log = realm.server.log();
        assert_eq!(
            run.code,
            0,
            "{}\nslapd: {slapd_log}\nKDC: {}",
            show(&run),
            realm.kdc.log()
        );
        // Neither a password nor a cleartext warning: nothing to warn of.
        assert!(run.diagnostics.is_empty(), "{}", show(&run));
        let entries: Vec<Entry> = run.objects();
        let found: Vec<(&str, &str)> = entries.iter().map(|e| (e.kind.as_str(), e.name.as_str())).collect();
        assert_eq!(found, [("User", "jdoe"), ("Computer", "PC-B12")], "{entries:#?}");
        assert!(entries[0].distinguished_name.eq_ignore_ascii_case(sample::JDOE_DN));
        assert_eq!(entries[0].sam_account_name.as_deref(), Some("jdoe"));
        assert_eq!(entries[1].server, realm.server.host_url());

        // slapd logged a SASL GSSAPI bind as the user's principal, and the
        // connection sealed (this slapd serves no connection under 56 bits).
        let principal = format!("authcid=\"{}@{}\"", kerberos::USER, kerberos::REALM);
        assert!(slapd_log.contains(&principal), "no bind as {principal}:\n{slapd_log}");
        let bind = slapd_log
            .lines()
            .find(|line| line.contains("mech=GSSAPI"))
            .unwrap_or_else(|| panic!("no GSSAPI bind logged:\n{slapd_log}"));
        assert!(
            bind.contains("dn=\"uid=jdoe,cn=example.test,cn=gssapi,cn=auth\""),
            "{bind}"
        );
        let ssf: u32 = bind
            .split_whitespace()
            .find_map(|word| word.strip_prefix("ssf="))
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("no ssf in {bind}"));
        assert!(ssf >= 56, "the connection is not sealed: {bind}");
    }

    #[test]
    fn without_a_ticket_the_bind_fails_saying_what_to_do() {
        let realm = Realm::start();
        let run = realm.directory(&["--user", "jdoe"]);
        assert_no_ticket_error(&run, &realm.server.host_url());
    }

    #[test]
    fn an_expired_ticket_fails_saying_what_to_do() {
        let realm = Realm::start();
        realm.kdc.kinit(&realm.cache(), "1s");
        // Wait for the ticket to expire (klist says when it has), and for
        // the realm's tolerance of clock skew (1 s, see krb5.conf) to pass.
        let deadline = Instant::now() + Duration::from_secs(30);
        while realm.kdc.has_valid_ticket(&realm.cache()) {
            assert!(Instant::now() < deadline, "a ticket of 1 s still valid after 30 s");
            std::thread::sleep(Duration::from_millis(200));
        }
        std::thread::sleep(kerberos::CLOCK_SKEW + Duration::from_secs(1));
        let run = realm.directory(&["--user", "jdoe"]);
        assert_no_ticket_error(&run, &realm.server.host_url());
    }

    /// The failed integrated bind: fatal (exit 3), nothing printed, one
    /// error naming the server and saying how to get a ticket or bind
    /// otherwise.
    fn assert_no_ticket_error(run: &Run, url: &str) {
        assert_eq!(run.code, 3, "{}", show(run));
        assert!(run.stdout.trim().is_empty(), "{}", show(run));
        let errors = errors(run);
        assert_eq!(errors.len(), 1, "{}", show(run));
        let message = &errors[0].message;
        for part in [url, "Kerberos ticket", "ldap/localhost", "kinit", "--bind-dn"] {
            assert!(message.contains(part), "no {part:?} in: {message}");
        }
    }

    #[test]
    fn a_server_that_requires_sealing_refuses_a_simple_bind_over_ldap_and_says_to_use_kerberos() {
        let realm = Realm::start();
        let mut command = common::command(&[
            "directory",
            "--server",
            &realm.server.url(),
            "--bind-dn",
            READER_DN,
            "--user",
            "jdoe",
        ]);
        clean(&mut command, &realm.kdc, &realm.cache());
        command.env("KOXOLOG_LDAP_PASSWORD", READER_PASSWORD);
        let run = common::finish(common::output_of(&mut command));
        assert_eq!(run.code, 3, "{}\nslapd: {}", show(&run), realm.server.log());
        let message = &errors(&run)[0].message;
        assert!(
            message.contains(&realm.server.url()) && message.contains("Kerberos") && message.contains("--start-tls"),
            "{message}"
        );
        // The same server, the same lookups, as the logged-on user.
        realm.kdc.kinit(&realm.cache(), "1h");
        let run = realm.directory(&["--user", "jdoe"]);
        assert_eq!(run.code, 0, "{}", show(&run));
    }
}
