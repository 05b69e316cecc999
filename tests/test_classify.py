from __future__ import annotations

import pandas as pd

from pi_scan.classify import classify
from pi_scan.model import (
    ColumnFinding,
    Dataset,
    DatasetKind,
    Entity,
    FileRef,
    Findings,
    TextFinding,
)

REF = FileRef("/r", "x.csv", "/r/x.csv", 1, "2024-01-01T00:00:00Z", "u", 0o644, True)
TABLE = Dataset(file=REF, kind=DatasetKind.TABLE, table=pd.DataFrame())
TEXT = Dataset(file=REF, kind=DatasetKind.TEXT, text="…")


def _cols(*specs: tuple[str, Entity] | tuple[str, Entity, str]) -> tuple[ColumnFinding, ...]:
    return tuple(
        ColumnFinding(
            column=s[0],
            entity=s[1],
            confidence=0.9,
            header_match=s[0],
            role=s[2] if len(s) > 2 else "self",
        )
        for s in specs
    )


def test_roster_is_a_database_with_a_reason() -> None:
    f = Findings(
        columns=_cols(
            ("学籍番号", Entity.STUDENT_ID),
            ("氏名", Entity.PERSON),
            ("住所", Entity.ADDRESS),
            ("保護者氏名", Entity.PERSON, "guardian"),
        ),
        records=40,
    )
    d = classify(TABLE, f)
    assert d.is_pi_database and d.contains_personal_info
    assert "個人情報データベース等" in d.rationale
    assert "氏名" in d.rationale and "学籍番号" in d.rationale and "40件" in d.rationale
    assert "保護者" in d.rationale
    assert not d.exclusion_candidate


def test_ids_and_grades_without_names_is_a_database() -> None:
    f = Findings(
        columns=_cols(("学籍番号", Entity.STUDENT_ID), ("評定", Entity.GRADE)), records=120
    )
    d = classify(TABLE, f)
    assert d.is_pi_database
    assert "成績" in d.rationale


def test_company_list_is_not_personal_information() -> None:
    f = Findings(
        columns=_cols(("所在地", Entity.ADDRESS), ("代表電話", Entity.PHONE_NUMBER)), records=30
    )
    d = classify(TABLE, f)
    assert not d.is_pi_database and not d.contains_personal_info
    assert "識別する列なし" in d.rationale


def test_statistics_are_not_a_database() -> None:
    d = classify(TABLE, Findings(columns=(), records=6))
    assert not d.is_pi_database and not d.contains_personal_info


def test_surname_frequency_table_is_not_a_database() -> None:
    d = classify(TABLE, Findings(columns=_cols(("姓", Entity.PERSON)), records=50))
    assert not d.is_pi_database


def test_split_name_roster_is_a_database() -> None:
    f = Findings(columns=_cols(("姓", Entity.PERSON), ("名", Entity.PERSON)), records=10)
    # "名" alone is not a surname-only header: a roster split into 姓 | 名 still identifies
    assert classify(TABLE, f).is_pi_database


def test_phone_book_is_an_exclusion_candidate() -> None:
    f = Findings(
        columns=_cols(
            ("氏名", Entity.PERSON), ("住所", Entity.ADDRESS), ("電話番号", Entity.PHONE_NUMBER)
        ),
        records=500,
    )
    d = classify(TABLE, f)
    assert d.is_pi_database and d.exclusion_candidate


def test_sensitive_column_is_flagged() -> None:
    f = Findings(columns=_cols(("氏名", Entity.PERSON), ("既往歴", Entity.SENSITIVE)), records=5)
    d = classify(TABLE, f)
    assert d.is_pi_database and d.sensitive


def test_prose_with_names_contains_personal_info_but_is_not_a_database() -> None:
    f = Findings(text=(TextFinding(Entity.PERSON, 6),))
    d = classify(TEXT, f)
    assert d.contains_personal_info and not d.is_pi_database
    assert "散文" in d.rationale and "氏名6件" in d.rationale


def test_prose_without_people() -> None:
    d = classify(TEXT, Findings(text=(TextFinding(Entity.PHONE_NUMBER, 0),)))
    assert not d.contains_personal_info


def test_empty_table_is_not_a_database() -> None:
    d = classify(TABLE, Findings(columns=_cols(("氏名", Entity.PERSON)), records=0))
    assert not d.is_pi_database


def test_sensitive_items_are_named_in_the_rationale() -> None:
    cols = (
        *_cols(("氏名", Entity.PERSON)),
        ColumnFinding("既往歴", Entity.SENSITIVE, 0.8, header_match="既往歴", label="既往歴"),
    )
    d = classify(TABLE, Findings(columns=cols, records=3))
    assert d.sensitive and "要配慮個人情報の項目あり（既往歴）" in d.rationale
