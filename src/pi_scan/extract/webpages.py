"""HTML pages: the text outside tables, and each <table> as its own table Dataset.

Web systems (校務支援, 学習管理) often export 「Excel形式」 files that are really HTML tables
saved as .xls, so a roster can arrive as markup. lxml's HTML parser does not fetch external
entities or resources.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from pi_scan.config import ScanConfig
from pi_scan.extract.source import Source, truncation_note
from pi_scan.extract.tabular import MergedRange, grid_dataset
from pi_scan.model import Dataset

BODY_NAME = "本文"
_MAX_SPAN = 1000  # a colspan/rowspan of 10**9 must not allocate a billion cells
MAX_WIDTH = 16_384  # grid columns kept per table row (Excel's width)
_BLOCKS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}
_HTML_START = re.compile(
    r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|table|meta)", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


def extract_html(source: Source, markup: str, config: ScanConfig) -> list[Dataset]:
    if not markup.strip():
        return [source.text("")]
    root = lxml.html.document_fromstring(markup)
    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    tables = root.xpath("//table")
    datasets = [
        _table_dataset(source, table, f"表{n}", config) for n, table in enumerate(tables, start=1)
    ]
    for table in tables:
        if table.getparent() is not None and not table.xpath("ancestor::table"):
            table.drop_tree()  # table text is in the table datasets, not again in the body text
    text = html_text(root)
    if text.strip() or not datasets:
        datasets.insert(0, _text(source, text, config))
    return datasets


def html_text(root: lxml.html.HtmlElement) -> str:
    """Visible text with line breaks where block elements end."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _text(source: Source, text: str, config: ScanConfig) -> Dataset:
    limit = config.limits.max_text_chars
    if len(text) > limit:
        return source.text(text[:limit], name=BODY_NAME, note=truncation_note(limit, "characters"))
    return source.text(text, name=BODY_NAME)


def _table_dataset(
    source: Source, table: lxml.html.HtmlElement, name: str, config: ScanConfig
) -> Dataset:
    rows, merged, cut = table_grid(table, config.limits.max_sheet_cells)
    return grid_dataset(source, rows, merged, cut, name, config)


def table_grid(
    table: lxml.html.HtmlElement, max_cells: int = 5_000_000
) -> tuple[list[list[str]], list[MergedRange], bool]:
    """Cell texts laid on the grid: a colspan/rowspan cell's text in its first slot only.

    Spans are capped, rows are at most ``MAX_WIDTH`` wide, and laying out stops after
    ``max_cells`` (True as the third value): 200 rows of 200 cells spanning 1,000 columns each
    must not become 40 million cells.
    """
    rows: list[list[str]] = []
    merged: list[MergedRange] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    cells = 0
    for r, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
        row: list[str] = []
        for cell in tr.xpath("./td|./th"):
            if len(row) >= MAX_WIDTH:
                break
            while pending.get(len(row), 0) > 0:
                row.append("")
            col = len(row)
            colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
            row.append(" ".join(cell.text_content().split()))
            row.extend([""] * (colspan - 1))
            if colspan > 1 or rowspan > 1:
                merged.append(((r, col), (r + rowspan - 1, col + colspan - 1)))
            for c in range(col, col + colspan):
                pending[c] = max(pending.get(c, 0), rowspan)
        pending = {c: left - 1 for c, left in pending.items() if left > 1}
        rows.append(row)
        cells += len(row)
        if cells > max_cells:
            return rows, merged, True
    return rows, merged, False


def _span(cell: lxml.html.HtmlElement, attribute: str) -> int:
    try:
        return min(max(int(cell.get(attribute, "1")), 1), _MAX_SPAN)
    except ValueError:
        return 1
