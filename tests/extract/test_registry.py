"""The registry: content before extension, every failure as data, never an exception."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest

from pi_scan.config import ScanConfig
from pi_scan.extract import extract_file, spreadsheets
from pi_scan.extract.formats import FORMATS, FileType
from pi_scan.model import DatasetKind, Status

from .conftest import (
    assert_no_values_in_errors,
    extract,
    file_ref,
    only,
    rows_of,
    word97_bytes,
    write,
    zip_bytes,
)

SECRET_VALUES = ["山田 太郎", "090-1234-5678", "東京都新宿区西新宿2-8-1"]


def test_every_file_type_has_its_row_in_the_format_table() -> None:
    assert set(FORMATS) == set(FileType)
    extensions = [ext for f in FORMATS.values() for ext in f.extensions]
    assert len(extensions) == len(set(extensions))  # an extension names one format
    for file_type, found in FORMATS.items():
        assert callable(found.read) and found.noun, file_type
        assert all(ext.startswith(".") and ext == ext.lower() for ext in found.extensions)


def roster_xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["氏名", "電話", "住所"])
    book.active.append(SECRET_VALUES)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def roster_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph(SECRET_VALUES[0])
    table = document.add_table(rows=2, cols=3)
    for col, text in enumerate(["氏名", "電話", "住所"]):
        table.cell(0, col).text = text
    for col, text in enumerate(SECRET_VALUES):
        table.cell(1, col).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["empty.csv", "empty.txt", "empty.xlsx", "noext"])
def test_empty_file_is_ok_empty_text(tmp_path: Path, name: str) -> None:
    dataset = only(extract(write(tmp_path, name, b"")))
    assert dataset.status is Status.OK
    assert dataset.kind is DatasetKind.TEXT
    assert dataset.text == ""


def test_content_wins_over_extension(tmp_path: Path) -> None:
    # an xlsx saved as .csv, a csv saved as .xlsx
    dataset = only(extract(write(tmp_path, "really-xlsx.csv", roster_xlsx())))
    assert rows_of(dataset) == [SECRET_VALUES]
    csv_text = "氏名,電話\n山田,090\n".encode("cp932")
    dataset = only(extract(write(tmp_path, "really-csv.xlsx", csv_text)))
    assert list(dataset.table.columns) == ["氏名", "電話"]


@pytest.mark.parametrize(
    ("name", "data", "status", "error"),
    [
        (  # an image is read by OCR: one that Pillow cannot open is an error
            "photo.jpg",
            b"\xff\xd8\xff\xe0" + bytes(64),
            Status.ERROR,
            "unreadable JPEG image (UnidentifiedImageError)",
        ),
        (
            "x.7z",
            b"7z\xbc\xaf\x27\x1c" + bytes(64),
            Status.SKIPPED,
            "7-Zip archive (not supported)",
        ),
        ("prog", b"\x7fELF" + bytes(200), Status.SKIPPED, "executable"),
        ("a.bin", bytes(range(256)) * 8, Status.SKIPPED, "binary file of an unsupported type"),
        ("a.xlsx", bytes(range(256)) * 8, Status.ERROR, "corrupt workbook (unrecognised content)"),
    ],
)
def test_binary_files_are_skipped_with_a_reason(
    tmp_path: Path, name: str, data: bytes, status: Status, error: str
) -> None:
    dataset = only(extract(write(tmp_path, name, data)))
    assert (dataset.status, dataset.error, dataset.kind) == (status, error, DatasetKind.NONE)


def test_legacy_ole_files_are_reported(tmp_path: Path) -> None:
    olefile = pytest.importorskip("olefile")
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    book.add_sheet("s").write(0, 0, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    # rename the Workbook stream: an OLE file of a type pi-scan does not read
    data = buffer.getvalue().replace("Workbook".encode("utf-16-le"), "Workbool".encode("utf-16-le"))
    assert olefile.isOleFile(data)
    dataset = only(extract(write(tmp_path, "thing.xls", data)))
    assert dataset.status is Status.SKIPPED
    assert dataset.error == "OLE compound file of an unsupported type"


def test_discovery_status_is_kept(tmp_path: Path) -> None:
    ref = replace(file_ref(write(tmp_path, "x.csv", b"a")), status=Status.SKIPPED, reason="too big")
    dataset = only(extract_file(ref, ScanConfig()))
    assert (dataset.status, dataset.error) == (Status.SKIPPED, "too big")


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "gone.csv", b"a,b\n")
    ref = file_ref(path)
    path.unlink()
    dataset = only(extract_file(ref, ScanConfig()))
    assert dataset.status is Status.ERROR
    assert dataset.error == "file vanished during the scan"


class FakePanic(BaseException):
    """Stands for pyo3_runtime.PanicException, which derives from BaseException."""


def test_calamine_panic_becomes_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def panic(*args: object, **kwargs: object) -> None:
        raise FakePanic("called `Option::unwrap()` on a `None` value: 山田 太郎")

    monkeypatch.setattr(spreadsheets.CalamineWorkbook, "from_object", panic)
    monkeypatch.setattr(spreadsheets.openpyxl, "load_workbook", panic)  # the fallback fails too
    dataset = only(extract(write(tmp_path, "x.xlsx", roster_xlsx())))
    assert dataset.status is Status.ERROR
    assert dataset.error == "corrupt workbook (FakePanic)"


def test_keyboard_interrupt_is_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(spreadsheets.CalamineWorkbook, "from_object", interrupt)
    with pytest.raises(KeyboardInterrupt):
        extract(write(tmp_path, "x.xlsx", roster_xlsx()))


def _mutations(data: bytes, seed: int) -> list[bytes]:
    """Truncations and random byte damage of a valid file."""
    rng = random.Random(seed)
    cuts = [data[: int(len(data) * f)] for f in (0.1, 0.25, 0.5, 0.75, 0.99)]
    damaged = []
    for _ in range(12):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        damaged.append(bytes(buf))
    return cuts + damaged


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a.xlsx", roster_xlsx),
        ("a.docx", roster_docx),
        (
            "a.doc",
            lambda: word97_bytes("氏名\x07電話\x07\x07" + "\x07".join(SECRET_VALUES) + "\x07\x07"),
        ),
        ("a.zip", lambda: zip_bytes({"in.xlsx": roster_xlsx(), "in.docx": roster_docx()})),
        ("a.csv", lambda: ("氏名,電話,住所\n" + ",".join(SECRET_VALUES) + "\n").encode("cp932")),
    ],
)
def test_damaged_files_never_raise_nor_leak_values(tmp_path: Path, name: str, make) -> None:
    for index, data in enumerate(_mutations(make(), seed=len(name))):
        datasets = extract(write(tmp_path, f"{index}-{name}", data))
        assert datasets, index
        for dataset in datasets:
            assert dataset.status in Status
            if dataset.status is not Status.OK:
                assert dataset.kind is DatasetKind.NONE
                assert dataset.error
        assert_no_values_in_errors(datasets, [*SECRET_VALUES, "山田", "090", "氏名"])
