"""Zip archives: nesting, CP932 names, hostile names, encryption, bombs and limits."""

from __future__ import annotations

import gzip
import io
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from pi_scan.config import Limits, ScanConfig
from pi_scan.extract.archives import member_name, read_member
from pi_scan.extract.sniff import declared_entries
from pi_scan.extract.source import Budget
from pi_scan.model import DatasetKind, Status
from pi_scan.report.outputs.rows import escape_path

from .conftest import (
    assert_no_values_in_errors,
    extract,
    only,
    patch_zip_headers,
    rows_of,
    write,
    zip_bytes,
)

ROSTER_CSV = "氏名,電話\n山田 太郎,090-1111-2222\n鈴木 花子,080-3333-4444\n".encode("cp932")


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "名簿"
    book.active.append(["学籍番号", "氏名"])
    book.active.append(["S001", "佐藤 一郎"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_members_are_dispatched_by_type(tmp_path: Path) -> None:
    data = zip_bytes(
        {
            "2024/名簿.csv": ROSTER_CSV,
            "2024/成績.xlsx": xlsx_bytes(),
            "2024/写真/001.jpg": b"\xff\xd8\xff\xe0" + bytes(100),
            "__MACOSX/2024/._名簿.csv": b"\x00\x05\x16\x07" + bytes(60),
            "2024/": b"",
        }
    )
    datasets = extract(write(tmp_path, "archive.zip", data))
    assert [(d.member_path, d.name) for d in datasets] == [
        ("2024/名簿.csv", ""),
        ("2024/成績.xlsx", "名簿"),
    ]
    assert rows_of(datasets[0])[0] == ["山田 太郎", "090-1111-2222"]
    assert rows_of(datasets[1]) == [["S001", "佐藤 一郎"]]
    assert datasets[0].display_path == "archive.zip!2024/名簿.csv"


def test_nested_zip_paths(tmp_path: Path) -> None:
    inner = zip_bytes({"x.csv": ROSTER_CSV})
    middle = zip_bytes({"inner.zip": inner})
    datasets = extract(write(tmp_path, "outer.zip", zip_bytes({"middle.zip": middle})))
    dataset = only(datasets)
    assert dataset.member_path == "middle.zip!inner.zip!x.csv"
    assert dataset.display_path == "outer.zip!middle.zip!inner.zip!x.csv"
    assert list(dataset.table.columns) == ["氏名", "電話"]


def test_nesting_deeper_than_the_limit_is_reported(tmp_path: Path) -> None:
    data = zip_bytes({"x.csv": ROSTER_CSV})
    for level in range(3):
        data = zip_bytes({f"level{level}.zip": data})
    dataset = only(extract(write(tmp_path, "deep.zip", data), max_archive_depth=2))
    assert dataset.status is Status.SKIPPED
    assert dataset.member_path == "level2.zip!level1.zip"
    assert "nested deeper than 2" in dataset.error


def test_cp932_member_names_without_utf8_flag(tmp_path: Path) -> None:
    """Japanese Windows' built-in zip writes CP932 names and no UTF-8 flag."""
    real = "名簿/３年１組.csv".encode("cp932")
    placeholder = "P" * len(real)
    data = zip_bytes({placeholder: ROSTER_CSV}).replace(placeholder.encode(), real)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.infolist()[0]
        assert not info.flag_bits & 0x800
        assert info.filename != "名簿/３年１組.csv"  # Python alone shows cp437 mojibake
        assert member_name(info) == "名簿/３年１組.csv"
    dataset = only(extract(write(tmp_path, "cp932.zip", data)))
    assert dataset.member_path == "名簿/３年１組.csv"
    assert rows_of(dataset)[1] == ["鈴木 花子", "080-3333-4444"]


def test_utf8_member_names_with_flag(tmp_path: Path) -> None:
    dataset = only(extract(write(tmp_path, "u.zip", zip_bytes({"生徒/名簿.csv": ROSTER_CSV}))))
    assert dataset.member_path == "生徒/名簿.csv"


def test_hostile_member_names_are_reported_not_used(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    names = ["../evil.csv", "/etc/cron.d/evil.csv", "C:/Windows/evil.csv", "a\x1b[2Jb.csv"]
    data = zip_bytes({name: ROSTER_CSV for name in names})
    before = set(os.listdir(tmp_path)) | set(os.listdir(share))
    datasets = extract(write(share, "evil.zip", data))
    assert [d.member_path for d in datasets] == [
        "../evil.csv",
        "/etc/cron.d/evil.csv",
        "C:/Windows/evil.csv",
        "a\x1b[2Jb.csv",
    ]
    assert escape_path(datasets[3].display_path) == "evil.zip!a\\x1b[2Jb.csv"
    assert all(d.status is Status.OK for d in datasets)
    assert set(os.listdir(tmp_path)) | set(os.listdir(share)) == before | {"evil.zip"}
    assert not (tmp_path / "evil.csv").exists()


def test_encrypted_member(tmp_path: Path) -> None:
    data = patch_zip_headers(zip_bytes({"secret.csv": ROSTER_CSV}), set_flags=0x1)
    dataset = only(extract(write(tmp_path, "locked.zip", data)))
    assert dataset.status is Status.ENCRYPTED
    assert dataset.member_path == "secret.csv"
    assert dataset.error == "password-protected zip member"


def test_only_some_members_encrypted(tmp_path: Path) -> None:
    plain = zip_bytes({"a.csv": ROSTER_CSV})
    locked = patch_zip_headers(zip_bytes({"b.csv": ROSTER_CSV}), set_flags=0x1)
    outer = zip_bytes({"plain.zip": plain, "locked.zip": locked})
    statuses = {d.member_path: d.status for d in extract(write(tmp_path, "mix.zip", outer))}
    assert statuses == {"plain.zip!a.csv": Status.OK, "locked.zip!b.csv": Status.ENCRYPTED}


def test_zip_bomb_is_reported_not_expanded(tmp_path: Path) -> None:
    zeros = bytes(200 * 1024 * 1024)
    data = zip_bytes({"bomb.csv": zeros, "名簿.csv": ROSTER_CSV})
    del zeros
    path = write(tmp_path, "bomb.zip", data)
    assert path.stat().st_size < 1024 * 1024
    tracemalloc.start()
    started = time.monotonic()
    datasets = extract(path)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 5
    assert peak < 20 * 1024 * 1024
    bomb, roster = datasets
    assert bomb.status is Status.SKIPPED
    assert bomb.member_path == "bomb.csv"
    assert bomb.error.startswith("zip bomb suspected: compression ratio")
    assert roster.status is Status.OK  # the rest of the archive is still read


def test_member_lying_about_its_size(tmp_path: Path) -> None:
    """Headers declare 100 bytes; the data inflates to 5 MB. Never more than declared is read."""
    data = bytearray(zip_bytes({"liar.csv": b"0" * (5 * 1024 * 1024)}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(signature)
        data[pos + offset : pos + offset + 4] = (100).to_bytes(4, "little")
    dataset = only(extract(write(tmp_path, "liar.zip", bytes(data))))
    assert dataset.status is Status.ERROR
    assert dataset.error == "corrupt zip member (BadZipFile)"


def test_read_member_stops_at_the_limit() -> None:
    data = zip_bytes({"big.csv": b"a,b\n" * 1_000_000})
    limits = Limits(max_member_bytes=1024 * 1024)
    config = ScanConfig(limits=limits)
    budget = Budget(limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content, reason = read_member(archive, archive.infolist()[0], config, budget)
    assert content is None
    assert "size limits" in reason
    assert budget.expanded_left == limits.max_expanded_bytes  # nothing charged


def test_declared_member_size_over_limit(tmp_path: Path) -> None:
    data = zip_bytes({"big.csv": ROSTER_CSV * 100}, compression=zipfile.ZIP_STORED)
    dataset = only(extract(write(tmp_path, "big.zip", data), max_member_bytes=1000))
    assert dataset.status is Status.SKIPPED
    assert "larger than the size limit" in dataset.error


def test_total_expansion_budget_is_shared_by_nested_archives(tmp_path: Path) -> None:
    member = ROSTER_CSV * 20  # ~1 kB
    inner = zip_bytes({f"{i}.csv": member for i in range(5)}, compression=zipfile.ZIP_STORED)
    outer = zip_bytes({"a.zip": inner, "b.zip": inner}, compression=zipfile.ZIP_STORED)
    datasets = extract(write(tmp_path, "many.zip", outer), max_expanded_bytes=12_000)
    ok = [d for d in datasets if d.status is Status.OK]
    assert 0 < len(ok) < 10
    assert any("limit" in d.error for d in datasets if d.status is Status.SKIPPED)


def test_member_count_limit(tmp_path: Path) -> None:
    data = zip_bytes({f"{i}.csv": ROSTER_CSV for i in range(10)})
    datasets = extract(write(tmp_path, "count.zip", data), max_archive_members=3)
    assert len(datasets) == 4
    assert datasets[-1].member_path == ""
    assert datasets[-1].status is Status.SKIPPED
    assert datasets[-1].error == "archive member count limit reached: 7 members not read"


def test_truncated_zip_is_an_error(tmp_path: Path) -> None:
    data = zip_bytes({"名簿.csv": ROSTER_CSV * 50})
    dataset = only(extract(write(tmp_path, "cut.zip", data[: len(data) // 2])))
    assert dataset.status is Status.ERROR
    assert dataset.error == "corrupt or truncated zip archive (BadZipFile)"
    assert_no_values_in_errors([dataset], ["山田", "名簿"])


def test_corrupt_member_data(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"名簿.csv": ROSTER_CSV * 50}))
    start = data.find(b"PK\x03\x04") + 30 + len("名簿.csv".encode()) + 10
    data[start : start + 20] = b"\xff" * 20  # damage the deflate stream, keep the directory
    dataset = only(extract(write(tmp_path, "bad.zip", bytes(data))))
    assert dataset.status is Status.ERROR
    assert dataset.error.startswith("corrupt zip member (")
    assert_no_values_in_errors([dataset], ["山田", "鈴木", "090"])


def test_archive_of_only_images(tmp_path: Path) -> None:
    data = zip_bytes({"a.jpg": b"\xff\xd8\xff" + bytes(10), "b.png": b"\x89PNG" + bytes(10)})
    dataset = only(extract(write(tmp_path, "photos.zip", data)))
    assert dataset.status is Status.SKIPPED
    assert dataset.error == "no readable members: 2 of types that are not inspected"


def test_archive_members_not_inspected_are_the_types_discovery_counts(tmp_path: Path) -> None:
    # one list for both (discover.NOT_INSPECTED_EXTENSIONS): a shortcut and a font in a zip
    # are passed over like the same files on disk
    data = zip_bytes({"link.lnk": b"L\x00\x00\x00" + bytes(10), "f.ttc": b"ttcf" + bytes(10)})
    dataset = only(extract(write(tmp_path, "misc.zip", data)))
    assert dataset.error == "no readable members: 2 of types that are not inspected"


def test_empty_archive(tmp_path: Path) -> None:
    dataset = only(extract(write(tmp_path, "empty.zip", zip_bytes({}))))
    assert dataset.status is Status.OK
    assert dataset.kind is DatasetKind.TEXT
    assert dataset.text == ""


def test_directory_far_over_the_member_limit_is_not_even_listed(tmp_path: Path) -> None:
    data = zip_bytes({f"{i}.csv": b"a" for i in range(60)})
    dataset = only(extract(write(tmp_path, "huge.zip", data), max_archive_members=5))
    assert dataset.status is Status.SKIPPED
    assert dataset.error == "archive lists 60 members, far over the member limit: not opened"


def test_zip64_member_count_is_read_from_the_zip64_record() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(70_000):  # over 65,535: only the zip64 record holds the count
            archive.writestr(f"{i}", b"")
    assert declared_entries(buffer) == 70_000
    assert declared_entries(io.BytesIO(b"not a zip")) == -1


def test_gzip_csv_is_an_archive_of_one(tmp_path: Path) -> None:
    dataset = only(extract(write(tmp_path, "名簿.csv.gz", gzip.compress(ROSTER_CSV))))
    assert dataset.member_path == "名簿.csv"
    assert rows_of(dataset)[0] == ["山田 太郎", "090-1111-2222"]


def test_gzip_bomb_and_truncated_gzip(tmp_path: Path) -> None:
    bomb = gzip.compress(bytes(50 * 1024 * 1024))
    dataset = only(extract(write(tmp_path, "bomb.csv.gz", bomb)))
    assert dataset.status is Status.SKIPPED
    assert dataset.error.startswith("zip bomb suspected")
    data = gzip.compress(ROSTER_CSV * 100)
    dataset = only(extract(write(tmp_path, "cut.csv.gz", data[: len(data) // 2])))
    assert dataset.status is Status.ERROR
    assert dataset.error == "corrupt gzip file (EOFError)"


def test_lzh_archives_are_named_in_the_reason(tmp_path: Path) -> None:
    header = b"\x25\x1c-lh5-" + bytes(30)
    dataset = only(extract(write(tmp_path, "old.lzh", header)))
    assert (dataset.status, dataset.error) == (Status.SKIPPED, "LZH archive (not supported)")


STUBS = [b"MZ" + bytes(4000), b"#!/bin/sh\nexit 0\n", bytes(range(256)) * 300]


@pytest.mark.parametrize("stub", STUBS)
@pytest.mark.parametrize("name", ["setup.zip", "名簿.dat"])
def test_zip_with_data_prepended_is_read(tmp_path: Path, stub: bytes, name: str) -> None:
    """A self-extracting archive (a program, then the zip): the members are read."""
    data = stub + zip_bytes({"名簿.csv": ROSTER_CSV})
    dataset = only(extract(write(tmp_path, name, data)))
    assert dataset.member_path == "名簿.csv"
    assert rows_of(dataset)[0] == ["山田 太郎", "090-1111-2222"]


def test_prepended_zip_inside_a_zip(tmp_path: Path) -> None:
    inner = b"MZ" + bytes(300) + zip_bytes({"名簿.csv": ROSTER_CSV})
    dataset = only(extract(write(tmp_path, "outer.zip", zip_bytes({"sfx.bin.zip": inner}))))
    assert dataset.member_path == "sfx.bin.zip!名簿.csv"
    assert rows_of(dataset)[0] == ["山田 太郎", "090-1111-2222"]
