#!/usr/bin/env bash
# `make bench-build`: builds the release switchboard, generates the 10,000-announcement
# site into bench/out/, builds it with Hugo and with switchboard, prints the comparison.
#   BENCH_COUNT (10000)  BENCH_RUNS (3)  SWIFT (swift)
#   SWITCHBOARD_BIN=path  use this binary instead of building one
# Exit: 0 = report printed (targets met or not), 1 = a build failed, 3 = no switchboard binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${BENCH_COUNT:-10000}
runs=${BENCH_RUNS:-3}
swift=${SWIFT:-swift}
# Sources and outputs go on tmpfs when the machine has one, so that both tools are timed on
# their own work rather than on the file system's state: on ext4, creating files where many
# were deleted in the last minutes is several times slower (the inode allocator skips
# recently deleted inodes), and every run here deletes the previous output. BENCH_OUT=dir
# chooses another place, e.g. BENCH_OUT=bench/out to time on the disk.
if [ -z "${BENCH_OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  out=/dev/shm/switchboard-bench
else
  out=${BENCH_OUT:-bench/out}
fi
now=2026-11-27T00:00:00+08:00

for tool in hugo /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench-build: $tool is missing; run 'make bench-build' (it installs hugo and time)" >&2; exit 1; }
done

binary=${SWITCHBOARD_BIN:-}
if [ -z "$binary" ]; then
  binary=.build/release/switchboard
  if command -v "$swift" >/dev/null; then
    echo "[1/3] swift build -c release --product switchboard"
    "$swift" build -c release --product switchboard || { echo "bench-build: the release build failed" >&2; exit 1; }
  else
    echo "bench-build: '$swift' not found, cannot build $binary; measuring Hugo only" >&2
  fi
fi
[ -x "$binary" ] || echo "bench-build: no switchboard binary at $binary; measuring Hugo only" >&2

echo "[2/3] generating $count announcements into $out/"
mkdir -p "$out"
rm -rf "$out/hugo-public" "$out/sb-public"
python3 bench/build/generate.py "$out" --count "$count"

echo "[3/3] measuring ($runs runs each, median wall time, max peak RSS)"
python3 bench/build/measure.py "$out" --switchboard "$binary" --runs "$runs" --now "$now"
