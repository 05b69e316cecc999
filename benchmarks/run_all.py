#!/usr/bin/env python3
"""Run the benchmarks one after the other and print a table of the figures.

    python3 tasks.py bench [--full-size] [--only scan,walk,bigfile,detection] [--json FILE]
    .venv/bin/python benchmarks/run_all.py [same options]

Default: quick sizes (a smoke run of a few minutes on 2 cores):
  scan     benchmarks/scale/bench_scan.py --quick          (1,000-file share)
  walk     benchmarks/scale/bench_walk.py --files 100000
  bigfile  benchmarks/scale/bench_bigfile.py --rows 100000 --xlsx-rows 100000
  detection benchmarks/detection/bench_quality.py, bench_throughput.py --rows 5000
``--full-size``: the issue's sizes (20,000-file share; 1,000,000 empty files; a 1,000,000-row CSV
and a 2,000,000-row workbook; detection at its defaults) — an hour or more on 2 cores.
See benchmarks/README.md for what each measures and the figures measured so far.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCALE = HERE / "scale"
DETECTION = HERE / "detection"

QUICK = {
    "scan": ["--quick"],
    "walk": ["--files", "100000"],
    "bigfile": ["--rows", "100000", "--xlsx-rows", "100000"],
    "throughput": ["--rows", "5000", "--ginza-cells", "100", "--text-chars", "100000"],
}
FULL = {
    "scan": ["--files", "20000"],
    "walk": ["--files", "1000000"],
    "bigfile": ["--rows", "1000000", "--xlsx-rows", "2000000"],
    "throughput": [],
}
SCRIPTS = {"scan": "bench_scan.py", "walk": "bench_walk.py", "bigfile": "bench_bigfile.py"}


def _run(command: list[str]) -> int:
    """Run a benchmark; if this script is stopped, stop it gently so that it cleans up."""
    child = subprocess.Popen(command)
    try:
        return child.wait()
    except BaseException:
        child.terminate()
        child.wait(timeout=60)
        raise


def run_scale(name: str, extra: list[str], out: Path) -> dict[str, Any] | None:
    command = [sys.executable, str(SCALE / SCRIPTS[name]), *extra, "--json", str(out)]
    print(f"\n### {name}: {' '.join(command[1:])}", flush=True)
    code = _run(command)
    if not out.exists():
        print(f"### {name} failed (exit {code})", flush=True)
        return None
    report = json.loads(out.read_text(encoding="utf-8"))
    report["exit_code"] = code
    return report


def run_detection(extra: list[str], tmp: Path) -> int:
    """bench_throughput keeps its working folder unless given one: give it one inside ours."""
    extra = [*extra, "--work", str(tmp / "throughput")]
    worst = 0
    for script, args in (("bench_quality.py", []), ("bench_throughput.py", extra)):
        command = [sys.executable, str(DETECTION / script), *args]
        print(f"\n### detection: {' '.join(command[1:])}", flush=True)
        worst = max(worst, _run(command))
    return worst


def table(reports: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| benchmark | figure | value | load (1/5/15 min) |", "|---|---|---|---|"]

    def add(bench: str, figure: str, value: object, load: str = "") -> None:
        lines.append(f"| {bench} | {figure} | {value} | {load} |")

    scan = reports.get("scan")
    if scan:
        share, checks = scan["share"], scan["checks"]
        add(
            "scan",
            "share",
            f"{share['files']:,} files, {share['mb']:,.0f} MB "
            f"({share['inspected_files']:,} inspected, {scan['cells']['cells']:,} table cells)",
        )
        for r in scan["scans"]:
            add(
                "scan",
                r["stage"],
                f"{r['wall_s']} s, {r['files_per_s']} files/s, "
                f"{r['mb_per_s']} MB/s, {r['cells_per_s']:,} cells/s, peak RSS tree "
                f"{r['peak_tree_rss_mb']} MB (PSS {r['peak_tree_pss_mb']}), parent "
                f"{r['peak_parent_rss_mb']} MB, worker {r['peak_worker_rss_mb']} MB",
                r["load"],
            )
        if "workers_1_vs_2" in checks:
            add("scan", "1 vs 2 workers identical", checks["workers_1_vs_2"]["identical"])
        add(
            "scan",
            "re-scan unchanged / first scan (goal <= 5 %)",
            f"{checks['rescan_unchanged_ratio']:.1%}",
        )
        if "rescan_1pc_ratio" in checks:
            add(
                "scan",
                "re-scan 1 % changed / first scan (goal <= 10 %)",
                f"{checks['rescan_1pc_ratio']:.1%}",
            )
        if "rescan_1pc_vs_full" in checks:
            add(
                "scan",
                "re-scan 1 % changed equals --full",
                checks["rescan_1pc_vs_full"]["identical"],
            )
        if "resume" in checks:
            add(
                "scan",
                "kill -9 + resume equals uninterrupted",
                checks["resume"]["vs_uninterrupted"]["identical"],
            )
        people = scan.get("distinct_individuals") or {}
        add(
            "scan",
            "distinct people (estimate / low / high; truth)",
            f"{people.get('estimate')} / {people.get('low')} / {people.get('high')}; "
            f"{share.get('true_distinct_people')}",
        )
    walk = reports.get("walk")
    if walk:
        d = walk["discover"]
        add(
            "walk",
            f"discover() over {walk['files']:,} empty files",
            f"{d['files_per_s']:,} files/s, peak RSS {d['peak_rss_mb']} MB "
            f"({d['bytes_per_file']} B/file)",
            d["load"],
        )
        add(
            "walk",
            "bare scandir + lstat",
            f"{walk['scandir']['files_per_s']:,} files/s",
            walk["scandir"]["load"],
        )
    big = reports.get("bigfile")
    if big:
        for r in big["scans"]:
            statuses = ", ".join(f"{d['status']} {d['records']}" for d in r["datasets"])
            add(
                "bigfile",
                f"{r['file']} ({r['rows']:,} rows, {r['mb']} MB; limits: {r['limits']})",
                f"{r['wall_s']} s, worker peak RSS {r['peak_worker_rss_mb']} "
                f"MB, parent {r['peak_parent_rss_mb']} MB; datasets: {statuses}",
                r["load"],
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full-size", action="store_true", help="the issue's sizes (slow)")
    parser.add_argument(
        "--only",
        default="scan,walk,bigfile,detection",
        help="comma-separated: scan, walk, bigfile, detection",
    )
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = FULL if args.full_size else QUICK
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = set(wanted) - {*SCRIPTS, "detection"}
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    print(
        f"load average at start: {'/'.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"{os.cpu_count()} cores",
        flush=True,
    )
    started = time.perf_counter()
    reports: dict[str, dict[str, Any]] = {}
    failed = []
    with tempfile.TemporaryDirectory(prefix="pi-scan-bench-") as tmp:
        for name in wanted:
            if name == "detection":
                if run_detection(sizes["throughput"], Path(tmp)):
                    failed.append(name)
                continue
            report = run_scale(name, sizes[name], Path(tmp) / f"{name}.json")
            if report is None or report.get("exit_code"):
                failed.append(name)
            if report is not None:
                reports[name] = report
    print(
        f"\n## figures ({'full size' if args.full_size else 'quick'}; "
        f"{time.perf_counter() - started:.0f} s in all)"
    )
    print("\n".join(table(reports)))
    if args.json:
        args.json.write_text(
            json.dumps(reports, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    if failed:
        print(f"\nfailed or found a difference: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
