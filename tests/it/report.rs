//! `report` against the generator's ground truth: every figure (sessions,
//! states, days, distinct users, hours, computers, rooms, each user's
//! computers, longest and never-closed sessions) is computed again from
//! `generate --truth` and must be equal, for the whole store, a period and
//! a computer. The HTML page escapes hostile values, is written whole, and
//! renders in headless Chromium with its figures.

use crate::common;
use common::*;
use koxolog::format::time::{self, Time};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
#[cfg(not(windows))]
use std::path::Path;
#[cfg(not(windows))]
use std::process::Command;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Report {
    since: Option<String>,
    until: Option<String>,
    first: Option<String>,
    last: Option<String>,
    sessions: u64,
    closed: u64,
    open: u64,
    unterminated: u64,
    orphan: u64,
    users: u64,
    computers: u64,
    days: Vec<Day>,
    hours: Vec<Hour>,
    busiest_computers: Vec<Computer>,
    rooms: Vec<Room>,
    user_computers: Vec<User>,
    longest_sessions: Vec<Session>,
    never_closed: u64,
    never_closed_sessions: Vec<Session>,
    html: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Day {
    date: String,
    sessions: u64,
    users: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Hour {
    hour: u32,
    logons: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Computer {
    computer: String,
    room: Option<String>,
    sessions: u64,
    users: u64,
    seconds: f64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Room {
    room: String,
    computers: u64,
    sessions: u64,
    users: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct User {
    user: String,
    sessions: u64,
    computers: String,
}

/// A line of `generate --truth FILE`, the parts a report counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Truth {
    user: String,
    computer: String,
    logon: Option<String>,
    logoff: Option<String>,
    end: Option<String>,
    state: String,
}

impl Truth {
    /// Its start as written: the logon, or the logoff of an orphan.
    fn start_text(&self) -> &str {
        self.logon.as_deref().or(self.end.as_deref()).expect("a start")
    }

    fn start(&self) -> Time {
        time::parse(self.start_text()).expect("a time")
    }

    fn milliseconds(&self) -> Option<i64> {
        let (on, off) = (self.logon.as_deref()?, self.logoff.as_deref()?);
        let (on, off) = (time::parse(on)?, time::parse(off)?);
        (self.state == "Closed").then(|| off.signed_duration_since(on).num_milliseconds())
    }
}

fn generate(sandbox: &Sandbox, days: &str, seed: &str) -> Vec<Truth> {
    let truth_file = sandbox.dir.path().join("truth.jsonl");
    let (store, truth_arg) = (sandbox.store_arg(), truth_file.display().to_string());
    let args = [
        "generate",
        "--store",
        &store,
        "--computers",
        "48",
        "--users",
        "300",
        "--days",
        days,
        "--seed",
        seed,
        "--truth",
        &truth_arg,
    ];
    run(&args).expect_code(0);
    let text = std::fs::read_to_string(&truth_file).expect("the truth file");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a truth line ({e}): {l}")))
        .collect()
}

fn report(sandbox: &Sandbox, args: &[&str]) -> Report {
    let run = sandbox.read("report", args).expect_code(0);
    let unexpected: Vec<_> = run.diagnostics.iter().filter(|d| d.level != "progress").collect();
    assert!(unexpected.is_empty(), "report {args:?}: {unexpected:?}");
    let mut reports: Vec<Report> = run.objects();
    assert_eq!(reports.len(), 1, "report prints one object:\n{}", run.stdout);
    reports.pop().unwrap()
}

fn room_of(computer: &str) -> Option<String> {
    computer.rsplit_once('-').map(|(room, _)| room.to_owned())
}

/// Checks every figure of `report` against the truth sessions `kept`, with `top`.
fn check(report: &Report, truth: &[Truth], top: usize, what: &str) {
    assert!(!truth.is_empty(), "{what}: the truth has sessions to count");
    let count = |state: &str| truth.iter().filter(|t| t.state == state).count() as u64;
    let states = (report.closed, report.open, report.unterminated, report.orphan);
    let expected = (count("Closed"), count("Open"), count("Unterminated"), count("Orphan"));
    assert_eq!(report.sessions, truth.len() as u64, "{what}: sessions");
    assert_eq!(states, expected, "{what}: Closed, Open, Unterminated, Orphan");
    let lower = |s: &str| s.to_lowercase();
    let users: BTreeSet<String> = truth.iter().map(|t| lower(&t.user)).collect();
    let computers: BTreeSet<String> = truth.iter().map(|t| lower(&t.computer)).collect();
    assert_eq!(
        (report.users, report.computers),
        (users.len() as u64, computers.len() as u64),
        "{what}: users, computers"
    );

    let first = truth.iter().map(Truth::start).min().map(|t| time::format(&t));
    let last = truth.iter().map(Truth::start).max().map(|t| time::format(&t));
    assert_eq!((&report.first, &report.last), (&first, &last), "{what}: first and last");

    let mut days: BTreeMap<String, (u64, BTreeSet<String>)> = BTreeMap::new();
    for t in truth {
        let day = days.entry(t.start_text()[..10].to_owned()).or_default();
        day.0 += 1;
        day.1.insert(lower(&t.user));
    }
    let days: Vec<Day> = days
        .into_iter()
        .map(|(date, (sessions, users))| Day {
            date,
            sessions,
            users: users.len() as u64,
        })
        .collect();
    assert_eq!(report.days, days, "{what}: days");

    let mut hours = [0u64; 24];
    for logon in truth.iter().filter_map(|t| t.logon.as_deref()) {
        hours[logon[11..13].parse::<usize>().unwrap()] += 1;
    }
    let hours: Vec<Hour> = (0..24)
        .map(|h| Hour {
            hour: h,
            logons: hours[h as usize],
        })
        .collect();
    assert_eq!(report.hours, hours, "{what}: logons by hour");

    let mut by_computer: BTreeMap<String, (u64, BTreeSet<String>, i64)> = BTreeMap::new();
    for t in truth {
        let c = by_computer.entry(t.computer.clone()).or_default();
        c.0 += 1;
        c.1.insert(lower(&t.user));
        c.2 += t.milliseconds().unwrap_or(0);
    }
    let mut busiest: Vec<Computer> = by_computer
        .iter()
        .map(|(name, (sessions, users, ms))| Computer {
            computer: name.clone(),
            room: room_of(name),
            sessions: *sessions,
            users: users.len() as u64,
            seconds: *ms as f64 / 1000.0,
        })
        .collect();
    busiest.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.computer.cmp(&b.computer)));
    busiest.truncate(top);
    assert_eq!(report.busiest_computers, busiest, "{what}: busiest computers");

    let mut rooms: BTreeMap<String, (BTreeSet<String>, u64, BTreeSet<String>)> = BTreeMap::new();
    for t in truth {
        if let Some(room) = room_of(&t.computer) {
            let r = rooms.entry(room).or_default();
            r.0.insert(t.computer.clone());
            r.1 += 1;
            r.2.insert(lower(&t.user));
        }
    }
    let mut rooms: Vec<Room> = rooms
        .into_iter()
        .map(|(room, (computers, sessions, users))| Room {
            room,
            computers: computers.len() as u64,
            sessions,
            users: users.len() as u64,
        })
        .collect();
    rooms.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.room.cmp(&b.room)));
    assert_eq!(report.rooms, rooms, "{what}: rooms");

    let mut by_user: BTreeMap<String, (u64, BTreeSet<String>)> = BTreeMap::new();
    for t in truth {
        let u = by_user.entry(t.user.clone()).or_default();
        u.0 += 1;
        u.1.insert(t.computer.clone());
    }
    let mut user_computers: Vec<User> = by_user
        .into_iter()
        .map(|(user, (sessions, computers))| User {
            user,
            sessions,
            computers: computers.into_iter().collect::<Vec<_>>().join(", "),
        })
        .collect();
    user_computers.sort_by(|a, b| lower(&a.user).cmp(&lower(&b.user)).then_with(|| a.user.cmp(&b.user)));
    assert_eq!(report.user_computers, user_computers, "{what}: each user's computers");

    let mut longest: Vec<i64> = truth.iter().filter_map(Truth::milliseconds).collect();
    longest.sort_by(|a, b| b.cmp(a));
    longest.truncate(top);
    let shown: Vec<i64> = report
        .longest_sessions
        .iter()
        .map(|s| (s.duration_seconds.expect("a duration") * 1000.0).round() as i64)
        .collect();
    assert_eq!(shown, longest, "{what}: the longest sessions' durations");
    assert!(
        report.longest_sessions.iter().all(|s| s.state == "Closed"),
        "{what}: longest are closed"
    );

    let never: Vec<&Truth> = truth
        .iter()
        .filter(|t| matches!(t.state.as_str(), "Open" | "Unterminated"))
        .collect();
    assert_eq!(report.never_closed, never.len() as u64, "{what}: never closed");
    let mut latest: Vec<String> = never.iter().map(|t| time::format(&t.start())).collect();
    latest.sort_by_key(|t| std::cmp::Reverse(time::parse(t)));
    latest.truncate(top);
    let shown: Vec<String> = report
        .never_closed_sessions
        .iter()
        .map(|s| s.logon.clone().expect("a logon"))
        .collect();
    assert_eq!(shown, latest, "{what}: the latest sessions never closed");
}

#[test]
fn the_figures_equal_the_generated_truth_for_the_store_a_period_and_a_computer() {
    let sandbox = Sandbox::new();
    let truth = generate(&sandbox, "10", "7");
    let states: BTreeSet<&str> = truth.iter().map(|t| t.state.as_str()).collect();
    assert!(
        states.contains("Unterminated") && states.contains("Orphan"),
        "{states:?}"
    );

    let whole = report(&sandbox, &["--top", "5"]);
    assert_eq!((&whole.since, &whole.until, &whole.html), (&None, &None, &None));
    check(&whole, &truth, 5, "whole store");

    // Bounds in the middle of school days: sessions that overlap them but
    // started outside are not counted.
    let (since, until) = ("2025-09-03T10:00:00.000+02:00", "2025-09-05T14:00:00.000+02:00");
    let period = report(&sandbox, &["--top", "8", "--since", since, "--until", until]);
    let (from, to) = (time::parse(since).unwrap(), time::parse(until).unwrap());
    let kept: Vec<Truth> = truth
        .iter()
        .filter(|t| (from..=to).contains(&t.start()))
        .cloned()
        .collect();
    assert!(kept.len() < truth.len(), "the period leaves sessions out");
    assert_eq!(period.since.as_deref(), Some(since));
    check(&period, &kept, 8, "a period");

    let one = report(&sandbox, &["--computer", "A01-PC03"]);
    let kept: Vec<Truth> = truth.iter().filter(|t| t.computer == "A01-PC03").cloned().collect();
    check(&one, &kept, 10, "one computer");
}

/// A store with hostile values: markup in a user name, a forged record in
/// a thin client's name (the generator's), quotes.
fn hostile_store() -> Sandbox {
    let sandbox = Sandbox::new();
    generate(&sandbox, "2", "3");
    let user = "<script>alert('x')</script>&\"o'brien\"";
    sandbox.write("logon", user, "A01-PC01", &["--time", "2025-09-02T09:00:00+02:00"]);
    sandbox.write("logoff", user, "A01-PC01", &["--time", "2025-09-02T11:30:00+02:00"]);
    sandbox
}

#[test]
fn the_page_escapes_every_value_and_holds_no_script() {
    let sandbox = hostile_store();
    let page_path = sandbox.dir.path().join("report.html");
    let page_arg = page_path.display().to_string();
    let report = report(
        &sandbox,
        &["--html", &page_arg, "--top", "50", "--title", "<Lycée> & \"Co\""],
    );
    assert_eq!(report.html.as_deref(), Some(page_arg.as_str()));
    let page = std::fs::read_to_string(&page_path).expect("the page was written");
    assert!(!page.to_lowercase().contains("<script"), "a script in the page");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;o&#39;brien&quot;"));
    assert!(page.contains("<title>&lt;Lycée&gt; &amp; &quot;Co&quot;</title>"));
    // The forged record of the generator's first thin client keeps no tab.
    assert!(!page.contains('\t'), "a control character in the page");
    assert!(
        !page.contains("src=") && !page.contains("href="),
        "the page fetches nothing"
    );
    let leftovers: Vec<String> = files_below(sandbox.dir.path())
        .into_iter()
        .filter(|f| f.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// The RGB(A) pixels of a PNG, decoded with Python's zlib: (width, height,
/// distinct colours, share of the most common colour).
#[cfg(not(windows))]
fn png_colours(path: &Path) -> (u64, u64, u64, f64) {
    let script = r#"
import sys, zlib, struct, collections
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
at, idat, width = 8, b'', 0
while at < len(data):
    length, kind = struct.unpack('>I4s', data[at:at + 8])
    body = data[at + 8:at + 8 + length]
    if kind == b'IHDR':
        width, height, depth, colour = struct.unpack('>IIBB', body[:10])
        assert depth == 8 and colour in (2, 6), (depth, colour)
        channels = 3 if colour == 2 else 4
    elif kind == b'IDAT':
        idat += body
    at += 12 + length
raw = zlib.decompress(idat)
stride = width * channels
rows, previous, at = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
    at += 1 + stride
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = previous[i]
        c = previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    previous = line
counts = collections.Counter()
for line in rows:
    for i in range(0, stride, channels):
        counts[line[i:i + 3]] += 1
print(width, height, len(counts), counts.most_common(1)[0][1] / (width * height))
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .expect("python3 runs (scripts/test-all.sh installs it)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "decoding the PNG failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parts: Vec<&str> = text.split_whitespace().collect();
    (
        parts[0].parse().unwrap(),
        parts[1].parse().unwrap(),
        parts[2].parse().unwrap(),
        parts[3].parse().unwrap(),
    )
}

/// Headless Chromium, which the test needs: it fails, never skips, without it.
#[cfg(not(windows))]
fn chromium(args: &[&str]) -> std::process::Output {
    // Debian's chromium (scripts/test-all.sh installs it), else the Chrome
    // that GitHub's Ubuntu runners carry.
    let found = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(name) = found else {
        panic!("Chromium is missing: apt-get install -y chromium (scripts/test-all.sh installs it)");
    };
    let profile = tempfile::tempdir().expect("a profile folder");
    let profile_arg = format!("--user-data-dir={}", profile.path().display());
    Command::new(name)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            &profile_arg,
        ])
        .args(args)
        .output()
        .expect("Chromium runs")
}

// The page is the same bytes on every platform; the Windows build's tests,
// under Wine, have no Chromium (nor Python) to render it with.
#[cfg(not(windows))]
#[test]
fn the_page_renders_in_chromium_with_its_charts_and_figures() {
    let sandbox = hostile_store();
    let page_path = sandbox.dir.path().join("report.html");
    let page_arg = page_path.display().to_string();
    let report = report(&sandbox, &["--html", &page_arg]);
    let url = format!("file://{page_arg}");

    let shot = sandbox.dir.path().join("report.png");
    let shot_arg = format!("--screenshot={}", shot.display());
    let taken = chromium(&[&shot_arg, "--window-size=1000,1400", &url]);
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&taken.stderr)
    );
    let (width, height, colours, commonest) = png_colours(&shot);
    assert_eq!((width, height), (1000, 1400), "the screenshot's size");
    assert!(
        colours > 20 && commonest < 0.95,
        "the screenshot looks blank: {colours} colours, the commonest covers {commonest:.3}"
    );

    let dumped = chromium(&["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dumped.stdout);
    assert!(
        dom.contains("Sessions per day") && dom.contains("Logons by hour of day"),
        "{dom}"
    );
    assert_eq!(dom.matches("<svg").count(), 5, "five charts");
    let busiest = &report.busiest_computers[0];
    let day = &report.days[0];
    for figure in [
        format!("<td class=\"n\">{}</td>", report.sessions),
        format!("<td>{}</td>", busiest.computer),
        format!("<title>{}: {}</title>", busiest.computer, busiest.sessions),
        format!(
            "<td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            day.date, day.sessions, day.users
        ),
        "&lt;script&gt;".to_owned(),
    ] {
        assert!(dom.contains(&figure), "the rendered page lacks {figure}");
    }
}
