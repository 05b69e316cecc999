"""pi-scan's detection as a library: ``detect_text``, ``detect_table`` and ``inspect_file``.

    from pi_scan import detect_text, detect_table

    for span in detect_text("担任の山田太郎先生（090-1234-5678）まで"):
        print(span.entity, span.start, span.end, span.score, span.masked)

    result = detect_table(pandas.DataFrame({"氏名": [...], "電話番号": [...]}))
    result.is_pi_database, [(c.position, c.entity, c.score) for c in result.columns]

The findings are the ones a scan makes (the same Detector, recognizers and rules), as frozen
dataclasses. Nothing in them holds a raw value unless asked (``include_text=True``): spans
carry offsets and a masked form (``山田 **``), columns a safe label and masked samples.

A Detector loads dictionaries, Sudachi and presidio's recognizers (a few seconds): it is built on
the first call for a given ``ScanConfig`` and reused by later calls (thread-safe). Pass your own
``ScanConfig`` (``pi_scan.config.load_config(path)``) for an organisation's recognizers.
Importing ``pi_scan`` or this module loads none of that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pi_scan.config import ScanConfig
from pi_scan.model import (
    ColumnFinding,
    Dataset,
    DatasetKind,
    DatasetResult,
    Entity,
    FileRef,
    Judgement,
    TextFinding,
)

if TYPE_CHECKING:
    import pandas as pd

    from pi_scan.detect import Detector

__all__ = [
    "ColumnMatch",
    "TableResult",
    "TextSpan",
    "UnknownEntityError",
    "detect_table",
    "detect_text",
    "detector",
    "inspect_file",
    "inspection_document",
    "parse_entities",
]


class UnknownEntityError(ValueError):
    """An entity name pi-scan does not know."""


@dataclass(frozen=True, slots=True)
class TextSpan:
    """One occurrence in a text: ``text[start:end]`` is the value (offsets into the text as
    given, not its NFKC form)."""

    entity: Entity
    start: int
    end: int
    score: float
    explanation: str  # the recognizer, and the context word or pattern that supported it
    masked: str  # what a report would show: 山田 **, 090-****-5678
    text: str | None = None  # the raw value: only with include_text=True


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """What one column of a table holds."""

    column: str  # safe label: the header when made of field words, else 列N
    position: int | None  # index in the table given (None: the table was read as a card)
    entity: Entity
    score: float  # confidence, 0..1
    explanation: str  # header word + share of sampled values that matched
    role: str  # whose: self, guardian, family, staff
    hit_rate: float  # share of the sampled non-empty values that matched
    sample_size: int
    non_empty: int
    masked_samples: tuple[str, ...]
    header: str | None = None  # the header as given: only with include_text=True


@dataclass(frozen=True, slots=True)
class TableResult:
    """A table's columns and the verdict a scan would give it."""

    columns: tuple[ColumnMatch, ...]
    records: int
    is_pi_database: bool  # 個人情報データベース等
    contains_personal_info: bool
    rationale: str
    uncertain: str = ""  # why the verdict may be wrong ("" when it rests on firm evidence)
    note: str = ""  # how the table was read (as a card ...), or why its names are nobody's


_MAX_DETECTORS = 4
_detectors: dict[ScanConfig, Detector] = {}
_lock = threading.Lock()


def detector(config: ScanConfig | None = None) -> Detector:
    """The Detector for ``config`` (default: ``ScanConfig()``), built on first use and reused.

    A few are kept (the last ones used); building one takes seconds."""
    from pi_scan.detect import Detector

    cfg = config if config is not None else ScanConfig()
    with _lock:
        found = _detectors.pop(cfg, None)
        if found is None:
            found = Detector(cfg)
        _detectors[cfg] = found  # most recent last
        while len(_detectors) > _MAX_DETECTORS:
            del _detectors[next(iter(_detectors))]
        return found


def parse_entities(names: Iterable[str | Entity] | str | None) -> frozenset[Entity] | None:
    """Entity names (``"PERSON,PHONE_NUMBER"`` or a list) as a set; None for all of them.
    Raises UnknownEntityError naming the unknown ones and the known ones."""
    if names is None:
        return None
    if isinstance(names, str):
        names = names.split(",")
    wanted = [n if isinstance(n, Entity) else str(n).strip().upper() for n in names]
    wanted = [n for n in wanted if n]
    unknown = [n for n in wanted if n not in Entity.__members__]
    if unknown:
        raise UnknownEntityError(
            f"unknown entity {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(Entity.__members__)})"
        )
    return frozenset(Entity(n) for n in wanted)


def detect_text(
    text: str,
    *,
    entities: Iterable[str | Entity] | str | None = None,
    config: ScanConfig | None = None,
    include_text: bool = False,
) -> list[TextSpan]:
    """The personal information in ``text``, as spans in order of position.

    ``entities`` keeps only those (names of ``pi_scan.model.Entity``: PERSON, PHONE_NUMBER,
    ADDRESS ...; GRADE and GENDER are found only in table columns). ``include_text`` puts the
    raw value in each span's ``text``; without it, ``text[span.start:span.end]`` is yours to take.
    """
    from pi_scan.detect.masking import mask

    wanted = parse_entities(entities)
    found = detector(config).text.spans(text)
    return [
        TextSpan(
            entity=sp.entity,
            start=sp.start,
            end=sp.end,
            score=round(float(sp.score), 4),
            explanation=sp.why,
            masked=mask(sp.entity, sp.text),
            text=sp.text if include_text else None,
        )
        for sp in found
        if wanted is None or sp.entity in wanted
    ]


def detect_table(
    table: pd.DataFrame | Sequence[Sequence[Any]],
    *,
    name: str = "",
    config: ScanConfig | None = None,
    include_text: bool = False,
) -> TableResult:
    """What each column of ``table`` holds, and whether it is a personal-information database.

    ``table``: a DataFrame whose columns are the header, or rows whose first row is the header.
    Cells are read as text (None and NaN as empty); read CSV files with ``dtype=str``. The
    table goes through the per-file work a scan does (card reading, tables of things, the
    classifier), without person keys. ``include_text`` adds each column's header as given.
    """
    from pi_scan.analysis import analyse_dataset

    frame = _as_frame(table)
    dataset = Dataset(file=_NO_FILE, name=name, kind=DatasetKind.TABLE, table=frame, header_row=0)
    result = analyse_dataset(dataset, detector(config), None)
    if result.dataset.status.value != "ok":  # the per-file work turns an exception into a row
        raise RuntimeError(f"pi-scan could not analyse the table: {result.dataset.error}")
    reshaped = result.dataset.table is not frame
    headers = [str(c) for c in frame.columns]
    columns = []
    for i, f in enumerate(result.findings.columns):
        position = None if reshaped or f.column not in headers else headers.index(f.column)
        columns.append(_column_match(f, i, position, include_text))
    notes = [n for n in (result.dataset.error, result.findings.not_people) if n]
    return TableResult(
        columns=tuple(columns),
        records=result.findings.records,
        is_pi_database=result.decision.is_pi_database,
        contains_personal_info=result.decision.contains_personal_info,
        rationale=result.decision.rationale,
        uncertain=result.decision.uncertain,
        note="; ".join(notes),
    )


_NO_FILE = FileRef.nowhere("<table>")


def _as_frame(table: pd.DataFrame | Sequence[Sequence[Any]]) -> pd.DataFrame:
    """A table of strings ("" for empty) with string headers, as the extractors make."""
    import pandas as pd

    if isinstance(table, pd.DataFrame):
        frame = table
    else:
        rows = [list(r) for r in table]
        if not rows:
            return pd.DataFrame()
        frame = pd.DataFrame(rows[1:], columns=[_cell(h) for h in rows[0]])
    out = frame.astype(object).map(_cell) if len(frame.columns) else frame.copy()
    out.columns = [_cell(c) for c in frame.columns]
    return out.reset_index(drop=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def _column_match(
    finding: ColumnFinding, index: int, position: int | None, include_text: bool
) -> ColumnMatch:
    return ColumnMatch(
        column=_safe_label(finding, index),
        position=position,
        entity=finding.entity,
        score=finding.confidence,
        explanation=finding.evidence,
        role=finding.role,
        hit_rate=finding.hit_rate,
        sample_size=finding.sample_size,
        non_empty=finding.non_empty,
        masked_samples=finding.masked_samples,
        header=finding.column if include_text else None,
    )


def _safe_label(finding: ColumnFinding, index: int) -> str:
    """The header when the detector vouched for it (field words), else 列N (as reports do)."""
    from pi_scan.report import column_label_for

    return column_label_for(finding, index)


# ------------------------------------------------------------------ one file, as `inspect` shows it


def inspect_file(path: str | Path, config: ScanConfig | None = None) -> list[DatasetResult] | None:
    """The per-file work of a scan on one file (no person keys, no secret needed), its results
    stripped of tables and texts and with safe column labels; None when discovery does not
    offer the file (a type never inspected, a hidden file...)."""
    from pi_scan.analysis import analyse_file
    from pi_scan.discover import discover
    from pi_scan.workers import strip_result

    cfg = config if config is not None else ScanConfig()
    found = discover([Path(path)], cfg)
    if not found.files:
        return None
    results: list[DatasetResult] = []
    for ref in found.files:
        results.extend(analyse_file(ref, cfg, detector(cfg), None, strip_result))
    return results


def inspection_document(path: str | Path, results: list[DatasetResult] | None) -> dict[str, Any]:
    """``pi-scan inspect --json``: one document, masked (safe labels, masked samples, pi-scan's
    own words for errors; paths escaped as in the inventory)."""
    from pi_scan.report import escape_path

    doc: dict[str, Any] = {"file": escape_path(str(path)), "inspected": results is not None}
    if results is None:
        doc["note"] = "not an inspectable file type"
    doc["datasets"] = [_dataset_document(r) for r in results or []]
    return doc


def _dataset_document(result: DatasetResult) -> dict[str, Any]:
    from pi_scan.report import escape_path

    ds, findings, decision = result.dataset, result.findings, result.decision
    readable = ds.status.value == "ok"
    judgement = Judgement.of(decision) if readable else Judgement.NOT_READ
    return {
        "path": escape_path(ds.display_path),
        "dataset": escape_path(ds.name),
        "kind": ds.kind.value,
        "status": ds.status.value,
        "error": ds.error,
        "records": findings.records if readable else None,
        "decision": {
            "is_pi_database": decision.is_pi_database if readable else None,
            "contains_personal_info": decision.contains_personal_info if readable else None,
            "rationale": decision.rationale,
            "judgement": judgement.value,
            "judgement_reason": decision.uncertain,
            "exclusion_candidate": decision.exclusion_candidate,
            "sensitive": decision.sensitive,
            "flags": list(decision.flags),
        },
        "categories": sorted(e.value for e in findings.entities),
        "record_structured": findings.record_structured,
        "not_people": findings.not_people,
        "columns": [_column_document(f, i) for i, f in enumerate(findings.columns)],
        "text": [_text_document(f) for f in findings.text],
    }


def _column_document(finding: ColumnFinding, index: int) -> dict[str, Any]:
    return {
        "column": _safe_label(finding, index),
        "entity": finding.entity.value,
        "role": finding.role,
        "confidence": finding.confidence,
        "hit_rate": finding.hit_rate,
        "sample_size": finding.sample_size,
        "non_empty": finding.non_empty,
        "header_match": finding.header_match,
        "evidence": finding.evidence,
        "masked_samples": list(finding.masked_samples),
    }


def _text_document(finding: TextFinding) -> dict[str, Any]:
    return {
        "entity": finding.entity.value,
        "count": finding.count,
        "evidence": finding.evidence,
        "masked_samples": list(finding.masked_samples),
    }
