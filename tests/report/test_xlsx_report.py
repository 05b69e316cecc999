"""The Excel report holds the same content as the HTML report."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from report_inventory import RAW_VALUES

from pi_scan.inventory import Inventory
from pi_scan.report.content import build_content
from pi_scan.report.views.xlsx_report import write_xlsx_report


def _book(inventory_path: Path, tmp_path: Path):
    with Inventory(inventory_path) as inv:
        path = write_xlsx_report(build_content(inv), tmp_path / "report.xlsx")
    return load_workbook(path)


def _values(ws) -> list[list[str]]:
    return [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]


def test_sheets_and_summary(inventory_path: Path, tmp_path: Path) -> None:
    wb = _book(inventory_path, tmp_path)
    assert wb.sheetnames == [
        "概要",
        "履歴",
        "データベース",
        "フォルダ別",
        "項目別",
        "読めないファイル",
        "要注意",
        "要確認",
        "個人情報を含む文書",
    ]
    summary = {row[0]: row[1] for row in _values(wb["概要"]) if row[0]}
    assert summary["本人の数（推計） / distinct individuals (estimate)"] == "4811"
    assert summary["下限 / low bound"] == "4523"
    assert summary["上限 / high bound"] == "5127"
    assert summary["閾値 / threshold"] == "5000"
    assert summary["6か月の判定 / six-month test"].startswith("閾値を超えた日あり")
    assert "テスト用の根拠" in summary["根拠 / rule"]


def test_history_with_chart(inventory_path: Path, tmp_path: Path) -> None:
    ws = _book(inventory_path, tmp_path)["履歴"]
    rows = _values(ws)
    assert [r[2] for r in rows[1:]] == ["6100", "5200", "4811"]
    assert len(ws._charts) == 1


def test_databases_problems_and_samples(inventory_path: Path, tmp_path: Path) -> None:
    wb = _book(inventory_path, tmp_path)
    dbs = _values(wb["データベース"])
    assert len(dbs) == 1 + 7
    flat = "\n".join("\t".join(r) for r in dbs)
    assert "山田 **" in flat and "090-****-5678" in flat
    unreadable = _values(wb["読めないファイル"])
    assert {r[2] for r in unreadable[1:]} == {"暗号化", "読み取りエラー"}
    attention = _values(wb["要注意"])
    assert [r[0] for r in attention[1:]] == ["危険な場所", "全員が読める"]
    everything = "\n".join("\t".join(r) for ws in wb for r in _values(ws))
    assert not [v for v in RAW_VALUES if v in everything]


def test_every_sheet_prints_one_page_wide(inventory_path: Path, tmp_path: Path) -> None:
    """Landscape A4, fitted to one page wide, the header row repeated on every page."""
    wb = _book(inventory_path, tmp_path)
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
    assert wb["データベース"].print_title_rows == "$1:$1"
