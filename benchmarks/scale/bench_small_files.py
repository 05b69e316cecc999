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

``--parse-ocr`` also runs a second parse-only pass, ``parse-only +ocr``, that reads scanned PDFs
as well: a PDF with no text layer has its pages rendered (pypdfium2, grayscale, at most 200 dpi
and 2,000 pixels a side) and read by RapidOCR with its bundled models, one thread — the reading
any tool needs to see what a scanned page holds. ``pi-scan scan`` with OCR is compared with it
too (the like for like); the plain parse-only pass reads nothing of those files.

``--marginal`` also runs everything on the share's first top-level folders holding about half of
its files (hard links) and reports the **marginal** rate, (files - half's files) / (wall - half's
wall), for both: what each further file costs once pi-scan has started (its imports, the fork
server, the workers' set-up, the count and the reports at the end: ~2-3 s whatever the share).
A share of a million files runs at the marginal rate; the whole-share ratio of a 600-file share
is mostly start-up.
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
from measure import code_option, code_version, comparable_outputs, loadavg, measured_scan

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


def _ocr_pages(data: bytes) -> int:
    """A scanned PDF read as any reader must: pages rendered and recognised (RapidOCR)."""
    import pypdfium2 as pdfium

    # RapidOCR with its bundled models, one thread; pages rendered as pi-scan renders them
    from pi_scan.extract.ocr import MAX_SIDE, PDF_DPI, engine

    n = 0
    document = pdfium.PdfDocument(data)
    try:
        for page in document:
            width, height = page.get_size()
            scale = min(PDF_DPI / 72, MAX_SIDE / max(width, height, 1.0))
            bitmap = page.render(scale=scale, grayscale=True)
            result = engine()(bitmap.to_pil().convert("RGB"))
            n += len(getattr(result, "txts", None) or ())
            bitmap.close()
            page.close()
    finally:
        document.close()
    return n


def parse(name: str, data: bytes, ocr: bool = False) -> int:
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

        chars = sum(len(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)
        if chars == 0 and ocr:
            return _ocr_pages(data)
        return chars
    if ext == ".zip":
        n = 0
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    try:
                        n += parse(info.filename, zf.read(info), ocr)
                    except Exception:  # an encrypted or broken member: as pi-scan, move on
                        n += 1
        return n
    text = _decode(data)
    dialect = "excel-tab" if ext == ".tsv" or "\t" in text[:2000] else "excel"
    return sum(len(r) for r in csv.reader(io.StringIO(text), dialect))


def half_share(share: Path, half: Path) -> Path:
    """The share's first top-level folders (sorted) holding about half its files, hard-linked."""
    total = sum(1 for p in share.rglob("*") if p.is_file())
    count = 0
    for top in sorted(share.iterdir()):
        if count >= total / 2:
            break
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file():
                target = half / path.relative_to(share)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, target)
                count += 1
    return half


def parse_only(paths: list[Path], ocr: bool = False) -> dict[str, Any]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    values = failed = 0
    for path in paths:
        try:
            values += parse(path.name, path.read_bytes(), ocr)
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
        "--code",
        action="append",
        type=code_option,
        default=[],
        metavar="LABEL=SRC",
        help="pi-scan's src folder",
    )
    parser.add_argument("--no-ocr", action="store_true", help="also scan with --no-ocr")
    parser.add_argument(
        "--parse-ocr", action="store_true", help="parse-only reads scanned PDFs by OCR too"
    )
    parser.add_argument(
        "--marginal", action="store_true", help="also half the share: the marginal rate"
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    codes = args.code or [("pi-scan", "")]
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
        shares = [("", share, inspected)]
        if args.marginal:
            half = half_share(share, work / "half")
            half_files = [
                Path(f.abs_path)
                for f in discover([half], ScanConfig()).files
                if f.status is Status.OK
            ]
            shares.append((" (half)", half, half_files))
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
            rounds = []
            for part, folder, paths in shares:
                for plus, ocr in [("", False)] + ([(" +ocr", True)] if args.parse_ocr else []):
                    load = loadavg()
                    parsed = parse_only(paths, ocr)
                    parsed.update(kind=f"parse-only{plus}{part}", run=k, inspected=len(paths))
                    parsed["load"] = f"{load} -> {loadavg()}"
                    rounds.append(parsed)
                for label, src in codes:
                    for suffix, options in variants:
                        kind = label + suffix + part
                        name = f"{kind}-{k}".replace(" ", "").replace("(", "").replace(")", "")
                        scanned = pi_scan(work, name, folder, args.workers, src, *options)
                        scanned.update(kind=kind, run=k, inspected=len(paths))
                        rounds.append(scanned)
            for r in rounds:
                r["files_per_s"] = round(r["inspected"] / r["wall_s"], 1)
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
        halves = {kind: best.pop(kind) for kind in list(best) if kind.endswith(" (half)")}
        bases = {kind: best.pop(kind) for kind in list(best) if kind.startswith("parse-only")}
        marginal = {}
        for kind, r in [*bases.items(), *best.items()]:
            h = halves.get(kind + " (half)")
            if h is not None and r["wall_s"] > h["wall_s"]:
                marginal[kind] = (r["inspected"] - h["inspected"]) / (r["wall_s"] - h["wall_s"])
        ratios: dict[str, dict[str, float]] = {}
        for kind, r in best.items():
            # every scan against the plain parse; a scan with OCR also against parse + OCR
            against = ["parse-only"] + (["parse-only +ocr"] if "--no-ocr" not in kind else [])
            for base_kind in [b for b in against if b in bases]:
                base = bases[base_kind]
                key = kind if base_kind == "parse-only" else f"{kind} vs {base_kind}"
                ratio = base["wall_s"] / r["wall_s"]
                cpu_ratio = base["cpu_s"] / r["cpu_s"] if r["cpu_s"] else 0.0
                ratios[key] = {"ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3)}
                extra = 1000 * (r["cpu_s"] - base["cpu_s"]) / r["inspected"]
                print(
                    f"{kind}: {r['files_per_s']} files/s vs {base_kind} {base['files_per_s']} "
                    f"files/s (one core): {ratio:.2f}x (goal >= 0.5x); CPU-s {base['cpu_s']} vs "
                    f"{r['cpu_s']}: {cpu_ratio:.2f}x; {extra:.0f} CPU-ms a file over the parse"
                )
                if kind in marginal and base_kind in marginal:
                    m = marginal[kind] / marginal[base_kind]
                    ratios[key]["marginal_ratio"] = round(m, 3)
                    print(
                        f"{kind}: marginal {marginal[kind]:.1f} files/s vs {base_kind} "
                        f"{marginal[base_kind]:.1f} files/s: {m:.2f}x (goal >= 0.5x)"
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
