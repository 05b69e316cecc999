"""Table columns → ColumnFindings: header vocabulary + a seeded sample + whole-column shapes.

Per column, not per cell (docs/design.md "Detection"): the header proposes entities, the values
confirm them. Shapes are vectorised over the whole column; validators that cost a Python call per
value (phonenumbers, Sudachi) run on the distinct values of a seeded sample whose size is
recorded. A column is labelled only when a minimum share of its values match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pi_scan.detect.masking import mask
from pi_scan.detect.rules import ColumnRule, Shape
from pi_scan.detect.shapes import ValueShape, nfkc_all, normalize_values
from pi_scan.detect.vocabulary import HeaderMatch, HeaderVocabulary
from pi_scan.model import ColumnFinding, Entity
from pi_scan.normalize import DICT_FACTORISE_MAX, all_str, factorised_str

MAX_SAMPLES = 3
# The whole column may match a little less than the sample did (sampling error), not much less.
WHOLE_COLUMN_SLACK = 0.8


def _factorised(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values)``: codes and the distinct values in order of first appearance."""
    if len(values) > DICT_FACTORISE_MAX or not all_str(values):
        return pd.factorize(values)
    codes, distinct = factorised_str(values)
    uniques = np.empty(len(distinct), dtype=object)
    uniques[:] = distinct
    return codes, uniques


class _Column:
    """One column's non-empty raw values, with whole-column statistics computed once, lazily.

    Plain object arrays, not pandas string methods: on a 50,000-row column the per-call
    overhead of ``Series.str`` and ``value_counts`` costs more than the regexes themselves.
    A column no bigger than the sample is its own sample (``whole``): its shape rates are
    the sample's, counted over all its values.
    """

    def __init__(self, raw: np.ndarray, whole: _Sample | None) -> None:
        self.raw = raw
        self.non_empty = len(raw)
        self.whole = whole
        self._factorised: tuple[np.ndarray, np.ndarray] | None = None
        self._norm: pd.Series | None = None
        self._rates: dict[Shape, float] = {}  # rules sharing a shape (the three IDs) share it

    def _factorise(self) -> tuple[np.ndarray, np.ndarray]:
        # codes: index of each value in uniques; shapes run on the distinct values only
        # (rosters repeat names, genders, dates) and are mapped back through the codes.
        if self._factorised is None:
            self._factorised = _factorised(self.raw)
        return self._factorised

    @property
    def distinct_ratio(self) -> float:
        return len(self._factorise()[1]) / self.non_empty

    def shape_rate(self, shape: Shape) -> float:
        """Share of all non-empty values whose normalised form has the shape."""
        rate = self._rates.get(shape)
        if rate is None:
            rate = self._rates[shape] = self._rate(shape)
        return rate

    def _rate(self, shape: Shape) -> float:
        if self.whole is not None:
            # the values that normalise to "" (blank cells) are in the column, not the sample
            hits = int(self.whole.shaped(shape)[self.whole.codes].sum())
            blank = self.non_empty - len(self.whole)
            if blank and bool(shape(pd.Series([""], dtype=object)).to_numpy(dtype=bool)[0]):
                hits += blank
            return hits / self.non_empty
        codes, uniques = self._factorise()
        if self._norm is None:
            self._norm = pd.Series(nfkc_all(np.asarray(uniques)), dtype=object)
        ok = shape(self._norm).to_numpy(dtype=bool)
        return float(ok[codes].mean())


class _Sample:
    """The seeded sample of one column (normalised, non-empty), factorised once: each rule's
    shape runs on its distinct values, once per shape, and is mapped back through the codes
    (a few numpy operations per rule instead of a handful of pandas objects: most columns of
    ordinary files are short, and there the objects cost more than the regexes)."""

    def __init__(self, values: np.ndarray) -> None:
        self.values = values
        self.codes, self.distinct = _factorised(values)
        self._distinct: list[str] = self.distinct.tolist()
        self._uniques: pd.Series | None = None
        self._shaped: dict[Shape, np.ndarray] = {}
        self._heaviest: list[tuple[int, int]] | None = None  # (distinct value, its count)

    @property
    def uniques(self) -> pd.Series:
        """The distinct values as a Series, for the shapes that take one (made when asked)."""
        if self._uniques is None:
            self._uniques = pd.Series(self.distinct, dtype=object)
        return self._uniques

    def __len__(self) -> int:
        return len(self.values)

    def may_reach(self, shape: Shape, threshold: float) -> bool:
        """False when the shape misses so much of the sample that no rule with it reaches
        ``threshold``, whatever its validator (which only turns hits into misses).

        A column with no header word is tried against every value-only rule, and nearly all
        of them fail on it; each stops here as soon as its misses decide it, the distinct
        values tried most frequent first (a tenth of a sample of non-matching values, at the
        usual 0.9). A shape tried to the end is kept for :meth:`shaped`."""
        if shape in self._shaped or not isinstance(shape, ValueShape):
            return True
        n = len(self.values)
        test, distinct = shape.test, self._distinct
        if self._heaviest is None:  # once per sample, for all the rules tried on it
            counts = np.bincount(self.codes, minlength=len(distinct))
            order = np.argsort(-counts, kind="stable")
            self._heaviest = list(zip(order.tolist(), counts[order].tolist(), strict=True))
        ok = np.zeros(len(distinct), dtype=bool)
        misses = 0
        for at, count in self._heaviest:
            if test(distinct[at]):
                ok[at] = True
                continue
            misses += count
            if (n - misses) / n < threshold:  # as ``_score`` compares the rate it would find
                return False
        self._shaped[shape] = ok
        return True

    def shaped(self, shape: Shape) -> np.ndarray:
        """Per distinct value: has it the shape."""
        ok = self._shaped.get(shape)
        if ok is None:
            if isinstance(shape, ValueShape):  # the test itself: no Series to build
                test, n = shape.test, len(self._distinct)
                ok = np.fromiter(map(test, self._distinct), dtype=bool, count=n)
            else:
                ok = shape(self.uniques).fillna(False).to_numpy(bool)
            self._shaped[shape] = ok
        return ok


def _masked_samples(entity: Entity, values: list[str]) -> tuple[str, ...]:
    """The first MAX_SAMPLES distinct masked forms of ``values``, in order (masking stops
    there rather than going through all the values offered)."""
    samples: list[str] = []
    for value in values:
        masked = mask(entity, value)
        if masked not in samples:
            samples.append(masked)
            if len(samples) == MAX_SAMPLES:
                break
    return tuple(samples)


@dataclass(frozen=True, slots=True)
class _Scored:
    entity: Entity
    hit_rate: float  # share of sampled values matching shape + validator
    column_rate: float  # share of all non-empty values matching the shape
    sample_size: int
    hits: np.ndarray  # sampled values that matched (for masked samples)


class ColumnDetector:
    def __init__(
        self,
        vocabulary: HeaderVocabulary,
        rules: Sequence[ColumnRule],
        sample_size: int,
        seed: int,
    ) -> None:
        self.vocabulary = vocabulary
        self.rules = list(rules)
        self.sample_size = sample_size
        self.seed = seed

    def detect(self, table: pd.DataFrame) -> list[ColumnFinding]:
        findings: list[ColumnFinding] = []
        per_column: list[list[ColumnFinding]] = []
        cells = table.to_numpy(dtype=object)  # once: a Series per column costs more
        for position, column in enumerate(table.columns):
            per_column.append(self._detect_values(str(column), cells[:, position]))
        named = any(f.entity is Entity.PERSON for found in per_column for f in found)
        for position, found in enumerate(per_column):
            if not named and position and self._reads_a_thing(str(table.columns[position - 1])):
                found = [f for f in found if f.entity is not Entity.PERSON_KANA]
            findings.extend(found)
        return findings

    def _reads_a_thing(self, left_header: str) -> bool:
        """A bare reading column (よみ, ふりがな) just right of a column naming things (駅名,
        地名, 会社名), in a table with no name column, reads those things: 駅名 | よみ holds
        うえの and おおみや, which look like name readings and are not."""
        return self.vocabulary.match(left_header).not_person

    def detect_column(self, header: str, values: pd.Series) -> list[ColumnFinding]:
        return self._detect_values(header, values.to_numpy(dtype=object))

    def _detect_values(self, header: str, arr: np.ndarray) -> list[ColumnFinding]:
        match = self.vocabulary.match(header)
        candidates = self._candidates(match)
        if not candidates:
            return []
        raw = arr[arr != ""]  # extractors give "" for empty cells
        if not len(raw):
            return []
        normalised = np.array(nfkc_all(self._sample(raw)), dtype=object)
        normalised = normalised[normalised != ""]
        if not len(normalised):
            return []
        sample = _Sample(normalised)
        column = _Column(raw, sample if len(raw) <= self.sample_size else None)
        findings = []
        for rule in candidates:
            scored = self._score(rule, sample, column, match)
            if scored is not None:
                findings.append(self._finding(header, rule, match, scored, column))
        return self._resolve(findings)

    def _candidates(self, match: HeaderMatch) -> list[ColumnRule]:
        if match.matched:
            return [rule for rule in self.rules if rule.entity in match.entities]
        blocked = {Entity.PERSON, Entity.PERSON_KANA} if match.not_person else set()
        return [
            rule
            for rule in self.rules
            if rule.value_only_min is not None and rule.entity not in blocked
        ]

    def _sample(self, raw: np.ndarray) -> np.ndarray:
        """A seeded sample (same column, same config → same sample, same decision)."""
        if len(raw) <= self.sample_size:
            return raw
        rng = np.random.default_rng(self.seed)
        return raw[np.sort(rng.choice(len(raw), size=self.sample_size, replace=False))]

    def _score(
        self, rule: ColumnRule, sample: _Sample, column: _Column, match: HeaderMatch
    ) -> _Scored | None:
        """Sample first (shape + validator on distinct sampled values); only a rule that passes
        on the sample is checked against the whole column (shape, vectorised)."""
        strict = not match.matched
        if strict and (rule.value_only_min is None or column.non_empty < rule.min_values):
            return None
        threshold = rule.value_only_min if strict else rule.header_min
        assert threshold is not None
        shape, validator = rule.checks(strict)
        if strict and not sample.may_reach(shape, threshold):
            return None
        shaped = sample.shaped(shape)
        if validator is not None and shaped.any():
            # the distinct shaped values in order of first appearance, as the sample has them
            candidates = sample.distinct[shaped].tolist()
            shaped = shaped.copy()
            shaped[shaped] = [bool(v) for v in validator(candidates)]
        sample_ok = shaped[sample.codes]
        hit_rate = float(sample_ok.mean())
        if hit_rate < threshold:
            return None
        if strict and column.distinct_ratio < rule.min_distinct_ratio:
            return None
        column_rate = column.shape_rate(shape)
        if column_rate < threshold * WHOLE_COLUMN_SLACK:
            return None
        return _Scored(rule.entity, hit_rate, column_rate, len(sample), sample.values[sample_ok])

    def _finding(
        self,
        header: str,
        rule: ColumnRule,
        match: HeaderMatch,
        scored: _Scored,
        column: _Column,
    ) -> ColumnFinding:
        base = 0.45 if match.matched else 0.2
        confidence = round(min(0.99, base + 0.55 * scored.hit_rate), 2)
        samples = _masked_samples(rule.entity, scored.hits[:20].tolist())
        what = f"{scored.hit_rate:.0%} of {scored.sample_size:,} sampled values {rule.description}"
        if column.non_empty > scored.sample_size:
            what += f" ({scored.column_rate:.0%} of all {column.non_empty:,} have the format)"
        # the matched field word, not the header cell: a header can run on into a value
        evidence = f'header word "{match.word}" + {what}' if match.matched else what
        return ColumnFinding(
            column=header,
            entity=rule.entity,
            confidence=confidence,
            header_match=match.word,
            hit_rate=round(scored.hit_rate, 3),
            sample_size=scored.sample_size,
            non_empty=column.non_empty,
            distinct_ratio=round(column.distinct_ratio, 3),
            role=match.role,
            evidence=evidence,
            masked_samples=samples,
        )

    @staticmethod
    def _resolve(findings: list[ColumnFinding]) -> list[ColumnFinding]:
        """One finding per entity (the best-supported rule); without a header, one column holds
        one entity: keep the best-supported one. With a multi-entity header (連絡先), keep
        every entity with enough support."""
        best: dict[Entity, ColumnFinding] = {}
        for f in findings:
            if f.entity not in best or (f.hit_rate, f.confidence) > (
                best[f.entity].hit_rate,
                best[f.entity].confidence,
            ):
                best[f.entity] = f
        kept = list(best.values())
        if len(kept) <= 1 or any(f.header_match for f in kept):
            return kept
        return [max(kept, key=lambda f: (f.hit_rate, f.confidence))]

    def cell_entities(self, header: str, values: Sequence[str]) -> list[set[Entity]]:
        """Per value, the entities whose rule accepts it under ``header`` ("" for none).

        The per-cell view of the same rules (used by recognizer test cases and the cell-level
        quality benchmark); columns are decided by ``detect_column``.
        """
        match = self.vocabulary.match(header)
        strict = not match.matched
        norm = normalize_values(pd.Series(list(values), dtype=object))
        out: list[set[Entity]] = [set() for _ in values]
        for rule in self._candidates(match):
            shape, validator = rule.checks(strict)
            ok = shape(norm).fillna(False).to_numpy(bool, copy=True)
            if validator is not None and ok.any():
                idx = [i for i in range(len(ok)) if ok[i]]
                for i, verdict in zip(idx, validator([norm.iloc[i] for i in idx]), strict=True):
                    ok[i] = bool(verdict)
            for i in range(len(ok)):
                if ok[i] and norm.iloc[i]:
                    out[i].add(rule.entity)
        return out
