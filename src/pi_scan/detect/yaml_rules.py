"""Column rules from YAML pattern recognizers: an organisation's ID format works on columns too.

A pattern scoring >= ``CELL_FORMAT_MIN_SCORE`` is a whole-cell format: a column whose values
match it (and pass the recognizer's validator) is that entity even without a known header,
provided nearly all sampled values match and they are mostly distinct. Weak patterns (scored
to need a context word) are used only under a matching header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
from presidio_analyzer import PatternRecognizer

from pi_scan.detect.rules import ColumnRule
from pi_scan.detect.shapes import full
from pi_scan.model import Entity

CELL_FORMAT_MIN_SCORE = 0.5
VALUE_ONLY_MIN = 0.9
VALUE_ONLY_DISTINCT = 0.5


def rules_from_recognizers(recognizers: Iterable[PatternRecognizer]) -> list[ColumnRule]:
    rules = []
    for rec in recognizers:
        strong = [p.regex for p in rec.patterns if p.score >= CELL_FORMAT_MIN_SCORE]
        if not strong:
            continue
        entity = Entity(rec.supported_entities[0])
        rules.append(
            ColumnRule(
                entity,
                _fullmatch_any(strong),
                f"match the {rec.name} format",
                header_min=0.5,
                value_only_min=VALUE_ONLY_MIN,
                min_distinct_ratio=VALUE_ONLY_DISTINCT if entity is not Entity.ADDRESS else 0.0,
                validator=_validator(rec),
                source=rec.name,
            )
        )
    return rules


def _fullmatch_any(regexes: Sequence[str]) -> Callable[[pd.Series], pd.Series]:
    pattern = re.compile("|".join(f"(?:{r})" for r in regexes), re.IGNORECASE)

    def shape(values: pd.Series) -> pd.Series:
        return full(values, pattern)

    return shape


def _validator(rec: PatternRecognizer) -> Callable[[Sequence[str]], list[bool]]:
    def validate(values: Sequence[str]) -> list[bool]:
        # presidio's contract: validate_result True/False/None (None = no opinion)
        return [
            rec.validate_result(v) is not False and rec.invalidate_result(v) is not True
            for v in values
        ]

    return validate
