"""The per-file work: extract → read (reshape + detect) → classify → person keys, for one file.

A pure function of the file and the config, run in worker processes (or on Dask workers); the
parent never imports this module's heavy dependencies (presidio, spaCy, the file parsers) unless
it runs the work itself (``in_process``). What leaves here holds no file content: findings,
masked samples and keyed hashes only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pi_scan.classify import classify
from pi_scan.config import ScanConfig
from pi_scan.detect import Detector, things
from pi_scan.extract import extract_file
from pi_scan.extract.source import truncation_note
from pi_scan.model import (
    NOT_DECIDED,
    Dataset,
    DatasetKind,
    DatasetResult,
    FileRef,
    Findings,
    PersonRecords,
    Status,
    as_discovered,
)
from pi_scan.people import Hasher, load_or_create_secret, person_records
from pi_scan.reading import read
from pi_scan.workers import strip_result

_NOT_INTERRUPTS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def _failed(dataset: Dataset, words: str, exc: BaseException) -> DatasetResult:
    # pi-scan's own words + the exception type: a library's message may quote file content.
    broken = replace(
        dataset,
        status=Status.ERROR,
        error=f"{words} ({type(exc).__name__})",
        kind=DatasetKind.NONE,
        table=None,
        text=None,
    )
    return DatasetResult(broken, Findings(), NOT_DECIDED)


def analyse_dataset(dataset: Dataset, detector: Detector, hasher: Hasher | None) -> DatasetResult:
    """Detect, classify and (with a ``hasher``, for a personal-information database) key the
    people of one dataset."""
    if dataset.status is not Status.OK:
        return DatasetResult(dataset, Findings(), NOT_DECIDED)
    try:
        dataset, findings = read(dataset, detector)  # records as a table, a card as one
        if dataset.kind is DatasetKind.TABLE and dataset.table is not None:
            findings = things.judge(dataset.table, findings, detector.names)
        people = None
        if dataset.rest is not None:
            dataset, findings, people = _read_rest(dataset, findings, hasher)
        decision = classify(dataset, findings)
        if not decision.is_pi_database or hasher is None:
            people = None
        elif people is None:
            people = person_records(dataset, findings, hasher)
    except BaseException as exc:  # one bad dataset never stops the scan
        if isinstance(exc, _NOT_INTERRUPTS):
            raise
        if isinstance(exc, _RestUnreadable) and exc.__cause__ is not None:
            return _failed(dataset, "unreadable records after the first chunk", exc.__cause__)
        return _failed(dataset, "detection failed", exc)
    finally:
        if dataset.rest is not None:
            dataset.rest.close()
    return DatasetResult(dataset, findings, decision, people=people)


class _RestUnreadable(Exception):
    """The chunks after the first could not all be read."""


def _read_rest(
    dataset: Dataset, findings: Findings, hasher: Hasher | None
) -> tuple[Dataset, Findings, PersonRecords | None]:
    """A table read in chunks: columns were judged on its first chunk (``dataset.table``);
    the records are counted, and their people keyed, over every chunk. Keys are taken before
    the dataset is classified (the chunks are read once); they are dropped if it is not a
    personal-information database."""
    assert dataset.rest is not None
    rest = dataset.rest
    parts = [person_records(dataset, findings, hasher)] if hasher is not None else []
    records = findings.records
    chunks = rest.chunks()
    while True:
        try:
            chunk = next(chunks, None)
        except BaseException as exc:
            if isinstance(exc, _NOT_INTERRUPTS):
                raise
            raise _RestUnreadable from exc  # damage far into a file (the parser's error)
        if chunk is None:
            break
        if hasher is not None:
            part = person_records(replace(dataset, table=chunk, rest=None), findings, hasher)
            parts.append(replace(part, rows=part.rows + records))
        records += len(chunk)
    notes = [dataset.error] if dataset.error else []
    notes.append(f"read in chunks: columns judged on the first {findings.records:,} records")
    if rest.truncated:
        notes.append(truncation_note(records, "rows"))
    dataset = replace(dataset, rest=None, error="; ".join(notes))
    people = PersonRecords.concat(parts) if hasher is not None else None
    return dataset, replace(findings, records=records), people


def analyse_file(
    ref: FileRef,
    config: ScanConfig,
    detector: Detector,
    hasher: Hasher | None,
    keep: Callable[[DatasetResult], DatasetResult] = lambda result: result,
) -> list[DatasetResult]:
    """All the per-file work. Pure: depends only on the file and the config. ``keep`` is
    applied to each result as soon as it is made (the workers drop its table there). Without
    a ``hasher`` no person is keyed (``pi-scan inspect``: no secret needed)."""
    if ref.status is not Status.OK:
        return as_discovered(ref)
    try:
        datasets = extract_file(ref, config)
    except BaseException as exc:
        if isinstance(exc, _NOT_INTERRUPTS):
            raise
        return [_failed(Dataset(file=ref), "extraction failed", exc)]
    results = []
    datasets.reverse()
    while datasets:  # each table is let go once analysed: a workbook's sheets one at a time
        results.append(keep(analyse_dataset(datasets.pop(), detector, hasher)))
    return results


class FileAnalyser:
    """The per-file work with its machinery built once (per process, per worker)."""

    def __init__(self, config: ScanConfig) -> None:
        self.config = config
        self.detector = Detector(config)
        self.hasher = Hasher(load_or_create_secret(config.resolved_secret_path()))

    def __call__(self, ref: FileRef) -> list[DatasetResult]:
        return analyse_file(ref, self.config, self.detector, self.hasher, strip_result)
