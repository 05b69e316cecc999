"""The ledger export (個人情報管理台帳) and its round trip through a person's edits."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from report_inventory import RAW_VALUES, ROOT

from pi_scan.inventory import Inventory
from pi_scan.report.outputs.ledger import (
    HUMAN_COLUMNS,
    KEY,
    LEDGER_COLUMNS,
    LedgerError,
    LedgerFormat,
    dataset_key,
    export_ledger,
    read_ledger,
)

PI_DATABASES = {
    ("教務/2024/名簿.xlsx", "1年1組"),
    ("教務/成績/2024前期.csv", ""),
    ("Users/tanaka/Downloads/名簿のコピー.xlsx", "1年1組"),
    ("総務課/市販名簿/電話帳.csv", ""),
    ("総務課/業者連絡先.xlsx", "担当者"),
    ("保健室/健康調査.xlsx", "2024"),
    ("教務/名簿.zip!2024/2組.csv", ""),
}


def _export(inventory_path: Path, out: Path, fmt: str | None = None, merge: Path | None = None):
    with Inventory(inventory_path) as inv:
        return export_ledger(inv, out, LedgerFormat(fmt) if fmt else None, merge=merge)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _by_path(rows: list[dict[str, str]]) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["パス"], r["シート・表"]): r for r in rows}


def test_registry_csv_has_bom_and_reads_back_with_csv_and_pandas(
    inventory_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "台帳.csv"
    result = _export(inventory_path, out, "registry")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    assert b"\r\n" in data
    rows = _csv_rows(out)
    assert list(rows[0]) == list(LEDGER_COLUMNS)
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(LEDGER_COLUMNS)
    assert len(frame) == len(rows) == result.rows == len(PI_DATABASES)
    assert frame["記録件数"].tolist() == [r["記録件数"] for r in rows]


def test_ledger_lists_exactly_the_pi_databases(inventory_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    _export(inventory_path, out)
    rows = _by_path(_csv_rows(out))
    assert set(rows) == PI_DATABASES  # not the minutes, the statistics, the unreadable files
    roster = rows[("教務/2024/名簿.xlsx", "1年1組")]
    assert roster["名称"] == "名簿.xlsx（1年1組）"
    assert roster["保管場所"] == f"{ROOT}/教務/2024/名簿.xlsx"
    assert roster["記録項目"] == "氏名、フリガナ、住所、電話番号、学籍番号、保護者の氏名"
    assert (roster["記録件数"], roster["本人の数"]) == ("35", "70")
    assert roster["要配慮個人情報の有無"] == "無"
    assert roster["最終更新日"] == "2024-04-01"  # 00:30 UTC is 09:30 in Japan
    assert roster["所有者"] == "kyomu"
    assert roster["全員に読取権限"] == "無"
    assert roster["状態"] == "現存"
    assert roster[KEY] == dataset_key(ROOT, "教務/2024/名簿.xlsx", "1年1組")
    assert "学籍番号" in roster["判定理由"]
    assert all(roster[c] == "" for c in ("利用目的", "取得方法", "管理責任者"))

    grades = rows[("教務/成績/2024前期.csv", "")]
    assert grades["記録項目"] == "学籍番号、成績"
    copy = rows[("Users/tanaka/Downloads/名簿のコピー.xlsx", "1年1組")]
    assert copy["全員に読取権限"] == "有"
    assert "危険な場所" in copy["注意事項"]
    phone_book = rows[("総務課/市販名簿/電話帳.csv", "")]
    assert phone_book["件数から除外"] == "除外"
    assert phone_book["除外の理由"] == "市販の電話帳（他人作成・未加工）"
    candidate = rows[("総務課/業者連絡先.xlsx", "担当者")]
    assert candidate["件数から除外"] == "除外候補"
    assert "declarations" in candidate["除外の理由"]
    health = rows[("保健室/健康調査.xlsx", "2024")]
    assert health["要配慮個人情報の有無"] == "有"
    assert health["保存期間"] == "卒業後5年"  # from the declaration, for people to confirm
    assert health["備考"] == "養護教諭が管理"
    member = rows[("教務/名簿.zip!2024/2組.csv", "")]
    assert member["名称"] == "名簿.zip内 2組.csv"


def test_json_and_xlsx_hold_the_same_rows(inventory_path: Path, tmp_path: Path) -> None:
    _export(inventory_path, tmp_path / "l.csv")
    _export(inventory_path, tmp_path / "l.json")
    _export(inventory_path, tmp_path / "l.xlsx")
    from_csv = _csv_rows(tmp_path / "l.csv")
    doc = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert doc["format"] == "pi-scan-ledger" and doc["columns"] == list(LEDGER_COLUMNS)
    assert [{k: str(v) for k, v in r.items()} for r in doc["rows"]] == from_csv
    wb = load_workbook(tmp_path / "l.xlsx")
    ws = wb["個人情報管理台帳"]
    table = [[("" if c is None else str(c)) for c in row] for row in ws.iter_rows(values_only=True)]
    assert table[0] == list(LEDGER_COLUMNS)
    assert [dict(zip(table[0], r, strict=True)) for r in table[1:]] == from_csv
    assert isinstance(ws.cell(2, LEDGER_COLUMNS.index("記録件数") + 1).value, int)


def _fill_csv(path: Path, encoding: str = "utf-8-sig") -> None:
    """What an officer does in Excel: fill two columns, add a column, sort, save."""
    rows = _csv_rows(path)
    header = [*rows[0].keys(), "部署"]
    for r in rows:
        r["部署"] = ""
        if r["パス"] == "教務/2024/名簿.xlsx":
            r["利用目的"] = "学籍管理・緊急連絡"
            r["管理責任者"] = "教務主任"
            r["部署"] = "教務部"
        if r["パス"] == "教務/成績/2024前期.csv":
            r["利用目的"] = "成績処理"
            r["取得方法"] = "定期考査"
            r["管理責任者"] = "=教頭"  # looks like a formula: must survive as text
    rows.sort(key=lambda r: r["パス"], reverse=True)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_round_trip_keeps_what_people_wrote_and_marks_disappeared(
    inventory_path: Path, tmp_path: Path, add_scan: Callable[..., int], encoding: str
) -> None:
    first = tmp_path / "台帳.csv"
    _export(inventory_path, first)
    _fill_csv(first, encoding)  # cp932: Excel's plain "CSV (コンマ区切り)"
    order_before = [r["パス"] for r in read_ledger(first)[0]]

    add_scan(with_grades=False, with_new=True)  # grades sheet deleted, a new roster appeared
    second = tmp_path / "台帳2.csv"
    result = _export(inventory_path, second, merge=first)
    rows = _csv_rows(second)
    assert list(rows[0])[: len(LEDGER_COLUMNS)] == list(LEDGER_COLUMNS)
    assert list(rows[0])[-1] == "部署"  # the column the officer added is kept
    by = _by_path(rows)
    roster = by[("教務/2024/名簿.xlsx", "1年1組")]
    assert (roster["利用目的"], roster["管理責任者"], roster["部署"]) == (
        "学籍管理・緊急連絡",
        "教務主任",
        "教務部",
    )
    assert roster["状態"] == "現存"
    gone = by[("教務/成績/2024前期.csv", "")]
    assert gone["状態"] == "消失"
    assert gone["消失確認日"] != ""
    assert (gone["利用目的"], gone["取得方法"]) == ("成績処理", "定期考査")
    assert gone["管理責任者"] == "'=教頭"  # written escaped so Excel shows text
    new = by[("教務/2025/名簿.xlsx", "1年1組")]
    assert new["状態"] == "新規" and new["利用目的"] == ""
    # the officer's order is kept; new datasets are appended
    assert [r["パス"] for r in rows][: len(order_before)] == order_before
    assert rows[-1]["パス"] == "教務/2025/名簿.xlsx"
    assert (result.kept, result.new, result.gone) == (len(PI_DATABASES) - 1, 1, 1)

    # the next export still keeps everything, and the 消失 date does not move
    third = tmp_path / "台帳3.csv"
    _export(inventory_path, third, merge=second)
    again = _by_path(_csv_rows(third))
    assert again[("教務/成績/2024前期.csv", "")]["消失確認日"] == gone["消失確認日"]
    assert again[("教務/成績/2024前期.csv", "")]["管理責任者"] == "'=教頭"
    assert again[("教務/2025/名簿.xlsx", "1年1組")]["状態"] == "現存"


def test_round_trip_through_an_edited_workbook(
    inventory_path: Path, tmp_path: Path, add_scan: Callable[..., int]
) -> None:
    import datetime as dt

    book = tmp_path / "台帳.xlsx"
    _export(inventory_path, book)
    wb = load_workbook(book)
    ws = wb["個人情報管理台帳"]
    ws.insert_rows(1)  # a title row typed above the header
    ws.cell(1, 1, "令和6年度 個人情報管理台帳")
    header = [c.value for c in ws[2]]
    for row in ws.iter_rows(min_row=3):
        if row[header.index("パス")].value == "保健室/健康調査.xlsx":
            row[header.index("利用目的")].value = "健康管理"
            row[header.index("保存期間")].value = dt.datetime(2030, 3, 31)  # Excel makes a date
    wb.save(book)

    add_scan()
    out = tmp_path / "台帳2.xlsx"
    _export(inventory_path, out, merge=book)
    rows, _ = read_ledger(out)
    health = next(r for r in rows if r["パス"] == "保健室/健康調査.xlsx")
    assert health["利用目的"] == "健康管理"
    assert health["保存期間"] == "2030-03-31"  # what they wrote wins over the declaration
    assert {r["状態"] for r in rows} == {"現存"}


def test_dataset_that_comes_back_is_present_again(
    inventory_path: Path, tmp_path: Path, add_scan: Callable[..., int]
) -> None:
    first = tmp_path / "a.csv"
    _export(inventory_path, first)
    _fill_csv(first)
    add_scan(with_grades=False)
    second = tmp_path / "b.csv"
    _export(inventory_path, second, merge=first)
    add_scan(with_grades=True)
    third = tmp_path / "c.csv"
    _export(inventory_path, third, merge=second)
    grades = _by_path(_csv_rows(third))[("教務/成績/2024前期.csv", "")]
    assert (grades["状態"], grades["消失確認日"], grades["利用目的"]) == ("現存", "", "成績処理")


def test_share_mounted_elsewhere_still_matches_by_path(
    inventory_path: Path, tmp_path: Path
) -> None:
    first = tmp_path / "a.csv"
    _export(inventory_path, first)
    _fill_csv(first)
    rows = _csv_rows(first)
    for r in rows:  # as if the previous scan had used another mount point
        r["ルート"] = "/media/old-mount"
        r[KEY] = dataset_key("/media/old-mount", r["パス"], r["シート・表"])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    first.write_text(buf.getvalue(), encoding="utf-8-sig")
    second = tmp_path / "b.csv"
    result = _export(inventory_path, second, merge=first)
    assert result.gone == 0 and result.new == 0
    roster = _by_path(_csv_rows(second))[("教務/2024/名簿.xlsx", "1年1組")]
    assert roster["利用目的"] == "学籍管理・緊急連絡"
    assert roster["ルート"] == ROOT


def test_merge_in_place_keeps_a_backup(inventory_path: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "台帳.csv"
    _export(inventory_path, ledger)
    _fill_csv(ledger)
    filled = ledger.read_bytes()
    result = _export(inventory_path, ledger, merge=ledger)
    assert result.backup is not None and result.backup.read_bytes() == filled
    assert _by_path(_csv_rows(ledger))[("教務/2024/名簿.xlsx", "1年1組")]["管理責任者"] == (
        "教務主任"
    )


def test_not_a_ledger_is_refused(inventory_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,value\na,b\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="台帳キー"):
        _export(inventory_path, tmp_path / "x.csv", merge=other)
    assert not (tmp_path / "x.csv").exists()


def test_formula_like_file_names_stay_text(tmp_path: Path) -> None:
    from report_inventory import store

    path = tmp_path / "inv.sqlite"
    import datetime as dt

    with Inventory(path) as inv:
        store(inv, dt.datetime.now(tz=dt.UTC), 10, 10, 10)
        scan_id = inv.latest_scan().id  # type: ignore[union-attr]
        inv.conn.execute(
            "UPDATE dataset_contents SET row_json = replace(row_json, '教務/統計.xlsx', "
            "'=cmd.xlsx') WHERE id IN "
            "(SELECT content_id FROM scan_datasets WHERE scan_id = ?)",
            (scan_id,),
        )
        inv.conn.execute(
            "UPDATE dataset_contents SET row_json = replace(row_json, '教務/2024/名簿.xlsx', "
            "'=HYPERLINK(1)/名簿.xlsx') WHERE id IN "
            "(SELECT content_id FROM scan_datasets WHERE scan_id = ?)",
            (scan_id,),
        )
        inv.conn.commit()
        export_ledger(inv, tmp_path / "l.csv")
        export_ledger(inv, tmp_path / "l.xlsx")
    rows = _csv_rows(tmp_path / "l.csv")
    hyper = next(r for r in rows if "HYPERLINK" in r["パス"])
    assert hyper["パス"] == "'=HYPERLINK(1)/名簿.xlsx"
    ws = load_workbook(tmp_path / "l.xlsx")["個人情報管理台帳"]
    cells = [c for row in ws.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)


def test_no_raw_values_in_any_format(inventory_path: Path, tmp_path: Path) -> None:
    for name in ("l.csv", "l.json"):
        _export(inventory_path, tmp_path / name)
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        assert not [v for v in RAW_VALUES if v in text]


def test_human_columns_are_the_documented_ones() -> None:
    assert HUMAN_COLUMNS == ("利用目的", "取得方法", "管理責任者", "保存期間", "備考")
