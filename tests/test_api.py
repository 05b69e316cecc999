"""The library API (``from pi_scan import detect_text, detect_table``) and presidio registration."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from pi_scan import ColumnMatch, TableResult, TextSpan, api, detect_table, detect_text
from pi_scan.config import ScanConfig
from pi_scan.model import Dataset, DatasetKind, Entity, FileRef

SENTENCE = (
    "担任の山田太郎先生（携帯 090-1234-5678）まで。住所は東京都新宿区西新宿2-8-1、"
    "メール taro@example.jp。"
)


def test_importing_pi_scan_loads_no_detection_machinery() -> None:
    code = (
        "import sys, pi_scan\n"
        "heavy = [m for m in ('spacy', 'presidio_analyzer', 'sudachipy', 'pandas') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from pi_scan import detect_text, detect_table\n"
        "heavy = [m for m in ('spacy', 'presidio_analyzer', 'sudachipy') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_text_spans_with_offsets_entity_score_and_explanation() -> None:
    spans = detect_text(SENTENCE)
    assert all(isinstance(s, TextSpan) for s in spans)
    got = {s.entity: SENTENCE[s.start : s.end] for s in spans}
    assert got[Entity.PERSON] == "山田太郎"
    assert got[Entity.PHONE_NUMBER].endswith("090-1234-5678")
    assert got[Entity.EMAIL_ADDRESS] == "taro@example.jp"
    assert got[Entity.ADDRESS].startswith("東京都新宿区西新宿")
    assert [s.start for s in spans] == sorted(s.start for s in spans)
    for s in spans:
        assert 0 < s.score <= 1
        assert s.explanation  # the recognizer (and context word) behind it


def test_no_raw_value_unless_asked() -> None:
    spans = detect_text(SENTENCE)
    assert all(s.text is None for s in spans)
    shown = repr(spans)
    for raw in ("山田太郎", "1234-5678", "taro@", "西新宿2-8-1"):
        assert raw not in shown
    phone = next(s for s in spans if s.entity is Entity.PHONE_NUMBER)
    assert "****" in phone.masked
    with_text = detect_text(SENTENCE, include_text=True)
    assert all(s.text == SENTENCE[s.start : s.end] for s in with_text)
    assert [dataclasses.replace(s, text=None) for s in with_text] == spans


def test_spans_are_offsets_into_the_text_as_given_not_its_nfkc_form() -> None:
    # half-width kana with voiced marks and ㈱ change length under NFKC
    text = "ｶﾞｯｺｳ ﾃﾞｽ ㈱ｻﾝﾌﾟﾙの鈴木花子さん、ＴＥＬ０９０－１２３４－５６７８"
    spans = detect_text(text, include_text=True)
    by_entity = {s.entity: s for s in spans}
    assert by_entity[Entity.PERSON].text == "鈴木花子"
    assert text[by_entity[Entity.PHONE_NUMBER].start :].startswith("０９０")
    assert by_entity[Entity.PHONE_NUMBER].text.endswith("５６７８")


def test_entities_filter_and_unknown_names() -> None:
    only = detect_text(SENTENCE, entities="PERSON,phone_number")
    assert {s.entity for s in only} == {Entity.PERSON, Entity.PHONE_NUMBER}
    assert {s.entity for s in detect_text(SENTENCE, entities=[Entity.EMAIL_ADDRESS])} == {
        Entity.EMAIL_ADDRESS
    }
    with pytest.raises(api.UnknownEntityError, match=r"NAME.*known: PERSON"):
        detect_text(SENTENCE, entities="PERSON,NAME")
    assert detect_text("") == []
    assert detect_text("本日は晴天なり。") == []


def test_spans_agree_with_what_a_scan_counts() -> None:
    text = "\n".join(
        [
            "保護者会のお知らせ。担任 佐藤一郎（電話 03-3210-4567）。",
            "欠席の連絡は鈴木花子さんまで、携帯 080-2345-6789、sato@example.ed.jp へ。",
            "〒160-0023 東京都新宿区西新宿7-1-1 にお越しください。持病のある方はご相談を。",
        ]
    )
    ref = FileRef("/r", "a.txt", "/r/a.txt", 1, "2024-01-01T00:00:00", "u", 0o644, False)
    findings = api.detector().detect(Dataset(ref, kind=DatasetKind.TEXT, text=text))
    counted = {f.entity: f.count for f in findings.text}
    spans = Counter(s.entity for s in detect_text(text))
    assert dict(spans) == counted


def test_one_detector_per_config_built_once() -> None:
    assert api.detector() is api.detector(ScanConfig())
    other = ScanConfig(sample_size=50)
    assert api.detector(other) is api.detector(other)
    assert api.detector(other) is not api.detector()


def test_findings_are_frozen() -> None:
    span = detect_text(SENTENCE)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 0  # type: ignore[misc]


ROSTER = [
    ["番号", "氏名", "フリガナ", "電話番号", "備考"],
    ["1", "山田 太郎", "ヤマダ タロウ", "090-1234-5678", ""],
    ["2", "佐藤 花子", "サトウ ハナコ", "080-2345-6789", None],
    ["3", "鈴木 一郎", "スズキ イチロウ", "03-3210-4567", ""],
    ["4", "高橋 美咲", "タカハシ ミサキ", "090-8765-4321", ""],
    ["5", "田中 健太", "タナカ ケンタ", "070-1111-2222", ""],
    ["6", "伊藤 翔太", "イトウ ショウタ", "090-3333-4444", ""],
]


def test_table_columns_and_verdict() -> None:
    result = detect_table(ROSTER)
    assert isinstance(result, TableResult)
    by_entity = {c.entity: c for c in result.columns}
    assert all(isinstance(c, ColumnMatch) for c in result.columns)
    assert by_entity[Entity.PERSON].position == 1
    assert by_entity[Entity.PERSON].column == "氏名"
    assert by_entity[Entity.PERSON_KANA].position == 2
    assert by_entity[Entity.PHONE_NUMBER].position == 3
    assert by_entity[Entity.PHONE_NUMBER].score > 0.5
    assert "電話" in by_entity[Entity.PHONE_NUMBER].explanation
    assert result.records == 6
    assert result.is_pi_database and result.contains_personal_info
    assert "個人情報データベース等" in result.rationale
    shown = repr(result)
    for raw in ("太郎", "1234-5678", "タロウ"):  # masked: 山田 **, 090-****-5678
        assert raw not in shown
    assert all(c.header is None for c in result.columns)
    assert {c.header for c in detect_table(ROSTER, include_text=True).columns} >= {"氏名"}


def test_table_from_a_dataframe_is_the_same_as_from_rows() -> None:
    frame = pd.DataFrame(ROSTER[1:], columns=ROSTER[0])
    frame.loc[1, "備考"] = float("nan")
    assert detect_table(frame) == detect_table(ROSTER)


def test_a_table_of_things_is_no_database() -> None:
    stations = [("新宿", "しんじゅく"), ("中野", "なかの"), ("高円寺", "こうえんじ")]
    stations += [("阿佐ケ谷", "あさがや"), ("荻窪", "おぎくぼ"), ("吉祥寺", "きちじょうじ")]
    rows = [["駅名", "よみ", "路線"]] + [[s, r, "中央線"] for s, r in stations]
    result = detect_table(rows)
    assert not result.is_pi_database


def test_presidio_analyzer_with_the_japanese_recognizers() -> None:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from pi_scan.presidio import add_japanese_recognizers, japanese_nlp_engine

    registry = add_japanese_recognizers(RecognizerRegistry(supported_languages=["ja"]))
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=japanese_nlp_engine(),
        supported_languages=["ja"],
        default_score_threshold=0.4,
    )
    text = "担任の山田太郎先生（携帯 090-1234-5678）、マイナンバーは 1234 5678 9018 です。"
    found = {(r.entity_type, text[r.start : r.end]) for r in analyzer.analyze(text, language="ja")}
    assert ("PERSON", "山田太郎") in found
    assert ("PHONE_NUMBER", "090-1234-5678") in found
    # the recognizers the scan uses, under their own names
    names = {r.name for r in registry.recognizers}
    assert {"JpPhoneRecognizer", "JpMyNumberRecognizer", "JaSudachiPersonRecognizer"} <= names


def test_presidio_registration_fails_loudly() -> None:
    from presidio_analyzer import RecognizerRegistry

    from pi_scan.detect.registry import RecognizerError
    from pi_scan.presidio import add_japanese_recognizers

    with pytest.raises(ValueError, match="does not support 'ja'"):
        add_japanese_recognizers(RecognizerRegistry(supported_languages=["en"]))
    registry = add_japanese_recognizers(RecognizerRegistry(supported_languages=["ja"]))
    with pytest.raises(RecognizerError, match="already has"):
        add_japanese_recognizers(registry)
