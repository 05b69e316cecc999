"""Table columns → ColumnFindings: header vocabulary + a seeded sample + whole-column shapes.

Per column, not per cell (ARCHITECTURE.md "Detection"): the header proposes entities, the values
confirm them. Shapes are vectorised over the whole column; validators that cost a Python call per
value (phonenumbers, Sudachi) run on the distinct values of a seeded sample whose size is
recorded. A column is labelled only when a minimum share of its values match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pi_scan.detect.masking import mask
from pi_scan.detect.rules import ColumnRule
from pi_scan.detect.shapes import normalize_values
from pi_scan.detect.vocabulary import HeaderMatch, HeaderVocabulary
from pi_scan.model import ColumnFinding, Entity

MAX_SAMPLES = 3


@dataclass(frozen=True, slots=True)
class _Scored:
    entity: Entity
    hit_rate: float  # share of sampled values matching shape + validator
    column_rate: float  # share of all non-empty values matching the shape
    sample_size: int
    hits: pd.Series  # sampled values that matched (for masked samples)


class ColumnDetector:
    def __init__(
        self,
        vocabulary: HeaderVocabulary,
        rules: Sequence[ColumnRule],
        sample_size: int,
        seed: int,
    ) -> None:
        self.vocabulary = vocabulary
        self.rules = {rule.entity: rule for rule in rules}
        self.sample_size = sample_size
        self.seed = seed

    def detect(self, table: pd.DataFrame) -> list[ColumnFinding]:
        findings: list[ColumnFinding] = []
        for position, column in enumerate(table.columns):
            findings.extend(self.detect_column(str(column), table.iloc[:, position]))
        return findings

    def detect_column(self, header: str, values: pd.Series) -> list[ColumnFinding]:
        values = values.astype(str)
        non_empty = values[values.str.strip() != ""]
        if non_empty.empty:
            return []
        norm = normalize_values(non_empty)
        match = self.vocabulary.match(header)
        candidates = self._candidates(match)
        if not candidates:
            return []
        sample = self._sample(norm)
        distinct_ratio = norm.nunique() / len(norm)
        findings = []
        for rule in candidates:
            scored = self._score(rule, norm, sample, strict=not match.matched)
            if not self._accept(rule, match, scored, len(norm), distinct_ratio):
                continue
            findings.append(self._finding(header, rule, match, scored, len(norm), distinct_ratio))
        return self._resolve(findings)

    def _candidates(self, match: HeaderMatch) -> list[ColumnRule]:
        if match.matched:
            return [self.rules[e] for e in match.entities if e in self.rules]
        blocked = {Entity.PERSON, Entity.PERSON_KANA} if match.not_person else set()
        return [
            rule
            for rule in self.rules.values()
            if rule.value_only_min is not None and rule.entity not in blocked
        ]

    def _sample(self, norm: pd.Series) -> pd.Series:
        if len(norm) <= self.sample_size:
            return norm
        return norm.sample(n=self.sample_size, random_state=self.seed)

    def _score(
        self, rule: ColumnRule, norm: pd.Series, sample: pd.Series, strict: bool
    ) -> _Scored:
        # Shapes run on distinct values and are mapped back: rosters repeat names and codes.
        shape = rule.strict_shape if strict and rule.strict_shape is not None else rule.shape
        uniques = pd.Series(pd.unique(norm))
        shaped = pd.Series(shape(uniques).fillna(False).to_numpy(bool), index=uniques)
        column_rate = float(shaped.reindex(norm.to_numpy()).to_numpy().mean())
        sample_ok = shaped.reindex(sample.to_numpy()).to_numpy()
        if rule.validator is not None and sample_ok.any():
            candidates = list(dict.fromkeys(sample[sample_ok].tolist()))
            verdicts = dict(zip(candidates, rule.validator(candidates), strict=True))
            sample_ok = sample.map(verdicts).fillna(False).to_numpy(bool) & sample_ok
        hit_rate = float(sample_ok.mean()) if len(sample) else 0.0
        return _Scored(rule.entity, hit_rate, column_rate, len(sample), sample[sample_ok])

    @staticmethod
    def _accept(
        rule: ColumnRule, match: HeaderMatch, scored: _Scored, non_empty: int, distinct: float
    ) -> bool:
        if match.matched:
            return scored.hit_rate >= rule.header_min
        if rule.value_only_min is None or non_empty < rule.min_values:
            return False
        return (
            scored.hit_rate >= rule.value_only_min
            and scored.column_rate >= rule.value_only_min * 0.9
            and distinct >= rule.min_distinct_ratio
        )

    def _finding(
        self,
        header: str,
        rule: ColumnRule,
        match: HeaderMatch,
        scored: _Scored,
        non_empty: int,
        distinct: float,
    ) -> ColumnFinding:
        base = 0.45 if match.matched else 0.2
        confidence = round(min(0.99, base + 0.55 * scored.hit_rate), 2)
        samples = tuple(dict.fromkeys(mask(rule.entity, v) for v in scored.hits.head(20)))
        pct = round(scored.hit_rate * 100)
        what = f"{pct}% of {scored.sample_size} sampled values {rule.description}"
        evidence = f'header "{header}" + {what}' if match.matched else what
        return ColumnFinding(
            column=header,
            entity=rule.entity,
            confidence=confidence,
            header_match=match.word,
            hit_rate=round(scored.hit_rate, 3),
            sample_size=scored.sample_size,
            non_empty=non_empty,
            distinct_ratio=round(distinct, 3),
            role=match.role,
            evidence=evidence,
            masked_samples=samples[:MAX_SAMPLES],
        )

    @staticmethod
    def _resolve(findings: list[ColumnFinding]) -> list[ColumnFinding]:
        """Without a header, one column holds one entity: keep the best-supported one.

        With a multi-entity header (連絡先), keep every entity with enough support.
        """
        if len(findings) <= 1 or any(f.header_match for f in findings):
            return findings
        return [max(findings, key=lambda f: (f.hit_rate, f.confidence))]
