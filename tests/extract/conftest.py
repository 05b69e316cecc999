"""Helpers for extraction tests: files are written to tmp_path on the fly, never committed."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from pi_scan.config import Limits, ScanConfig
from pi_scan.detect import Detector
from pi_scan.extract import extract_file
from pi_scan.model import Dataset, FileRef, Status


def file_ref(path: Path) -> FileRef:
    return FileRef(
        root=str(path.parent),
        rel_path=path.name,
        abs_path=str(path),
        size_bytes=path.stat().st_size,
        modified="2024-04-01T00:00:00Z",
        owner="teacher",
        mode=0o644,
        world_readable=True,
    )


def extract(path: Path, config: ScanConfig | None = None, **limits: int) -> list[Dataset]:
    """``extract_file`` on a file written by the test; keyword arguments override Limits."""
    config = config or ScanConfig()
    if limits:
        config = replace(config, limits=replace(Limits(), **limits))
    return extract_file(file_ref(path), config)


def only(datasets: list[Dataset]) -> Dataset:
    assert len(datasets) == 1, [(d.member_path, d.name, d.status, d.error) for d in datasets]
    return datasets[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rows_of(dataset: Dataset) -> list[list[str]]:
    assert dataset.status is Status.OK, dataset.error
    assert dataset.table is not None
    return dataset.table.to_numpy().tolist()


def assert_no_values_in_errors(datasets: Iterable[Dataset], values: Iterable[str]) -> None:
    """Error strings are pi-scan's own words: no cell value of the file may leak into them."""
    for dataset in datasets:
        for value in values:
            assert value not in dataset.error, (value, dataset.error)


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patch_zip_headers(data: bytes, *, set_flags: int = 0, clear_flags: int = 0) -> bytes:
    """Change the general-purpose flags of every member, in local and central headers.

    zipfile cannot write encrypted members or legacy (non-UTF-8) names: tests build an
    ordinary zip and flip the bits afterwards.
    """
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = out.find(signature)
        while pos >= 0:
            (flags,) = struct.unpack_from("<H", out, pos + offset)
            struct.pack_into("<H", out, pos + offset, (flags | set_flags) & ~clear_flags)
            pos = out.find(signature, pos + 4)
    return bytes(out)


@pytest.fixture
def config() -> ScanConfig:
    return ScanConfig()


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (CFB v3) holding ``streams``, for legacy Office tests.

    No writer for .doc exists in Python; olefile only reads. Every stream is padded to 4096
    bytes so that it lives in regular sectors (no mini stream needed).
    """
    sector = 512
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    padded = {name: data.ljust(max(len(data), 4096), b"\0") for name, data in streams.items()}
    next_free = 2  # sector 0: FAT, sector 1: directory
    fat = [fat_sector, end]
    starts = {}
    for name, data in padded.items():
        count = -(-len(data) // sector)
        starts[name] = next_free
        fat += [next_free + i + 1 for i in range(count - 1)] + [end]
        next_free += count
    assert len(fat) <= sector // 4, "streams too large for this tiny writer"
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, right: int, child: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    names = list(padded)
    entries = [entry("Root Entry", 5, end, 0, free, 1 if names else free)]
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else free
        entries.append(entry(name, 2, starts[name], len(padded[name]), right, free))
    directory = b"".join(entries).ljust(sector, b"\0")
    assert len(directory) == sector, "at most 3 streams"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    body = b"".join(padded.values())
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + body


def word97_bytes(text: str, *, ascii_tail: str = "", flags: int = 0x0200) -> bytes:
    """A .doc whose piece table holds ``text`` as UTF-16 and ``ascii_tail`` as cp1252."""
    text_at = 2048
    unicode = text.encode("utf-16-le")
    tail_at = text_at + len(unicode)
    pieces = [(len(text), text_at)]
    if ascii_tail:
        pieces.append((len(ascii_tail), (tail_at * 2) | 0x40000000))
    cps = [0]
    for chars, _ in pieces:
        cps.append(cps[-1] + chars)
    plc = struct.pack(f"<{len(cps)}I", *cps) + b"".join(
        struct.pack("<HIH", 0, fc, 0) for _, fc in pieces
    )
    clx = b"\x01" + struct.pack("<H", 3) + b"abc" + b"\x02" + struct.pack("<I", len(plc)) + plc
    fc_lcb = [0] * (93 * 2)
    fc_lcb[33 * 2], fc_lcb[33 * 2 + 1] = 0, len(clx)
    fib = (
        struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0411, 0, flags)
        + bytes(20)
        + struct.pack("<H", 14)
        + bytes(28)
        + struct.pack("<H", 22)
        + struct.pack("<22I", 0, 0, 0, len(text) + len(ascii_tail), *([0] * 18))
        + struct.pack("<H", 93)
        + struct.pack(f"<{len(fc_lcb)}I", *fc_lcb)
        + struct.pack("<H", 0)
    )
    word = fib.ljust(text_at, b"\0") + unicode + ascii_tail.encode("cp1252")
    table_name = "1Table" if flags & 0x0200 else "0Table"
    return ole_bytes({"WordDocument": word, table_name: clx})


@pytest.fixture(scope="session")
def detector() -> Detector:
    """One detector for the tests that analyse what they extract (it takes ~1 s to build)."""
    return Detector(ScanConfig())


def pdf_of_pages(pages: list[bytes | list[bytes]]) -> bytes:
    """A PDF of one page per item: its content stream, or its streams (an array); Helvetica
    as F1, cross-reference table included."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in pages:
        streams = page if isinstance(page, list) else [page]
        numbers = []
        for content in streams:
            objects.append(b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content))
            numbers.append(f"{len(objects)} 0 R")
        refs = f"[{' '.join(numbers)}]" if isinstance(page, list) else numbers[0]
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
            f"<< /F1 3 0 R >> >> /Contents {refs} >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
