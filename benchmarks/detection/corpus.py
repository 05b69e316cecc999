"""Labelled detection corpus, generated (seeded, Faker ja_JP): positives and hard negatives for
every entity, as cells (header, value, label) and as columns (header, values, label).

Hard negatives are the ways the obvious pipeline goes wrong (docs/design.md): company, station,
municipality and town names, product codes, 13-digit corporate numbers, My Numbers with a wrong
check digit, scores and dates without a header, kana product names, job titles, statistics.
Names include rare and variant kanji (髙, 﨑, 𠮷), no space, full-width space, katakana, romaji.

Usage: ``python benchmarks/detection/corpus.py --seed 1 --out corpus.json`` (or import it).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass

from faker import Faker

RARE_NAMES = [
    "小鳥遊 ひなた",
    "髙橋 一郎",
    "山﨑 愛",
    "𠮷田 翔",
    "渡邊 光",
    "齋藤 蒼",
    "五十嵐 結衣",
    "勅使河原 健",
    "一二三 大和",
    "四月一日 さくら",
    "東海林 誠",
    "長谷川陽菜",
    "濵田 陸",
    "西園寺 麗華",
    "大和田 萌",
    "嶋田 湊",
    "秋元 紬",
    "野々村 楓",
    "神宮寺 蓮",
    "宇佐美 杏",
]
STATIONS = [
    "新宿",
    "渋谷",
    "池袋",
    "高田馬場",
    "中野坂上",
    "吉祥寺",
    "三鷹",
    "荻窪",
    "阿佐ケ谷",
    "国分寺",
    "立川",
    "八王子",
    "武蔵小杉",
    "自由が丘",
    "二子玉川",
    "大井町",
    "蒲田",
    "川崎",
    "桜木町",
    "関内",
    "石川町",
    "大船",
    "藤沢",
    "茅ヶ崎",
    "平塚",
    "小田原",
    "上野",
    "日暮里",
    "西日暮里",
    "秋葉原",
    "御茶ノ水",
    "四ツ谷",
    "市ケ谷",
    "飯田橋",
    "水道橋",
    "目白",
    "大塚",
    "巣鴨",
    "駒込",
    "田端",
    "赤羽",
    "王子",
    "中村橋",
    "石神井公園",
    "大泉学園",
    "保谷",
    "ひばりヶ丘",
    "清瀬",
]
CULTURAL = [
    "旧岩崎邸庭園",
    "東大寺南大門",
    "姫路城",
    "旧開智学校",
    "松本城天守",
    "中尊寺金色堂",
    "銀閣寺",
    "富岡製糸場",
    "旧山田家住宅",
    "日光東照宮",
    "出雲大社本殿",
    "厳島神社",
]
PRODUCTS = [
    "ボールペン 黒",
    "コピー用紙 A4",
    "ホッチキス",
    "クリアファイル",
    "マーカー 赤",
    "ノート B5",
    "封筒 長3",
    "付箋 75mm",
    "カッター",
    "のり スティック",
]
KANA_PRODUCTS = [
    "コーヒー",
    "ボールペン",
    "ホッチキス",
    "クリップ",
    "ファイル",
    "テープ",
    "マーカー",
    "プリンター",
    "キーボード",
    "モニター",
]
TITLES = ["校長", "教頭", "主幹教諭", "教諭", "養護教諭", "事務長", "主事", "講師", "部長", "課長"]
SUBJECTS = ["国語", "数学", "英語", "理科", "社会"]


@dataclass(frozen=True)
class Cell:
    header: str  # "" = no header
    value: str
    label: str | None  # entity name, or None for a hard negative


@dataclass(frozen=True)
class Column:
    header: str
    values: list[str]
    label: str | None
    kind: str  # what the column is, for reading failures ("station names", ...)


def my_number(rng: random.Random, valid: bool = True) -> str:
    body = [rng.randrange(10) for _ in range(11)]
    w = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    p = sum(d * q for d, q in zip(body, w, strict=True)) % 11
    check = 0 if p <= 1 else 11 - p
    if not valid:
        check = (check + rng.randrange(1, 10)) % 10
    return "".join(map(str, body)) + str(check)


def corporate_number(rng: random.Random) -> str:
    return str(rng.randrange(1, 10)) + "".join(str(rng.randrange(10)) for _ in range(12))


def wareki(rng: random.Random, y: int, m: int, d: int) -> str:
    if y >= 1989:
        era, yy, short = "平成", y - 1988, "H"
    else:
        era, yy, short = "昭和", y - 1925, "S"
    yy_s = "元" if yy == 1 else str(yy)
    return rng.choice([f"{era}{yy_s}年{m}月{d}日", f"{short}{yy}.{m}.{d}"])


def jp_phone(rng: random.Random) -> str:
    """A plausible assigned number (Faker's ja_JP numbers are often not valid Japanese ones)."""

    def d(n: int) -> str:
        return "".join(str(rng.randrange(10)) for _ in range(n))

    kind = rng.randrange(6)
    if kind <= 1:
        return f"0{rng.choice('789')}0-{rng.randrange(1, 10)}{d(3)}-{d(4)}"
    if kind == 2:
        return f"0{rng.choice('36')}-{rng.randrange(2, 10)}{d(3)}-{d(4)}"
    if kind == 3:
        area = rng.choice(["45", "52", "92", "11", "22", "75", "78"])
        return f"0{area}-{rng.randrange(2, 10)}{d(2)}-{d(4)}"
    if kind == 4:
        return f"050-{rng.randrange(1, 10)}{d(3)}-{d(4)}"
    return f"0120-{d(3)}-{d(3)}"


def phone_variants(rng: random.Random, fake: Faker) -> str:
    p = jp_phone(rng)
    digits = p.replace("-", "")
    style = rng.randrange(6)
    if style == 0:
        return digits
    if style == 1:
        return p.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    if style == 2 and digits.startswith("0"):
        return "+81 " + digits[1:3] + " " + digits[3:7] + " " + digits[7:]
    if style == 3 and p.count("-") == 2:
        a, b, c = p.split("-")
        return f"{a}({b}){c}"
    return p


def name_variants(rng: random.Random, fake: Faker) -> str:
    n = fake.name() if rng.random() > 0.15 else rng.choice(RARE_NAMES)
    style = rng.randrange(5)
    if style == 0:
        return n.replace(" ", "")
    if style == 1:
        return n.replace(" ", "\u3000")
    return n


def date_pair(rng: random.Random) -> tuple[int, int, int]:
    return rng.randrange(1950, 2020), rng.randrange(1, 13), rng.randrange(1, 29)


def dob(rng: random.Random) -> str:
    y, m, d = date_pair(rng)
    return rng.choice(
        [f"{y}/{m:02d}/{d:02d}", f"{y}-{m:02d}-{d:02d}", f"{y}年{m}月{d}日", wareki(rng, y, m, d)]
    )


def generators(rng: random.Random, fake: Faker) -> dict[str, Callable[[], str]]:
    return {
        "PERSON": lambda: name_variants(rng, fake),
        "PERSON_KANA": lambda: (
            fake.kana_name()
            if rng.random() > 0.2
            else fake.kana_name().translate(
                str.maketrans({chr(c): chr(c - 0x60) for c in range(0x30A1, 0x30F7)})
            )
        ),
        "ADDRESS": lambda: (
            fake.address()
            if rng.random() > 0.3
            else fake.address().split("県", 1)[-1].split("都", 1)[-1]
        ),
        "POSTAL_CODE": lambda: rng.choice(["〒", ""]) + fake.postcode(),
        "PHONE_NUMBER": lambda: phone_variants(rng, fake),
        "EMAIL_ADDRESS": lambda: fake.email(),
        "STUDENT_ID": lambda: rng.choice(
            [
                f"S{rng.randrange(2015, 2025)}{rng.randrange(1000):03d}",
                f"{rng.randrange(20, 25)}{rng.randrange(10000):04d}",
            ]
        ),
        "EMPLOYEE_ID": lambda: f"T{rng.randrange(100000):05d}",
        "GRADE": lambda: rng.choice(
            [
                "秀",
                "優",
                "良",
                "可",
                "不可",
                "A",
                "B",
                "C",
                "D",
                str(rng.randrange(1, 6)),
                str(rng.randrange(40, 101)),
            ]
        ),
        "DATE_OF_BIRTH": lambda: dob(rng),
        "GENDER": lambda: rng.choice(["男", "女", "男性", "女性"]),
        "MY_NUMBER": lambda: my_number(rng),
    }


HEADERS = {
    "PERSON": ["氏名", "生徒氏名", "名前", "保護者氏名", "担任", "児童名"],
    "PERSON_KANA": ["フリガナ", "ふりがな", "氏名カナ", "よみがな"],
    "ADDRESS": ["住所", "現住所", "保護者住所"],
    "POSTAL_CODE": ["郵便番号", "〒"],
    "PHONE_NUMBER": ["電話番号", "携帯電話", "保護者連絡先", "TEL"],
    "EMAIL_ADDRESS": ["メールアドレス", "E-mail", "連絡先メール"],
    "STUDENT_ID": ["学籍番号", "学生番号", "生徒番号"],
    "EMPLOYEE_ID": ["職員番号", "社員番号"],
    "GRADE": ["評定", "成績", "評価", "点数", *SUBJECTS],
    "DATE_OF_BIRTH": ["生年月日", "誕生日"],
    "GENDER": ["性別"],
    "MY_NUMBER": ["マイナンバー", "個人番号"],
}
# Entities meant to be found from values alone (without a header).
VALUE_ONLY = {"PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "MY_NUMBER"}


def negatives(rng: random.Random, fake: Faker) -> list[tuple[str, Callable[[], str], str]]:
    """(header, generator, kind): hard negatives, none of which is personal data of the kind
    a value-only reading might suggest."""
    return [
        ("会社名", fake.company, "company names"),
        ("", fake.company, "company names, no header"),
        ("駅名", lambda: rng.choice(STATIONS), "station names"),
        ("", lambda: rng.choice(STATIONS), "station names, no header"),
        ("市区町村", fake.city, "municipalities"),
        ("", fake.city, "municipalities, no header"),
        ("町域", fake.town, "town names"),
        ("", fake.town, "town names, no header"),
        ("名称", lambda: rng.choice(CULTURAL), "cultural properties"),
        ("品名", lambda: rng.choice(PRODUCTS), "products"),
        ("", lambda: rng.choice(KANA_PRODUCTS), "kana product names, no header"),
        (
            "品番",
            lambda: f"{rng.choice('ABCDEFG')}{rng.choice('XYZ')}-{rng.randrange(10000):04d}",
            "product codes",
        ),
        ("", lambda: f"{rng.randrange(10**9, 10**10)}", "10-digit codes, no header"),
        ("法人番号", lambda: corporate_number(rng), "corporate numbers"),
        ("", lambda: corporate_number(rng), "corporate numbers, no header"),
        ("", lambda: my_number(rng, valid=False), "12 digits, bad check digit"),
        ("", lambda: str(rng.randrange(1, 6)), "small integers, no header"),
        ("", lambda: str(rng.randrange(40, 101)), "scores, no header"),
        ("", lambda: dob(rng), "dates, no header"),
        ("入学日", lambda: dob(rng), "non-birth dates"),
        ("更新日", lambda: dob(rng), "non-birth dates"),
        ("職名", lambda: rng.choice(TITLES), "job titles"),
        ("", lambda: rng.choice(TITLES), "job titles, no header"),
        ("学年", lambda: str(rng.randrange(1, 7)), "school year"),
        ("人数", lambda: str(rng.randrange(0, 200)), "counts"),
        ("", lambda: fake.job(), "occupations, no header"),
        ("", lambda: fake.prefecture(), "prefectures, no header"),
        ("備考", lambda: rng.choice(["", "済", "未", "要確認", "欠席連絡あり"]), "remarks"),
    ]


def make_cells(seed: int, per_entity: int = 200) -> list[Cell]:
    rng = random.Random(seed)
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    out: list[Cell] = []
    for entity, gen in generators(rng, fake).items():
        for _ in range(per_entity):
            with_header = entity not in VALUE_ONLY or rng.random() < 0.5
            header = rng.choice(HEADERS[entity]) if with_header else ""
            out.append(Cell(header, gen(), entity))
    for header, gen, _kind in negatives(rng, fake):
        for _ in range(max(10, per_entity // 4)):
            value = gen()
            if value:
                out.append(Cell(header, value, None))
    return out


def make_columns(seed: int, rows: int = 120, per_entity: int = 6) -> list[Column]:
    rng = random.Random(seed)
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    out: list[Column] = []
    for entity, gen in generators(rng, fake).items():
        for i in range(per_entity):
            value_only = entity in VALUE_ONLY and i % 2 == 1
            header = f"列{i + 1}" if value_only else rng.choice(HEADERS[entity])
            values = [gen() if rng.random() > 0.05 else "" for _ in range(rows)]
            out.append(Column(header, values, entity, "value only" if value_only else "header"))
    for header, gen, kind in negatives(rng, fake):
        out.append(
            Column(header or f"列{rng.randrange(1, 20)}", [gen() for _ in range(rows)], None, kind)
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    data = {
        "cells": [asdict(c) for c in make_cells(args.seed)],
        "columns": [asdict(c) for c in make_columns(args.seed)],
    }
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
