"""Columns with no header word: every value-only rule is tried, and a rule stops trying values
as soon as its misses decide that it cannot reach its threshold (``_Sample.may_reach``).

Stopping early must never change a decision: columns mixing kinds of values at rates around
the thresholds (phones, e-mails, dates, names, codes, free text; Faker's ja_JP) are judged
with and without the early stop, and every finding must be the same. And it must stop early:
a column of free-text notes is tested on a fraction of its values.
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest
from faker import Faker

from pi_scan.detect import Detector
from pi_scan.detect.columns import ColumnDetector, _Sample
from pi_scan.detect.shapes import ValueShape

HEADERS = ["", "列3", "項目", "data", "Unnamed: 4"]  # no header word: value-only rules


def _kinds(fake: Faker) -> dict[str, list[str]]:
    return {
        "phone": [fake.phone_number() for _ in range(60)],
        "email": [fake.email() for _ in range(60)],
        "date": [fake.date(pattern="%Y/%m/%d") for _ in range(60)],
        "name": [fake.name() for _ in range(60)],
        "kana": [fake.kana_name() for _ in range(60)],
        "postcode": [fake.postcode() for _ in range(60)],
        "code": [f"S{fake.random_int(20000, 29999)}" for _ in range(60)],
        "note": [fake.sentence() for _ in range(60)],
        "number": [str(fake.random_int(0, 100)) for _ in range(60)],
    }


def _column(rng: random.Random, kinds: dict[str, list[str]]) -> list[str]:
    """One kind of value at 80-100 %, the rest another kind or blank; sometimes repeated
    values (a sample whose distinct values weigh differently)."""
    main, other = rng.sample(sorted(kinds), 2)
    size = rng.choice([5, 12, 40, 150, 400])
    share = rng.choice([0.8, 0.86, 0.88, 0.9, 0.91, 0.93, 0.95, 1.0])
    values = [
        rng.choice(kinds[main]) if rng.random() < share else rng.choice(kinds[other] + [""])
        for _ in range(size)
    ]
    if rng.random() < 0.3:
        values = [values[rng.randrange(max(1, size // 4))] for _ in range(size)]
    return values


def _findings(detector: ColumnDetector, header: str, values: list[str]) -> list[tuple]:
    found = detector._detect_values(header, np.array(values, dtype=object))
    return [(f.entity, f.hit_rate, f.confidence, f.evidence, f.masked_samples) for f in found]


def test_stopping_early_changes_no_finding(
    detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = Faker("ja_JP")
    fake.seed_instance(11)
    kinds = _kinds(fake)
    rng = random.Random(5)
    columns = [(rng.choice(HEADERS), _column(rng, kinds)) for _ in range(400)]
    early = [_findings(detector.columns, h, v) for h, v in columns]
    monkeypatch.setattr(_Sample, "may_reach", lambda self, shape, threshold: True)
    assert [_findings(detector.columns, h, v) for h, v in columns] == early
    assert sum(bool(found) for found in early) > 100  # columns found, not only rejected


def test_a_column_of_notes_is_tested_on_few_of_its_values(detector: Detector) -> None:
    fake = Faker("ja_JP")
    fake.seed_instance(3)
    notes = [fake.sentence() for _ in range(300)]  # distinct, as free text is
    tested = []

    def counted(shape: ValueShape) -> ValueShape:
        return ValueShape(lambda v: tested.append(v) or shape.test(v))

    rules = [
        replace(rule, strict_shape=counted(rule.strict_shape or rule.shape))
        for rule in detector.columns.rules
        if rule.value_only_min is not None
        and isinstance(rule.strict_shape or rule.shape, ValueShape)
    ]
    columns = ColumnDetector(detector.columns.vocabulary, rules, 300, 0)
    assert columns._detect_values("", np.array(notes, dtype=object)) == []
    assert 0 < len(tested) < len(rules) * len(notes) / 4
