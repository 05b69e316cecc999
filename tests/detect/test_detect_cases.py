"""Recognizer test cases as data: tests/detect/cases/*.yaml (match / no_match per entity).

A bare string is a cell with no header; [header, value] a cell under that header;
text_match / text_no_match are passages of prose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pi_scan.model import Entity

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        # BaseLoader: every scalar stays a string (2010-04-05 is a cell value, not a date)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for entity_name, groups in data.items():
            entity = Entity(entity_name)
            for kind in ("match", "no_match", "text_match", "text_no_match"):
                for item in groups.get(kind) or []:
                    label = item if isinstance(item, str) else "|".join(item)
                    yield pytest.param(entity, kind, item, id=f"{entity_name}-{kind}-{label}")


@pytest.mark.parametrize(("entity", "kind", "item"), list(_cases()))
def test_case(detector, entity, kind, item):
    if kind.startswith("text"):
        found = {f.entity for f in detector.text.detect(item)}
    else:
        header, value = ("", item) if isinstance(item, str) else item
        found = detector.columns.cell_entities(header, [value])[0]
    if kind.endswith("no_match"):
        assert entity not in found
    else:
        assert entity in found
