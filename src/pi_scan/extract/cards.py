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

from collections.abc import Callable, Sequence

import pandas as pd

from pi_scan.extract.tabular import HEADER_ROWS_ATTR, unique_columns

MIN_LABELS = 3  # field names a column needs before the layout is taken for a card
LABEL_SHARE = 0.6  # ... and the share of its filled cells they must be
MAX_FIELDS = 200  # a card or a transposed list has a few dozen fields, not thousands of rows
CARD_NOTE = "read as a card: field names down the first column, one person per column"


def card_table(
    table: pd.DataFrame, has_header: bool, is_label: Callable[[str], bool]
) -> pd.DataFrame | None:
    """The table read with its field names down the first column, or None when it is not
    laid out that way. ``has_header``: the table's column names came from a header row of
    the source (which is then the first row of the card)."""
    if len(table) >= MAX_FIELDS or table.shape[1] < 2:
        return None  # checked first: a 50,000-row roster is not turned into lists for nothing
    rows = [[str(v) for v in row] for row in table.to_numpy(dtype=object).tolist()]
    if has_header:  # a card's first rows, as they were (not joined into a group header)
        head = table.attrs.get(HEADER_ROWS_ATTR) or [[str(c) for c in table.columns]]
        rows[:0] = [[str(v) for v in row] for row in head]
    if not 2 <= len(rows) <= MAX_FIELDS:
        return None
    width = len(rows[0])
    labels = [j for j in range(width) if _label_column(rows, j, is_label)]
    if not labels or labels[0] != 0:
        return None
    across = [cell for j, cell in enumerate(rows[0]) if cell and j not in labels]
    if sum(1 for cell in across if is_label(cell)) > 0.1 * len(across):
        return None  # field names across the first row too: an ordinary table (教科 | 書名 | 番号)
    if labels == [0]:
        return _transposed(rows)
    if all(j + 1 < width and j + 1 not in labels for j in labels):
        return _pairs(rows, labels)
    return None


def _label_column(
    rows: Sequence[Sequence[str]], column: int, is_label: Callable[[str], bool]
) -> bool:
    cells = [row[column] for row in rows if row[column]]
    hits = sum(1 for cell in cells if is_label(cell))
    return hits >= MIN_LABELS and hits >= LABEL_SHARE * len(cells)


def _transposed(rows: Sequence[Sequence[str]]) -> pd.DataFrame | None:
    """Column A names the fields; every other column is a person."""
    fields = [(i, row[0]) for i, row in enumerate(rows) if row[0]]
    records = [
        [rows[i][j] for i, _ in fields]
        for j in range(1, len(rows[0]))
        if any(rows[i][j] for i, _ in fields)
    ]
    if not records:
        return None
    names = unique_columns([name for _, name in fields], [i for i, _ in fields])
    return pd.DataFrame(records, columns=names, dtype=str)


def _pairs(rows: Sequence[Sequence[str]], labels: Sequence[int]) -> pd.DataFrame | None:
    """``氏名 | 山田 太郎 | 性別 | 男`` rows: one person, every label beside its value."""
    fields: list[str] = []
    values: list[str] = []
    for row in rows:
        for j in labels:
            if row[j]:
                fields.append(row[j])
                values.append(row[j + 1])
    if not any(values):
        return None
    names = unique_columns(fields, list(range(len(fields))))
    return pd.DataFrame([values], columns=names, dtype=str)
