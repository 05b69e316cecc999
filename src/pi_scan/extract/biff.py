"""BIFF8, the record format of an Excel 97-2003 Workbook stream: the record loop and the few
records pi-scan reads (sheets and their cells, for their extent; FILEPASS, for encryption).

A stream is a run of records: a 2-byte kind, a 2-byte body size, the body. Each sheet's
records sit between a BOF and its EOF; the workbook globals come first.
"""

from __future__ import annotations

from collections.abc import Iterator

BOF, EOF, BOUNDSHEET, FILEPASS = 0x0809, 0x000A, 0x0085, 0x002F
# records holding one value at (row, col): NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, RSTRING
VALUE_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6})
MULRK = 0x00BD  # row, first column, ..., last column


def records(stream: bytes, pos: int = 0) -> Iterator[tuple[int, int, int]]:
    """(kind, body offset, body size) of each record from ``pos`` until the data ends; the
    last body is cut to the data (malformed streams are read as far as they go)."""
    end = len(stream)
    while pos + 4 <= end:
        kind = stream[pos] | stream[pos + 1] << 8
        size = stream[pos + 2] | stream[pos + 3] << 8
        yield kind, pos + 4, min(size, end - pos - 4)
        pos += 4 + size


def boundsheets(stream: bytes) -> list[tuple[str, int]]:
    """(sheet name, offset of its BOF) of each BOUNDSHEET record of the workbook globals."""
    sheets = []
    for kind, at, size in records(stream):
        if kind == EOF:
            break
        if kind != BOUNDSHEET or size < 8:
            continue
        offset = int.from_bytes(stream[at : at + 4], "little")
        count, high = stream[at + 6], stream[at + 7] & 1
        raw = stream[at + 8 : at + 8 + count * (2 if high else 1)]
        sheets.append((raw.decode("utf-16-le" if high else "latin-1", "replace"), offset))
    return sheets


def is_encrypted(stream: bytes) -> bool:
    """True when the workbook globals carry a FILEPASS record (RC4 / XOR obfuscation)."""
    for kind, at, _ in records(stream):
        if at == 4 and kind != BOF:
            return False  # not a workbook stream
        if kind == FILEPASS:
            return True
        if kind == EOF:
            return False
    return False
