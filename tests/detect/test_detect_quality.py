"""Floors on precision / recall per entity, on a small generated corpus (fast enough for CI).

The full benchmark is benchmarks/detection/bench_quality.py; the corpus generator lives there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "detection"
sys.path.insert(0, str(BENCH))

from corpus import make_cells, make_columns  # noqa: E402
from quality import score_cells, score_columns  # noqa: E402

FLOORS = {"precision": 0.95, "recall": 0.9}


@pytest.fixture(scope="module")
def cell_scores(detector):
    return score_cells(detector, make_cells(seed=7, per_entity=60))


@pytest.fixture(scope="module")
def column_scores(detector):
    return score_columns(detector, make_columns(seed=7, rows=60, per_entity=4))


ENTITIES = [
    "PERSON",
    "PERSON_KANA",
    "ADDRESS",
    "POSTAL_CODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "STUDENT_ID",
    "EMPLOYEE_ID",
    "GRADE",
    "DATE_OF_BIRTH",
    "GENDER",
    "MY_NUMBER",
]


@pytest.mark.parametrize("entity", ENTITIES)
def test_cell_floors(cell_scores, entity):
    s = cell_scores[entity]
    assert s.precision >= FLOORS["precision"], (entity, s.fp_kinds)
    assert s.recall >= FLOORS["recall"], (entity, s.fn)


@pytest.mark.parametrize("entity", ENTITIES)
def test_column_floors(column_scores, entity):
    s = column_scores[entity]
    assert s.precision >= FLOORS["precision"], (entity, dict(s.fp_kinds))
    assert s.recall >= FLOORS["recall"], (entity, s.fn)
