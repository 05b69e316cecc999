#!/usr/bin/env python
"""Audit pi-scan's column detection on the "unseen share" written by make_share.py: run
`pi-scan inspect --json` on each of its files, one at a time, and score the columns it reports
against truth.csv (precision and recall per entity, counted over columns).

    .venv/bin/python benchmarks/detection/unseen/audit.py [--work DIR] [--seed N]
        [--min-precision P] [--min-recall R]

--work DIR: the folder of `make_share.py --work DIR` (share/ and truth.csv); if it has no
truth.csv, the share is made there first. Default: made in a new temporary folder (kept, printed).
--seed N: the seed for making the share (default 20241105); only when a share is made.
pi-scan is the `pi-scan` next to the Python running this script (the venv's), run with
PI_SCAN_HOME=DIR/home. Writes DIR/audit/raw/NN_<file>.txt (each inspect output),
DIR/audit/columns.csv (one row per column: expected, reported, outcome) and DIR/audit/report.md
(the table, then every miss, false positive and tolerated case), and prints the report.
Exit status 1 when the overall column precision or recall is below --min-precision /
--min-recall (default: no threshold).
"""

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
ENTITIES = [
    *("PERSON", "PERSON_KANA", "ADDRESS", "POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS"),
    *("STUDENT_ID", "EMPLOYEE_ID", "GRADE", "DATE_OF_BIRTH", "GENDER", "MY_NUMBER", "SENSITIVE"),
]


def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def run_inspect(piscan, home, path):
    env = dict(os.environ, PI_SCAN_HOME=str(home))
    p = subprocess.run(
        [piscan, "inspect", "--json", str(path)], capture_output=True, text=True, env=env
    )
    return p.returncode, p.stdout, p.stderr


def parse(text):
    """The datasets of `pi-scan inspect --json`: {sheet: {"records": n, "verdict": str, "cols":
    [{column, entity, role, conf, hit, evidence, samples}]}} (sheet "" for a CSV); datasets that
    could not be read are left out, datasets of the same name merged."""
    try:
        datasets = json.loads(text)["datasets"]
    except (json.JSONDecodeError, KeyError, TypeError):
        return {}
    out = {}
    for d in datasets:
        if d["status"] != "ok":
            continue
        cur = out.setdefault(
            d["dataset"],
            {"records": d["records"], "verdict": d["decision"]["rationale"], "cols": []},
        )
        cur["cols"].extend(
            {
                "column": c["column"],
                "entity": c["entity"],
                "role": c["role"],
                "conf": f"{c['confidence']:.2f}",
                "hit": f"{c['hit_rate']:.0%}",
                "evidence": c["evidence"],
                "samples": ", ".join(c["masked_samples"]),
            }
            for c in d["columns"]
        )
    return out


def read_table(path, sheet, headers):
    """(header row, rows below it) of a generated file; the header row is the one of the first
    six that holds most of the truth's headers."""
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        grid = [["" if v is None else v for v in r] for r in wb[sheet].iter_rows(values_only=True)]
        wb.close()
    else:
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "cp932"):
            try:
                txt = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        head = txt[:2000]
        delimiter = "\t" if head.count("\t") > head.count(",") else ","
        grid = list(csv.reader(io.StringIO(txt), delimiter=delimiter))
    want = {norm(h) for h in headers}
    hi = max(
        range(min(6, len(grid))),
        key=lambda i: sum(norm(str(c)) in want for c in grid[i]),
        default=0,
    )
    return [str(c) for c in grid[hi]], grid[hi + 1 :]


def samples_for(header, rows, hdr, k=3):
    try:
        j = [norm(h) for h in hdr].index(norm(header))
    except ValueError:
        return ""
    vals = []
    for r in rows:
        if j < len(r) and str(r[j]).strip() and len(vals) < k:
            v = r[j]
            vals.append(v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else str(v))
    return " | ".join(vals)


def inspect_share(work, piscan):
    """Run pi-scan on every file of the truth; pair its reported columns with the truth's.

    Returns (truth rows, files, results, unmatched, notes, header_lost); a result is one column
    with its expected entity and what pi-scan reported for it."""
    share, out, home = work / "share", work / "audit", work / "home"
    (out / "raw").mkdir(parents=True, exist_ok=True)
    home.mkdir(exist_ok=True)
    with open(work / "truth.csv", encoding="utf-8") as fh:
        truth = list(csv.DictReader(fh))
    by_ds = defaultdict(list)
    for t in truth:
        by_ds[(t["file"], t["sheet"])].append(t)
    files = sorted({t["file"] for t in truth})
    results, unmatched, notes, header_lost = [], [], [], []
    for k, rel in enumerate(files):
        path = share / rel
        rc, so, se = run_inspect(piscan, home, path)
        (out / "raw" / f"{k:02d}_{path.name}.txt").write_text(
            f"$ pi-scan inspect --json {rel}\nrc={rc}\n{so}\n{se}"
        )
        if rc != 0 or se.strip():
            notes.append(f"{rel}: rc={rc} stderr={se.strip()[:200]}")
        parsed = parse(so)
        sheets = sorted({s for (f, s) in by_ds if f == rel})
        for sheet in sheets:
            ds = parsed.get(sheet)
            if ds is None and len(parsed) == 1 and sheet == "":
                ds = next(iter(parsed.values()))
            if ds is None:
                notes.append(f"{rel} [{sheet}]: dataset not in inspect output (got {list(parsed)})")
                ds = {"cols": [], "records": None, "verdict": ""}
            tcols = by_ds[(rel, sheet)]
            hdr, rows = read_table(
                path, sheet or None, [t["column"] for t in tcols if t["column"] != "*"]
            )
            data_rows = sum(1 for r in rows if sum(1 for c in r if str(c).strip()) >= 2)
            wildcard = [t for t in tcols if t["column"] == "*"]
            if ds["records"] is not None and ds["records"] != data_rows and not wildcard:
                filled = len([r for r in rows if any(str(c).strip() for c in r)])
                notes.append(
                    f"{rel} [{sheet}]: pi-scan says {ds['records']} records, file has "
                    f"{data_rows} data rows (+{filled - data_rows} note/1-cell rows)"
                )
            rep = defaultdict(list)
            truth_keys = {norm(t["column"]) for t in tcols}
            for c in ds["cols"]:
                m = re.fullmatch(r"列(\d+)", c["column"])
                if m and norm(c["column"]) not in truth_keys and int(m[1]) <= len(hdr):
                    real = hdr[int(m[1]) - 1]
                    c["header_lost"] = True
                    header_lost.append((rel, sheet, c["column"], real, ds["records"], data_rows))
                    rep[norm(real)].append(c)
                    continue
                rep[norm(c["column"])].append(c)
            used = set()
            for t in tcols:
                if t["column"] == "*":
                    continue
                key = norm(t["column"])
                used.add(key)
                results.append(
                    {
                        "file": rel,
                        "sheet": sheet,
                        "column": t["column"],
                        "expected": t["expected"],
                        "also_ok": t["also_ok"],
                        "note": t["note"],
                        "reported": rep.get(key, []),
                        "values": samples_for(t["column"], rows, hdr),
                    }
                )
            for key, got in rep.items():
                if key in used:
                    continue
                results.append(
                    {
                        "file": rel,
                        "sheet": sheet,
                        "column": got[0]["column"],
                        "expected": "NONE",
                        "also_ok": wildcard[0]["also_ok"] if wildcard else "",
                        "note": wildcard[0]["note"] if wildcard else "column not in truth",
                        "reported": got,
                        "values": "",
                    }
                )
                if not wildcard:
                    unmatched.append((rel, sheet, got[0]["column"]))
        findings = sum(len(d["cols"]) for d in parsed.values())
        print(f"[{k + 1}/{len(files)}] {rel}: {findings} findings", flush=True)
    return truth, files, results, unmatched, notes, header_lost


def score(results, columns_csv):
    """Count TP/FN/FP per entity, set each result's outcome and write columns.csv.

    A column whose expected entity is reported is a TP, else a miss (FN), unless also_ok has
    NONE and nothing is reported; every other entity reported for it is a FP unless also_ok
    lists it (tolerated)."""
    tp, fn, fp = defaultdict(int), defaultdict(int), defaultdict(int)
    misses, fps, tolerated = [], [], []
    with open(columns_csv, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        keys = ("file", "sheet", "column", "expected", "also_ok")
        w.writerow([*keys, "reported", "outcome", "values", "evidence"])
        for r in results:
            ents = [c["entity"] for c in r["reported"]]
            ok = set(r["also_ok"].split())
            outcome = []
            if r["expected"] != "NONE":
                if r["expected"] in ents:
                    tp[r["expected"]] += 1
                    outcome.append("TP")
                elif "NONE" in ok and not ents:
                    outcome.append("tolerated-none")
                else:
                    fn[r["expected"]] += 1
                    outcome.append("MISS")
                    misses.append(r)
            for e in ents:
                if e == r["expected"]:
                    continue
                if e in ok:
                    outcome.append(f"tolerated-{e}")
                    tolerated.append((r, e))
                else:
                    fp[e] += 1
                    outcome.append(f"FP-{e}")
                    fps.append((r, e))
            if not outcome:
                outcome.append("TN")
            r["outcome"] = ";".join(outcome)
            reported = ";".join(f"{c['entity']}({c['conf']},{c['hit']})" for c in r["reported"])
            evidence = " / ".join(c["evidence"] for c in r["reported"])
            w.writerow([*(r[k] for k in keys), reported, r["outcome"], r["values"], evidence])
    return tp, fn, fp, misses, fps, tolerated


def said(r):
    """What pi-scan reported for a result's column, for the report."""
    return (
        "; ".join(
            f"{c['entity']} {c['conf']} hit {c['hit']} [{c['evidence']}] samples: {c['samples']}"
            + (f" (reported under column name {c['column']!r})" if c.get("header_lost") else "")
            for c in r["reported"]
        )
        or "nothing"
    )


def report(truth, files, results, counts, unmatched, notes, header_lost):
    """The Markdown report and the overall (precision, recall) over columns."""
    tp, fn, fp, misses, fps, tolerated = counts
    lines = [
        "# pi-scan audit on unseen share",
        "",
        f"files: {len(files)}, truth columns: {sum(1 for t in truth if t['column'] != '*')}",
        "",
        "| entity | truth cols | TP | FN | FP | precision | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    all_tp = all_fn = all_fp = 0
    for e in ENTITIES:
        n = tp[e] + fn[e]
        p = tp[e] / (tp[e] + fp[e]) if tp[e] + fp[e] else float("nan")
        rcl = tp[e] / n if n else float("nan")
        lines.append(f"| {e} | {n} | {tp[e]} | {fn[e]} | {fp[e]} | {p:.2f} | {rcl:.2f} |")
        all_tp, all_fn, all_fp = all_tp + tp[e], all_fn + fn[e], all_fp + fp[e]
    precision = all_tp / max(1, all_tp + all_fp)
    recall = all_tp / max(1, all_tp + all_fn)
    lines.append(
        f"| **all** | {all_tp + all_fn} | {all_tp} | {all_fn} | {all_fp} | "
        f"{precision:.2f} | {recall:.2f} |"
    )
    lines += ["", "## Misses", ""]
    for r in misses:
        lines.append(
            f"- MISS {r['expected']}: `{r['file']}` [{r['sheet']}] header `{r['column']}` "
            f"values: {r['values']} -> pi-scan: {said(r)}"
        )
    lines += ["", "## False positives", ""]
    for r, e in fps:
        lines.append(
            f"- FP {e}: `{r['file']}` [{r['sheet']}] header `{r['column']}` "
            f"(truth {r['expected']}) values: {r['values']} -> pi-scan: {said(r)}"
        )
    lines += ["", "## Tolerated (debatable, not counted)", ""]
    for r, e in tolerated:
        lines.append(
            f"- {e}: `{r['file']}` [{r['sheet']}] `{r['column']}` ({r['note']}) -> {said(r)}"
        )
    for r in results:
        if r["outcome"] == "tolerated-none":
            lines.append(
                f"- not reported (ok): `{r['file']}` [{r['sheet']}] `{r['column']}` "
                f"expected {r['expected']} ({r['note']}) values: {r['values']}"
            )
    lines += ["", "## Header row not recognised (column reported as 列N; counted by position)", ""]
    lines += [
        f"- `{a}` [{b}] {c} = header `{d}`; pi-scan records {e} vs {f} data rows"
        for a, b, c, d, e, f in header_lost
    ]
    lines += ["", "## Other notes", "", *(f"- {n}" for n in notes)]
    lines += [f"- reported column not in truth: {u}" for u in unmatched]
    return "\n".join(lines) + "\n", precision, recall


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="folder with share/ and truth.csv (default: make a new one)",
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help="seed for making the share (default 20241105)"
    )
    parser.add_argument(
        "--min-precision", type=float, metavar="P", help="exit 1 if overall precision < P"
    )
    parser.add_argument(
        "--min-recall", type=float, metavar="R", help="exit 1 if overall recall < R"
    )
    args = parser.parse_args()
    piscan = Path(sys.executable).parent / "pi-scan"
    if not piscan.exists():
        parser.error(f"no pi-scan next to this Python: {piscan}")
    work = args.work or Path(tempfile.mkdtemp(prefix="pi-scan-unseen-"))
    if (work / "truth.csv").exists():
        if args.seed is not None:
            parser.error(f"{work} already holds a share; --seed applies only when making one")
    else:
        sys.path.insert(0, str(HERE))
        import make_share

        make_share.generate(work, make_share.DEFAULT_SEED if args.seed is None else args.seed)
    print(f"work folder: {work}\npi-scan: {piscan}", flush=True)

    truth, files, results, unmatched, notes, header_lost = inspect_share(work, piscan)
    counts = score(results, work / "audit" / "columns.csv")
    text, precision, recall = report(truth, files, results, counts, unmatched, notes, header_lost)
    (work / "audit" / "report.md").write_text(text)
    print(text, end="")

    failed = []
    if args.min_precision is not None and precision < args.min_precision:
        failed.append(f"column precision {precision:.4f} < {args.min_precision}")
    if args.min_recall is not None and recall < args.min_recall:
        failed.append(f"column recall {recall:.4f} < {args.min_recall}")
    if failed:
        print("FAILED: " + "; ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
