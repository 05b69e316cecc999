"""``extract_file``: sniff what a file is, hand it to its family's extractor, never raise.

Archive members come back through :func:`dispatch` with their bytes in memory, so a workbook in
a zip in a zip is read exactly like one on disk.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator

from pi_scan.config import ScanConfig
from pi_scan.extract.archives import extract_gzip, extract_zip
from pi_scan.extract.documents import extract_docx, extract_pdf
from pi_scan.extract.ocr import extract_image
from pi_scan.extract.sniff import FileType, Sniffed, noun_for, sniff
from pi_scan.extract.source import Budget, Source, describe, guarded, open_error, open_regular
from pi_scan.extract.spreadsheets import extract_ods, extract_xls, extract_xlsx
from pi_scan.extract.text_tables import BINARY_REASON, extract_text_like
from pi_scan.extract.word97 import extract_doc
from pi_scan.model import Dataset, FileRef, Status

_OFFICE_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".doc", ".pdf"})


def extract_file(ref: FileRef, config: ScanConfig) -> list[Dataset]:
    """Every table and text in the file (and in archives inside it), or why there is none."""
    if ref.status is not Status.OK:
        # discovery already decided (too large, permission denied ...): keep its reason
        return [Dataset(file=ref, status=ref.status, error=ref.reason)]
    try:
        fd = open_regular(ref, config.follow_symlinks)
    except OSError as exc:
        return [Dataset(file=ref, status=Status.ERROR, error=open_error(exc))]
    try:
        with quiet():
            return dispatch(Source(ref, fd=fd), config, Budget(config.limits))
    finally:
        os.close(fd)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No library warning reaches the console or a log: their texts may quote file content
    (openpyxl, pandas and pypdf warn about what they find in the file)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def dispatch(source: Source, config: ScanConfig, budget: Budget) -> list[Dataset]:
    """Extract one source (a file or an archive member); always at least one Dataset."""
    datasets = guarded(
        source, "unreadable " + noun_for(source), lambda: _dispatch(source, config, budget)
    )
    return datasets or [source.text("")]


def _dispatch(source: Source, config: ScanConfig, budget: Budget) -> list[Dataset]:
    try:
        sniffed = sniff(source, config.limits)
    except OSError as exc:
        return [source.failure(Status.ERROR, describe("cannot read file", exc))]
    return _extract(source, sniffed, config, budget)


def _extract(source: Source, sniffed: Sniffed, config: ScanConfig, budget: Budget) -> list[Dataset]:
    match sniffed.type:
        case FileType.EMPTY:
            return [source.text("")]
        case FileType.NOT_READ:
            return [source.failure(sniffed.status, sniffed.reason)]
        case FileType.XLSX:
            return extract_xlsx(source, config)
        case FileType.ODS:
            return guarded(source, "corrupt workbook", lambda: extract_ods(source, config))
        case FileType.XLS:
            return extract_xls(source, config, sniffed.workbook_stream)
        case FileType.DOCX:
            return guarded(source, "corrupt Word document", lambda: extract_docx(source, config))
        case FileType.DOC:
            return guarded(source, "corrupt Word document", lambda: extract_doc(source, config))
        case FileType.PDF:
            return guarded(source, "unreadable PDF", lambda: extract_pdf(source, config))
        case FileType.IMAGE:
            what = f"unreadable {sniffed.reason} image"
            return guarded(source, what, lambda: extract_image(source, config, sniffed.reason))
        case FileType.ZIP:
            return guarded(
                source, "corrupt zip archive", lambda: extract_zip(source, config, budget, dispatch)
            )
        case FileType.GZIP:
            return guarded(
                source, "corrupt gzip file", lambda: extract_gzip(source, config, budget, dispatch)
            )
        case FileType.TEXT:
            return _text_or_binary(source, config)


def _text_or_binary(source: Source, config: ScanConfig) -> list[Dataset]:
    """Unrecognised bytes: text if they decode; a misnamed Office file is reported as corrupt."""
    datasets = guarded(source, "unreadable text file", lambda: extract_text_like(source, config))
    binary = len(datasets) == 1 and datasets[0].error == BINARY_REASON
    if binary and source.extension in _OFFICE_EXTENSIONS:
        return [source.failure(Status.ERROR, f"corrupt {noun_for(source)} (unrecognised content)")]
    return datasets
