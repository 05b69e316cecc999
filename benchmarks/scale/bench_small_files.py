#!/usr/bin/env python3
"""Many ordinary files (issue 17 item 1): a parse-only pass against ``pi-scan scan``, in one run.

    .venv/bin/python benchmarks/scale/bench_small_files.py [--files 600] [--share DIR]
                     [--workers N] [--repeat 1] [--code LABEL=SRC ...] [--no-ocr]
                     [--json FILE] [--keep]

The share: ``fixtures/make_share.py --preset school`` shares made with distinct seeds and
between 60 and 360 current students each (so **every file is distinct**: pi-scan's copy
detection has nothing to skip) until the share holds about ``--files`` files: rosters,
guardian lists, grades, minutes, health records in xlsx, xls, ods, docx, pdf, csv in several
encodings, text, zip. Images and executables are removed (the parse-only pass has no OCR;
the issue's share held none).

Measured, in one run, over the files pi-scan inspects:

- **parse only**, one core, in this process: python-calamine for every sheet of a workbook
  (rows to Python), the bytes decoded (BOM, UTF-8, CP932, EUC-JP) and split by ``csv`` for
  text, python-docx (paragraphs and tables) for Word, pypdf (text of each page) for PDF, zip
  members read in memory and parsed by the same rules; wall and CPU seconds (``process_time``);
- **pi-scan**: ``python -m pi_scan scan SHARE --output OUT --quiet`` (default workers unless
  ``--workers``) with an empty inventory, measured with ``measure.py`` (wall seconds, CPU
  seconds of the whole process tree, peak memory).

Reported: files/s of both and their ratio (the goal: pi-scan >= 0.5x the parse-only pass), and
the CPU-seconds ratio (parse-only CPU / pi-scan CPU; on a shared machine the wall ratio depends
on what else runs, the CPU ratio much less). With ``--repeat N`` everything is run N times,
alternating, and the best of each is compared. ``--code LABEL=SRC`` (repeatable) scans with the
pi-scan whose ``src`` folder is SRC (a snapshot: ``git archive COMMIT | tar -x -C DIR``), the
codes alternating within each round, so that before and after meet the same machine load.
``--no-ocr`` also scans with ``--no-ocr`` (scanned PDF pages not read): the like for like of a
parse-only pass, which reads no image.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import code_version, comparable_outputs, loadavg, measured_scan

from pi_scan.config import ScanConfig
from pi_scan.discover import discover
from pi_scan.model import Status

HERE = Path(__file__).resolve().parent
MAKE_SHARE = HERE.parents[1] / "fixtures" / "make_share.py"
NOT_PARSED = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".exe", ".msi", ".dll"}


# ---------------------------------------------------------------- the share


def build_share(share: Path, files: int, seed: int) -> int:
    """make_share.py school shares (distinct seeds, 60-360 students) until ~``files`` files."""
    rng = random.Random(seed)
    share.mkdir(parents=True)
    count = 0
    k = 0
    while count < files:
        part = share / f"学校{k + 1:02d}"
        subprocess.run(
            [
                sys.executable,
                str(MAKE_SHARE),
                str(part),
                "--preset",
                "school",
                "--people",
                str(rng.randrange(60, 361)),
                "--seed",
                str(seed * 1000 + k),
                "--truth",
                str(share.parent / f"truth-{k}.json"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for path in list(part.rglob("*")):
            if path.is_file() and path.suffix.lower() in NOT_PARSED:
                path.unlink()
        count = sum(1 for p in share.rglob("*") if p.is_file())
        k += 1
    return count


# ---------------------------------------------------------------- parse only


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    for encoding in ("utf-8", "cp932", "euc_jp"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp932", "replace")


def parse(name: str, data: bytes) -> int:
    """Parse one file's bytes as a plain reader would; returns the values read (a check)."""
    ext = os.path.splitext(name)[1].lower()
    if ext in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        n = 0
        for sheet in wb.sheet_names:
            n += sum(len(r) for r in wb.get_sheet_by_name(sheet).to_python())
        return n
    if ext == ".docx":
        import docx

        doc = docx.Document(io.BytesIO(data))
        n = sum(1 for p in doc.paragraphs if p.text)
        for table in doc.tables:
            n += sum(1 for row in table.rows for c in row.cells if c.text)
        return n
    if ext == ".pdf":
        from pypdf import PdfReader

        return sum(len(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)
    if ext == ".zip":
        n = 0
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    try:
                        n += parse(info.filename, zf.read(info))
                    except Exception:  # an encrypted or broken member: as pi-scan, move on
                        n += 1
        return n
    text = _decode(data)
    dialect = "excel-tab" if ext == ".tsv" or "\t" in text[:2000] else "excel"
    return sum(len(r) for r in csv.reader(io.StringIO(text), dialect))


def parse_only(paths: list[Path]) -> dict[str, Any]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    values = failed = 0
    for path in paths:
        try:
            values += parse(path.name, path.read_bytes())
        except Exception:  # encrypted and corrupt workbooks are in the share on purpose
            failed += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "values": values, "failed": failed}


# ---------------------------------------------------------------- pi-scan


def pi_scan(
    work: Path, label: str, share: Path, workers: int | None, src: str, *options: str
) -> dict[str, Any]:
    flags = [*(["--workers", str(workers)] if workers is not None else []), *options]
    env = {"PYTHONPATH": src} if src else None
    m, out = measured_scan(work, label, share, [sys.executable, "-m", "pi_scan"], flags, env)
    return {
        "wall_s": round(m.wall_s, 2),
        "cpu_s": m.cpu_s,
        "parent_mb": round(m.peak_parent_rss_mb),
        "worker_mb": round(m.peak_worker_rss_mb),
        "load": f"{m.load_before} -> {m.load_after}",
        "out": str(out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=600, help="about this many files")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--share", type=Path, help="use this share instead of generating one")
    parser.add_argument("--workers", type=int, help="--workers of pi-scan (default: its own)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, alternating")
    parser.add_argument(
        "--code", action="append", default=[], metavar="LABEL=SRC", help="pi-scan's src folder"
    )
    parser.add_argument("--no-ocr", action="store_true", help="also scan with --no-ocr")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    codes = [c.split("=", 1) for c in args.code] or [["pi-scan", ""]]
    variants = [("", ())] + ([(" --no-ocr", ("--no-ocr",))] if args.no_ocr else [])

    work = Path(tempfile.mkdtemp(prefix="pi-scan-small-"))
    try:
        share = args.share
        if share is None:
            share = work / "share"
            t = time.perf_counter()
            build_share(share, args.files, args.seed)
            print(f"share built in {time.perf_counter() - t:.1f} s", flush=True)
        found = discover([share], ScanConfig())
        inspected = [Path(f.abs_path) for f in found.files if f.status is Status.OK]
        mb = sum(p.stat().st_size for p in inspected) / 1e6
        kinds: dict[str, int] = {}
        for p in inspected:
            kinds[p.suffix.lower()] = kinds.get(p.suffix.lower(), 0) + 1
        by_count = dict(sorted(kinds.items(), key=lambda kv: -kv[1]))
        print(f"pi-scan: {code_version()}")
        print(
            f"share: {len(found.files)} files, {len(inspected)} inspected ({mb:.1f} MB) "
            f"{by_count}  load {loadavg()}",
            flush=True,
        )
        for p in inspected:  # warm the page cache for all
            p.read_bytes()
        runs: list[dict[str, Any]] = []
        for k in range(args.repeat):
            load = loadavg()
            parsed = parse_only(inspected)
            parsed.update(kind="parse-only", run=k, load=f"{load} -> {loadavg()}")
            rounds = [parsed]
            for label, src in codes:
                for suffix, options in variants:
                    kind = label + suffix
                    name = f"{kind}-{k}".replace(" ", "")
                    scanned = pi_scan(work, name, share, args.workers, src, *options)
                    scanned.update(kind=kind, run=k)
                    rounds.append(scanned)
            for r in rounds:
                r["files_per_s"] = round(len(inspected) / r["wall_s"], 1)
                print(
                    f"[{r['kind']} {k}] {r['wall_s']} s wall, {r['cpu_s']} CPU-s, "
                    f"{r['files_per_s']} files/s, load {r['load']}",
                    flush=True,
                )
            runs.extend(rounds)
        best: dict[str, dict[str, Any]] = {}
        for r in runs:
            if r["kind"] not in best or r["wall_s"] < best[r["kind"]]["wall_s"]:
                best[r["kind"]] = r
        base = best.pop("parse-only")
        ratios = {}
        for kind, r in best.items():
            ratio = base["wall_s"] / r["wall_s"]
            cpu_ratio = base["cpu_s"] / r["cpu_s"] if r["cpu_s"] else 0.0
            ratios[kind] = {"ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3)}
            extra = 1000 * (r["cpu_s"] - base["cpu_s"]) / len(inspected)
            print(
                f"{kind}: {r['files_per_s']} files/s vs parse-only {base['files_per_s']} files/s "
                f"(one core): {ratio:.2f}x (goal >= 0.5x); CPU-s {base['cpu_s']} vs "
                f"{r['cpu_s']}: {cpu_ratio:.2f}x; {extra:.0f} CPU-ms a file over the parse"
            )
        for suffix, _ in variants:  # each code's outputs against the first code's
            scans = [r for r in runs if r["kind"] in {label + suffix for label, _ in codes}]
            if len(scans) > 1:
                same = all(
                    comparable_outputs(r["out"]) == comparable_outputs(scans[0]["out"])
                    for r in scans[1:]
                )
                print(f"outputs identical across codes and runs{suffix}: {same}")
        if args.json:
            figures = {
                "files": len(found.files),
                "inspected": len(inspected),
                "mb": round(mb, 1),
                "kinds": kinds,
                "runs": runs,
                "ratios": ratios,
                "pi_scan": code_version(),
            }
            args.json.write_text(json.dumps(figures, indent=1))
        return 0
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
