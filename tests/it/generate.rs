//! `generate`: a realistic store, the same for the same seed, readable
//! without a single diagnostic.

use crate::common;
use common::*;
use std::collections::HashSet;

fn generate(sandbox: &Sandbox, seed: &str) -> Run {
    let store = sandbox.store_arg();
    run(&[
        "generate",
        "--store",
        &store,
        "--computers",
        "48",
        "--users",
        "600",
        "--days",
        "10",
        "--seed",
        seed,
    ])
    .expect_code(0)
}

#[test]
fn the_same_seed_gives_the_same_store() {
    let (a, b, c) = (Sandbox::new(), Sandbox::new(), Sandbox::new());
    generate(&a, "7");
    generate(&b, "7");
    generate(&c, "8");
    let files = files_below(&a.store());
    assert_eq!(files, files_below(&b.store()));
    let same = |x: &Sandbox, y: &Sandbox| {
        files
            .iter()
            .all(|f| std::fs::read(x.store().join(f)).ok() == std::fs::read(y.store().join(f)).ok())
    };
    assert!(same(&a, &b), "same seed, same bytes");
    assert!(!same(&a, &c), "another seed, another store");
}

#[test]
fn a_generated_store_looks_like_a_school() {
    let sandbox = Sandbox::new();
    let summary: serde_json::Value = generate(&sandbox, "1").objects().pop().unwrap();
    assert_eq!(summary["Computers"], 48);
    assert_eq!(summary["ThinClients"], 4);
    let tree: Vec<TreeItem> = sandbox.read("tree", &[]).expect_code(0).objects();
    let count = |branch: &str| tree.iter().filter(|t| t.branch == branch).count();
    assert_eq!(count("Computers"), 48 + 2, "the workstations and two RDS servers");
    assert_eq!(count("ThinClients"), 4);
    assert!(count("Users") > 100, "{}", count("Users"));

    let run = sandbox.read("sessions", &[]).expect_code(0);
    // Sessions of 2025 still open are more than a day old: said once.
    assert!(
        run.diagnostics
            .iter()
            .all(|d| d.level == "progress" || d.code == "old-open-sessions"),
        "{:?}",
        run.diagnostics
    );
    let sessions: Vec<Session> = run.objects();
    let states: HashSet<&str> = sessions.iter().map(|s| s.state.as_str()).collect();
    assert!(
        states.contains("Closed") && states.contains("Unterminated"),
        "{states:?}"
    );
    assert!(
        sessions
            .iter()
            .any(|s| s.client.is_some() && s.computer.as_deref() == Some("RDS01")),
        "thin-client sessions"
    );
    let users: HashSet<&str> = sessions.iter().filter_map(|s| s.user.as_deref()).collect();
    assert!(users.contains("con"), "a Windows device name as a user: {users:?}");
    assert!(users.iter().any(|u| !u.is_ascii()), "names beyond ASCII: {users:?}");
    let closed = sessions.iter().filter(|s| s.state == "Closed").count();
    assert!(
        closed * 10 > sessions.len() * 8,
        "most sessions close: {closed} of {}",
        sessions.len()
    );
}

#[test]
fn generate_refuses_a_store_that_already_has_logs() {
    let sandbox = Sandbox::new();
    sandbox.write("logon", "ann", "PC1", &[]);
    let before = sandbox.log_text("Computers", "PC1");
    let run = sandbox.read("generate", &[]).expect_code(3);
    assert!(
        run.diagnostics[0].message.contains("already holds logs"),
        "{:?}",
        run.diagnostics
    );
    assert_eq!(
        sandbox.log_text("Computers", "PC1"),
        before,
        "the existing log is untouched"
    );
    assert_eq!(files_below(&sandbox.store()).len(), 2);
}
