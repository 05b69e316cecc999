"""Per-entity column rules: how a column's values are checked and how much evidence is needed.

A rule has a vectorised ``shape`` (whole column) and optionally a ``validator`` that runs on the
distinct values of the sample only (check digits are vectorised too; phonenumbers and Sudachi are
per value, so they stay on the sample). Thresholds follow docs/design.md: a column is never
labelled from a few stray hits (presidio-structured's mistake); without a header the bar is high,
and some entities (GRADE, DATE_OF_BIRTH, IDs) are never inferred from values alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from pi_scan.model import Entity

Shape = Callable[[pd.Series], pd.Series]
Validator = Callable[[Sequence[str]], Sequence[bool]]


@dataclass(frozen=True, slots=True)
class ColumnRule:
    entity: Entity
    shape: Shape  # normalised values → bool per value (vectorised, whole column)
    description: str  # "look like Japanese names" — used in evidence sentences
    header_min: float = 0.5  # share of sampled values that must match when the header matched
    value_only_min: float | None = None  # None: never inferred without a header
    min_distinct_ratio: float = 0.0  # value-only: required distinct/non-empty
    validator: Validator | None = None  # per distinct sampled value, after the shape matched
    min_values: int = 3  # value-only: fewer non-empty values than this decide nothing
    strict_shape: Shape | None = None  # used instead of ``shape`` when no header matched
    strict_validator: Validator | None = None  # used instead of ``validator`` likewise
    source: str = "built-in"  # where the rule comes from (a YAML recognizer's name)

    def checks(self, strict: bool) -> tuple[Shape, Validator | None]:
        """The shape and validator to use; ``strict`` when no header vouches for the column."""
        if not strict:
            return self.shape, self.validator
        return self.strict_shape or self.shape, self.strict_validator or self.validator
