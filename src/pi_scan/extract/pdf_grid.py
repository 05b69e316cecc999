"""pdfplumber's ruled-table finder and cell text (default settings), the same results, faster.

pdfplumber finds a ruled table's cells by testing, for each crossing of two lines, every later
crossing, and building two sets of line boxes per test: on a printed roster (300 crossings a
page) that is most of the finder's time. And it reads a cell's text through its general word
and line machinery, even for a cell that holds one line of text, which is nearly all of them.
Here the crossings are grouped by column and by row once, each crossing's lines are one set
made once, and a cell whose characters share one line is read in one pass; everything else
goes to pdfplumber's own code. The cells, their order and their text are pdfplumber's:
``tests/extract/test_pdf_grid.py`` compares both steps with pdfplumber's functions on random
grids and character runs, and ``test_pdf_objects.py`` every printed table with
``Page.find_tables`` and ``Table.extract`` (which a pdfplumber release changing them would fail).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from pdfplumber import utils as plumber_utils
from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

Point = tuple[float, float]
Box = tuple[float, float, float, float]


class _Finder(TableFinder):
    """``TableFinder`` with :func:`_cells` for ``intersections_to_cells``."""

    def __init__(self, page: Any) -> None:  # pdfplumber's __init__, one call replaced
        self.page = page
        self.settings = TableSettings.resolve(None)  # the defaults, as Page.find_tables
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges,
            self.settings.intersection_x_tolerance,
            self.settings.intersection_y_tolerance,
        )
        self.cells = _cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def find_tables(page: Any) -> list[Table]:
    """``page.find_tables()``."""
    return _Finder(page).tables


def _cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``: for each crossing in sorted order, the first
    crossing below it and the first to its right that share a line with it and close a cell."""
    points = sorted(intersections)
    vertical = {p: {plumber_utils.obj_to_bbox(e) for e in intersections[p]["v"]} for p in points}
    horizontal = {p: {plumber_utils.obj_to_bbox(e) for e in intersections[p]["h"]} for p in points}
    by_x: dict[float, list[Point]] = defaultdict(list)  # each in sorted (x, top) order
    by_top: dict[float, list[Point]] = defaultdict(list)
    for p in points:
        by_x[p[0]].append(p)
        by_top[p[1]].append(p)

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    cells: list[Box] = []
    for pt in points:
        column = by_x[pt[0]]
        below = column[bisect.bisect_right(column, pt) :]
        row = by_top[pt[1]]
        right = row[bisect.bisect_right(row, pt) :]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: Point,
    below: list[Point],
    right: list[Point],
    intersections: dict[Point, Any],
    connects: Callable[[Point, Point], bool],
) -> Box | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if (
                corner in intersections
                and connects(corner, right_pt)
                and connects(corner, below_pt)
            ):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def rows(table: Table, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """pdfplumber's ``Table.extract()`` (default settings), the same cells from the same
    characters in the same order, but each row's characters found by bisection on their
    vertical centre rather than by testing every character of the page once a row."""
    centres = sorted(
        ((c["top"] + c["bottom"]) / 2, at, (c["x0"] + c["x1"]) / 2) for at, c in enumerate(chars)
    )
    verticals = [v for v, _, _ in centres]
    found: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        span = centres[bisect.bisect_left(verticals, top) : bisect.bisect_left(verticals, bottom)]
        row_chars = [chars[at] for at in sorted(at for _, at, h in span if x0 <= h < x1)]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            inside = [c for c in row_chars if _centre_in(c, cell)]
            cells.append(cell_text(inside) if inside else "")
        found.append(cells)
    return found


def _centre_in(char: dict[str, Any], bbox: Box) -> bool:
    """pdfplumber's ``char_in_bbox`` (in ``Table.extract``)."""
    v_mid = (char["top"] + char["bottom"]) / 2
    h_mid = (char["x0"] + char["x1"]) / 2
    x0, top, x1, bottom = bbox
    return bool((h_mid >= x0) and (h_mid < x1) and (v_mid >= top) and (v_mid < bottom))


def cell_text(chars: list[dict[str, Any]]) -> str:
    """``pdfplumber.utils.extract_text(chars)``.

    Characters upright, with text, and whose tops lie within the line tolerance of each other
    are one line for pdfplumber: its words, split where pdfplumber splits them (a space, a
    gap wider than the tolerance), joined by one space. Anything else (wrapped
    or rotated text) is pdfplumber's to read."""
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) > DEFAULT_Y_TOLERANCE or not all(
        c["upright"] and c["text"] for c in chars
    ):
        return plumber_utils.extract_text(chars)
    words: list[str] = []
    word: list[str] = []
    last: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):  # stable, as pdfplumber sorts a line
        text = char["text"]
        if text.isspace():
            if word:
                words.append("".join(word))
            word, last = [], None
            continue
        # pdfplumber also splits where a character starts left of the last one's start, which
        # a line sorted by that start never holds
        if last is not None and (
            char["x0"] > last["x1"] + DEFAULT_X_TOLERANCE
            or abs(char["top"] - last["top"]) > DEFAULT_Y_TOLERANCE
        ):
            words.append("".join(word))
            word = []
        word.append(LIGATURES.get(text, text))
        last = char
    if word:
        words.append("".join(word))
    return " ".join(words)
