"""How many cells each sheet of a workbook spans, read from its XML before any parser does.

python-calamine allocates a sheet's whole rectangle at once: a workbook with one value in A1 and
one in XFD1048576 asks for 17 billion cells and aborts the process (a Rust allocation failure is
not an exception). A ``<dimension>`` element can lie, so the cells themselves are looked at:
value-bearing cells (``<c r="…">`` with content; for ods, cells with a value type, their
``number-columns-repeated`` and the rows' ``number-rows-repeated``). The markup is scanned with
regular expressions over the decompressed part, chunk by chunk, never built into a tree. Cells
without a reference are placed as a parser would place them (a slower path, only when needed).
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from pi_scan.config import Limits
from pi_scan.extract import biff
from pi_scan.extract.ooxml import xlsx_sheet_parts
from pi_scan.extract.source import Source

_CHUNK = 1024 * 1024
_ROWS_FROM_TOP = 10  # empty rows above the values cost time, not memory: ten times the limit
_MAX_TAG = 4 * 1024 * 1024  # a tag longer than this is not a spreadsheet's
_PREFIX = rb"(?:[\w.-]+:)?"


def _cell_and_row_patterns(prefix: bytes) -> tuple[re.Pattern[bytes], ...]:
    """Any cell, a cell with its reference, any row, a row with its reference."""
    return (
        re.compile(rb"<" + prefix + rb"c[\s/>]"),
        re.compile(rb"<" + prefix + rb'c\s[^>]*?(?<=\s)r="([A-Z]{1,4})([0-9]{1,10})"[^>]*?(/?)>'),
        re.compile(rb"<" + prefix + rb"row[\s/>]"),
        re.compile(rb"<" + prefix + rb'row\s[^>]*?(?<=\s)r="([0-9]{1,10})"[^>]*?(/?)>'),
    )


_CELLS_AND_ROWS = _cell_and_row_patterns(_PREFIX)
# Without a namespace prefix on any cell or row tag of a chunk (what Excel, LibreOffice and
# openpyxl write), the same patterns without the optional prefix find exactly the same tags,
# about twice as fast: the regex engine then looks for the literal "<c" / "<row" only.
_CELLS_AND_ROWS_UNPREFIXED = _cell_and_row_patterns(b"")
_PREFIXED_TAG = re.compile(rb"<[\w.-]+:(?:c|row)[\s/>]")
_TAG = re.compile(rb"<" + _PREFIX + rb"(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb'(?:^|\s)r="([A-Z]{0,4})([0-9]{0,10})"')

_ODS_TAG = re.compile(
    rb"<(/?)" + _PREFIX + rb"(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*)>"
)
_ODS_NAME = re.compile(rb"(?:^|\s)" + _PREFIX + rb'name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="([0-9]{1,10})"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="([0-9]{1,10})"')


class MarkupTooLong(ValueError):
    """A single tag longer than any spreadsheet writes: the sheet is not measured."""


@dataclass(slots=True)
class Extent:
    """Where a sheet's values are (1-based, inclusive): ``rows`` is the last row."""

    rows: int = 0
    first_col: int = 0
    last_col: int = 0
    first_row: int = 0

    @property
    def cols(self) -> int:
        return self.last_col - self.first_col + 1 if self.last_col else 0

    @property
    def dense_rows(self) -> int:
        return self.rows - self.first_row + 1 if self.rows else 0

    @property
    def cells(self) -> int:
        """What calamine allocates at once: the rectangle around the values."""
        return self.dense_rows * self.cols

    @property
    def rows_from_top(self) -> int:
        """What python-calamine then yields, one row at a time: every row from the first."""
        return self.rows * self.cols

    def add(self, row: int, col: int) -> None:
        self.rows = max(self.rows, row)
        self.first_row = min(self.first_row, row) if self.first_row else row
        self.first_col = min(self.first_col, col) if self.first_col else col
        self.last_col = max(self.last_col, col)


def oversized_sheets(source: Source, limits: Limits, ods: bool = False) -> dict[str, str]:
    """Sheet name → why it is not read ("" when it may be), every measured sheet in workbook
    order. For ods, which calamine lays out whole when it opens the file, a workbook whose
    sheets together span more than twice the cell limit has every sheet refused."""
    try:
        with source.open() as stream, zipfile.ZipFile(stream) as package:
            extents = list(_ods_extents(package) if ods else _xlsx_extents(package, limits))
    except (
        zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, KeyError, ValueError, OSError,
        EOFError, RuntimeError, NotImplementedError,
    ):  # fmt: skip
        return {}  # not measurable: the parser reports the damage
    return _reasons(extents, limits, whole=ods)


def _reasons(
    extents: list[tuple[str, Extent | str]], limits: Limits, whole: bool
) -> dict[str, str]:
    reasons = {
        name: extent if isinstance(extent, str) else _too_large(extent, limits)
        for name, extent in extents
    }
    total = sum(e.cells for _, e in extents if isinstance(e, Extent))
    if whole and total > 2 * limits.max_sheet_cells:
        why = (
            f"workbook too large: its sheets span {total:,} cells together, over twice the "
            f"{limits.max_sheet_cells:,}-cell limit (this format is read whole)"
        )
        return {name: reason or why for name, reason in reasons.items()}
    return reasons


SHEET_TOO_LARGE = "sheet too large"
"""How the reasons of sheets refused for their size begin (they may be read as a stream)."""


def _too_large(extent: Extent, limits: Limits) -> str:
    """The rectangle around the values must fit the cell limit (memory); the rows above it,
    which come out empty one by one, ten times that (time)."""
    limit = limits.max_sheet_cells
    if extent.cells > limit:
        return (
            f"{SHEET_TOO_LARGE}: spans {extent.dense_rows:,} rows x {extent.cols:,} columns, "
            f"over the {limit:,}-cell limit"
        )
    if extent.rows_from_top > _ROWS_FROM_TOP * limit:
        return (
            f"{SHEET_TOO_LARGE}: {extent.rows:,} rows x {extent.cols:,} columns from the top, "
            f"over {_ROWS_FROM_TOP} times the {limit:,}-cell limit"
        )
    return ""


def _beyond(bound: tuple[int, int], limits: Limits) -> str:
    rows, cols = bound
    return (
        f"{SHEET_TOO_LARGE}: its cells reach row {rows:,} and column {cols:,}, "
        f"over the {limits.max_sheet_cells:,}-cell limit"
    )


def _chunks(package: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The part's bytes in pieces that end at a ``>``, so no tag is split between two."""
    carry = b""
    with package.open(name) as part:
        while True:
            try:
                chunk = part.read(_CHUNK)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                chunk = b""  # a damaged tail: measure what was read
            if not chunk:
                if carry:
                    yield carry
                return
            data = carry + chunk
            cut = data.rfind(b">") + 1
            carry = data[cut:]
            if len(carry) > _MAX_TAG:
                raise MarkupTooLong
            if cut:
                yield data[:cut]


# ------------------------------------------------------------------------------------ xlsx


def _xlsx_extents(package: zipfile.ZipFile, limits: Limits) -> Iterator[tuple[str, Extent | str]]:
    for name, part in xlsx_sheet_parts(package):
        try:
            bound = _xlsx_bound(package, part, limits)
            if bound is not None and _bound_fits(bound, limits):
                yield name, ""  # not measured exactly: it cannot be over the limits
                continue
            if bound is not None and bound[0] * bound[1] > limits.max_sheet_cells:
                # not measured exactly either: a sheet over the limit is read row by row,
                # which is safe whatever its exact rectangle (measuring a 1,000,000-row
                # sheet costs ~10 s)
                yield name, _beyond(bound, limits)
                continue
            extent = _xlsx_extent(package, part)
        except KeyError:
            continue  # a sheet without its part: the parser reports it
        except MarkupTooLong:
            yield name, "sheet markup malformed: a tag longer than 4 MB"
            continue
        yield name, extent


def col_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


# Every unprefixed cell tag: its column letters when it opens with a plain reference
# (``<c r="B12"``, what Excel, LibreOffice and openpyxl write), else b"".
_CELL_LEADING_REF = re.compile(rb'<c(?: r="([A-Z]{1,4})[0-9]{1,10}"|[\s/>])')
# A superset of namespace-prefixed cell tags (it also matches ":c " in text): cheap to look for.
_MAYBE_PREFIXED_CELL = re.compile(rb":c[\s/>]")


def _bound_fits(bound: tuple[int, int], limits: Limits) -> bool:
    last_row, cols = bound
    limit = limits.max_sheet_cells
    # Row numbers start at 0 at the lowest, columns at 1; the same two tests as _too_large
    return (last_row + 1) * cols <= limit and last_row * cols <= _ROWS_FROM_TOP * limit


def _xlsx_bound(package: zipfile.ZipFile, part: str, limits: Limits) -> tuple[int, int] | None:
    """(largest row, largest column) of the sheet's cells, or None when unsure.

    When every cell opens with its own reference, both measuring paths below place each cell
    at that reference, so the rectangle from A1 to (largest row, largest column) of all cells,
    empty or not, holds the measured one. Finding those two maxima needs no per-cell Python
    work: the column letters are few distinct one-byte strings, and the widest row number is
    found by a handful of searches. The exact row is looked for only in a chunk where the
    width alone would not do (so the row is exact whenever the bound is over the limit). Any
    doubt (a prefixed or a reference-less cell) returns None, and the sheet is measured
    exactly as before — about three times slower on a big roster.
    """
    limit = limits.max_sheet_cells
    columns: set[bytes] = set()
    last_row = 0
    for text in _chunks(package, part):
        if _MAYBE_PREFIXED_CELL.search(text):
            return None
        letters = set(_CELL_LEADING_REF.findall(text))
        if b"" in letters:
            return None
        columns |= letters
        width = _widest_row_number(text)
        if not width:
            continue
        cols = max(map(col_number, columns))
        row_bound = 10**width - 1
        if (row_bound + 1) * cols > limit:  # the width is too coarse here: read the rows
            found = re.findall(rb'<c r="[A-Z]{1,4}([0-9]{%d})"' % width, text)
            row_bound = int(max(found))  # one width: byte order is number order
        last_row = max(last_row, row_bound)
    return (last_row, max(map(col_number, columns))) if columns else (0, 0)


def _widest_row_number(text: bytes) -> int:
    """How many digits the longest row number of a cell reference in ``text`` has."""
    width = 0
    while width < 10:
        found = re.search(rb'<c r="[A-Z]{1,4}([0-9]{%d,10})"' % (width + 1), text)
        if not found:
            break
        width = len(found.group(1))
    return width


def _xlsx_extent(package: zipfile.ZipFile, part: str) -> Extent:
    """Fast path: every cell and row carries its reference (what Excel and LibreOffice write)."""
    cells = rows = cells_with_ref = rows_with_ref = 0
    columns: set[bytes] = set()
    first_row = last_row = 0
    for text in _chunks(package, part):
        prefixed = _PREFIXED_TAG.search(text) is not None
        cell_any, cell_ref, row_any, row_ref = (
            _CELLS_AND_ROWS if prefixed else _CELLS_AND_ROWS_UNPREFIXED
        )
        cells += len(cell_any.findall(text))
        rows += len(row_any.findall(text))
        refs = cell_ref.findall(text)
        cells_with_ref += len(refs)
        rows_with_ref += len(row_ref.findall(text))
        valued = [(col, row) for col, row, empty in refs if not empty]
        if valued:
            columns.update(col for col, _ in valued)
            numbers = list(map(int, (row for _, row in valued)))
            first_row = min(first_row or numbers[0], *numbers)
            last_row = max(last_row, *numbers)
    if cells != cells_with_ref or rows != rows_with_ref:
        return _xlsx_extent_placed(package, part)
    extent = Extent()
    for letters in columns:
        extent.add(first_row, col_number(letters))
        extent.add(last_row, col_number(letters))
    return extent


def _xlsx_extent_placed(package: zipfile.ZipFile, part: str) -> Extent:
    """Slow path: cells or rows without a reference take the next position, as parsers do."""
    extent = Extent()
    row = col = 0
    for text in _chunks(package, part):
        for name, attrs in _TAG.findall(text):
            ref = _REF.search(attrs)
            if name == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                continue
            cell_row = row
            if ref and ref.group(1):
                col = col_number(ref.group(1))
                cell_row = int(ref.group(2)) if ref.group(2) else row
            else:
                col += 1
            if not attrs.endswith(b"/"):
                extent.add(max(cell_row, 1), max(col, 1))
    return extent


# ------------------------------------------------------------------------------------- ods


def _ods_extents(package: zipfile.ZipFile) -> Iterator[tuple[str, Extent | str]]:
    """Rows and cells with their repeat counts; empty repeated cells (LibreOffice writes a
    million empty rows at the end of every sheet) take no room."""
    name = ""
    rows = first_row = last_row = widest = 0
    row_repeat = col = row_last_value = 0
    for text in _chunks(package, "content.xml"):
        for closing, tag, attrs in _ODS_TAG.findall(text):
            empty = attrs.endswith(b"/")
            if tag == b"table":
                if closing:
                    yield name, _ods_extent(first_row, last_row, widest)
                elif not empty:
                    found = _ODS_NAME.search(attrs)
                    name = html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""
                    rows = first_row = last_row = widest = 0
            elif tag == b"table-row":
                if closing:
                    if row_last_value:
                        first_row = first_row or rows + 1
                        last_row = rows + row_repeat
                        widest = max(widest, row_last_value)
                    rows += row_repeat
                else:
                    row_repeat = _repeat(_ROWS_REPEATED, attrs)
                    col = row_last_value = 0
                    if empty:
                        rows += row_repeat
            elif not closing:  # a cell
                col += _repeat(_COLUMNS_REPEATED, attrs)
                if not empty or b"value-type" in attrs:
                    row_last_value = col


def _ods_extent(first_row: int, rows: int, cols: int) -> Extent:
    return Extent(rows=rows, first_col=1 if cols else 0, last_col=cols, first_row=first_row)


def _repeat(pattern: re.Pattern[bytes], attrs: bytes) -> int:
    found = pattern.search(attrs)
    return max(int(found.group(1)), 1) if found else 1


# ------------------------------------------------------------------------------ xls (BIFF8)


def xls_oversized(workbook: bytes, limits: Limits) -> dict[str, str]:
    """Sheet name → why it is not read ("" when it may be), from the cell records of a BIFF8
    Workbook stream (read whole by calamine, like ods).

    A legacy sheet can span 65,536 × 256 cells: one value in IV65536 makes calamine lay out
    16.7 million cells (1.5 GB). Malformed streams measure as far as they go.
    """
    extents = [
        (name, _biff_extent(workbook, offset)) for name, offset in biff.boundsheets(workbook)
    ]
    return _reasons(list(extents), limits, whole=True)


def _biff_extent(stream: bytes, offset: int) -> Extent:
    extent = Extent()
    depth = 0
    for kind, at, size in biff.records(stream, offset):
        if kind == biff.BOF:
            depth += 1
        elif kind == biff.EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and size >= 4 and (kind in biff.VALUE_RECORDS or kind == biff.MULRK):
            row = int.from_bytes(stream[at : at + 2], "little") + 1
            col = int.from_bytes(stream[at + 2 : at + 4], "little") + 1
            extent.add(row, col)
            if kind == biff.MULRK and size >= 6:
                extent.add(row, int.from_bytes(stream[at + size - 2 : at + size], "little") + 1)
    return extent
