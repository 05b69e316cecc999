"""CSV / TSV / Unicode text / plain text: encodings, delimiters, header search, limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from pi_scan.extract.source import TRUNCATED_ATTR
from pi_scan.extract.text_tables import (
    FIXED_WIDTH_NOTE,
    LIST_MIN_LINES,
    LIST_NOTE,
    decode_bytes,
    sniff_delimiter,
)
from pi_scan.model import DatasetKind, Status

from .conftest import assert_no_values_in_errors, extract, only, rows_of, write

ROSTER = (
    "2024年度 3年1組 名簿\n"
    "\n"
    "番号,氏名,フリガナ,生年月日,電話番号\n"
    "1,山田 太郎,ヤマダ タロウ,2010-04-05,090-1234-5678\n"
    "2,髙橋 花子,タカハシ ハナコ,2010-11-30,03-1234-5678\n"
    "3,佐藤 﨑,サトウ サキ,2011-01-02,\n"
)
HEADER = ["番号", "氏名", "フリガナ", "生年月日", "電話番号"]
FIRST = ["1", "山田 太郎", "ヤマダ タロウ", "2010-04-05", "090-1234-5678"]


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "cp932", "euc_jp"],
)
def test_roster_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    text = ROSTER if encoding != "euc_jp" else ROSTER.replace("髙", "高").replace("﨑", "崎")
    path = write(tmp_path, "名簿.csv", text.encode(encoding))
    dataset = only(extract(path))
    assert dataset.kind is DatasetKind.TABLE
    assert dataset.header_row == 2
    assert list(dataset.table.columns) == HEADER
    rows = rows_of(dataset)
    assert rows[0] == FIRST
    assert len(rows) == 3
    assert rows[2][4] == ""  # an empty cell is "", not NaN


def test_cp932_specific_characters_survive(tmp_path: Path) -> None:
    # 髙, 﨑 and ① exist in CP932 (IBM/NEC extensions) but not in plain Shift_JIS
    text = "氏名,備考\n髙橋 﨑子,①要配慮\n"
    assert decode_bytes(text.encode("cp932")).encoding == "cp932"
    rows = rows_of(only(extract(write(tmp_path, "a.csv", text.encode("cp932")))))
    assert rows == [["髙橋 﨑子", "①要配慮"]]


def test_half_width_katakana_cp932_is_not_taken_for_euc_jp() -> None:
    # old business systems export readings in half-width kana; those bytes can decode as EUC-JP
    text = "ﾔﾏﾀﾞ ﾀﾛｳ,ｽｽﾞｷ ﾊﾅｺ\n"
    decoded = decode_bytes(text.encode("cp932"))
    assert decoded is not None
    assert decoded.text == text


def test_euc_jp_is_not_taken_for_cp932() -> None:
    text = "氏名,住所\nやまだ たろう,東京都千代田区\nすずき はなこ,大阪府大阪市\n"
    decoded = decode_bytes(text.encode("euc_jp"))
    assert decoded is not None
    assert (decoded.encoding, decoded.text) == ("euc_jp", text)


def test_excel_unicode_text_export(tmp_path: Path) -> None:
    """Excel's 「Unicode テキスト」: UTF-16 LE with BOM, tab separated, CRLF, saved as .txt."""
    text = (
        '氏名\t住所\t備考\r\n山田 太郎\t東京都新宿区1-2-3\t"改行\nあり"\r\n鈴木 一郎\t大阪府\t\r\n'
    )
    path = write(tmp_path, "名簿.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    dataset = only(extract(path))
    assert dataset.kind is DatasetKind.TABLE
    assert list(dataset.table.columns) == ["氏名", "住所", "備考"]
    assert rows_of(dataset) == [
        ["山田 太郎", "東京都新宿区1-2-3", "改行\nあり"],
        ["鈴木 一郎", "大阪府", ""],
    ]


def test_utf16_big_endian_with_bom(tmp_path: Path) -> None:
    text = "氏名\t学籍番号\n山田\t20240001\n鈴木\t20240002\n佐藤\t20240003\n"
    path = write(tmp_path, "list.txt", b"\xfe\xff" + text.encode("utf-16-be"))
    assert rows_of(only(extract(path)))[0] == ["山田", "20240001"]


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_delimiter_sniffing(tmp_path: Path, delimiter: str) -> None:
    lines = [
        ["学籍番号", "氏名", "住所"],
        ["S001", "山田", "東京都, 新宿区"],
        ["S002", "鈴木", "横浜市"],
    ]
    body = "\n".join(
        delimiter.join(f'"{c}"' if delimiter in c or "," in c else c for c in row) for row in lines
    )
    dataset = only(extract(write(tmp_path, "data.dat", body.encode("utf-8"))))
    assert list(dataset.table.columns) == ["学籍番号", "氏名", "住所"]
    assert rows_of(dataset)[0] == ["S001", "山田", "東京都, 新宿区"]


def test_sniff_prefers_the_wider_consistent_split() -> None:
    sample = "a;b,c;d\n1;2,3;4\n5;6,7;8\n"
    assert sniff_delimiter(sample).delimiter == ";"
    assert sniff_delimiter(sample).fields == 3


def test_txt_prose_is_text(tmp_path: Path) -> None:
    prose = "本日の職員会議では、山田先生から報告がありました。\n次回は4月10日です。\n"
    dataset = only(extract(write(tmp_path, "議事録.txt", prose.encode("cp932"))))
    assert dataset.kind is DatasetKind.TEXT
    assert dataset.text == prose
    assert dataset.name == ""


def test_fixed_width_roster_is_a_table(tmp_path: Path) -> None:
    """An old system's export: columns padded with spaces, names with a full-width space."""
    lines = [
        "番号  氏名            電話番号        住所",
        "   1  井上　裕太　　　090-9378-4535   佐賀県佐賀市城内1-2-3",
        "   2  村上　裕美子　　080-9747-4925   静岡県静岡市葵区追手町9-6",
        "   3  松本　健一　　　090-8272-3312   奈良県奈良市登大路町30",
    ]
    dataset = only(extract(write(tmp_path, "名簿.txt", "\n".join(lines).encode("cp932"))))
    assert dataset.kind is DatasetKind.TABLE
    assert FIXED_WIDTH_NOTE in dataset.error
    assert list(dataset.table.columns) == ["番号", "氏名", "電話番号", "住所"]
    assert dataset.table["氏名"].tolist() == ["井上　裕太", "村上　裕美子", "松本　健一"]
    # prose with a double space here and there is still prose
    prose = "本日の会議  報告事項は以下のとおり。\n次回の予定  4月10日  会議室A\n以上。\n"
    assert only(extract(write(tmp_path, "メモ.txt", prose.encode("utf-8")))).kind is (
        DatasetKind.TEXT
    )


def test_headerless_csv_has_no_header_row(tmp_path: Path) -> None:
    body = "1,山田 太郎,2010-04-05\n2,鈴木 花子,2010-05-06\n3,佐藤 一郎,2010-06-07\n"
    dataset = only(extract(write(tmp_path, "raw.csv", body.encode("utf-8"))))
    assert dataset.header_row is None
    assert list(dataset.table.columns) == ["列1", "列2", "列3"]
    assert len(dataset.table) == 3


def test_duplicate_and_empty_headers_are_made_unique(tmp_path: Path) -> None:
    body = "氏名,氏名,,電話\n山田,やまだ,x,090\n鈴木,すずき,y,080\n"
    dataset = only(extract(write(tmp_path, "d.csv", body.encode("utf-8"))))
    assert list(dataset.table.columns) == ["氏名", "氏名(2)", "列3", "電話"]


def test_a_csv_export_of_a_two_row_group_header(tmp_path: Path) -> None:
    """A sheet with 生徒 / 保護者 merged over its sub-headers, saved as CSV: no merges left,
    the group word once over its first column."""
    body = (
        ",生徒,,保護者,,\n"
        "番号,氏名,ふりがな,氏名,続柄,電話\n"
        "1,山田 太郎,やまだ たろう,山田 一,父,090-1111-2222\n"
        "2,鈴木 花子,すずき はなこ,鈴木 京子,母,080-3333-4444\n"
    )
    dataset = only(extract(write(tmp_path, "連絡網.csv", body.encode("cp932"))))
    assert list(dataset.table.columns) == [
        "番号",
        "生徒氏名",
        "生徒ふりがな",
        "保護者氏名",
        "保護者続柄",
        "保護者電話",
    ]
    assert len(dataset.table) == 2


def test_ragged_rows_and_blank_lines(tmp_path: Path) -> None:
    body = "名簿\n\n氏名,住所\n山田,東京\n\n鈴木\n佐藤,大阪,余分,さらに\n"
    dataset = only(extract(write(tmp_path, "r.csv", body.encode("utf-8"))))
    assert dataset.header_row == 2
    assert rows_of(dataset) == [
        ["山田", "東京", "", ""],
        ["鈴木", "", "", ""],
        ["佐藤", "大阪", "余分", "さらに"],
    ]
    assert list(dataset.table.columns) == ["氏名", "住所", "列3", "列4"]


def test_wide_row_far_below_the_sample(tmp_path: Path) -> None:
    rows = ["氏名,点数"] + [f"生徒{i},{i}" for i in range(5000)] + ["最後,1,2,3"]
    body = "\n".join(rows).encode("utf-8")
    dataset = only(extract(write(tmp_path, "w.csv", body)))
    assert len(dataset.table) == 5001
    assert dataset.table.iloc[-1].tolist() == ["最後", "1", "2", "3"]


def test_unbalanced_quote_still_reads(tmp_path: Path) -> None:
    body = '氏名,身長\n山田,5\'7"\n"鈴木,170\n佐藤,160\n'
    dataset = only(extract(write(tmp_path, "q.csv", body.encode("utf-8"))))
    assert dataset.status is Status.OK
    assert dataset.table.iloc[0].tolist()[0] == "山田"


def test_max_rows_truncates_and_says_so(tmp_path: Path) -> None:
    body = "氏名,点数\n" + "".join(f"生徒{i},{i}\n" for i in range(100))
    dataset = only(extract(write(tmp_path, "big.csv", body.encode("utf-8")), max_rows=10))
    assert dataset.status is Status.OK
    assert len(dataset.table) == 10
    assert dataset.table.attrs[TRUNCATED_ATTR] is True
    assert dataset.error == "truncated: first 10 rows read"


def test_long_text_is_truncated(tmp_path: Path) -> None:
    path = write(tmp_path, "log.txt", ("あ" * 1000).encode("utf-8"))
    dataset = only(extract(path, max_text_chars=100))
    assert dataset.text == "あ" * 100
    assert dataset.error.startswith("truncated")


def test_html_is_text_without_tags(tmp_path: Path) -> None:
    page = "<html><script>var x='秘密';</script><body><p>山田 太郎</p><p>090</p></body></html>"
    dataset = only(extract(write(tmp_path, "a.html", page.encode("utf-8"))))
    assert dataset.kind is DatasetKind.TEXT
    assert dataset.text == "山田 太郎\n090"


def test_html_tables_exported_as_xls(tmp_path: Path) -> None:
    """「Excel形式」 downloads from web systems: an HTML table saved as .xls, in CP932."""
    page = (
        "<html><head><meta charset='Shift_JIS'></head><body><h1>部活動名簿</h1>"
        "<table border=1>"
        "<tr><th colspan=3>2024年度 部活動名簿</th></tr>"
        "<tr><th>部活</th><th>氏名</th><th>電話</th></tr>"
        "<tr><td rowspan=2>野球部</td><td>山田 太郎</td><td>090-1111-2222</td></tr>"
        "<tr><td>鈴木 一郎</td><td>080-3333-4444</td></tr>"
        "</table><p>以上</p></body></html>"
    )
    datasets = extract(write(tmp_path, "部活.xls", page.encode("cp932")))
    assert [(d.name, d.kind) for d in datasets] == [
        ("本文", DatasetKind.TEXT),
        ("表1", DatasetKind.TABLE),
    ]
    assert datasets[0].text == "部活動名簿\n以上"
    table = datasets[1]
    assert table.header_row == 1
    assert list(table.table.columns) == ["部活", "氏名", "電話"]
    assert rows_of(table) == [
        ["野球部", "山田 太郎", "090-1111-2222"],
        ["野球部", "鈴木 一郎", "080-3333-4444"],
    ]


def test_misnamed_xls_that_is_really_tsv(tmp_path: Path) -> None:
    # web systems often export "Excel" files that are tab-separated text
    body = "氏名\t電話\n山田\t090-1111-2222\n鈴木\t080-3333-4444\n佐藤\t070-5555-6666\n"
    dataset = only(extract(write(tmp_path, "export.xls", body.encode("cp932"))))
    assert list(dataset.table.columns) == ["氏名", "電話"]


def test_corrupt_bytes_in_cp932_file_are_replaced_not_fatal(tmp_path: Path) -> None:
    data = "氏名,住所\n山田,東京都\n".encode("cp932") + b"\x81\x20broken\n"
    dataset = only(extract(write(tmp_path, "c.csv", data)))
    assert dataset.status is Status.OK
    assert rows_of(dataset)[0] == ["山田", "東京都"]


def test_binary_content_is_skipped_with_a_reason(tmp_path: Path) -> None:
    dataset = only(extract(write(tmp_path, "blob.dat", bytes(range(256)) * 40)))
    assert dataset.status is Status.SKIPPED
    assert dataset.kind is DatasetKind.NONE
    assert dataset.error == "binary file of an unsupported type"


def test_no_cell_value_in_any_error(tmp_path: Path) -> None:
    datasets = extract(write(tmp_path, "x.csv", ROSTER.encode("cp932")))
    assert_no_values_in_errors(datasets, FIRST)


def test_short_unicode_text_export_is_still_a_table(tmp_path: Path) -> None:
    text = "氏名\t電話\r\n山田 太郎\t090-1234-5678\r\n"
    path = write(tmp_path, "1件.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    dataset = only(extract(path))
    assert dataset.kind is DatasetKind.TABLE
    assert rows_of(dataset) == [["山田 太郎", "090-1234-5678"]]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("line_end", ["\r", "\r\n"])
def test_utf16_without_bom_holding_a_zero_byte_character(
    tmp_path: Path, encoding: str, line_end: str
) -> None:
    """Old Mac exports: UTF-16 without a BOM, records ended by a lone CR. 一 (U+4E00) has a
    zero byte, so the half of the bytes that is NUL-free for ASCII holds a few NULs too."""
    lines = ["番号,氏名,フリガナ", "1,山田 陽一,ヤマダ ヨウイチ", "2,佐藤 一郎,サトウ イチロウ"]
    text = line_end.join(lines)
    path = write(tmp_path, "名簿.csv", (text + line_end).encode(encoding))
    assert decode_bytes(path.read_bytes()).encoding == encoding
    dataset = only(extract(path))
    assert list(dataset.table.columns) == ["番号", "氏名", "フリガナ"]
    assert rows_of(dataset) == [
        ["1", "山田 陽一", "ヤマダ ヨウイチ"],
        ["2", "佐藤 一郎", "サトウ イチロウ"],
    ]


def test_cr_only_csv_in_cp932(tmp_path: Path) -> None:
    path = write(tmp_path, "名簿.csv", ROSTER.replace("\n", "\r").encode("cp932"))
    dataset = only(extract(path))
    assert list(dataset.table.columns) == HEADER
    assert rows_of(dataset)[0] == FIRST


def test_binary_with_a_nul_pattern_is_not_utf16() -> None:
    # NULs in every other byte, but lone surrogates in between: not text
    assert decode_bytes(b"\x00\xd8\x41\x00" * 200) is None


def test_a_million_short_lines_are_a_list_read_in_bounded_time(tmp_path: Path) -> None:
    """A text of 1,000,000 short lines: read as prose it cost minutes and a worker's memory
    (MemoryError); it is a list, one record a line, bounded like a table (issue 15 item 7)."""
    path = write(tmp_path, "ids.txt", b"".join(b"%d\n" % i for i in range(1_000_000)))
    dataset = only(extract(path, max_rows=50_000))
    assert dataset.status is Status.OK
    assert dataset.kind is DatasetKind.TABLE
    assert dataset.error.startswith(LIST_NOTE)
    assert dataset.table.shape[1] == 1
    assert len(dataset.table) == 50_000
    assert dataset.table.attrs.get(TRUNCATED_ATTR)


def test_a_list_of_names_one_a_line(tmp_path: Path) -> None:
    names = [f"{s} {g}" for s in ("山田", "佐藤", "鈴木", "高橋", "田中") for g in ("太郎", "花子")]
    lines = [names[i % len(names)] + f"{i:05d}" for i in range(LIST_MIN_LINES)]
    path = write(tmp_path, "names.txt", ("\n".join(lines) + "\n").encode())
    dataset = only(extract(path))
    assert dataset.kind is DatasetKind.TABLE
    assert len(dataset.table) + (dataset.header_row is not None) == LIST_MIN_LINES


def test_short_prose_stays_text(tmp_path: Path) -> None:
    path = write(tmp_path, "memo.txt", ("連絡事項\n" * (LIST_MIN_LINES - 10)).encode())
    assert only(extract(path)).kind is DatasetKind.TEXT
