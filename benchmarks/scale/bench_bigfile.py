#!/usr/bin/env python3
"""Big single files: a 1,000,000-row CSV and a large workbook, each through ``pi-scan scan``.

    .venv/bin/python benchmarks/scale/bench_bigfile.py [--rows 1000000] [--xlsx-rows 2000000]
                     [--work DIR] [--keep] [--no-limits-rerun] [--json FILE]

Files (seeded; values drawn from Faker ja_JP pools, every row with its own member number, birth
date and phone number, so a row is a person):

- ``会員名簿.csv``: ``--rows`` rows x 8 columns (会員番号 氏名 フリガナ 性別 生年月日 郵便番号 住所
  電話番号), CP932 with CRLF, as Excel saves "CSV";
- ``会員名簿_大.xlsx``: ``--xlsx-rows`` rows of the same columns, written with openpyxl's
  write-only mode, split over sheets of at most 1,000,000 rows.

Each file alone in a folder is scanned by ``python -m pi_scan scan DIR --workers 1 --quiet``
(fresh ``PI_SCAN_HOME``), measured like the other scale benchmarks: wall time, the worker's and
the parent's peak RSS (VmHWM), the whole tree's peak RSS/PSS. The issue's goal: well under 1 GB
per worker. A file the default limits refuse (120 s wall clock per file, 3 GB address space per
worker, 1 GiB expanded / 256 MiB per member of an Office package ...) gets a ``skipped`` or
``error`` row; when that happens the scan is run again with the limits below lifted, to measure
what the file really costs (``--no-limits-rerun`` skips that).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import code_version, loadavg, run_measured

HEADERS = ["会員番号", "氏名", "フリガナ", "性別", "生年月日", "郵便番号", "住所", "電話番号"]
SHEET_ROWS = 1_000_000
LIFTED_LIMITS = """[limits]
file_seconds = 0
max_expanded_bytes = 8589934592
max_member_bytes = 4294967296
"""


class Roster:
    """Rows of a member list: pools of names and addresses, per-row IDs, dates and phones."""

    def __init__(self, seed: int, pool: int = 20_000) -> None:
        from faker import Faker

        fake = Faker("ja_JP")
        fake.seed_instance(seed)
        self.rng = random.Random(seed)
        people = []
        while len(people) < pool:
            gender = self.rng.choice("男女")
            family = fake.last_name_pair()
            given = fake.first_name_male_pair() if gender == "男" else fake.first_name_female_pair()
            people.append((f"{family[0]}\u3000{given[0]}", f"{family[1]} {given[1]}", gender))
        self.people = [p for p in people if _cp932(p[0] + p[1])]
        # Faker ja_JP's address() has no postal code (it ends with a building name)
        addresses = ((fake.postcode(), fake.address()) for _ in range(pool // 2))
        self.addresses = [a for a in addresses if _cp932(a[1])]
        self.epoch = date(1940, 1, 1)

    def rows(self, n: int) -> Iterator[list[str]]:
        rng, people, addresses = self.rng, self.people, self.addresses
        for i in range(n):
            name, kana, gender = people[rng.randrange(len(people))]
            postcode, address = addresses[rng.randrange(len(addresses))]
            born = self.epoch + timedelta(days=rng.randrange(0, 30_000))
            phone = f"0{rng.choice('789')}0-{rng.randrange(10_000):04d}-{rng.randrange(10_000):04d}"
            yield [f"M{i + 1:08d}", name, kana, gender, born.isoformat(), postcode, address, phone]


def _cp932(text: str) -> bool:
    try:
        text.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def make_csv(path: Path, rows: int, seed: int) -> float:
    t0 = time.perf_counter()
    roster = Roster(seed)
    with path.open("w", encoding="cp932", newline="") as f:
        f.write(",".join(HEADERS) + "\r\n")
        batch = []
        for row in roster.rows(rows):
            batch.append(",".join(row))
            if len(batch) == 50_000:
                f.write("\r\n".join(batch) + "\r\n")
                batch = []
        if batch:
            f.write("\r\n".join(batch) + "\r\n")
    return time.perf_counter() - t0


def make_xlsx(path: Path, rows: int, seed: int) -> float:
    from openpyxl import Workbook

    t0 = time.perf_counter()
    roster = Roster(seed + 1)
    wb = Workbook(write_only=True)
    ws = None
    for i, row in enumerate(roster.rows(rows)):
        if i % SHEET_ROWS == 0:
            ws = wb.create_sheet(f"会員{i // SHEET_ROWS + 1}")
            ws.append(HEADERS)
        ws.append(row)  # type: ignore[union-attr]
    wb.save(path)
    return time.perf_counter() - t0


def scan(work: Path, name: str, file: Path, limits: str = "") -> dict[str, Any]:
    folder = work / f"share-{name}"
    folder.mkdir(exist_ok=True)
    target = folder / file.name
    if not target.exists():
        os.link(file, target) if file.parent != folder else None
    home = work / f"home-{name}"
    home.mkdir(exist_ok=True)
    out = work / f"out-{name}"
    command = [
        sys.executable,
        "-m",
        "pi_scan",
        "scan",
        str(folder),
        "--output",
        str(out),
        "--workers",
        "1",
        "--quiet",
    ]
    if limits:
        config = work / f"{name}.toml"
        config.write_text(limits, encoding="utf-8")
        command += ["--config", str(config)]
    print(f"[{name}] {' '.join(command[2:])}  (load {loadavg()})", flush=True)
    m = run_measured(
        command, env=dict(os.environ, PI_SCAN_HOME=str(home)), log=work / f"{name}.log"
    )
    if m.returncode != 0:
        log = (work / f"{name}.log").read_text(errors="replace")[-2000:]
        raise SystemExit(f"[{name}] pi-scan exited with {m.returncode}:\n{log}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    import csv

    with (out / "inventory.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    result = {
        "file": file.name,
        "mb": round(file.stat().st_size / 1e6, 1),
        "limits": limits.strip().replace("\n", "; ") or "defaults",
        "wall_s": round(m.wall_s, 1),
        "peak_worker_rss_mb": round(m.peak_worker_rss_mb),
        "peak_parent_rss_mb": round(m.peak_parent_rss_mb),
        "peak_tree_rss_mb": round(m.peak_tree_rss_mb),
        "peak_tree_pss_mb": round(m.peak_tree_pss_mb),
        "cpu_s": m.cpu_s,
        "load": f"{m.load_before} -> {m.load_after}",
        "datasets": [
            {
                k: r[k]
                for k in (
                    "dataset",
                    "status",
                    "error",
                    "is_pi_database",
                    "records",
                    "individuals",
                    "categories",
                )
            }
            for r in rows
        ],
        "distinct_individuals": summary["distinct_individuals"]["estimate"],
        "timeline": m.timeline,
    }
    print(
        f"[{name}] {result['wall_s']} s, worker peak RSS {result['peak_worker_rss_mb']} MB, "
        f"parent {result['peak_parent_rss_mb']} MB; {result['datasets']}",
        flush=True,
    )
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="pi-scan-bench-bigfile-", dir=args.work))
    report: dict[str, Any] = {
        "benchmark": "bigfile",
        "date": datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "code": code_version(),
        "scans": [],
    }
    try:
        plan = []
        if args.rows:
            csv_path = work / "会員名簿.csv"
            seconds = make_csv(csv_path, args.rows, args.seed)
            print(
                f"{csv_path.name}: {args.rows:,} rows, {csv_path.stat().st_size / 1e6:.1f} MB "
                f"in {seconds:.1f} s",
                flush=True,
            )
            plan.append(("csv", csv_path, args.rows))
        if args.xlsx_rows:
            xlsx_path = work / "会員名簿_大.xlsx"
            seconds = make_xlsx(xlsx_path, args.xlsx_rows, args.seed)
            print(
                f"{xlsx_path.name}: {args.xlsx_rows:,} rows, "
                f"{xlsx_path.stat().st_size / 1e6:.1f} MB in {seconds:.1f} s",
                flush=True,
            )
            plan.append(("xlsx", xlsx_path, args.xlsx_rows))
        for name, path, rows in plan:
            result = scan(work, name, path)
            result["rows"] = rows
            report["scans"].append(result)
            if not args.no_limits_rerun and any(d["status"] != "ok" for d in result["datasets"]):
                again = scan(work, name + "-limits-lifted", path, LIFTED_LIMITS)
                again["rows"] = rows
                report["scans"].append(again)
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return report


def print_report(report: dict[str, Any]) -> None:
    print(f"\n== big-file benchmark, {report['date']} (pi-scan scan --workers 1)")
    print(f"pi-scan: {report['code']}")
    print(
        "file | rows | MB | limits | wall s | worker peak RSS MB | parent peak RSS MB | "
        "datasets (status, records) | load"
    )
    for r in report["scans"]:
        datasets = "; ".join(
            f"{d['dataset'] or '-'} {d['status']} {d['records']}"
            + (f" ({d['error']})" if d["error"] else "")
            for d in r["datasets"]
        )
        print(
            f"{r['file']} | {r['rows']:,} | {r['mb']} | {r['limits']} | {r['wall_s']} | "
            f"{r['peak_worker_rss_mb']} | {r['peak_parent_rss_mb']} | {datasets} | {r['load']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="CSV rows (0: no CSV)")
    parser.add_argument(
        "--xlsx-rows", type=int, default=2_000_000, help="workbook rows (0: no workbook)"
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--work", help="folder for the files (default: the temp folder)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-limits-rerun", action="store_true")
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
