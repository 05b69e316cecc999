"""Train the names-in-prose model (recognizers/prose_names_model.json) and report its figures.

    .venv/bin/python benchmarks/detection/prose_names/train.py [--wac PATH] [--write]

Data (nothing of WAC is written to the repository, only weights learned from it):

- WAC train (Kyoto University Wikipedia Annotated Corpus, CC BY-SA 4.0; /work/shared/corpora/
  wac/wac_ne.jsonl, official split): training; 5-fold cross-validation by document for a figure
  on text the model did not see;
- WAC dev: model selection (regularisation, threshold);
- WAC test: reported only;
- office text: tests/detect/prose_names_office.txt and prose_names_office_train.txt train (the
  no-people documents among them bound the threshold); prose_names_office_heldout.txt is
  reported only, never trained on or tuned on.

Candidates are scored by logistic regression (numpy, full-batch AdaGrad, L2) over the features
of ``pi_scan.detect.prose_model``: the same code computes them at run time. A candidate is
positive when its span is exactly a PERSON span; a candidate exactly on an OPTIONAL entity with
PERSON among its types is left out. Decoding is the finder's: the rules' names first, then the
model's candidates that do not overlap them, likeliest first, at or above the threshold.

Each document is one text here (WAC: its sentences one a line), as the benchmark and pi-scan
read a file; bench_prose_names.py measures the production path (``TextDetector.person_spans``:
NFKC, chunks) and its speed. Only counts and figures are printed, never a name.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect.names import load_surnames, load_titles
from pi_scan.detect.prose_model import MODEL_FILE
from pi_scan.detect.prose_names import ProseNameFinder

ROOT = Path(__file__).resolve().parents[3]
WAC = Path("/work/shared/corpora/wac/wac_ne.jsonl")
OFFICE_TRAIN = [
    ROOT / "tests" / "detect" / "prose_names_office.txt",
    ROOT / "tests" / "detect" / "prose_names_office_train.txt",
]
OFFICE_HELDOUT = ROOT / "tests" / "detect" / "prose_names_office_heldout.txt"
sys.path.insert(0, str(ROOT / "tests" / "detect"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from spans import SpanScore, nfkc_offsets  # noqa: E402
from test_prose_names import load_office  # noqa: E402

MIN_COUNT = 2  # a feature seen once in training is dropped
KEEP_WEIGHT = 0.02  # smaller weights are not written


@dataclass
class Unit:
    """One document's text with its candidates."""

    gold: set[tuple[int, int]]
    ignore: set[tuple[int, int]]
    rules: set[tuple[int, int]]  # all the rules' names
    hard: set[tuple[int, int]]  # those of HARD_RULES
    hard_tokens: list[bool]
    cands: list[tuple[int, int, int, int]]  # (first token, last token, begin, end)
    feats: list[list[str]]
    things: list[bool]  # the finder's _is_thing for each candidate
    no_people: bool = False


@dataclass
class Doc:
    source: str  # wac:train / wac:dev / wac:test / office:train / office:heldout
    name: str
    units: list[Unit] = field(default_factory=list)


def make_unit(
    finder: ProseNameFinder,
    text: str,
    gold: set[tuple[int, int]],
    ignore: set[tuple[int, int]],
    seen: list[str],
    no_people: bool = False,
) -> Unit:
    toks = finder.tokens(text)
    rules = finder._rules(toks, text)
    scored = finder.scored(toks, rules, seen)
    hard_tokens = [False] * len(toks)
    hard = set()
    for s, e, sp in rules:
        if finder.is_hard(toks, e, sp.why):
            hard_tokens[s : e + 1] = [True] * (e + 1 - s)
            hard.add((sp.start, sp.end))
    return Unit(
        gold,
        ignore,
        {(sp.start, sp.end) for _, _, sp in rules},
        hard,
        hard_tokens,
        [(s, e, toks.begins[s], toks.ends[e]) for s, e, _ in scored],
        [f for _, _, f in scored],
        [finder._is_thing(toks, s, e) for s, e, _ in scored],
        no_people,
    )


def load_wac(finder: ProseNameFinder, path: Path) -> list[Doc]:
    """One unit per document, its sentences one a line (as the benchmark and a file read)."""
    rows: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows.setdefault(row["doc_id"], []).append(row)
    docs = []
    for doc_id, sentences in rows.items():
        parts: list[str] = []
        gold: set[tuple[int, int]] = set()
        ignore: set[tuple[int, int]] = set()
        base = 0
        for row in sentences:
            text, where = nfkc_offsets(row["text"])
            for e in row["entities"]:
                span = (base + where[e["span"][0]], base + where[e["span"][1]])
                if e["type"] == "PERSON":
                    gold.add(span)
                elif e["type"] == "OPTIONAL" and "PERSON" in e.get("optional_types", ()):
                    ignore.add(span)
            parts.append(text)
            base += len(text) + 1
        doc = Doc(f"wac:{sentences[0]['split']}", doc_id)
        doc.units.append(make_unit(finder, "\n".join(parts), gold, ignore, []))
        docs.append(doc)
    return docs


def load_office_docs(finder: ProseNameFinder, path: Path, source: str) -> list[Doc]:
    out = []
    for od in load_office(path):
        doc = Doc(source, od.title)
        doc.units.append(make_unit(finder, od.text, set(od.names), set(), [], od.no_people))
        out.append(doc)
    return out


def examples(docs: list[Doc], office_weight: float):
    """(features, label, weight) of every candidate but the don't-care ones."""
    for doc in docs:
        w = office_weight if doc.source.startswith("office") else 1.0
        for u in doc.units:
            for (_, _, b, e), f in zip(u.cands, u.feats, strict=True):
                if (b, e) in u.ignore:
                    continue
                yield f, float((b, e) in u.gold), w


def fit(docs: list[Doc], l2: float, office_weight: float, epochs: int = 300) -> dict[str, float]:
    """Logistic regression, full batch AdaGrad; features seen fewer than MIN_COUNT times are
    dropped. Returns feature → weight."""
    rows = list(examples(docs, office_weight))
    counts: dict[str, int] = {}
    for f, _, _ in rows:
        for x in f:
            counts[x] = counts.get(x, 0) + 1
    vocab = {x: i for i, x in enumerate(sorted(x for x, c in counts.items() if c >= MIN_COUNT))}
    idx, ptr = [], [0]
    for f, _, _ in rows:
        ids = [vocab[x] for x in f if x in vocab]
        idx.extend(ids)
        ptr.append(len(idx))
    flat = np.asarray(idx, dtype=np.int64)
    lens = np.diff(np.asarray(ptr))
    row_of = np.repeat(np.arange(len(rows)), lens)
    y = np.asarray([r[1] for r in rows])
    sw = np.asarray([r[2] for r in rows])
    w = np.zeros(len(vocab))
    g2 = np.full(len(vocab), 1e-8)
    lr = 0.5
    for _ in range(epochs):
        z = np.bincount(row_of, weights=w[flat], minlength=len(rows))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) * sw
        grad = np.bincount(flat, weights=err[row_of], minlength=len(vocab)) / sw.sum()
        grad += l2 * w
        g2 += grad * grad
        w -= lr * grad / np.sqrt(g2)
    return {x: float(w[i]) for x, i in vocab.items()}


def probabilities(weights: dict[str, float], unit: Unit) -> list[float]:
    out = []
    for f in unit.feats:
        z = sum(weights.get(x, 0.0) for x in f)
        out.append(1.0 / (1.0 + np.exp(-max(-30.0, min(30.0, z)))))
    return out


class Score(SpanScore):
    def add_unit(self, unit: Unit, pred: set[tuple[int, int]]) -> None:
        self.add(unit.gold, pred, unit.ignore)


def decode(unit: Unit, probs: list[float] | None, threshold: float) -> set[tuple[int, int]]:
    """The finder's decoding: the rules' names, then the model's, likeliest first."""
    if probs is None:
        return set(unit.rules)
    pred = set(unit.hard)
    found = [
        (p, s, e, b, en)
        for (s, e, b, en), p, thing in zip(unit.cands, probs, unit.things, strict=True)
        if p >= threshold and not thing and not any(unit.hard_tokens[s : e + 1])
    ]
    taken: set[int] = set()
    for _, s, e, b, en in sorted(found, reverse=True):
        if taken & set(range(s, e + 1)):
            continue
        taken |= set(range(s, e + 1))
        pred.add((b, en))
    return pred


def evaluate(docs: list[Doc], probs_of, threshold: float) -> Score:
    score = Score()
    for doc in docs:
        for u in doc.units:
            score.add_unit(u, decode(u, probs_of(u), threshold))
    return score


def cross_validate(docs: list[Doc], folds: int, l2: float, ow: float, extra: list[Doc]):
    """Out-of-fold probabilities for ``docs`` (folds by document), each fold's model trained on
    the other folds plus ``extra``."""
    order = list(range(len(docs)))
    random.Random(14).shuffle(order)
    oof: dict[int, list[float]] = {}
    for k in range(folds):
        held = {order[i] for i in range(k, len(order), folds)}
        weights = fit([d for i, d in enumerate(docs) if i not in held] + extra, l2, ow)
        for i in held:
            for u in docs[i].units:
                oof[id(u)] = probabilities(weights, u)
    return oof


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wac", type=Path, default=WAC)
    ap.add_argument("--l2", type=float, nargs="+", default=[1e-5, 3e-5, 1e-4])
    ap.add_argument("--office-weight", type=float, default=2.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--write", action="store_true", help=f"write recognizers/{MODEL_FILE}")
    args = ap.parse_args()

    surnames = load_surnames([BUILTIN_RECOGNIZERS])
    finder = ProseNameFinder(surnames, load_titles([BUILTIN_RECOGNIZERS]), model=None)
    wac = load_wac(finder, args.wac)
    by = {s: [d for d in wac if d.source == s] for s in ("wac:train", "wac:dev", "wac:test")}
    office = [d for p in OFFICE_TRAIN for d in load_office_docs(finder, p, "office:train")]
    heldout = load_office_docs(finder, OFFICE_HELDOUT, "office:heldout")
    office_people = [d for d in office if not d.units[0].no_people]
    office_none = [d for d in office if d.units[0].no_people]
    held_people = [d for d in heldout if not d.units[0].no_people]
    held_none = [d for d in heldout if d.units[0].no_people]
    n_cands = sum(len(u.cands) for d in wac + office for u in d.units)
    print(f"candidates: {n_cands:,}")

    def report(label: str, probs_of, threshold: float) -> None:
        print(f"== {label} (threshold {threshold:.2f})")
        for name, docs in (
            ("WAC train", by["wac:train"]),
            ("WAC dev", by["wac:dev"]),
            ("WAC test", by["wac:test"]),
            ("office train, people", office_people),
            ("office train, no people", office_none),
            ("office held out, people", held_people),
            ("office held out, no people", held_none),
        ):
            s = evaluate(docs, probs_of, threshold)
            extra = f"  names found: {s.fp}" if name.endswith("no people") else ""
            print(f"  {name:<28} {s}{extra}")

    report("rules only", lambda u: None, 1.0)

    # model selection: for each regularisation, 5-fold cross-validation on train by document
    # (out-of-fold probabilities); the threshold is the lowest that keeps precision on train CV
    # and on dev, and finds no name in the office no-people text; the l2 with the best CV F1.
    best = None
    for l2 in args.l2:
        oof = cross_validate(by["wac:train"], args.folds, l2, args.office_weight, office)
        weights = fit(by["wac:train"] + office, l2, args.office_weight)
        probs_of = lambda u, w=weights: probabilities(w, u)  # noqa: E731
        for t in np.arange(0.30, 0.96, 0.025):
            cv = evaluate(by["wac:train"], lambda u, o=oof: o[id(u)], t)
            dev = evaluate(by["wac:dev"], probs_of, t)
            none = evaluate(office_none, probs_of, t)
            ok = min(cv.precision, dev.precision) >= args.min_precision and none.fp == 0
            if args.verbose:
                print(f"  l2 {l2:g} t {t:.3f}: train CV {cv}  dev {dev}  no-people {none.fp}")
            if ok:
                print(f"  l2 {l2:g} t {t:.3f}: train CV {cv}  dev {dev}")
                key = (cv.f1, -l2)
                if best is None or key > best[0]:
                    best = (key, l2, float(t), weights, oof)
                break
    assert best is not None, "no threshold keeps precision"
    _, l2, threshold, weights, oof = best
    probs_of = lambda u: probabilities(weights, u)  # noqa: E731
    print(f"l2 {l2:g}, threshold {threshold:.3f}")
    print(f"== WAC train, {args.folds}-fold CV by document: ", end="")
    print(evaluate(by["wac:train"], lambda u: oof[id(u)], threshold))
    report("rules + model", probs_of, threshold)

    kept = {k: round(v, 3) for k, v in sorted(weights.items()) if abs(v) >= KEEP_WEIGHT}
    print(f"features: {len(weights):,}, kept {len(kept):,}")
    if args.write:
        out = BUILTIN_RECOGNIZERS / MODEL_FILE
        data = {
            "about": (
                "pi-scan names-in-prose model (logistic regression over candidate spans; "
                "features: pi_scan.detect.prose_model). Learned from the Kyoto University "
                "Wikipedia Annotated Corpus (CC BY-SA 4.0) and pi-scan's office text; rebuild "
                "with benchmarks/detection/prose_names/train.py --write. See README.md here."
            ),
            "l2": l2,
            "office_weight": args.office_weight,
            "threshold": round(threshold, 3),
            "weights": kept,
        }
        out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
