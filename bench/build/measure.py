#!/usr/bin/env python3
"""Times the benchmark builds and prints the report (called by bench/build/run.sh).

    bench/build/measure.py OUT_DIR [--switchboard BIN] [--runs 3] [--now ISO8601]

Each build runs under `/usr/bin/time -v`: wall time is the median of the runs, peak memory
the largest maximum resident set size seen. Exits 0 whether or not the targets are met
(it is a report), 1 if a build fails, 3 if the switchboard binary is missing.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WALL_TARGET, MEMORY_TARGET, REBUILD_TARGET = 0.50, 0.25, 0.10


def measure(label, command, env=None):
    """Runs command under GNU time; returns (wall seconds, peak RSS in MB)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", report.name, *command],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        wall = time.perf_counter() - start
        text = report.read()
    if result.returncode != 0:
        sys.stderr.write(f"bench-build: {label} failed (exit {result.returncode}): {' '.join(command)}\n")
        sys.stderr.write(result.stdout[-4000:] + "\n")
        sys.exit(1)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    peak_mb = int(rss.group(1)) / 1024 if rss else float("nan")
    print(f"  {label}: {wall:.2f} s, {peak_mb:.0f} MB", flush=True)
    return wall, peak_mb


def summarise(samples):
    return statistics.median(w for w, _ in samples), max(m for _, m in samples)


def count_files(folder, suffix):
    return sum(1 for _ in Path(folder).rglob(f"*{suffix}")) if Path(folder).is_dir() else 0


def verdict(value, target):
    return "PASS" if value <= target else "FAIL"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--switchboard", type=Path, default=Path(".build/release/switchboard"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--now", default="2026-11-27T00:00:00+08:00")
    args = parser.parse_args()
    out = args.out_dir.resolve()
    hugo_site, hugo_public = out / "hugo", out / "hugo-public"
    sb_site, sb_public = out / "switchboard", out / "sb-public"
    sb_cache = sb_site / ".switchboard-cache"
    binary = args.switchboard.resolve()
    have_switchboard = binary.is_file() and os.access(binary, os.X_OK)

    print(f"Hugo: {subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.strip()}")
    sb_command = [str(binary), "build", "--site", str(sb_site), "--output", str(sb_public), "--now", args.now]
    # Full builds alternate (Hugo, switchboard, Hugo, …) so that a change in the machine's
    # load during the run affects both tools alike.
    hugo, samples = [], []
    for run in range(1, args.runs + 1):
        shutil.rmtree(hugo_public, ignore_errors=True)
        shutil.rmtree(hugo_site / "resources", ignore_errors=True)
        hugo.append(measure(f"hugo full build {run}/{args.runs}",
                            ["hugo", "--quiet", "--source", str(hugo_site), "--destination", str(hugo_public)]))
        if have_switchboard:
            shutil.rmtree(sb_public, ignore_errors=True)
            shutil.rmtree(sb_cache, ignore_errors=True)
            samples.append(measure(f"switchboard full build {run}/{args.runs}", sb_command))
    hugo_wall, hugo_mb = summarise(hugo)

    full = rebuild = None
    if have_switchboard:
        full = summarise(samples)
        # Rebuilds keep the output and the cache; each changes one announcement's body.
        announcements = sorted((sb_site / "content" / "announcements").glob("*.md"))
        edited = announcements[len(announcements) // 2]
        samples = []
        for run in range(1, args.runs + 1):
            with open(edited, "a") as file:
                file.write(f"\nBenchmark edit {run}: one more sentence appended to this notice.\n")
            samples.append(measure(f"switchboard rebuild {run}/{args.runs} ({edited.name} changed)", sb_command))
        rebuild = summarise(samples)

    print()
    print(f"pages: hugo {count_files(hugo_public, '.html')} HTML files"
          + (f", switchboard {count_files(sb_public, '.html')} HTML files" if have_switchboard else ""))
    print(f"{'tool':<24}{'wall s':>10}{'peak MB':>10}")
    print(f"{'hugo':<24}{hugo_wall:>10.2f}{hugo_mb:>10.0f}")
    if not have_switchboard:
        print(f"{'switchboard':<24}{'n/a':>10}{'n/a':>10}")
        print(f"\nbench-build: no switchboard binary at {binary}; build it with "
              f"`swift build -c release --product switchboard` (bench/build/run.sh does) and run again. "
              f"Only the Hugo half was measured.")
        sys.exit(3)
    print(f"{'switchboard':<24}{full[0]:>10.2f}{full[1]:>10.0f}")
    print(f"{'switchboard rebuild':<24}{rebuild[0]:>10.2f}{rebuild[1]:>10.0f}")
    wall_ratio, memory_ratio, rebuild_ratio = full[0] / hugo_wall, full[1] / hugo_mb, rebuild[0] / full[0]
    print()
    print(f"wall ratio switchboard/hugo = {wall_ratio:.2f} (target ≤ {WALL_TARGET:.2f}) {verdict(wall_ratio, WALL_TARGET)}")
    print(f"memory ratio = {memory_ratio:.2f} (target ≤ {MEMORY_TARGET:.2f}) {verdict(memory_ratio, MEMORY_TARGET)}")
    print(f"rebuild/full = {rebuild_ratio:.2f} (target ≤ {REBUILD_TARGET:.2f}) {verdict(rebuild_ratio, REBUILD_TARGET)}")


if __name__ == "__main__":
    main()
