"""Word documents and PDFs.

A .docx gives one TEXT Dataset for its paragraphs (name 「本文」) and one TABLE Dataset per table
(「表1」, 「表2」 … in document order, nested tables included): a table that lists people is a
personal-information database even inside a letter, while names in sentences are not.
"""

from __future__ import annotations

from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from pi_scan.config import ScanConfig
from pi_scan.extract.source import TRUNCATED_ATTR, Source, truncation_note
from pi_scan.extract.tabular import HEADER_SEARCH_ROWS, MergedRange, raw_frame, shape_table
from pi_scan.model import Dataset, Status

BODY_NAME = "本文"
_NOT_BODY = frozenset(
    {qn("w:tbl"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
)


def extract_docx(source: Source, config: ScanConfig) -> list[Dataset]:
    with source.open() as stream:
        document = docx.Document(stream)
    datasets = [_text_dataset(source, body_text(document), config, name=BODY_NAME)]
    for number, table in enumerate(_all_tables(document.tables), start=1):
        datasets.append(_table_dataset(source, table, f"表{number}", config))
    return datasets


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
    rows, merged = _table_grid(table)
    max_rows = config.limits.max_rows
    shaped = shape_table(raw_frame(rows, HEADER_SEARCH_ROWS + max_rows + 1), max_rows, merged)
    note = ""
    if shaped.truncated:
        shaped.table.attrs[TRUNCATED_ATTR] = True
        note = truncation_note(max_rows, "rows")
    return source.table(shaped.table, name=name, header_row=shaped.header_row, note=note)


def _table_grid(table: Table) -> tuple[list[list[str]], list[MergedRange]]:
    """Cell texts on the table's grid, with merges reported like a spreadsheet's.

    python-docx's ``row.cells`` repeats a merged cell's text in every grid column it spans,
    which makes a merged title row look like a header; here a merged cell's text stands in its
    first grid cell only and the span is returned as a merged range.
    """
    rows: list[list[str]] = []
    merged: list[MergedRange] = []
    open_vertical: dict[int, int] = {}  # grid column → index in ``merged`` of its vMerge range
    for r, tr in enumerate(table._tbl.tr_lst):  # the oxml rows: grid spans are visible there
        row = [""] * tr.grid_before
        for tc in tr.tc_lst:
            col, span = len(row), max(tc.grid_span, 1)
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
    return rows, merged


def _text_dataset(source: Source, text: str, config: ScanConfig, name: str = "") -> Dataset:
    limit = config.limits.max_text_chars
    if len(text) > limit:
        return source.text(text[:limit], name=name, note=truncation_note(limit, "characters"))
    return source.text(text, name=name)


def extract_pdf(source: Source, config: ScanConfig) -> list[Dataset]:
    """Text of the first ``max_pdf_pages`` pages; an empty user password is tried first.

    A page whose text cannot be extracted is counted and skipped: one broken page must not
    hide the other pages' personal data.
    """
    limits = config.limits
    with source.open() as stream:
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            return [source.failure(Status.ENCRYPTED, "password-protected PDF")]
        total = len(reader.pages)
        texts, failed = _page_texts(reader, min(total, limits.max_pdf_pages))
    if failed and not texts:
        return [source.failure(Status.ERROR, f"unreadable PDF: none of {failed:,} pages")]
    text = "\n".join(texts)
    if total and not failed and not text.strip():
        return [source.failure(Status.SKIPPED, "PDF has no text layer (scanned image?)")]
    notes = []
    if total > limits.max_pdf_pages:
        notes.append(truncation_note(limits.max_pdf_pages, "pages"))
    if failed:
        notes.append(f"{failed:,} unreadable pages skipped")
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        notes.append(truncation_note(limits.max_text_chars, "characters"))
    return [source.text(text, note="; ".join(notes))]


def _page_texts(reader: PdfReader, pages: int) -> tuple[list[str], int]:
    texts: list[str] = []
    failed = 0
    for index in range(pages):
        try:
            texts.append(reader.pages[index].extract_text() or "")
        except Exception:  # pypdf raises many types on damaged content streams
            failed += 1
    return texts, failed
