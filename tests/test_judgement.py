"""Uncertain judgements widen the bounds; the officer settles them (issue 14 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pi_scan.config import Declaration, ScanConfig
from pi_scan.model import Judgement, PeopleEstimate
from pi_scan.pipeline import run_scan

ROSTER = [
    ("S001", "髙橋 太郎", "タカハシ タロウ", "2008-04-05"),
    ("S002", "山田 花子", "ヤマダ ハナコ", "2008-06-01"),
    ("S003", "佐藤 健", "サトウ ケン", "2008-07-07"),
    ("S004", "鈴木 一郎", "スズキ イチロウ", "2008-09-09"),
]
# A duty rota: the cells hold names under headers that name no field; the rows are nights.
ROTA = ["村田 ひとみ", "小川 陽菜", "吉川 昭", "中村 和美", "松尾 直美", "前田 澄子",
        "野村 健", "木下 誠", "石井 純", "岡本 真"]  # fmt: skip


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    (root / "教務").mkdir(parents=True)
    (root / "看護部").mkdir()
    (root / "地域").mkdir()
    lines = ["学籍番号,氏名,フリガナ,生年月日"] + [",".join(s) for s in ROSTER]
    (root / "教務" / "名簿.csv").write_text("\n".join(lines), encoding="utf-8")
    rota = ["日付,内科系当直"] + [f"11/{i + 1},{name}" for i, name in enumerate(ROTA)]
    (root / "看護部" / "当直表.csv").write_text("\n".join(rota), encoding="utf-8")
    towns = ["町名,ヨミ,郵便番号"] + [
        f"{t},{k},430-09{i:02d}"
        for i, (t, k) in enumerate(
            [("中島", "ナカジマ"), ("高林", "タカバヤシ"), ("森田町", "モリタチョウ"),
             ("住吉", "スミヨシ"), ("和地山", "ワジヤマ"), ("鴨江", "カモエ")]
        )
    ]  # fmt: skip
    (root / "地域" / "町名一覧.csv").write_text("\n".join(towns), encoding="utf-8")
    return root


def _scan(share: Path, tmp_path: Path, name: str, *declarations: Declaration):
    config = ScanConfig(
        db_path=tmp_path / name / "inv.sqlite",
        secret_path=tmp_path / "secret.key",
        in_process=True,
        declarations=declarations,
    )
    out = run_scan([share], config, tmp_path / name / "out")
    return {r.path: r for r in out.rows}, out.summary


def test_an_uncertain_database_widens_the_bounds(share: Path, tmp_path: Path) -> None:
    rows, summary = _scan(share, tmp_path, "plain")
    rota = rows["看護部/当直表.csv"]
    assert rota.is_pi_database is True
    assert rota.judgement is Judgement.UNCERTAIN and rota.judgement_reason
    assert rows["教務/名簿.csv"].judgement is Judgement.CERTAIN
    towns = rows["地域/町名一覧.csv"]
    assert towns.is_pi_database is False and "読み" in towns.rationale
    people = summary.people
    # the roster's 4 are certain; the rota's 10 count toward the estimate and the high bound
    assert people.low == 4
    assert people.estimate == 14
    assert people.high == 14
    assert summary.uncertain_databases == 1


def test_the_officer_settles_a_judgement(share: Path, tmp_path: Path) -> None:
    rows, summary = _scan(
        share,
        tmp_path,
        "declared",
        Declaration(path="看護部/当直表.csv", is_database=False, reason="当直の割当表"),
        Declaration(path="教務/**", is_database=True, reason="学籍の名簿"),
    )
    rota = rows["看護部/当直表.csv"]
    assert rota.is_pi_database is False
    assert rota.judgement is Judgement.DECLARED
    assert "申告" in rota.rationale and "当直の割当表" in rota.rationale
    assert rows["教務/名簿.csv"].judgement is Judgement.DECLARED
    assert summary.people == PeopleEstimate(4, 4, 4)
    assert summary.uncertain_databases == 0
    assert summary.declared_judgements == 2
