"""xlsx / xls / ods: every sheet, header search below titles and merged cells, types as text."""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from pi_scan.extract.biff import is_encrypted as biff_is_encrypted
from pi_scan.model import DatasetKind, Status

from .conftest import assert_no_values_in_errors, extract, only, rows_of, write

HEADER = ["番号", "氏名", "フリガナ", "生年月日", "評定"]
STUDENTS = [
    [1, "山田 太郎", "ヤマダ タロウ", dt.date(2010, 4, 5), 4.0],
    [2, "鈴木 花子", "スズキ ハナコ", dt.datetime(2010, 11, 30), 3.5],
    [3, "佐藤 一郎", "サトウ イチロウ", dt.date(2011, 1, 2), 5],
]
EXPECTED = [
    ["1", "山田 太郎", "ヤマダ タロウ", "2010-04-05", "4"],
    ["2", "鈴木 花子", "スズキ ハナコ", "2010-11-30", "3.5"],
    ["3", "佐藤 一郎", "サトウ イチロウ", "2011-01-02", "5"],
]


def roster_workbook() -> openpyxl.Workbook:
    """A typical class roster: merged title, blank row, date line, then the header at B5."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "3年1組"
    sheet["B1"] = "2024年度 3年1組 名簿"
    sheet.merge_cells("B1:F1")
    sheet["E3"] = "作成日"
    sheet["F3"] = dt.date(2024, 4, 1)
    for col, text in enumerate(HEADER, start=2):
        sheet.cell(row=5, column=col, value=text)
    for r, student in enumerate(STUDENTS, start=6):
        for col, value in enumerate(student, start=2):
            sheet.cell(row=r, column=col, value=value)
    return book


def save(book: openpyxl.Workbook, tmp_path: Path, name: str = "名簿.xlsx") -> Path:
    path = tmp_path / name
    book.save(path)
    return path


def test_header_found_below_merged_title_blank_row_and_date_line(tmp_path: Path) -> None:
    dataset = only(extract(save(roster_workbook(), tmp_path)))
    assert dataset.kind is DatasetKind.TABLE
    assert dataset.name == "3年1組"
    assert dataset.header_row == 4  # 0-based: Excel row 5
    assert list(dataset.table.columns) == HEADER
    assert rows_of(dataset) == EXPECTED


def test_every_sheet_is_read_and_empty_sheets_dropped(tmp_path: Path) -> None:
    book = roster_workbook()
    book.create_sheet("空のシート")
    other = book.create_sheet("保護者")
    other.append(["保護者氏名", "続柄", "電話番号"])
    other.append(["山田 一", "父", "090-1111-2222"])
    other.append(["鈴木 京子", "母", "080-3333-4444"])
    hidden = book.create_sheet("非表示")
    hidden.sheet_state = "hidden"
    hidden.append(["学籍番号", "成績"])
    hidden.append(["S0001", "A"])
    datasets = extract(save(book, tmp_path))
    assert [d.name for d in datasets] == ["3年1組", "保護者", "非表示"]
    assert list(datasets[1].table.columns) == ["保護者氏名", "続柄", "電話番号"]
    assert rows_of(datasets[1])[1] == ["鈴木 京子", "母", "080-3333-4444"]
    assert datasets[1].header_row == 0
    assert rows_of(datasets[2]) == [["S0001", "A"]]


def test_workbook_with_only_empty_sheets_yields_one_empty_table(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.create_sheet("Sheet2")
    dataset = only(extract(save(book, tmp_path, "empty.xlsx")))
    assert dataset.status is Status.OK
    assert dataset.table is not None and dataset.table.empty


def test_group_header_merged_over_sub_headers(tmp_path: Path) -> None:
    """「保護者」 merged over 氏名 / 電話 in the row below: the columns get both names."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["D1"] = "学籍番号", "生徒氏名", "保護者"
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"] = "漢字", "カナ", "氏名", "電話"
    sheet.append(["S001", "山田 太郎", "ヤマダ タロウ", "山田 一", "090-1111-2222"])
    sheet.append(["S002", "鈴木 花子", "スズキ ハナコ", "鈴木 京子", "080-3333-4444"])
    dataset = only(extract(save(book, tmp_path)))
    assert dataset.header_row == 0
    assert list(dataset.table.columns) == [
        "学籍番号",
        "生徒氏名漢字",
        "生徒氏名カナ",
        "保護者氏名",
        "保護者電話",
    ]
    assert rows_of(dataset)[0] == ["S001", "山田 太郎", "ヤマダ タロウ", "山田 一", "090-1111-2222"]


def test_class_merged_down_the_rows_fills_each_record(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["組", "氏名"])
    sheet.append(["1組", "山田"])
    sheet.append([None, "鈴木"])
    sheet.append([None, "佐藤"])
    sheet.merge_cells("A2:A4")
    assert rows_of(only(extract(save(book, tmp_path)))) == [
        ["1組", "山田"],
        ["1組", "鈴木"],
        ["1組", "佐藤"],
    ]


def test_max_rows_truncates_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["氏名", "点数"])
    for i in range(50):
        sheet.append([f"生徒{i}", i])
    dataset = only(extract(save(book, tmp_path), max_rows=20))
    assert len(dataset.table) == 20
    assert dataset.error == "truncated: first 20 rows read"


def test_xlsm_is_read_like_xlsx(tmp_path: Path) -> None:
    path = save(roster_workbook(), tmp_path, "macro.xlsm")
    assert rows_of(only(extract(path))) == EXPECTED


def test_encrypted_xlsx_is_reported_encrypted(tmp_path: Path) -> None:
    plain = io.BytesIO()
    roster_workbook().save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", encrypted)
    dataset = only(extract(write(tmp_path, "成績.xlsx", encrypted.getvalue())))
    assert dataset.status is Status.ENCRYPTED
    assert dataset.kind is DatasetKind.NONE
    assert dataset.error == "password-protected Office file"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_xlsx_is_an_error_without_content(tmp_path: Path, cut: float) -> None:
    buffer = io.BytesIO()
    roster_workbook().save(buffer)
    data = buffer.getvalue()
    dataset = only(extract(write(tmp_path, "broken.xlsx", data[: int(len(data) * cut)])))
    assert dataset.status is Status.ERROR
    assert dataset.error.startswith("corrupt")
    assert dataset.error.endswith(")")  # "(ExceptionType)"
    assert_no_values_in_errors([dataset], ["山田", "名簿", "3年1組"])


def test_xlsx_with_damaged_sheet_xml_is_an_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    roster_workbook().save(buffer)
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # XML cut mid-element
            dst.writestr(info, data)
    datasets = extract(write(tmp_path, "half.xlsx", out.getvalue()))
    assert all(d.status is Status.ERROR for d in datasets)
    assert_no_values_in_errors(datasets, ["山田 太郎", "3年1組"])


def xls_bytes() -> bytes:
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy xls test files")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名簿")
    sheet.write_merge(0, 0, 0, 3, "令和6年度 卒業生名簿")
    for col, text in enumerate(["氏名", "住所", "生年月日", "番号"]):
        sheet.write(2, col, text)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write(3, 0, "山田 太郎")
    sheet.write(3, 1, "東京都新宿区")
    sheet.write(3, 2, dt.date(2006, 5, 1), date_style)
    sheet.write(3, 3, 12.0)
    second = book.add_sheet("職員")
    second.write(0, 0, "職員番号")
    second.write(0, 1, "氏名")
    second.write(1, 0, "T01")
    second.write(1, 1, "田中 先生")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_legacy_xls(tmp_path: Path) -> None:
    datasets = extract(write(tmp_path, "卒業生.xls", xls_bytes()))
    assert [d.name for d in datasets] == ["名簿", "職員"]
    assert datasets[0].header_row == 2
    assert list(datasets[0].table.columns) == ["氏名", "住所", "生年月日", "番号"]
    assert rows_of(datasets[0]) == [["山田 太郎", "東京都新宿区", "2006-05-01", "12"]]
    assert rows_of(datasets[1]) == [["T01", "田中 先生"]]


def _with_filepass(data: bytes) -> bytes:
    """Turn the WRITEACCESS record into a FILEPASS record: what an encrypted xls starts with."""
    import olefile

    stream_offset = data.find(b"\x09\x08")  # BOF of the Workbook stream (BIFF8)
    pos = data.find(b"\x5c\x00", stream_offset)  # WRITEACCESS record type
    assert stream_offset >= 0 and pos > 0
    patched = bytearray(data)
    struct.pack_into("<H", patched, pos, 0x002F)
    assert olefile.isOleFile(bytes(patched))
    return bytes(patched)


def test_encrypted_xls_is_reported_encrypted(tmp_path: Path) -> None:
    data = _with_filepass(xls_bytes())
    dataset = only(extract(write(tmp_path, "secret.xls", data)))
    assert dataset.status is Status.ENCRYPTED
    assert dataset.error == "password-protected Excel 97-2003 workbook"


def test_biff_filepass_detection() -> None:
    bof = struct.pack("<HH", 0x0809, 4) + b"\x00\x06\x05\x00"
    filepass = struct.pack("<HH", 0x002F, 2) + b"\x01\x00"
    eof = struct.pack("<HH", 0x000A, 0)
    assert biff_is_encrypted(bof + filepass + eof)
    assert not biff_is_encrypted(bof + eof + filepass)
    assert not biff_is_encrypted(b"garbage")


def ods_bytes() -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for sheet_name, rows in (
        (
            "在校生",
            [["在校生一覧"], [], ["学籍番号", "氏名", "メール"], ["S001", "山田", "y@example.jp"]],
        ),
        ("空", []),
        ("部活", [["部活", "部員"], ["野球部", "鈴木"], ["美術部", "佐藤"]]),
    ):
        table = Table(name=sheet_name)
        for values in rows:
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


def test_ods_every_sheet(tmp_path: Path) -> None:
    datasets = extract(write(tmp_path, "在校生.ods", ods_bytes()))
    assert [d.name for d in datasets] == ["在校生", "部活"]
    assert datasets[0].header_row == 2
    assert list(datasets[0].table.columns) == ["学籍番号", "氏名", "メール"]
    assert rows_of(datasets[0]) == [["S001", "山田", "y@example.jp"]]
    assert rows_of(datasets[1]) == [["野球部", "鈴木"], ["美術部", "佐藤"]]


def test_openpyxl_reads_what_calamine_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from python_calamine import CalamineError

    from pi_scan.extract import spreadsheets

    def refuse(*args: object, **kwargs: object) -> None:
        raise CalamineError("Cannot detect file format")

    monkeypatch.setattr(spreadsheets.CalamineWorkbook, "from_object", refuse)
    dataset = only(extract(save(roster_workbook(), tmp_path)))
    assert dataset.name == "3年1組"
    assert dataset.header_row == 4
    assert list(dataset.table.columns) == HEADER
    assert rows_of(dataset) == EXPECTED


def test_a_workbook_over_the_expansion_limit_is_too_large_not_a_bomb(tmp_path: Path) -> None:
    """Worksheet parts do not count against the size limits (they are never held whole);
    other parts do: a big ordinary package (a photo, incompressible) names the limit a user may
    raise, and one that inflates 1,000:1 is still a suspected bomb."""
    book = roster_workbook()
    sheet = book.active
    for r in range(10, 3_000):
        sheet.cell(row=r, column=2, value=f"{r:05d}")
        sheet.cell(row=r, column=3, value=f"備考 {r * 7919 % 100_003}")
    path = save(book, tmp_path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    assert len(parts["xl/worksheets/sheet1.xml"]) > 200_000
    dataset = only(extract(path, max_expanded_bytes=100_000, max_member_bytes=100_000))
    assert dataset.status is Status.OK and dataset.error == ""

    def package(name: str, extra: bytes) -> Path:
        out = tmp_path / name
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for part, data in parts.items():
                zf.writestr(part, data)
            zf.writestr("xl/media/image1.png", extra)
        return out

    photo = package("photo.xlsx", random.Random(1).randbytes(300_000))
    dataset = only(extract(photo, max_expanded_bytes=200_000))
    assert dataset.status is Status.SKIPPED
    assert dataset.error.startswith("too large to read: expands to ")
    assert dataset.error.endswith("over the 200,000-byte limit (max_expanded_bytes)")

    bomb = package("bomb.xlsx", bytes(64 * 1024 * 1024))
    dataset = only(extract(bomb, max_expanded_bytes=16 * 1024 * 1024))
    assert dataset.status is Status.SKIPPED
    assert dataset.error.startswith("zip bomb suspected")


GROUP_ROW = ["", "生徒", "", "保護者", "", ""]
SUB_HEADERS = ["番号", "氏名", "ふりがな", "氏名", "続柄", "電話"]
FAMILIES = [
    ["1", "山田 太郎", "やまだ たろう", "山田 一", "父", "090-1111-2222"],
    ["2", "鈴木 花子", "すずき はなこ", "鈴木 京子", "母", "080-3333-4444"],
    ["3", "佐藤 一郎", "さとう いちろう", "佐藤 恵", "母", "070-5555-6666"],
]
GROUPED = ["番号", "生徒氏名", "生徒ふりがな", "保護者氏名", "保護者続柄", "保護者電話"]


@pytest.mark.parametrize("merge", [True, False])
def test_group_header_merged_across_only_or_not_at_all(tmp_path: Path, merge: bool) -> None:
    """生徒 / 保護者 over 氏名 ・ ふりがな / 氏名 ・ 続柄 ・ 電話; the left column's header is in
    the lower row, so the group row alone was not a header: it used to be lost (氏名, 氏名.1)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["令和6年度 緊急連絡網"])
    sheet.append(GROUP_ROW)
    sheet.append(SUB_HEADERS)
    for row in FAMILIES:
        sheet.append(row)
    if merge:
        sheet.merge_cells("B2:C2")
        sheet.merge_cells("D2:F2")
    dataset = only(extract(save(book, tmp_path)))
    assert dataset.header_row == 1
    assert list(dataset.table.columns) == GROUPED
    assert rows_of(dataset) == FAMILIES


@pytest.mark.parametrize("merge", [True, False])
def test_group_header_in_a_legacy_xls(tmp_path: Path, merge: bool) -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy xls test files")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("連絡網")
    if merge:
        sheet.write_merge(0, 0, 1, 2, "生徒")
        sheet.write_merge(0, 0, 3, 5, "保護者")
    else:
        sheet.write(0, 1, "生徒")
        sheet.write(0, 3, "保護者")
    for col, text in enumerate(SUB_HEADERS):
        sheet.write(1, col, text)
    for r, row in enumerate(FAMILIES, start=2):
        for col, text in enumerate(row):
            sheet.write(r, col, text)
    buffer = io.BytesIO()
    book.save(buffer)
    dataset = only(extract(write(tmp_path, "連絡網.xls", buffer.getvalue())))
    assert list(dataset.table.columns) == GROUPED
    assert rows_of(dataset) == FAMILIES


@pytest.mark.parametrize("drop", [("xl/workbook.xml",), ("xl/workbook.xml", "_rels/.rels")])
def test_xlsx_without_its_workbook_part_is_an_error(tmp_path: Path, drop: tuple[str, ...]) -> None:
    """calamine opens such a package as a workbook without sheets: it must not be listed ok
    with nothing in it (issue 15 item 7)."""
    buffer = io.BytesIO()
    roster_workbook().save(buffer)
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in drop:
                dst.writestr(info, src.read(info))
    dataset = only(extract(write(tmp_path, "名簿.xlsx", out.getvalue())))
    assert dataset.status is Status.ERROR
    assert dataset.error == "corrupt workbook: the package has no workbook part"


def test_xlsx_without_package_relationships_is_still_read(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    roster_workbook().save(buffer)
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "_rels/.rels":
                dst.writestr(info, src.read(info))
    dataset = only(extract(write(tmp_path, "名簿.xlsx", out.getvalue())))
    assert dataset.status is Status.OK
    assert "山田 太郎" in [v for row in rows_of(dataset) for v in row]
