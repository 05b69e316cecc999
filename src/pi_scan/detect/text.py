"""Free text → TextFindings: cheap prefilter per chunk, then the recognizers where it fires.

Prose is cut into chunks that Sudachi accepts (it refuses inputs over ~49 kB) on line
boundaries. Text on which no trigger fires is never given to presidio.

The presidio recognizers (numbers, addresses, dates) run on windows around their cues (digit
runs, "@", 〒, prefectures, context words). Names (``prose_names.ProseNameFinder``: Sudachi's
人名 tags, surnames, title words and a learned model) run on each whole chunk that holds
Japanese or a name cue (katakana or Latin parts joined by ・ ＝ or a space): a name written alone
(家康, ニクソン) has no cue of its own, not even a surname from the list.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from sudachipy import Tokenizer

from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect.masking import mask
from pi_scan.detect.names import load_titles
from pi_scan.detect.places import PREFECTURES
from pi_scan.detect.prose_names import ProseNameFinder
from pi_scan.detect.registry import LANGUAGE
from pi_scan.detect.sensitive import SensitiveTerms
from pi_scan.model import Entity, TextFinding

MAX_CHUNK_BYTES = 40_000  # Sudachi's hard limit is 49,149 bytes of UTF-8
MAX_SAMPLES = 3
SEGMENT_CHARS = 4_000  # text handed to presidio at once (small: context windows are local)
# Characters kept around a trigger: context words come before a value (presidio looks 5 tokens
# back), the value itself after the cue (〒 → 7 digits, 様 ← the name before it).
WINDOW_BEFORE = 40
WINDOW_AFTER = 60
# Cues for the presidio recognizers: every pattern they hold needs one of these (a digit run,
# a block number for addresses without a prefecture, @, 〒) or a context word. Names are the
# name finder's (_NAME_TEXT): PERSON is not presidio's in prose.
TRIGGER_CUES = (
    r"\d{3}|\d\s*(?:丁目|-)\s*\d|@|〒|氏名|名前|担任|担当|保護者|生年|誕生|生まれ|出生|番号|住所"
)
# Entities presidio looks for in prose (GRADE, GENDER need a table's header to mean anything;
# PERSON is the name finder's, on windows of its own).
TEXT_ENTITIES = [
    e.value
    for e in Entity
    if e not in (Entity.GRADE, Entity.GENDER, Entity.SENSITIVE, Entity.PERSON)
]
# Katakana (or capitalised Latin) parts joined by ・ ＝ or a space: ジョン・ブック, John Smith
NAME_SHAPES = r"[ァ-ヺー]{2,}[・＝=][ァ-ヺー]{2,}|[A-Z][a-z]+ [A-Z][a-z]+"
# Text the name finder reads: any kana or kanji, or a name shape (John Smith)
_NAME_TEXT = re.compile(rf"[ぁ-ゖァ-ヺ\u3400-\u9fff]|{NAME_SHAPES}")


@dataclass(frozen=True, slots=True)
class Span:
    entity: Entity
    start: int
    end: int
    text: str
    score: float = 0.5
    why: str = ""  # recognizer / pattern / context word, for evidence


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
    """Prefilter cheaply; run the presidio analyzer only on windows around the cues that fired,
    and the name finder only on windows around name cues.

    Each trigger is one regex alternation (cheap cues; for names the surname dictionary and the
    title words, ~30 M chars/s); tokenising every line with Sudachi through spaCy would cost
    ~60 k chars/s, with Sudachi alone ~300 k chars/s.
    """

    def __init__(
        self,
        analyzer: AnalyzerEngine,
        sensitive: SensitiveTerms,
        surnames: frozenset[str],
        titles: frozenset[str] | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.sensitive = sensitive
        self.trigger = re.compile("|".join([TRIGGER_CUES, PREFECTURES]))
        if titles is None:
            titles = load_titles([BUILTIN_RECOGNIZERS])
        self.names = ProseNameFinder(surnames, titles, _sudachi_of(analyzer))

    def detect(self, text: str) -> list[TextFinding]:
        spans: list[Span] = []
        terms: Counter[str] = Counter()
        seen: list[str] = []  # full names met so far in this text (徳川家康 … 家康)
        for _, chunk in chunks(text):
            norm = unicodedata.normalize("NFKC", chunk)
            for hit in self.sensitive.finditer(norm.lower()):
                terms[f"{hit.category}:{hit.term}"] += 1
            for segment in self._fired_segments(norm):
                spans.extend(_dedupe(self.analyze(segment)))  # offsets are per segment
            spans.extend(self._names(norm, seen))
        return aggregate(spans, terms)

    def spans(self, text: str) -> list[Span]:
        """Every occurrence ``detect`` counts, as spans with offsets into ``text`` itself (not
        its NFKC form), in order: for the library's ``detect_text`` and ``pi-scan detect``.
        SENSITIVE spans are the 要配慮 terms ``detect`` counts (score 0.6, as for a column whose
        values mention them). ``detect`` keeps only counts and masked samples."""
        out: list[Span] = []
        seen: list[str] = []  # as in detect: full names met so far in this text
        for offset, chunk in chunks(text):
            norm = unicodedata.normalize("NFKC", chunk)
            back = _OffsetMap(chunk, norm)
            found: list[Span] = []
            lowered = norm.lower()
            if self.sensitive.text_pattern is not None and len(lowered) == len(norm):
                for m in self.sensitive.text_pattern.finditer(lowered):
                    category = self.sensitive.category[m.group(0)]
                    why = f"要配慮 term ({category}: {m.group(0)})"
                    found.append(Span(Entity.SENSITIVE, m.start(), m.end(), "", 0.6, why))
            for segment, pieces in self._fired_segments_at(norm):
                for sp in _dedupe(self.analyze(segment)):
                    where = _in_text(pieces, sp.start, sp.end)
                    if where is not None:
                        found.append(Span(sp.entity, *where, "", sp.score, sp.why))
            found.extend(self._names(norm, seen))
            for sp in found:
                start, end = back.span(sp.start, sp.end)
                start, end = start + offset, end + offset
                out.append(Span(sp.entity, start, end, text[start:end], sp.score, sp.why))
        return sorted(out, key=lambda sp: (sp.start, sp.end, sp.entity.value))

    def person_spans(self, text: str) -> list[Span]:
        """PERSON spans with offsets into NFKC(text) (the same length as ``text`` for all but
        a few compatibility characters), for benchmarks and tests: ``detect`` keeps only
        counts and masked samples."""
        out = []
        seen: list[str] = []
        for offset, chunk in chunks(text):
            norm = unicodedata.normalize("NFKC", chunk)
            for sp in self._names(norm, seen):
                out.append(
                    Span(sp.entity, sp.start + offset, sp.end + offset, sp.text, sp.score, sp.why)
                )
        return out

    def _names(self, text: str, seen: list[str] | None = None) -> list[Span]:
        """Names in a chunk of Japanese text: the whole chunk (Sudachi takes it), as a name
        written alone (家康, ニクソン) has no cue of its own. ``seen``: the full names met
        earlier in the same text, for the model (徳川家康 … 家康)."""
        if _NAME_TEXT.search(text) is None:
            return []
        return [
            Span(
                Entity.PERSON,
                name.start,
                name.end,
                name.text,
                name.score,
                f"ProseNameFinder {name.why}",
            )
            for name in self.names.find(text, seen)
        ]

    def analyze(self, segment: str) -> list[Span]:
        results = self.analyzer.analyze(
            segment, language=LANGUAGE, entities=TEXT_ENTITIES, return_decision_process=True
        )
        return [
            Span(Entity(r.entity_type), r.start, r.end, segment[r.start : r.end], r.score, _why(r))
            for r in results
        ]

    def _fired_segments(self, text: str) -> Iterator[str]:
        """Windows around trigger hits (context before, value after), merged and joined by
        newlines into segments well under Sudachi's limit: only these are tokenised."""
        for segment, _ in self._fired_segments_at(text):
            yield segment

    def _fired_segments_at(self, text: str) -> Iterator[tuple[str, list[tuple[int, int, int]]]]:
        """The segments of ``_fired_segments``, each with its windows' places: (start in the
        segment, start in ``text``, length)."""
        buf: list[str] = []
        pieces: list[tuple[int, int, int]] = []
        size = 0
        for lo, hi in self._windows(text):
            buf.append(text[lo:hi])
            pieces.append((size, lo, hi - lo))
            size += hi - lo + 1
            if size >= SEGMENT_CHARS:
                yield "\n".join(buf), pieces
                buf, pieces, size = [], [], 0
        if buf:
            yield "\n".join(buf), pieces

    def _windows(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of merged windows around trigger hits."""
        start = end = -1
        for m in self.trigger.finditer(text):
            lo = max(0, m.start() - WINDOW_BEFORE)
            hi = min(len(text), m.end() + WINDOW_AFTER)
            if lo <= end:
                end = max(end, hi)
                continue
            if end > start:
                yield start, end
            start, end = lo, hi
        if end > start:
            yield start, end


def _in_text(
    pieces: Sequence[tuple[int, int, int]], start: int, end: int
) -> tuple[int, int] | None:
    """A span of a segment as (start, end) in the text its windows were cut from; None for a
    span that lies only on the newlines joining windows."""
    first = last = None
    for seg_start, text_start, length in pieces:
        if first is None and seg_start <= start < seg_start + length:
            first = text_start + start - seg_start
        if seg_start < end <= seg_start + length:
            last = text_start + end - seg_start
    if first is None or last is None or last <= first:
        return None
    return first, last


class _OffsetMap:
    """Offsets in NFKC(text) → offsets in ``text``. NFKC changes the length of a few
    characters (ｶﾞ → ガ, ㈱ → (株), ﬁ → fi): each base character is normalised with the marks
    that follow it, which gives NFKC(text) for all but exotic sequences; if it does not,
    offsets are taken as they are."""

    def __init__(self, text: str, norm: str) -> None:
        self.starts: list[int] | None = None
        self.ends: list[int] = []
        if text == norm:
            return
        starts: list[int] = []
        ends: list[int] = []
        parts: list[str] = []
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and _is_mark(text[j]):
                j += 1
            piece = unicodedata.normalize("NFKC", text[i:j])
            parts.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            i = j
        if "".join(parts) == norm:
            self.starts, self.ends = starts, ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or start >= end:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _is_mark(ch: str) -> bool:
    """A character NFKC may join to the one before it (a combining mark, ﾞ ﾟ)."""
    return unicodedata.combining(ch) != 0 or ch in "\uff9e\uff9f\u3099\u309a"


def _sudachi_of(analyzer: AnalyzerEngine) -> Tokenizer | None:
    """The Sudachi tokenizer inside the analyzer's spaCy pipeline (``spacy.blank("ja")``), to
    share its dictionary; None (the finder loads its own) if the engine is built otherwise."""
    try:
        tokenizer = analyzer.nlp_engine.nlp[LANGUAGE].tokenizer.tokenizer
    except (AttributeError, KeyError, TypeError):
        return None
    return tokenizer if isinstance(tokenizer, Tokenizer) else None


def _why(result: RecognizerResult) -> str:
    exp = result.analysis_explanation
    if exp is None:
        return ""
    ctx = f" + context {exp.supportive_context_word}" if exp.supportive_context_word else ""
    return f"{exp.recognizer}{ctx}"


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
