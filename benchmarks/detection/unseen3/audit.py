#!/usr/bin/env python
"""Audit pi-scan on the third "unseen share" (awkward layouts) written by make_share.py: run
`pi-scan scan` on it, then score, per dataset of truth.csv, the entities pi-scan reports (its
findings and each dataset's categories) and its database judgement (is_pi_database).

    .venv/bin/python benchmarks/detection/unseen3/audit.py [--work DIR] [--seed N]
        [--max-judgement-errors N | --fail-on-judgement]

--work DIR: the folder of `make_share.py --work DIR` (share/, truth.csv); if it has no
truth.csv, the share is made there first. Default: made in a new temporary folder (kept,
printed). --seed N: the seed for making the share (default 3103); only when a share is made.
pi-scan is the `pi-scan` next to the Python running this script (the venv's), run with
PI_SCAN_HOME=DIR/home, one worker. Writes DIR/audit/scan/ (inventory.csv, findings.csv,
summary.json), DIR/audit/inventory.sqlite, DIR/audit/scores.csv (one row per scored dataset:
missed, unexpected, judgement, pi-scan's findings) and DIR/audit/report.md, and prints the
report.

Scoring: a truth row names a file and a sheet ("*": every dataset of the file, taken together;
note "card per sheet": each dataset of the file alone). An expected entity reported there is
found, one not reported missed; any entity reported that is neither expected nor optional is
unexpected. The judgement of a group is right when one of its datasets is judged a database and
is_pi is yes, or none is and is_pi is no; is_pi "either" is always right; a truth row with no
dataset in the inventory is wrong (and its expected entities missed).

Exit status 1 when more datasets than --max-judgement-errors N have a wrong database judgement
(--fail-on-judgement: N = 0; default: no threshold) or pi-scan scan fails; 2 on bad usage.
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_scan(piscan, env, share, audit):
    """`pi-scan scan` the share into audit/scan and audit/inventory.sqlite (both replaced)."""
    outdir, db = audit / "scan", audit / "inventory.sqlite"
    shutil.rmtree(outdir, ignore_errors=True)
    db.unlink(missing_ok=True)
    cmd = [str(piscan), "scan", str(share), "--output", str(outdir), "--db", str(db)]
    p = subprocess.run(
        [*cmd, "--workers", "1", "--full", "-q"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if p.returncode != 0:
        sys.exit(f"pi-scan scan failed (rc={p.returncode}):\n{p.stderr.strip()[-2000:]}")
    with open(outdir / "inventory.csv", encoding="utf-8-sig") as fh:
        inv = list(csv.DictReader(fh))
    with open(outdir / "findings.csv", encoding="utf-8-sig") as fh:
        fnd = list(csv.DictReader(fh))
    return inv, fnd


def split(s):
    return set(filter(None, s.split(";")))


def score(truth, inv, fnd):
    """Per truth row (or per dataset of a card workbook): (per, perf, rows, dberr, label_hits).

    per counts (entity, found|missed|unexpected) per scored dataset; perf weighs each dataset
    of a truth row 1/n, so that a 30-sheet card workbook counts once. A row of `rows` is (file,
    dataset, missed, unexpected, judgement, pi-scan's findings, is_pi, judged db)."""
    ents, samp = defaultdict(set), defaultdict(list)
    for f in fnd:
        k = (f["path"], f["dataset"])
        ents[k].add(f["entity"])
        samp[k].append(f"{f['entity']}@{f['column']}({f['confidence']}): {f['masked_samples']}")
    per, perf = Counter(), Counter()
    rows, dberr = [], []

    def fname(path):  # a member of a zip is "archive.zip!member"
        return path.split("!")[0]

    for t in truth:
        ds = [
            r
            for r in inv
            if fname(r["path"]) == t["file"]
            and (
                t["sheet"] == "*"
                or r["dataset"] == t["sheet"]
                or r["dataset"].startswith(t["sheet"] + "#")
            )
        ]
        exp, opt = split(t["expected"]), split(t["optional"])
        if not ds:
            for e in exp:
                per[(e, "missed")] += 1
                perf[(e, "missed")] += 1
            verdict = f"WRONG(exp {t['is_pi']}, no dataset)"
            missed = ";".join(sorted(exp))
            rows.append((t["file"], t["sheet"], missed, "", verdict, "", t["is_pi"], None))
            dberr.append((t["file"], t["sheet"], t["is_pi"], None, "NOT IN INVENTORY"))
            continue
        groups = [[d] for d in ds] if "per sheet" in t["note"] else [ds]
        for g in groups:
            got = set().union(
                *[ents[(d["path"], d["dataset"])] | split(d["categories"]) for d in g]
            )
            is_pi = any(d["is_pi_database"] == "true" for d in g)
            found, missed, unexp = exp & got, exp - got, got - exp - opt
            w = 1 / len(groups)  # file-weighted: a 30-sheet card workbook counts once
            for kind, es in (("found", found), ("missed", missed), ("unexpected", unexp)):
                for e in es:
                    per[(e, kind)] += 1
                    perf[(e, kind)] += w
            ok = t["is_pi"] == "either" or (t["is_pi"] == "yes") == is_pi
            name = g[0]["dataset"] if len(g) == 1 else t["sheet"]
            if not ok:
                dberr.append((t["file"], name, t["is_pi"], is_pi, g[0]["rationale"]))
            findings = " || ".join(s for d in g for s in samp[(d["path"], d["dataset"])])
            verdict = "ok" if ok else f"WRONG(exp {t['is_pi']}, got {is_pi})"
            rows.append(
                (
                    t["file"],
                    name,
                    ";".join(sorted(missed)),
                    ";".join(sorted(unexp)),
                    verdict,
                    findings,
                    t["is_pi"],
                    is_pi,
                )
            )
    # PERSON credited only because a label column (氏名/フリガナ/既往歴...) was read as names
    label_hits = [
        f"{f['path']}[{f['dataset']}] {f['masked_samples']}"
        for f in fnd
        if f["entity"] == "PERSON"
        and f["role"]
        and all(x.strip()[:1] in "フ生既服主続性電住" for x in f["masked_samples"].split("|"))
    ]
    return per, perf, rows, dberr, label_hits


def render(per, perf, rows, dberr, label_hits):
    L = ["# pi-scan audit on the third unseen share (layouts)\n"]
    L.append("## Entities per dataset\n")
    L.append(
        "Per dataset: each dataset scored (a card workbook's sheets one by one). Per file: each"
        " truth row once (a card workbook's sheets weigh 1/n each).\n"
    )
    L.append(
        "| entity | found | missed | unexpected | found (per file) | missed (per file)"
        " | unexpected (per file) |"
    )
    L.append("|---|---|---|---|---|---|---|")
    tot, totf = Counter(), Counter()
    for e in sorted({e for e, _ in per}):
        a = [per[(e, k)] for k in ("found", "missed", "unexpected")]
        b = [perf[(e, k)] for k in ("found", "missed", "unexpected")]
        for k, x, y in zip(("found", "missed", "unexpected"), a, b, strict=True):
            tot[k] += x
            totf[k] += y
        L.append(f"| {e} | {a[0]} | {a[1]} | {a[2]} | {b[0]:.0f} | {b[1]:.0f} | {b[2]:.0f} |")
    L.append(
        f"| **all** | {tot['found']} | {tot['missed']} | {tot['unexpected']}"
        f" | {totf['found']:.0f} | {totf['missed']:.0f} | {totf['unexpected']:.0f} |"
    )
    L.append(f"\nPERSON 'found' on label cells, not names: {label_hits or 'none'}")

    L.append("\n## Database judgement (is_pi_database)\n")
    L.append("| expected | datasets | judged database | wrong |")
    L.append("|---|---|---|---|")
    groups = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        g = groups[r[6]]
        g[0] += 1
        g[1] += bool(r[7])
        g[2] += not r[4].startswith("ok")
    for exp in ("yes", "no", "either"):
        if exp in groups:
            n, isdb, bad = groups[exp]
            L.append(f"| {exp} | {n} | {isdb} | {bad} |")
    L.append(f"| **all** | {len(rows)} | {sum(bool(r[7]) for r in rows)} | {len(dberr)} |")
    L.append(f"\ndatasets scored: {len(rows)}; db judgement errors: {len(dberr)}")
    for d in dberr:
        L.append(f"- `{d[0]}` [{d[1]}] expected {d[2]}, got {d[3]} :: {d[4]}")

    L.append("\n## Misses and unexpected entities (identical per-sheet rows collapsed)\n")
    seen = Counter((r[0], r[2], r[3], r[4]) for r in rows)
    done = set()
    for r in rows:
        k = (r[0], r[2], r[3], r[4])
        if (r[2] or r[3]) and k not in done:
            done.add(k)
            times = f" x{seen[k]}" if seen[k] > 1 else ""
            L.append(
                f"- `{r[0]}` [{r[1]}]{times}: missed={r[2] or '-'} unexpected={r[3] or '-'}"
                f" db={r[4]}\n  pi-scan: {r[5][:300] or '(nothing)'}"
            )
    return "\n".join(L) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="folder with share/ and truth.csv (default: make a new one)",
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help="seed for making the share (default 3103)"
    )
    limit = parser.add_mutually_exclusive_group()
    limit.add_argument(
        "--max-judgement-errors",
        type=int,
        metavar="N",
        help="exit 1 if more than N datasets have a wrong database judgement",
    )
    limit.add_argument(
        "--fail-on-judgement",
        action="store_true",
        help="exit 1 if any dataset's database judgement is wrong (= --max-judgement-errors 0)",
    )
    args = parser.parse_args()
    max_errors = 0 if args.fail_on_judgement else args.max_judgement_errors
    if max_errors is not None and max_errors < 0:
        parser.error("--max-judgement-errors must be >= 0")
    piscan = Path(sys.executable).parent / "pi-scan"
    if not piscan.exists():
        parser.error(f"no pi-scan next to this Python: {piscan}")
    work = (args.work or Path(tempfile.mkdtemp(prefix="pi-scan-unseen3-"))).absolute()
    if (work / "truth.csv").exists():
        if args.seed is not None:
            parser.error(f"{work} already holds a share; --seed applies only when making one")
    else:
        sys.path.insert(0, str(HERE))
        import make_share

        make_share.generate(work, make_share.DEFAULT_SEED if args.seed is None else args.seed)
    print(f"work folder: {work}\npi-scan: {piscan}", flush=True)
    (work / "home").mkdir(exist_ok=True)
    audit = work / "audit"
    audit.mkdir(exist_ok=True)
    env = dict(os.environ, PI_SCAN_HOME=str(work / "home"))

    with open(work / "truth.csv", encoding="utf-8") as fh:
        truth = list(csv.DictReader(fh))
    print("pi-scan scan ...", flush=True)
    t0 = time.monotonic()
    inv, fnd = run_scan(piscan, env, work / "share", audit)
    print(f"scanned in {time.monotonic() - t0:.0f} s\n", flush=True)

    per, perf, rows, dberr, label_hits = score(truth, inv, fnd)
    with open(audit / "scores.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "dataset", "missed", "unexpected", "db_judgement", "pi_scan_findings"])
        w.writerows(r[:6] for r in rows)
    text = render(per, perf, rows, dberr, label_hits)
    (audit / "report.md").write_text(text, encoding="utf-8")
    print(text, end="")

    if max_errors is not None and len(dberr) > max_errors:
        print(
            f"FAILED: {len(dberr)} dataset(s) with a wrong database judgement > {max_errors}",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
