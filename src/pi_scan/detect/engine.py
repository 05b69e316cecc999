"""The Detector: built once per process (dictionaries, recognizers, presidio analyzer), then a
pure function of each dataset.

Tables need the header vocabulary, the value rules and Sudachi's name tags, not the text stack
(presidio's analyzer over spaCy, the prose name finder): that is built, and presidio and spaCy
imported, only when a text is first detected (or ``registry``, ``analyzer``, ``text`` are first
used), so that a spreadsheet's first answer does not wait for it. An organisation's recognizers
(``recognizers_dir``) are still loaded by presidio at once, so that a mistake in them stops the
scan before any file is read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pi_scan.config import ScanConfig, builtin_recognizers
from pi_scan.detect.catalog import builtin_rules, without_honorific
from pi_scan.detect.columns import MAX_SAMPLES, ColumnDetector
from pi_scan.detect.labels import ColumnLabels
from pi_scan.detect.masking import mask
from pi_scan.detect.names import NameRecognizer, load_surnames
from pi_scan.detect.roles import people_on_row
from pi_scan.detect.sensitive import SensitiveTerms
from pi_scan.detect.validators import valid_email_domain, valid_jp_phone
from pi_scan.detect.vocabulary import HeaderVocabulary
from pi_scan.detect.yaml_rules import plain_yaml_recognizers, rules_from_recognizers
from pi_scan.extract.records import find_records
from pi_scan.model import ColumnFinding, Dataset, DatasetKind, Entity, Findings, TextFinding
from pi_scan.normalize import all_str, without_phone_note

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from pi_scan.detect.text import TextDetector


def recognizer_dirs(config: ScanConfig) -> list[Path]:
    """Built-in recognizers first, then the organisation's (which may extend or override)."""
    dirs = [builtin_recognizers()]
    if config.recognizers_dir is not None:
        dirs.append(Path(config.recognizers_dir))
    return dirs


class Detector:
    def __init__(self, config: ScanConfig) -> None:
        self.config = config
        dirs = recognizer_dirs(config)
        self.vocabulary = HeaderVocabulary.load(dirs)
        self.sensitive = SensitiveTerms.load(dirs)
        self._dirs = dirs
        self._surnames = surnames = load_surnames(dirs)
        self.names = NameRecognizer(surnames)
        self.labels = ColumnLabels(self.vocabulary, self.names)
        # The YAML pattern recognizers as column rules: the built-in ones read without presidio
        # (the same name, entity and patterns: tests/detect/test_lazy_detector.py), an
        # organisation's through presidio's registry, now.
        yaml_recognizers = plain_yaml_recognizers(dirs) if config.recognizers_dir is None else None
        if yaml_recognizers is None:
            yaml_recognizers = _yaml_pattern_recognizers(self.registry)
        rules = builtin_rules(
            phone_validator=lambda vs: [valid_jp_phone(without_phone_note(v)) for v in vs],
            email_validator=lambda vs: [valid_email_domain(v) for v in vs],
            person_validator=lambda vs: self.names.validate([without_honorific(v) for v in vs]),
        ) + rules_from_recognizers(yaml_recognizers)
        self.columns = ColumnDetector(self.vocabulary, rules, config.sample_size, config.seed)

    @cached_property
    def registry(self) -> RecognizerRegistry:
        from pi_scan.detect.registry import build_registry

        return build_registry(self._dirs, self._surnames)

    @cached_property
    def analyzer(self) -> AnalyzerEngine:
        from pi_scan.detect.registry import build_analyzer

        return build_analyzer(self.registry)

    @cached_property
    def text(self) -> TextDetector:
        from pi_scan.detect.text import TextDetector

        return TextDetector(self.analyzer, self.sensitive, self._surnames)

    def detect(self, dataset: Dataset) -> Findings:
        if dataset.kind is DatasetKind.TABLE and dataset.table is not None:
            table = dataset.table
            columns = _drop_statistics_names(table, self.columns.detect(table))
            columns.extend(_postal_codes_in_addresses(table, columns))
            identified = {c.column for c in columns}
            if columns or not _is_aggregate(table):
                # a table of counts with no one in it (要介護度 | 人数) holds nobody's 要配慮 data
                columns.extend(self._sensitive_columns(table, identified))
            labelled = [
                replace(c, label=self.column_label(table, c)) for c in _staff_roles(columns)
            ]
            people = people_on_row(table, labelled, self.names.reading)
            return Findings(columns=tuple(people), records=len(table))
        if dataset.kind is DatasetKind.TEXT and dataset.text:
            return self._detect_text(dataset.text)
        return Findings()

    def is_field_label(self, text: str) -> bool:
        """A cell naming a field (氏名, 住所, 学年, 所属): a header word of the vocabulary."""
        return self.vocabulary.names_a_field(text)

    def column_label(self, table: pd.DataFrame, finding: ColumnFinding) -> str:
        """The header when it is made of field words, else 列N (detect/labels.py)."""
        position = table.columns.get_loc(finding.column)
        if not isinstance(position, int):  # duplicated header: the first of them
            position = int(pd.Series(table.columns == finding.column).idxmax())
        return self.labels.label(str(finding.column), position)

    def _detect_text(self, text: str) -> Findings:
        found = self.text.detect(text)
        fields = find_records(text, lambda label: self.vocabulary.match(label).matched)
        if fields is None:
            return Findings(text=tuple(found))
        field_findings = [
            replace(c, label=self.column_label(fields.table, c))
            for c in self.columns.detect(fields.table)
        ]
        merged = _merge_text(found, field_findings)
        return Findings(text=tuple(merged), records=fields.records, record_structured=True)

    def _sensitive_columns(self, table: pd.DataFrame, identified: set[str]) -> list[ColumnFinding]:
        """Headers naming 要配慮 data (既往歴, 障害の有無), and free-text columns (備考) whose
        values mention such terms. Columns already identified as names, phones ... are not
        searched; other columns are searched on the sample first, the whole column only when
        the sample has a hit (the count is then exact)."""
        out = []
        cells: np.ndarray | None = None  # the table's cells, taken out once when first needed
        for position, column in enumerate(table.columns):
            header = str(column)
            hit = self.sensitive.search(header)
            if hit is None and header in identified:
                continue  # its values are not read (before taking them out of the table)
            if cells is None:
                cells = table.to_numpy(dtype=object)
            column_cells = cells[:, position]
            if not all_str(column_cells):  # pandas' way: astype(str)
                values = table.iloc[:, position].astype(str)
                non_empty = values[values != ""].to_numpy(dtype=object)
            else:
                non_empty = column_cells[column_cells != ""]
            if not len(non_empty):
                continue
            if hit is not None and _counts_things(header, non_empty):
                continue  # 特別支援学級数 | 2: a count of classes, nobody's 要配慮 data
            if hit is not None:
                out.append(
                    ColumnFinding(
                        column=header,
                        entity=Entity.SENSITIVE,
                        confidence=0.8,
                        header_match=hit.term,
                        non_empty=len(non_empty),
                        evidence=f"header names 要配慮 data ({hit.category}: {hit.term})",
                    )
                )
                continue
            if header in identified:
                continue
            if len(non_empty) > self.config.sample_size:
                # a column no bigger than the sample is its own sample (searched once, below)
                sample = pd.Series(non_empty, dtype=object).sample(
                    n=self.config.sample_size, random_state=self.config.seed
                )
                if not self.sensitive.column_hits(sample).any():
                    continue
            values = non_empty.tolist()
            hits = self.sensitive.value_hits(values)
            count = int(hits.sum())
            if count >= max(2, 0.01 * len(non_empty)):
                terms = sorted(
                    {
                        h.term
                        for v in non_empty[hits][:50].tolist()
                        if (h := self.sensitive.value_hit(v)) is not None
                    }
                )
                out.append(
                    ColumnFinding(
                        column=header,
                        entity=Entity.SENSITIVE,
                        confidence=0.6,
                        hit_rate=round(count / len(non_empty), 3),
                        sample_size=len(non_empty),
                        non_empty=len(non_empty),
                        evidence=f"{count} of {len(non_empty)} values mention 要配慮 terms "
                        f"({', '.join(terms[:5])})",
                    )
                )
        return out


def _yaml_pattern_recognizers(registry: RecognizerRegistry) -> list:
    """YAML recognizers are plain PatternRecognizers; code recognizers are subclasses whose
    validators the built-in column rules already use."""
    from presidio_analyzer import PatternRecognizer

    return [r for r in registry.recognizers if type(r) is PatternRecognizer]


_NUMERIC = re.compile(r"^[\d,.\s%＋+\-]*$")
# Headers of statistics: 学級数, 件数, 人数, 受診率, 割合, 合計 ...
_STATISTIC_HEADER = re.compile(r"(?:数|率|割合|比|合計|平均|総計|\(%\)|%)$")


# "〒068-5743 鹿児島県…": an address cell that opens with its postal code
_POSTAL_FIRST = re.compile(r"〒?\s*\d{3}[-‐－ー−]\d{4}(?!\d)")


def _postal_codes_in_addresses(
    table: pd.DataFrame, columns: list[ColumnFinding]
) -> list[ColumnFinding]:
    """POSTAL_CODE for an address column whose cells mostly open with the postal code (no
    column of its own holds it then)."""
    if any(c.entity is Entity.POSTAL_CODE for c in columns):
        return []
    out = []
    for finding in columns:
        if finding.entity is not Entity.ADDRESS:
            continue
        values = [v for v in table[finding.column].astype(str).tolist() if v]
        heads = [
            m.group(0)
            for v in values
            if (m := _POSTAL_FIRST.match(unicodedata.normalize("NFKC", v)))
        ]
        if not values or len(heads) < 0.5 * len(values):
            continue
        share = len(heads) / len(values)
        out.append(
            replace(
                finding,
                entity=Entity.POSTAL_CODE,
                hit_rate=round(share, 3),
                evidence=f"{share:.0%} of the addresses open with a postal code",
                masked_samples=tuple(
                    dict.fromkeys(mask(Entity.POSTAL_CODE, h) for h in heads[:20])
                )[:MAX_SAMPLES],
            )
        )
    return out


def _is_aggregate(table: pd.DataFrame) -> bool:
    """A table with a column of counts or rates (人数, 件数, 割合) over numbers."""
    return any(
        _names_a_count(str(column)) and _counts_things(str(column), table.iloc[:, i])
        for i, column in enumerate(table.columns)
    )


def _names_a_count(header: str) -> bool:
    return _STATISTIC_HEADER.search(unicodedata.normalize("NFKC", header).strip()) is not None


def _counts_things(header: str, values: pd.Series | np.ndarray) -> bool:
    """A header naming a count or a rate, over numbers only."""
    if not _names_a_count(header):
        return False
    head = values.head(1000) if isinstance(values, pd.Series) else values[:1000]
    return all(_NUMERIC.fullmatch(v) for v in head.tolist())


_SINGLE_PART = re.compile(r"^\S{1,4}$")


def _drop_statistics_names(
    table: pd.DataFrame, columns: list[ColumnFinding]
) -> list[ColumnFinding]:
    """A frequency table of surnames (姓 | 人数) identifies nobody (docs/rules.md §1): PERSON is
    dropped when its column holds distinct single-part names and every other column is
    numbers."""
    person = [c for c in columns if c.entity is Entity.PERSON]
    if len(person) != 1 or len(columns) != 1:
        return columns  # 番号 | 姓 | 名: one person's name in two columns, a class list
    others = [str(h) for h in table.columns if str(h) not in {c.column for c in person}]
    if not others:
        return columns
    for header in others:
        values = table[header].astype(str)
        if not values.str.fullmatch(_NUMERIC).all():
            return columns
    for finding in person:
        values = table[finding.column].astype(str)
        values = values[values != ""]
        if not (values.is_unique and values.str.fullmatch(_SINGLE_PART).all()):
            return columns
    return []


STAFF_WORDS = ("職員", "教員", "教諭", "社員")
SUBJECT_ENTITIES = (Entity.STUDENT_ID, Entity.PERSON, Entity.PERSON_KANA)


def _staff_roles(columns: list[ColumnFinding]) -> list[ColumnFinding]:
    """職員/教員 columns are "staff" in a table that also describes someone else (a student
    roster with the teacher's name); in a staff roster the staff are the data subjects."""
    staff = [c for c in columns if any(w in c.column for w in STAFF_WORDS) and c.role == "self"]
    others = [
        c for c in columns if c not in staff and c.role == "self" and c.entity in SUBJECT_ENTITIES
    ]
    if not staff or not others:
        return columns
    return [replace(c, role="staff") if c in staff else c for c in columns]


def _merge_text(found: Sequence[TextFinding], fields: Sequence[ColumnFinding]) -> list[TextFinding]:
    """Record fields become text findings (count = values that matched), replacing the free-text
    count for the same entity when larger."""
    by_entity = {f.entity: f for f in found}
    for cf in fields:
        count = round(cf.non_empty * cf.hit_rate)
        current = by_entity.get(cf.entity)
        if current is None or current.count < count:
            evidence = f'record field "{cf.label or cf.column}": {cf.evidence}'
            by_entity[cf.entity] = TextFinding(cf.entity, count, evidence, cf.masked_samples)
    return sorted(by_entity.values(), key=lambda f: f.entity.value)
