"""Masked samples are built from the matched part of a cell only (issue 15, item 1)."""

from __future__ import annotations

import pytest

from pi_scan.detect.masking import REDACTED, mask, remask
from pi_scan.model import Entity

# A whole record in one cell: what a mis-decoded UTF-16 CSV, a TSV saved as .csv or a
# semicolon-separated export gives.
RECORD = "S720862,池田 浩,アオキ ユミコ,2016-01-08,638-0771,岩手県長生郡白沢村1-2-3,090-1234-5678"
RECORD_PARTS = ("S720862", "池田", "浩", "アオキ", "ユミコ", "01-08", "0771", "1-2-3", "1234")


@pytest.mark.parametrize(
    ("entity", "value", "expected"),
    [
        (Entity.PERSON, "山田 太郎", "山田 **"),
        (Entity.PERSON, "山田　太郎様", "山田 **"),
        (Entity.PERSON, "山田太郎（父）", "山***"),
        (Entity.PERSON_KANA, "ヤマダ タロウ", "ヤマダ **"),
        (Entity.PERSON, "NGUYEN VAN AN", "NGUYEN **"),
        (Entity.PHONE_NUMBER, "090-1234-5678", "090-****-5678"),
        (Entity.PHONE_NUMBER, "携帯 09012345678（母）", "090****5678"),
        (Entity.EMAIL_ADDRESS, "内線2301 / taro@example.jp", "t***@example.jp"),
        (Entity.ADDRESS, "〒160-0023 東京都新宿区西新宿2-8-1", "東京都新宿区****"),
        (Entity.ADDRESS, "札幌市中央区北1条西2丁目", "札幌市****"),
        (Entity.POSTAL_CODE, "〒068-5743", "068-****"),
        (Entity.DATE_OF_BIRTH, "2016-01-08", "2016-**-**"),
        (Entity.DATE_OF_BIRTH, "平成28年1月8日", "平成28年**月**日"),
        (Entity.STUDENT_ID, "S720862", "S7*****"),
        (Entity.MY_NUMBER, "1234 5678 9018", "**********18"),
        (Entity.GRADE, "68", "**"),
        (Entity.GRADE, "優", "優"),
        (Entity.GENDER, "女", "女"),
    ],
)
def test_ordinary_values(entity: Entity, value: str, expected: str) -> None:
    assert mask(entity, value) == expected


@pytest.mark.parametrize("entity", list(Entity))
def test_a_whole_record_in_one_cell_shows_only_the_matched_part(entity: Entity) -> None:
    sample = mask(entity, RECORD)
    leaked = [part for part in RECORD_PARTS if part in sample]
    assert not leaked, (entity, sample)
    assert len(sample) <= 20


def test_whole_record_samples_keep_the_matched_part() -> None:
    assert mask(Entity.ADDRESS, RECORD) == "岩手県長生郡****"
    assert mask(Entity.PHONE_NUMBER, RECORD) == "090-****-5678"
    assert mask(Entity.PERSON, RECORD) == REDACTED
    assert mask(Entity.GRADE, RECORD) == REDACTED
    assert mask(Entity.GENDER, RECORD) == REDACTED


@pytest.mark.parametrize(
    ("entity", "masked"),
    [
        (Entity.PERSON, "山田 **"),
        (Entity.PERSON, "山***"),
        (Entity.PHONE_NUMBER, "090-****-5678"),
        (Entity.EMAIL_ADDRESS, "t***@example.jp"),
        (Entity.ADDRESS, "東京都新宿区****"),
        (Entity.POSTAL_CODE, "068-****"),
        (Entity.DATE_OF_BIRTH, "2016-**-**"),
        (Entity.STUDENT_ID, "S7*****"),
        (Entity.MY_NUMBER, "**********18"),
        (Entity.GRADE, "**"),
    ],
)
def test_masking_a_masked_sample_keeps_it(entity: Entity, masked: str) -> None:
    assert remask(entity.value, masked) == masked


def test_remask_of_an_older_leaky_sample() -> None:
    old = "S720862,池田 浩,アオキ ユミコ,2016-01-08,638-0771,岩手県長生郡****"
    assert remask("ADDRESS", old) == "岩手県長生郡****"
    assert remask("GRADE", "S720862,") == REDACTED
    assert remask("NO_SUCH_ENTITY", "山田 太郎") == REDACTED


@pytest.mark.parametrize(
    "header",
    [
        "氏名",
        "保護者氏名（漢字）",
        "電話番号(自宅)",
        "国語（成績）",
        "生年月日",
        "2024年度 評定",
        "住所1",
        "メールアドレス",
        "Phone (home)",
        "緊急連絡先（勤務先）",
        "旧姓",
        "購入日",
        "自由記述",
    ],
)
def test_field_word_headers_are_shown(detector, header: str) -> None:
    assert detector.labels.is_safe(header), header


@pytest.mark.parametrize(
    "header",
    [
        "学籍番号小林 陽一",
        "氏名 山田太郎",
        "S720862",
        "taro@example.jp",
        "佐藤 花子",
        "電話09012345678",
        "氏名こばやしようこ",
        # names no dictionary knows: what is left is not one dictionary word
        "学籍番号鶚嶺 珊瑚丸",
        "氏名 鴎汀琥珀音",
        "学籍番号鷲鶯院",
        "氏名 龘靐",
    ],
)
def test_headers_holding_values_are_not_shown(detector, header: str) -> None:
    assert not detector.labels.is_safe(header), header


def test_a_header_that_runs_into_a_name_is_labelled_by_position(detector, make_table) -> None:
    ids = [f"S72086{i}" for i in range(8)]
    names = [
        "池田 浩",
        "山田 太郎",
        "佐藤 花子",
        "鈴木 一郎",
        "高橋 次郎",
        "田中 三郎",
        "伊藤 四郎",
        "渡辺 五郎",
    ]
    found = detector.detect(make_table({"学籍番号小林 陽一": ids, "氏名": names})).columns
    by_entity = {c.entity: c for c in found}
    assert by_entity[Entity.STUDENT_ID].label == "列1"
    assert by_entity[Entity.PERSON].label == "氏名"
    # what leaves the worker: the label replaces the header (workers.py), evidence and samples
    shown = repr([(c.label, c.evidence, c.masked_samples) for c in found])
    assert "小林" not in shown and "陽一" not in shown


@pytest.mark.parametrize("header", ["ship_name", "ship_addr1", "furigana", "denwa", "ご芳名"])
def test_romaji_and_joined_field_words_are_shown(detector, header: str) -> None:
    assert detector.labels.is_safe(header), header


@pytest.mark.parametrize("header", ["john_smith", "氏名_山田太郎", "yamada taro"])
def test_joined_names_are_not_shown(detector, header: str) -> None:
    assert not detector.labels.is_safe(header), header
