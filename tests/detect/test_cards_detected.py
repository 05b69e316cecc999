"""Cards and transposed lists, through the per-dataset step (analysis.analyse_dataset)."""

from __future__ import annotations

from dataclasses import replace

from pi_scan.analysis import analyse_dataset
from pi_scan.extract.tabular import raw_frame, shape_table
from pi_scan.model import Entity
from pi_scan.notes import CARD_NOTE


def _sheet(make_table, rows: list[list[str]]):
    shaped = shape_table(raw_frame(rows, 100), 100)
    return replace(make_table({}), table=shaped.table, header_row=shaped.header_row)


def test_a_transposed_member_list_is_read_one_person_per_column(detector, make_table) -> None:
    rows = [
        ["氏名", "山田 太郎", "佐藤 花子", "鈴木 一郎", "田中 健"],
        ["フリガナ", "ヤマダ タロウ", "サトウ ハナコ", "スズキ イチロウ", "タナカ ケン"],
        ["生年月日", "1969/03/03", "1958/05/10", "1994/04/20", "1980/01/02"],
        ["電話番号", "070-5026-5163", "090-1234-5678", "080-2222-3333", "03-1234-5678"],
    ]
    result = analyse_dataset(_sheet(make_table, rows), detector, None)
    assert CARD_NOTE in result.dataset.error
    assert result.findings.records == 4
    found = {(f.column, f.entity) for f in result.findings.columns}
    assert ("氏名", Entity.PERSON) in found and ("電話番号", Entity.PHONE_NUMBER) in found
    assert result.decision.is_pi_database


def test_a_list_of_subjects_down_column_a_stays_a_table(detector, make_table) -> None:
    rows = [
        ["教科", "書名", "発行者", "定価"],
        *[[s, f"新しい{s}", "東京書籍株式会社", "701"] for s in ["国語", "数学", "理科", "英語"]],
    ]
    result = analyse_dataset(_sheet(make_table, rows), detector, None)
    assert CARD_NOTE not in result.dataset.error
    assert result.findings.records == 4
    assert not result.decision.is_pi_database


def test_cards_under_a_title_are_one_person_each(detector, make_table) -> None:
    """45 sheets of 民生委員 cards (title and stamp above, a note below, fields of their own):
    each is one person with all its items, not a "database" of ten people."""
    names = [
        ("山田 太郎", "やまだ たろう"),
        ("佐藤 花子", "さとう はなこ"),
        ("鈴木 一郎", "すずき いちろう"),
    ]
    for i, (name, reading) in enumerate(names):
        rows = [
            ["民生委員 個人票", "", "", "印"],
            ["委員番号", f"{i + 1:03d}", "", ""],
            ["氏名", name, "", ""],
            ["ふりがな", reading, "", ""],
            ["生年月日", "昭和33年4月1日", "", ""],
            ["住所", "東京都新宿区西新宿2-8-1", "", ""],
            ["電話", "090-1234-5678", "", ""],
            ["担当地区", "第3地区", "", ""],
            ["職業", "自営業", "", ""],
            ["※本票は取扱注意", "", "", ""],
        ]
        result = analyse_dataset(_sheet(make_table, rows), detector, None)
        assert CARD_NOTE in result.dataset.error
        assert result.findings.records == 1
        found = {f.entity for f in result.findings.columns}
        assert {Entity.PERSON, Entity.PERSON_KANA, Entity.ADDRESS, Entity.PHONE_NUMBER} <= found
        assert Entity.DATE_OF_BIRTH in found
        assert result.decision.is_pi_database
