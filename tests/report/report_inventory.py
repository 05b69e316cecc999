"""Inventory rows for the report tests, stored with ``Inventory.store_scan`` as a scan would
(fixtures in conftest.py).

Typed rows (``model.InventoryRow``, as ``report.outputs.rows.inventory_row`` makes them) of a
school share: a class roster (students and guardians), a grade sheet of IDs only, a copy of the
roster in someone's Downloads folder, a bought phone book declared excluded, a phone-book-like
list that is only a candidate, a health survey with sensitive data, minutes mentioning people in
prose, statistics, an encrypted and a corrupt workbook, and an archive member.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from pi_scan.inventory import Inventory
from pi_scan.model import (
    DatasetKind,
    FindingRow,
    InventoryRow,
    PeopleEstimate,
    ScanSummary,
    Status,
)

ROOT = "/mnt/share"
FMT = "%Y-%m-%dT%H:%M:%SZ"

# The raw values the masked samples below stand for: no output may contain them.
RAW_VALUES = (
    "山田 太郎",
    "山田太郎",
    "090-1234-5678",
    "09012345678",
    "S2024001",
    "千代田区千代田1-1",
)


def _why(idents: str, records: int) -> str:
    return f"個人情報データベース等: 表形式で1行1件、識別項目 {idents}（本人）、{records:,}件"


def _row(path: str, dataset: str = "", **kw: Any) -> InventoryRow:
    base = InventoryRow(
        path=path,
        dataset=dataset,
        status=Status.OK,
        is_pi_database=False,
        contains_personal_info=False,
        records=0,
        excluded_from_count=False,
        size_bytes=20480,
        modified="2024-04-01T00:30:00Z",
        owner="kyomu",
        world_readable=False,
        root=ROOT,
        kind=DatasetKind.TABLE,
    )
    return replace(base, **kw)


def _database(path: str, dataset: str = "", **kw: Any) -> InventoryRow:
    """A personal-information database's row."""
    return _row(path, dataset, is_pi_database=True, contains_personal_info=True, **kw)


def _unreadable(path: str, status: Status, error: str) -> InventoryRow:
    """A file that could not be read: no decision, no records."""
    return _row(
        path,
        status=status,
        error=error,
        is_pi_database=None,
        contains_personal_info=None,
        records=None,
        kind=DatasetKind.NONE,
    )


def _finding(column: str, entity: str, samples: list[str], role: str = "self") -> FindingRow:
    # path and dataset are the row's: the inventory keeps a finding with its dataset
    return FindingRow(
        path="",
        dataset="",
        column=column,
        entity=entity,
        role=role,
        confidence=0.95,
        hit_rate=0.98,
        sample_size=35,
        evidence=f'header "{column}"',
        masked_samples=tuple(samples),
    )


ROSTER_FINDINGS = [
    _finding("学籍番号", "STUDENT_ID", ["S2******"]),
    _finding("氏名", "PERSON", ["山田 **", "佐藤 **"]),
    _finding("フリガナ", "PERSON_KANA", ["ヤマダ **"]),
    _finding("住所", "ADDRESS", ["東京都千代田区****"]),
    _finding("電話番号", "PHONE_NUMBER", ["090-****-5678"]),
    _finding("保護者氏名", "PERSON", ["山田 **"], role="guardian"),
]
ROSTER_CATEGORIES = ("ADDRESS", "PERSON", "PERSON_KANA", "PHONE_NUMBER", "STUDENT_ID")
ROSTER_WHY = (
    "個人情報データベース等: 表形式で1行1件、識別項目 氏名・フリガナ・学籍番号（本人・保護者）、"
    "記録項目 氏名・フリガナ・住所・電話番号・学籍番号、35件"
)


def datasets_of_scan(*, with_grades: bool = True, with_new: bool = False) -> list[tuple]:
    """(row, findings, persons) triples as the pipeline stores them."""
    out: list[tuple] = [
        (
            _database(
                "教務/2024/名簿.xlsx",
                "1年1組",
                categories=ROSTER_CATEGORIES,
                records=35,
                individuals=70,
                rationale=ROSTER_WHY,
            ),
            ROSTER_FINDINGS,
            None,
        ),
        (
            _database(
                "Users/tanaka/Downloads/名簿のコピー.xlsx",
                "1年1組",
                categories=ROSTER_CATEGORIES,
                records=35,
                individuals=70,
                rationale=ROSTER_WHY,
                owner="tanaka",
                world_readable=True,
                flags=("risky_location", "world_readable"),
            ),
            ROSTER_FINDINGS,
            None,
        ),
        (
            _database(
                "総務課/市販名簿/電話帳.csv",
                categories=("ADDRESS", "PERSON", "PHONE_NUMBER"),
                records=1200,
                individuals=1200,
                excluded_from_count=True,
                exclusion_candidate=True,
                declaration_reason="市販の電話帳（他人作成・未加工）",
                rationale="個人情報データベース等: 表形式で1行1件、識別項目 氏名（本人）、1,200件",
                flags=("exclusion_candidate", "declared_excluded"),
                owner="somu",
            ),
            [_finding("氏名", "PERSON", ["鈴木 **"])],
            None,
        ),
        (
            _database(
                "総務課/業者連絡先.xlsx",
                "担当者",
                categories=("PERSON", "PHONE_NUMBER"),
                records=40,
                individuals=40,
                exclusion_candidate=True,
                rationale="個人情報データベース等: 表形式で1行1件、識別項目 氏名（本人）、40件",
                flags=("exclusion_candidate",),
                owner="somu",
            ),
            [_finding("担当者名", "PERSON", ["高橋 **"])],
            None,
        ),
        (
            _database(
                "保健室/健康調査.xlsx",
                "2024",
                categories=("PERSON", "SENSITIVE", "STUDENT_ID"),
                records=300,
                individuals=300,
                sensitive=True,
                rationale=_why("氏名・学籍番号", 300),
                flags=("sensitive",),
                retention="卒業後5年",
                note="養護教諭が管理",
            ),
            [
                _finding("氏名", "PERSON", ["田中 **"]),
                _finding("学籍番号", "STUDENT_ID", ["S2******"]),
                _finding("既往症", "SENSITIVE", []),
            ],
            None,
        ),
        (
            _database(
                "教務/名簿.zip!2024/2組.csv",
                categories=("PERSON", "STUDENT_ID"),
                records=34,
                individuals=34,
                rationale=_why("氏名・学籍番号", 34),
            ),
            [_finding("氏名", "PERSON", ["伊藤 **"]), _finding("学籍番号", "STUDENT_ID", [])],
            None,
        ),
        (
            _row(
                "教務/職員会議録.docx",
                kind=DatasetKind.TEXT,
                contains_personal_info=True,
                categories=("PERSON",),
                records=None,
                rationale="個人情報を含むが散文のため個人情報データベース等ではない: 氏名6件",
            ),
            [],
            None,
        ),
        (
            _row(
                "教務/統計.xlsx",
                "集計",
                categories=(),
                records=3,
                rationale="個人情報データベース等ではない: 個人に関する列なし、3件",
            ),
            [],
            None,
        ),
        (
            _unreadable("事務/給与.xlsx", Status.ENCRYPTED, "パスワード保護 / password protected"),
            [],
            None,
        ),
        (
            _unreadable("事務/壊れた.xlsx", Status.ERROR, "extraction failed (BadZipFile)"),
            [],
            None,
        ),
    ]
    if with_grades:
        out.insert(
            1,
            (
                _database(
                    "教務/成績/2024前期.csv",
                    categories=("GRADE", "STUDENT_ID"),
                    records=420,
                    individuals=105,
                    rationale="個人情報データベース等: 表形式、識別項目 学籍番号（本人）、420件",
                ),
                [
                    _finding("学籍番号", "STUDENT_ID", ["S2******"]),
                    _finding("評定", "GRADE", ["*"]),
                ],
                None,
            ),
        )
    if with_new:
        out.append(
            (
                _database(
                    "教務/2025/名簿.xlsx",
                    "1年1組",
                    categories=("PERSON", "STUDENT_ID"),
                    records=36,
                    individuals=36,
                    rationale=_why("氏名・学籍番号", 36),
                ),
                [_finding("氏名", "PERSON", ["木村 **"])],
                None,
            )
        )
    return out


def summary_of(
    estimate: int, low: int, high: int, rows: list[tuple], finished: str, threshold: int = 5000
) -> ScanSummary:
    pi = [r for r, _, _ in rows if r.is_pi_database]
    return ScanSummary(
        scan_id=0,
        started=finished,
        finished=finished,
        roots=(ROOT,),
        version="test",
        people=PeopleEstimate(estimate, low, high),
        threshold=threshold,
        rule_ja="個人情報の保護に関する法律施行令 第2条（テスト用の根拠）",
        rule_en="Cabinet Order art. 2 (test rule)",
        files_scanned=len(rows),
        datasets=len(rows),
        pi_databases=len(pi),
        pi_databases_counted=sum(not r.excluded_from_count for r in pi),
        datasets_with_personal_info=sum(bool(r.contains_personal_info) for r, _, _ in rows),
        unreadable=sum(r.status in (Status.ENCRYPTED, Status.ERROR) for r, _, _ in rows),
        not_inspected_by_extension={".jpg": 12, ".exe": 1},
    )


def store(inv: Inventory, finished: datetime, estimate: int, low: int, high: int, **kw: Any) -> int:
    rows = datasets_of_scan(**kw)
    when = finished.strftime(FMT)
    return inv.store_scan(
        summary_of(estimate, low, high, rows, when),
        files=[],
        datasets=[(row, findings) for row, findings, _ in rows],
    )
