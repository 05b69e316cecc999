#!/usr/bin/env python3
"""Scan a big generated share: 1 vs 2 workers, incremental re-scans, kill -9 and resume.

    .venv/bin/python benchmarks/scale/bench_scan.py [--files 20000 | --quick] [--work DIR]
                     [--share DIR] [--keep] [--stages w1,resume,change,full] [--json FILE]

Stages (each a ``python -m pi_scan scan SHARE --output OUT --workers N --quiet`` process, its
inventory database and person-key secret in a ``PI_SCAN_HOME`` of its own):

1. the share: ``make_big_share.py`` (``--files``, default 20,000; ``--quick``: 1,000), unless
   ``--share`` names an existing one;
2. cells: every distinct file content (by SHA-256) is extracted once in this process with
   pi-scan's own extractor, counting table cells (data rows x columns, as detection and person
   keys see them; record-structured text counts as the table it becomes) and text characters;
3. first scan with ``--workers 1`` (home A) and with ``--workers 2`` (home B, same secret);
   inventory.csv (without ``modified``), findings.csv and summary.json figures must be identical;
4. re-scan with nothing changed (home B): time relative to B's first scan (goal <= 5 %), the
   summary's ``incremental`` block, and the same outputs as B;
5. kill -9 of the whole process group at a random point of a first scan (home C, 2 workers),
   then the same scan again: it must resume (files already done reused) and equal B;
6. 1 % of the inspected files changed (text files get a line appended, others are touched:
   since schema 8 a touched file is taken by its content, not read), re-scan (home B; goal
   <= 10 % of B's first scan), then ``--full`` on the same database: the
   re-scan's outputs must equal the full scan's exactly (``modified`` included).

Figures: wall time, files/s and MB/s over the files pi-scan inspects (images and executables are
counted by extension, not read), table cells/s, peak RSS / PSS of the whole process tree, the
parent's and the largest worker's peak RSS, CPU seconds, load average before/after.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_big_share import make_big_share, manifest_path
from measure import Measured, code_version, loadavg, run_measured

from pi_scan.config import ScanConfig
from pi_scan.discover import discover
from pi_scan.extract import extract_file
from pi_scan.extract.records import records_table
from pi_scan.model import DatasetKind, FileRef

VOLATILE_SUMMARY_KEYS = ("started", "finished", "scan_id", "history", "incremental")


# ------------------------------------------------------------------------------ the share


def share_stats(share: Path) -> dict[str, Any]:
    total_files = total_bytes = 0
    for folder, _dirs, names in os.walk(share):
        for name in names:
            total_files += 1
            total_bytes += os.lstat(os.path.join(folder, name)).st_size
    t0 = time.perf_counter()
    found = discover([share], ScanConfig())
    walk_s = time.perf_counter() - t0
    return {
        "files": total_files,
        "mb": total_bytes / 1e6,
        "inspected_files": len(found.files),
        "inspected_mb": sum(f.size_bytes for f in found.files) / 1e6,
        "not_inspected": dict(found.not_inspected_by_extension),
        "walk_s": walk_s,
        "refs": found.files,
    }


def count_cells(refs: list[FileRef]) -> dict[str, Any]:
    """Table cells and text characters in every inspected file, extracting each distinct content
    once (the share is made of copies)."""
    t0 = time.perf_counter()
    by_content: dict[str, tuple[int, int]] = {}
    cells = chars = 0
    config = ScanConfig()
    for ref in refs:
        digest = hashlib.sha256(Path(ref.abs_path).read_bytes()).hexdigest()
        if digest not in by_content:
            c = t = 0
            for ds in extract_file(ref, config):
                table = ds.table
                if ds.kind is DatasetKind.TEXT and ds.text:
                    table = records_table(ds.text)
                    if table is None:
                        t += len(ds.text)
                        continue
                if table is not None:
                    c += table.shape[0] * table.shape[1]
            by_content[digest] = (c, t)
        c, t = by_content[digest]
        cells += c
        chars += t
    return {
        "cells": cells,
        "text_chars": chars,
        "distinct_contents": len(by_content),
        "seconds": time.perf_counter() - t0,
    }


def change_files(refs: list[FileRef], share_fraction: float, seed: int) -> dict[str, int]:
    """Append a line to text files, touch the others: what a day of work does to a share."""
    rng = random.Random(seed)
    chosen = rng.sample(refs, max(1, round(len(refs) * share_fraction)))
    done = {"appended": 0, "touched": 0}
    now = time.time()
    for ref in chosen:
        path = Path(ref.abs_path)
        ext = ref.extension
        head = path.read_bytes()[:2] if ext in (".csv", ".txt") else b""
        if ext in (".csv", ".txt") and head not in (b"\xff\xfe", b"\xfe\xff"):
            data = path.read_bytes()
            lines = data.rstrip(b"\r\n").rsplit(b"\n", 1)
            newline = b"\r\n" if b"\r\n" in data[:4096] else b"\n"
            last = lines[-1].rstrip(b"\r") if ext == ".csv" else b"# checked"
            with path.open("ab") as f:
                f.write((b"" if data.endswith(b"\n") else newline) + last + newline)
            done["appended"] += 1
        else:
            os.utime(path, (now, now))
            done["touched"] += 1
        # Same second as the scan before? The size or the nanoseconds still differ on Linux.
    return done


# ---------------------------------------------------------------------------- comparing


def _csv_rows(path: Path, drop: tuple[str, ...]) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    keep = [i for i, name in enumerate(rows[0]) if name not in drop]
    return [[r[i] for i in keep] for r in rows]


def _figures(out: Path) -> dict[str, Any]:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {k: v for k, v in summary.items() if k not in VOLATILE_SUMMARY_KEYS}


def compare(a: Path, b: Path, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name in ("inventory.csv", "findings.csv"):
        ra, rb = _csv_rows(a / name, drop), _csv_rows(b / name, drop)
        key = name.split(".")[0]
        result[key] = ra == rb
        if ra != rb:
            only_a = [r for r in ra if r not in rb]
            only_b = [r for r in rb if r not in ra]
            result[key + "_rows"] = (len(ra), len(rb))
            result[key + "_same_rows_other_order"] = sorted(ra) == sorted(rb)
            result[key + "_first_differences"] = (only_a[:3], only_b[:3])
    fa, fb = _figures(a), _figures(b)
    result["summary"] = fa == fb
    if fa != fb:
        result["summary_differences"] = {
            k: (fa.get(k), fb.get(k)) for k in sorted(set(fa) | set(fb)) if fa.get(k) != fb.get(k)
        }
    result["identical"] = result["inventory"] and result["findings"] and result["summary"]
    return result


# ------------------------------------------------------------------------------ scanning


class Bench:
    def __init__(self, work: Path, share: Path, stats: dict[str, Any], cells: dict[str, Any]):
        self.work = work
        self.share = share
        self.stats = stats
        self.cells = cells
        self.rows: list[dict[str, Any]] = []

    def home(self, name: str, secret_from: str | None = None) -> Path:
        home = self.work / f"home-{name}"
        home.mkdir(parents=True, exist_ok=True)
        if secret_from:
            src = self.work / f"home-{secret_from}" / "secret.key"
            shutil.copy2(src, home / "secret.key")
        return home

    def scan(
        self,
        label: str,
        home: Path,
        out: str,
        workers: int,
        *extra: str,
        kill_after: float | None = None,
    ) -> tuple[Measured, dict[str, Any]]:
        command = [
            sys.executable,
            "-m",
            "pi_scan",
            "scan",
            str(self.share),
            "--output",
            str(self.work / out),
            "--workers",
            str(workers),
            "--quiet",
            *extra,
        ]
        env = dict(os.environ, PI_SCAN_HOME=str(home))
        print(f"[{label}] {' '.join(command[2:])}  (load {loadavg()})", flush=True)
        m = run_measured(command, env=env, log=self.work / f"{out}.log", kill_after=kill_after)
        summary_path = self.work / out / "summary.json"
        summary = (
            json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
        )
        if m.killed_at_s is None and m.returncode != 0:
            log = (self.work / f"{out}.log").read_text(errors="replace")[-2000:]
            raise SystemExit(f"[{label}] pi-scan exited with {m.returncode}:\n{log}")
        row = {
            "stage": label,
            "workers": workers,
            "wall_s": round(m.wall_s, 2),
            "files_per_s": round(self.stats["inspected_files"] / m.wall_s, 1),
            "mb_per_s": round(self.stats["inspected_mb"] / m.wall_s, 2),
            "cells_per_s": round(self.cells["cells"] / m.wall_s),
            "peak_tree_rss_mb": round(m.peak_tree_rss_mb),
            "peak_tree_pss_mb": round(m.peak_tree_pss_mb),
            "peak_parent_rss_mb": round(m.peak_parent_rss_mb),
            "peak_worker_rss_mb": round(m.peak_worker_rss_mb),
            "cpu_s": m.cpu_s,
            "load": f"{m.load_before} -> {m.load_after}",
            "incremental": summary.get("incremental"),
            "killed_at_s": None if m.killed_at_s is None else round(m.killed_at_s, 1),
            **_phases(m),
            "timeline": m.timeline,
        }
        self.rows.append(row)
        print(
            f"[{label}] {m.wall_s:.1f} s, {row['files_per_s']} files/s, peak tree RSS "
            f"{row['peak_tree_rss_mb']} MB (parent {row['peak_parent_rss_mb']}, worker "
            f"{row['peak_worker_rss_mb']}), incremental {row['incremental']}",
            flush=True,
        )
        return m, summary


def _phases(m: Measured) -> dict[str, Any]:
    """How long workers ran, and how busy the tree and the whole machine were meanwhile (on a
    shared machine other work takes its share of the cores)."""
    if m.workers_from_s is None or m.workers_until_s is None:
        return {"workers_s": 0.0, "parent_only_s": round(m.wall_s, 1)}
    span = [t for t in m.timeline if m.workers_from_s < t[0] <= m.workers_until_s]
    mean = (lambda i: round(sum(t[i] for t in span) / len(span))) if span else (lambda i: None)
    workers_s = m.workers_until_s - m.workers_from_s
    return {
        "workers_s": round(workers_s, 1),
        "parent_only_s": round(m.wall_s - workers_s, 1),
        "workers_cpu_pct": mean(4),
        "machine_cpu_pct": mean(5),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="pi-scan-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "benchmark": "scan",
        "date": datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {_mem_gb():.0f} GB RAM, Python "
        f"{sys.version.split()[0]}",
        "load_at_start": loadavg(),
        "code": code_version(),
    }
    try:
        if args.share:
            share = Path(args.share).resolve()
            manifest = (
                json.loads(manifest_path(share).read_text(encoding="utf-8"))
                if manifest_path(share).exists()
                else {}
            )
        else:
            share = work / "share"
            if share.exists():
                shutil.rmtree(share)
            share.mkdir()
            t0 = time.perf_counter()
            manifest = make_big_share(share, args.files, seed=args.seed)
            manifest_path(share).write_text(
                json.dumps(manifest, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            report["generate_s"] = round(time.perf_counter() - t0, 1)
            print(
                f"share: {manifest['files']:,} files, {manifest['bytes'] / 1e6:,.1f} MB in "
                f"{report['generate_s']} s",
                flush=True,
            )
        stats = share_stats(share)
        refs = stats.pop("refs")
        report["share"] = {
            k: (round(v, 2) if isinstance(v, float) else v) for k, v in stats.items()
        }
        if manifest:
            report["share"]["true_distinct_people"] = manifest.get(
                "distinct_individuals_sum_of_schools"
            )
        cells = count_cells(refs)
        report["cells"] = cells
        print(
            f"share: {stats['files']:,} files ({stats['inspected_files']:,} inspected, "
            f"{stats['inspected_mb']:,.1f} MB), {cells['cells']:,} table cells, "
            f"{cells['text_chars']:,} text chars ({cells['distinct_contents']:,} distinct "
            f"contents counted in {cells['seconds']:.1f} s)",
            flush=True,
        )
        bench = Bench(work, share, stats, cells)
        checks: dict[str, Any] = {}

        # An empty folder: the fixed cost of starting pi-scan (imports, database, outputs).
        empty = work / "empty"
        empty.mkdir(exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "pi_scan",
            "scan",
            str(empty),
            "--output",
            str(work / "out-empty"),
            "--quiet",
        ]
        m = run_measured(command, env=dict(os.environ, PI_SCAN_HOME=str(bench.home("empty"))))
        report["startup_s"] = round(m.wall_s, 2)

        if "w1" in args.stages:
            bench.scan("first scan, 1 worker", bench.home("A"), "out-A", 1)
        secret = "A" if "w1" in args.stages else None  # same person keys in every home
        first2, s2 = bench.scan("first scan, 2 workers", bench.home("B", secret), "out-B", 2)
        if "w1" in args.stages:
            checks["workers_1_vs_2"] = compare(work / "out-A", work / "out-B", drop=("modified",))
        report["distinct_individuals"] = s2.get("distinct_individuals")

        again, s3 = bench.scan("re-scan, nothing changed", bench.home("B"), "out-B-again", 2)
        checks["rescan_unchanged_vs_first"] = compare(work / "out-B", work / "out-B-again")
        checks["rescan_unchanged_ratio"] = round(again.wall_s / first2.wall_s, 4)
        checks["rescan_unchanged_incremental"] = s3.get("incremental")

        if "resume" in args.stages:
            rng = random.Random(args.seed)
            at = first2.wall_s * rng.uniform(0.3, 0.7)
            killed, _ = bench.scan(
                "first scan killed (kill -9)",
                bench.home("C", "B"),
                "out-C-killed",
                2,
                kill_after=at,
            )
            resumed, s4 = bench.scan("same scan again (resume)", bench.home("C"), "out-C", 2)
            checks["resume"] = {
                "killed_at_s": None if killed.killed_at_s is None else round(killed.killed_at_s, 1),
                "killed_output_looks_complete": (work / "out-C-killed" / "summary.json").exists(),
                "incremental": s4.get("incremental"),
                "killed_plus_resume_s": round(killed.wall_s + resumed.wall_s, 1),
                "vs_uninterrupted": compare(work / "out-B", work / "out-C"),
            }

        if "change" in args.stages:
            changed = change_files(refs, 0.01, args.seed)
            checks["changed_files"] = changed
            one, s5 = bench.scan("re-scan, 1 % changed", bench.home("B"), "out-B-1pc", 2)
            checks["rescan_1pc_ratio"] = round(one.wall_s / first2.wall_s, 4)
            checks["rescan_1pc_incremental"] = s5.get("incremental")
            if "full" in args.stages:
                bench.scan(
                    "--full scan of the same state", bench.home("B"), "out-B-full", 2, "--full"
                )
                checks["rescan_1pc_vs_full"] = compare(work / "out-B-1pc", work / "out-B-full")
        report["scans"] = bench.rows
        report["checks"] = checks
        report["load_at_end"] = loadavg()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work}")
    return report


def _mem_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def print_report(report: dict[str, Any]) -> None:
    share, cells, checks = report["share"], report["cells"], report["checks"]
    print(f"\n== scan benchmark, {report['date']}, {report['machine']}, {report['code']}")
    print(
        f"share: {share['files']:,} files, {share['mb']:,.1f} MB; inspected "
        f"{share['inspected_files']:,} files, {share['inspected_mb']:,.1f} MB, "
        f"{cells['cells']:,} table cells; start-up of pi-scan alone {report['startup_s']} s"
    )
    head = (
        "stage",
        "wall s",
        "files/s",
        "MB/s",
        "cells/s",
        "tree RSS",
        "tree PSS",
        "parent",
        "worker",
        "CPU s",
        "workers ran s",
        "parent alone s",
        "CPU % workers / machine",
        "load 1/5/15 min before -> after",
    )
    print(" | ".join(head))
    for r in report["scans"]:
        print(
            " | ".join(
                str(x)
                for x in (
                    r["stage"],
                    r["wall_s"],
                    r["files_per_s"],
                    r["mb_per_s"],
                    f"{r['cells_per_s']:,}",
                    r["peak_tree_rss_mb"],
                    r["peak_tree_pss_mb"],
                    r["peak_parent_rss_mb"],
                    r["peak_worker_rss_mb"],
                    r["cpu_s"],
                    r["workers_s"],
                    r["parent_only_s"],
                    f"{r.get('workers_cpu_pct')} / {r.get('machine_cpu_pct')}",
                    r["load"],
                )
            )
        )
    if "workers_1_vs_2" in checks:
        print(f"1 vs 2 workers identical: {checks['workers_1_vs_2']['identical']}")
    print(
        f"re-scan, nothing changed: {checks['rescan_unchanged_ratio']:.1%} of the first scan "
        f"(goal <= 5 %), incremental {checks['rescan_unchanged_incremental']}, same outputs: "
        f"{checks['rescan_unchanged_vs_first']['identical']}"
    )
    if "resume" in checks:
        res = checks["resume"]
        print(
            f"kill -9 at {res['killed_at_s']} s, resumed: incremental {res['incremental']}, "
            f"equal to the uninterrupted scan: {res['vs_uninterrupted']['identical']}, "
            f"killed output looked complete: {res['killed_output_looks_complete']}"
        )
    if "changed_files" in checks:
        same = checks.get("rescan_1pc_vs_full", {}).get("identical", "(not run)")
        print(
            f"re-scan, 1 % changed ({checks['changed_files']}): "
            f"{checks['rescan_1pc_ratio']:.1%} of the first scan (goal <= 10 %), incremental "
            f"{checks['rescan_1pc_incremental']}, equal to --full: {same}"
        )
    people = report.get("distinct_individuals") or {}
    print(
        f"distinct people: estimate {people.get('estimate')} (low {people.get('low')}, high "
        f"{people.get('high')}); true number in the generated share "
        f"{share.get('true_distinct_people')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="1,000 files (a smoke run)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", help="working folder (default: a new temporary one)")
    parser.add_argument("--share", help="scan this existing share instead of generating one")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--no-resume", action="store_true", help="skip the kill -9 stage")
    parser.add_argument(
        "--stages",
        default="w1,resume,change,full",
        help="optional stages besides the 2-worker first scan and the unchanged "
        "re-scan: w1 (1-worker scan and the comparison), resume (kill -9), "
        "change (1 %% changed, re-scan), full (then --full, compared) "
        "[default: all]",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    # kill PID / a stopped job: clean up the temporary files like Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.quick:
        args.files = 1_000
    args.stages = {x.strip() for x in args.stages.split(",")} - (
        {"resume"} if args.no_resume else set()
    )
    report = run(args)
    print_report(report)
    if args.json:
        args.json.write_text(
            json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    failed = [
        k
        for k, v in report["checks"].items()
        if isinstance(v, dict) and v.get("identical") is False
    ]
    resume = report["checks"].get("resume", {}).get("vs_uninterrupted", {})
    return 1 if failed or resume.get("identical") is False else 0


if __name__ == "__main__":
    raise SystemExit(main())
