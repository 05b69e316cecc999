"""Word documents and PDFs.

A .docx gives one TEXT Dataset for its paragraphs (name 「本文」) and one TABLE Dataset per table
(「表1」, 「表2」 … in document order, nested tables included): a table that lists people is a
personal-information database even inside a letter, while names in sentences are not.

A PDF is its pages' text; when pages hold a table (a list printed from Excel or Word), it is
read like a .docx: 「本文」 for the text around the tables and 「表1」 … for the tables, each
noted "read from a PDF: table on pages 1–3" (:mod:`pi_scan.extract.pdf_tables`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, ContentStream, NameObject, StreamObject

from pi_scan.config import ScanConfig
from pi_scan.extract import ocr, pdf_content, pdf_tables
from pi_scan.extract.source import (
    Source,
    describe,
    tables_over_limit,
    truncation_note,
)
from pi_scan.extract.tabular import MergedRange, grid_dataset
from pi_scan.extract.webpages import MAX_WIDTH
from pi_scan.model import Dataset, Status

BODY_NAME = "本文"
_NOT_BODY = frozenset(
    {qn("w:tbl"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
)
_MAX_SPAN = 1000  # a gridSpan of 10**9 must not allocate a billion cells (Word's limit is 63)
_MAX_WIDTH = MAX_WIDTH  # grid columns kept per table row


def _silence(logger_name: str) -> None:
    """pypdf logs what it finds wrong, quoting the file ("Object 5 0 not defined", names,
    strings): nothing it logs may reach a console or a log file."""
    logger = logging.getLogger(logger_name)
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    logger.handlers[:] = [logging.NullHandler()]


_silence("pypdf")


def extract_docx(source: Source, config: ScanConfig) -> list[Dataset]:
    with source.open() as stream:
        document = docx.Document(stream)
    datasets = [_text_dataset(source, body_text(document), config, name=BODY_NAME)]
    limit = config.limits.max_tables
    found = 0
    for found, table in enumerate(_all_tables(document.tables), start=1):
        if found <= limit:
            datasets.append(_table_dataset(source, table, f"表{found}", config))
    return datasets + tables_over_limit(source, found, config)


def body_text(document: DocxDocument) -> str:
    """Paragraphs outside tables, text boxes included (newsletters put names in them).

    ``document.paragraphs`` would miss text boxes; a drawing's text box also appears twice
    (``mc:Choice`` and the VML ``mc:Fallback``), so the fallback copy is skipped.
    """
    lines = []
    for element in document.element.body.iter(qn("w:p")):
        if any(a.tag in _NOT_BODY for a in element.iterancestors()):
            continue
        lines.append(Paragraph(element, document).text)
    return "\n".join(lines)


def _all_tables(tables: list[Table]) -> Iterator[Table]:
    """Tables in document order, each followed by the tables nested in its cells."""
    for table in tables:
        yield table
        for row in table._tbl.tr_lst:
            for tc in row.tc_lst:
                yield from _all_tables(_Cell(tc, table).tables)


def _table_dataset(source: Source, table: Table, name: str, config: ScanConfig) -> Dataset:
    rows, merged, cut = _table_grid(table, config.limits.max_sheet_cells)
    return grid_dataset(source, rows, merged, cut, name, config)


def _table_grid(table: Table, max_cells: int) -> tuple[list[list[str]], list[MergedRange], bool]:
    """Cell texts on the table's grid, with merges reported like a spreadsheet's.

    python-docx's ``row.cells`` repeats a merged cell's text in every grid column it spans,
    which makes a merged title row look like a header; here a merged cell's text stands in its
    first grid cell only and the span is returned as a merged range. Spans and widths are
    capped, and laying out stops after ``max_cells`` (True as the third value).
    """
    rows: list[list[str]] = []
    merged: list[MergedRange] = []
    open_vertical: dict[int, int] = {}  # grid column → index in ``merged`` of its vMerge range
    cells = 0
    for r, tr in enumerate(table._tbl.tr_lst):  # the oxml rows: grid spans are visible there
        row = [""] * min(max(tr.grid_before, 0), _MAX_SPAN)
        for tc in tr.tc_lst:
            if len(row) >= _MAX_WIDTH:
                break
            col, span = len(row), min(max(tc.grid_span, 1), _MAX_SPAN)
            if tc.vMerge == "continue":
                row.extend([""] * span)
                if col in open_vertical:
                    (r0, c0), (_, c1) = merged[open_vertical[col]]
                    merged[open_vertical[col]] = ((r0, c0), (r, c1))
                continue
            row.append(_Cell(tc, table).text.strip())
            row.extend([""] * (span - 1))
            open_vertical.pop(col, None)
            if tc.vMerge == "restart":
                open_vertical[col] = len(merged)
                merged.append(((r, col), (r, col + span - 1)))
            elif span > 1:
                merged.append(((r, col), (r, col + span - 1)))
        rows.append(row)
        cells += len(row)
        if cells > max_cells:
            return rows, merged, True
    return rows, merged, False


def _text_dataset(source: Source, text: str, config: ScanConfig, name: str = "") -> Dataset:
    limit = config.limits.max_text_chars
    if len(text) > limit:
        return source.text(text[:limit], name=name, note=truncation_note(limit, "characters"))
    return source.text(text, name=name)


def extract_pdf(source: Source, config: ScanConfig) -> list[Dataset]:
    """Text of the first ``max_pdf_pages`` pages; an empty user password is tried first.

    A page whose text cannot be extracted (or whose content stream is over the limit) is
    counted and skipped: one broken page must not hide the other pages' personal data. Pages
    are taken one by one until there are no more: a page tree's ``/Count`` can lie. pypdf is
    slow on big content streams, so pages stop being read after a quarter of the per-file
    time limit (with a note), well before the worker would be stopped with nothing.

    Pages that may hold a table are read again for it (:mod:`pi_scan.extract.pdf_tables`),
    within half of the per-file time limit. A PDF without tables is one TEXT Dataset, as
    before; with tables, like a .docx: 「本文」 for the text around them (when there is any)
    and 「表1」, 「表2」 … whose note says on which pages each table was read.
    """
    limits = config.limits
    started = time.monotonic()
    budget = limits.file_seconds / 4 if limits.file_seconds > 0 else float("inf")
    with source.open() as stream:
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            return [source.failure(Status.ENCRYPTED, "password-protected PDF")]
        pages = _Pages(reader, limits.max_pdf_pages, limits.max_pdf_page_bytes, budget)
        found = pdf_tables.Found()
        if pages.candidates:
            found = pdf_tables.find_tables(
                pages.candidates, source.open, started + 2 * budget, limits.max_sheet_cells
            )
    if pages.failed and not pages.texts and pages.oversized == pages.failed:
        reason = f"PDF page content over the size limit: none of {pages.failed:,} pages read"
        return [source.failure(Status.SKIPPED, reason)]
    if pages.failed and not pages.texts:
        why = f" ({pages.first_error})" if pages.first_error else ""
        reason = f"unreadable PDF: none of {pages.failed:,} pages{why}"
        return [source.failure(Status.ERROR, reason)]
    pairs = zip(pages.indices, pages.texts, strict=True)
    text = "\n".join(found.texts.get(index, page_text) for index, page_text in pairs)
    notes = []
    if pages.more:
        notes.append(truncation_note(limits.max_pdf_pages, "pages"))
    if pages.texts and not pages.failed and not "\n".join(pages.texts).strip():
        return ocr.extract_pdf_images(source, config, pages.indices, notes)  # a scan
    if pages.out_of_time:
        notes.append(f"time budget reached: {len(pages.texts):,} pages read")
    if found.not_looked:
        notes.append(f"time budget reached: {found.not_looked:,} pages not searched for tables")
    if pages.oversized:
        notes.append(f"{pages.oversized:,} pages over the content size limit skipped")
    if pages.failed - pages.oversized:
        notes.append(f"{pages.failed - pages.oversized:,} unreadable pages skipped")
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        notes.append(truncation_note(limits.max_text_chars, "characters"))
    if not found.tables:
        return [source.text(text, note="; ".join(notes))]
    datasets = []
    if text.strip():
        datasets.append(source.text(text, name=BODY_NAME, note="; ".join(notes)))
    for number, table in enumerate(found.tables[: limits.max_tables], start=1):
        dataset = grid_dataset(source, table.rows, [], table.cut, f"表{number}", config)
        note = "; ".join(filter(None, [table.note, dataset.error, *notes]))
        datasets.append(replace(dataset, error=note))
    return datasets + tables_over_limit(source, len(found.tables), config)


class _Pages:
    """The pages' texts, read one at a time; failures counted, never raised. The pages that
    may hold a table are kept (``candidates``) to be read again."""

    def __init__(self, reader: PdfReader, limit: int, max_bytes: int, seconds: float) -> None:
        self._reader = reader
        self.texts: list[str] = []
        self.indices: list[int] = []  # the page number (0-based) of each text
        self.candidates: list[pdf_tables.Candidate] = []
        self.failed = 0
        self.oversized = 0
        self.first_error = ""
        self.more = False
        self.out_of_time = False
        deadline = time.monotonic() + seconds
        for index in range(limit + 1):
            if time.monotonic() > deadline:
                self.out_of_time = True
                return
            try:
                page = reader.pages[index]
            except IndexError:
                return
            except (PdfReadError, RecursionError) as exc:
                if index == 0:
                    raise  # no page tree at all: the PDF is unreadable
                self._fail(exc)
                return
            if index == limit:
                self.more = True
                return
            self._read(index, page, max_bytes)

    def _read(self, index: int, page: object, max_bytes: int) -> None:
        try:
            contents = page.get_contents()  # type: ignore[attr-defined]
            data = contents.get_data() if contents is not None else b""
            if len(data) > max_bytes:
                self.oversized += 1
                self.failed += 1
                return
            drawn = pdf_tables.drawn_count(data)
            parsed, one_stream = None, False
            if pdf_tables.ruled_reader_reads(drawn) or pdf_content.shows_text(data):
                # (a page of drawing alone: pypdf does not parse it, nor is it parsed here)
                with contextlib.suppress(Exception):  # pypdf then parses it in extract_text
                    parsed, one_stream = self._parsed_once(page)
            text = page.extract_text() or ""  # type: ignore[attr-defined]
        except Exception as exc:  # pypdf raises many types on damaged content streams
            self._fail(exc)
            return
        self.texts.append(text)
        self.indices.append(index)
        if pdf_tables.worth_a_look(text, drawn):
            operations = None
            # pdfminer reads a page of several streams as one: it parses them itself
            if parsed is not None and one_stream and pdf_tables.ruled_reader_reads(drawn):
                with contextlib.suppress(Exception):  # then pdfminer parses the stream itself
                    operations = parsed.operations
            self.candidates.append(pdf_tables.Candidate(index, page, text, drawn, operations, data))

    def _parsed_once(self, page: Any) -> tuple[ContentStream | None, bool]:
        """The page's content parsed once (:mod:`pi_scan.extract.pdf_content`: pypdf's
        operations, made faster than pypdf makes them), for its text (``extract_text`` takes
        the parse it finds on the page, as it would have made it: several streams joined as
        it joins them) and for the table reader (which then does not parse the stream again);
        and whether the page has one stream."""
        contents = page.get("/Contents")
        stream = contents.get_object() if contents is not None else None
        if not isinstance(stream, StreamObject | ArrayObject) or isinstance(stream, ContentStream):
            return None, False
        parsed = pdf_content.parsed_content(stream, self._reader)
        page[NameObject("/Contents")] = parsed
        return parsed, isinstance(stream, StreamObject)

    def _fail(self, exc: BaseException) -> None:
        self.failed += 1
        if not self.first_error:
            self.first_error = describe("", exc).strip(" ()")
