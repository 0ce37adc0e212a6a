#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (a crate of its own, see
# docs/FUZZING.md) and runs each for SECONDS (default 30) from its committed
# seed corpus, one after the other; fails on the first crash, leaving the
# input that made it in fuzz/target/artifacts/.
#
#   bash scripts/fuzz.sh [SECONDS]
#
# Stable Rust, no cargo-fuzz: the coverage instrumentation is asked of LLVM
# directly, and the explicit --target keeps it off the build scripts. New
# inputs the fuzzer finds go to a scratch folder under fuzz/target, never
# into the committed seeds.
set -euo pipefail

seconds=${1:-30}
case $seconds in
  '' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number of seconds, not '$seconds'" >&2; exit 2 ;;
esac
fuzz=$(cd "$(dirname "$0")/../fuzz" && pwd)
triple=x86_64-unknown-linux-gnu
targets=(record_line header legacy stdin_json name rtf_escape)

export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=3 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
(cd "$fuzz" && cargo build --locked --release --target "$triple" --bins)

mkdir -p "$fuzz/target/artifacts"
for target in "${targets[@]}"; do
  scratch="$fuzz/target/corpus/$target"
  mkdir -p "$scratch"
  echo "== $target: $seconds s" >&2
  "$fuzz/target/$triple/release/$target" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$fuzz/target/artifacts/$target-" "$scratch" "$fuzz/corpus/$target"
done
echo "fuzz.sh: ${#targets[@]} targets, $seconds s each, no crash" >&2
