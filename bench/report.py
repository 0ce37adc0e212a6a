"""Turns the results of bench/run.sh into Markdown tables.

    report.py DIR SIZE            one store size: medians, ratios, targets
    report.py --growth DIR A B    how each cost grows from store A to store B
"""
import json
import os
import sys

# name: (what koxolog does, the target on its time ratio against the first
# reference, as text and as a bound)
TARGETS = {
    "write": ("write (3 appends)", "<= 1.5x", 1.5),
    "query-ip": ("log --ip (whole store)", "<= 1x", 1.0),
    "query-user-store": ("log --user 'name*' (whole store)", "<= 1x", 1.0),
    "query-user": ("log --user --since (the user's log)", "-", None),
    "query-all": ("log (every record as JSON)", ">= 1 GB/s (below)", None),
    "query-all-csv": ("log --format csv (every record)", "-", None),
    "query-all-table": ("log --format table (every record)", "-", None),
    "tree": ("tree (last record of each log)", "<= 2x", 2.0),
    "sessions": ("sessions (whole store)", "<= 1.2x", 1.2),
    "sessions-user": ("sessions --user (that user's computers)", "-", None),
    "compress": ("compress --level 6", "<= 0.6x", 0.6),
    "export-rtf": ("export-rtf (largest log)", "-", None),
    "powershell": ("Get-KoXoSessionLog into objects (whole store)", "<= 1x (Import-Csv)", 1.0),
}
# Commands measured for their peak memory only.
MEMORY_ONLY = {
    "export-rtf-sessions": "export-rtf --sessions (largest log)",
    "last-torn": "log --last 1 (a log ending in a 100 MB unfinished line)",
    "report": "report (whole store)",
}
MEMORY_LIMIT_KIB = 64 * 1024


def load(directory, name):
    path = os.path.join(directory, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)["results"]


def short(command):
    words = command.split()
    return " ".join(words[:3]) + (" ..." if len(words) > 3 else "")


def one_size(directory, size):
    rows = ["| benchmark | koxolog median | reference | reference median | ratio | target | peak RSS |",
            "|---|---|---|---|---|---|---|"]
    for name, (what, target_text, bound) in TARGETS.items():
        results = load(directory, name)
        if results is None:
            continue
        mine = results[0]["median"]
        rss_path = os.path.join(directory, name + ".rss")
        rss = int(open(rss_path).read().split()[-1]) if os.path.exists(rss_path) else None
        rss_text = f"{rss / 1024:.1f} MiB" if rss else "-"
        if rss and rss > MEMORY_LIMIT_KIB:
            rss_text += " (over 64 MiB)"
        for i, reference in enumerate(results[1:]):
            ratio = mine / reference["median"]
            met = "" if bound is None or i > 0 else (" met" if ratio <= bound else " **missed**")
            rows.append(f"| {what if i == 0 else ''} | {mine * 1000:.1f} ms | `{short(reference['command'])}` | "
                        f"{reference['median'] * 1000:.1f} ms | {ratio:.2f}x | {target_text if i == 0 else ''}{met} | "
                        f"{rss_text if i == 0 else ''} |")
    results = load(directory, "query-all")
    if results:
        computers = [int(line.split()[0]) for line in open(os.path.join(directory, "store.du"))
                     if line.split()[1].endswith("Computers")][0]
        rate = computers / results[0]["median"] / 1e6
        rows.append("")
        rows.append(f"Every record as JSON: {computers / 1e6:,.0f} MB of computers' logs at {rate:,.0f} MB/s "
                    f"(target >= 1,000 MB/s:{' met' if rate >= 1000 else ' **missed**'}).")
    memory = []
    for name, what in MEMORY_ONLY.items():
        rss_path = os.path.join(directory, name + ".rss")
        if os.path.exists(rss_path):
            rss = int(open(rss_path).read().split()[-1])
            verdict = "met" if rss <= MEMORY_LIMIT_KIB else "**missed**"
            memory.append(f"| {what} | {rss / 1024:.1f} MiB | <= 64 MiB {verdict} |")
    if memory:
        rows += ["", "| memory only | peak RSS | target |", "|---|---|---|"] + memory
    sizes_path = os.path.join(directory, "compress.sizes")
    if os.path.exists(sizes_path):
        sizes = [int(line.split()[0]) for line in open(sizes_path)]
        ratio = sizes[0] / sizes[1]
        rows.append("")
        rows.append(f"Archive sizes: koxolog {sizes[0]:,} B, zip -6 {sizes[1]:,} B, 7z -mx=5 {sizes[2]:,} B; "
                    f"koxolog / zip = {ratio:.3f} (target <= 1.05:{' met' if ratio <= 1.05 else ' **missed**'}).")
    records_path = os.path.join(directory, "powershell.records")
    results = load(directory, "powershell")
    if os.path.exists(records_path) and results:
        records = int(open(records_path).read())
        mine, theirs = results[0]["median"], results[1]["median"]
        csv_rss_path = os.path.join(directory, "powershell-csv.rss")
        csv_rss = int(open(csv_rss_path).read().split()[-1]) / 1024 if os.path.exists(csv_rss_path) else 0
        rows.append("")
        rows.append(f"PowerShell layer: {records:,} records; Get-KoXoSessionLog {records / mine:,.0f} records/s, "
                    f"Import-Csv {records / theirs:,.0f} records/s (each run includes starting PowerShell); "
                    f"Import-Csv's peak RSS {csv_rss:.1f} MiB.")
    store_bytes = sum(int(line.split()[0]) for line in open(os.path.join(directory, "store.du")))
    return f"### {size} store: {store_bytes / 1e6:,.0f} MB of logs\n\n" + "\n".join(rows) + "\n"


def growth(directory, small, large):
    def store_gb(size):
        return sum(int(line.split()[0]) for line in open(os.path.join(directory, size, "store.du"))) / 1e9
    rows = ["| benchmark | s/GB small | s/GB large | growth | target |", "|---|---|---|---|---|"]
    for name, (what, _, _) in TARGETS.items():
        a, b = load(os.path.join(directory, small), name), load(os.path.join(directory, large), name)
        if a is None or b is None or name == "write":
            continue
        per_a, per_b = a[0]["median"] / store_gb(small), b[0]["median"] / store_gb(large)
        verdict = "met" if per_b / per_a <= 1.2 else "**missed**"
        rows.append(f"| {what} | {per_a:.3f} | {per_b:.3f} | {per_b / per_a:.2f}x | <= 1.2x {verdict} |")
    return f"### Growth from the {small} to the {large} store\n\n" + "\n".join(rows) + "\n"


if __name__ == "__main__":
    if sys.argv[1] == "--growth":
        print(growth(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        print(one_size(sys.argv[1], sys.argv[2]))
