"""Recognizer test cases as data: tests/detect/cases/*.yaml (match / no_match per entity).

A bare string is a cell with no header; [header, value] a cell under that header;
text_match / text_no_match are passages of prose. Format: pi_scan.detect.testing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pi_scan.detect.testing import passes, read_cases

CASES = [
    case
    for path in sorted((Path(__file__).parent / "cases").glob("*.yaml"))
    for case in read_cases(path)
]


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_case(detector, case):
    assert passes(detector, case)
