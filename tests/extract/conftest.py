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
