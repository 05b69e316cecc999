#!/usr/bin/env python3
"""One file's first answer (issue 17 item 5): wall time of ``pi-scan inspect FILE`` and of a
one-file ``pi-scan scan FILE`` for a spreadsheet and a text file of the sample share.

    .venv/bin/python benchmarks/scale/bench_latency.py [--code LABEL=SRC ...] [--repeat 5]
                     [--taskset 0] [--json FILE]

Each measurement is a fresh process (interpreter start-up and imports included; the scan with
its own empty inventory database, so the file is read). With several ``--code`` (a pi-scan
source folder each, e.g. snapshots made with ``git archive``: see README), runs alternate
between them so that each sees the same machine load; the median and the best of ``--repeat``
runs are printed, with the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import code_option, loadavg

ROOT = Path(__file__).resolve().parents[2]
SHARE = ROOT / "fixtures" / "sample_share"
FILES = {
    "spreadsheet": "学年/3年/3年生徒名簿.xlsx",
    "text": "総務課/議事録/2024-06-12_職員会議議事録.txt",
}


def run_once(src: str | None, command: list[str], taskset: str | None, work: Path) -> float:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    home = Path(tempfile.mkdtemp(dir=work))
    env["PI_SCAN_HOME"] = str(home)
    full = [sys.executable, "-m", "pi_scan", *command]
    if taskset:
        full = ["taskset", "-c", taskset, *full]
    if command[0] == "scan":
        full += ["--output", str(home / "out"), "--quiet"]
    t0 = time.perf_counter()
    done = subprocess.run(full, env=env, capture_output=True, cwd=work)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(full)}: exit {done.returncode}\n{done.stderr[-2000:]!r}")
    shutil.rmtree(home, ignore_errors=True)
    return wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--code",
        action="append",
        type=code_option,
        default=[],
        help="LABEL=SRC: a pi-scan source folder to measure (default: installed)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--taskset", help="run under taskset -c CPUS")
    parser.add_argument("--share", type=Path, default=SHARE)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    codes = args.code or [("installed", "")]
    cases = []
    for kind, rel in FILES.items():
        path = str(args.share / rel)
        cases += [(f"inspect {kind}", ["inspect", path]), (f"scan {kind}", ["scan", path])]
    print(f"load before: {loadavg()}", flush=True)
    times: dict[tuple[str, str], list[float]] = {}
    work = Path(tempfile.mkdtemp(prefix="pi-scan-latency-"))
    try:
        for _ in range(args.repeat):
            for case, command in cases:
                for label, src in codes:
                    wall = run_once(src or None, command, args.taskset, work)
                    times.setdefault((case, label), []).append(wall)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load after: {loadavg()}")
    rows = []
    for (case, label), walls in times.items():
        row = {
            "case": case,
            "code": label,
            "median_s": round(statistics.median(walls), 2),
            "best_s": round(min(walls), 2),
            "runs": [round(w, 2) for w in walls],
        }
        rows.append(row)
        print(
            f"{case:22s} {label:10s} median {row['median_s']:6.2f} s  best {row['best_s']:6.2f} s"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
