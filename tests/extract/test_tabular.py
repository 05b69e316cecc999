"""Header search and column naming on raw rows (no file formats involved)."""

from __future__ import annotations

import datetime as dt

import pytest

from pi_scan.extract.tabular import cell_text, find_header_row, raw_frame, shape_table


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # title, blank, date line, header
        (
            [
                ["2024年度 3年1組 名簿", "", ""],
                ["", "", ""],
                ["作成日", "2024-04-01", ""],
                ["氏名", "住所", "電話"],
                ["山田", "東京", "090"],
                ["鈴木", "大阪", "080"],
            ],
            3,
        ),
        # a two-cell title line above a wider table is not the header
        (
            [
                ["3年1組", "担任: 田中", "", "", ""],
                ["番号", "氏名", "フリガナ", "性別", "部活"],
                ["1", "山田", "ヤマダ", "男", "野球"],
                ["2", "鈴木", "スズキ", "女", "美術"],
            ],
            1,
        ),
        # numeric where the records are numeric: a record, not a header
        (
            [["1", "山田", "2010-04-05"], ["2", "鈴木", "2010-05-06"], ["3", "佐藤", "2011-01-01"]],
            None,
        ),
        # an empty template: header and no records
        ([["受付名簿"], [], ["氏名", "所属", "連絡先"]], 2),
        # statistics: a header over numbers is still a header
        ([["学年", "男子", "女子"], ["1年", "40", "38"], ["2年", "41", "39"]], 0),
    ],
)
def test_find_header_row(rows: list[list[str]], expected: int | None) -> None:
    assert find_header_row(rows) == expected


def test_last_record_is_not_taken_for_a_header() -> None:
    # no header at all: the title is too narrow, the records are numeric in their last column
    rows = [
        ["3年1組", "担任"],
        ["山田", "ヤマダ", "男", "野球", "1"],
        ["鈴木", "スズキ", "女", "美術", "2"],
    ]
    assert find_header_row(rows) is None


def test_cell_text() -> None:
    assert cell_text(12.0) == "12"
    assert cell_text(0.1) == "0.1"
    assert cell_text(9012345678.0) == "9012345678"
    assert cell_text(True) == "TRUE"
    assert cell_text(dt.datetime(2024, 4, 1)) == "2024-04-01"
    assert cell_text(dt.datetime(2024, 4, 1, 8, 30)) == "2024-04-01 08:30:00"
    assert cell_text(dt.date(2010, 4, 5)) == "2010-04-05"
    assert cell_text(dt.time(8, 30)) == "08:30:00"
    assert cell_text(None) == ""
    assert cell_text("  山田\u3000") == "山田"


def test_shape_table_positions_name_empty_headers_and_drop_empty_space() -> None:
    rows = [
        ["", "名簿", "", "", ""],
        ["", "", "", "", ""],
        ["", "氏名", "", "電話", ""],
        ["", "山田", "x", "090", ""],
        ["", "", "", "", ""],
        ["", "鈴木", "y", "080", ""],
    ]
    shaped = shape_table(raw_frame(rows, 100), max_rows=100)
    assert shaped.header_row == 2
    assert list(shaped.table.columns) == ["氏名", "列3", "電話"]
    assert shaped.table.to_numpy().tolist() == [["山田", "x", "090"], ["鈴木", "y", "080"]]
    assert not shaped.truncated


def test_shape_table_empty() -> None:
    shaped = shape_table(raw_frame([], 100), max_rows=100)
    assert shaped.table.shape == (0, 0)
    assert shaped.header_row is None


@pytest.mark.parametrize("marks", [["○", "○", "欠"], ["1", "1", "0"]])
def test_a_header_of_days_is_a_header(marks: list[str]) -> None:
    """出席簿: 番号 | 氏名 | 11/1 | 11/5 | 11/6(水) — the day labels are column names."""
    rows = [
        ["令和6年度 11月 出席簿", "", "", "", ""],
        ["番号", "氏名", "11/1", "11/5", "11/6(水)"],
        *[[str(i), name, *marks] for i, name in enumerate(["山田 太郎", "佐藤 花子", "鈴木 一郎"])],
    ]
    assert find_header_row(rows) == 1
    # dates in the first column of records are still records, not a header
    assert find_header_row([["11/1", "3", "5"], ["11/2", "5", "6"], ["11/3", "4", "7"]]) is None


def test_notes_under_a_table_are_not_records() -> None:
    rows = [
        ["番号", "氏名", "電話", "住所"],
        ["1", "山田 太郎", "090-1111-2222", "東京都新宿区1-2-3"],
        ["2", "佐藤 花子", "090-1111-3333", "大阪府大阪市北区2-3-4"],
        ["", "", "", ""],
        ["※個人情報につき取扱注意。", "", "", ""],
        ["（注）転入生は末尾に追記すること", "", "", ""],
    ]
    assert len(shape_table(raw_frame(rows, 100), 100).table) == 2
    # a record with only its name filled stays a record; the note below it goes
    rows[4] = ["", "鈴木 一郎", "", ""]
    assert len(shape_table(raw_frame(rows, 100), 100).table) == 3


# ---------------------------------------------------------------- two-row group headers

_FAMILIES = ["山田", "鈴木", "佐藤", "高橋", "田中", "伊藤"]
_GIVEN = ["太郎", "花子", "一郎", "美咲", "健", "陽菜"]
_SUBS = ["氏名", "ふりがな", "氏名", "続柄", "電話"]
GROUPED = ["番号", "生徒氏名", "生徒ふりがな", "保護者氏名", "保護者続柄", "保護者電話"]


def _family_rows(n: int = 6) -> list[list[str]]:
    rows = []
    for i in range(n):
        family = _FAMILIES[i % len(_FAMILIES)]
        rows.append(
            [
                str(i + 1),
                f"{family} {_GIVEN[i % len(_GIVEN)]}",
                f"やまだ {i}"[:6],
                f"{family} {_GIVEN[(i + 3) % len(_GIVEN)]}",
                "母" if i % 2 else "父",
                f"090-{1000 + i}-{2000 + i}",
            ]
        )
    return rows


@pytest.mark.parametrize(
    ("top", "sub", "merged"),
    [
        # the group word written once over its first column, nothing merged (CSV, borders)
        (["", "生徒", "", "保護者", "", ""], ["番号", *_SUBS], ()),
        # the group word repeated over each of its columns
        (["", "生徒", "生徒", "保護者", "保護者", "保護者"], ["番号", *_SUBS], ()),
        # merged across only (番号 in the sub-header row, nothing merged down)
        (
            ["", "生徒", "", "保護者", "", ""],
            ["番号", *_SUBS],
            (((0, 1), (0, 2)), ((0, 3), (0, 5))),
        ),
        # 番号 in the group row, merged down; the groups merged across
        (
            ["番号", "生徒", "", "保護者", "", ""],
            ["", *_SUBS],
            (((0, 0), (1, 0)), ((0, 1), (0, 2)), ((0, 3), (0, 5))),
        ),
        # 番号 in the group row, nothing merged at all
        (["番号", "生徒", "", "保護者", "", ""], ["", *_SUBS], ()),
    ],
)
def test_group_header_in_two_rows_however_merged(
    top: list[str], sub: list[str], merged: tuple
) -> None:
    rows = [["令和6年度 連絡網", "", "", "", "", ""], top, sub, *_family_rows()]
    ranges = [((r0 + 1, c0), (r1 + 1, c1)) for (r0, c0), (r1, c1) in merged]
    shaped = shape_table(raw_frame(rows, 100), 100, ranges)
    assert list(shaped.table.columns) == GROUPED
    assert len(shaped.table) == 6
    assert shaped.table.iloc[0].tolist() == _family_rows()[0]


def test_a_title_right_above_the_header_is_not_a_group() -> None:
    rows = [
        ["職員名簿", "", "", ""],
        ["番号", "氏名", "電話", "電話"],
        *[[str(i), f"山田 {g}", "03-1111-2222", "090-1111-2222"] for i, g in enumerate(_GIVEN)],
    ]
    shaped = shape_table(raw_frame(rows, 100), 100, [((0, 0), (0, 3))])
    assert list(shaped.table.columns) == ["番号", "氏名", "電話", "電話(2)"]
    # the same title, nothing merged
    assert list(shape_table(raw_frame(rows, 100), 100).table.columns) == [
        "番号",
        "氏名",
        "電話",
        "電話(2)",
    ]


def test_a_first_record_of_text_is_not_a_sub_header() -> None:
    # a header with an empty cell over a column of text: the first record stays a record
    rows = [
        ["町名", "", "地区", "備考"],
        ["本町", "ほんちょう", "中央", "旧市街"],
        ["栄町", "さかえまち", "中央", "商店街"],
        ["緑町", "みどりちょう", "北部", "住宅地"],
    ]
    shaped = shape_table(raw_frame(rows, 100), 100)
    assert list(shaped.table.columns) == ["町名", "列2", "地区", "備考"]
    assert len(shaped.table) == 3


def test_duplicate_headers_are_numbered_not_suffixed_like_pandas() -> None:
    rows = [["氏名", "氏名", "電話", "氏名"], ["山田 太郎", "山田 一", "090", "山田 花"]]
    assert list(shape_table(raw_frame(rows, 100), 100).table.columns) == [
        "氏名",
        "氏名(2)",
        "電話",
        "氏名(3)",
    ]


def test_class_blocks_side_by_side_are_not_groups() -> None:
    """1組 | 2組 over the same sub-headers: blocks of records, not people of a row."""
    rows = [
        ["1組", "", "", "2組", "", ""],
        ["番号", "氏名", "得点", "番号", "氏名", "得点"],
        *[[str(i), f"山田 {g}", "80", str(i), f"佐藤 {g}", "70"] for i, g in enumerate(_GIVEN)],
    ]
    shaped = shape_table(raw_frame(rows, 100), 100)
    assert list(shaped.table.columns) == ["番号", "氏名", "得点", "番号(2)", "氏名(2)", "得点(2)"]
