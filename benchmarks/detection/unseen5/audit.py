# ruff: noqa: E501
"""Audit pi-scan on the unseen5 share against truth.json; writes RESULTS.md (or --out).

    nice -n 10 .venv/bin/python benchmarks/detection/unseen5/audit.py [--out FILE]

BASELINE.md holds the first figure, taken before any change made for this share (keep it).

Runs `pi-scan scan share --output <tmp>` with PI_SCAN_HOME set to a fresh temporary folder (no
earlier inventory, cache or secret), reads inventory.csv and summary.json, and compares them with
truth.json. Prints paths and figures only, never a personal value.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
PI_SCAN = REPO / ".venv" / "bin" / "pi-scan"


def run_scan(tmp: Path) -> tuple[list[dict], dict, float]:
    out = tmp / "out"
    env = dict(os.environ, PI_SCAN_HOME=str(tmp / "home"))
    t0 = time.monotonic()
    proc = subprocess.run(
        [str(PI_SCAN), "scan", "share", "--output", str(out), "--quiet"],
        cwd=HERE,
        env=env,
        capture_output=True,
        text=True,
    )
    secs = time.monotonic() - t0
    if proc.returncode not in (0, 3):
        sys.exit(f"pi-scan exited {proc.returncode}")
    with open(out / "inventory.csv", encoding="utf-8-sig", newline="") as f:
        inv = list(csv.DictReader(f))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return inv, summary, secs


def match(truth: list[dict], inv: list[dict]) -> dict[int, list[dict]]:
    """Truth entry index -> inventory rows: exact (path, dataset), else the rows of the same
    path left unmatched (all of them if the file has one truth entry, else in order)."""
    by_key = {(r["path"], r["dataset"]): r for r in inv}
    used: set[int] = set()
    res: dict[int, list[dict]] = {}
    for i, t in enumerate(truth):
        r = by_key.get((t["path"], t["dataset"]))
        if r is not None:
            res[i] = [r]
            used.add(id(r))
    for path in {t["path"] for t in truth}:
        pending = [i for i, t in enumerate(truth) if t["path"] == path and i not in res]
        rows = [r for r in inv if r["path"] == path and id(r) not in used]
        if not pending:
            continue
        if len(pending) == 1:
            res[pending[0]] = rows
            used.update(id(r) for r in rows)
        else:
            for i, r in zip(pending, rows, strict=False):
                res[i] = [r]
                used.add(id(r))
    res["extra"] = [r for r in inv if id(r) not in used]  # type: ignore[index]
    return res


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="markdown written")
    args = ap.parse_args()
    truth_all = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    truth = truth_all["datasets_truth"]
    with tempfile.TemporaryDirectory(prefix="unseen5-") as tmp:
        inv, summary, secs = run_scan(Path(tmp))
    m = match(truth, inv)
    extra = m.pop("extra")  # type: ignore[call-overload]

    tp = fp = fn = tn = 0
    wrong, hard_fp, missing, counts = [], [], [], []
    for i, t in enumerate(truth):
        rows = m.get(i, [])
        if not rows:
            missing.append(t)
            pred = False
        else:
            pred = any(r["is_pi_database"] == "true" for r in rows)
        if t["is_database"] and pred:
            tp += 1
        elif t["is_database"]:
            fn += 1
        elif pred:
            fp += 1
        else:
            tn += 1
        if pred != t["is_database"]:
            rat = " / ".join(r["rationale"] for r in rows) if rows else "(no inventory row)"
            st = ",".join(sorted({r["status"] for r in rows}))
            wrong.append((t, pred, rat, st))
            if t["hard_negative"] and pred:
                hard_fp.append(t)
        if t["is_database"] and pred:
            ind = sum(int(r["individuals"] or 0) for r in rows if r["is_pi_database"] == "true")
            counts.append((t, ind))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    di = summary["distinct_individuals"]
    est, low, high = di["estimate"], di["low"], di["high"]
    true_n = truth_all["distinct_people"]
    err = (est - true_n) / true_n * 100
    in_bounds = low <= true_n <= high
    decision_ok = bool(summary["exceeds_threshold"]) == (true_n > truth_all["threshold"])
    hard_n = sum(t["hard_negative"] for t in truth)
    rev = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()

    def dsname(t):
        return f"{t['path']}" + (f" [{t['dataset']}]" if t["dataset"] else "")

    lines = [
        f"# unseen5 {'baseline' if args.out.name == 'BASELINE.md' else 'results'}",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; pi-scan at `{rev}`; scan took {secs:.0f} s (`nice -n 10`, fresh `PI_SCAN_HOME`)",
        f"- share: {truth_all['files']} files, {len(truth)} datasets in truth ({truth_all['databases']} databases, {len(truth) - truth_all['databases']} not, {hard_n} hard negatives); pi-scan listed {len(inv)} inventory rows, {summary.get('pi_databases')} databases, {summary.get('uncertain_databases')} uncertain",
        f"- database judgement over truth datasets: TP {tp}, FP {fp}, FN {fn}, TN {tn} -> precision {prec:.2f}, recall {rec:.2f}, F1 {f1:.2f}",
        f"- hard negatives judged databases: {len(hard_fp)} of {hard_n}",
        f"- distinct people: truth {true_n}; pi-scan estimate {est} ({err:+.1f} %), low {low}, high {high}; low <= truth <= high: {'yes' if in_bounds else 'NO'}",
        f"- naive row sum of the truth databases {truth_all['naive_row_sum']}, sum of per-database people {truth_all['sum_of_people_per_database']}",
        f"- threshold {truth_all['threshold']}: truth under it; pi-scan exceeds_threshold={summary['exceeds_threshold']}, bounds_straddle_threshold={di.get('bounds_straddle_threshold')} -> decision {'right' if decision_ok else 'WRONG'}",
        "",
        "## Misjudged datasets",
        "",
        "| path [dataset] | truth | pi-scan | status | pi-scan rationale |",
        "|---|---|---|---|---|",
    ]
    for t, pred, rat, st in wrong:
        tag = " (hard negative)" if t["hard_negative"] else ""
        lines.append(
            f"| {dsname(t)}{tag} | {'DB' if t['is_database'] else 'not'} | {'DB' if pred else 'not'} | {st} | {rat.replace('|', '/')} |"
        )
    if not wrong:
        lines.append("| (none) | | | | |")
    lines += [
        "",
        "## People per database found (truth vs pi-scan `individuals`, off by more than 10 %)",
        "",
        "| path [dataset] | truth | pi-scan |",
        "|---|---|---|",
    ]
    for t, ind in counts:
        if abs(ind - t["people"]) > 0.1 * t["people"]:
            lines.append(f"| {dsname(t)} | {t['people']} | {ind} |")
    if extra:
        lines += [
            "",
            "## Inventory rows with no truth entry",
            "",
            "| path | dataset | status | is_pi_database |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {r['path']} | {r['dataset']} | {r['status']} | {r['is_pi_database']} |"
            for r in extra
        ]
    if missing:
        lines += ["", "## Truth datasets with no inventory row", ""] + [
            f"- {dsname(t)}" for t in missing
        ]
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
