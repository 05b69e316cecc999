"""A small testing helper for people who write recognizers.

Cases are data, per entity (the format of ``tests/detect/cases/*.yaml`` and of the optional
``cases:`` section of a recognizer file)::

    STUDENT_ID:
      match: [S20240001, [学籍番号, "20240001"]]   # a value alone, or [header, value]
      no_match: [S1990001]
      text_match: ["学籍番号: S20240001"]           # prose
      text_no_match: ["受付 S20240001"]

Check a recognizer file next to the built-ins::

    python -m pi_scan.detect.testing my_recognizers.yaml

It fails on an unknown entity or a duplicate recognizer name, and prints each failing case
(the values are the author's own examples, so printing them is fine here).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pi_scan.config import ScanConfig
from pi_scan.model import Entity

KINDS = ("match", "no_match", "text_match", "text_no_match")


@dataclass(frozen=True, slots=True)
class Case:
    entity: Entity
    kind: str  # one of KINDS
    header: str
    value: str

    @property
    def label(self) -> str:
        return (
            f"{self.entity.value} {self.kind}: {self.header + ' | ' if self.header else ''}"
            f"{self.value}"
        )


def load_cases(data: Mapping[str, Any]) -> Iterator[Case]:
    """Cases from a mapping entity → {match, no_match, text_match, text_no_match}."""
    for entity_name, groups in data.items():
        entity = Entity(entity_name)
        for kind in KINDS:
            for item in (groups or {}).get(kind) or []:
                if isinstance(item, str):
                    yield Case(entity, kind, "", item)
                else:
                    header, value = item
                    yield Case(entity, kind, str(header), str(value))


def read_cases(path: Path, section: str | None = None) -> list[Case]:
    # BaseLoader: every scalar stays a string (2010-04-05 is a cell value, not a date)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    if section is not None:
        data = data.get(section) or {}
    return list(load_cases(data))


def passes(detector: Any, case: Case) -> bool:
    """Does the detector agree with the case? (cells: the column rules; prose: the analyzer)"""
    if case.kind.startswith("text"):
        found = {f.entity for f in detector.text.detect(case.value)}
    else:
        found = detector.columns.cell_entities(case.header, [case.value])[0]
    return (case.entity not in found) if case.kind.endswith("no_match") else (case.entity in found)


def check_file(path: Path) -> list[str]:
    """Load ``path`` next to the built-in recognizers and run its ``cases``; return failures."""
    from pi_scan.detect import Detector

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(path, Path(tmp) / path.name)
        detector = Detector(ScanConfig(recognizers_dir=Path(tmp)))
    return [case.label for case in read_cases(path, "cases") if not passes(detector, case)]


def main(argv: list[str] | None = None) -> int:
    failures = 0
    for name in argv if argv is not None else sys.argv[1:]:
        failed = check_file(Path(name))
        failures += len(failed)
        for label in failed:
            print(f"{name}: FAILED {label}")
        print(f"{name}: {'ok' if not failed else f'{len(failed)} failing case(s)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
