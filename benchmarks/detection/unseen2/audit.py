#!/usr/bin/env python
"""Audit pi-scan on the second "unseen share" written by make_share.py: run `pi-scan inspect
--json` on each of its files, one at a time, score the columns it reports and the entities it
finds in text documents against truth.csv, then run `pi-scan scan` on the share and check each
file's database judgement (is_pi_database in the inventory) against truth_files.csv.

    .venv/bin/python benchmarks/detection/unseen2/audit.py [--work DIR] [--seed N]
        [--min-precision P] [--min-recall R] [--fail-on-judgement]

--work DIR: the folder of `make_share.py --work DIR` (share/, truth.csv, truth_files.csv); if it
has no truth.csv, the share is made there first. Default: made in a new temporary folder (kept,
printed). --seed N: the seed for making the share (default 20240611); only when a share is made.
pi-scan is the `pi-scan` next to the Python running this script (the venv's), run with
PI_SCAN_HOME=DIR/home. Writes DIR/audit/raw/NN_<file>.txt (each inspect output), DIR/audit/scan/
(the scan's inventory.csv, findings.csv, summary.json), DIR/audit/columns.csv (one row per
column: expected, reported, verdict) and DIR/audit/report.md, and prints the report.
Exit status 1 when the overall column precision or recall is below --min-precision /
--min-recall, or with --fail-on-judgement when any file's database judgement is wrong (default:
no threshold); 2 on bad usage.
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
LISTED = [
    *("PERSON", "PERSON_KANA", "ADDRESS", "POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS"),
    *("STUDENT_ID", "EMPLOYEE_ID", "GRADE", "DATE_OF_BIRTH", "GENDER", "MY_NUMBER", "SENSITIVE"),
]


def norm(s):
    return re.sub(r"[\s/・_\-.:()（）\[\]]+", "", unicodedata.normalize("NFKC", s or "")).lower()


# ------------------------------------------------------------ inspect parsing
def parse_inspect(out):
    """The datasets of `pi-scan inspect --json`, in order: [{name, sheet, kind, records,
    verdict, cols: [{column, entity, role, conf, hit, evidence, samples}], text: {entity: (n,
    evidence)}}]; datasets that could not be read are left out."""
    try:
        found = json.loads(out)["datasets"]
    except (json.JSONDecodeError, KeyError, TypeError):
        return []
    datasets = []
    for d in found:
        if d["status"] != "ok":
            continue
        cols = [
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
        ]
        text = {t["entity"]: (t["count"], t["evidence"]) for t in d["text"]}
        datasets.append(
            dict(
                name=d["path"],
                sheet=d["dataset"],
                kind=d["kind"],
                records=d["records"],
                verdict=d["decision"]["rationale"],
                cols=cols,
                text=text,
            )
        )
    return datasets


def run_inspect(piscan, env, path):
    p = subprocess.run(
        [str(piscan), "inspect", "--json", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return p.returncode, p.stdout, p.stderr


def run_scan(piscan, env, share, outdir):
    cmd = [str(piscan), "scan", str(share), "--output", str(outdir), "--full"]
    p = subprocess.run(
        [*cmd, "--workers", "1", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return p.returncode


# ------------------------------------------------------------ matching
def col_match(truth_col, pred_col):
    if " || " in truth_col:  # aliases (e.g. a duplicate header de-duplicated as "氏名.1")
        return any(col_match(a, pred_col) for a in truth_col.split(" || "))
    t, p = norm(truth_col), norm(pred_col)
    if not p:
        return False
    if t == p:
        return True
    if truth_col.startswith("#"):  # headerless: positional
        num = re.findall(r"\d+", pred_col)
        return bool(num) and num[-1] == truth_col[1:]
    p2 = p.rstrip("…").rstrip(".")
    return len(p2) >= 4 and (t.startswith(p2) or p2 in t or t in p2)


def inspect_share(work, piscan, env, files):
    """Run `pi-scan inspect` on every file, one at a time; ({file: datasets}, {file: error})."""
    raw = work / "audit" / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    parsed, errors = {}, {}
    for i, f in enumerate(files):
        rc, out, err = run_inspect(piscan, env, work / "share" / f["file"])
        text = out + ("\n[stderr]\n" + err if err.strip() else "")
        name = f"{i:02d}_{f['file'].replace('/', '__')}.txt"
        (raw / name).write_text(
            f"$ pi-scan inspect --json {f['file']}\nrc={rc}\n{text}", encoding="utf-8"
        )
        if rc != 0:
            errors[f["file"]] = f"rc={rc} {err.strip()[-300:]}"
        parsed[f["file"]] = parse_inspect(out)
        print(
            f"[{i + 1}/{len(files)}] {f['file']}: {len(parsed[f['file']])} dataset(s)", flush=True
        )
    return parsed, errors


def score_columns(by_file, parsed):
    """Pair the columns pi-scan reports with the truth's and count TP / FN / FP per entity.

    A column whose expected entity (or alt) is reported is a TP, else a miss; also_ok columns
    are neutral; every other audited entity reported for a column is a FP, as is every audited
    entity reported for a column not in the truth. Returns (tp, fn, fp, misses, fps, neutral,
    others, results)."""
    tp, fn, fp = defaultdict(int), defaultdict(int), defaultdict(int)
    misses, fps, others, neutral = [], [], [], []
    results = []
    used = set()  # (file, ds index, col index) of predictions matched to a truth column
    for fname, trows in by_file.items():
        dss = parsed.get(fname, [])
        for t in trows:
            if t["column"] == "(text)":
                continue
            cands = [
                (di, d)
                for di, d in enumerate(dss)
                if d["kind"] != "text" and (not t["sheet"] or d["sheet"] == t["sheet"])
            ]
            preds = []
            aliases = {norm(a) for a in t["column"].split(" || ")}
            exact = [
                (di, ci, c)
                for di, d in cands
                for ci, c in enumerate(d["cols"])
                if norm(c["column"]) in aliases
            ]
            if not exact:
                # fuzzy (truncated / positional) only for predicted columns equal to no truth header
                truth_heads = {norm(a) for x in trows for a in x["column"].split(" || ")}
                exact = [
                    (di, ci, c)
                    for di, d in cands
                    for ci, c in enumerate(d["cols"])
                    if norm(c["column"]) not in truth_heads and col_match(t["column"], c["column"])
                ]
            for di, ci, c in exact:
                preds.append(c)
                used.add((fname, di, ci))
            exp, also_ok = t["expected"], t["also_ok"] == "1"
            alt = [a for a in t["alt"].split("|") if a]
            ok_set = {exp, *alt}
            pred_ents = [p["entity"] for p in preds]
            said = (
                "; ".join(f"{p['entity']} ({p['conf']}, {p['evidence']})" for p in preds)
                or "nothing"
            )
            verdict = "ok"
            listed_preds = [e for e in pred_ents if e in LISTED]
            for e in pred_ents:
                if e not in LISTED:
                    others.append((fname, t["sheet"], t["column"], e, t["samples"], said))
            if exp != "NONE":
                hit = any(e in ok_set for e in pred_ents)
                if hit and not also_ok:
                    tp[exp] += 1
                elif not hit and not also_ok:
                    fn[exp] += 1
                    verdict = "MISS"
                    misses.append((fname, t["sheet"], t["column"], exp, t["samples"], said))
                elif also_ok:
                    neutral.append((fname, t["sheet"], t["column"], exp, t["samples"], said))
                for e in listed_preds:
                    if e not in ok_set:
                        fp[e] += 1
                        verdict = "FP" if verdict == "ok" else verdict + "+FP"
                        fps.append((fname, t["sheet"], t["column"], exp, e, t["samples"], said))
            elif not also_ok:
                for e in listed_preds:
                    if e not in ok_set:
                        fp[e] += 1
                        verdict = "FP"
                        fps.append((fname, t["sheet"], t["column"], "NONE", e, t["samples"], said))
            results.append(
                dict(
                    file=fname,
                    sheet=t["sheet"],
                    column=t["column"],
                    expected=exp + ("?" if also_ok else ""),
                    predicted="|".join(pred_ents) or "-",
                    verdict=verdict,
                    samples=t["samples"],
                    evidence=said,
                )
            )
        # predictions on columns not in the truth (header not found, a title row taken as header)
        for di, d in enumerate(dss):
            if d["kind"] == "text":
                continue
            for ci, c in enumerate(d["cols"]):
                if (fname, di, ci) not in used:
                    if c["entity"] in LISTED:
                        fp[c["entity"]] += 1
                    fps.append(
                        (
                            fname,
                            d["sheet"],
                            c["column"] + "  [column not in truth]",
                            "?",
                            c["entity"],
                            c["samples"] + " (masked by pi-scan)",
                            f"{c['entity']} ({c['conf']}, {c['evidence']})",
                        )
                    )
    return tp, fn, fp, misses, fps, neutral, others, results


def score_texts(files, by_file, parsed):
    """Per (text document, entity) presence: (ttp, tfn, tfp, detail rows)."""
    ttp, tfn, tfp = defaultdict(int), defaultdict(int), defaultdict(int)
    text_rows = []
    for f in files:
        trows = [t for t in by_file[f["file"]] if t["column"] == "(text)"]
        if f["kind"] != "text" and not trows:
            continue
        exp_req = {t["expected"] for t in trows if t["also_ok"] == "0"}
        exp_ok = {t["expected"] for t in trows}
        found = {}
        for d in parsed.get(f["file"], []):
            if d["kind"] == "text":
                for e, (n, _ev) in d["text"].items():
                    found[e] = found.get(e, 0) + n
        for e in sorted(exp_req):
            if e in found:
                ttp[e] += 1
            else:
                tfn[e] += 1
                text_rows.append((f["file"], "MISS", e, "not reported"))
        for e, n in found.items():
            if e not in exp_ok and e in LISTED:
                tfp[e] += 1
                text_rows.append((f["file"], "FP", e, f"{n} occurrence(s)"))
        also = sorted(exp_ok - exp_req)
        text_rows.append(
            (
                f["file"],
                "found",
                ",".join(f"{k}:{v}" for k, v in sorted(found.items())) or "-",
                "expected "
                + ",".join(sorted(exp_req))
                + (" (also ok " + ",".join(also) + ")" if also else ""),
            )
        )
    return ttp, tfn, tfp, text_rows


def judge_files(work, piscan, env, files):
    """Run `pi-scan scan` on the share and compare each file's is_pi_database with expect_db.

    A file is wrong when expected yes and not judged a database, expected no and judged one,
    missing from the inventory, or a hard negative (expected no) said to contain personal data.
    Returns (scan rc, rows, errors); a row is (file, kind, expected, is_db, contains, detail)."""
    outdir = work / "audit" / "scan"
    if outdir.exists():
        shutil.rmtree(outdir)
    scan_rc = run_scan(piscan, env, work / "share", outdir)
    with open(outdir / "inventory.csv", encoding="utf-8-sig") as fh:
        inv = list(csv.DictReader(fh))
    inv_by_file = defaultdict(list)
    for r in inv:
        inv_by_file[r["path"]].append(r)
    db_rows, db_errors = [], []
    for f in files:
        rs = inv_by_file.get(f["file"], [])
        isdb = any(r["is_pi_database"].lower() == "true" for r in rs)
        contains = any(r["contains_personal_info"].lower() == "true" for r in rs)
        detail = (
            "; ".join(
                f"[{r['dataset'] or '-'}] db={r['is_pi_database']} "
                f"pi={r['contains_personal_info']} cat={r['categories'] or '-'} "
                f"indiv={r['individuals'] or '-'} :: {r['rationale']}"
                for r in rs
            )
            or "NOT IN INVENTORY"
        )
        exp = f["expect_db"]
        bad = (exp == "yes" and not isdb) or (exp == "no" and isdb) or not rs
        if f["kind"] == "neg" and contains and exp == "no":
            bad = True
        db_rows.append((f["file"], f["kind"], exp, isdb, contains, detail))
        if bad:
            db_errors.append((f["file"], f["kind"], exp, isdb, contains, detail))
    return scan_rc, db_rows, db_errors


def render(errors, cols, texts, judgement):
    """The Markdown report and the overall column (precision, recall)."""
    tp, fn, fp, misses, fps, neutral, others, _results = cols
    ttp, tfn, tfp, text_rows = texts
    scan_rc, db_rows, db_errors = judgement
    L = ["# pi-scan audit on unseen share\n"]
    if errors:
        L.append("## inspect errors\n")
        for k, v in errors.items():
            L.append(f"- {k}: {v}")
    L.append(
        "\n## Column-level precision / recall (tables; `?` columns excluded from recall, neutral)\n"
    )
    L.append("| entity | TP | FN | FP | precision | recall |")
    L.append("|---|---|---|---|---|---|")
    T = [0, 0, 0]
    for e in LISTED:
        a, b, c = tp[e], fn[e], fp[e]
        T[0] += a
        T[1] += b
        T[2] += c
        pr = f"{a / (a + c):.2f}" if a + c else "n/a"
        rc = f"{a / (a + b):.2f}" if a + b else "n/a"
        L.append(f"| {e} | {a} | {b} | {c} | {pr} | {rc} |")
    precision = T[0] / max(1, T[0] + T[2])
    recall = T[0] / max(1, T[0] + T[1])
    L.append(f"| **all** | {T[0]} | {T[1]} | {T[2]} | {precision:.2f} | {recall:.2f} |")
    L.append("\n## Text documents: per (document, entity) presence\n")
    L.append("| entity | TP | FN | FP |")
    L.append("|---|---|---|---|")
    for e in LISTED:
        if ttp[e] or tfn[e] or tfp[e]:
            L.append(f"| {e} | {ttp[e]} | {tfn[e]} | {tfp[e]} |")
    L.append("\n## Misses (expected entity not reported)\n")
    for m in misses:
        L.append(
            f"- `{m[0]}` [{m[1] or '-'}] **{m[2]}** expected {m[3]} — samples: {m[4]}"
            f" — pi-scan: {m[5]}"
        )
    L.append("\n## False positives\n")
    for m in fps:
        L.append(
            f"- `{m[0]}` [{m[1] or '-'}] **{m[2]}** expected {m[3]}, got **{m[4]}**"
            f" — samples: {m[5]} — pi-scan: {m[6]}"
        )
    L.append("\n## Debatable (also_ok) columns, what pi-scan said\n")
    for m in neutral:
        L.append(
            f"- `{m[0]}` [{m[1] or '-'}] {m[2]} (could be {m[3]}) — samples: {m[4]}"
            f" — pi-scan: {m[5]}"
        )
    L.append("\n## Entities outside the audited list\n")
    for m in others:
        L.append(f"- `{m[0]}` [{m[1] or '-'}] {m[2]} -> {m[3]} — samples: {m[4]}")
    L.append("\n## Text documents detail\n")
    for r in text_rows:
        L.append(f"- `{r[0]}` {r[1]} {r[2]} — {r[3]}")
    L.append(f"\n## Database judgement (pi-scan scan, rc={scan_rc})\n")
    L.append("| kind | expected db | files | judged database | wrong |")
    L.append("|---|---|---|---|---|")
    groups = defaultdict(lambda: [0, 0, 0])
    wrong = {r[0] for r in db_errors}
    for r in db_rows:
        g = groups[(r[1], r[2])]
        g[0] += 1
        g[1] += r[3]
        g[2] += r[0] in wrong
    for (kind, exp), (n, isdb, bad) in groups.items():
        L.append(f"| {kind} | {exp} | {n} | {isdb} | {bad} |")
    L.append(f"| **all** | | {len(db_rows)} | {sum(r[3] for r in db_rows)} | {len(db_errors)} |")
    L.append("")
    L.append("| file | kind | expected db | is_pi_database | contains_personal_info |")
    L.append("|---|---|---|---|---|")
    for r in db_rows:
        L.append(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |")
    L.append("\n### Judgement errors\n")
    for r in db_errors:
        L.append(
            f"- `{r[0]}` ({r[1]}) expected db={r[2]}, got db={r[3]}, contains_pi={r[4]} :: {r[5]}"
        )
    return "\n".join(L) + "\n", precision, recall


def write_columns(path, results):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(results[0].keys()))
        w.writeheader()
        w.writerows(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="folder with share/, truth.csv and truth_files.csv (default: make a new one)",
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help="seed for making the share (default 20240611)"
    )
    parser.add_argument(
        "--min-precision", type=float, metavar="P", help="exit 1 if overall precision < P"
    )
    parser.add_argument(
        "--min-recall", type=float, metavar="R", help="exit 1 if overall recall < R"
    )
    parser.add_argument(
        "--fail-on-judgement",
        action="store_true",
        help="exit 1 if any file's database judgement is wrong",
    )
    args = parser.parse_args()
    piscan = Path(sys.executable).parent / "pi-scan"
    if not piscan.exists():
        parser.error(f"no pi-scan next to this Python: {piscan}")
    work = (args.work or Path(tempfile.mkdtemp(prefix="pi-scan-unseen2-"))).absolute()
    if (work / "truth.csv").exists():
        if args.seed is not None:
            parser.error(f"{work} already holds a share; --seed applies only when making one")
    else:
        sys.path.insert(0, str(HERE))
        import make_share

        make_share.generate(work, make_share.DEFAULT_SEED if args.seed is None else args.seed)
    print(f"work folder: {work}\npi-scan: {piscan}", flush=True)
    (work / "home").mkdir(exist_ok=True)
    env = dict(
        os.environ, PI_SCAN_HOME=str(work / "home"), COLUMNS="2000", NO_COLOR="1", TERM="dumb"
    )

    with open(work / "truth.csv", encoding="utf-8") as fh:
        truth = list(csv.DictReader(fh))
    with open(work / "truth_files.csv", encoding="utf-8") as fh:
        files = list(csv.DictReader(fh))
    by_file = defaultdict(list)
    for t in truth:
        by_file[t["file"]].append(t)

    parsed, errors = inspect_share(work, piscan, env, files)
    cols = score_columns(by_file, parsed)
    texts = score_texts(files, by_file, parsed)
    judgement = judge_files(work, piscan, env, files)
    write_columns(work / "audit" / "columns.csv", cols[-1])
    text, precision, recall = render(errors, cols, texts, judgement)
    (work / "audit" / "report.md").write_text(text, encoding="utf-8")
    print(text, end="")

    failed = []
    if args.min_precision is not None and precision < args.min_precision:
        failed.append(f"column precision {precision:.4f} < {args.min_precision}")
    if args.min_recall is not None and recall < args.min_recall:
        failed.append(f"column recall {recall:.4f} < {args.min_recall}")
    db_errors = judgement[2]
    if args.fail_on_judgement and db_errors:
        failed.append(f"{len(db_errors)} file(s) with a wrong database judgement")
    if failed:
        print("FAILED: " + "; ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
