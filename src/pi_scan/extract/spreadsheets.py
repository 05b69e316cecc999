"""xlsx / xlsm / xls / ods: every sheet becomes its own table Dataset.

python-calamine reads all of them (about 7× faster than openpyxl) and reports merged ranges for
xlsx/xls; xlrd is the fallback for legacy xls files that calamine cannot open.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache, partial
from itertools import chain
from typing import Any

import olefile
import openpyxl
import xlrd
from python_calamine import CalamineWorkbook, SheetTypeEnum

from pi_scan.config import ScanConfig
from pi_scan.extract import biff
from pi_scan.extract.ooxml import (
    missing_workbook_part,
    shared_strings_part,
    xlsx_sheet_parts,
    xlsx_workbook_part,
)
from pi_scan.extract.sheet_stream import SharedStrings, WorkbookFormats, streamed_sheet
from pi_scan.extract.sheetsize import SHEET_TOO_LARGE, oversized_sheets, xls_oversized
from pi_scan.extract.source import (
    TRUNCATED_ATTR,
    Source,
    guarded,
    tables_over_limit,
)
from pi_scan.extract.tabular import HEADER_SEARCH_ROWS, MergedRange, raw_frame, shape_table
from pi_scan.model import Dataset, Status

StreamSheet = Callable[[str, str], list[Dataset]]
"""Reads one sheet (name, why) as a stream of rows: the sheets too large to lay out."""


def extract_workbook(
    source: Source,
    config: ScanConfig,
    refused: Mapping[str, str] | None = None,
    stream: StreamSheet | None = None,
) -> list[Dataset]:
    """All sheets of an xlsx/xlsm/ods/xls workbook read by calamine, except the ``refused``
    ones (sheet name → why), which calamine must never lay out: with ``stream`` those of them
    refused for their size are read by it instead."""
    refused = refused or {}
    with CalamineWorkbook.from_object(source.path_or_stream()) as book:
        names = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        datasets: list[Dataset] = []
        for name in names[: config.limits.max_tables]:
            datasets.extend(_sheet_or_reason(source, name, refused, stream, config, book))
    return keep_non_empty(source, datasets) + tables_over_limit(source, len(names), config)


def _sheet_or_reason(
    source: Source,
    name: str,
    refused: Mapping[str, str],
    stream: StreamSheet | None,
    config: ScanConfig,
    book: Any = None,
) -> list[Dataset]:
    """One sheet: streamed, refused with its reason, or read by calamine (``book``)."""
    why = refused.get(name, "")
    if stream is not None and why.startswith(SHEET_TOO_LARGE):
        return guarded(source, "unreadable sheet", partial(stream, name, why), name=name)
    if why:
        return [source.failure(Status.SKIPPED, why, name=name)]
    read = partial(_calamine_sheet, source, book, name, config)
    return guarded(source, "unreadable sheet", read, name=name)


def extract_xlsx(source: Source, config: ScanConfig) -> list[Dataset]:
    """Office Open XML workbooks: calamine, then openpyxl for files calamine cannot open.

    Sheets spanning more cells than the limit are measured first and never handed to either:
    they are read row by row from their XML (:mod:`pi_scan.extract.sheet_stream`).
    A package without its workbook part is an error, not an empty workbook.
    """
    missing = missing_workbook_part(source)
    if missing:
        return [source.failure(Status.ERROR, missing)]
    refused = oversized_sheets(source, config.limits)
    stream = _sheet_streamer(source, config) if any(refused.values()) else None
    read = partial(extract_workbook, source, config, refused, stream)
    datasets = guarded(source, "corrupt workbook", read)
    if _book_failed(datasets):
        fallback = partial(_openpyxl_workbook, source, config, refused, stream)
        return guarded(source, "corrupt workbook", fallback)
    return datasets


def _sheet_streamer(source: Source, config: ScanConfig) -> StreamSheet:
    """Streams sheets of this workbook by name; the sheet parts, the date styles and the
    string table are read once, when the first sheet is streamed."""

    @cache
    def workbook() -> tuple[dict[str, str], WorkbookFormats, SharedStrings | None]:
        with source.open() as raw, zipfile.ZipFile(raw) as package:
            part = xlsx_workbook_part(package)
            strings_part = shared_strings_part(package, part)
            strings = None
            if strings_part is not None and strings_part in package.namelist():
                with package.open(strings_part) as member:
                    strings = SharedStrings.read(member)
            return dict(xlsx_sheet_parts(package)), WorkbookFormats.read(package, part), strings

    def stream(name: str, why: str) -> list[Dataset]:
        parts, formats, strings = workbook()
        if name not in parts:
            return [source.failure(Status.ERROR, "sheet part missing from the workbook", name=name)]
        return [streamed_sheet(source, name, parts[name], strings, formats, config, why)]

    return stream


def extract_ods(source: Source, config: ScanConfig) -> list[Dataset]:
    """OpenDocument spreadsheets: measured (repeated rows and cells), then calamine.

    calamine lays out every sheet of an ods when it opens the file, so a workbook with an
    oversized sheet is not opened at all: that sheet is reported, and so are the others.
    """
    return _whole_workbook(source, config, oversized_sheets(source, config.limits, ods=True))


def _whole_workbook(source: Source, config: ScanConfig, measured: dict[str, str]) -> list[Dataset]:
    """A workbook calamine lays out whole when it opens it (ods, xls): not opened at all when
    any sheet is refused; every sheet is reported."""
    if not any(measured.values()):
        return extract_workbook(source, config)
    return [
        source.failure(
            Status.SKIPPED,
            reason or "not read: another sheet of this workbook is over the cell limit",
            name=name,
        )
        for name, reason in measured.items()
    ]


def extract_xls(source: Source, config: ScanConfig, workbook_stream: bytes | None) -> list[Dataset]:
    """A legacy BIFF workbook: encryption first (FILEPASS), then calamine, then xlrd."""
    if workbook_stream is not None and biff.is_encrypted(workbook_stream):
        return [source.failure(Status.ENCRYPTED, "password-protected Excel 97-2003 workbook")]
    measured = _xls_measured(source, config)
    read = partial(_whole_workbook, source, config, measured)
    datasets = guarded(source, "corrupt workbook", read)
    if _book_failed(datasets):
        fallback = partial(_xlrd_workbook, source, config, measured)
        return guarded(source, "corrupt workbook", fallback)
    return datasets


def _xls_measured(source: Source, config: ScanConfig) -> dict[str, str]:
    """Sheet name → why not read ("" if it may be), measured from the Workbook stream."""
    try:
        with source.open() as stream, olefile.OleFileIO(stream) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            with ole.openstream(name) as workbook:
                data = workbook.read(config.limits.max_file_bytes)
    except (OSError, ValueError, IndexError, KeyError, TypeError, RecursionError):
        return {}  # the parsers report the damage
    return xls_oversized(data, config.limits)


def _book_failed(datasets: list[Dataset]) -> bool:
    """The whole workbook could not be opened (as opposed to one bad sheet)."""
    return len(datasets) == 1 and datasets[0].status is Status.ERROR and not datasets[0].name


def keep_non_empty(source: Source, datasets: list[Dataset]) -> list[Dataset]:
    """Drop empty sheets, unless no sheet has anything: then the first one stands for the file."""
    kept = [d for d in datasets if not _is_empty(d)]
    if kept:
        return kept
    if datasets:
        return datasets[:1]
    return [source.text("")]  # a workbook without a single worksheet


def _is_empty(dataset: Dataset) -> bool:
    table = dataset.table
    return dataset.status is Status.OK and table is not None and table.shape == (0, 0)


def _calamine_sheet(
    source: Source, book: CalamineWorkbook, name: str, config: ScanConfig
) -> list[Dataset]:
    sheet = book.get_sheet_by_name(name)
    rows: Iterator[Sequence[object]] = iter(sheet.iter_rows())
    first_row, skipped = _skip_empty_rows(rows)
    end = sheet.end
    col_offset = 0
    if first_row is not None and end is not None:
        # python-calamine yields rows from row 0 but columns from the first used column
        col_offset = max(end[1] + 1 - len(first_row), 0)
        rows = chain([first_row], rows)
    merged = sheet.merged_cell_ranges or ()
    return [_sheet_dataset(source, name, rows, skipped, col_offset, merged, config)]


def _skip_empty_rows(rows: Iterator[Sequence[object]]) -> tuple[Sequence[object] | None, int]:
    """Leading empty rows are skipped so that the header search starts at the content."""
    skipped = 0
    for row in rows:
        if any(v != "" and v is not None for v in row):
            return row, skipped
        skipped += 1
    return None, skipped


def _sheet_dataset(
    source: Source,
    name: str,
    rows: Iterator[Sequence[object]],
    row_offset: int,
    col_offset: int,
    merged: Sequence[MergedRange],
    config: ScanConfig,
) -> Dataset:
    max_rows = config.limits.max_rows
    raw = raw_frame(rows, HEADER_SEARCH_ROWS + max_rows + 1, col_offset)
    raw.index = raw.index + row_offset
    shaped = shape_table(raw, max_rows, merged)
    if shaped.truncated:
        shaped.table.attrs[TRUNCATED_ATTR] = True
    note = shaped.note(max_rows)
    return source.table(shaped.table, name=name, header_row=shaped.header_row, note=note)


def _xlrd_workbook(source: Source, config: ScanConfig, refused: Mapping[str, str]) -> list[Dataset]:
    """Fallback for xls files calamine rejects; dates converted with the book's date mode."""
    data = source.data if source.data is not None else source.read_all(config.limits.max_file_bytes)
    book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    datasets: list[Dataset] = []
    names = book.sheet_names()
    for index, name in enumerate(names[: config.limits.max_tables]):
        if refused.get(name):
            datasets.append(source.failure(Status.SKIPPED, refused[name], name=name))
            continue
        sheet = book.sheet_by_index(index)
        rows: Iterator[Sequence[object]] = (
            _xlrd_row(sheet, r, book.datemode) for r in range(sheet.nrows)
        )
        first_row, skipped = _skip_empty_rows(rows)
        if first_row is not None:
            rows = chain([first_row], rows)
        datasets.append(_sheet_dataset(source, name, rows, skipped, 0, (), config))
        book.unload_sheet(index)
    return keep_non_empty(source, datasets) + tables_over_limit(source, len(names), config)


def _openpyxl_workbook(
    source: Source, config: ScanConfig, refused: Mapping[str, str], stream: StreamSheet | None
) -> list[Dataset]:
    """Fallback for xlsx files calamine rejects. Read-only mode: no merged-cell information.
    openpyxl parses with defusedxml when it is installed (it is a dependency)."""
    with source.open() as raw:
        book = openpyxl.load_workbook(raw, read_only=True, data_only=True)
        try:
            sheets = book.worksheets
            datasets = [
                dataset
                for sheet in sheets[: config.limits.max_tables]
                for dataset in (
                    _sheet_or_reason(source, sheet.title, refused, stream, config)
                    if refused.get(sheet.title)
                    else [_openpyxl_sheet(source, sheet, config)]
                )
            ]
        finally:
            book.close()
    return keep_non_empty(source, datasets) + tables_over_limit(source, len(sheets), config)


def _openpyxl_sheet(source: Source, sheet: Any, config: ScanConfig) -> Dataset:
    rows: Iterator[Sequence[object]] = iter(sheet.iter_rows(values_only=True))
    first_row, skipped = _skip_empty_rows(rows)
    if first_row is not None:
        rows = chain([first_row], rows)
    return _sheet_dataset(source, sheet.title, rows, skipped, 0, (), config)


def _xlrd_row(sheet: xlrd.sheet.Sheet, row: int, datemode: int) -> list[object]:
    values: list[object] = []
    for cell in sheet.row(row):
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                values.append(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
                continue
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                pass
        values.append(cell.value)
    return values
