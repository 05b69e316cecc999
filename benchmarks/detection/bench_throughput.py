"""Throughput: detection vs. the parse limit vs. presidio + GiNZA, in one run.

    .venv/bin/python benchmarks/detection/bench_throughput.py [--rows 50000] [--steady 6]
        [--work DIR]

Builds a 50,000-row x 8-column roster workbook (seeded), then measures, one core each:
  (a) calamine alone reading it (the parse limit, cells/s);
  (b) our Detector over the read table (cells/s), and end to end through
      ``pi-scan scan DIR --output OUT`` (wall time incl. start-up, cells/s); then the steady
      state: one worker scanning K distinct rosters (other seeds) against one, (T(K) - T(1)) /
      (K - 1) being the time a file adds once the process and its worker run (``--steady K``,
      default 6; 0 skips it), and the same with pi-scan's default workers (one per core);
  (c) presidio's BatchAnalyzerEngine with ja_ginza on a small slice (cells/s);
  (d) free text: our text detector over generated prose (chars/s).
Goals (issue 3): end to end >= half the parse limit; >= 1000x presidio+GiNZA; text >= 100k
chars/s per core. The throughput compared with the parse limit is the steady state with
pi-scan's default workers: a one-file scan also pays ~2.5 s of fixed costs (interpreter,
imports, the fork server and its analysis stack, the outputs), five times the parse itself,
which it prints as latency. Prints the figures and the ratios; no personal data is printed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from faker import Faker

sys.path.insert(0, str(Path(__file__).parent))

from corpus import dob, jp_phone

from pi_scan.config import ScanConfig
from pi_scan.detect import Detector
from pi_scan.model import Dataset, DatasetKind, FileRef

HEADERS = ["学籍番号", "氏名", "フリガナ", "性別", "生年月日", "郵便番号", "住所", "電話番号"]


def make_roster(path: Path, rows: int, seed: int = 1) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    # Pools keep generation fast; values still vary (names and addresses repeat in real rosters)
    names = [(fake.name(), fake.kana_name()) for _ in range(5000)]
    addresses = [fake.address() for _ in range(5000)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名簿")
    ws.append(HEADERS)
    for i in range(rows):
        name, kana = rng.choice(names)
        ws.append(
            [
                f"S{2020 + i % 5}{i:05d}",
                name,
                kana,
                rng.choice(["男", "女"]),
                dob(rng),
                fake.postcode(),
                rng.choice(addresses),
                jp_phone(rng),
            ]
        )
    wb.save(path)


def read_calamine(path: Path) -> tuple[pd.DataFrame, float]:
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_index(0).to_python()
    elapsed = time.perf_counter() - t
    header, body = rows[0], rows[1:]
    table = pd.DataFrame(
        [[("" if v is None else str(v)) for v in r] for r in body], columns=[str(h) for h in header]
    )
    return table, elapsed


def bench_detect(table: pd.DataFrame) -> tuple[float, float]:
    ref = FileRef("/bench", "roster.xlsx", "/bench/roster.xlsx", 0, "", "", 0o600, False)
    t = time.perf_counter()
    detector = Detector(ScanConfig())
    build = time.perf_counter() - t
    ds = Dataset(ref, kind=DatasetKind.TABLE, table=table)
    detector.detect(ds)  # warm caches as a long-running worker would be
    t = time.perf_counter()
    findings = detector.detect(Dataset(ref, kind=DatasetKind.TABLE, table=table.copy()))
    elapsed = time.perf_counter() - t
    print(f"  findings: {sorted((f.column, f.entity.value) for f in findings.columns)}")
    return elapsed, build


def bench_end_to_end(files: list[Path], work: Path, *options: str) -> float | None:
    """Wall time of ``pi-scan scan`` over a share holding ``files``. Each scan gets a fresh
    PI_SCAN_HOME, hence an empty inventory: nothing is reused from an earlier scan or run."""
    exe = Path(sys.executable).parent / "pi-scan"
    if not exe.exists():
        return None
    scan = Path(tempfile.mkdtemp(prefix="scan-", dir=work))
    share = scan / "share"
    share.mkdir()
    for path in files:
        shutil.copy(path, share / path.name)
    env = {**os.environ, "PI_SCAN_HOME": str(scan / "home")}
    command = [str(exe), "scan", str(share), "--output", str(scan / "out"), *options]
    t = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    shutil.rmtree(scan, ignore_errors=True)
    if proc.returncode not in (0, 1):
        print(f"  pi-scan scan exited {proc.returncode}; stderr tail: {proc.stderr[-300:]}")
        return None
    return elapsed


def bench_steady(xlsx: Path, work: Path, rows: int, k: int, workers: str = "1") -> float | None:
    """Seconds one more roster adds to a scan with ``workers`` ("" = pi-scan's default, one
    per core): start-up, the workers' start and the inventory's fixed costs cancel out in
    (T(k files) - T(1 file)) / (k - 1)."""
    files = [xlsx]
    for seed in range(2, k + 1):
        path = work / f"roster-{seed}.xlsx"  # same size, other people
        if not path.exists():
            make_roster(path, rows, seed=seed)
        files.append(path)
    option = ("--workers", workers) if workers else ()
    one = bench_end_to_end(files[:1], work, *option)
    many = bench_end_to_end(files, work, *option)
    if one is None or many is None:
        return None
    label = f"{workers} worker(s)" if workers else f"default workers ({os.cpu_count()} cores)"
    print(f"  {label}: {one:.2f}s for 1 file, {many:.2f}s for {k} files")
    return (many - one) / (k - 1)


def bench_presidio_ginza(table: pd.DataFrame, cells: int) -> float:
    import spacy
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    engine = SpacyNlpEngine(
        models=[{"lang_code": "ja", "model_name": "ja_ginza"}],
        ner_model_configuration=NerModelConfiguration(),
    )
    engine.nlp = {"ja": spacy.load("ja_ginza")}
    registry = RecognizerRegistry(supported_languages=["ja"])
    registry.add_nlp_recognizer(engine)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["ja"])
    batch = BatchAnalyzerEngine(analyzer)
    rows = max(1, cells // len(table.columns))
    sl = {c: table[c].head(rows).tolist() for c in table.columns}
    t = time.perf_counter()
    list(batch.analyze_dict(sl, language="ja"))
    return rows * len(table.columns) / (time.perf_counter() - t)


def make_prose(chars: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        r = rng.random()
        if r < 0.05:
            s = f"{fake.name()}さんから{jp_phone(rng)}に連絡があった。"
        elif r < 0.08:
            s = f"送付先は{fake.address()}。"
        else:
            s = fake.text(120).replace("\n", "")
        parts.append(s + ("\n" if rng.random() < 0.3 else ""))
        size += len(s)
    return "".join(parts)


def bench_text(chars: int) -> float:
    detector = Detector(ScanConfig())
    text = make_prose(chars)
    detector.text.detect(text[:5000])
    t = time.perf_counter()
    detector.text.detect(text)
    return len(text) / (time.perf_counter() - t)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--ginza-cells", type=int, default=400)
    parser.add_argument("--text-chars", type=int, default=1_000_000)
    parser.add_argument(
        "--steady",
        type=int,
        default=6,
        metavar="K",
        help="rosters in the steady-state scan (0 or 1: not measured)",
    )
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pi-scan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    xlsx = work / "roster.xlsx"
    if not xlsx.exists():
        t = time.perf_counter()
        make_roster(xlsx, args.rows)
        print(f"workbook: {xlsx} ({time.perf_counter() - t:.1f}s to generate)")
    table, parse_s = read_calamine(xlsx)
    cells = table.shape[0] * table.shape[1]
    parse_rate = cells / parse_s
    print(f"cells: {cells:,} ({table.shape[0]:,} rows x {table.shape[1]} columns)")
    print(f"(a) calamine alone:        {parse_s:7.2f}s  {parse_rate:12,.0f} cells/s  (parse limit)")
    det_s, build_s = bench_detect(table)
    det_rate = cells / det_s
    print(
        f"(b) Detector.detect:       {det_s:7.2f}s  {det_rate:12,.0f} cells/s  "
        f"(Detector built once in {build_s:.2f}s)"
    )
    e2e = bench_end_to_end([xlsx], work)
    if e2e is not None:
        e2e_rate = cells / e2e
        print(
            f"(b) pi-scan scan, 1 file:  {e2e:7.2f}s  {e2e_rate:12,.0f} cells/s  "
            f"= {e2e_rate / parse_rate:.2f} x parse limit (latency: start-up included)"
        )
    for workers in ("1", "") if args.steady > 1 else ():
        per_file = bench_steady(xlsx, work, args.rows, args.steady, workers)
        if per_file is not None and per_file > 0:
            rate = cells / per_file
            who = "one worker" if workers else "default workers: the goal, >= 0.5"
            print(
                f"(b) steady state, per file: {per_file:6.2f}s  {rate:12,.0f} cells/s  "
                f"= {rate / parse_rate:.2f} x parse limit ({who}; marginal file of "
                f"{args.steady})"
            )
            if e2e is not None and not workers:
                print(
                    f"    fixed cost of a scan (1-file time - per-file time): {e2e - per_file:.2f}s"
                )
    ginza = bench_presidio_ginza(table, args.ginza_cells)
    print(
        f"(c) presidio+ja_ginza:              {ginza:12,.1f} cells/s  "
        f"(Detector = {det_rate / ginza:,.0f} x; goal >= 1000)"
    )
    if e2e is not None:
        print(f"    end to end = {cells / e2e / ginza:,.0f} x presidio+GiNZA")
    text_rate = bench_text(args.text_chars)
    print(f"(d) free text:                      {text_rate:12,.0f} chars/s (goal >= 100,000)")


if __name__ == "__main__":
    main()
