from __future__ import annotations

from pi_scan.extract.records import records_table

BLOCKS = """会員名簿（2024年度）

氏名: 山田 太郎
住所: 東京都千代田区千代田1-1
電話: 090-1111-2222

氏名: 佐藤 花子
住所: 大阪府大阪市北区梅田2-2-2
電話: 06-1234-5678

氏名：鈴木 一郎
住所：愛知県名古屋市中区栄3-3
電話：052-123-4567
"""


def test_blocks_become_rows() -> None:
    table = records_table(BLOCKS)
    assert table is not None
    assert list(table.columns) == ["氏名", "住所", "電話"]
    assert len(table) == 3
    assert table.loc[2, "氏名"] == "鈴木 一郎"


def test_blocks_without_blank_lines() -> None:
    text = "氏名: A\n電話: 1\n氏名: B\n電話: 2\n氏名: C\n電話: 3\n"
    table = records_table(text)
    assert table is not None and len(table) == 3


def test_prose_is_not_records() -> None:
    prose = (
        "令和6年度 第3回 学年会議 議事録\n日時: 6月10日 16:00\n場所: 会議室\n\n"
        "山田先生から修学旅行の行程について説明があった。佐藤さんは欠席。\n"
        "次回は鈴木先生が司会を務める。\n"
    )
    assert records_table(prose) is None


def test_a_single_header_block_is_not_records() -> None:
    assert records_table("件名: 連絡\n日付: 2024-01-01\n\n本文です。\n") is None
