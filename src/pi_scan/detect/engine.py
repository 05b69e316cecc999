"""The Detector: built once per process (dictionaries, recognizers), then a pure function of
each dataset."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pi_scan.config import ScanConfig
from pi_scan.detect.catalog import builtin_rules
from pi_scan.detect.columns import ColumnDetector
from pi_scan.detect.records import find_records
from pi_scan.detect.sensitive import SensitiveTerms
from pi_scan.detect.text import TextDetector
from pi_scan.detect.textpatterns import builtin_finders
from pi_scan.detect.vocabulary import HeaderVocabulary
from pi_scan.model import ColumnFinding, Dataset, DatasetKind, Entity, Findings, TextFinding

BUILTIN_RECOGNIZERS = Path(__file__).resolve().parents[3] / "recognizers"


def recognizer_dirs(config: ScanConfig) -> list[Path]:
    """Built-in recognizers first, then the organisation's (which may extend or override)."""
    dirs = [BUILTIN_RECOGNIZERS]
    if config.recognizers_dir is not None:
        dirs.append(Path(config.recognizers_dir))
    return dirs


class Detector:
    def __init__(self, config: ScanConfig) -> None:
        self.config = config
        dirs = recognizer_dirs(config)
        self.vocabulary = HeaderVocabulary.load(dirs)
        self.sensitive = SensitiveTerms.load(dirs)
        self.columns = ColumnDetector(
            self.vocabulary, builtin_rules(), config.sample_size, config.seed
        )
        self.text = TextDetector(builtin_finders(), self.sensitive)

    def detect(self, dataset: Dataset) -> Findings:
        if dataset.kind is DatasetKind.TABLE and dataset.table is not None:
            table = dataset.table
            columns = self.columns.detect(table)
            columns.extend(self._sensitive_columns(table))
            return Findings(columns=tuple(columns), records=len(table))
        if dataset.kind is DatasetKind.TEXT and dataset.text:
            return self._detect_text(dataset.text)
        return Findings()

    def _detect_text(self, text: str) -> Findings:
        found = self.text.detect(text)
        fields = find_records(text, self.vocabulary)
        if fields is None:
            return Findings(text=tuple(found))
        field_findings = self.columns.detect(fields.table)
        merged = _merge_text(found, field_findings)
        return Findings(text=tuple(merged), records=fields.records, record_structured=True)

    def _sensitive_columns(self, table) -> list[ColumnFinding]:  # type: ignore[no-untyped-def]
        out = []
        for position, column in enumerate(table.columns):
            header = str(column)
            hit = self.sensitive.search(header)
            values = table.iloc[:, position].astype(str)
            non_empty = values[values.str.strip() != ""]
            if hit is not None:
                if non_empty.empty:
                    continue
                out.append(ColumnFinding(
                    column=header, entity=Entity.SENSITIVE, confidence=0.8, header_match=hit.term,
                    non_empty=len(non_empty),
                    evidence=f'header "{header}" names 要配慮 data ({hit.category}: {hit.term})',
                ))
                continue
            if non_empty.empty:
                continue
            hits = self.sensitive.column_hits(non_empty)
            count = int(hits.sum())
            if count >= max(2, 0.01 * len(non_empty)):
                terms = sorted({h.term for v in non_empty[hits].head(50)
                                if (h := self.sensitive.search(v)) is not None})
                out.append(ColumnFinding(
                    column=header, entity=Entity.SENSITIVE, confidence=0.6,
                    hit_rate=round(count / len(non_empty), 3), sample_size=len(non_empty),
                    non_empty=len(non_empty),
                    evidence=f"{count} of {len(non_empty)} values mention 要配慮 terms "
                    f"({', '.join(terms[:5])})",
                ))
        return out


def _merge_text(found: Sequence[TextFinding], fields: Sequence[ColumnFinding]) -> list[TextFinding]:
    """Record fields become text findings (count = values that matched), replacing the free-text
    count for the same entity when larger."""
    by_entity = {f.entity: f for f in found}
    for cf in fields:
        count = round(cf.non_empty * cf.hit_rate)
        current = by_entity.get(cf.entity)
        if current is None or current.count < count:
            by_entity[cf.entity] = TextFinding(
                cf.entity, count, f'record field "{cf.column}": {cf.evidence}', cf.masked_samples
            )
    return sorted(by_entity.values(), key=lambda f: f.entity.value)
