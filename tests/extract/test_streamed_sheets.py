"""xlsx sheets over the cell limit are read row by row from their XML (issue 7, bounded
memory), with the same values, columns, records and people as python-calamine gives for a sheet
it may lay out. The chunk size is lowered so that generated rosters span several chunks."""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from faker import Faker
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pi_scan.analysis import analyse_dataset
from pi_scan.config import Limits, ScanConfig
from pi_scan.detect import Detector
from pi_scan.extract import csv_stream, extract_file
from pi_scan.model import Dataset, DatasetResult, Entity, Status
from pi_scan.people import Hasher

from .conftest import file_ref

HEADER = [
    "学籍番号",
    "氏名",
    "ふりがな",
    "生年月日",
    "入学日",
    "住所",
    "電話番号",
    "在籍",
    "評定平均",
]
CHUNK = 300
HASHER = Hasher(b"s" * 32)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_stream, "CHUNK_ROWS", CHUNK)


def roster(path: Path, rows: int, *, mac_dates: bool = False, seed: int = 3) -> Path:
    """A roster as Excel saves one: shared strings, dates with date formats (one 和暦), numbers,
    booleans, a title and a blank row above the header."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    book = openpyxl.Workbook()
    if mac_dates:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "在籍者"
    sheet.append(["2024年度 在籍者一覧"])
    sheet.append([])
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append(
            [
                f"2024{i:05d}",
                fake.name(),
                fake.kana_name(),
                fake.date_of_birth(minimum_age=12, maximum_age=15),
                dt.datetime(2024, 4, rng.randint(1, 10), 9, 30),
                fake.address(),
                f"0{rng.choice('789')}0-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}",
                rng.random() < 0.9,
                round(rng.uniform(2, 5), 1),
            ]
        )
    for (cell,) in sheet.iter_rows(min_row=4, min_col=4, max_col=4):
        cell.number_format = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"'  # 和暦, as a 名簿 shows it
    book.save(path)
    return path


def extract(path: Path, **limits: int) -> list[Dataset]:
    config = replace(ScanConfig(), limits=replace(Limits(), **limits))
    return extract_file(file_ref(path), config)


def analysed(path: Path, detector: Detector, **limits: int) -> DatasetResult:
    (dataset,) = extract(path, **limits)
    return analyse_dataset(dataset, detector, HASHER)


def whole_table(dataset: Dataset):
    """The head and every later chunk, as one frame."""
    import pandas as pd

    parts = [dataset.table]
    if dataset.rest is not None:
        parts.extend(dataset.rest.chunks())
    return pd.concat(parts)


@pytest.mark.parametrize("mac_dates", [False, True])
def test_a_streamed_sheet_gives_the_values_calamine_gives(
    tmp_path: Path, small_chunks: None, mac_dates: bool
) -> None:
    path = roster(tmp_path / "名簿.xlsx", 1_000, mac_dates=mac_dates)
    (laid_out,) = extract(path)
    (streamed,) = extract(path, max_sheet_cells=5_000)
    assert laid_out.error == "" and laid_out.rest is None
    assert streamed.error.startswith(
        "read row by row (sheet too large: its cells reach row 1,003 and column 9"
    )
    assert streamed.rest is not None and len(streamed.table) < 1_000
    assert streamed.header_row == laid_out.header_row == 2
    table = whole_table(streamed)
    assert list(table.columns) == HEADER
    assert table.equals(laid_out.table)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", table["生年月日"].iloc[0])
    assert set(table["在籍"]) == {"TRUE", "FALSE"}


def test_records_columns_and_people_match_calamine(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    path = roster(tmp_path / "名簿.xlsx", 1_200)
    laid_out = analysed(path, detector)
    streamed = analysed(path, detector, max_sheet_cells=5_000)
    assert streamed.findings.records == laid_out.findings.records == 1_200
    found = {(f.column, f.entity) for f in streamed.findings.columns}
    assert found == {(f.column, f.entity) for f in laid_out.findings.columns}
    assert {("氏名", Entity.PERSON), ("生年月日", Entity.DATE_OF_BIRTH)} <= found
    assert streamed.decision.is_pi_database and laid_out.decision.is_pi_database
    a, b = streamed.people.frame(), laid_out.people.frame()
    assert (
        a.sort_values("row")
        .reset_index(drop=True)
        .equals(b.sort_values("row").reset_index(drop=True))
    )


SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def with_shared_strings(src: Path, dst: Path, reading: str = "") -> Path:
    """The workbook as Excel stores text: in a shared string table (openpyxl writes inline
    strings), each item followed by a phonetic run (<rPh>) when ``reading`` is given."""
    with zipfile.ZipFile(src) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    index: dict[str, int] = {}

    def shared(m: re.Match[str]) -> str:
        return f'<c{m.group(1)} t="s"><v>{index.setdefault(m.group(2), len(index))}</v></c>'

    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<c([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', shared, sheet)
    ruby = f'<rPh sb="0" eb="1"><t>{reading}</t></rPh><phoneticPr fontId="1"/>' if reading else ""
    items = "".join(f"<si><t>{text}</t>{ruby}</si>" for text in index)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{SST}" count="{len(index)}" uniqueCount="{len(index)}">{items}</sst>'
    ).encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    link = f'<Relationship Type="{REL}" Target="sharedStrings.xml" Id="rIdSST"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", link + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return dst


@pytest.mark.parametrize("reading", ["", "ヨミ"])
def test_shared_strings_without_their_phonetic_readings(
    tmp_path: Path, small_chunks: None, reading: str
) -> None:
    """Excel keeps the ふりがな typed with a name beside it in the string table (<rPh>): the
    name is the <t> text alone, as calamine reads it."""
    plain = roster(tmp_path / "plain.xlsx", 700)
    path = with_shared_strings(plain, tmp_path / "shared.xlsx", reading)
    (laid_out,) = extract(path)
    (streamed,) = extract(path, max_sheet_cells=100)
    assert streamed.status is Status.OK and laid_out.status is Status.OK
    table = whole_table(streamed)
    assert table.equals(laid_out.table)
    (inline,) = extract(plain)
    assert table.equals(inline.table)
    assert not any("ヨミ" in v for v in table["氏名"])


def test_a_streamed_sheet_stops_at_max_rows(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    path = roster(tmp_path / "名簿.xlsx", 1_000)
    result = analysed(path, detector, max_sheet_cells=5_000, max_rows=700)
    assert result.findings.records == 700
    assert "truncated: first 700 rows read" in result.dataset.error


def test_damage_far_down_a_streamed_sheet_is_an_error_row(
    tmp_path: Path, detector: Detector, small_chunks: None
) -> None:
    """Markup broken after the first chunk stops the reading with an error row for that sheet
    (pi-scan's words and the parser's exception type: no cell text)."""
    plain = roster(tmp_path / "plain.xlsx", 400)
    with zipfile.ZipFile(plain) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    broken = '<row r="500"><c r="A500" t="inlineStr"><is><t>山田</t></is></c></rwo>'
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", broken + "</sheetData>"
    ).encode()
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    (dataset,) = extract(path, max_sheet_cells=100)
    assert dataset.status is Status.OK and dataset.rest is not None  # the first chunk is read
    result = analyse_dataset(dataset, detector, HASHER)
    assert result.dataset.status is Status.ERROR
    assert result.dataset.error == "unreadable records after the first chunk (XMLSyntaxError)"
