"""Tables laid out the other way round: the field names down the first column.

Two layouts Japanese offices use a lot, which a header-row reading gets wrong (the first
person's values become the column names, and each field a "record"):

- a card (個人票, 家庭調査票): one person per sheet, ``氏名 | 山田 太郎`` on one row,
  ``住所 | …`` on the next, possibly in pairs (``氏名 | 山田 太郎 | 性別 | 男``);
- a transposed list: fields down column A, one person per column.

:func:`card_table` turns either into an ordinary table (one row per person, the field names as
the header). It needs to know which cells are field names; the caller passes that test (the
header vocabulary), so extraction stays free of detection.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pandas as pd

from pi_scan.extract.tabular import (
    CELLS,
    HEADER_ROWS_ATTR,
    ROWS_ABOVE_ATTR,
    is_numeric_like,
    unique_columns,
)

MIN_LABELS = 3  # field names the first column needs before the layout is taken for a card
MIN_PAIRED_LABELS = 2  # ... and a further column of field names (氏名 | 山田 | 性別 | 男)
# The share of a label column's cells that are known field names: a card also has fields of its
# own (委員番号, 担当地区, 任期, 職業), a title above and a note below
LABEL_SHARE = 0.3
SHAPED_SHARE = 0.8  # ... and the share that look like field names at all (short, not values)
MAX_LABEL_CHARS = 15
MIN_VALUE_SHARE = 0.3  # a person's column holds values on this share of the fields at least
MAX_FIELDS = 200  # a card or a transposed list has a few dozen fields, not thousands of rows
# A note under a card (※取扱注意, 注:, 以上) or a stamp box (印, ㊞) is no field
_NOTE = re.compile(r"\s*(?:※|＊|\*|注[:：)）]|[(（]注|以上$|[印㊞]$)")


def card_table(
    table: pd.DataFrame, has_header: bool, is_label: Callable[[str], bool]
) -> pd.DataFrame | None:
    """The table read with its field names down the first column, or None when it is not
    laid out that way. ``has_header``: the table's column names came from a header row of
    the source (which is then the first row of the card, below the rows above it)."""
    if len(table) >= MAX_FIELDS or table.shape[1] < 2:
        return None  # checked first: a 50,000-row roster is not turned into lists for nothing
    rows = [[str(v) for v in row] for row in table.to_numpy(dtype=object).tolist()]
    first = rows[0] if rows else []
    if has_header:  # a card's first rows, as they were (not joined into a group header)
        head = table.attrs.get(HEADER_ROWS_ATTR) or [[str(c) for c in table.columns]]
        head = [[str(v) for v in row] for row in head]
        first = head[0]
        above = [[str(v) for v in row] for row in table.attrs.get(ROWS_ABOVE_ATTR) or ()]
        rows[:0] = [*above, *head]
    if not 2 <= len(rows) <= MAX_FIELDS:
        return None
    width = len(rows[0])
    # the first column names the fields or it is no card: the others are looked at only then
    # (most tables are not cards, and every cell of a column is asked whether it names a field)
    if not width or not _label_column(rows, 0, is_label, MIN_LABELS):
        return None
    labels = [0]
    labels.extend(j for j in range(1, width) if _label_column(rows, j, is_label, MIN_PAIRED_LABELS))
    across = [cell for j, cell in enumerate(first) if cell and j not in labels]
    if sum(1 for cell in across if is_label(cell)) > 0.1 * len(across):
        return None  # field names across the first row too: an ordinary table (教科 | 書名 | 番号)
    if labels == [0]:
        return _transposed(rows)
    if all(j + 1 < width and j + 1 not in labels for j in labels):
        return _pairs(rows, labels)
    return None


def _label_shaped(cell: str) -> bool:
    """Short text that could name a field: not a number, a date, an address or a sentence."""
    return (
        len(cell) <= MAX_LABEL_CHARS
        and "\n" not in cell
        and "@" not in cell
        and not is_numeric_like(cell)
    )


def _label_column(
    rows: Sequence[Sequence[str]], column: int, is_label: Callable[[str], bool], minimum: int
) -> bool:
    """Mostly short field-name-like cells, at least ``minimum`` (and a share) of them known
    field names; titles, notes and stamps aside."""
    cells = [row[column] for row in rows if row[column] and not _NOTE.match(row[column])]
    hits = sum(1 for cell in cells if is_label(cell))
    if hits < minimum or hits < LABEL_SHARE * len(cells):
        return False
    return sum(1 for cell in cells if _label_shaped(cell)) >= SHAPED_SHARE * len(cells)


def _transposed(rows: Sequence[Sequence[str]]) -> pd.DataFrame | None:
    """Column A names the fields; every other column holding values on a share of them is a
    person (a stamp box or a date beside the title is not); fields nobody has (the title, a
    note) are left out."""
    fields = [(i, row[0]) for i, row in enumerate(rows) if row[0] and not _NOTE.match(row[0])]
    people = [
        j
        for j in range(1, len(rows[0]))
        if sum(1 for i, _ in fields if rows[i][j]) >= max(1, MIN_VALUE_SHARE * len(fields))
    ]
    fields = [(i, name) for i, name in fields if any(rows[i][j] for j in people)]
    records = [[rows[i][j] for i, _ in fields] for j in people]
    if not records or not fields:
        return None
    names = unique_columns([name for _, name in fields], [i for i, _ in fields])
    return pd.DataFrame(records, columns=names, dtype=CELLS)


def _pairs(rows: Sequence[Sequence[str]], labels: Sequence[int]) -> pd.DataFrame | None:
    """``氏名 | 山田 太郎 | 性別 | 男`` rows: one person, every label beside its value (a
    label without a value, such as a title or a note, is left out)."""
    fields: list[str] = []
    values: list[str] = []
    for row in rows:
        for j in labels:
            if row[j] and row[j + 1] and not _NOTE.match(row[j]):
                fields.append(row[j])
                values.append(row[j + 1])
    if not values:
        return None
    names = unique_columns(fields, list(range(len(fields))))
    return pd.DataFrame([values], columns=names, dtype=CELLS)
