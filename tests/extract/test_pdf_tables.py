"""Tables printed to PDF are tables; prose PDFs stay prose (issue 14, items 3 and 6).

Every PDF is drawn here with reportlab's built-in Japanese CID font (no font file), as Excel,
Word or LibreOffice would print a list: with ruling lines, without (text set in columns), over
several pages with the header repeated, and minutes that only mention people. The names are
made up.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pi_scan.extract import pdf_tables
from pi_scan.extract.documents import BODY_NAME
from pi_scan.extract.pdf_tables import aligned_tables, worth_a_look
from pi_scan.model import DatasetKind, Status
from pi_scan.notes import PDF_TABLE_NOTE

from .conftest import assert_no_values_in_errors, extract, only, write

FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_SURNAMES = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"),
    ("伊藤", "いとう"), ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"),
    ("小林", "こばやし"), ("加藤", "かとう"), ("吉田", "よしだ"), ("山田", "やまだ"),
    ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"), ("井上", "いのうえ"),
    ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
]  # fmt: skip
_GIVEN = [
    ("太郎", "たろう"), ("花子", "はなこ"), ("一郎", "いちろう"), ("美咲", "みさき"),
    ("健太", "けんた"), ("陽菜", "ひな"), ("翔太", "しょうた"), ("結衣", "ゆい"),
    ("大輔", "だいすけ"), ("さくら", "さくら"), ("拓海", "たくみ"), ("葵", "あおい"),
    ("蓮", "れん"), ("凛", "りん"), ("悠真", "ゆうま"), ("美月", "みづき"), ("湊", "みなと"),
]  # fmt: skip
HEADER = ["番号", "氏名", "ふりがな", "電話番号"]
TITLE = "2024年度 写真部 部員名簿"
MINUTES = [
    "令和6年度 第3回 保護者会 議事録",
    "日時: 2024年6月12日 18時から 会場: 本校会議室",
    "出席者は山田 太郎会長、鈴木 花子副会長ほか12名であった。",
    "冒頭、佐藤 一郎校長より挨拶があり、夏季休業中の生活について説明があった。",
    "続いて田中 美咲会計から上半期の会計報告があり、承認された。",
    "高橋 健太委員より、通学路の安全点検の結果が報告された。危険箇所は三か所である。",
    "次回は9月に開催する予定である。以上。",
]


def members(count: int) -> list[list[str]]:
    """Distinct made-up members: 番号, 氏名, ふりがな, 電話番号."""
    rows = []
    for i in range(count):
        (sur, sur_kana), (given, given_kana) = (
            _SURNAMES[i % len(_SURNAMES)],
            _GIVEN[(i // len(_SURNAMES) + i) % len(_GIVEN)],
        )
        phone = f"090-{1000 + i:04d}-{5000 + 3 * i:04d}"
        rows.append([str(i + 1), f"{sur} {given}", f"{sur_kana} {given_kana}", phone])
    assert len({r[1] for r in rows}) == count
    return rows


def _style(size: float = 10.5) -> ParagraphStyle:
    return ParagraphStyle("ja", fontName=FONT, fontSize=size, leading=size * 1.6)


def ruled_pdf(
    rows: list[list[str]], *, repeat_header: bool = True, before=(), after=(), lines=True
) -> bytes:
    """A table as Word or Excel print it: cell borders drawn (or none), title above."""
    buffer = io.BytesIO()
    table = Table([HEADER, *rows], repeatRows=1 if repeat_header else 0)
    style = [("FONT", (0, 0), (-1, -1), FONT, 10)]
    if lines:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    story = [Paragraph(TITLE, _style(14)), Spacer(1, 12)]
    story += [Paragraph(text, _style()) for text in before]
    story += [table, Spacer(1, 12)]
    story += [Paragraph(text, _style()) for text in after]
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def columns_pdf(rows: list[list[str]], per_page: int = 40, header_each_page: bool = True) -> bytes:
    """No lines at all: each cell's text drawn at its column's position, as a list typed
    with tab stops prints."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    xs = [60, 110, 220, 360]
    for start in range(0, len(rows), per_page):
        y = 800
        pdf.setFont(FONT, 14)
        pdf.drawString(60, y, TITLE)
        y -= 30
        pdf.setFont(FONT, 10)
        if start == 0 or header_each_page:
            for x, text in zip(xs, HEADER, strict=True):
                pdf.drawString(x, y, text)
            y -= 18
        for row in rows[start : start + per_page]:
            for x, text in zip(xs, row, strict=True):
                if text:
                    pdf.drawString(x, y, text)
            y -= 16
        pdf.drawString(280, 40, f"{start // per_page + 1}")  # page number in the footer
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def minutes_pdf(pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        y = 800
        pdf.setFont(FONT, 11)
        for _ in range(5):
            for line in MINUTES:
                pdf.drawString(60, y, line)
                y -= 18
            y -= 10
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _tables(datasets):
    return [d for d in datasets if d.kind is DatasetKind.TABLE]


def _one_table(datasets):
    tables = _tables(datasets)
    assert len(tables) == 1, [(d.name, d.kind, d.error) for d in datasets]
    return tables[0]


def _names(dataset) -> list[str]:
    assert dataset.table is not None
    return dataset.table["氏名"].tolist()


# --- ruled, unruled, several pages --------------------------------------------------------


def test_ruled_roster_is_a_table_with_every_member(tmp_path: Path) -> None:
    people = members(15)
    datasets = extract(write(tmp_path, "名簿.pdf", ruled_pdf(people)))
    table = _one_table(datasets)
    assert table.status is Status.OK
    assert table.name == "表1"
    assert list(table.table.columns) == HEADER
    assert table.table.to_numpy().tolist() == people
    assert table.error == f"{PDF_TABLE_NOTE}: table on page 1"
    # the title above the table is the document's text, not a record
    assert [(d.name, d.kind) for d in datasets] == [
        (BODY_NAME, DatasetKind.TEXT),
        ("表1", DatasetKind.TABLE),
    ]
    assert "写真部" in datasets[0].text


def test_roster_without_lines_is_a_table(tmp_path: Path) -> None:
    people = members(15)
    people[4][3] = ""  # a member without a phone: the cell stays empty, the row is not shifted
    table = _one_table(extract(write(tmp_path, "名簿.pdf", columns_pdf(people))))
    assert list(table.table.columns) == HEADER
    assert table.table.to_numpy().tolist() == people
    assert table.error == f"{PDF_TABLE_NOTE}: table on page 1"


def test_table_printed_without_lines_from_a_word_table(tmp_path: Path) -> None:
    people = members(12)
    table = _one_table(extract(write(tmp_path, "名簿.pdf", ruled_pdf(people, lines=False))))
    assert table.table.to_numpy().tolist() == people


@pytest.mark.parametrize("lines", [True, False], ids=["ruled", "columns"])
def test_three_pages_with_the_header_repeated_are_one_table(tmp_path: Path, lines: bool) -> None:
    people = members(100)
    data = ruled_pdf(people) if lines else columns_pdf(people, per_page=40)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3
    table = _one_table(extract(write(tmp_path, "名簿.pdf", data)))
    assert table.table.to_numpy().tolist() == people  # the repeated headers are not records
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert table.error == f"{PDF_TABLE_NOTE}: table on pages 1–{pages}"


def test_pages_continuing_a_table_without_its_header(tmp_path: Path) -> None:
    people = members(100)
    for data in (ruled_pdf(people, repeat_header=False), columns_pdf(people, 40, False)):
        table = _one_table(extract(write(tmp_path, "名簿.pdf", data)))
        assert table.table.to_numpy().tolist() == people


def test_wrapped_cells_stay_one_record(tmp_path: Path) -> None:
    """A long address wraps inside its cell: still one record, its lines joined."""
    cell = _style(9)
    address = "東京都千代田区丸の内一丁目1番1号 サンプルビル1201号室"
    rows = [
        [*row, address if i % 3 == 0 else "大阪府大阪市北区梅田2-2-2"]
        for i, row in enumerate(members(9))
    ]
    grid = [[Paragraph(text, cell) for text in [*HEADER, "住所"]]]
    grid += [[Paragraph(text, cell) for text in row] for row in rows]
    table = Table(grid, colWidths=[30, 70, 90, 90, 150])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([table])
    found = _one_table(extract(write(tmp_path, "住所録.pdf", buffer.getvalue())))
    assert list(found.table.columns) == [*HEADER, "住所"]
    assert len(found.table) == 9
    assert found.table["住所"].iloc[0].replace(" ", "") == address.replace(" ", "")


# --- prose stays prose; tables among prose ------------------------------------------------


def test_minutes_stay_one_text(tmp_path: Path) -> None:
    dataset = only(extract(write(tmp_path, "議事録.pdf", minutes_pdf(pages=3))))
    assert dataset.kind is DatasetKind.TEXT
    assert dataset.name == ""  # as before: a PDF without tables is one text
    assert dataset.error == ""
    assert "会計報告" in dataset.text


def test_table_among_prose_is_a_table_and_the_prose_is_text(tmp_path: Path) -> None:
    people = members(6)
    data = ruled_pdf(people, before=MINUTES[:4], after=["以上のとおり報告する。"])
    datasets = extract(write(tmp_path, "報告.pdf", data))
    assert [(d.name, d.kind) for d in datasets] == [
        (BODY_NAME, DatasetKind.TEXT),
        ("表1", DatasetKind.TABLE),
    ]
    body, table = datasets
    assert "出席者は" in body.text and "以上のとおり報告する" in body.text
    assert "090-1000" not in body.text  # the table's cells are the table's, not the text's
    assert table.table.to_numpy().tolist() == people


def test_plain_text_pages_that_do_not_look_like_tables_are_not_read_again() -> None:
    prose = "\n".join(MINUTES * 3)
    assert not worth_a_look(prose, drawn=0)
    assert not worth_a_look("Minutes of the meeting held on 12 June.\n" * 12, drawn=0)
    assert worth_a_look("\n".join(["番号", "氏名", "ふりがな", "1", "佐藤 太郎", "さとう"] * 3), 0)
    assert worth_a_look(prose, drawn=12)  # lines drawn: looked at (and found to be prose)


def test_two_columns_of_prose_are_not_a_table() -> None:
    left, right = "出席者は山田 太郎会長ほか", "次回は9月に開催する予定"
    layout = "\n".join(f"{left}{i}名であった。      {right}である{i}。" for i in range(8))
    segments, text = aligned_tables(layout, 0)
    assert segments == []
    assert text.count("\n") == 7


# --- limits, passwords, broken files ------------------------------------------------------


def test_page_limit_cuts_the_table_and_says_so(tmp_path: Path) -> None:
    data = ruled_pdf(members(100))
    table = _one_table(extract(write(tmp_path, "名簿.pdf", data), max_pdf_pages=2))
    assert table.error.startswith(f"{PDF_TABLE_NOTE}: table on pages 1–2")
    assert "truncated: first 2 pages read" in table.error
    assert 40 < len(table.table) < 100


def test_row_and_table_limits(tmp_path: Path) -> None:
    table = _one_table(extract(write(tmp_path, "名簿.pdf", ruled_pdf(members(30))), max_rows=10))
    assert len(table.table) == 10
    assert "truncated: first 10 rows read" in table.error
    datasets = extract(write(tmp_path, "名簿.pdf", ruled_pdf(members(30))), max_tables=0)
    assert [d.status for d in datasets] == [Status.OK, Status.SKIPPED]  # 本文, the table's row
    assert datasets[1].error == "table limit reached: 1 more sheets or tables not read"


def test_no_time_left_leaves_the_pages_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the time budget, pages are not searched for tables: the file is its text, noted."""
    monkeypatch.setattr(pdf_tables, "time", SimpleNamespace(monotonic=lambda: float("inf")))
    dataset = only(extract(write(tmp_path, "名簿.pdf", ruled_pdf(members(15)))))
    assert dataset.kind is DatasetKind.TEXT
    assert dataset.error == "time budget reached: 1 pages not searched for tables"


def test_encrypted_roster_is_reported(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(ruled_pdf(members(15)))))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    dataset = only(extract(write(tmp_path, "名簿.pdf", buffer.getvalue())))
    assert dataset.status is Status.ENCRYPTED
    assert dataset.error == "password-protected PDF"


def test_roster_with_only_an_owner_password_is_read_as_a_table(tmp_path: Path) -> None:
    people = members(15)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(ruled_pdf(people))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    table = _one_table(extract(write(tmp_path, "名簿.pdf", buffer.getvalue())))
    assert table.table.to_numpy().tolist() == people


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9, 0.97])
def test_truncated_roster_never_raises_nor_quotes_it(tmp_path: Path, cut: float) -> None:
    data = ruled_pdf(members(60))
    datasets = extract(write(tmp_path, "名簿.pdf", data[: int(len(data) * cut)]))
    assert datasets
    assert_no_values_in_errors(datasets, [v for row in members(60) for v in row[1:]])


# --- end to end: pi-scan scan → inventory.csv ---------------------------------------------


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("pdf_e2e")
    share = tmp / "share"
    share.mkdir()
    (share / "部員名簿.pdf").write_bytes(ruled_pdf(members(15)))
    (share / "部員名簿_罫線なし.pdf").write_bytes(columns_pdf(members(15)))
    (share / "全部員名簿.pdf").write_bytes(ruled_pdf(members(100)))
    (share / "議事録.pdf").write_bytes(minutes_pdf())
    env = dict(os.environ, PI_SCAN_HOME=str(tmp / "home"), COLUMNS="120")
    out = tmp / "out"
    cmd = [sys.executable, "-m", "pi_scan", "scan", str(share), "--output", str(out), "--quiet"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with open(out / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
        return {(row["path"], row["dataset"]): row for row in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("path", "people"),
    [("部員名簿.pdf", 15), ("部員名簿_罫線なし.pdf", 15), ("全部員名簿.pdf", 100)],
)
def test_cli_printed_roster_is_a_database(inventory, path: str, people: int) -> None:
    row = inventory[(path, "表1")]
    assert row["status"] == "ok"
    assert row["is_pi_database"] == "true", row["rationale"]
    assert row["records"] == str(people)
    assert row["individuals"] == str(people)
    assert row["error"].startswith(f"{PDF_TABLE_NOTE}: table on page")
    assert "PERSON" in row["categories"].split(";")
    title = inventory[(path, BODY_NAME)]
    assert title["is_pi_database"] == "false"


def test_cli_minutes_are_not_a_database(inventory) -> None:
    row = inventory[("議事録.pdf", "")]
    assert row["is_pi_database"] == "false"
    assert row["contains_personal_info"] == "true"
    assert row["kind"] == "text"
    assert not [key for key in inventory if key[0] == "議事録.pdf" and key[1]]
