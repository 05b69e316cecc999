"""An xlsx sheet too big for python-calamine, read row by row from its XML.

calamine lays a sheet out whole before yielding a row: ~70 bytes a cell in its own memory, so
a 1,000,000-row x 8-column sheet costs ~550 MB before Python sees a value (~900 MB while it is
built), and it has no streaming interface. Sheets over ``max_sheet_cells`` are read here
instead: lxml's ``iterparse`` over the worksheet part, one ``<row>`` at a time, each element
freed once read (~180,000 cells/s against calamine's ~900,000; memory bounded by a chunk).

Values come out as calamine gives them: shared and inline strings (without their phonetic
ふりがな runs), numbers as floats, booleans, dates for cells whose number format is a date
(openpyxl decides the format, the Japanese built-in formats 27-36 and 50-58 included), and the
1904 date system when the workbook uses it. Merged ranges of a streamed sheet are not applied.
"""

from __future__ import annotations

import posixpath
import zipfile
from array import array
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace
from typing import Any, BinaryIO

import pandas as pd
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from pi_scan.config import ScanConfig
from pi_scan.extract import csv_stream
from pi_scan.extract.ooxml import SAFE_XML_OPTIONS, related_part, small_xml
from pi_scan.extract.source import TRUNCATED_ATTR, Source
from pi_scan.extract.tabular import MAX_COLUMNS, ChunkedRest, raw_frame, shape_table
from pi_scan.model import Dataset

# Excel's built-in date formats (openpyxl knows 14-22 and 45-47; 27-36 and 50-58 are the
# East Asian ones: 和暦 and 年月日)
_DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
CHUNK_CELLS = csv_stream.CHUNK_CELLS
"""Cells a raw chunk may span (rows x its widest row): one far-away cell must not make 50,000
rows 4,096 columns wide."""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class SharedStrings:
    """The workbook's string table, held compactly: one UTF-8 buffer and the end of each
    string (~1 byte a character + 8 a string, not a Python object of ~60 bytes each)."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("q")

    @classmethod
    def read(cls, part: BinaryIO) -> SharedStrings:
        table = cls()
        t_tag = None
        for _, item in etree.iterparse(part, events=("end",), tag="{*}si", **SAFE_XML_OPTIONS):
            t_tag = t_tag or item.tag[: item.tag.rfind("}") + 1] + "t"
            if len(item) == 1 and item[0].tag == t_tag:  # plain text: no runs, no readings
                text = item[0].text or ""
            else:
                text = _visible_text(item)
            table._text += text.encode("utf-8", errors="replace")
            table._ends.append(len(table._text))
            item.clear()
            while item.getprevious() is not None:
                del item.getparent()[0]
        return table

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: int) -> str:
        start = self._ends[index - 1] if index else 0
        return self._text[start : self._ends[index]].decode("utf-8", errors="replace")


def _visible_text(item: Any) -> str:
    """The text of an ``<si>`` / ``<is>``: its ``<t>`` and rich-text runs' ``<t>``, not the
    phonetic readings (``<rPh>``) Excel keeps beside Japanese text."""
    parts = []
    for child in item:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


class WorkbookFormats:
    """Which cell styles are dates, and the workbook's date system."""

    def __init__(self, date_styles: frozenset[int], epoch: Any) -> None:
        self.date_styles = date_styles
        self.epoch = epoch

    @classmethod
    def read(cls, package: zipfile.ZipFile, workbook_part: str) -> WorkbookFormats:
        epoch = CALENDAR_WINDOWS_1900
        try:
            workbook = small_xml(package, workbook_part)
            for element in workbook.iter():
                is_pr = _local(element.tag) == "workbookPr"
                if is_pr and element.get("date1904") in ("1", "true"):
                    epoch = CALENDAR_MAC_1904
        except (KeyError, ValueError, etree.XMLSyntaxError):
            pass
        try:
            styles = small_xml(package, _styles_part(package, workbook_part))
        except (KeyError, ValueError, etree.XMLSyntaxError):
            return cls(frozenset(), epoch)
        custom = {
            int(f.get("numFmtId", -1)): f.get("formatCode", "")
            for f in styles.iter()
            if _local(f.tag) == "numFmt"
        }
        date_styles = set()
        xfs = next((e for e in styles.iter() if _local(e.tag) == "cellXfs"), None)
        for index, xf in enumerate(x for x in (xfs if xfs is not None else ()) if _local(x.tag)):
            fmt = int(xf.get("numFmtId", 0) or 0)
            code = custom.get(fmt, BUILTIN_FORMATS.get(fmt, ""))
            if fmt in _DATE_FORMAT_IDS or (code and is_date_format(code)):
                date_styles.add(index)
        return cls(frozenset(date_styles), epoch)


def _styles_part(package: zipfile.ZipFile, workbook_part: str) -> str:
    found = related_part(package, workbook_part, "styles")
    return found or posixpath.join(posixpath.dirname(workbook_part), "styles.xml")


_DIGITS = "0123456789"


def _column(letters: str) -> int:
    """0-based column of a reference's letters (``AB`` of ``AB12``); -1 for none."""
    number = 0
    for ch in letters:
        if not "A" <= ch <= "Z":
            return -1
        number = number * 26 + ord(ch) - 64
    return number - 1


class _Tags:
    """The namespaced names of a part's elements, compared as plain strings (a call to find
    an element's local name per cell costs more than reading the cell)."""

    def __init__(self, row_tag: str) -> None:
        ns = row_tag[: row_tag.rfind("}") + 1]
        self.c, self.v, self.inline, self.t = ns + "c", ns + "v", ns + "is", ns + "t"


def sheet_rows(
    part: BinaryIO, strings: SharedStrings | None, formats: WorkbookFormats
) -> Iterator[tuple[int, list[object]]]:
    """(0-based row number, values by column) for each row of a worksheet part that has a
    cell; columns past MAX_COLUMNS are dropped."""
    tags: _Tags | None = None
    columns: dict[str, int] = {}  # a sheet has few distinct column letters
    date_styles = {str(s) for s in formats.date_styles}
    next_row = 0
    # package_reason has refused any part that declares a DTD; a cell holds at most 32,767
    # characters, well under libxml2's text-node limit; a document's length is not limited
    for _, row in etree.iterparse(part, events=("end",), tag="{*}row", **SAFE_XML_OPTIONS):
        if tags is None:
            tags = _Tags(row.tag)
        number = int(row.get("r", 0) or 0) - 1
        number = number if number >= 0 else next_row
        next_row = number + 1
        values: list[object] = []
        for cell in row:
            if cell.tag != tags.c:
                continue
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                col = columns.get(letters)
                if col is None:
                    col = columns.setdefault(letters, _column(letters))
                if col < 0:
                    col = len(values)
            else:
                col = len(values)
            if col >= MAX_COLUMNS:
                continue
            # children by iteration, not find(): a third of the time per cell
            raw = inline = None
            for child in cell:
                if child.tag == tags.v:
                    raw = child.text
                elif child.tag == tags.inline:
                    inline = child
            kind = cell.get("t")
            if kind is None or kind == "n":
                value = _number(raw, cell.get("s") in date_styles, formats)
            elif kind == "s":
                value = _shared(raw, strings)
            elif kind == "inlineStr":
                value = None
                if inline is not None:
                    texts = [t.text or "" for t in inline if t.tag == tags.t]
                    # plain text (no runs, no readings) is nearly every inline string
                    value = "".join(texts) if len(texts) == len(inline) else _visible_text(inline)
            elif kind == "b":
                value = None if raw is None else raw.strip() in ("1", "true")
            else:  # "str" (a formula's text), "e" (#N/A ...), "d" (an ISO date)
                value = raw
            if value is None:
                continue
            if col >= len(values):
                values.extend([None] * (col + 1 - len(values)))
            values[col] = value
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]
        if values:
            yield number, values


def _number(raw: str | None, date: bool, formats: WorkbookFormats) -> object:
    if raw is None:
        return None
    try:
        number = float(raw)
    except ValueError:
        return raw
    if date:
        try:
            return from_excel(number, formats.epoch)
        except (ValueError, OverflowError, TypeError):
            return number
    return number


def _shared(raw: str | None, strings: SharedStrings | None) -> object:
    if raw is None or strings is None:
        return None
    try:
        return strings[int(raw)]
    except (ValueError, IndexError):
        return None


def raw_chunks(rows: Iterator[tuple[int, list[object]]], chunk_rows: int) -> Iterator[pd.DataFrame]:
    """Rows → raw all-str frames (index: source row, columns: source column) of at most
    ``chunk_rows`` rows and :data:`CHUNK_CELLS` cells."""
    batch: list[Sequence[object]] = []
    numbers: list[int] = []
    width = 0
    for number, values in rows:
        wider = max(width, len(values))
        if batch and (len(batch) >= chunk_rows or (len(batch) + 1) * wider > CHUNK_CELLS):
            yield _frame(batch, numbers)
            batch, numbers, wider = [], [], len(values)
        batch.append(values)
        numbers.append(number)
        width = wider
    if batch:
        yield _frame(batch, numbers)


def _frame(batch: list[Sequence[object]], numbers: list[int]) -> pd.DataFrame:
    frame = raw_frame(batch, len(batch))
    frame.index = pd.Index(numbers)
    return frame


class _SheetChunks:
    """The raw chunks after the first, and the files they are read from, to close."""

    def __init__(self, chunks: Iterator[pd.DataFrame], files: ExitStack) -> None:
        self._chunks = chunks
        self._files = files

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return self._chunks

    def close(self) -> None:
        self._files.close()


def streamed_sheet(
    source: Source,
    name: str,
    part_name: str,
    strings: SharedStrings | None,
    formats: WorkbookFormats,
    config: ScanConfig,
    why: str,
) -> Dataset:
    """A sheet as its first chunk of records plus the rest to read later (Dataset.rest);
    ``why`` it is not laid out goes to the dataset's note."""
    max_rows = config.limits.max_rows
    with ExitStack() as files:  # closed here unless a rest of the sheet takes them over
        detached = source.detached()
        files.callback(detached.release)
        stream = files.enter_context(detached.open())
        package = files.enter_context(zipfile.ZipFile(stream))
        part = files.enter_context(package.open(part_name))
        chunks = raw_chunks(sheet_rows(part, strings, formats), csv_stream.CHUNK_ROWS)
        head = next(chunks, None)
        shaped = shape_table(head if head is not None else raw_frame([], 0), max_rows)
        rest = None
        if head is not None and not shaped.truncated:
            rest = ChunkedRest(_SheetChunks(chunks, files.pop_all()), shaped, max_rows)
    if shaped.truncated:
        shaped.table.attrs[TRUNCATED_ATTR] = True
    notes = [f"read row by row ({why})", shaped.note(max_rows)]
    note = "; ".join(n for n in notes if n)
    dataset = source.table(shaped.table, name=name, header_row=shaped.header_row, note=note)
    return replace(dataset, rest=rest)
