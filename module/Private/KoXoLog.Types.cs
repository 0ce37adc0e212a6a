// The objects the cmdlets give: one class per kind of JSON object the binary
// prints (the table of src/json/mod.rs), with the same property names.
//
// Real .NET objects rather than PSCustomObjects: a PSCustomObject costs a
// note property per field to build, which made reading records slower than
// Import-Csv of the same data; these cost almost nothing, and their types say
// what each property holds (times are DateTimeOffset with the writer's UTC
// offset, durations TimeSpan) on every edition of PowerShell. The class's
// full name is the type name the format views (KoXoLog.Format.ps1xml) use.
//
// tests/it/powershell_static.rs checks that each class has exactly the fields of
// its Rust struct: the schema is defined there, this only mirrors it.
using System;

namespace KoXoLog
{
    /// <summary>koxolog log: one event of a log (src/json/record.rs).</summary>
    public sealed class Record
    {
        public string Event { get; set; }
        public string Tag { get; set; }
        public DateTimeOffset? Time { get; set; }
        public string User { get; set; }
        public string Domain { get; set; }
        public string Computer { get; set; }
        public string Client { get; set; }
        public string Session { get; set; }
        public string Ip { get; set; }
        public string Mac { get; set; }
        public string LogonServer { get; set; }
        public string Os { get; set; }
        public string Id { get; set; }
        public string SessionId { get; set; }
        public string ClientIp { get; set; }
        public string Raw { get; set; }
        public string Path { get; set; }
        public long? Line { get; set; }
    }

    /// <summary>koxolog write: the record written, and what became of it (src/json/written.rs).</summary>
    public sealed class WrittenRecord
    {
        public string Event { get; set; }
        public string Tag { get; set; }
        public DateTimeOffset? Time { get; set; }
        public string User { get; set; }
        public string Domain { get; set; }
        public string Computer { get; set; }
        public string Client { get; set; }
        public string Session { get; set; }
        public string Ip { get; set; }
        public string Mac { get; set; }
        public string LogonServer { get; set; }
        public string Os { get; set; }
        public string Id { get; set; }
        public string SessionId { get; set; }
        public string ClientIp { get; set; }
        public string Logs { get; set; }
        public bool Spooled { get; set; }
        public string SpoolFile { get; set; }
        public long Delivered { get; set; }
    }

    /// <summary>koxolog tree: one log, with its last record (src/json/tree_item.rs).</summary>
    public sealed class TreeItem
    {
        public string Branch { get; set; }
        public string Name { get; set; }
        public string Path { get; set; }
        public long Length { get; set; }
        public DateTimeOffset? LastWriteTime { get; set; }
        public DateTimeOffset? LastTime { get; set; }
        public string LastEvent { get; set; }
        public string LastUser { get; set; }
        public string LastComputer { get; set; }
        public string LastClient { get; set; }
        public string LastIp { get; set; }
    }

    /// <summary>koxolog sessions: a logon paired with its logoff (src/json/session.rs).</summary>
    /// <remarks>Its properties are declared in <see cref="SessionProperties"/>: C# forbids a
    /// property named as its own class, and a session has a Session (its Windows session name).</remarks>
    public sealed class Session : SessionProperties
    {
    }

    /// <summary>The properties of a <see cref="Session"/>, in the binary's order.</summary>
    public abstract class SessionProperties
    {
        public string User { get; set; }
        public string Domain { get; set; }
        public string Computer { get; set; }
        public string Client { get; set; }
        public string Clients { get; set; }
        public string Session { get; set; }
        public string SessionId { get; set; }
        public string Ip { get; set; }
        public DateTimeOffset? Logon { get; set; }
        public DateTimeOffset? Logoff { get; set; }
        public DateTimeOffset? End { get; set; }
        public string EndReason { get; set; }
        public TimeSpan? Duration { get; set; }
        public double? DurationSeconds { get; set; }
        public TimeSpan? OpenFor { get; set; }
        public double? OpenForSeconds { get; set; }
        public string State { get; set; }
        public string Path { get; set; }
    }

    /// <summary>koxolog export-rtf: the document written (src/json/rtf_export.rs).</summary>
    public sealed class RtfExport
    {
        public string Path { get; set; }
        public long Records { get; set; }
        public long Bytes { get; set; }
        public string Title { get; set; }
        public DateTimeOffset? First { get; set; }
        public DateTimeOffset? Last { get; set; }
    }

    /// <summary>koxolog compress: a verified archive of the store (src/json/archive.rs).</summary>
    public sealed class Archive
    {
        public string Path { get; set; }
        public long Entries { get; set; }
        public long BytesIn { get; set; }
        public long? BytesOut { get; set; }
        public double? Seconds { get; set; }
        public string Removed { get; set; }
        public bool DryRun { get; set; }
    }

    /// <summary>koxolog purge: the records older than Cutoff removed (src/json/purge.rs).</summary>
    public sealed class Purge
    {
        public DateTimeOffset? Cutoff { get; set; }
        public long Logs { get; set; }
        public long Records { get; set; }
        public long Bytes { get; set; }
        public string Archive { get; set; }
        public bool DryRun { get; set; }
    }

    /// <summary>koxolog config: a setting naming the store (src/json/setting.rs).</summary>
    public sealed class Setting
    {
        public string Key { get; set; }
        public string Value { get; set; }
        public string Scope { get; set; }
        public string Path { get; set; }
    }

    /// <summary>koxolog directory: an entry of the directory (src/json/directory_entry.rs).</summary>
    public sealed class DirectoryEntry
    {
        public string Kind { get; set; }
        public string Name { get; set; }
        public string SamAccountName { get; set; }
        public string UserPrincipalName { get; set; }
        public string DnsHostName { get; set; }
        public string DistinguishedName { get; set; }
        public string OU { get; set; }
        public string DisplayName { get; set; }
        public string Description { get; set; }
        public string Mail { get; set; }
        public string Department { get; set; }
        public string Title { get; set; }
        public string[] MemberOf { get; set; }
        public bool? Enabled { get; set; }
        public bool? LockedOut { get; set; }
        public string UserAccountControl { get; set; }
        public DateTimeOffset? LastLogon { get; set; }
        public DateTimeOffset? PasswordLastSet { get; set; }
        public DateTimeOffset? WhenCreated { get; set; }
        public DateTimeOffset? WhenChanged { get; set; }
        public string OperatingSystem { get; set; }
        public string OperatingSystemVersion { get; set; }
        public string ManagedBy { get; set; }
        public string Location { get; set; }
        public string Sid { get; set; }
        public string Guid { get; set; }
        public string Server { get; set; }
    }

    /// <summary>koxolog report: the figures of a selection and period (src/json/report.rs).</summary>
    public sealed class Report
    {
        public DateTimeOffset? Since { get; set; }
        public DateTimeOffset? Until { get; set; }
        public DateTimeOffset? First { get; set; }
        public DateTimeOffset? Last { get; set; }
        public long Sessions { get; set; }
        public long Closed { get; set; }
        public long Open { get; set; }
        public long Unterminated { get; set; }
        public long Orphan { get; set; }
        public long Users { get; set; }
        public long Computers { get; set; }
        public ReportDay[] Days { get; set; }
        public ReportHour[] Hours { get; set; }
        public ReportComputer[] BusiestComputers { get; set; }
        public ReportRoom[] Rooms { get; set; }
        public ReportUser[] UserComputers { get; set; }
        public Session[] LongestSessions { get; set; }
        public long NeverClosed { get; set; }
        public Session[] NeverClosedSessions { get; set; }
        public string Html { get; set; }
    }

    /// <summary>A day of a report (src/json/report.rs).</summary>
    public sealed class ReportDay
    {
        public string Date { get; set; }
        public long Sessions { get; set; }
        public long Users { get; set; }
    }

    /// <summary>An hour of the day in a report (src/json/report.rs).</summary>
    public sealed class ReportHour
    {
        public long Hour { get; set; }
        public long Logons { get; set; }
    }

    /// <summary>A computer of a report (src/json/report.rs).</summary>
    public sealed class ReportComputer
    {
        public string Computer { get; set; }
        public string Room { get; set; }
        public long Sessions { get; set; }
        public long Users { get; set; }
        public double Seconds { get; set; }
    }

    /// <summary>A room of a report (src/json/report.rs).</summary>
    public sealed class ReportRoom
    {
        public string Room { get; set; }
        public long Computers { get; set; }
        public long Sessions { get; set; }
        public long Users { get; set; }
    }

    /// <summary>A user of a report and the computers they used (src/json/report.rs).</summary>
    public sealed class ReportUser
    {
        public string User { get; set; }
        public long Sessions { get; set; }
        public string Computers { get; set; }
    }
}
