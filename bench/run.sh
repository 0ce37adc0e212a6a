#!/usr/bin/env bash
# Benchmarks koxolog against the tools an administrator would reach for
# instead, side by side in the same run (hyperfine: warm-up, then the median
# of several runs), and reports each as a ratio against its reference, with
# the peak memory of each koxolog command. Results go to
# target/bench/results/<size>.md; BENCHMARKS.md holds the numbers we
# publish and how they were made.
#
#   bench/run.sh small        # about 100 MB of logs (CI-sized machines: minutes)
#   bench/run.sh large        # about 1 GB: two school years of 1,000 computers
#   bench/run.sh small large  # both, and how each cost grows
#   BENCH_ONLY="powershell tree" bench/run.sh small   # only these benchmarks
#
# Nothing here asserts a time: these machines are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(small)
runs=${BENCH_RUNS:-5}
work=${KOXOLOG_BENCH_DIR:-$PWD/target/bench}
mkdir -p "$work/results"

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
command -v zip >/dev/null || need+=(zip)
command -v 7z >/dev/null || need+=(p7zip-full)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo build --release -q
k=$PWD/target/release/koxolog

has() { "$k" "$1" --help >/dev/null 2>&1; }
# want NAME: whether BENCH_ONLY (names separated by spaces) leaves NAME in.
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }

# The PowerShell for the module's row: a real pwsh, else the SDK host of
# tests/pwsh (built as scripts/test-all.sh builds it).
powershell=$(command -v pwsh || true)
if [ -z "$powershell" ] && want powershell && command -v dotnet >/dev/null; then
    dotnet publish tests/pwsh -c Release -o target/pwsh --artifacts-path target/pwsh-build -v quiet -nologo >/dev/null
    powershell=$PWD/target/pwsh/pwsh
fi

# compare NAME COMMAND REFERENCE...: the first command is koxolog's.
compare() {
    local name=$1; shift
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$out/$name.json" "${prepare[@]}" "$@" >/dev/null
    prepare=()
}

# peak NAME COMMAND: the peak resident memory of one run, in KiB.
peak() {
    local name=$1; shift
    /usr/bin/time -f "%M" -o "$out/$name.rss" sh -c "$* >/dev/null 2>&1"
}

for size in "${sizes[@]}"; do
    case $size in
        small) days=36 ;;
        large) days=360 ;;
        *) echo "unknown size '$size': small or large" >&2; exit 2 ;;
    esac
    store=$work/store-$size
    out=$work/results/$size
    mkdir -p "$out"
    if [ ! -f "$store/.generated-$days" ]; then
        rm -rf "$store"
        echo "generating the $size store ($days school days)..."
        "$k" generate --store "$store" --computers 1000 --users 3000 --days "$days" --seed 1 2>/dev/null >"$out/store.json"
        touch "$store/.generated-$days"
    fi
    du -sb "$store/Computers" "$store/Users" "$store/ThinClients" >"$out/store.du"
    echo "benchmarking the $size store ($(du -sh "$store" | cut -f1))..."
    prepare=()

    if want write; then
    # 1. write: three appends, as at a remote logon, against the shell floor.
    scratch=$work/scratch-$size
    rm -rf "$scratch" && mkdir -p "$scratch/store" "$scratch/sh/Computers" "$scratch/sh/Users" "$scratch/sh/ThinClients"
    line='[LOGON.]\t2026-11-24T08:01:02.345+01:00\tjdoe\tLYCEE\tRDS01\tTC-07\tRDP-Tcp#3\t10.0.0.5\t00-1A-2B-3C-4D-5E\tDC1\tWindows Server 2022\t01KAVQ6W2S7R1D9YH8M3X5N4PT\r\n'
    compare write \
        "$k write --event logon --store $scratch/store --spool $scratch/spool --user jdoe --domain LYCEE --computer RDS01 --client TC-07 --session RDP-Tcp#3 --ip 10.0.0.5 --mac 00-1A-2B-3C-4D-5E --logon-server DC1 --os 'Windows Server 2022'" \
        "sh -c \"printf '$line' >>$scratch/sh/Computers/RDS01.LOG; printf '$line' >>$scratch/sh/Users/JDOE.LOG; printf '$line' >>$scratch/sh/ThinClients/TC-07.LOG\""
    peak write "$k write --event logon --store $scratch/store --spool $scratch/spool --user jdoe --computer RDS01"
    fi

    # 2. store-wide filtered queries against ripgrep and grep.
    if want query; then
    compare query-ip \
        "$k log --store $store --ip 10.1.3.12" \
        "rg -F -c 10.1.3.12 $store/Computers" \
        "grep -r -F -c 10.1.3.12 $store/Computers"
    peak query-ip "$k log --store $store --ip 10.1.3.12"
    compare query-user \
        "$k log --store $store --user jean.martin0 --since 2025-10-01" \
        "rg -F -c jean.martin0 $store/Computers" \
        "grep -r -F -c jean.martin0 $store/Computers"
    peak query-user "$k log --store $store --user jean.martin0 --since 2025-10-01"
    # The same query by name over the whole store (a wildcard reads every
    # computer's log): names match in any case, as rg -i.
    compare query-user-store \
        "$k log --store $store --user 'jean.martin0*'" \
        "rg -F -i -c jean.martin0 $store/Computers"
    peak query-user-store "$k log --store $store --user 'jean.martin0*'"
    compare query-all \
        "$k log --store $store" \
        "rg -c . $store/Computers"
    peak query-all "$k log --store $store"
    # Every record as a table and as CSV (made of the same JSON lines).
    compare query-all-csv \
        "$k log --store $store --format csv" \
        "rg -c . $store/Computers"
    compare query-all-table \
        "$k log --store $store --format table" \
        "rg -c . $store/Computers"
    fi

    # 3. the tree, with each log's last record, against find's metadata.
    if want tree; then
    compare tree \
        "$k tree --store $store" \
        "find $store -name '*.LOG' -printf '%p %s %T@\n'"
    peak tree "$k tree --store $store"
    fi

    # 4. sessions against the plain scan of the same logs.
    if want sessions; then
    compare sessions \
        "$k sessions --store $store" \
        "$k log --store $store"
    peak sessions "$k sessions --store $store"
    # A user's sessions: paired on each computer his log names, against the
    # plain read of his log.
    compare sessions-user \
        "$k sessions --store $store --user jean.martin0" \
        "$k log --store $store --user jean.martin0"
    peak sessions-user "$k sessions --store $store --user jean.martin0"
    fi

    # 5. compress against zip and 7z over the same store.
    if want compress && has compress; then
        archives=$work/archives-$size
        rm -rf "$archives" && mkdir -p "$archives"
        # One --prepare per command, each clearing only its own output, so
        # that every archive is there to be measured afterwards.
        prepare=(--prepare "sh -c 'rm -rf $archives/k; mkdir -p $archives/k'" --prepare "rm -f $archives/z.zip" --prepare "rm -f $archives/7.zip")
        compare compress \
            "$k compress --store $store --destination $archives/k --level 6" \
            "sh -c 'cd $store && zip -r -q -6 $archives/z.zip Computers ThinClients Users'" \
            "sh -c 'cd $store && 7z a -tzip -mx=5 -bd $archives/7.zip Computers ThinClients Users >/dev/null'"
        stat -c '%s %n' "$archives"/k/*.zip "$archives/z.zip" "$archives/7.zip" >"$out/compress.sizes"
        peak compress "rm -rf $archives/k && $k compress --store $store --destination $archives/k --level 6"
    fi

    # 6. export-rtf of the largest log against a sed one-liner making a
    #    minimal RTF of the same lines.
    if want export-rtf && has export-rtf; then
        big=$(ls -S "$store/Computers"/*.LOG | sed -n 1p)
        compare export-rtf \
            "$k export-rtf $big --output $work/export-$size.rtf" \
            "sh bench/sed-rtf.sh $big $work/export-$size-sed.rtf"
        peak export-rtf "$k export-rtf $big --output $work/export-$size.rtf"
        peak export-rtf-sessions "$k export-rtf $big --sessions --output $work/export-$size.rtf"
    fi

    # 7. memory only: the last record of a log that ends with a 100 MB
    #    line still being written, and the report of the whole store.
    if want memory; then
        torn=$work/torn.log
        if [ ! -f "$torn" ]; then
            cat "$(ls "$store/Computers"/*.LOG | sed -n 1p)" >"$torn"
            printf '[LOGON.]\t' >>"$torn"
            head -c 100000000 /dev/zero | tr '\0' x >>"$torn"
        fi
        peak last-torn "$k log $torn --last 1"
        has report && peak report "$k report --store $store"
    fi

    # 8. the PowerShell layer: every record of the store into objects through
    #    Get-KoXoSessionLog, against Import-Csv of the same records as TSV.
    if want powershell && [ -n "$powershell" ]; then
        tsv=$work/records-$size.tsv
        if [ ! -f "$tsv" ] || [ "$store/.generated-$days" -nt "$tsv" ]; then
            { sed -n 's/^#Fields: //p' "$(ls "$store/Computers"/*.LOG | sed -n 1p)" | tr ' ' '\t'
              find "$store/Computers" -name '*.LOG' -exec grep -hv '^#' {} + | tr -d '\r'; } >"$tsv"
        fi
        grep -c . "$tsv" | awk '{print $1 - 1}' >"$out/powershell.records"
        compare powershell \
            "env KOXOLOG_EXE=$k $powershell -NoProfile -NonInteractive -File bench/powershell-layer.ps1 -Reader KoXoLog -Source $store" \
            "$powershell -NoProfile -NonInteractive -File bench/powershell-layer.ps1 -Reader ImportCsv -Source $tsv"
        peak powershell "env KOXOLOG_EXE=$k $powershell -NoProfile -NonInteractive -File bench/powershell-layer.ps1 -Reader KoXoLog -Source $store"
        peak powershell-csv "$powershell -NoProfile -NonInteractive -File bench/powershell-layer.ps1 -Reader ImportCsv -Source $tsv"
    fi

    python3 bench/report.py "$out" "$size" >"$work/results/$size.md"
    cat "$work/results/$size.md"
done
if [ ${#sizes[@]} -gt 1 ]; then
    python3 bench/report.py --growth "$work/results" "${sizes[@]}" | tee "$work/results/growth.md"
fi
