"""Foreign residents' names: romaji in either order and case, katakana with ・ or a space."""

from __future__ import annotations

from pi_scan.model import Entity
from pi_scan.people import Hasher, person_records

HASHER = Hasher(b"k" * 32)
ROMAJI = [
    "NGUYEN VAN AN",
    "Smith John",
    "smith, john",
    "TRAN Thi Mai",
    "Maria Santos",
    "LI WEI",
    "KIM Minjun",
    "Garcia Lopez Ana",
    "PATEL Ravi",
    "Wang Fang",
    "O'Brien Mary-Jane",
    "SILVA, Paulo",
]
KATAKANA = [
    "グエン・ヴァン・アン",
    "スミス ジョン",
    "スミス・ジョン",
    "チャン・ティ・マイ",
    "マリア・サントス",
    "リ・ウェイ",
    "キム ミンジュン",
    "ガルシア・ロペス・アナ",
    "パテル・ラヴィ",
    "ワン・ファン",
    "オブライエン・メアリー",
    "シルヴァ パウロ",
]


def test_a_list_of_foreign_residents_is_found_by_its_names(detector, make_table) -> None:
    n = len(ROMAJI)
    dataset = make_table(
        {
            "在留カード番号": [f"AB{1234567 + i}CD" for i in range(n)],
            "氏名": ROMAJI,
            "フリガナ": KATAKANA,
            "国籍": ["ベトナム"] * n,
            "電話": [f"090-{1000 + i}-{2000 + i}" for i in range(n)],
        }
    )
    findings = detector.detect(dataset)
    found = {(f.column, f.entity) for f in findings.columns}
    assert ("氏名", Entity.PERSON) in found
    assert ("フリガナ", Entity.PERSON_KANA) in found
    assert all(f.role == "self" for f in findings.columns)


def test_katakana_names_with_a_dot_are_names_in_a_name_column(detector, make_table) -> None:
    dataset = make_table({"氏名": KATAKANA, "電話": [f"03-1234-{i:04d}" for i in range(12)]})
    findings = detector.detect(dataset)
    assert ("氏名", Entity.PERSON) in {(f.column, f.entity) for f in findings.columns}


def test_one_foreign_resident_written_two_ways_has_one_name_key(detector, make_table) -> None:
    first = make_table({"氏名": ["SMITH John", "NGUYEN Van An", "Garcia Ana"] * 4})
    second = make_table({"氏名": ["John Smith", "Nguyen Van An", "ana garcia"] * 4})
    keys = []
    for dataset in (first, second):
        records = person_records(dataset, detector.detect(dataset), HASHER)
        keys.append(records.frame()["name"].tolist())
    assert keys[0] == keys[1]
