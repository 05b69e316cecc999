"""Score `pi-scan detect --spans --entities PERSON` on the prose_unseen corpus.

Feeds every text of corpus.jsonl as one line on stdin, reads one JSON list of [start, end]
spans per line, and scores exact spans against the hand labels. Predictions that overlap a
span labelled OTHER (historical or fictional figures) are ignored. Prints counts and scores
only, never a name or any text.

    python score.py [--pi-scan "CMD"] [--corpus FILE] [--json OUT] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CMD = "/work/main/.venv/bin/pi-scan"


def run(cmd: list[str], payload: str) -> tuple[list[list[list[int]]], float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [*cmd, "detect", "--spans", "--entities", "PERSON"],
        input=payload.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"pi-scan exited with {proc.returncode}")
    lines = proc.stdout.decode("utf-8").splitlines()
    return [json.loads(line) for line in lines], elapsed


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(records: list[dict], preds: list[list[list[int]]]) -> dict:
    totals = defaultdict(lambda: [0, 0, 0])  # key -> tp, fp, fn
    partial = 0  # predictions that overlap a gold name without matching it exactly
    empty = {"texts": 0, "chars": 0, "fp": 0, "texts_with_fp": 0}
    for rec, pred in zip(records, preds, strict=True):
        gold = {tuple(s) for s in rec["names"]}
        other = [tuple(s) for s in rec.get("other", [])]
        got = {tuple(s) for s in pred if not any(overlaps(tuple(s), o) for o in other)}
        tp = len(gold & got)
        fp = len(got - gold)
        fn = len(gold - got)
        partial += sum(1 for s in got - gold if any(overlaps(s, g) for g in gold))
        for key in ("all", "genre:" + rec["genre"]):
            t = totals[key]
            t[0] += tp
            t[1] += fp
            t[2] += fn
        if not rec["has_people"]:
            empty["texts"] += 1
            empty["chars"] += len(rec["text"])
            empty["fp"] += fp
            empty["texts_with_fp"] += bool(fp)
    out = {key: prf(*v) for key, v in sorted(totals.items())}
    empty["fp_per_1000_chars"] = 1000 * empty["fp"] / empty["chars"] if empty["chars"] else 0.0
    empty["clean_text_share"] = (
        1 - empty["texts_with_fp"] / empty["texts"] if empty["texts"] else 1.0
    )
    out["no_people"] = empty
    out["partial_overlaps"] = partial
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pi-scan", default=DEFAULT_CMD, help="command to run pi-scan")
    ap.add_argument("--corpus", default=str(HERE / "corpus.jsonl"))
    ap.add_argument("--json", help="save the scores to this file")
    ap.add_argument("--repeat", type=int, default=10, help="copies of the corpus, second run")
    args = ap.parse_args()

    records = [json.loads(x) for x in Path(args.corpus).read_text("utf-8").splitlines() if x]
    texts = [r["text"] for r in records]
    if any("\n" in t or "\r" in t for t in texts):
        sys.exit("corpus texts must not contain line breaks")
    payload = "\n".join(texts) + "\n"
    chars = sum(len(t) for t in texts)
    cmd = shlex.split(args.pi_scan)

    preds, first = run(cmd, payload)
    if len(preds) != len(records):
        sys.exit(f"expected {len(records)} output lines, got {len(preds)}")
    # second run: the corpus repeated; the extra (repeat - 1) copies cost (second - first),
    # which excludes start-up (model loading) from the throughput
    preds2, second = run(cmd, payload * args.repeat)
    if preds2 != preds * args.repeat:
        print("warning: the repeated run gave different spans", file=sys.stderr)
    extra = max(second - first, 1e-9)

    result = score(records, preds)
    result["corpus"] = {
        "texts": len(records),
        "chars": chars,
        "names": sum(len(r["names"]) for r in records),
        "other": sum(len(r.get("other", [])) for r in records),
        "no_people_texts": sum(not r["has_people"] for r in records),
        "no_people_char_share": sum(len(r["text"]) for r in records if not r["has_people"]) / chars,
    }
    result["throughput"] = {
        "first_run_s": first,
        "second_run_s": second,
        "repeat": args.repeat,
        "chars_per_s_whole_run": chars / first,
        "chars_per_s_excl_startup": chars * (args.repeat - 1) / extra,
        "startup_s_estimate": max(first - chars / (chars * (args.repeat - 1) / extra), 0.0),
    }

    c = result["corpus"]
    print(
        f"corpus: {c['texts']} texts, {c['chars']} chars, {c['names']} names "
        f"({c['other']} OTHER, unscored), no-people texts {c['no_people_texts']} "
        f"({c['no_people_char_share']:.0%} of chars)"
    )
    print(f"{'subset':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for key, v in result.items():
        if isinstance(v, dict) and "f1" in v:
            print(
                f"{key:<22}{v['tp']:>5}{v['fp']:>5}{v['fn']:>5}"
                f"{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}"
            )
    e = result["no_people"]
    print(
        f"no-people texts: {e['fp']} false names in {e['texts']} texts "
        f"({e['fp_per_1000_chars']:.2f} per 1,000 chars; "
        f"{e['clean_text_share']:.1%} of texts with none)"
    )
    print(f"wrong-boundary predictions overlapping a name: {result['partial_overlaps']}")
    t = result["throughput"]
    print(
        f"throughput: {t['chars_per_s_whole_run']:.0f} chars/s whole run "
        f"({t['first_run_s']:.2f} s); {t['chars_per_s_excl_startup']:.0f} chars/s excluding "
        f"start-up (corpus x{t['repeat']} in {t['second_run_s']:.2f} s; "
        f"start-up about {t['startup_s_estimate']:.2f} s)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
