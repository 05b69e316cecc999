"""Tables printed to PDF (an Excel or Word list exported, a roster printed to a file).

A PDF keeps no cells, only text placed on a page, so pypdf's text of a printed roster comes out
one cell per line and reads as prose. A printed table is still a table (a 名簿 on paper is a
personal-information database), so the pages that may hold one are read again here:

- **Ruled tables** (cell borders drawn, as Excel, Word and LibreOffice print them): pdfplumber's
  table finder rebuilds the grid from the drawn lines, wrapped cells included. Its lines and
  characters are read by PDFium where PDFium reads them as pdfminer does, else by pdfminer on
  pypdf's parse of the page (:mod:`pi_scan.extract.pdf_objects`): pdfplumber's results, several
  times faster than pdfplumber reading the page itself.
- **Tables without lines** (text set in columns): pypdf's layout-preserving text, split where
  every line of a block leaves the same gap (runs of two or more spaces), like the fixed-width
  text reader but by position, so an empty cell keeps its column.

Only pages whose plain text or drawing looks like a table are read again (:func:`worth_a_look`):
a page of prose costs nothing more. A table continued over pages is one table; the header
repeated at the top of each page is dropped, not counted as a record. The text around a table
stays text, for the document's 「本文」.

Nothing here raises for a broken page: the page keeps its plain text.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

# Imported with the extractors, not at the first ruled page: an import in the middle of a scan
# would look through every folder on sys.path (the hostile tests allow no such reads).
import pdfplumber
from pdfminer.pdfpage import PDFPage

from pi_scan.extract import pdf_grid, pdf_objects
from pi_scan.extract.tabular import find_header_row
from pi_scan.notes import PDF_TABLE_NOTE

for _name in ("pdfminer", "pdfplumber"):  # both log what they find wrong, quoting the file
    _logger = logging.getLogger(_name)
    _logger.setLevel(logging.CRITICAL + 1)
    _logger.propagate = False
    _logger.handlers[:] = [logging.NullHandler()]

# Path operators after their operands (``x y w h re``, ``x y l``): cell borders. Text in CID
# fonts is hex, so these are rarely found inside strings; a false hit only costs a second look.
_DRAWN = re.compile(rb"[0-9.]\s+(?:re|l)\s")
_MIN_DRAWN = 4  # a 2 x 2 grid: 6 lines or 4 rectangles; one underline or a page frame is not
_SHORT_LINE = 16  # characters: a cell alone on its line, as pypdf prints a table's cells
_FIELD = re.compile(r"\S+(?:[ \u3000]\S+)*")  # a run of text; one space stays inside (山田 太郎)
_MIN_ROWS = 3  # a header and two records, or three records
_MIN_ALIGNED_COLUMNS = 3  # without lines: two columns of text could be a two-column page
_MAX_CELL_CHARS = 40  # a median cell longer than this is prose set in columns, not a table


_MAX_DRAWN = 5_000  # more lines than a printed list draws: pdfplumber's grid would take long
_MAX_LAYOUT_CHARS = 200_000  # a page's layout text longer than this is not searched


def drawn_count(content: bytes) -> int:
    """How many lines and rectangles a page's content stream draws (counted up to just over
    :data:`_MAX_DRAWN`)."""
    count = 0
    for count, _ in enumerate(_DRAWN.finditer(content), start=1):
        if count > _MAX_DRAWN:
            break
    return count


def worth_a_look(text: str, drawn: int) -> bool:
    """Whether a page may hold a table: lines and rectangles drawn, or a plain text made of
    short cells (pypdf prints a table one cell per line) or of lines of several spaced items.
    A false hit costs a second look at the page, a miss reads a table as prose."""
    if drawn >= _MIN_DRAWN:
        return True
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < _MIN_ROWS * 2:
        return False
    short = sum(len(line) <= _SHORT_LINE for line in lines)
    spaced = sum(_spaced_items(line) for line in lines)
    return max(short, spaced) >= 0.4 * len(lines)


_SENTENCE = re.compile(r"[。、，,.!?！？]\s|[。、，！？]")
_WORD = re.compile(r"[a-z]+")


def _spaced_items(line: str) -> bool:
    """A line of three short items or more apart by spaces (1 佐藤 太郎 090-…), not a
    sentence: no sentence punctuation, not mostly lower-case words (English prose)."""
    items = line.split()
    if len(items) < _MIN_ALIGNED_COLUMNS or any(len(item) > 20 for item in items):
        return False
    if _SENTENCE.search(line):
        return False
    return sum(bool(_WORD.fullmatch(item)) for item in items) * 2 < len(items)


@dataclass(slots=True)
class Candidate:
    """A page that may hold a table: its number (0-based), pypdf's page and plain text, how
    many lines it draws, when pypdf has parsed its content stream, the operations, and the
    stream's bytes as read."""

    index: int
    page: Any
    text: str
    drawn: int
    operations: Any = None
    contents: bytes | None = None


def ruled_reader_reads(drawn: int) -> bool:
    """Whether a page drawing so many lines and rectangles is read for ruled tables."""
    return _MIN_DRAWN <= drawn <= _MAX_DRAWN


@dataclass(slots=True)
class PdfTable:
    rows: list[list[str]]
    first_page: int  # 0-based
    last_page: int
    header: tuple[str, ...] | None = None  # the header row's non-empty cells, when one is found
    cut: bool = False  # cells past the limit were left out

    @property
    def note(self) -> str:
        first, last = self.first_page + 1, self.last_page + 1
        where = f"page {first}" if first == last else f"pages {first}–{last}"
        return f"{PDF_TABLE_NOTE}: table on {where}"


@dataclass(slots=True)
class Found:
    tables: list[PdfTable] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)  # page → its text outside the tables
    not_looked: int = 0  # candidate pages left as text: the time budget ran out


@dataclass(slots=True)
class _Segment:
    page: int
    rows: list[list[str]]
    first_on_page: bool = False
    last_on_page: bool = False


def find_tables(
    candidates: Sequence[Candidate],
    open_stream: Callable[[], BinaryIO],
    deadline: float,
    max_cells: int,
) -> Found:
    """The tables on the candidate pages, joined across pages, and those pages' other text."""
    found = Found()
    segments: list[_Segment] = []
    with _Plumber(open_stream) as plumber:
        for at, candidate in enumerate(candidates):
            if time.monotonic() > deadline:
                found.not_looked = len(candidates) - at
                break
            page_segments, outside = _page_tables(candidate, plumber)
            if page_segments:
                page_segments[0].first_on_page = True
                page_segments[-1].last_on_page = True
                segments.extend(page_segments)
                found.texts[candidate.index] = outside
    found.tables = _joined(segments, max_cells)
    return found


def _page_tables(candidate: Candidate, plumber: _Plumber) -> tuple[list[_Segment], str]:
    if ruled_reader_reads(candidate.drawn):
        ruled = plumber.tables(candidate)
        if ruled is not None and ruled[0]:
            return ruled
    try:
        layout = candidate.page.extract_text(extraction_mode="layout") or ""
    except Exception:  # pypdf raises many types on damaged content: the page stays text
        return [], ""
    if len(layout) > _MAX_LAYOUT_CHARS:
        return [], ""
    return aligned_tables(layout, candidate.index)


class _Plumber:
    """pdfplumber's table finder on the candidate pages, fed by PDFium where it reads a page as
    pdfminer would (:mod:`pi_scan.extract.pdf_objects`, a few milliseconds a page), else by
    pdfminer (the file opened at the first such page and only then).

    Pages are taken from the page tree up to the one needed, never all of them (a tree can
    hold far more pages than are read). Any failure leaves the page to the other reader."""

    def __init__(self, open_stream: Callable[[], BinaryIO]) -> None:
        self._open_stream = open_stream
        self._stack = contextlib.ExitStack()
        self._pdfium: pdf_objects.PdfiumDocument | None = None
        self._pdfium_broken = False
        self._pdf: Any = None
        self._pages: Any = None
        self._next = 0
        self._broken = False

    def __enter__(self) -> _Plumber:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _fast_page(self, candidate: Candidate) -> Any:
        """The page read by PDFium, or None when PDFium cannot read it as pdfminer would."""
        if self._pdfium_broken:
            return None
        try:
            if self._pdfium is None:
                stream = self._stack.enter_context(self._open_stream())
                self._pdfium = pdf_objects.PdfiumDocument(stream)
                self._stack.callback(self._pdfium.close)
            return self._pdfium.read_page(
                candidate.index, candidate.page, candidate.text, candidate.contents
            )
        except pdf_objects.Unsupported:
            return None
        except Exception:  # PDFium cannot open the file (or the page): pdfminer may
            self._pdfium_broken = self._pdfium is None
            return None

    def _pdfminer_page(self, index: int, operations: Any) -> Any:
        if self._pdf is None:
            stream = self._stack.enter_context(self._open_stream())
            self._pdf = pdfplumber.PDF(stream, stream_is_external=True)  # type: ignore[arg-type]
            self._pages = PDFPage.create_pages(self._pdf.doc)
        if index < self._next:
            return None  # pages are read in order; a page asked for twice is not read again
        page = next(itertools.islice(self._pages, index - self._next, None), None)
        self._next = index + 1
        if page is None:
            return None
        return pdf_objects.pdfminer_page(self._pdf, page, index, operations)

    def tables(self, candidate: Candidate) -> tuple[list[_Segment], str] | None:
        """The ruled tables of a page and its text outside them; None when it cannot be read."""
        page = self._fast_page(candidate)
        if page is None:
            if self._broken:
                return None
            try:
                page = self._pdfminer_page(candidate.index, candidate.operations)
            except Exception:  # pdfminer raises many types on a damaged file: no more pages
                self._broken = True
                return None
        if page is None:
            return None
        try:
            grids = [(t, pdf_grid.rows(t, page.chars)) for t in pdf_grid.find_tables(page)]
            tables = [t for t, rows in grids if _is_grid(rows)]
            segments = [
                _Segment(candidate.index, _cells(rows)) for _, rows in grids if _is_grid(rows)
            ]
            outside = page
            for table in tables:
                outside = outside.outside_bbox(table.bbox, strict=False)
            text = outside.extract_text() if tables else ""
        except Exception:  # a broken page stays text
            return None
        finally:
            with contextlib.suppress(Exception):
                page.close()
        return segments, text


# A line break inside a cell between two Japanese characters is where the column wrapped
# (番\n号, 千代田区丸の\n内): no space there; elsewhere a space (1201\n号室 → 1201 号室 is fine).
_WRAPPED = re.compile(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])")


def _cells(rows: list[list[str | None]]) -> list[list[str]]:
    return [[" ".join(_WRAPPED.sub("", cell or "").split()) for cell in row] for row in rows]


def _is_grid(rows: list[list[str | None]]) -> bool:
    """Two rows or more with two filled cells or more: a framed paragraph is not a table."""
    filled = [sum(bool(c and c.strip()) for c in row) for row in rows]
    return sum(n >= 2 for n in filled) >= 2


def aligned_tables(layout: str, page: int) -> tuple[list[_Segment], str]:
    """Tables set in columns without lines, in a page's layout text, and the page's other
    lines (spaces collapsed).

    A table is a run of three lines or more, each with two items or more apart by two spaces
    or more (blank lines between them allowed). Its columns are the stretches of the line
    that some items cover, cut where (nearly) no line of the run has text; an item goes to
    the column it overlaps most, so an empty cell leaves its column empty rather than
    shifting the row left.
    """
    lines = layout.splitlines()
    segments: list[_Segment] = []
    other: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        rows = _columns(run) if len(run) >= _MIN_ROWS else None
        if rows is None:
            other.extend(run)
        else:
            segments.append(_Segment(page, rows))
        run.clear()

    for line in lines:
        if not line.strip():
            continue
        if len(_FIELD.findall(line)) >= 2:
            run.append(line)
            continue
        close_run()
        other.append(line)
    close_run()
    text = "\n".join(" ".join(line.split()) for line in other)
    return segments, text


def _columns(lines: Sequence[str]) -> list[list[str]] | None:
    """The run's lines as rows of cells, or None when it is not a table."""
    fields = [[(m.start(), m.end(), m.group()) for m in _FIELD.finditer(line)] for line in lines]
    width = max(len(line) for line in lines)
    cover = [0] * (width + 1)
    for line_fields in fields:
        for start, end, _ in line_fields:
            for x in range(start, end):
                cover[x] += 1
    spare = len(lines) // 10  # a title or a long value across a gap does not close it
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for x, n in enumerate(cover):
        if n > spare and opened is None:
            opened = x
        elif n <= spare and opened is not None:
            spans.append((opened, x))
            opened = None
    if len(spans) < _MIN_ALIGNED_COLUMNS:
        return None
    return rows_in_columns(spans, fields)


def rows_in_columns(
    spans: Sequence[Sequence[float]], lines: Iterable[Iterable[tuple[float, float, str]]]
) -> list[list[str]] | None:
    """Each line's pieces (start, end, text) as a row, each piece in the column (span) it
    overlaps most, so an empty cell stays empty instead of shifting the row left; None when
    fewer than three rows fill two cells, or when the median cell is as long as prose."""
    rows = []
    for pieces in lines:
        row = [""] * len(spans)
        for start, end, text in pieces:
            overlaps = [min(end, b) - max(start, a) for a, b in spans]
            col = max(range(len(spans)), key=overlaps.__getitem__)
            row[col] = f"{row[col]} {text}" if row[col] else text
        rows.append(row)
    if sum(sum(bool(c) for c in row) >= 2 for row in rows) < _MIN_ROWS:
        return None
    cells = sorted(len(c) for row in rows for c in row if c)
    if cells[len(cells) // 2] > _MAX_CELL_CHARS:
        return None
    return rows


def _key(row: Sequence[str]) -> tuple[str, ...]:
    return tuple(" ".join(c.split()) for c in row if c.strip())


def _header_of(rows: list[list[str]]) -> tuple[int | None, tuple[str, ...] | None]:
    at = find_header_row(rows)
    return at, (_key(rows[at]) if at is not None else None)


def _joined(segments: list[_Segment], max_cells: int) -> list[PdfTable]:
    """Segments in page order → tables. A segment first on its page continues the table that
    ended the page before when it has as many columns, or repeats that table's header (then
    dropped), unless it opens with a header of its own."""
    tables: list[PdfTable] = []
    previous: _Segment | None = None
    cells = 0
    for segment in segments:
        rows = segment.rows
        at, header = _header_of(rows)
        table = tables[-1] if tables else None
        continues = (
            table is not None
            and previous is not None
            and previous.last_on_page
            and segment.first_on_page
            and segment.page == table.last_page + 1
        )
        if continues and table is not None:
            width = len(table.rows[0]) if table.rows else 0
            if header is not None and header == table.header:
                rows = rows[at + 1 :] if at is not None else rows
            elif (header is not None and at == 0) or len(rows[0]) != width:
                continues = False
        if not (continues and table is not None):
            table = PdfTable([], segment.page, segment.page, header)
            tables.append(table)
        table.last_page = segment.page
        for row in rows:
            if cells + len(row) > max_cells:
                table.cut = True
                break
            cells += len(row)
            table.rows.append(row)
        previous = segment
    return [t for t in tables if t.rows]
