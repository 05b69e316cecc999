"""docx paragraphs and tables, PDF text, legacy formats that are reported rather than read."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from pi_scan.config import ScanConfig
from pi_scan.extract.documents import BODY_NAME
from pi_scan.model import DatasetKind, Status

from .conftest import (
    assert_no_values_in_errors,
    extract,
    only,
    pdf_of_pages,
    rows_of,
    word97_bytes,
    write,
)


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("令和6年度 保護者会 議事録")
    document.add_paragraph("山田 太郎さんから会計報告がありました。")
    attendees = document.add_table(rows=4, cols=3)
    title = attendees.cell(0, 0).merge(attendees.cell(0, 2))
    title.text = "出席者名簿"
    for col, text in enumerate(["氏名", "続柄", "電話番号"]):
        attendees.cell(1, col).text = text
    for col, text in enumerate(["山田 一", "父", "090-1111-2222"]):
        attendees.cell(2, col).text = text
    for col, text in enumerate(["鈴木 京子", "母", "080-3333-4444"]):
        attendees.cell(3, col).text = text
    document.add_paragraph("以上")
    schedule = document.add_table(rows=2, cols=2)
    schedule.cell(0, 0).text = "日付"
    schedule.cell(0, 1).text = "内容"
    schedule.cell(1, 0).text = "4月10日"
    schedule.cell(1, 1).text = "始業式"
    nested = schedule.cell(1, 1).add_table(rows=2, cols=2)
    nested.cell(0, 0).text = "係"
    nested.cell(0, 1).text = "担当者"
    nested.cell(1, 0).text = "受付"
    nested.cell(1, 1).text = "佐藤 花子"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_every_table(tmp_path: Path) -> None:
    datasets = extract(write(tmp_path, "議事録.docx", docx_bytes()))
    assert [(d.name, d.kind) for d in datasets] == [
        (BODY_NAME, DatasetKind.TEXT),
        ("表1", DatasetKind.TABLE),
        ("表2", DatasetKind.TABLE),
        ("表3", DatasetKind.TABLE),
    ]
    body, attendees, schedule, nested = datasets
    assert body.text == "令和6年度 保護者会 議事録\n山田 太郎さんから会計報告がありました。\n以上"
    # the merged title row is not the header: it spans the grid once, not three times
    assert attendees.header_row == 1
    assert list(attendees.table.columns) == ["氏名", "続柄", "電話番号"]
    assert rows_of(attendees) == [
        ["山田 一", "父", "090-1111-2222"],
        ["鈴木 京子", "母", "080-3333-4444"],
    ]
    assert list(schedule.table.columns) == ["日付", "内容"]
    assert rows_of(nested) == [["受付", "佐藤 花子"]]


def test_corrupt_docx_is_an_error(tmp_path: Path) -> None:
    data = docx_bytes()
    dataset = only(extract(write(tmp_path, "壊れた.docx", data[: len(data) // 2])))
    assert dataset.status is Status.ERROR
    assert dataset.error.startswith("corrupt or truncated Word document (")
    assert_no_values_in_errors([dataset], ["山田", "議事録"])


def pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF with Helvetica text (ASCII), cross-reference table included."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({t}) '" for t in lines) + " ET"
    return pdf_of_pages([content.encode("latin-1")])


def test_pdf_text(tmp_path: Path) -> None:
    path = write(tmp_path, "list.pdf", pdf_bytes(["Name: Taro Yamada", "Phone: 090-1234-5678"]))
    dataset = only(extract(path))
    assert dataset.kind is DatasetKind.TEXT
    assert "Taro Yamada" in dataset.text
    assert "090-1234-5678" in dataset.text


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Taro Yamada"]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    dataset = only(extract(write(tmp_path, "secret.pdf", buffer.getvalue())))
    assert dataset.status is Status.ENCRYPTED
    assert dataset.error == "password-protected PDF"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Taro Yamada"]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    dataset = only(extract(write(tmp_path, "print-protected.pdf", buffer.getvalue())))
    assert dataset.status is Status.OK
    assert "Taro Yamada" in dataset.text


def test_pdf_without_text_layer_is_read_by_ocr_or_skipped(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write(tmp_path, "scan.pdf", buffer.getvalue())
    dataset = only(extract(path))  # a blank scan: OCR finds nothing
    assert (dataset.status, dataset.text) == (Status.OK, "")
    assert dataset.error == "read by OCR: no text found"
    off = ScanConfig(ocr=False)
    dataset = only(extract(path, off))
    assert dataset.status is Status.SKIPPED
    assert "no text layer" in dataset.error and "OCR is off" in dataset.error


def test_pdf_page_limit(tmp_path: Path) -> None:
    writer = PdfWriter()
    page = PdfReader(io.BytesIO(pdf_bytes(["Page text"]))).pages[0]
    for _ in range(5):
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    dataset = only(extract(write(tmp_path, "long.pdf", buffer.getvalue()), max_pdf_pages=2))
    assert dataset.text.count("Page text") == 2
    assert dataset.error == "truncated: first 2 pages read"


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf_never_raises(tmp_path: Path, cut: float) -> None:
    data = pdf_bytes(["Taro Yamada"])
    datasets = extract(write(tmp_path, "cut.pdf", data[: int(len(data) * cut)]))
    assert datasets
    assert_no_values_in_errors(datasets, ["Taro Yamada"])


MINUTES = (
    "職員会議 議事録\r"
    "出席者は次のとおり。\x13 PAGE \\* MERGEFORMAT \x14１\x15\r"
    "氏名\x07電話\x07\x07"
    "山田 太郎\x07090-1111-2222\x07\x07"
    "鈴木\r花子\x07\x07\x07"
    "以上\r"
)


def test_legacy_doc_text_and_tables(tmp_path: Path) -> None:
    data = word97_bytes(MINUTES, ascii_tail="Page 2 note\r")
    datasets = extract(write(tmp_path, "議事録.doc", data))
    assert [(d.name, d.kind) for d in datasets] == [
        (BODY_NAME, DatasetKind.TEXT),
        ("表1", DatasetKind.TABLE),
    ]
    body, table = datasets
    assert body.text == "職員会議 議事録\n出席者は次のとおり。１\n以上\nPage 2 note"
    assert list(table.table.columns) == ["氏名", "電話"]
    assert rows_of(table) == [["山田 太郎", "090-1111-2222"], ["鈴木\n花子", ""]]


def test_legacy_doc_in_the_0table_stream(tmp_path: Path) -> None:
    dataset = extract(write(tmp_path, "a.doc", word97_bytes("本文のみ\r", flags=0)))[0]
    assert dataset.text == "本文のみ"


def test_encrypted_legacy_doc(tmp_path: Path) -> None:
    data = word97_bytes("秘密\r", flags=0x0200 | 0x0100)
    dataset = only(extract(write(tmp_path, "secret.doc", data)))
    assert dataset.status is Status.ENCRYPTED
    assert dataset.error == "password-protected Word 97-2003 document"


def test_legacy_doc_with_broken_piece_table(tmp_path: Path) -> None:
    data = bytearray(word97_bytes("山田 太郎\r"))
    pos = data.find(b"\x02" + struct.pack("<I", 16))
    assert pos > 0
    data[pos] = 0x07  # the piece table marker is gone
    dataset = only(extract(write(tmp_path, "broken.doc", bytes(data))))
    assert dataset.status is Status.ERROR
    assert dataset.error == "corrupt Word document (ValueError)"
    assert_no_values_in_errors([dataset], ["山田"])


def test_docx_text_boxes_are_body_text(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("学校だより 6月号")
    anchor = document.add_paragraph()
    textbox = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>担任 山田 太郎</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"
    )
    anchor._p.append(textbox)
    buffer = io.BytesIO()
    document.save(buffer)
    body = extract(write(tmp_path, "たより.docx", buffer.getvalue()))[0]
    assert "担任 山田 太郎" in body.text
    assert body.text.count("山田") == 1
