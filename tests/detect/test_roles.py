"""Every person on a row, from the table's structure (detect/roles.py), through the detector
and the person keys."""

from __future__ import annotations

import random

import pytest

from pi_scan.detect.roles import people_on_row
from pi_scan.model import ColumnFinding, Entity
from pi_scan.people import Hasher, person_records

HASHER = Hasher(b"k" * 32)
FAMILIES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔太", "結衣", "大輔", "さくら"]
READINGS = {"山田": "やまだ", "佐藤": "さとう", "鈴木": "すずき", "高橋": "たかはし"}


def _name(rng: random.Random, family: str | None = None) -> str:
    return f"{family or rng.choice(FAMILIES)} {rng.choice(GIVEN)}"


def _phone(rng: random.Random) -> str:
    return f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def _address(rng: random.Random) -> str:
    return f"東京都千代田区神田{rng.randint(1, 5)}-{rng.randint(1, 20)}-{rng.randint(1, 9)}"


def _birth(rng: random.Random, year: int) -> str:
    return f"{year + rng.randint(0, 5)}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}"


def _roles(findings) -> dict[str, str]:
    return {f.column: f.role for f in findings.columns if f.entity is not Entity.SENSITIVE}


def _people_per_row(dataset, findings) -> int:
    records = person_records(dataset, findings, HASHER)
    return len(records) // len(dataset.table)


def test_an_aid_application_list_counts_applicant_and_child(detector, make_table) -> None:
    rng = random.Random(14)
    rows = []
    for i in range(20):
        family = rng.choice(FAMILIES)
        rows.append(
            {
                "No": str(i + 1),
                "申請者氏名": _name(rng, family),
                "申請者住所": _address(rng),
                "申請者電話": _phone(rng),
                "児童生徒氏名": _name(rng, family),
                "学年": str(rng.randint(1, 6)),
                "生年月日": _birth(rng, 2012),
            }
        )
    dataset = make_table({k: [r[k] for r in rows] for k in rows[0]})
    findings = detector.detect(dataset)
    roles = _roles(findings)
    # the child's birth date is on the row: the child is the subject, the applicant a person too
    assert roles["児童生徒氏名"] == "self" and roles["生年月日"] == "self"
    assert roles["申請者氏名"] == roles["申請者住所"] == roles["申請者電話"] == "申請者"
    assert _people_per_row(dataset, findings) == 2


def test_a_lease_register_counts_tenant_guarantor_and_emergency_contact(
    detector, make_table
) -> None:
    rng = random.Random(15)
    columns: dict[str, list[str]] = {
        h: []
        for h in (
            "部屋番号",
            "入居者",
            "生年月日",
            "電話",
            "連帯保証人",
            "続柄",
            "保証人住所",
            "保証人電話",
            "緊急連絡先",
            "緊急連絡先電話",
        )
    }
    for i in range(15):
        values = [
            str(101 + i),
            _name(rng),
            _birth(rng, 1970),
            _phone(rng),
            _name(rng),
            rng.choice(["父", "母", "兄"]),
            _address(rng),
            _phone(rng),
            _name(rng),
            _phone(rng),
        ]
        for header, value in zip(columns, values, strict=True):
            columns[header].append(value)
    dataset = make_table(columns)
    findings = detector.detect(dataset)
    roles = _roles(findings)
    assert roles["入居者"] == roles["生年月日"] == roles["電話"] == "self"
    guarantor = roles["連帯保証人"]
    assert guarantor not in ("self", roles["緊急連絡先"])
    assert roles["保証人住所"] == roles["保証人電話"] == guarantor
    assert roles["緊急連絡先"] == roles["緊急連絡先電話"] == "guardian"
    assert _people_per_row(dataset, findings) == 3


@pytest.mark.parametrize(
    ("first", "second", "item"),
    [
        ("受給者氏名", "児童氏名", "児童生年月日"),
        ("請求者", "対象者", "対象者生年月日"),
        ("世帯主", "世帯員", "世帯員生年月日"),
        ("本人氏名", "代理人氏名", "代理人電話"),
    ],
)
def test_any_prefix_before_a_name_starts_a_person(
    detector, make_table, first: str, second: str, item: str
) -> None:
    rng = random.Random(16)
    n = 15
    second_item = [_birth(rng, 2015) if "生年月日" in item else _phone(rng) for _ in range(n)]
    dataset = make_table(
        {
            first: [_name(rng) for _ in range(n)],
            "住所": [_address(rng) for _ in range(n)],
            second: [_name(rng) for _ in range(n)],
            item: second_item,
        }
    )
    findings = detector.detect(dataset)
    roles = _roles(findings)
    assert roles[first] != roles[second]
    assert roles[item] == roles[second]
    assert roles["住所"] == roles[first]
    assert _people_per_row(dataset, findings) == 2


def test_a_roster_with_a_guardian_keeps_the_household_columns_with_the_student(
    detector, make_table
) -> None:
    rng = random.Random(17)
    n = 12
    dataset = make_table(
        {
            "学籍番号": [f"S2024{i:03d}" for i in range(n)],
            "氏名": [_name(rng) for _ in range(n)],
            "保護者氏名": [_name(rng) for _ in range(n)],
            "住所": [_address(rng) for _ in range(n)],
            "電話": [_phone(rng) for _ in range(n)],
        }
    )
    roles = _roles(detector.detect(dataset))
    assert roles == {
        "学籍番号": "self",
        "氏名": "self",
        "保護者氏名": "guardian",
        "住所": "self",
        "電話": "self",
    }


def _finding(column: str, entity: Entity = Entity.PERSON, role: str = "self") -> ColumnFinding:
    return ColumnFinding(column=column, entity=entity, confidence=0.9, header_match="x", role=role)


@pytest.mark.parametrize(
    "headers",
    [
        ["氏名", "旧姓"],
        ["姓", "名"],
        ["氏名", "氏名(英字)"],
        ["氏名(漢字)", "氏名(ローマ字)"],
        ["保護者姓", "保護者名"],
    ],
)
def test_one_name_written_two_ways_is_one_person(headers: list[str], make_table) -> None:
    table = make_table({h: ["山田 太郎", "佐藤 花子"] for h in headers}).table
    findings = [_finding(h) for h in headers]
    assert people_on_row(table, findings) == findings


def test_a_second_name_column_of_readings_is_the_first_persons(make_table) -> None:
    table = make_table({"氏名": ["山田 太郎", "佐藤 花子"], "氏名(2)": ["やまだ", "さとう"]}).table
    findings = [_finding("氏名"), _finding("氏名(2)")]
    assert [f.role for f in people_on_row(table, findings)] == ["self", "self"]


def test_a_duplicated_name_header_is_another_person(make_table) -> None:
    table = make_table(
        {"氏名": ["山田 太郎", "佐藤 花子"], "氏名(2)": ["山田 一", "佐藤 恵"], "電話": ["0", "1"]}
    ).table
    findings = [_finding("氏名"), _finding("氏名(2)"), _finding("電話", Entity.PHONE_NUMBER)]
    assert [f.role for f in people_on_row(table, findings)] == ["self", "person2", "person2"]


def test_two_guardians_of_one_role_are_two_people(make_table) -> None:
    names = {"父氏名": ["山田 一"], "母氏名": ["山田 恵"], "生徒氏名": ["山田 太郎"]}
    table = make_table(names).table
    findings = [
        _finding("父氏名", role="guardian"),
        _finding("母氏名", role="guardian"),
        _finding("生徒氏名"),
    ]
    roles = [f.role for f in people_on_row(table, findings)]
    assert roles[2] == "self" and roles[0] != roles[1]
    assert {r.rstrip("0123456789") for r in roles[:2]} == {"guardian"}


KANA = {"山田": "ヤマダ", "佐藤": "サトウ", "鈴木": "スズキ", "高橋": "タカハシ",
        "田中": "タナカ", "伊藤": "イトウ", "渡辺": "ワタナベ", "中村": "ナカムラ",
        "小林": "コバヤシ", "加藤": "カトウ"}  # fmt: skip
GIVEN_KANA = {"太郎": "タロウ", "花子": "ハナコ", "一郎": "イチロウ", "美咲": "ミサキ",
              "健太": "ケンタ", "陽菜": "ヒナ", "翔太": "ショウタ", "結衣": "ユイ",
              "大輔": "ダイスケ", "さくら": "サクラ"}  # fmt: skip
_HALF = str.maketrans(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
    "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ",
)


def _half_width(kana: str) -> str:
    """ｸﾎﾞ ﾋﾛｼ, as banks write an account holder (voiced kana become two characters)."""
    out = []
    for ch in kana:
        base = chr(ord(ch) - 1) if ch in "ガギグゲゴザジズゼゾダヂヅデドバビブベボ" else ""
        out.append(base.translate(_HALF) + "ﾞ" if base else ch.translate(_HALF))
    return "".join(out).replace("ー", "ｰ")


def test_an_account_holder_far_from_the_name_is_the_same_person(detector, make_table) -> None:
    """A payroll list: 口座名義 in half-width kana at the far right reads 氏名 on the same row
    (Sudachi's reading of the family name), so it is the employee's, not a second person."""
    rng = random.Random(5)
    rows = []
    for i in range(30):
        family, given = rng.choice(FAMILIES), rng.choice(GIVEN)
        rows.append(
            {
                "社員番号": f"{100100 + i}",
                "氏名": f"{family}{given}",
                "所属": rng.choice(["総務部", "営業部", "経理部"]),
                "基本給": str(rng.randint(250, 450) * 1000),
                "振込銀行": "ゆうちょ銀行",
                "口座番号": f"{rng.randint(1000000, 9999999)}",
                "口座名義": _half_width(f"{KANA[family]} {GIVEN_KANA[given]}"),
            }
        )
    dataset = make_table({k: [r[k] for r in rows] for k in rows[0]})
    findings = detector.detect(dataset)
    assert _roles(findings)["口座名義"] == "self"
    assert _people_per_row(dataset, findings) == 1


def test_a_reading_of_nobody_on_the_row_is_a_person_of_its_own(detector, make_table) -> None:
    """The value check keeps the other case: a patient known by a reading (患者カナ) beside
    two pharmacists' names reads neither of them."""
    rng = random.Random(6)
    rows = []
    for _ in range(20):
        family, given = rng.choice(FAMILIES), rng.choice(GIVEN)
        rows.append(
            {
                "患者カナ": f"{KANA[family]} {GIVEN_KANA[given]}",
                "生年月日": _birth(rng, 1950),
                "薬品名": rng.choice(["アムロジピン錠5mg", "ロキソプロフェン錠60mg"]),
                "調剤者": _name(rng, "高橋"),
                "鑑査者": _name(rng, "小林"),
            }
        )
    dataset = make_table({k: [r[k] for r in rows] for k in rows[0]})
    findings = detector.detect(dataset)
    roles = _roles(findings)
    assert roles["患者カナ"] not in (roles["調剤者"], roles["鑑査者"])


def test_a_partners_contact_persons_are_one_person_a_row(detector, make_table) -> None:
    """担当者名 | フリガナ | 携帯 | メール: the only person on the row is a partner's contact
    person, the row's subject, with its reading, phone and e-mail (not a member of staff beside
    a second, reading-only person)."""
    rng = random.Random(7)
    rows = []
    for i in range(20):
        family, given = rng.choice(FAMILIES), rng.choice(GIVEN)
        rows.append(
            {
                "代理店名": f"株式会社{rng.choice(['北斗', '青葉', '東邦'])}商事{i}",
                "担当者名": f"{family} {given}",
                "フリガナ": f"{KANA[family]} {GIVEN_KANA[given]}",
                "携帯電話": _phone(rng),
                "メール": f"contact{i}@example.co.jp",
            }
        )
    dataset = make_table({k: [r[k] for r in rows] for k in rows[0]})
    findings = detector.detect(dataset)
    roles = _roles(findings)
    assert set(roles.values()) == {"self"}
    assert _people_per_row(dataset, findings) == 1


def test_a_guardians_list_keeps_its_role(detector, make_table) -> None:
    rng = random.Random(8)
    dataset = make_table(
        {"保護者氏名": [_name(rng) for _ in range(12)], "電話": [_phone(rng) for _ in range(12)]}
    )
    findings = detector.detect(dataset)
    assert set(_roles(findings).values()) == {"guardian"}
    assert _people_per_row(dataset, findings) == 1
