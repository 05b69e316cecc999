#!/usr/bin/env python3
"""Re-scans after what happens to a share between two nights, with files whose bytes did not
change (issue 17 item 2, across scans): a re-scan with nothing changed, with a share of the
files touched (their modified time rewritten: a backup tool, an antivirus, a copy back), and
with every top-level folder renamed (the year-end rename: every file at a new path).

    .venv/bin/python benchmarks/scale/bench_known_contents.py --share DIR
                     [--code LABEL=SRC ...] [--touch 1.0] [--no-ocr] [--repeat 1] [--json FILE]

Each code (a pi-scan ``src`` folder, e.g. a ``git archive`` snapshot; default: this checkout)
makes a first scan of the share in a pi-scan home of its own; that home (inventory, person
records) is kept and put back before each re-scan, and the share is put back as it was (times
restored, folders renamed back) after each, so every re-scan starts from the same first scan.
Re-scans alternate between the codes. Each is a ``pi-scan scan --quiet`` process (``measure``):
wall and CPU seconds, the files read and the files taken by content (``summary.json``), and
the time as a share of the first scan's. The codes must give the same inventory.csv and
findings.csv for each re-scan; summary.json's ``incremental`` differs by design.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from measure import code_option, comparable_outputs, loadavg, measured_scan  # noqa: E402


def _files(share: Path) -> list[Path]:
    return sorted(p for p in share.rglob("*") if p.is_file() and not p.is_symlink())


def _touch(share: Path, percent: float, seed: int) -> Callable[[], None]:
    """Rewrite the modified time of ``percent`` % of the files (a second later); returns what
    puts them back."""
    files = _files(share)
    chosen = random.Random(seed).sample(files, max(1, round(len(files) * percent / 100)))
    saved = [(p, p.stat()) for p in chosen]
    for p, st in saved:
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    def undo() -> None:
        for p, st in saved:
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))

    return undo


def _rename(share: Path) -> Callable[[], None]:
    """Rename every top-level folder (``X`` → ``X_旧``); returns what renames them back."""
    moved = [(p, p.with_name(p.name + "_旧")) for p in sorted(share.iterdir()) if p.is_dir()]
    for old, new in moved:
        old.rename(new)

    def undo() -> None:
        for old, new in moved:
            new.rename(old)

    return undo


def _incremental(out: Path) -> dict[str, Any]:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return summary.get("incremental") or {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--share", type=Path, required=True)
    parser.add_argument(
        "--code", action="append", type=code_option, metavar="LABEL=SRC", help="pi-scan's src"
    )
    parser.add_argument("--touch", type=float, default=1.0, help="%% of the files touched")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the re-scans")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    share = args.share.resolve()
    codes = args.code or [("this", str(ROOT / "src"))]
    options = ["--no-ocr"] if args.no_ocr else []
    scenarios: dict[str, Callable[[], Callable[[], None]]] = {
        "unchanged": lambda: lambda: None,
        f"{args.touch:g} % touched": lambda: _touch(share, args.touch, args.seed),
        "folders renamed": lambda: _rename(share),
    }
    head = [sys.executable, "-m", "pi_scan"]
    print(f"share: {share} ({len(_files(share)):,} files)  load {loadavg()}", flush=True)
    results: dict[str, Any] = {"share": str(share), "codes": dict(codes), "runs": []}
    with tempfile.TemporaryDirectory(prefix="known-contents-") as tmp:
        work = Path(tmp)
        first: dict[str, float] = {}
        for label, src in codes:
            env = {"PYTHONPATH": str(Path(src).resolve())}
            m, _ = measured_scan(work, label, share, head, options, env)
            first[label] = m.wall_s
            shutil.copytree(work / f"home-{label}", work / f"first-{label}")
            print(f"[{label}] first scan {m.wall_s:.1f} s  (load {loadavg()})", flush=True)
            results["runs"].append({"code": label, "scan": "first", "wall_s": m.wall_s})
        for n in range(args.repeat):
            for name, change in scenarios.items():
                outputs = {}
                for label, src in codes:
                    home = work / f"home-{label}"
                    shutil.rmtree(home)
                    shutil.copytree(work / f"first-{label}", home)
                    undo = change()
                    try:
                        env = {"PYTHONPATH": str(Path(src).resolve())}
                        m, out = measured_scan(work, label, share, head, options, env)
                    finally:
                        undo()
                    inc = _incremental(out)
                    outputs[label] = comparable_outputs(out)[:2]
                    run = {
                        "code": label,
                        "scan": name,
                        "round": n,
                        "wall_s": m.wall_s,
                        "cpu_s": m.cpu_s,
                        "of_first": m.wall_s / first[label],
                        "files_read": inc.get("files_read"),
                        "files_same_content": inc.get("files_same_content", 0),
                        "peak_parent_rss_mb": m.peak_parent_rss_mb,
                    }
                    results["runs"].append(run)
                    print(
                        f"[{label} {n}] {name}: {m.wall_s:.2f} s ({100 * run['of_first']:.1f} % "
                        f"of the first), CPU {m.cpu_s:.1f} s, read {run['files_read']:,}, "
                        f"same content {run['files_same_content']:,}, parent "
                        f"{m.peak_parent_rss_mb:.0f} MB  (load {loadavg()})",
                        flush=True,
                    )
                    time.sleep(1)
                same = len({outputs[label] for label, _ in codes}) == 1
                print(f"  inventory.csv and findings.csv identical across codes: {same}")
                if not same:
                    return 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
