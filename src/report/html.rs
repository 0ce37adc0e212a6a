//! The report as one self-contained HTML page: inline CSS, inline SVG
//! charts ([`super::svg`]), no script and nothing fetched, so that it opens
//! anywhere and can be mailed. Every value from the logs is escaped.

use super::svg::{self, escape};
use crate::json::report::ReportJson;
use crate::json::session::SessionJson;
use std::fmt::Write;

const STYLE: &str = "body{font-family:Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#1b1b1b;background:#fff}\
h1{color:#0b3d91}h2{color:#0b3d91;border-bottom:2px solid #0b3d91;padding-bottom:.2em;margin-top:2em}\
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #c8c8c8;padding:.2em .6em;text-align:left}\
th{background:#e8eef8}td{white-space:nowrap}td.n{text-align:right}.figures td{font-size:1.2em}\
svg.chart rect{fill:#2f6fd0}svg.chart text{font-size:11px;fill:#333}svg.chart text.axis{text-anchor:middle}\
svg.chart text.label{text-anchor:end}";

/// The page of `report`, titled `title`.
pub fn render(report: &ReportJson, title: &str) -> String {
    let mut page = String::with_capacity(64 * 1024);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body><h1>{t}</h1>",
        t = escape(title)
    );
    summary(&mut page, report);
    days(&mut page, report);
    hours(&mut page, report);
    computers(&mut page, report);
    rooms(&mut page, report);
    sessions(&mut page, "Longest sessions", &report.longest_sessions, None);
    let never = format!(
        "{} sessions never closed (Open or Unterminated); the latest:",
        report.never_closed
    );
    sessions(
        &mut page,
        "Sessions never closed",
        &report.never_closed_sessions,
        Some(&never),
    );
    users(&mut page, report);
    page.push_str("</body></html>\n");
    page
}

fn text(value: Option<&str>) -> String {
    escape(value.unwrap_or("-"))
}

/// A time as a person reads it: `2026-11-24 08:01:02`, the writer's local
/// time (the offset and milliseconds are in the JSON).
fn when(value: Option<&str>) -> String {
    match value {
        Some(time) if time.len() >= 19 && time.is_char_boundary(19) => escape(&time[..19].replacen('T', " ", 1)),
        _ => text(value),
    }
}

/// A table with a header row; `cells` are already escaped.
fn table(page: &mut String, class: &str, head: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let _ = write!(page, "<table class=\"{class}\"><thead><tr>");
    for h in head {
        let _ = write!(page, "<th>{}</th>", escape(h));
    }
    page.push_str("</tr></thead><tbody>");
    for row in rows {
        page.push_str("<tr>");
        for cell in row {
            let numeric = !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let _ = write!(page, "<td{}>{cell}</td>", if numeric { " class=\"n\"" } else { "" });
        }
        page.push_str("</tr>");
    }
    page.push_str("</tbody></table>");
}

fn summary(page: &mut String, r: &ReportJson) {
    let bound = |value: &Option<String>, none: &str| value.as_deref().map_or_else(|| none.to_owned(), escape);
    let _ = write!(
        page,
        "<p>Period: {} to {}. Sessions counted from {} to {}.</p>",
        bound(&r.since, "the first record"),
        bound(&r.until, "the last record"),
        text(r.first.as_deref()),
        text(r.last.as_deref())
    );
    let figures = [
        ("Sessions", r.sessions),
        ("Users", r.users),
        ("Computers", r.computers),
        ("Closed", r.closed),
        ("Open", r.open),
        ("Unterminated", r.unterminated),
        ("Orphan", r.orphan),
        ("Never closed", r.never_closed),
    ];
    let head: Vec<&str> = figures.iter().map(|(name, _)| *name).collect();
    table(
        page,
        "figures",
        &head,
        std::iter::once(figures.iter().map(|(_, v)| v.to_string()).collect()),
    );
}

fn days(page: &mut String, r: &ReportJson) {
    page.push_str("<h2>Sessions per day</h2>");
    let bars: Vec<(String, u64)> = r.days.iter().map(|d| (d.date.clone(), d.sessions)).collect();
    page.push_str(&svg::columns("Sessions per day", &bars));
    page.push_str("<h2>Distinct users per day</h2>");
    let bars: Vec<(String, u64)> = r.days.iter().map(|d| (d.date.clone(), d.users)).collect();
    page.push_str(&svg::columns("Distinct users per day", &bars));
    let rows = r
        .days
        .iter()
        .map(|d| vec![escape(&d.date), d.sessions.to_string(), d.users.to_string()]);
    table(page, "days", &["Day", "Sessions", "Users"], rows);
}

fn hours(page: &mut String, r: &ReportJson) {
    page.push_str("<h2>Logons by hour of day</h2>");
    let bars: Vec<(String, u64)> = r.hours.iter().map(|h| (format!("{:02}", h.hour), h.logons)).collect();
    page.push_str(&svg::columns("Logons by hour of day", &bars));
    let rows = r
        .hours
        .iter()
        .filter(|h| h.logons > 0)
        .map(|h| vec![format!("{:02}:00", h.hour), h.logons.to_string()]);
    table(page, "hours", &["Hour", "Logons"], rows);
}

fn computers(page: &mut String, r: &ReportJson) {
    page.push_str("<h2>Busiest computers</h2>");
    let bars: Vec<(String, u64)> = r
        .busiest_computers
        .iter()
        .map(|c| (c.computer.clone(), c.sessions))
        .collect();
    page.push_str(&svg::rows("Busiest computers", &bars));
    let rows = r.busiest_computers.iter().map(|c| {
        vec![
            escape(&c.computer),
            text(c.room.as_deref()),
            c.sessions.to_string(),
            c.users.to_string(),
            crate::pairing::timespan(chrono::Duration::milliseconds((c.seconds * 1000.0) as i64)),
        ]
    });
    table(
        page,
        "computers",
        &["Computer", "Room", "Sessions", "Users", "Time used"],
        rows,
    );
}

fn rooms(page: &mut String, r: &ReportJson) {
    page.push_str("<h2>Busiest rooms</h2><p>A room is a computer's name before its last dash (A01 for A01-PC05).</p>");
    let bars: Vec<(String, u64)> = r.rooms.iter().map(|room| (room.room.clone(), room.sessions)).collect();
    page.push_str(&svg::rows("Busiest rooms", &bars));
    let rows = r.rooms.iter().map(|room| {
        vec![
            escape(&room.room),
            room.computers.to_string(),
            room.sessions.to_string(),
            room.users.to_string(),
        ]
    });
    table(page, "rooms", &["Room", "Computers", "Sessions", "Users"], rows);
}

fn sessions(page: &mut String, heading: &str, list: &[SessionJson], note: Option<&str>) {
    let _ = write!(page, "<h2>{}</h2>", escape(heading));
    if let Some(note) = note {
        let _ = write!(page, "<p>{}</p>", escape(note));
    }
    let rows = list.iter().map(|s| {
        vec![
            text(s.user.as_deref()),
            text(s.computer.as_deref()),
            text(s.clients.as_deref()),
            when(s.logon.as_deref()),
            when(s.end.as_deref()),
            text(s.duration.as_deref()),
            escape(s.state),
        ]
    });
    let head = ["User", "Computer", "Thin clients", "Logon", "End", "Duration", "State"];
    table(page, "sessions", &head, rows);
}

fn users(page: &mut String, r: &ReportJson) {
    page.push_str("<h2>Each user's computers</h2>");
    let rows = r
        .user_computers
        .iter()
        .map(|u| vec![escape(&u.user), u.sessions.to_string(), escape(&u.computers)]);
    table(page, "users", &["User", "Sessions", "Computers"], rows);
}
