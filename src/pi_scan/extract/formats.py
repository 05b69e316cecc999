"""The file formats pi-scan reads: each FileType with its noun, its guard and its reader.

Adding a format = a FileType member and its row in ``FORMATS`` here, the branch of ``sniff``
that recognises its bytes, and its extractor module. A test fails when a FileType has no row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from pi_scan.config import ScanConfig
from pi_scan.extract.archives import Dispatch, extract_gzip, extract_zip
from pi_scan.extract.documents import extract_docx, extract_pdf
from pi_scan.extract.ocr import extract_image
from pi_scan.extract.source import Budget, Source, guarded
from pi_scan.extract.spreadsheets import extract_ods, extract_xls, extract_xlsx
from pi_scan.extract.text_tables import BINARY_REASON, extract_text_like
from pi_scan.extract.word97 import extract_doc
from pi_scan.model import Dataset, Status

if TYPE_CHECKING:
    from pi_scan.extract.sniff import Sniffed


class FileType(StrEnum):
    EMPTY = "empty"
    XLSX = "xlsx"  # also xlsm, xltx, xlsb
    ODS = "ods"
    XLS = "xls"
    DOCX = "docx"
    DOC = "doc"  # Word 97-2003
    PDF = "pdf"
    IMAGE = "image"  # PNG, JPEG, TIFF, BMP, GIF, WebP, HEIC: read by OCR (``reason``: format)
    ZIP = "zip"
    GZIP = "gzip"
    TEXT = "text"  # anything else: decoded as text, or found to be binary
    NOT_READ = "not_read"  # encrypted, unsupported or corrupt: ``status`` and ``reason`` say


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader is handed: the source, what sniffing found, the settings, what is left of
    the archive limits, and the way back to the registry for archive members."""

    source: Source
    sniffed: Sniffed
    config: ScanConfig
    budget: Budget
    dispatch: Dispatch


@dataclass(frozen=True, slots=True)
class Format:
    read: Callable[[Reading], list[Dataset]]
    noun: str = "file"
    """How errors name such a file: "workbook", "Word document"."""
    extensions: tuple[str, ...] = ()
    """The names that announce the format: errors name a file by its extension whenever its
    bytes do not say (a corrupt zip named .xlsx is a "corrupt or truncated workbook")."""
    guard: str = ""
    """The error when ``read`` raises (``{format}``: the sniffed image format); "" when the
    reader turns its own failures into Datasets."""
    unrecognised_is_corrupt: bool = False
    """A file with one of ``extensions`` whose bytes are not recognised (and not text) is
    reported as a corrupt one, not as a binary file."""


def _text_or_binary(r: Reading) -> list[Dataset]:
    """Unrecognised bytes: text if they decode; a misnamed Office file is reported as corrupt."""
    datasets = extract_text_like(r.source, r.config)
    binary = len(datasets) == 1 and datasets[0].error == BINARY_REASON
    named = _BY_EXTENSION.get(r.source.extension)
    if binary and named is not None and named.unrecognised_is_corrupt:
        return [r.source.failure(Status.ERROR, f"corrupt {named.noun} (unrecognised content)")]
    return datasets


FORMATS: dict[FileType, Format] = {
    FileType.EMPTY: Format(read=lambda r: [r.source.text("")]),
    FileType.NOT_READ: Format(
        read=lambda r: [r.source.failure(r.sniffed.status, r.sniffed.reason)]
    ),
    FileType.XLSX: Format(
        read=lambda r: extract_xlsx(r.source, r.config),
        noun="workbook",
        extensions=(".xlsx", ".xlsm"),
        unrecognised_is_corrupt=True,
    ),
    FileType.ODS: Format(
        read=lambda r: extract_ods(r.source, r.config),
        noun="workbook",
        extensions=(".ods",),
        guard="corrupt workbook",
        unrecognised_is_corrupt=True,
    ),
    FileType.XLS: Format(
        read=lambda r: extract_xls(r.source, r.config, r.sniffed.workbook_stream),
        noun="workbook",
        extensions=(".xls",),
        unrecognised_is_corrupt=True,
    ),
    FileType.DOCX: Format(
        read=lambda r: extract_docx(r.source, r.config),
        noun="Word document",
        extensions=(".docx",),
        guard="corrupt Word document",
        unrecognised_is_corrupt=True,
    ),
    FileType.DOC: Format(
        read=lambda r: extract_doc(r.source, r.config),
        noun="Word document",
        extensions=(".doc",),
        guard="corrupt Word document",
        unrecognised_is_corrupt=True,
    ),
    FileType.PDF: Format(
        read=lambda r: extract_pdf(r.source, r.config),
        noun="PDF",
        extensions=(".pdf",),
        guard="unreadable PDF",
        unrecognised_is_corrupt=True,
    ),
    FileType.IMAGE: Format(
        read=lambda r: extract_image(r.source, r.config, r.sniffed.reason),
        noun="image",
        guard="unreadable {format} image",
    ),
    FileType.ZIP: Format(
        read=lambda r: extract_zip(r.source, r.config, r.budget, r.dispatch),
        noun="zip archive",
        extensions=(".zip",),
        guard="corrupt zip archive",
    ),
    FileType.GZIP: Format(
        read=lambda r: extract_gzip(r.source, r.config, r.budget, r.dispatch),
        noun="gzip file",
        extensions=(".gz",),
        guard="corrupt gzip file",
    ),
    FileType.TEXT: Format(read=_text_or_binary, noun="text file", guard="unreadable text file"),
}

_BY_EXTENSION = {ext: f for f in FORMATS.values() for ext in f.extensions}


def noun_for(source: Source, default: str = "file") -> str:
    """How errors name the file, by its extension: "workbook", "Word document" ..."""
    named = _BY_EXTENSION.get(source.extension)
    return named.noun if named is not None else default


def read_as(reading: Reading) -> list[Dataset]:
    """The sniffed format's reader, its failure (if it has a guard) turned into a Dataset."""
    found = FORMATS[reading.sniffed.type]
    if not found.guard:
        return found.read(reading)
    what = found.guard.format(format=reading.sniffed.reason)
    return guarded(reading.source, what, lambda: found.read(reading))
