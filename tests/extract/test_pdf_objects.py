"""The fast readers of a PDF page find the tables pdfplumber finds, with the same cells.

pi-scan reads a ruled page's lines and characters with PDFium (or, where PDFium would read
them otherwise, with pdfminer straight into pdfplumber's dicts) and runs pdfplumber's table
finder on them (:mod:`pi_scan.extract.pdf_objects`). Each page of PDFs drawn here in varied
shapes is read both ways, by pi-scan and by pdfplumber's own ``find_tables``, and the tables
(position, every cell's text) and the text outside them must be equal. Fonts: reportlab's
embedded Vera (TrueType) and Helvetica (standard font), which PDFium reads, and the Japanese
CID font with no font file, which goes to pdfminer. Names and numbers are made up.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NumberObject, RectangleObject
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pi_scan.extract import pdf_grid, pdf_objects, pdf_tables

CID = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(CID))
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # shipped with reportlab: embedded subset

LATIN_HEADER = ["No", "Name", "City", "Phone", "Note"]
LATIN_ROWS = [
    [str(i), f"Member {chr(65 + i % 26)}{i}", ["Osaka", "Kobe", "Nara", ""][i % 4],
     f"090-{1000 + i:04d}-{2000 + 7 * i:04d}",
     "moved in spring, new address to follow by post" if i % 5 == 0 else ""]
    for i in range(1, 61)
]  # fmt: skip
KANA_HEADER = ["番号", "氏名", "ﾌﾘｶﾞﾅ", "電話番号"]
KANA_ROWS = [
    [str(i), f"山田 {n}", f"ﾔﾏﾀﾞ {k}", f"03-{3000 + i:04d}-{4000 + i:04d}"]
    for i, (n, k) in enumerate(
        [("太郎", "ﾀﾛｳ"), ("花子", "ﾊﾅｺ"), ("一郎", "ｲﾁﾛｳ"), ("", ""), ("陽菜", "ﾋﾅ")] * 4, 1
    )
]


def _platypus(font: str, header: list[str], rows: list[list[str]], **options: Any) -> bytes:
    """A table as a word processor prints it: grid, a title and text above and below; long
    cells wrap (Paragraph), a spanned cell looks merged, the header repeats on each page."""
    buffer = io.BytesIO()
    style = ParagraphStyle("p", fontName=font, fontSize=9, leading=11)
    cells = [[Paragraph(c, style) if len(c) > 20 else c for c in row] for row in rows]
    table = Table([header, *cells], repeatRows=1, colWidths=options.get("widths"))
    commands = [("FONT", (0, 0), (-1, -1), font, 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    commands += options.get("style", [])
    table.setStyle(TableStyle(commands))
    story = [
        Paragraph("Member list 2024 (made up)", ParagraphStyle("t", fontName=font, fontSize=14)),
        Spacer(1, 10),
        Paragraph("Text above the table, outside any cell.", style),
        Spacer(1, 8),
        table,
        Spacer(1, 8),
        Paragraph("Text below the table: signed by the secretary.", style),
    ]
    SimpleDocTemplate(buffer, pagesize=options.get("pagesize", A4)).build(story)
    return buffer.getvalue()


def _drawn(font: str) -> bytes:
    """Lines drawn one by one and cells as thin filled rectangles (as Excel prints borders),
    one empty cell, and a cell whose text is in two drawing calls."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    xs, ys = [50, 120, 300, 450], [700, 680, 660, 640, 620]
    pdf.setFont(font, 10)
    pdf.drawString(50, 720, "Roster (drawn by hand)")
    for x in xs:
        pdf.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1], stroke=0, fill=1)  # thin rectangles
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    texts = [["No", "Name", "Phone"], ["1", "Ann Lee", "03-1111-2222"], ["2", "", "03-3333-4444"],
             ["3", "Bo Kim", "03-5555-6666"]]  # fmt: skip
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            pdf.drawString(xs[c] + 4, ys[r] - 14, text)
    pdf.drawString(xs[2] + 70, ys[3] - 14, "(mobile)")
    pdf.drawString(50, 600, "Below the grid.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _columns(font: str) -> bytes:
    """A list set in columns with no line drawn: no ruled table."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(font, 10)
    for i, row in enumerate([LATIN_HEADER[:4], *[r[:4] for r in LATIN_ROWS[:30]]]):
        for x, text in zip([50, 90, 220, 330], row, strict=True):
            pdf.drawString(x, 780 - 16 * i, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _boxed(data: bytes, change: Callable[[Any], None]) -> bytes:
    """The PDF with each page changed by pypdf (rotated, cropped, its MediaBox moved)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        change(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _whole_widths(data: bytes) -> bytes:
    """The PDF with its fonts' widths rounded up to whole units, as Word and Excel write them
    (reportlab writes fractions, which PDFium would truncate, so PDFium would not read it)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if "/Widths" in font:
                widths = font["/Widths"].get_object()
                widths[:] = [NumberObject(math.ceil(float(w))) for w in widths]
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _rotated(page: Any) -> None:
    page.rotate(90)


def _cropped(page: Any) -> None:
    page.cropbox = RectangleObject([30, 40, 560, 800])


def _moved(page: Any) -> None:
    """MediaBox not at the origin: the content drawn 50 left and 60 down of it."""
    page.add_transformation((1, 0, 0, 1, -50, -60))
    page.mediabox = RectangleObject([-50, -60, 545.28, 781.89])


PDFS: dict[str, Callable[[], bytes]] = {
    "latin-vera-fractions": lambda: _platypus("Vera", LATIN_HEADER, LATIN_ROWS[:20]),
    "latin-vera": lambda: _whole_widths(_platypus("Vera", LATIN_HEADER, LATIN_ROWS)),
    "latin-helvetica": lambda: _platypus("Helvetica", LATIN_HEADER, LATIN_ROWS),
    "spans": lambda: _whole_widths(
        _platypus(
            "Vera",
            LATIN_HEADER,
            LATIN_ROWS[:12],
            style=[("SPAN", (1, 2), (2, 2)), ("SPAN", (4, 3), (4, 5))],
        )
    ),
    "drawn": lambda: _whole_widths(_drawn("Vera")),
    "drawn-helvetica": lambda: _drawn("Helvetica"),
    "rotated": lambda: _boxed(
        _whole_widths(_platypus("Vera", LATIN_HEADER, LATIN_ROWS[:20])), _rotated
    ),
    "landscape-rotated": lambda: _boxed(
        _whole_widths(_platypus("Vera", LATIN_HEADER, LATIN_ROWS[:10], pagesize=landscape(A4))),
        _rotated,
    ),
    "cropped": lambda: _boxed(
        _whole_widths(_platypus("Vera", LATIN_HEADER, LATIN_ROWS[:20])), _cropped
    ),
    "moved": lambda: _boxed(
        _whole_widths(_platypus("Vera", LATIN_HEADER, LATIN_ROWS[:20])), _moved
    ),
    "kana-cid": lambda: _platypus(CID, KANA_HEADER, KANA_ROWS),
    "columns": lambda: _whole_widths(_columns("Vera")),
}


def _plumber_view(data: bytes, index: int) -> tuple[list, str]:
    """pdfplumber alone: each table's bbox and cells, and the text outside the tables."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[index]
        tables = page.find_tables()
        outside = page
        for table in tables:
            outside = outside.outside_bbox(table.bbox, strict=False)
        return [(t.bbox, t.extract()) for t in tables], outside.extract_text()


def _our_view(page: Any) -> tuple[list, str]:
    tables = pdf_grid.find_tables(page)
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox, strict=False)
    return [(t.bbox, pdf_grid.rows(t, page.chars)) for t in tables], outside.extract_text()


def _objects(page: Any) -> list[float]:
    """Every character's and edge's box, flattened (pytest.approx compares flat lists)."""
    keys = ("x0", "x1", "top", "bottom")
    edges = sorted(tuple(e[k] for k in keys) for e in page.edges)
    return [v for obj in [*(tuple(c[k] for k in keys) for c in page.chars), *edges] for v in obj]


def _texts(page: Any) -> list[tuple[str, bool]]:
    return [(c["text"], c["upright"]) for c in page.chars]


def _assert_same(ours: tuple[list, str], theirs: tuple[list, str], where: object) -> None:
    """Equal cells and text; table corners equal but for PDFium's single-precision floats."""
    assert ours[1] == theirs[1], where
    assert [rows for _, rows in ours[0]] == [rows for _, rows in theirs[0]], where
    for (ours_bbox, _), (theirs_bbox, _) in zip(ours[0], theirs[0], strict=True):
        assert ours_bbox == pytest.approx(theirs_bbox, abs=1e-3), where


def _pages(data: bytes) -> list[tuple[int, Any, str]]:
    reader = PdfReader(io.BytesIO(data))
    return [(i, page, page.extract_text()) for i, page in enumerate(reader.pages)]


@pytest.mark.parametrize("name", sorted(PDFS))
def test_both_readers_find_pdfplumbers_tables(name: str) -> None:
    data = PDFS[name]()
    fast_pages = 0
    document = pdf_objects.PdfiumDocument(io.BytesIO(data))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, pypdf_page, text in _pages(data):
                expected = _plumber_view(data, index)
                plumber_page = pdf.pages[index]
                slow = pdf_objects.pdfminer_page(pdf, plumber_page.page_obj, index)
                assert _our_view(slow) == expected, (name, index, "pdfminer reader")
                assert _texts(slow) == _texts(plumber_page)
                parsed = ContentStream(pypdf_page["/Contents"].get_object(), None, "bytes")
                slow = pdf_objects.pdfminer_page(
                    pdf, plumber_page.page_obj, index, parsed.operations
                )
                assert _our_view(slow) == expected, (name, index, "pdfminer on pypdf's parse")
                assert _objects(slow) == _objects(plumber_page)
                assert _texts(slow) == _texts(plumber_page)
                try:
                    fast = document.read_page(index, pypdf_page, text)
                except pdf_objects.Unsupported:  # seen before PDFium reads the page
                    fast = None
                if fast is not None:
                    fast_pages += 1
                    _assert_same(_our_view(fast), expected, (name, index))
                    assert _objects(fast) == pytest.approx(_objects(plumber_page), abs=1e-3)
                    assert _texts(fast) == _texts(plumber_page)
    finally:
        document.close()
    if name in ("kana-cid", "latin-vera-fractions"):
        assert fast_pages == 0  # a CJK font with no font file, widths PDFium would truncate
    else:
        assert fast_pages == len(_pages(data)), name  # or this test tests nothing


def test_find_tables_is_unchanged_across_pages(tmp_path: Path) -> None:
    """Through pdf_tables: a table over three pages is one table whose rows are pdfplumber's
    cells (normalised), and the text around it is pdfplumber's text outside the table."""
    data = PDFS["latin-vera"]()
    pages = _pages(data)
    assert len(pages) >= 2
    candidates = [pdf_tables.Candidate(i, page, text, 100) for i, page, text in pages]
    found = pdf_tables.find_tables(candidates, lambda: io.BytesIO(data), float("inf"), 10**6)
    expected_rows = []
    for index, _, _ in pages:
        tables, outside = _plumber_view(data, index)
        assert found.texts[index] == outside
        for _, rows in tables:
            expected_rows += pdf_tables._cells(rows)[(1 if index else 0) :]  # header repeated
    assert len(found.tables) == 1
    assert found.tables[0].rows == expected_rows
    assert (found.tables[0].first_page, found.tables[0].last_page) == (0, len(pages) - 1)


def test_table_without_lines_goes_to_the_layout_reader() -> None:
    data = PDFS["columns"]()
    ((index, page, text),) = _pages(data)
    candidate = pdf_tables.Candidate(index, page, text, 0)
    with pdf_tables._Plumber(lambda: io.BytesIO(data)) as plumber:
        assert plumber.tables(candidate) == ([], "")  # no ruled table found …
    segments, _ = pdf_tables._page_tables(candidate, plumber)
    assert segments and segments[0].rows[0][:2] == ["No", "Name"]  # … the columns are one


def test_a_page_pdfium_cannot_read_as_pdfminer_is_left_to_pdfminer() -> None:
    """PDFium and pypdf must read the same characters: a page whose text pypdf reads
    otherwise (here: told so) is not read by PDFium."""
    data = PDFS["latin-vera"]()
    index, page, text = _pages(data)[0]
    document = pdf_objects.PdfiumDocument(io.BytesIO(data))
    try:
        assert document.read_page(index, page, text) is not None
        assert document.read_page(index, page, text + "漢") is None
    finally:
        document.close()


def test_a_page_drawn_with_a_font_pdfium_would_refuse_is_refused_before_pdfium_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Japanese text in a font with a predefined CMap and no font file (as reportlab writes
    it): refused from the page's resources and content, PDFium never asked for the page;
    a page that only lists such a font among its resources is still read."""
    data = PDFS["kana-cid"]()
    index, page, text = _pages(data)[0]
    document = pdf_objects.PdfiumDocument(io.BytesIO(data))
    asked: list[int] = []
    real = pdf_objects.pdfium.PdfDocument.__getitem__
    monkeypatch.setattr(
        pdf_objects.pdfium.PdfDocument,
        "__getitem__",
        lambda self, i: asked.append(i) or real(self, i),
    )
    try:
        with pytest.raises(pdf_objects.Unsupported, match="font"):
            document.read_page(index, page, text)
        assert asked == []
    finally:
        document.close()
    _, refused = pdf_objects._font_descents(page)
    assert refused
    name = refused[0].encode()
    assert pdf_objects._selects_font(b"BT /" + name + b" 10.5 Tf (x) Tj ET", refused)
    assert not pdf_objects._selects_font(b"BT /" + name + b"X 10.5 Tf (x) Tj ET", refused)
    assert not pdf_objects._selects_font(b"0 0 10 10 re f", refused)


def test_the_content_stream_as_read_gives_the_page_pypdf_would_write_out() -> None:
    data = PDFS["latin-vera"]()
    for index, page, text in _pages(data):
        document = pdf_objects.PdfiumDocument(io.BytesIO(data))
        try:
            written = _objects(document.read_page(index, page, text))
            stream = page["/Contents"].get_object().get_data()
            assert _objects(document.read_page(index, page, text, stream)) == written
        finally:
            document.close()
