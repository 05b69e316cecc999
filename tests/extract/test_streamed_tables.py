"""Big CSVs read in chunks (issue 7, bounded memory): columns judged on the first chunk, records
and person keys over all of them, with the same result as reading the file whole.

The chunk size is lowered so that a few thousand generated records span several chunks.
"""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from faker import Faker

from pi_scan.analysis import analyse_dataset
from pi_scan.config import Limits, ScanConfig
from pi_scan.detect import Detector
from pi_scan.extract import csv_stream, extract_file
from pi_scan.model import DatasetResult, Entity, Status
from pi_scan.people import Hasher

from .conftest import file_ref

HEADER = ["学籍番号", "氏名", "フリガナ", "生年月日", "住所", "電話番号", "保護者氏名"]
CHUNK = 400


def roster_lines(rows: int, seed: int = 5) -> list[str]:
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    lines = ["2024年度 在籍者名簿", "", ",".join(HEADER)]
    for i in range(rows):
        born = fake.date_of_birth(minimum_age=6, maximum_age=18).isoformat()
        phone = f"0{rng.choice('789')}0-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}"
        family = fake.last_name()
        lines.append(
            ",".join(
                [
                    f"2024{i:05d}",
                    f"{family}\u3000{fake.first_name()}",
                    fake.kana_name(),
                    born,
                    fake.address().replace(",", " "),
                    phone,
                    f"{family} {fake.first_name()}",
                ]
            )
        )
        if i % 997 == 3:
            lines.append(",,,,,,")  # an empty record: dropped, in every chunk alike
    return lines


def write_cp932(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("cp932", errors="replace") + b"\r\n")
    return path


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_stream, "CHUNK_ROWS", CHUNK)


HASHER = Hasher(b"k" * 32)


def analyse(path: Path, detector: Detector, stream_bytes: int, **limits: int) -> DatasetResult:
    config = replace(
        ScanConfig(), limits=replace(Limits(), stream_table_bytes=stream_bytes, **limits)
    )
    (dataset,) = extract_file(file_ref(path), config)
    return analyse_dataset(dataset, detector, HASHER)


def test_chunks_give_the_same_records_columns_and_people_as_the_whole_file(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    path = write_cp932(tmp_path / "名簿.csv", roster_lines(2_300))
    whole = analyse(path, detector, stream_bytes=10**9)
    streamed = analyse(path, detector, stream_bytes=1_000)

    assert whole.dataset.error == ""
    # the first chunk's lines: a title, a blank line, the header and one empty record
    judged = CHUNK - 4
    assert streamed.dataset.error == f"read in chunks: columns judged on the first {judged} records"
    assert streamed.findings.records == whole.findings.records == 2_300
    assert streamed.dataset.header_row == whole.dataset.header_row == 2
    assert [(f.column, f.entity, f.role) for f in streamed.findings.columns] == [
        (f.column, f.entity, f.role) for f in whole.findings.columns
    ]
    entities = {f.entity for f in streamed.findings.columns}
    assert {Entity.STUDENT_ID, Entity.PERSON, Entity.ADDRESS, Entity.PHONE_NUMBER} <= entities
    assert streamed.decision == whole.decision
    # the same person keys on the same rows: the student and the guardian of every record
    assert streamed.people is not None and whole.people is not None
    assert len(whole.people) == 2 * 2_300
    pd_streamed, pd_whole = streamed.people.frame(), whole.people.frame()
    order = ["row", "role"]
    assert (
        pd_streamed.sort_values(order)
        .reset_index(drop=True)
        .equals(pd_whole.sort_values(order).reset_index(drop=True))
    )
    assert streamed.dataset.rest is None  # nothing left open or to pickle


def test_a_record_wider_than_the_first_chunks_is_read_past(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    lines = roster_lines(1_500)
    # far down, a record with 40 fields: more than the columns the C engine was given
    lines.insert(1_200, lines[1_200] + "," * 40 + "備考")
    path = write_cp932(tmp_path / "名簿.csv", lines)
    streamed = analyse(path, detector, stream_bytes=1_000)
    whole = analyse(path, detector, stream_bytes=10**9)
    assert streamed.dataset.status is Status.OK
    assert streamed.findings.records == whole.findings.records == 1_501
    assert len(streamed.people) == len(whole.people)
    np.testing.assert_array_equal(
        np.sort(streamed.people.column("name")), np.sort(whole.people.column("name"))
    )


def test_max_rows_stops_the_chunks_and_says_so(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    path = write_cp932(tmp_path / "名簿.csv", roster_lines(1_500))
    result = analyse(path, detector, stream_bytes=1_000, max_rows=1_000)
    assert result.findings.records == 1_000
    assert "truncated: first 1,000 rows read" in result.dataset.error
    assert result.people is not None and int(result.people.rows.max()) == 999


def test_the_file_is_closed_after_the_chunks_and_when_they_are_never_read(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    path = write_cp932(tmp_path / "名簿.csv", roster_lines(1_000))
    before = len(os.listdir("/proc/self/fd"))
    analyse(path, detector, stream_bytes=1_000)
    config = replace(ScanConfig(), limits=replace(Limits(), stream_table_bytes=1_000))
    (dataset,) = extract_file(file_ref(path), config)
    assert dataset.rest is not None
    dataset.rest.close()
    assert len(os.listdir("/proc/self/fd")) == before


def test_small_files_and_text_are_read_whole(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    table = write_cp932(tmp_path / "名簿.csv", roster_lines(300))
    prose = tmp_path / "議事録.txt"
    prose.write_text("本日の会議では来年度の行事予定について話し合った。\n" * 200, "utf-8")
    config = replace(ScanConfig(), limits=replace(Limits(), stream_table_bytes=1_000))
    (small,) = extract_file(file_ref(table), config)
    (text,) = extract_file(file_ref(prose), config)
    assert small.rest is None and len(small.table) == 300  # one chunk: nothing to stream
    assert text.rest is None and text.text is not None


def test_utf8_with_bom_and_broken_bytes_far_down(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    lines = roster_lines(1_200)
    data = "\r\n".join(lines).encode("utf-8")
    cut = len(data) * 3 // 4
    cut = data.index(b"\r\n", cut) + 2
    # a stray CP932 byte pair deep in the file: replaced, not fatal
    data = b"\xef\xbb\xbf" + data[:cut] + b"\x82\xa0" + data[cut:] + b"\r\n"
    path = tmp_path / "名簿.csv"
    path.write_bytes(data)
    result = analyse(path, detector, stream_bytes=1_000)
    assert result.dataset.status is Status.OK
    assert result.dataset.table.columns[0] == "学籍番号"  # the BOM is not part of the header
    assert result.findings.records == 1_200


def test_inspect_reports_every_chunk_masked(tmp_path: Path, small_chunks: None) -> None:
    from typer.testing import CliRunner

    from pi_scan.cli import app

    lines = roster_lines(1_000)
    path = write_cp932(tmp_path / "名簿.csv", lines)
    config = tmp_path / "pi-scan.toml"
    config.write_text("[limits]\nstream_table_bytes = 1000\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["inspect", str(path), "--config", str(config)], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    assert "1,000 records" in result.output
    assert f"columns judged on the first {CHUNK - 4} records" in result.output
    assert "PERSON" in result.output and "PHONE_NUMBER" in result.output
    names = [line.split(",")[1] for line in lines[3:50]]
    assert all(name not in result.output for name in names if name)  # samples are masked


def test_a_big_csv_inside_a_zip_is_read_in_chunks_too(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    import zipfile

    lines = roster_lines(1_000)
    archive = tmp_path / "名簿.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2024/名簿.csv", "\r\n".join(lines).encode("cp932", errors="replace"))
    config = replace(ScanConfig(), limits=replace(Limits(), stream_table_bytes=1_000))
    (dataset,) = extract_file(file_ref(archive), config)
    assert dataset.member_path == "2024/名簿.csv" and dataset.rest is not None
    result = analyse_dataset(dataset, detector, HASHER)
    assert result.findings.records == 1_000
    assert len(result.people) == 2 * 1_000


def test_a_wide_csv_is_read_in_chunks_of_bounded_cells(tmp_path: Path, detector: Detector) -> None:
    """A header of 1,000 fields: chunks hold 2,000,000 cells (1,000 records of the 2,000
    columns read), not 50,000 records (the hostile corpus's wide CSV ran out of memory)."""
    fake = Faker("ja_JP")
    fake.seed_instance(9)
    header = ["氏名", "電話番号", *(f"項目{i}" for i in range(998))]
    filler = "," * 998
    lines = [",".join(header)]
    for i in range(1_200):
        lines.append(f"{fake.name()},090-{3000 + i:04d}-{(i * 7) % 10_000:04d}{filler}")
    path = write_cp932(tmp_path / "wide.csv", lines)
    config = replace(ScanConfig(), limits=replace(Limits(), stream_table_bytes=1_000))
    (dataset,) = extract_file(file_ref(path), config)
    assert dataset.rest is not None and len(dataset.table) == 999  # 1,000 lines: the header
    result = analyse_dataset(dataset, detector, HASHER)
    assert result.dataset.status is Status.OK
    assert result.findings.records == 1_200
    assert {f.entity for f in result.findings.columns} >= {Entity.PERSON, Entity.PHONE_NUMBER}


def test_a_record_of_a_million_fields_is_cut_not_laid_out(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    """Deep in the file, the C engine stops at it and the Python engine cuts it to the columns
    read; as the first line, the file is read whole (pandas would lay such a first line out in
    full: 3 GB for this one)."""
    lines = roster_lines(1_000)
    huge = ",".join(["x"] * 1_000_000)
    deep = write_cp932(tmp_path / "deep.csv", [*lines[:700], huge, *lines[700:]])
    result = analyse(deep, detector, stream_bytes=1_000)
    assert result.dataset.status is Status.OK
    assert result.findings.records == 1_001  # the long line is a record too
    first = write_cp932(tmp_path / "first.csv", [huge, *lines[3:23]])
    config = replace(ScanConfig(), limits=replace(Limits(), stream_table_bytes=1_000))
    (dataset,) = extract_file(file_ref(first), config)
    assert dataset.rest is None and dataset.status is Status.OK
    assert dataset.error == "truncated: first 4,096 columns read"
