#!/usr/bin/env python3
"""Copies read once (issue 17 item 2): the same share scanned with every file analysed, then
with identical contents analysed once, in one run.

    .venv/bin/python benchmarks/scale/bench_copies.py [--files 5000 | --share DIR]
                     [--workers N] [--repeat 1] [--taskset 0,1] [--json FILE] [--keep]

The share is the big share of ``make_big_share.py`` (copies of three schools' files in backups,
year folders and users' Downloads: mostly copies). "each file" is pi-scan with its copy
detection switched off (``contents.copies_in`` finds none), "copies once" is pi-scan as it
is; each scan is a separate ``pi-scan scan --quiet`` process with its own inventory database
(the same secret). Both must give the same inventory.csv, findings.csv and summary.json (minus
timings and ids). Reported: wall time, files/s (inspected files), peak RSS of the parent and
of the largest worker, the load average before -> after, and how many distinct contents the
inspected files hold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import code_version, comparable_outputs, loadavg, measured_scan

from pi_scan.config import ScanConfig
from pi_scan.discover import discover
from pi_scan.model import Status

HERE = Path(__file__).resolve().parent
EACH_FILE = (
    "import sys; from pi_scan import contents; "
    "contents.copies_in = lambda *args: {}; "
    "from pi_scan.cli import app; sys.argv[0] = 'pi-scan'; app()"
)


def share_figures(share: Path) -> dict[str, Any]:
    found = discover([share], ScanConfig())
    inspected = [f for f in found.files if f.status is Status.OK]
    sizes = Counter(f.size_bytes for f in inspected)
    contents = set()
    hashed = 0
    for f in inspected:
        if sizes[f.size_bytes] < 2:
            contents.add((f.size_bytes, f.extension))
            continue
        hashed += 1
        with open(f.abs_path, "rb") as fh:
            contents.add((f.size_bytes, f.extension, hashlib.blake2b(fh.read()).digest()))
    return {
        "files": len(found.files),
        "inspected": len(inspected),
        "inspected_mb": round(sum(f.size_bytes for f in inspected) / 1e6, 1),
        "same_size_as_another": hashed,
        "distinct_contents": len(contents),
    }


def scan(
    work: Path, label: str, share: Path, workers: int | None, taskset: str | None, each_file: bool
) -> dict[str, Any]:
    head = [sys.executable, "-c", EACH_FILE] if each_file else [sys.executable, "-m", "pi_scan"]
    if taskset:
        head = ["taskset", "-c", taskset, *head]
    options = ["--workers", str(workers)] if workers is not None else []
    m, out = measured_scan(work, label, share, head, options)
    return {
        "label": label,
        "wall_s": round(m.wall_s, 2),
        "parent_mb": round(m.peak_parent_rss_mb),
        "worker_mb": round(m.peak_worker_rss_mb),
        "load": f"{m.load_before} -> {m.load_after}",
        "out": out,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--share", type=Path, help="scan this share instead of generating one")
    parser.add_argument("--workers", type=int, help="--workers of pi-scan (default: its own)")
    parser.add_argument("--repeat", type=int, default=1, help="pairs of scans, alternating")
    parser.add_argument("--taskset", help="run pi-scan under taskset -c CPUS")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="pi-scan-copies-"))
    same = False
    try:
        share = args.share
        if share is None:
            share = work / "share"
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "make_big_share.py"),
                    str(share),
                    "--files",
                    str(args.files),
                ],
                check=True,
            )
        figures = share_figures(share)
        print(f"pi-scan: {code_version()}\nshare: {share} {figures}  (load {loadavg()})")
        rows = []
        for k in range(args.repeat):
            for each_file in (True, False):
                label = f"{'each-file' if each_file else 'copies-once'}-{k}"
                row = scan(work, label, share, args.workers, args.taskset, each_file)
                row["files_per_s"] = round(figures["inspected"] / row["wall_s"], 1)
                rows.append(row)
                print(
                    f"[{label}] {row['wall_s']} s, {row['files_per_s']} files/s, parent "
                    f"{row['parent_mb']} MB, worker {row['worker_mb']} MB, load {row['load']}",
                    flush=True,
                )
        reference = comparable_outputs(rows[0]["out"])
        same = all(comparable_outputs(r["out"]) == reference for r in rows[1:])
        print(
            f"outputs identical (inventory.csv, findings.csv, summary.json minus timings): {same}"
        )
        each = min(r["wall_s"] for r in rows if r["label"].startswith("each"))
        once = min(r["wall_s"] for r in rows if r["label"].startswith("copies"))
        print(f"best of each: {each} s -> {once} s = {each / once:.2f}x")
        if args.json:
            for r in rows:
                r["out"] = str(r["out"])
            args.json.write_text(
                json.dumps({"share": figures, "scans": rows, "identical": same}, indent=1)
            )
        return 0 if same else 1
    finally:
        if args.keep or not same:  # outputs that differ are kept, to be compared
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
