"""Cards (個人票) and transposed lists: field names down the first column."""

from __future__ import annotations

import pandas as pd

from pi_scan.extract.cards import card_table
from pi_scan.extract.tabular import raw_frame, shape_table

LABELS = {"氏名", "ふりがな", "生年月日", "住所", "電話番号", "性別", "学年", "組"}


def is_label(text: str) -> bool:
    return text.replace(" ", "").replace("\u3000", "") in LABELS


def shaped(rows: list[list[str]], merged=()) -> pd.DataFrame:
    return shape_table(raw_frame(rows, 100), 100, merged).table


def test_a_transposed_list_is_one_person_per_column() -> None:
    rows = [
        ["氏名", "山田 太郎", "佐藤 花子", "鈴木 一郎"],
        ["ふりがな", "やまだ たろう", "さとう はなこ", "すずき いちろう"],
        ["生年月日", "2010-04-05", "2011-05-06", "2010-12-01"],
        ["電話番号", "090-1111-2222", "", "080-3333-4444"],
    ]
    table = shaped(rows)
    card = card_table(table, True, is_label)
    assert card is not None
    assert list(card.columns) == ["氏名", "ふりがな", "生年月日", "電話番号"]
    assert card["氏名"].tolist() == ["山田 太郎", "佐藤 花子", "鈴木 一郎"]
    assert card["電話番号"].tolist() == ["090-1111-2222", "", "080-3333-4444"]


def test_a_card_with_label_value_pairs_is_one_person() -> None:
    rows = [
        ["生徒個人票", "", "", ""],
        ["氏名", "山田 太郎", "性別", "男"],
        ["ふりがな", "やまだ たろう", "学年", "3"],
        ["住所", "東京都新宿区1-2-3", "組", "2"],
        ["生年月日", "2010-04-05", "", ""],
    ]
    card = card_table(shaped(rows), True, is_label)
    assert card is not None
    assert card.shape == (1, 7)
    record = card.iloc[0].to_dict()
    assert record["氏名"] == "山田 太郎" and record["性別"] == "男"
    assert record["住所"] == "東京都新宿区1-2-3" and record["生年月日"] == "2010-04-05"


def test_a_card_whose_first_rows_were_joined_as_a_group_header() -> None:
    """A merged value cell on the first row made the first two rows one header
    (ふりがな+氏名): the card still reads both fields."""
    rows = [
        ["ふりがな", "やまだ たろう", ""],
        ["氏名", "山田 太郎", ""],
        ["生年月日", "2010-04-05", ""],
        ["住所", "東京都新宿区1-2-3", ""],
    ]
    table = shaped(rows, merged=[((0, 1), (0, 2))])
    card = card_table(table, True, is_label)
    assert card is not None
    assert card.iloc[0].to_dict() == {
        "ふりがな": "やまだ たろう",
        "氏名": "山田 太郎",
        "生年月日": "2010-04-05",
        "住所": "東京都新宿区1-2-3",
    }


def test_an_ordinary_table_is_left_alone() -> None:
    rows = [
        ["氏名", "住所", "電話番号", "生年月日"],
        ["山田 太郎", "東京都新宿区1-2-3", "090-1111-2222", "2010-04-05"],
        ["佐藤 花子", "大阪府大阪市北区2-3-4", "090-1111-3333", "2011-05-06"],
        ["鈴木 一郎", "札幌市中央区3-4-5", "090-1111-4444", "2010-12-01"],
    ]
    assert card_table(shaped(rows), True, is_label) is None
    # field names down the first column, but across the header row as well: a table
    subjects = [["組", "氏名", "学年"], ["1組", "山田 太郎", "3"], ["2組", "佐藤 花子", "3"]]
    subjects += [["組", "鈴木 一郎", "2"], ["組", "田中 健", "1"]]
    assert card_table(shaped(subjects), True, is_label) is None
    # a list of field names and their descriptions (項目 | 説明) reads as one record whose
    # values are the descriptions: detection then finds no name, address or phone in it
    spec = [
        ["項目", "説明"],
        ["氏名", "漢字で"],
        ["住所", "都道府県から"],
        ["電話番号", "ハイフンあり"],
    ]
    card = card_table(shaped(spec), True, is_label)
    assert card is not None
    assert card.iloc[0].to_dict() == {
        "項目": "説明",
        "氏名": "漢字で",
        "住所": "都道府県から",
        "電話番号": "ハイフンあり",
    }


def _committee_card(number: int, name: str, reading: str) -> list[list[str]]:
    """A 民生委員 card: a title with a stamp box, fields of its own beside the known ones,
    a note at the bottom."""
    return [
        ["民生委員 個人票", "", "", "印"],
        ["", "", "", ""],
        ["委員番号", f"{number:03d}", "", ""],
        ["氏名", name, "", ""],
        ["ふりがな", reading, "", ""],
        ["生年月日", "1958-04-01", "", ""],
        ["住所", "東京都新宿区西新宿2-8-1", "", ""],
        ["電話番号", "090-1234-5678", "", ""],
        ["担当地区", "第3地区", "", ""],
        ["任期", "2025-11-30", "", ""],
        ["職業", "自営業", "", ""],
        ["備考", "", "", ""],
        ["※本票は取扱注意", "", "", ""],
    ]


def test_a_card_under_a_title_with_a_stamp_and_a_note_is_one_person() -> None:
    card = card_table(shaped(_committee_card(7, "山田 太郎", "やまだ たろう")), True, is_label)
    assert card is not None
    assert card.shape[0] == 1
    record = card.iloc[0].to_dict()
    assert record["委員番号"] == "007" and record["氏名"] == "山田 太郎"
    assert record["電話番号"] == "090-1234-5678" and record["任期"] == "2025-11-30"
    assert not any("印" in c or "※" in c or "個人票" in c for c in card.columns)


def test_a_card_whose_header_was_found_below_its_first_field() -> None:
    # 番号 | 012 is not header-like (a number beside it): the header search starts lower
    rows = [
        ["番号", "012", ""],
        ["氏名", "佐藤 花子", "㊞"],
        ["ふりがな", "さとう はなこ", ""],
        ["住所", "大阪府大阪市北区梅田1-1-1", ""],
        ["電話番号", "06-1234-5678", ""],
    ]
    card = card_table(shaped(rows), True, is_label)
    assert card is not None
    assert card.iloc[0].to_dict() == {
        "番号": "012",
        "氏名": "佐藤 花子",
        "ふりがな": "さとう はなこ",
        "住所": "大阪府大阪市北区梅田1-1-1",
        "電話番号": "06-1234-5678",
    }


def test_a_card_of_pairs_with_fields_of_its_own() -> None:
    rows = [
        ["職員カード", "", "", "", "印"],
        ["職員番号", "T-104", "任期", "2026-03-31", ""],
        ["氏名", "鈴木 一郎", "ふりがな", "すずき いちろう", ""],
        ["生年月日", "1970-01-02", "性別", "男", ""],
        ["住所", "札幌市中央区北1条西2-3", "", "", ""],
        ["電話番号", "011-234-5678", "", "", ""],
    ]
    card = card_table(shaped(rows), True, is_label)
    assert card is not None and card.shape[0] == 1
    record = card.iloc[0].to_dict()
    assert record["氏名"] == "鈴木 一郎" and record["ふりがな"] == "すずき いちろう"
    assert record["性別"] == "男" and record["任期"] == "2026-03-31"
