"""Column rules from YAML pattern recognizers: an organisation's ID format works on columns too.

A pattern scoring >= ``CELL_FORMAT_MIN_SCORE`` is a whole-cell format: a column whose values
match it (and pass the recognizer's validator) is that entity even without a known header,
provided nearly all sampled values match and they are mostly distinct. Weak patterns (scored
to need a context word) are used only under a matching header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pi_scan.detect.rules import ColumnRule
from pi_scan.detect.shapes import ValueShape, fullmatch_shape
from pi_scan.detect.yaml_files import YAMLError, read_yaml, yaml_files
from pi_scan.model import Entity

if TYPE_CHECKING:
    from presidio_analyzer import PatternRecognizer

CELL_FORMAT_MIN_SCORE = 0.5
VALUE_ONLY_MIN = 0.9
VALUE_ONLY_DISTINCT = 0.5


def rules_from_recognizers(
    recognizers: Iterable[PatternRecognizer | PlainRecognizer],
) -> list[ColumnRule]:
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


def _fullmatch_any(regexes: Sequence[str]) -> ValueShape:
    return fullmatch_shape(re.compile("|".join(f"(?:{r})" for r in regexes), re.IGNORECASE))


def _validator(rec: PatternRecognizer | PlainRecognizer) -> Callable[[Sequence[str]], list[bool]]:
    def validate(values: Sequence[str]) -> list[bool]:
        # presidio's contract: validate_result True/False/None (None = no opinion)
        return [
            rec.validate_result(v) is not False and rec.invalidate_result(v) is not True
            for v in values
        ]

    return validate


# ------------------------------------------------------------- without presidio

_PLAIN_KEYS = {"name", "supported_language", "supported_entity", "patterns", "context"}
_PATTERN_KEYS = {"name", "regex", "score"}


@dataclass(frozen=True, slots=True)
class PlainPattern:
    name: str
    regex: str
    score: float


@dataclass(frozen=True, slots=True)
class PlainRecognizer:
    """What the column rules read of a YAML pattern recognizer (its name, entity and patterns),
    read without presidio: importing presidio imports spaCy (~0.7 s), which a table does not
    need. Its validators have no opinion, as a plain ``PatternRecognizer``'s."""

    name: str
    supported_entities: tuple[str, ...]
    patterns: tuple[PlainPattern, ...]

    def validate_result(self, pattern_text: str) -> None:
        return None

    def invalidate_result(self, pattern_text: str) -> None:
        return None


def plain_yaml_recognizers(directories: Sequence[Path]) -> list[PlainRecognizer] | None:
    """The YAML pattern recognizers of ``directories`` in the order presidio's registry holds
    them (``registry.yaml_recognizer_files``), when each uses only the keys that
    ``PatternRecognizer.from_dict`` keeps as they are (name, entity, patterns of name, regex and
    score; language and context words matter to text only). None for anything else (a deny
    list, a malformed entry ...): presidio must then read them, and say what is wrong."""
    out = []
    for path in yaml_files(directories):
        try:
            data: Any = read_yaml(path)
        except (OSError, YAMLError):
            return None
        if not isinstance(data, dict) or "recognizers" not in data:
            continue
        for conf in data.get("recognizers") or []:
            plain = _plain(conf)
            if plain is None:
                return None
            out.append(plain)
    return out


def _plain(conf: Any) -> PlainRecognizer | None:
    if not isinstance(conf, dict) or not set(conf) <= _PLAIN_KEYS:
        return None
    entity, name, patterns = conf.get("supported_entity"), conf.get("name"), conf.get("patterns")
    if entity not in Entity.__members__ or not isinstance(name, str) or not patterns:
        return None
    if not isinstance(patterns, list):
        return None
    plain = []
    for p in patterns:
        if not isinstance(p, dict) or set(p) != _PATTERN_KEYS:
            return None
        if not isinstance(p["regex"], str) or not isinstance(p["score"], int | float):
            return None
        plain.append(PlainPattern(str(p["name"]), p["regex"], p["score"]))
    return PlainRecognizer(name, (entity,), tuple(plain))
