"""pi-scan's ruled-table finder and cell text give pdfplumber's results exactly.

Printed tables (``test_pdf_objects.py``) go through both on real pages; here the two parts
that replace pdfplumber's own code meet shapes a page rarely draws: grids with lines missing
or cut short (merged cells, a frame around a paragraph), and cells whose characters overlap,
step back, hold spaces and ligatures, wrap onto a second line or are rotated.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from pdfplumber import utils as plumber_utils
from pdfplumber.table import edges_to_intersections, intersections_to_cells

from pi_scan.extract import pdf_grid


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _grid(rng: random.Random) -> list[dict[str, Any]]:
    """A table's borders as a word processor draws them, with some lines missing (merged
    cells), some cut short, and each border sometimes drawn in pieces or twice."""
    xs = sorted(rng.sample(range(40, 560, 7), rng.randint(2, 9)))
    tops = sorted(rng.sample(range(50, 800, 5), rng.randint(2, 30)))
    edges = []
    for top in tops:
        if rng.random() < 0.1:
            continue
        start, end = xs[0], xs[-1]
        if rng.random() < 0.15:
            start = rng.choice(xs[:-1])
        if rng.random() < 0.15:
            end = rng.choice([x for x in xs if x > start])
        cut = rng.choice(xs) if rng.random() < 0.2 else None
        pieces = [(start, cut), (cut, end)] if cut and start < cut < end else [(start, end)]
        for x0, x1 in pieces * (2 if rng.random() < 0.1 else 1):
            edges.append(_edge("h", x0, top, x1, top))
    for x in xs:
        if rng.random() < 0.1:
            continue
        start, end = tops[0], tops[-1]
        if rng.random() < 0.2:
            start = rng.choice(tops[:-1])
            end = rng.choice([t for t in tops if t > start])
        edges.append(_edge("v", x, start, x, end))
    return edges


def test_cells_are_pdfplumbers() -> None:
    for seed in range(300):
        intersections = edges_to_intersections(_grid(random.Random(seed)), 3, 3)
        assert pdf_grid._cells(intersections) == intersections_to_cells(intersections), seed


def test_a_full_grid_has_every_cell() -> None:
    """A 3 x 2 grid of lines: 2 x 1 cells, left to right within each column's order."""
    edges = [_edge("h", 10, t, 70, t) for t in (10, 30)] + [
        _edge("v", x, 10, x, 30) for x in (10, 40, 70)
    ]
    cells = pdf_grid._cells(edges_to_intersections(edges, 3, 3))
    assert cells == [(10, 10, 40, 30), (40, 10, 70, 30)]


_TEXTS = ["山", "田", " ", "太", "郎", "A", "1", "ﬁ", "ー", "\u3000", "-"]


def _chars(rng: random.Random) -> list[dict[str, Any]]:
    """A cell's characters in content-stream order: mostly one line left to right, with
    spaces, gaps, overlaps, a step back, a second line, a rotated or empty character."""
    chars = []
    x = rng.uniform(10, 100)
    top = rng.uniform(100, 700)
    for _ in range(rng.randint(1, 14)):
        width = rng.choice([4.5, 9.0, 9.0, 10.0])
        x += rng.choice([0, 0, 0, 0.5, 2.9, 3.1, 6, -width * 1.5])
        jitter = rng.choice([0] * 20 + [0.4, 2.5, 3.5, 11])
        text = rng.choice(_TEXTS) if rng.random() > 0.005 else ""
        chars.append(
            {
                "text": text,
                "x0": x,
                "x1": x + width,
                "top": top + jitter,
                "bottom": top + jitter + 9,
                "doctop": top + jitter + 842,
                "upright": rng.random() > 0.005,
                "height": 9,
                "width": width,
                "size": 9,
            }
        )
        x += width
    return chars


def test_cell_text_is_pdfplumbers(monkeypatch: pytest.MonkeyPatch) -> None:
    read_by_pdfplumber = []
    extract_text = plumber_utils.extract_text
    monkeypatch.setattr(
        plumber_utils,
        "extract_text",
        lambda chars: read_by_pdfplumber.append(1) or extract_text(chars),
    )
    for seed in range(500):
        chars = _chars(random.Random(seed))
        assert pdf_grid.cell_text(chars) == extract_text(chars), seed
    assert 50 < len(read_by_pdfplumber) < 250  # both ways are taken, and compared


def test_cell_text_splits_words_where_pdfplumber_does() -> None:
    """山田 太郎 drawn as four characters with a gap wider than the tolerance: two words."""
    chars = [
        {"text": t, "x0": x, "x1": x + 9, "top": 100.0, "bottom": 109.0, "upright": True}
        for t, x in (("山", 10), ("田", 19), ("太", 40), ("郎", 49))
    ]
    for char in chars:
        char.update(doctop=char["top"], height=9, width=9, size=9)
    assert pdf_grid.cell_text(chars) == "山田 太郎" == plumber_utils.extract_text(chars)
