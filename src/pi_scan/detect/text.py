"""Free text → TextFindings: cheap prefilter per chunk, then the recognizers where it fires.

Prose is cut into chunks that Sudachi accepts (it refuses inputs over ~49 kB) on line
boundaries. A chunk in which no trigger fires (a digit run, "@", 〒, an address or name cue, a
sensitive term) is skipped without tokenising.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pi_scan.detect.masking import mask
from pi_scan.detect.sensitive import SensitiveTerms
from pi_scan.model import Entity, TextFinding

MAX_CHUNK_BYTES = 40_000  # Sudachi's hard limit is 49,149 bytes of UTF-8
MAX_SAMPLES = 3


@dataclass(frozen=True, slots=True)
class Span:
    entity: Entity
    start: int
    end: int
    text: str
    score: float = 0.5
    why: str = ""  # recognizer / pattern / context word, for evidence


Finder = Callable[[str], Sequence[Span]]


def chunks(text: str, max_bytes: int = MAX_CHUNK_BYTES) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pairs, cut at line ends, each under ``max_bytes`` of UTF-8."""
    max_chars = max_bytes // 3  # Japanese is 3 bytes a character in UTF-8: a safe bound
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + max_chars)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def aggregate(spans: Sequence[Span], sensitive_terms: Counter[str]) -> list[TextFinding]:
    by_entity: dict[Entity, list[Span]] = defaultdict(list)
    for span in spans:
        by_entity[span.entity].append(span)
    findings = []
    for entity, items in by_entity.items():
        samples = tuple(dict.fromkeys(mask(entity, sp.text) for sp in items))[:MAX_SAMPLES]
        why = Counter(sp.why for sp in items if sp.why).most_common(2)
        evidence = f"{len(items)} occurrence(s) in text" + (
            " (" + ", ".join(w for w, _ in why) + ")" if why else ""
        )
        findings.append(TextFinding(entity, len(items), evidence, samples))
    if sensitive_terms:
        total = sum(sensitive_terms.values())
        terms = ", ".join(f"{t}×{n}" for t, n in sensitive_terms.most_common(5))
        findings.append(TextFinding(Entity.SENSITIVE, total, f"要配慮 terms: {terms}", ()))
    return sorted(findings, key=lambda f: f.entity.value)


class TextDetector:
    def __init__(self, finders: Sequence[Finder], sensitive: SensitiveTerms) -> None:
        self.finders = finders
        self.sensitive = sensitive

    def detect(self, text: str) -> list[TextFinding]:
        spans: list[Span] = []
        terms: Counter[str] = Counter()
        for _, chunk in chunks(text):
            norm = unicodedata.normalize("NFKC", chunk)
            for finder in self.finders:
                spans.extend(finder(norm))
            for hit in self.sensitive.finditer(norm.lower()):
                terms[f"{hit.category}:{hit.term}"] += 1
        return aggregate(_dedupe(spans), terms)


def _dedupe(spans: list[Span]) -> list[Span]:
    """Overlapping spans: keep the higher score (a My Number is not also a phone number)."""
    spans = sorted(spans, key=lambda sp: (sp.start, -sp.score))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            if span.score > kept[-1].score:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def regex_finder(entity: Entity, pattern: re.Pattern[str], score: float, why: str,
                 validate: Callable[[str], bool] | None = None) -> Finder:
    def find(text: str) -> list[Span]:
        out = []
        for m in pattern.finditer(text):
            value = m.group(0)
            if validate is None or validate(value):
                out.append(Span(entity, m.start(), m.end(), value, score, why))
        return out

    return find
