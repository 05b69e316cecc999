"""Shared table shaping: find the header row below title rows, name columns, drop empty space.

Every table reader (CSV, spreadsheets, Word tables) first builds a *raw* frame: all cells as
stripped strings ("" for empty), the index and columns being the 0-based row and column numbers
in the source. :func:`shape_table` then finds the header and returns the records below it.

Japanese rosters rarely start at A1: a title ("2024年度 3年1組 名簿"), a blank row, a date line,
then the header. pandas' ``header=0`` would name the columns ``Unnamed: n`` and count the real
header as a record, so the header is searched for instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Protocol

import numpy as np
import pandas as pd

from pi_scan.config import ScanConfig
from pi_scan.extract.source import TRUNCATED_ATTR, Source, truncation_note
from pi_scan.model import Dataset

HEADER_SEARCH_ROWS = 30
"""The header must start within this many rows of the top."""

MAX_COLUMNS = 4_096
"""Columns kept per table (Excel's width): a CSV header of a million commas is not a million
columns to examine."""
COLUMNS_CUT_ATTR = "columns_cut"
CELLS = object
"""The dtype of the tables extractors make: their cells, Python str, in one object block.
pandas' own ``str`` dtype keeps a block per column and converts each at every
``to_numpy(dtype=object)``, which the header search, the card check, column detection and
the 要配慮 search each take: on the small tables of ordinary files those conversions cost as
much as parsing the file. (CSV files keep ``read_csv``'s ``str``: it reads them faster than
``object``.)"""

_LOOKAHEAD = 5  # non-empty rows below a candidate header that must look like its records
_CHUNK_ROWS = 65_536  # rows converted to a frame at a time, to bound Python-list memory

# Numbers, dates, times, phone numbers, codes: cells made of digits and separators only.
_NUMERIC = re.compile(r"[+\-−－(（]?[0-9０-９][0-9０-９,，.．:：/／\-−－ー() （）\s]*")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")

MergedRange = tuple[tuple[int, int], tuple[int, int]]
"""((first_row, first_col), (last_row, last_col)), inclusive, as python-calamine reports them."""


@dataclass(frozen=True, slots=True)
class Shaped:
    table: pd.DataFrame
    header_row: int | None
    truncated: bool  # rows beyond ``max_rows`` were dropped
    columns_cut: bool = False  # columns beyond ``MAX_COLUMNS`` were dropped
    positions: tuple[int, ...] = ()  # the source column of each of ``table``'s columns

    def note(self, max_rows: int) -> str:
        """What was left out, for the dataset's ``error`` column ("" when nothing was)."""
        notes = []
        if self.truncated:
            notes.append(f"truncated: first {max_rows:,} rows read")
        if self.columns_cut:
            notes.append(f"truncated: first {MAX_COLUMNS:,} columns read")
        return "; ".join(notes)


class SharedRows(list):
    """Rows kept in ``table.attrs``, never changed once set. pandas deep-copies a frame's
    ``attrs`` into every Series and frame derived from it (each column taken for detection,
    each ``astype``): these rows are handed on as they are instead (a deep copy is the same
    object), which was 5 % of the time of a share of small files."""

    def __deepcopy__(self, memo: dict) -> SharedRows:
        return self


# table.attrs key: the source rows read as the header (one, or two for a group header), cells
# as they were, for the table's columns (extract/cards.py reads a card's first rows from it)
HEADER_ROWS_ATTR = "pi_scan_header_rows"
# table.attrs key: the non-empty rows above the header (titles, or a card's first fields when
# a label | value row was taken for the header), for the table's columns
ROWS_ABOVE_ATTR = "pi_scan_rows_above"


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: ISO dates, whole floats without ".0", everything stripped."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    return str(value).strip()


def raw_frame(rows: Iterable[Sequence[object]], max_rows: int, col_offset: int = 0) -> pd.DataFrame:
    """Cells → a raw all-str frame, converting at most ``max_rows`` rows, chunk by chunk."""
    chunks: list[pd.DataFrame] = []
    batch: list[list[str]] = []
    start = 0
    cut = False
    for count, row in enumerate(rows):
        if count >= max_rows:
            break
        if len(row) > MAX_COLUMNS:
            cut = True
            row = row[:MAX_COLUMNS]
        # most cells are text: strip them inline, without a call per cell (same result)
        batch.append([v.strip() if type(v) is str else cell_text(v) for v in row])
        if len(batch) == _CHUNK_ROWS:
            chunks.append(_chunk(batch, start))
            start += len(batch)
            batch = []
    if batch or not chunks:
        chunks.append(_chunk(batch, start))
    # chunks of different widths are aligned with NaN; one chunk, padded by _chunk, has none
    frame = pd.concat(chunks).fillna("") if len(chunks) > 1 else chunks[0]
    frame.columns = range(col_offset, col_offset + frame.shape[1])
    if cut:
        frame.attrs[COLUMNS_CUT_ATTR] = True
    return frame


def _chunk(batch: list[list[str]], start: int) -> pd.DataFrame:
    width = max(map(len, batch), default=0)
    for row in batch:
        if len(row) < width:  # ragged rows (Word and HTML tables): pad, pandas will not
            row.extend([""] * (width - len(row)))
    return pd.DataFrame(batch, index=range(start, start + len(batch)), dtype=CELLS)


def is_numeric_like(text: str) -> bool:
    return bool(_NUMERIC.fullmatch(text))


# A day's column label in a grid (出席簿: 11/1, 11/5(火) ...): a month and a day, no year
_DAY_LABEL = re.compile(r"[0-9０-９]{1,2}[/／][0-9０-９]{1,2}(?:\s*[(（]\S[)）])?")


def _is_day_label(text: str) -> bool:
    return bool(_DAY_LABEL.fullmatch(text))


def _header_like(cells: Sequence[str]) -> bool:
    """At least two text cells, mostly non-numeric, none looking like a record value. Day
    labels (11/1) are neither: a grid of days beside 番号 | 氏名 is still a header."""
    filled = [c for c in cells if c and not _is_day_label(c)]
    texts = [c for c in filled if not is_numeric_like(c)]
    if len(texts) < 2 or len(texts) < 0.6 * len(filled):
        return False
    # e-mail addresses and long prose are values, not column names
    return not any("@" in c or len(c) > 40 for c in texts)


def _filled_positions(cells: Sequence[str]) -> list[int]:
    return [i for i, c in enumerate(cells) if c]


def _records_below(rows: Sequence[Sequence[str]], at: int) -> list[Sequence[str]]:
    return [r for r in rows[at + 1 :] if any(r)][:_LOOKAHEAD]


def _fits_records(header: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """Do the non-empty rows below look like records under ``header``?"""
    filled = _filled_positions(header)
    widths = [len(_filled_positions(r)) for r in below]
    if len(filled) < 0.5 * median(widths):
        return False  # a title or a "担任: 山田" line above a wider table
    first, last = filled[0], filled[-1]
    cells_below = [i for r in below for i in _filled_positions(r)]
    inside = sum(first <= i <= last for i in cells_below)
    if inside < 0.6 * len(cells_below):
        return False
    return not _same_shape_as_records(header, below)


def _same_shape_as_records(header: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """True when the candidate is numeric where its records are: it is a record itself."""
    numeric_cols = []
    for col in range(len(header)):
        values = [r[col] for r in below if col < len(r) and r[col]]
        if values and sum(map(is_numeric_like, values)) >= 0.8 * len(below):
            numeric_cols.append(col)
    if not numeric_cols:
        return False
    numeric_in_header = sum(
        is_numeric_like(header[c]) and not _is_day_label(header[c])
        for c in numeric_cols
        if header[c]
    )
    return numeric_in_header > len(numeric_cols) / 2


def find_header_row(rows: Sequence[Sequence[str]]) -> int | None:
    """Index in ``rows`` of the first row that looks like a header over records, or None.

    A header-like row with nothing below is a header (an empty template) only when no row
    above was header-like too: otherwise it is the last record of a table whose header was
    not recognised, and taking it would drop every record above it.
    """
    seen_header_like = False
    for at in range(min(HEADER_SEARCH_ROWS, len(rows))):
        if not _header_like(rows[at]):
            continue
        below = _records_below(rows, at)
        if (below and _fits_records(rows[at], below)) or not (below or seen_header_like):
            return at
        seen_header_like = True
    return None


def unique_columns(texts: Sequence[str], positions: Sequence[int]) -> list[str]:
    """Header texts made unique (氏名, 氏名(2)); an empty header is named by position (列3).

    Never pandas' ``氏名.1``: the names are shown in reports, and read by people."""
    names: list[str] = []
    seen: set[str] = set()
    suffix: dict[str, int] = {}  # the last number tried per base: linear, not quadratic
    for text, pos in zip(texts, positions, strict=True):
        base = _NEWLINES.sub(" ", text).strip() or f"列{pos + 1}"
        name, k = base, suffix.get(base, 0)
        while name in seen:
            k += 1
            name = f"{base}({k + 1})"
        suffix[base] = k
        seen.add(name)
        names.append(name)
    return names


def shape_table(raw: pd.DataFrame, max_rows: int, merged: Sequence[MergedRange] = ()) -> Shaped:
    """Header detection, merged-cell filling, empty row/column removal on a raw frame.

    ``raw``'s index and columns are source row/column numbers, so ``header_row`` and the
    ``列N`` names refer to the source. ``merged`` ranges (spreadsheets) are applied only after
    the header is found: filling a merged title across its columns would make it look like a
    header.
    """
    columns_cut = bool(raw.attrs.get(COLUMNS_CUT_ATTR)) or raw.shape[1] > MAX_COLUMNS
    if raw.shape[1] > MAX_COLUMNS:
        raw = raw.iloc[:, :MAX_COLUMNS]
    # one object matrix for the header search, the emptiness tests, the notes and the kept
    # rows and columns (a pandas selection per step costs more than a small table's cells)
    matrix = raw.to_numpy(dtype=object)
    head = matrix[: HEADER_SEARCH_ROWS + _LOOKAHEAD + 1].tolist()
    at = find_header_row(head)
    header_row: int | None = None
    header = [""] * raw.shape[1]
    header_rows: list[list[str]] = []  # the source rows read as the header, as they were
    start = 0  # the body's first row in raw
    if at is not None:
        columns = [int(c) for c in raw.columns]
        group = _group_above(head, at, int(raw.index[at]), merged, columns)
        below = None if group is not None else _group_below(head, at, raw, merged, columns)
        if group is not None:  # the group row was not taken for the header: it is above it
            header_row = int(raw.index[at - 1])
            header_rows = [[str(c) for c in head[at - 1]], [str(c) for c in head[at]]]
            header = _joined(group, header_rows[1])
            start = at + 1
        elif below is not None:  # the header found is the group row over the sub-headers
            header_row = int(raw.index[at])
            header_rows = [[str(c) for c in head[at]], [str(c) for c in head[at + 1]]]
            header = _joined(below, header_rows[1])
            start = at + 2
        else:
            header_row = int(raw.index[at])
            header = [str(c) for c in head[at]]
            header_rows.append(list(header))
            _fill_header_merges(header, raw, header_row, merged)
            start = at + 1
    truncated = len(raw) - start > max_rows
    stop = min(len(raw), start + max_rows)
    body, offset = raw, start  # rows start:stop of raw, taken once at the end
    values = matrix[start:stop]
    if merged:  # filled in a copy of those rows
        body, offset = raw.iloc[start:stop].copy(), 0
        _fill_vertical_merges(body, merged)
        values = body.to_numpy(dtype=object)
    cells = values != ""  # (missing values, which raw frames do not hold, count as filled)
    keep = cells.any(axis=0) | np.array([bool(h) for h in header], dtype=bool)
    filled = np.flatnonzero(cells.any(axis=1))
    # the columns left out are empty: the same rows, and their cells count for nothing below
    notes = _trailing_notes(values[filled], cells[filled], int(keep.sum()))
    rows = filled[: len(filled) - notes] + offset
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):  # no row left out inside: a slice
        body = body.iloc[rows[0] : rows[-1] + 1]
    else:
        body = body.take(rows)
    if not keep.all():
        body = body.take(np.flatnonzero(keep), axis=1)
    positions = [int(c) for c in body.columns]
    body.columns = unique_columns([h for h, k in zip(header, keep, strict=True) if k], positions)
    body = body.reset_index(drop=True)
    if header_rows:
        kept = np.flatnonzero(keep)
        body.attrs[HEADER_ROWS_ATTR] = SharedRows([r[i] for i in kept] for r in header_rows)
        first = raw.index.get_loc(header_row)
        above = [[str(r[i]) for i in kept] for r in head[:first] if any(r)]
        if above:
            body.attrs[ROWS_ABOVE_ATTR] = SharedRows(above)
    return Shaped(body, header_row, truncated, columns_cut, tuple(positions))


# A note under a table, alone on its row: ※取扱注意, （注）…, 出典: …, 以上
_NOTE = re.compile(r"\s*(?:※|＊|\*|注[:：)）]|[(（]注|備考|出典|資料|作成|更新|以上|【)")


def _trailing_notes(values: np.ndarray, cells: np.ndarray, width: int) -> int:
    """How many rows at the end of a body (``values``, its ``cells`` filled; ``width`` columns
    kept, those left out empty) are notes, not records: a single cell opening like a note,
    under a table whose records fill three cells or more."""
    if len(values) < 2 or width < 3:
        return 0
    counts = cells.sum(axis=1)
    notes = 0
    for row in range(len(values) - 1, 0, -1):
        if counts[row] != 1:
            break
        lone = next(v for v in values[row].tolist() if v)
        if not _NOTE.match(lone):
            break
        notes += 1
    if notes and np.median(counts[: len(values) - notes]) < 3:
        return 0
    return notes


def shape_like(raw: pd.DataFrame, head: Shaped, first_row: int) -> pd.DataFrame:
    """A later chunk of a table shaped as its first was (:func:`shape_table`): the same
    source columns, named alike, values stripped, empty records dropped; rows numbered from
    ``first_row`` on."""
    body = raw.reindex(columns=list(head.positions), fill_value="")
    for column in body.columns:
        body[column] = body[column].fillna("").str.strip()
    body = body.loc[_filled_cells(body).any(axis=1)]
    body.columns = list(head.table.columns)
    body.index = range(first_row, first_row + len(body))
    return body


class RawChunks(Protocol):
    """A table's raw chunks after the first (all-str frames indexed by source row, columns
    by source column), and the file they come from, to close."""

    def __iter__(self) -> Iterator[pd.DataFrame]: ...

    def close(self) -> None: ...


class ChunkedRest:
    """The records after a table's first chunk, shaped like it and capped at ``max_rows``
    (a :class:`pi_scan.model.RowStream`)."""

    def __init__(self, raw: RawChunks, head: Shaped, max_rows: int) -> None:
        self._raw: RawChunks | None = raw
        self._head = head
        self._left = max_rows - len(head.table)
        self.truncated = False

    def chunks(self) -> Iterator[pd.DataFrame]:
        row = len(self._head.table)
        try:
            for raw in self._raw or ():
                body = shape_like(raw, self._head, row)
                if len(body) > self._left:
                    body = body.iloc[: self._left]
                    self.truncated = True
                self._left -= len(body)
                row += len(body)
                if len(body):
                    yield body
                if self.truncated:
                    return
        finally:
            self.close()

    def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:  # once: a descriptor number closed twice may be another file's
            raw.close()


def _filled_cells(frame: pd.DataFrame) -> np.ndarray:
    """``frame != ""`` as a bool array, compared in numpy on one object matrix: a fraction of
    the time pandas takes for the frame (missing values, which raw frames do not hold, count
    as filled either way)."""
    rows, cols = frame.shape
    if not cols:
        return np.zeros((rows, 0), dtype=bool)
    return np.asarray(frame.to_numpy(dtype=object, na_value=None) != "", dtype=bool)


def _fill_header_merges(
    header: list[str], raw: pd.DataFrame, header_row: int, merged: Sequence[MergedRange]
) -> None:
    """A header cell merged across columns (「保護者」 over two columns) names each of them."""
    positions = {int(c): i for i, c in enumerate(raw.columns)}
    for (r0, c0), (r1, c1) in merged:
        if not r0 <= header_row <= r1 or c0 not in positions:
            continue
        value = header[positions[c0]] if r0 == header_row else ""
        for col in range(c0 + 1, c1 + 1):
            if col in positions and not header[positions[col]]:
                header[positions[col]] = value


# What numbers blocks side by side (1組 / 2組, A班 / B班, 第1回 / 第2回)
_ENUMERATION = re.compile(r"[0-9０-９一二三四五六七八九十A-Za-zＡ-Ｚａ-ｚ]")
# A group word is a short label: not a value, a sentence or "担任: 山田"
_GROUP_MAX_CHARS = 20
_LABEL_DELIMITERS = (":", "：", "@")


def _joined(groups: Sequence[str], subs: Sequence[str]) -> list[str]:
    """Each column named by its group and its sub-header (保護者 + 氏名 → 保護者氏名)."""
    return [g + s if g and s and g != s else g or s for g, s in zip(groups, subs, strict=True)]


def _group_above(
    head: Sequence[Sequence[str]],
    at: int,
    header_row: int,
    merged: Sequence[MergedRange],
    columns: Sequence[int],
) -> list[str] | None:
    """The group words over the header found at ``at``, when the row just above it is a
    group row (生徒 over 氏名 / ふりがな, 保護者 over 氏名 / 続柄 / 電話) that was not taken for
    the header: merged across, written once over its first column, or repeated over each."""
    if at == 0:
        return None
    return _group_words(head[at - 1], head[at], header_row - 1, merged, columns, above=True)


def _group_below(
    head: Sequence[Sequence[str]],
    at: int,
    raw: pd.DataFrame,
    merged: Sequence[MergedRange],
    columns: Sequence[int],
) -> list[str] | None:
    """The group words of the header found at ``at``, when the row below it holds the
    sub-headers rather than the first record."""
    if at + 1 >= len(head):
        return None
    sub = [str(c) for c in head[at + 1]]
    if not _header_like(sub) or any(is_numeric_like(c) for c in sub if c):
        return None
    below = _records_below(head, at + 1)
    if below and _same_shape_as_records(sub, below):
        return None
    return _group_words(head[at], sub, int(raw.index[at]), merged, columns, above=False)


def _group_words(
    group: Sequence[str],
    sub: Sequence[str],
    group_row: int,
    merged: Sequence[MergedRange],
    columns: Sequence[int],
    above: bool,
) -> list[str] | None:
    """The group word over each column (\"\" where none) when ``group`` is a group header over
    ``sub``, else None.

    A group spans the columns its cell is merged across; without merges (CSV exports, sheets
    laid out with borders only), the empty cells to its right over sub-headers; a word
    repeated over each column spans those. The evidence must be structural: a merge across, a
    repeated word, or a sub-header written twice (氏名 under 生徒 and under 保護者); ``above``
    (the sub-header row is already known to be the header) also accepts two or more short
    group words over gaps. A single word over every column is a title, not a group."""
    filled = [i for i, c in enumerate(group) if c]
    if not filled or not any(sub):
        return None
    for i in filled:
        cell = group[i]
        if len(cell) > _GROUP_MAX_CHARS or is_numeric_like(cell) or _is_day_label(cell):
            return None
        if any(d in cell for d in _LABEL_DELIMITERS):
            return None
    if len(filled) >= 2 and len({_ENUMERATION.sub("", group[i]) for i in filled}) == 1:
        return None  # 1組 | 2組 | 3組: blocks of the same records side by side, not roles
    index = {c: i for i, c in enumerate(columns)}
    words = [str(c) for c in group]
    down: set[int] = set()  # group cells merged down into the sub-header row
    starts: set[int] = set()  # group cells that open a merged range
    merged_across = False
    for (r0, c0), (r1, c1) in merged:
        if r0 != group_row or c0 not in index:
            continue
        starts.add(index[c0])
        if r1 > r0:
            down.update(index[c] for c in range(c0, c1 + 1) if c in index)
        if c1 > c0:
            for c in range(c0 + 1, c1 + 1):
                if c in index and not words[index[c]]:
                    words[index[c]] = words[index[c0]]
                    merged_across = merged_across or bool(sub[index[c]])
    repeated = any(
        group[i] and group[i] == group[i + 1] and sub[i] and sub[i + 1]
        for i in range(len(group) - 1)
    )
    gaps = False
    if not merged_across and not any(c1 > c0 for (r0, c0), (_, c1) in merged if r0 == group_row):
        for i in filled:
            j = i + 1
            while j < len(words) and not group[j] and sub[j]:
                words[j] = group[i]
                gaps = True
                j += 1

    # a word over an empty sub-header is a column header of its own (番号 written in the upper
    # row, or merged down or across): it must sit between other header cells, not stray
    # beside the table like a note
    def alone(i: int) -> bool:
        return not sub[i] and i not in starts and not (i + 1 < len(group) and group[i + 1])

    if any(alone(i) for i in filled):
        return None
    covered = [i for i, s in enumerate(sub) if s]
    if len(filled) == 1 and all(words[i] == group[filled[0]] for i in covered):
        return None  # one word over the whole table: its title
    subs = [s for s in sub if s]
    twice = len(set(subs)) < len(subs)
    short = len(filled) >= 2 and all(
        len(group[i]) <= 10 and not any(ch.isdigit() for ch in group[i]) for i in filled
    )
    if merged_across or repeated or (gaps and (twice or (above and short))):
        return words
    return None


def _fill_vertical_merges(body: pd.DataFrame, merged: Sequence[MergedRange]) -> None:
    """A class name merged down 40 rows belongs to each of those records."""
    if body.empty:
        return
    first, last = int(body.index[0]), int(body.index[-1])
    columns = {int(c) for c in body.columns}
    for (r0, c0), (r1, c1) in merged:
        if r1 <= r0 or c0 != c1 or c0 not in columns or r0 < first or r0 > last:
            continue
        value = body.at[r0, c0]
        rows = [r for r in range(r0 + 1, min(r1, last) + 1) if r in body.index]
        if value and rows:
            body.loc[rows, c0] = value


def grid_dataset(
    source: Source,
    rows: list[list[str]],
    merged: list[MergedRange],
    cells_cut: bool,
    name: str,
    config: ScanConfig,
) -> Dataset:
    """A table read as a grid of cells (Word, HTML), shaped like a sheet: header found, rows
    capped, and a note where rows or cells were cut."""
    max_rows = config.limits.max_rows
    shaped = shape_table(raw_frame(rows, HEADER_SEARCH_ROWS + max_rows + 1), max_rows, merged)
    notes = [shaped.note(max_rows)] if shaped.note(max_rows) else []
    if cells_cut:
        notes.append(truncation_note(config.limits.max_sheet_cells, "cells"))
    if shaped.truncated or cells_cut:
        shaped.table.attrs[TRUNCATED_ATTR] = True
    return source.table(
        shaped.table, name=name, header_row=shaped.header_row, note="; ".join(notes)
    )
