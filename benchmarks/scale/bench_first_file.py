#!/usr/bin/env python3
"""When a first scan's files begin to come back: seconds from the scan's process start to the
reading's start (discovery and the plan done), the first file analysed, the 100th, all files
read, and the scan done (inventory stored, outputs written).

    .venv/bin/python benchmarks/scale/bench_first_file.py --share DIR [--code LABEL=SRC ...]
                     [--repeat 2] [--cold] [--no-ocr]

Each run is a fresh process with its own empty pi-scan home (a first scan), calling
``pipeline.run_scan`` with a progress sink that notes the times. With several ``--code`` (a
pi-scan source folder each, e.g. ``git archive`` snapshots: see README) runs alternate between
them. ``--cold`` empties the page cache before each run (Linux, root): the share is read from
the disk, as a share seen for the first time, or over the network, is.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()  # the child's start, before pi-scan is imported

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


class _Marks:
    """A ``pi_scan.progress.Progress`` that notes when the reading starts and files finish."""

    def __init__(self) -> None:
        self.files = 0
        self.marks: dict[str, float] = {}

    def _mark(self, name: str) -> None:
        self.marks[name] = round(time.perf_counter() - T0, 3)

    def start(self, tally) -> None:
        self._mark("reading starts")

    def file_done(self, tally, path: str) -> None:
        self.files += 1
        if self.files in (1, 100):
            self._mark("first file" if self.files == 1 else "100 files")

    def finish(self, tally) -> None:
        self._mark("all read")


def child(share: Path, home: Path, ocr: bool) -> None:
    os.environ["PI_SCAN_HOME"] = str(home)
    from pi_scan.config import ScanConfig
    from pi_scan.pipeline import run_scan
    from pi_scan.workers import stop_helper_processes

    marks = _Marks()
    run_scan([share], ScanConfig(ocr=ocr), home / "out", marks)
    marks._mark("done")
    stop_helper_processes()
    print(json.dumps(marks.marks))


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(HERE))
    from measure import code_option, drop_page_cache, loadavg

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--share", type=Path, required=True)
    parser.add_argument(
        "--code", action="append", type=code_option, metavar="LABEL=SRC", help="pi-scan's src"
    )
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="empty the page cache first (root)")
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # the home of one run
    args = parser.parse_args(argv)
    if args.child:
        child(args.share, args.child, not args.no_ocr)
        return 0
    codes = args.code or [("this", str(ROOT / "src"))]
    print(f"share: {args.share}{' (cold)' if args.cold else ''}  load {loadavg()}", flush=True)
    for n in range(args.repeat):
        for label, src in codes:
            if args.cold:
                drop_page_cache()
            with tempfile.TemporaryDirectory(prefix="first-file-") as home:
                command = [sys.executable, __file__, "--share", str(args.share)]
                command += ["--child", home, *(["--no-ocr"] if args.no_ocr else [])]
                env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
                done = subprocess.run(command, env=env, capture_output=True, text=True)
                if done.returncode:
                    print(done.stderr, file=sys.stderr)
                    return 1
                marks = json.loads(done.stdout.strip().splitlines()[-1])
            shown = "  ".join(f"{k} {v:.2f}" for k, v in marks.items())
            print(f"[{label} {n}] {shown}  (s; load {loadavg()})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
