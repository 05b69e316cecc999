#!/usr/bin/env python3
"""How long the workers wait between files (issue 17 item 1): the hand-off between the parent
and its workers, measured where it happens rather than guessed from wall times.

    .venv/bin/python benchmarks/scale/bench_worker_wait.py --share DIR
                     [--code LABEL=SRC ...] [--repeat 3] [--ocr]

Each code scans ``DIR`` (its own inventory, ``--no-ocr`` unless ``--ocr``) with pi-scan's own
analyser wrapped by :func:`timed_analyser`: each worker notes the wall time it spends in
files and the time from the end of one file to the start of the next (sending the result,
waiting for the next file). Reported per run: the scan's wall time and, per worker, files,
seconds in files, seconds between files. Codes alternate within each round (snapshots:
``git archive COMMIT | tar -x -C DIR``), so before and after meet the same machine.

On a shared machine the wall time moves with other work (±30 % between runs of one code);
the seconds between files move far less: they are the figure to compare. The wrapped
analyser is not pi-scan's default one, so the scan does not look for copies: use a share of
distinct files (``bench_small_files.py --keep`` makes one).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import code_option

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
_WAIT_DIR = "PI_SCAN_BENCH_WAIT_DIR"


def timed_analyser(config):  # runs in each worker: pi_scan.workers.load_analyser
    from pi_scan.analysis import FileAnalyser

    analyse_file = FileAnalyser(config)
    note = Path(os.environ[_WAIT_DIR]) / f"{os.getpid()}.txt"
    state = {"files": 0, "in_files": 0.0, "between": 0.0, "end": None}

    def analyse(ref):
        start = time.perf_counter()
        if state["end"] is not None:
            state["between"] += start - state["end"]
        try:
            return analyse_file(ref)
        finally:
            state["end"] = end = time.perf_counter()
            state["files"] += 1
            state["in_files"] += end - start
            note.write_text(f"{state['files']} {state['in_files']:.3f} {state['between']:.3f}")

    return analyse


_SCAN = """
import sys, time
from pathlib import Path
from pi_scan.config import ScanConfig
from pi_scan.pipeline import run_scan
home = Path(sys.argv[2])
config = ScanConfig(db_path=home / "inv.sqlite", secret_path=home / "secret.key",
                    ocr=sys.argv[3] == "ocr", analyser="bench_worker_wait:timed_analyser")
start = time.perf_counter()
run_scan([Path(sys.argv[1])], config, home / "out")
print(f"{time.perf_counter() - start:.3f}")
"""


def _run(
    src: str, share: Path, work: Path, ocr: bool
) -> tuple[float, list[tuple[int, float, float]]]:
    shutil.rmtree(work, ignore_errors=True)
    notes = work / "notes"
    notes.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([src, str(HERE)]),
        _WAIT_DIR: str(notes),
    }
    done = subprocess.run(
        [sys.executable, "-c", _SCAN, str(share), str(work), "ocr" if ocr else "no-ocr"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"scan failed:\n{done.stderr[-2000:]}")
    workers = []
    for note in sorted(notes.iterdir()):
        files, in_files, between = note.read_text().split()
        workers.append((int(files), float(in_files), float(between)))
    return float(done.stdout.split()[-1]), workers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--share", type=Path, required=True)
    parser.add_argument(
        "--code", action="append", type=code_option, metavar="LABEL=SRC", help="pi-scan's src"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocr", action="store_true", help="read scanned pages (default: not)")
    args = parser.parse_args(argv)
    codes = dict(args.code or [("here", str(REPO / "src"))])
    between: dict[str, list[float]] = {label: [] for label in codes}
    with tempfile.TemporaryDirectory(prefix="pi-scan-wait-") as tmp:
        for round_ in range(args.repeat):
            for label, src in codes.items():
                wall, workers = _run(src, args.share, Path(tmp) / label, args.ocr)
                each = "  ".join(
                    f"[{n} files, {busy:.2f} s in files, {gap:.2f} s between]"
                    for n, busy, gap in workers
                )
                print(f"[{label} {round_}] wall {wall:.2f} s  {each}", flush=True)
                files = sum(n for n, _, _ in workers)
                between[label].append(1000 * sum(g for _, _, g in workers) / max(files, 1))
    for label, values in between.items():
        values.sort()
        print(
            f"{label}: between files, ms a file (all workers): "
            + ", ".join(f"{v:.2f}" for v in values)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
