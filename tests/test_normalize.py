from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pi_scan import normalize as n


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("髙橋 太郎", "高橋太郎"),
        ("髙橋　太郎", "高橋 太郎"),
        ("山﨑 花子", "山崎花子"),
        ("𠮷田 一郎", "吉田一郎"),
        ("渡邊 健", "渡辺健"),
        ("齋藤 愛", "斎藤愛"),
        ("山田太郎様", "山田 太郎"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"),
    ],
)
def test_names_written_differently_compare_equal(a: str, b: str) -> None:
    assert n.name(a) == n.name(b)


def test_different_names_stay_different() -> None:
    assert n.name("斉藤 愛") != n.name("斎藤 愛")  # 斉藤 and 斎藤 are different surnames
    assert n.name("山田 太郎") != n.name("山田 次郎")


@pytest.mark.parametrize(
    "reading", ["ヤマダ タロウ", "やまだ たろう", "ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ", "やまだたろう"]
)
def test_readings(reading: str) -> None:
    assert n.kana(reading) == "ヤマダタロウ"


@pytest.mark.parametrize(
    "number",
    [
        "090-1234-5678",
        "09012345678",
        "０９０－１２３４－５６７８",
        "090(1234)5678",
        "+81-90-1234-5678",
        "+81 90 1234 5678",
    ],
)
def test_phone_forms(number: str) -> None:
    assert n.phone(number) == "09012345678"


def test_phone_rejects_short_numbers() -> None:
    assert n.phone("内線123") == ""


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2010-04-05", "2010-04-05"),
        ("2010/4/5", "2010-04-05"),
        ("2010年4月5日", "2010-04-05"),
        ("平成22年4月5日", "2010-04-05"),
        ("H22.4.5", "2010-04-05"),
        ("Ｈ２２．４．５", "2010-04-05"),
        ("令和元年5月1日", "2019-05-01"),
        ("R1.5.1", "2019-05-01"),
        ("昭和50年1月2日", "1975-01-02"),
        ("S50/1/2", "1975-01-02"),
        ("20100405", "2010-04-05"),
        ("2010-04-05 00:00:00", "2010-04-05"),
    ],
)
def test_dates_in_seireki_and_wareki(text: str, iso: str) -> None:
    assert n.date(text) == iso


@pytest.mark.parametrize("text", ["", "不明", "2010-13-01", "12345"])
def test_non_dates(text: str) -> None:
    assert n.date(text) == ""


def test_addresses() -> None:
    a = n.address("〒100-0001 東京都千代田区千代田１丁目２番３号　ハイツ１０１")
    b = n.address("東京都千代田区千代田1-2-3 ハイツ101")
    c = n.address("東京都千代田区千代田一丁目2番3号ハイツ101")
    assert a == b == c == "東京都千代田区千代田1-2-3ハイツ101"


def test_email() -> None:
    assert n.email(" Taro.Yamada@Example.JP ") == "taro.yamada@example.jp"
    assert n.email("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ") == "taro@example.jp"
    assert n.email("not an address") == ""


def test_series_maps_each_unique_once() -> None:
    s = pd.Series(["髙橋 太郎", "高橋太郎", "髙橋 太郎"])
    assert n.series(s, n.name).tolist() == ["高橋太郎"] * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03-5666-0361 内線:56", "0356660361"),
        ("03-3872-5784 ext.301", "0338725784"),
        ("03-6752-0942（内線1234）", "0367520942"),
        ("080-9090-5701（父）", "08090905701"),
        ("母 090-1234-5678", "09012345678"),
        ("090 1234 5678", "09012345678"),
        ("（自宅）090-8764-8848", "09087648848"),
        ("(03)1234-5678", "0312345678"),
        ("（自宅）090-8764-8848\n（携帯）080-1111-2222", "09087648848"),
    ],
)
def test_phone_keys_leave_out_notes_and_extensions(text: str, expected: str) -> None:
    assert n.phone(text) == expected


@pytest.mark.parametrize(
    "written",
    [
        "John Smith",
        "SMITH John",
        "smith, john",
        "Smith, John",
        "ＳＭＩＴＨ　ＪＯＨＮ",
        "Smith John 様",
    ],
)
def test_a_name_in_latin_letters_keys_alike_in_either_order(written: str) -> None:
    assert n.name(written) == n.name("John Smith")


def test_katakana_names_key_alike_with_a_dot_or_a_space_and_keep_their_order() -> None:
    assert n.name("ジョン・スミス") == n.name("ジョン スミス")
    assert n.name("ｼﾞｮﾝ･ｽﾐｽ") == n.name("ジョンスミス")
    assert n.name("ヤマダ タロウ") == n.name("ヤマダタロウ")
    assert n.name("NGUYEN VAN AN") != n.name("NGUYEN VAN BINH")


def test_all_str_is_true_only_when_every_value_is_a_str() -> None:
    from pi_scan.normalize import all_str

    assert all_str(np.array(["山田", "タロウ"], dtype=object))
    assert all_str(np.array([np.str_("山田")], dtype=object))
    assert not all_str(np.array([], dtype=object))
    assert not all_str(np.array(["山田", None], dtype=object))
    assert not all_str(np.array(["山田", float("nan")], dtype=object))
    assert not all_str(np.array(["山田", 1], dtype=object))
