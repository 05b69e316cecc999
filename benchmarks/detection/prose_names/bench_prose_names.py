"""Names in prose: exact-span precision / recall / F1 of PERSON, and chars/s on one core.

Two corpora, reported apart:

- **WAC** (Kyoto University Wikipedia Annotated Corpus, IREX named entities, CC BY-SA 4.0),
  as converted in /work/shared/corpora/wac/wac_ne.jsonl (README.md beside it). Not shipped with
  pi-scan: when the file is absent this part is skipped (``--wac PATH`` to point at a copy).
  Rules were tuned on ``train`` (and looked at on ``dev``); ``test`` is the figure to report.
  A prediction that exactly matches an OPTIONAL entity with PERSON among its candidate types is
  neither right nor wrong ("don't care", as the corpus README suggests).
- **office**: tests/detect/prose_names_office.txt, office-register text written for pi-scan
  (minutes, notices, nursing and school records) with every name in 【】 brackets, and a part
  with no people at all (notices, rules, places, companies, products), where every name found
  is a false positive.

Spans come from the production path: ``Detector.text.person_spans`` (NFKC, the name
prefilter's windows, ``ProseNameFinder``). Nothing read is printed: only counts and figures.

    .venv/bin/python benchmarks/detection/prose_names/bench_prose_names.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from pi_scan.config import ScanConfig
from pi_scan.detect import Detector
from pi_scan.detect.text import TextDetector

ROOT = Path(__file__).resolve().parents[3]
WAC = Path("/work/shared/corpora/wac/wac_ne.jsonl")
OFFICE = ROOT / "tests" / "detect" / "prose_names_office.txt"
OFFICE_TRAIN = ROOT / "tests" / "detect" / "prose_names_office_train.txt"
OFFICE_HELDOUT = ROOT / "tests" / "detect" / "prose_names_office_heldout.txt"
sys.path.insert(0, str(ROOT / "tests" / "detect"))  # the office text's loader
sys.path.insert(0, str(Path(__file__).resolve().parent))
from spans import SpanScore, nfkc_offsets  # noqa: E402
from test_prose_names import load_office  # noqa: E402


@dataclass
class Score(SpanScore):
    chars: int = 0
    seconds: float = 0.0

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    def row(self, name: str) -> str:
        return f"{name:<28} {self}"


def score_wac(text_detector: TextDetector, path: Path) -> dict[str, Score]:
    """Each document is read whole (its sentences one a line, in order), as a file would be: a
    name written alone later (家康) may follow the full name (徳川家康) earlier."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    docs: dict[str, list[dict]] = {}
    for row in rows:
        docs.setdefault(row["doc_id"], []).append(row)
    scores: dict[str, Score] = {}
    for sentences in docs.values():
        split = sentences[0]["split"]
        parts, places = [], []
        offset = 0
        for row in sentences:
            norm, where = nfkc_offsets(row["text"])
            parts.append(norm)
            places.append((offset, where))
            offset += len(norm) + 1
        text = "\n".join(parts)
        t = time.perf_counter()
        pred = {(sp.start, sp.end) for sp in text_detector.person_spans(text)}
        seconds = time.perf_counter() - t
        for key in (split, f"{split} (main sentences)"):
            score = scores.setdefault(key, Score())
            score.seconds += seconds if key == split else 0.0
            score.chars += len(text) if key == split else 0
        for row, (base, where) in zip(sentences, places, strict=True):
            gold = {
                (base + where[s], base + where[e])
                for ent in row["entities"]
                if ent["type"] == "PERSON"
                for s, e in [ent["span"]]
            }
            ignore = {
                (base + where[s], base + where[e])
                for ent in row["entities"]
                if ent["type"] == "OPTIONAL" and "PERSON" in ent.get("optional_types", ())
                for s, e in [ent["span"]]
            }
            mine = {(s, e) for s, e in pred if base <= s and e <= base + where[-1]}
            scores[split].add(gold, mine, ignore)
            if not row["parenthetical"]:
                scores[f"{split} (main sentences)"].add(gold, mine, ignore)
    return scores


def score_office(text_detector: TextDetector) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for name, path in (
        ("office", OFFICE),
        ("office train", OFFICE_TRAIN),
        ("office held out", OFFICE_HELDOUT),
    ):
        for doc in load_office(path):
            score = scores.setdefault(
                f"{name}: no people" if doc.no_people else f"{name}: people", Score()
            )
            t = time.perf_counter()
            pred = {(sp.start, sp.end) for sp in text_detector.person_spans(doc.text)}
            score.seconds += time.perf_counter() - t
            score.chars += len(doc.text)
            score.add(set(doc.names), pred)
    return scores


def throughput(detector: Detector, text: str, repeat: int = 3) -> tuple[float, float, float]:
    """chars/s of the whole text detection (presidio windows + names + 要配慮 terms), of the
    names alone (person_spans: every chunk of Japanese text), and of the names alone per
    CPU-second of this process (an estimate of one idle core when the machine is loaded),
    best of ``repeat``."""
    detector.text.detect(text[:2000])
    best = names = names_cpu = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        detector.text.detect(text)
        best = max(best, len(text) / (time.perf_counter() - t))
        t, c = time.perf_counter(), time.process_time()
        detector.text.person_spans(text)
        names = max(names, len(text) / (time.perf_counter() - t))
        names_cpu = max(names_cpu, len(text) / (time.process_time() - c))
    return best, names, names_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wac", type=Path, default=WAC, help="wac_ne.jsonl (skipped if absent)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument(
        "--rules-only", action="store_true", help="without the learned model (the rules alone)"
    )
    args = parser.parse_args()
    detector = Detector(ScanConfig())
    if args.rules_only:
        detector.text.names.model = None
    figures: dict[str, dict[str, float]] = {}
    results = score_office(detector.text)
    if args.wac.exists():
        results |= score_wac(detector.text, args.wac)
    else:
        print(f"WAC corpus not found at {args.wac}: skipped (it is not shipped with pi-scan)")
    for name, score in results.items():
        print(score.row(name))
        figures[name] = {
            **asdict(score),
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
        }
    texts = [doc.text for doc in load_office(OFFICE)]
    office_text = "\n".join(texts)
    rate, names, cpu = throughput(detector, office_text * max(1, 400_000 // len(office_text)))
    print(
        f"{'throughput, office text':<28} {rate:,.0f} chars/s all of text detection, "
        f"{names:,.0f} chars/s names alone ({cpu:,.0f} per CPU-second)"
    )
    figures["throughput office chars/s"] = {"value": rate, "names": names, "names_cpu": cpu}
    if args.wac.exists():
        rows = [json.loads(x) for x in args.wac.read_text(encoding="utf-8").splitlines() if x]
        wac_text = "\n".join(r["text"] for r in rows if r["split"] == "train")
        rate, names, cpu = throughput(detector, wac_text)
        print(
            f"{'throughput, WAC train':<28} {rate:,.0f} chars/s all of text detection, "
            f"{names:,.0f} chars/s names alone ({cpu:,.0f} per CPU-second)"
        )
        figures["throughput WAC chars/s"] = {"value": rate, "names": names, "names_cpu": cpu}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
