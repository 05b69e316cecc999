"""Score pi-scan on the unseen4 hospital share against its exact truth.

    .venv/bin/python benchmarks/detection/unseen4/audit.py [--pi-scan "CMD ..."] [--share DIR]
        [--json FILE] [--max-judgement-errors N] [--max-distinct-error-pct P]
        [--require-threshold-decision] [--keep DIR]

Without --share the share is generated afresh (generate.py, fixed seed) into a temporary folder,
and its truth is compared with the committed truth.json. pi-scan runs as a subprocess with a
temporary PI_SCAN_HOME and output folder. Only paths, dataset (sheet) names, counts and scores
are printed: never a cell value. Exit 0 when every gate holds, 1 when one fails, 2 when pi-scan
could not produce its outputs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PI_SCAN = "/work/main/.venv/bin/pi-scan"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def flag(value: str) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


def number(value: str) -> int:
    try:
        return int(float((value or "0").replace(",", "")))
    except ValueError:
        return 0


def run_pi_scan(
    cmd: str, share: Path, work: Path, timeout: int, extra: list[str]
) -> tuple[int, float, Path]:
    out = work / "out"
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PI_SCAN_HOME=str(home))
    argv = [*shlex.split(cmd), "scan", str(share), "--output", str(out), "--quiet", *extra]
    started = time.monotonic()
    proc = subprocess.run(argv, env=env, capture_output=True, timeout=timeout, check=False)
    return proc.returncode, time.monotonic() - started, out


def read_inventory(out: Path) -> list[dict]:
    with (out / "inventory.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def match(truth: list[dict], rows: list[dict]) -> tuple[dict[int, list[dict]], list[dict]]:
    """Tool rows per truth entry (by index), and the tool rows that matched none.

    A truth entry with a dataset (a workbook sheet) takes the tool rows of that path whose dataset
    is the sheet name, or (if none is) starts with it (a tool that splits a sheet into several
    tables). A truth entry without a dataset (a CSV, text, Word, PDF file or zip member, judged
    as a whole) takes every tool row of that path, whatever the tool calls its datasets (tables
    of a Word file, pages of a PDF).
    """
    by_path: dict[str, list[dict]] = {}
    for row in rows:
        by_path.setdefault(nfc(row.get("path", "")), []).append(row)
    used: set[int] = set()
    matched: dict[int, list[dict]] = {}
    for i, t in enumerate(truth):
        candidates = by_path.get(nfc(t["path"]), [])
        if t["dataset"]:
            sheet = nfc(t["dataset"])
            hit = [r for r in candidates if nfc(r.get("dataset", "")) == sheet]
            if not hit:
                hit = [r for r in candidates if nfc(r.get("dataset", "")).startswith(sheet)]
        else:
            hit = list(candidates)
        matched[i] = hit
        used |= {id(r) for r in hit}
    unmatched = [r for r in rows if id(r) not in used]
    return matched, unmatched


def judge(rows: list[dict]) -> dict:
    """What the tool said about one truth entry, from the rows that matched it."""
    if not rows:
        return {"found": False, "db": False, "pi": False, "individuals": 0, "status": "missing"}
    db_rows = [r for r in rows if flag(r.get("is_pi_database", ""))]
    counted = db_rows or rows
    statuses = sorted({r.get("status", "") for r in rows})
    return {
        "found": True,
        "db": bool(db_rows),
        "pi": any(flag(r.get("contains_personal_info", "")) for r in rows),
        "individuals": sum(number(r.get("individuals", "")) for r in counted),
        "records": sum(number(r.get("records", "")) for r in counted),
        "status": "/".join(statuses),
        "tool_datasets": len(rows),
    }


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(truth: dict, rows: list[dict], summary: dict) -> dict:
    entries = truth["datasets"]
    matched, unmatched = match(entries, rows)
    got = {i: judge(matched[i]) for i in range(len(entries))}

    tp = fp = fn = tn = 0
    errors = []
    pi_errors = []
    for i, t in enumerate(entries):
        g = got[i]
        if t["is_pi_database"] and g["db"]:
            tp += 1
        elif t["is_pi_database"]:
            fn += 1
        elif g["db"]:
            fp += 1
        else:
            tn += 1
        if t["is_pi_database"] != g["db"]:
            errors.append(
                {
                    "path": t["path"],
                    "dataset": t["dataset"],
                    "expected": t["is_pi_database"],
                    "got": g["db"],
                    "status": g["status"],
                    "hard_negative": t["hard_negative"],
                    "borderline": t["borderline"],
                }
            )
        if t["contains_personal_info"] != g["pi"]:
            pi_errors.append(
                {
                    "path": t["path"],
                    "dataset": t["dataset"],
                    "expected": t["contains_personal_info"],
                    "got": g["pi"],
                }
            )
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0

    hard = [
        {"path": t["path"], "dataset": t["dataset"], "db": got[i]["db"], "pi": got[i]["pi"]}
        for i, t in enumerate(entries)
        if t["hard_negative"]
    ]

    per_db = []
    for i, t in enumerate(entries):
        if not t["is_pi_database"]:
            continue
        g = got[i]
        err = (g["individuals"] - t["individuals"]) / t["individuals"] * 100
        per_db.append(
            {
                "path": t["path"],
                "dataset": t["dataset"],
                "multi_person": t["multi_person"],
                "truth_individuals": t["individuals"],
                "reported_individuals": g["individuals"],
                "truth_records": t["records"],
                "reported_records": g.get("records", 0),
                "error_pct": round(err, 1),
                "judged_database": g["db"],
            }
        )
    abs_err = [abs(d["error_pct"]) for d in per_db]
    multi = [d for d in per_db if d["multi_person"]]

    di = summary.get("distinct_individuals", {}) or {}
    est = di.get("estimate")
    low = di.get("low")
    high = di.get("high")
    true_n = truth["totals"]["distinct_individuals"]
    threshold = truth["totals"]["threshold"]
    distinct = {
        "truth": true_n,
        "estimate": est,
        "low": low,
        "high": high,
        "error_pct": round((est - true_n) / true_n * 100, 2) if est is not None else None,
        "truth_within_bounds": (low <= true_n <= high) if None not in (low, high) else None,
        "tool_exceeds_threshold": summary.get("exceeds_threshold"),
        "truth_exceeds_threshold": truth["totals"]["exceeds_threshold"],
        "threshold_decision_correct": summary.get("exceeds_threshold")
        == truth["totals"]["exceeds_threshold"],
        "bounds_straddle_threshold": di.get("bounds_straddle_threshold"),
        "tool_threshold": summary.get("threshold"),
        "truth_threshold": threshold,
        "naive_row_sum": truth["totals"]["naive_row_sum"],
        "naive_individuals_sum": truth["totals"]["naive_individuals_sum"],
        "tool_sum_of_reported_individuals_over_its_databases": sum(
            number(r.get("individuals", "")) for r in rows if flag(r.get("is_pi_database", ""))
        ),
    }

    statuses: dict[str, int] = {}
    reasons: dict[str, int] = {}
    for r in rows:
        statuses[r.get("status", "")] = statuses.get(r.get("status", ""), 0) + 1
        if r.get("status", "") != "ok":
            reason = r.get("error", "") or r.get("status", "")
            reasons[reason] = reasons.get(reason, 0) + 1
    return {
        "tool_status_counts": statuses,
        "tool_unreadable_reasons": reasons,
        "tool_unreadable_paths": [r.get("path", "") for r in rows if r.get("status") != "ok"],
        "datasets_in_truth": len(entries),
        "tool_rows": len(rows),
        "truth_entries_without_tool_row": sum(1 for i in got if not got[i]["found"]),
        "tool_rows_without_truth": [
            {
                "path": r.get("path", ""),
                "dataset": r.get("dataset", ""),
                "status": r.get("status", ""),
                "is_pi_database": flag(r.get("is_pi_database", "")),
            }
            for r in unmatched
        ],
        "judgement": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "errors": errors,
        },
        "contains_personal_info": {
            "correct": len(entries) - len(pi_errors),
            "of": len(entries),
            "errors": pi_errors,
        },
        "hard_negatives": {
            "count": len(hard),
            "judged_database": [h for h in hard if h["db"]],
            "said_to_contain_personal_info": [h for h in hard if h["pi"]],
        },
        "individuals": {
            "databases": len(per_db),
            "within_10pct": sum(1 for e in abs_err if e <= 10),
            "median_abs_error_pct": round(statistics.median(abs_err), 1) if abs_err else None,
            "multi_person": multi,
            "all": per_db,
        },
        "distinct": distinct,
        "summary_counts": {
            k: summary.get(k)
            for k in ("files_scanned", "datasets", "pi_databases", "datasets_with_personal_info")
        },
    }


def fmt_pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:.1f}%"


def report(s: dict, meta: dict) -> None:
    p = print
    p(f"pi-scan: {meta['pi_scan']}")
    p(f"share:   {meta['share']}  (exit {meta['exit_code']}, {meta['seconds']:.1f} s)")
    p(
        f"truth:   {s['datasets_in_truth']} datasets; tool rows: {s['tool_rows']}; "
        f"truth entries with no tool row: {s['truth_entries_without_tool_row']}; "
        f"tool rows with no truth: {len(s['tool_rows_without_truth'])}"
    )
    p(f"tool row status: {s['tool_status_counts']}")
    for reason, n in sorted(s["tool_unreadable_reasons"].items()):
        p(f"  {n} rows not read: {reason}")
    for path in s["tool_unreadable_paths"]:
        p(f"  not read: {path}")
    j = s["judgement"]
    p("")
    p(
        f"database judgement: TP {j['tp']}  FP {j['fp']}  FN {j['fn']}  TN {j['tn']}  "
        f"precision {fmt_pct(j['precision'])}  recall {fmt_pct(j['recall'])}  "
        f"F1 {j['f1']:.3f}  errors {len(j['errors'])}"
    )
    for e in j["errors"]:
        tags = [t for t in ("hard_negative", "borderline") if e[t]]
        p(
            f"  - {e['path']} [{e['dataset']}] expected {'DB' if e['expected'] else 'not DB'}, "
            f"got {'DB' if e['got'] else 'not DB'} ({e['status']}) {','.join(tags)}".rstrip()
        )
    c = s["contains_personal_info"]
    p(f"contains_personal_info: {c['correct']}/{c['of']} correct")
    for e in c["errors"]:
        p(f"  - {e['path']} [{e['dataset']}] expected {e['expected']}, got {e['got']}")
    h = s["hard_negatives"]
    p(
        f"hard negatives: {h['count']}; judged databases: {len(h['judged_database'])}; "
        f"said to contain personal info: {len(h['said_to_contain_personal_info'])}"
    )
    for e in h["judged_database"]:
        p(f"  - DB: {e['path']} [{e['dataset']}]")
    for r in s["tool_rows_without_truth"]:
        p(
            f"  tool row without truth: {r['path']} [{r['dataset']}] {r['status']} "
            f"db={r['is_pi_database']}"
        )
    ind = s["individuals"]
    p("")
    p(
        f"individuals per database: {ind['within_10pct']}/{ind['databases']} within ±10%, "
        f"median |error| {ind['median_abs_error_pct']}%"
    )
    p("multi-person datasets (truth -> reported):")
    for d in ind["multi_person"]:
        p(
            f"  {d['truth_individuals']:>5} -> {d['reported_individuals']:>5} "
            f"({d['error_pct']:+.1f}%)  {d['path']} [{d['dataset']}]"
            f"{'' if d['judged_database'] else '  (not judged DB)'}"
        )
    other = [d for d in ind["all"] if not d["multi_person"]]
    p("single-person-per-row databases (truth -> reported):")
    for d in other:
        p(
            f"  {d['truth_individuals']:>5} -> {d['reported_individuals']:>5} "
            f"({d['error_pct']:+.1f}%)  {d['path']} [{d['dataset']}]"
            f"{'' if d['judged_database'] else '  (not judged DB)'}"
        )
    d = s["distinct"]
    p("")
    p(
        f"distinct people: truth {d['truth']}, estimate {d['estimate']} "
        f"({d['error_pct']:+.2f}%), low {d['low']}, high {d['high']}, "
        f"truth within bounds: {d['truth_within_bounds']}"
    )
    p(
        f"threshold {d['truth_threshold']}: tool exceeds={d['tool_exceeds_threshold']}, "
        f"truth exceeds={d['truth_exceeds_threshold']}, decision correct: "
        f"{d['threshold_decision_correct']}, bounds straddle: {d['bounds_straddle_threshold']}"
    )
    p(
        f"naive row sum {d['naive_row_sum']}, naive individuals sum "
        f"{d['naive_individuals_sum']}, tool's sum of individuals over its databases "
        f"{d['tool_sum_of_reported_individuals_over_its_databases']}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pi-scan", default=DEFAULT_PI_SCAN, help="command that runs pi-scan")
    ap.add_argument("--share", type=Path, help="an already generated share (default: generate)")
    ap.add_argument("--truth", type=Path, help="truth file (default: the generated one)")
    ap.add_argument("--json", type=Path, help="write the scores here")
    ap.add_argument("--keep", type=Path, help="keep pi-scan's output folder here")
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument(
        "--scan-args", default="", help='more options for "scan", e.g. "--config x.toml"'
    )
    ap.add_argument("--max-judgement-errors", type=int)
    ap.add_argument("--max-distinct-error-pct", type=float)
    ap.add_argument("--require-threshold-decision", action="store_true")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="unseen4-") as tmp:
        work = Path(tmp)
        committed = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
        if args.share:
            share = args.share.resolve()
            truth = json.loads(args.truth.read_text(encoding="utf-8")) if args.truth else committed
        else:
            sys.path.insert(0, str(HERE))
            import generate

            share = work / "share"
            share.mkdir()
            truth = generate.build(share)
            if json.dumps(truth, sort_keys=True) != json.dumps(committed, sort_keys=True):
                print("warning: the generated truth differs from the committed truth.json")
        if args.keep:
            out_parent = args.keep.resolve()
            out_parent.mkdir(parents=True, exist_ok=True)
        else:
            out_parent = work
        code, seconds, out = run_pi_scan(
            args.pi_scan, share, out_parent, args.timeout, shlex.split(args.scan_args)
        )
        if code not in (0, 3) or not (out / "summary.json").exists():
            print(f"pi-scan failed: exit {code}, outputs in {out} missing")
            return 2
        rows = read_inventory(out)
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        s = score(truth, rows, summary)
        meta = {
            "pi_scan": args.pi_scan + (f" (scan {args.scan_args})" if args.scan_args else ""),
            "share": str(args.share or "generated (temporary)"),
            "exit_code": code,
            "seconds": round(seconds, 1),
            "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        report(s, meta)

    gates = []
    if args.max_judgement_errors is not None:
        n = len(s["judgement"]["errors"])
        gates.append(
            (f"judgement errors {n} <= {args.max_judgement_errors}", n <= args.max_judgement_errors)
        )
    if args.max_distinct_error_pct is not None:
        e = s["distinct"]["error_pct"]
        ok = e is not None and abs(e) <= args.max_distinct_error_pct
        gates.append((f"|distinct error| {e}% <= {args.max_distinct_error_pct}%", ok))
    if args.require_threshold_decision:
        gates.append(
            ("threshold decision correct", bool(s["distinct"]["threshold_decision_correct"]))
        )
    for name, ok in gates:
        print(f"gate: {name}: {'ok' if ok else 'FAILED'}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"meta": meta, "scores": s, "gates": dict(gates)}, ensure_ascii=False, indent=1
            )
            + "\n",
            encoding="utf-8",
        )
    return 0 if all(ok for _, ok in gates) else 1


if __name__ == "__main__":
    raise SystemExit(main())
