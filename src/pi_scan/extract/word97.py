"""Legacy Word 97-2003 (.doc): text through the piece table, tables from cell marks.

The text of a .doc lives in the WordDocument stream, in pieces listed by the piece table (CLX)
in the 0Table/1Table stream ([MS-DOC] 2.4.1). Reading it takes a few dozen bytes of structure
and bounded slices, no formatting: cheap, and safe with hostile offsets (slices never read past
the data). Table cells end with U+0007 and a row ends with one more U+0007; without the
paragraph properties that say so, an empty cell and a row end look alike, so the first row's
cell count decides later rows.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

import olefile

from pi_scan.config import ScanConfig
from pi_scan.extract.source import TRUNCATED_ATTR, Source, tables_over_limit, truncation_note
from pi_scan.extract.tabular import HEADER_SEARCH_ROWS, raw_frame, shape_table
from pi_scan.model import Dataset, Status

BODY_NAME = "本文"
_WIDENT = 0xA5EC
_MIN_NFIB = 0x00C0  # Word 97; Word 6/95 files have a different FIB
_F_WHICH_TABLE = 0x0200
_F_ENCRYPTED = 0x0100
_F_OBFUSCATED = 0x8000
_FC_CLX_INDEX = 33  # fcClx/lcbClx: the 34th pair of FibRgFcLcb97
_COMPRESSED = 0x40000000
_CELL = "\x07"
# Word's control characters → text: breaks become newlines, objects and marks disappear;
# tab and the cell mark stay (U+0013 … U+0014 … U+0015 field codes are handled apart).
_TRANSLATE: dict[int, str | None] = {
    c: "\n" if c in (0x0B, 0x0C, 0x0D) else "-" if c == 0x1E else None
    for c in range(0x20)
    if c not in (0x07, 0x09, 0x0A)
}


@dataclass(frozen=True, slots=True)
class Fib:
    table_stream: str
    fc_clx: int
    lcb_clx: int
    encrypted: bool
    word97: bool


def parse_fib(word: bytes) -> Fib:
    """The few FIB fields needed; struct.error on a stream too short to hold them."""
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident != _WIDENT:
        raise ValueError("not a Word binary document")
    (flags,) = struct.unpack_from("<H", word, 0x0A)
    pos = 32
    (csw,) = struct.unpack_from("<H", word, pos)
    pos += 2 + csw * 2
    (cslw,) = struct.unpack_from("<H", word, pos)
    pos += 2 + cslw * 4
    (count,) = struct.unpack_from("<H", word, pos)
    if count <= _FC_CLX_INDEX:
        raise ValueError("FIB without a piece table")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, pos + 2 + _FC_CLX_INDEX * 8)
    return Fib(
        table_stream="1Table" if flags & _F_WHICH_TABLE else "0Table",
        fc_clx=fc_clx,
        lcb_clx=lcb_clx,
        encrypted=bool(flags & (_F_ENCRYPTED | _F_OBFUSCATED)),
        word97=nfib >= _MIN_NFIB,
    )


def piece_text(word: bytes, clx: bytes, max_chars: int) -> str:
    """Concatenate the pieces of the piece table, at most ``max_chars`` characters."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: formatting we do not need
        (size,) = struct.unpack_from("<H", clx, pos + 1)
        pos += 3 + size
    if pos >= len(clx) or clx[pos] != 0x02:
        raise ValueError("piece table not found")
    (lcb,) = struct.unpack_from("<I", clx, pos + 1)
    plc = clx[pos + 5 : pos + 5 + lcb]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    parts: list[str] = []
    total = 0
    for i in range(count):
        chars = max(min(cps[i + 1] - cps[i], max_chars - total), 0)
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            parts.append(word[start : start + chars].decode("cp1252", errors="replace"))
        else:
            parts.append(word[fc : fc + 2 * chars].decode("utf-16-le", errors="replace"))
        total += chars
        if total >= max_chars:
            break
    return "".join(parts)


def clean_text(raw: str) -> str:
    """Drop field instructions (keep their results) and map Word's control characters."""
    if "\x13" not in raw:
        return raw.translate(_TRANSLATE)
    out: list[str] = []
    fields: list[bool] = []  # per open field: still in its instruction part?
    for ch in raw:
        if ch == "\x13":
            fields.append(True)
        elif ch == "\x14":
            if fields:
                fields[-1] = False
        elif ch == "\x15":
            if fields:
                fields.pop()
        elif not any(fields):
            out.append(ch)
    return "".join(out).translate(_TRANSLATE)


def split_tables(text: str) -> tuple[str, list[list[list[str]]]]:
    """Body paragraphs apart, table rows apart (cells end with U+0007, rows with one more)."""
    body: list[str] = []
    tables: list[list[list[str]]] = []
    table: list[list[str]] = []
    row: list[str] = []
    carry: list[str] = []  # paragraphs of a cell whose end mark has not come yet
    paragraphs = text.split("\n")
    for index, paragraph in enumerate(paragraphs):
        *cells, rest = paragraph.split(_CELL)
        for cell in cells:
            content = "\n".join([*carry, cell]).strip()
            carry = []
            width = len(table[0]) if table else 0
            if not content and row and (not width or len(row) >= width):
                table.append(row)
                row = []
            else:
                row.append(content)
        if not rest and cells:
            continue
        next_has_cells = index + 1 < len(paragraphs) and _CELL in paragraphs[index + 1]
        if row or (table and next_has_cells):
            carry.append(rest)
            continue
        if table:
            tables.append(table)
            table = []
        body.append(rest)
    if row:
        table.append(row)
    if table:
        tables.append(table)
    body.extend(carry)
    return "\n".join(p for p in body if p.strip()), tables


def extract_doc(source: Source, config: ScanConfig) -> list[Dataset]:
    limits = config.limits
    with source.open() as stream, olefile.OleFileIO(stream) as ole:
        word = _stream(ole, "WordDocument", limits.max_file_bytes)
        fib = parse_fib(word)
        if fib.encrypted:
            return [source.failure(Status.ENCRYPTED, "password-protected Word 97-2003 document")]
        if not fib.word97:
            return [source.failure(Status.SKIPPED, "Word 6/95 documents not supported")]
        table_stream = _stream(ole, fib.table_stream, limits.max_file_bytes)
    clx = table_stream[fib.fc_clx : fib.fc_clx + fib.lcb_clx]
    raw = piece_text(word, clx, limits.max_text_chars + 1)
    body, tables = split_tables(clean_text(raw))
    note = (
        truncation_note(limits.max_text_chars, "characters")
        if len(raw) > limits.max_text_chars
        else ""
    )
    datasets = [source.text(body, name=BODY_NAME, note=note)]
    datasets.extend(_tables(source, tables[: limits.max_tables], config))
    return datasets + tables_over_limit(source, len(tables), config)


def _stream(ole: olefile.OleFileIO, name: str, limit: int) -> bytes:
    if not ole.exists(name):
        raise ValueError("stream missing")
    with ole.openstream(name) as stream:
        return stream.read(limit)


def _tables(source: Source, tables: list[list[list[str]]], config: ScanConfig) -> Iterator[Dataset]:
    max_rows = config.limits.max_rows
    for number, rows in enumerate(tables, start=1):
        shaped = shape_table(raw_frame(rows, HEADER_SEARCH_ROWS + max_rows + 1), max_rows)
        if shaped.truncated:
            shaped.table.attrs[TRUNCATED_ATTR] = True
        note = shaped.note(max_rows)
        yield source.table(
            shaped.table, name=f"表{number}", header_row=shaped.header_row, note=note
        )
