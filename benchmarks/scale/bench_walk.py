#!/usr/bin/env python3
"""Walk of a tree of empty files (metadata only): pi_scan.discover.discover, files/s and memory.

    .venv/bin/python benchmarks/scale/bench_walk.py [--files 1000000] [--per-folder 1000]
                     [--work DIR] [--keep] [--json FILE]

Makes ``--files`` empty files in folders of ``--per-folder`` (default 1,000 x 1,000, two levels:
``部署NN/フォルダNNNN/``) with the names and extensions of a school share (xlsx, csv, docx, pdf,
txt, jpg, png ...: images are counted by extension, not listed), then, in a fresh process each:

- ``discover([tree], ScanConfig())`` — what ``pi-scan scan`` does before reading anything;
- a bare ``os.scandir`` + ``lstat`` walk, the floor any Python walker stands on.

Reports files/s and the process's peak RSS (VmHWM) and its growth over the walk (bytes per
file). The page cache is warm (the tree was just written): a cold walk of a network share is
bound by the file server instead. The tree is deleted afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import code_version, loadavg

STEMS = (
    "生徒名簿",
    "保護者連絡先",
    "成績一覧",
    "議事録",
    "学校だより",
    "出席簿",
    "写真",
    "請求書",
    "見積書",
    "時間割",
)
EXTENSIONS = (".xlsx", ".csv", ".docx", ".pdf", ".txt", ".jpg", ".xlsx", ".png", ".xls", ".zip")

_CHILD = r"""
import json, os, sys, time
from pathlib import Path

def rss(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0

root, mode = sys.argv[1], sys.argv[2]
if mode == "discover":
    from pi_scan.config import ScanConfig
    from pi_scan.discover import discover
    config = ScanConfig()
    before = rss("VmRSS")
    t0 = time.perf_counter()
    found = discover([Path(root)], config)
    seconds = time.perf_counter() - t0
    listed = len(found.files)
    counted = sum(found.not_inspected_by_extension.values())
else:
    def walk(path):
        n = 0
        with os.scandir(path) as it:
            for entry in it:
                st = entry.stat(follow_symlinks=False)
                if entry.is_dir(follow_symlinks=False):
                    n += walk(entry.path)
                else:
                    n += 1
        return n
    before = rss("VmRSS")
    t0 = time.perf_counter()
    listed = walk(root)
    seconds = time.perf_counter() - t0
    counted = 0
print(json.dumps({"seconds": seconds, "listed": listed, "counted_by_extension": counted,
                  "rss_before": before, "rss_after": rss("VmRSS"), "peak_rss": rss("VmHWM")}))
"""


def make_tree(root: Path, files: int, per_folder: int) -> float:
    t0 = time.perf_counter()
    flags = os.O_CREAT | os.O_WRONLY | os.O_EXCL
    made = folder_no = 0
    while made < files:
        folder = root / f"部署{folder_no // 100:02d}" / f"フォルダ{folder_no:04d}"
        folder.mkdir(parents=True)
        base = str(folder) + "/"
        for i in range(min(per_folder, files - made)):
            name = f"{STEMS[i % len(STEMS)]}_{i:05d}{EXTENSIONS[(i // 10) % len(EXTENSIONS)]}"
            os.close(os.open(base + name, flags, 0o644))
        made += min(per_folder, files - made)
        folder_no += 1
    return time.perf_counter() - t0


def walk_in_child(root: Path, mode: str) -> dict[str, Any]:
    load = loadavg()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), mode], check=True, capture_output=True, text=True
    )
    result = json.loads(out.stdout)
    result["load_before"] = load
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="pi-scan-bench-walk-", dir=args.work))
    tree = work / "tree"
    report: dict[str, Any] = {
        "benchmark": "walk",
        "date": datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "code": code_version(),
        "files": args.files,
        "per_folder": args.per_folder,
    }
    try:
        print(f"making {args.files:,} empty files under {tree} ...", flush=True)
        report["make_s"] = round(make_tree(tree, args.files, args.per_folder), 1)
        for mode in ("discover", "scandir"):
            r = walk_in_child(tree, mode)
            files = r["listed"] + r["counted_by_extension"]
            report[mode] = {
                "seconds": round(r["seconds"], 2),
                "files_per_s": round(files / r["seconds"]),
                "listed": r["listed"],
                "counted_by_extension": r["counted_by_extension"],
                "peak_rss_mb": round(r["peak_rss"] / 2**20),
                "rss_growth_mb": round((r["rss_after"] - r["rss_before"]) / 2**20),
                "bytes_per_file": round((r["rss_after"] - r["rss_before"]) / max(1, files)),
                "load": r["load_before"],
            }
            print(f"{mode}: {report[mode]}", flush=True)
    finally:
        if args.keep:
            print(f"kept: {tree}")
        else:
            t0 = time.perf_counter()
            shutil.rmtree(work, ignore_errors=True)
            report["cleanup_s"] = round(time.perf_counter() - t0, 1)
    return report


def print_report(report: dict[str, Any]) -> None:
    d, s = report["discover"], report["scandir"]
    print(
        f"\n== walk benchmark, {report['date']}: {report['files']:,} empty files "
        f"({report['per_folder']:,} a folder; made in {report['make_s']} s)"
    )
    print(f"pi-scan: {report['code']}")
    print(
        f"discover(): {d['seconds']} s, {d['files_per_s']:,} files/s, peak RSS "
        f"{d['peak_rss_mb']} MB (+{d['rss_growth_mb']} MB, {d['bytes_per_file']} B/file; "
        f"{d['listed']:,} listed, {d['counted_by_extension']:,} counted by extension), "
        f"load {d['load']}"
    )
    print(f"bare scandir+lstat: {s['seconds']} s, {s['files_per_s']:,} files/s, load {s['load']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1_000_000)
    parser.add_argument("--per-folder", type=int, default=1_000)
    parser.add_argument("--work", help="folder to make the tree in (default: the temp folder)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    # kill PID / a stopped job: clean up the temporary files like Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = run(args)
    print_report(report)
    if args.json:
        args.json.write_text(
            json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
