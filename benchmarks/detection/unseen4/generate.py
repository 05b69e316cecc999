"""Generate the unseen4 share: a fictional hospital's file share, with its exact truth.

    .venv/bin/python benchmarks/detection/unseen4/generate.py [--out DIR] [--truth FILE]

Default: the share goes to benchmarks/detection/unseen4/share/ (not committed) and the truth to
benchmarks/detection/unseen4/truth.json (committed). The same seed gives the same share and truth.
Every person is fictional. See README.md beside this file for the counting rules.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import sys
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import names  # noqa: E402

SEED = 20241106
TARGET_DISTINCT = 4940  # just under the 5,000-person rule
TODAY = date(2024, 11, 6)
HOSPITAL = "遠州みなと総合病院"

# ---------------------------------------------------------------------------------------------
# People


@dataclass
class Person:
    pid: int
    role: str  # patient / contact / staff / staff_family / examinee / prose_only
    family: str
    given: str
    family_kana: str
    given_kana: str
    sex: str  # 男 / 女
    dob: date
    postal: str
    address: str
    phone: str
    mobile: str
    origin: str | None = None  # foreign: key of names.FOREIGN
    romaji: tuple[str, str] | None = None  # (family, given)
    patient_id: str | None = None
    staff_no: str | None = None
    dept: str | None = None
    job: str | None = None

    @property
    def foreign(self) -> bool:
        return self.origin is not None

    def age(self, on: date = TODAY) -> int:
        years = on.year - self.dob.year
        return years - ((on.month, on.day) < (self.dob.month, self.dob.day))


DEPTS_DOCTOR = [
    "内科",
    "循環器内科",
    "消化器内科",
    "外科",
    "整形外科",
    "小児科",
    "産婦人科",
    "眼科",
    "耳鼻咽喉科",
    "皮膚科",
    "泌尿器科",
    "脳神経外科",
    "放射線科",
    "麻酔科",
]
WARDS = ["3東", "3西", "4東", "4西", "5東", "5西", "外来", "手術室", "ICU"]
RELATIONS_OLD = ["妻", "夫", "長男", "長女", "次男", "次女", "息子", "娘", "嫁", "孫"]
RELATIONS_YOUNG = ["父", "母", "祖母", "祖父"]
RELATIONS_STAFF = ["夫", "妻", "父", "母", "兄", "姉", "弟", "妹"]

KATA_TO_HALF: dict[str, str] = {}
for code in range(0xFF61, 0xFFA0):
    half = chr(code)
    KATA_TO_HALF.setdefault(unicodedata.normalize("NFKC", half), half)
    for mark in ("ﾞ", "ﾟ"):
        full = unicodedata.normalize("NFKC", half + mark)
        if len(full) == 1:
            KATA_TO_HALF.setdefault(full, half + mark)
KATA_TO_HALF["　"] = " "
KATA_TO_HALF["ヴ"] = "ｳﾞ"

FULLWIDTH_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")


def half_kana(text: str) -> str:
    return "".join(KATA_TO_HALF.get(ch, ch) for ch in text)


def old_form(text: str) -> str:
    return "".join(names.OLD_FORMS.get(ch, ch) for ch in text)


def has_old_form(text: str) -> bool:
    return any(ch in names.OLD_FORMS for ch in text)


def wareki(d: date, style: str = "long") -> str:
    eras = [
        (date(2019, 5, 1), "令和", "R", 5),
        (date(1989, 1, 8), "平成", "H", 4),
        (date(1926, 12, 25), "昭和", "S", 3),
        (date(1912, 7, 30), "大正", "T", 2),
    ]
    for start, kanji, letter, num in eras:
        if d >= start:
            year = d.year - start.year + 1
            if style == "long":
                return f"{kanji}{'元' if year == 1 else year}年{d.month}月{d.day}日"
            if style == "short":
                return f"{letter}{year:02d}.{d.month:02d}.{d.day:02d}"
            return f"{num}{year:02d}{d.month:02d}{d.day:02d}"  # レセ電 style code
    raise ValueError(d)


class World:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.keys: set[tuple[str, str, date]] = set()
        self.surnames = names.pairs(names.SURNAMES)
        weights = []
        for i, _ in enumerate(self.surnames):  # a Zipf-like spread: 佐藤 far more than 小鳥遊
            weights.append(1.0 / (i + 8) ** 0.9)
        for i, (kanji, _) in enumerate(self.surnames):
            if kanji in ("勅使河原", "小鳥遊", "一", "東海林"):
                weights[i] = 0.002
        self.surname_weights = weights
        self.female = names.pairs(names.GIVEN_FEMALE)
        self.male = names.pairs(names.GIVEN_MALE)
        self.towns = names.towns()
        self.next_patient_id = 1000
        self.next_staff_no = 1

    # -- attributes
    def dob(self, age_lo: int, age_hi: int) -> date:
        start = date(TODAY.year - age_hi - 1, TODAY.month, TODAY.day) + timedelta(days=1)
        end = date(TODAY.year - age_lo, TODAY.month, TODAY.day)
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def patient_age(self) -> tuple[int, int]:
        bands = [(0, 9, 6), (10, 19, 4), (20, 39, 10), (40, 59, 16), (60, 74, 28), (75, 96, 36)]
        lo, hi, _ = self.rng.choices(bands, weights=[b[2] for b in bands])[0]
        return lo, hi

    def address(self) -> tuple[str, str]:
        town, _, postal = self.rng.choice(self.towns)
        chome = self.rng.randint(1, 5)
        ban = self.rng.randint(1, 30)
        go = self.rng.randint(1, 25)
        if town.endswith("町") and self.rng.random() < 0.5:
            body = f"{town}{self.rng.randint(100, 2999)}番地"
        else:
            body = f"{town}{chome}丁目{ban}-{go}"
        if self.rng.random() < 0.2:
            body += f" {self.rng.choice(['コーポ', 'ハイツ', 'メゾン'])}"
            body += f"{self.rng.choice(['さくら', 'みなと', '緑', 'サンライズ'])}"
            body += f"{self.rng.randint(1, 4)}0{self.rng.randint(1, 8)}"
        city = "静岡県浜松市中央区" if self.rng.random() < 0.85 else "静岡県浜松市浜名区"
        return postal, city + body

    def landline(self) -> str:
        return f"053-{self.rng.randint(400, 499)}-{self.rng.randint(0, 9999):04d}"

    def mobile(self) -> str:
        head = self.rng.choice(["070", "080", "090"])
        return f"{head}-{self.rng.randint(1000, 9999)}-{self.rng.randint(0, 9999):04d}"

    # -- people
    def person(
        self,
        role: str,
        ages: tuple[int, int],
        sex: str | None = None,
        surname: tuple[str, str] | None = None,
        home: tuple[str, str] | None = None,
        origin: str | None = None,
    ) -> Person:
        while True:
            sex_ = sex or self.rng.choice("男女")
            dob = self.dob(*ages)
            if origin:
                _order, _lang, fams, givens = names.FOREIGN[origin]
                fam_r, fam_k = self.rng.choice(fams.split("|")).split()
                giv_r, giv_k = self.rng.choice(givens.split("|")).split()
                fam_r, giv_r = fam_r.replace("_", " "), giv_r.replace("_", " ")
                family, given = fam_k, giv_k
                fkana, gkana = fam_k, giv_k
                romaji: tuple[str, str] | None = (fam_r, giv_r)
            else:
                fam = surname or self.rng.choices(self.surnames, weights=self.surname_weights)[0]
                giv = self.rng.choice(self.female if sex_ == "女" else self.male)
                family, fkana = fam
                given, gkana = giv
                romaji = None
            key = (family, given, dob)
            if key not in self.keys:
                break
        self.keys.add(key)
        postal, addr = home or self.address()
        age = TODAY.year - dob.year
        phone = self.landline() if age >= 60 and self.rng.random() < 0.6 else self.mobile()
        p = Person(
            pid=len(self.people),
            role=role,
            family=family,
            given=given,
            family_kana=fkana,
            given_kana=gkana,
            sex=sex_,
            dob=dob,
            postal=postal,
            address=addr,
            phone=phone,
            mobile=self.mobile(),
            origin=origin,
            romaji=romaji,
        )
        if role == "patient":
            self.next_patient_id += self.rng.randint(1, 40)
            p.patient_id = f"{self.next_patient_id:08d}"
        self.people.append(p)
        return p

    def patient(self, origin: str | None = None) -> Person:
        return self.person("patient", self.patient_age(), origin=origin)

    def relative(self, of: Person, role: str = "contact") -> tuple[Person, str]:
        """A family member of `of` (emergency contact, applicant, guarantor) and the 続柄."""
        age = of.age()
        if of.foreign:
            rel = self.rng.choice(["夫", "妻", "兄", "姉", "友人"])
            other = self.person(role, (25, 60), origin=of.origin)
            return other, rel
        rel = self.rng.choice(RELATIONS_OLD if age >= 40 else RELATIONS_YOUNG)
        same_name = True
        if rel in ("妻", "夫"):
            ages = (max(20, age - 8), min(99, age + 6))
            sex = "女" if rel == "妻" else "男"
        elif rel in ("父", "母"):
            ages = (age + 20, age + 45)
            sex = "男" if rel == "父" else "女"
        elif rel in ("祖父", "祖母"):
            ages = (age + 45, age + 75)
            sex = "男" if rel == "祖父" else "女"
        elif rel == "孫":
            ages = (max(18, age - 60), max(19, age - 40))
            sex = None
            same_name = self.rng.random() < 0.5
        else:  # children, 嫁
            ages = (max(18, age - 40), max(19, age - 20))
            sex = "女" if rel in ("長女", "次女", "娘", "嫁") else "男"
            same_name = sex == "男" or rel == "嫁" or self.rng.random() < 0.3
        ages = (min(ages[0], 90), min(max(ages[1], ages[0]), 98))
        surname = (of.family, of.family_kana) if same_name else None
        home = (of.postal, of.address) if same_name and self.rng.random() < 0.6 else None
        return self.person(role, ages, sex=sex, surname=surname, home=home), rel

    def staff(self, dept: str, job: str) -> Person:
        lo, hi = (26, 66) if job == "医師" else (22, 64)
        p = self.person("staff", (lo, hi))
        p.staff_no = f"{self.next_staff_no + (int(p.dob.year) % 7) * 1000:05d}"
        self.next_staff_no += 1
        p.dept, p.job = dept, job
        return p


# ---------------------------------------------------------------------------------------------
# Rendering


def jname(p: Person, sep: str = "　", variant: bool = False) -> str:
    if p.foreign:
        return "・".join([p.given, p.family] if _given_first(p) else [p.family, p.given])
    family = old_form(p.family) if variant else p.family
    return f"{family}{sep}{p.given}"


def jkana(p: Person, sep: str = "　", half: bool = False) -> str:
    if p.foreign:
        parts = [p.given_kana, p.family_kana] if _given_first(p) else [p.family_kana, p.given_kana]
        text = sep.join(part.replace("・", sep) for part in parts)
    else:
        text = f"{p.family_kana}{sep}{p.given_kana}"
    return half_kana(text) if half else text


def _given_first(p: Person) -> bool:
    return names.FOREIGN[p.origin][0] == "given_first"  # type: ignore[index]


def romaji(p: Person, style: str) -> str:
    fam, giv = p.romaji  # type: ignore[misc]
    if style == "FAMILY GIVEN":
        return f"{fam} {giv}"
    if style == "Family Given":
        return f"{fam.title()} {giv.title()}"
    if style == "Given FAMILY":
        return f"{giv.title()} {fam}"
    if style == "FAMILY, Given":
        return f"{fam}, {giv.title()}"
    return f"{giv} {fam}"  # GIVEN FAMILY


def phone_variant(phone: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return phone.replace("-", "")
    if r < 0.45:
        return phone.translate(FULLWIDTH_DIGITS)
    if r < 0.55:
        a, b, c = phone.split("-")
        return f"{a}({b}){c}"
    return phone


# ---------------------------------------------------------------------------------------------
# Truth


@dataclass
class Entry:
    path: str
    dataset: str
    fmt: str
    kind: str
    is_pi_database: bool
    contains_personal_info: bool
    records: int
    people: set[int] = field(default_factory=set)
    multi_person: bool = False
    hard_negative: bool = False
    borderline: bool = False
    note: str = ""

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "dataset": self.dataset,
            "format": self.fmt,
            "kind": self.kind,
            "is_pi_database": self.is_pi_database,
            "contains_personal_info": self.contains_personal_info,
            "records": self.records,
            "individuals": len(self.people),
            "multi_person": self.multi_person,
            "hard_negative": self.hard_negative,
            "borderline": self.borderline,
            "note": self.note,
        }


class Share:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[Entry] = []

    def file(self, rel: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def add(self, *args, **kwargs) -> Entry:
        entry = Entry(*args, **kwargs)
        self.entries.append(entry)
        return entry


def csv_bytes(rows: list[list], encoding: str, delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue().encode(encoding)


def write_csv(share: Share, rel: str, rows: list[list], encoding: str, delimiter=",") -> None:
    share.file(rel).write_bytes(csv_bytes(rows, encoding, delimiter))


# ---------------------------------------------------------------------------------------------
# Office and PDF writers


def new_workbook():
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


def style_header(ws, row: int, ncols: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin")
    for col in range(1, ncols + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)


def sheet_rows(ws, header: list[str], rows: list[list], start: int = 1) -> None:
    for col, value in enumerate(header, 1):
        ws.cell(row=start, column=col, value=value)
    style_header(ws, start, len(header))
    for r, row in enumerate(rows, start + 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, (date, datetime)):
                cell.number_format = "yyyy/mm/dd"


def save_workbook(wb, path: Path) -> None:
    wb.properties.creator = "医事課"
    wb.properties.created = datetime(2024, 11, 6, 9, 0, 0)
    wb.properties.modified = datetime(2024, 11, 6, 9, 0, 0)
    wb.save(path)


def new_docx():
    import docx

    document = docx.Document()
    document.core_properties.author = HOSPITAL
    document.core_properties.created = datetime(2024, 11, 6, 9, 0, 0)
    document.core_properties.modified = datetime(2024, 11, 6, 9, 0, 0)
    return document


PDF_FONT = "HeiseiKakuGo-W5"


def pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    body = ParagraphStyle("body", fontName=PDF_FONT, fontSize=10, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=14, leading=22, spaceAfter=8)
    return title, body


def write_pdf(path: Path, flow, landscape_: bool = False) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    size = landscape(A4) if landscape_ else A4
    doc = SimpleDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=36,
        rightMargin=36,
        topMargin=36,
        bottomMargin=36,
        invariant=1,
        title=path.stem,
        author=HOSPITAL,
    )
    doc.build(flow)


def pdf_table(header: list[str], rows: list[list], widths: list[float] | None = None):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data = [header] + [["" if v is None else str(v) for v in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), PDF_FONT, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


# ---------------------------------------------------------------------------------------------
# The share


def build(out: Path) -> dict:
    w = World(SEED)
    rng = w.rng
    share = Share(out)

    # ---- staff -------------------------------------------------------------------------------
    staff: list[Person] = []
    for dept in DEPTS_DOCTOR:
        for _ in range(rng.randint(3, 6)):
            staff.append(w.staff(dept, "医師"))
    for ward in WARDS:
        for _ in range(rng.randint(15, 20)):
            staff.append(w.staff(f"看護部 {ward}", rng.choice(["看護師"] * 6 + ["准看護師"])))
    for dept, job, n in [
        ("薬剤部", "薬剤師", 16),
        ("検査科", "臨床検査技師", 14),
        ("放射線技術科", "診療放射線技師", 12),
        ("リハビリテーション科", "理学療法士", 14),
        ("栄養科", "管理栄養士", 6),
        ("医事課", "事務員", 16),
        ("総務課", "事務員", 10),
        ("地域連携室", "医療ソーシャルワーカー", 5),
    ]:
        for _ in range(n):
            staff.append(w.staff(dept, job))
    staff.sort(key=lambda p: p.staff_no or "")
    doctors = [p for p in staff if p.job == "医師"]
    nurses = [p for p in staff if p.job in ("看護師", "准看護師")]
    pharmacists = [p for p in staff if p.job == "薬剤師"]

    # ---- patients ----------------------------------------------------------------------------
    origins = list(names.FOREIGN)
    outpatients: list[Person] = []
    for i in range(2300):
        origin = origins[i % len(origins)] if i % 92 == 45 else None  # 25 foreign patients
        outpatients.append(w.patient(origin))
    foreign_out = [p for p in outpatients if p.foreign]

    # ==== 医事課 =================================================================================
    depts_out = [*DEPTS_DOCTOR[:12], "リハビリテーション科"]
    wb = new_workbook()
    ws = wb.create_sheet("外来患者一覧")
    header = [
        "患者ID",
        "氏名",
        "フリガナ",
        "性別",
        "生年月日",
        "年齢",
        "郵便番号",
        "住所",
        "電話番号",
        "初診日",
        "診療科",
        "備考",
    ]
    rows = []
    dept_count: dict[str, int] = {}
    for p in outpatients:
        d = rng.choice(depts_out)
        dept_count[d] = dept_count.get(d, 0) + 1
        first = date(2024, 1, 4) + timedelta(days=rng.randrange(300))
        note = rng.choice([""] * 12 + ["紹介状あり", "車椅子", "要通訳", "難聴", "薬剤アレルギー"])
        if p.foreign:
            note = "要通訳"
        rows.append(
            [
                p.patient_id,
                jname(p),
                jkana(p),
                p.sex,
                p.dob,
                p.age(),
                p.postal,
                p.address,
                p.phone,
                first,
                d,
                note,
            ]
        )
    sheet_rows(ws, header, rows)
    share.add(
        "医事課/外来患者一覧_2024.xlsx",
        "外来患者一覧",
        "xlsx",
        "outpatient list",
        True,
        True,
        len(rows),
        {p.pid for p in outpatients},
        note="25 foreign patients in katakana with ・",
    )
    ws = wb.create_sheet("診療科別集計")
    agg = [[d, n, round(n / len(outpatients) * 100, 1)] for d, n in sorted(dept_count.items())]
    sheet_rows(ws, ["診療科", "新患数", "構成比(%)"], agg)
    share.add(
        "医事課/外来患者一覧_2024.xlsx",
        "診療科別集計",
        "xlsx",
        "statistics per department",
        False,
        False,
        len(agg),
        hard_negative=True,
    )
    save_workbook(wb, share.file("医事課/外来患者一覧_2024.xlsx"))

    # 予約一覧: returning patients (several appointments each) and first visits without an ID.
    appt_people = rng.sample(outpatients, 420)
    new_patients = [w.patient() for _ in range(150)]
    rows = []
    appt_set: set[int] = set()
    for p in appt_people + new_patients:
        n = 1 if p in new_patients else rng.choice([1, 1, 1, 2, 2, 3])
        for _ in range(n):
            day = date(2024, 11, 1) + timedelta(days=rng.randrange(29))
            t = f"{rng.randint(8, 16)}:{rng.choice(['00', '15', '30', '45'])}"
            rows.append(
                [
                    day.strftime("%Y/%m/%d"),
                    t,
                    rng.choice(depts_out),
                    p.patient_id if p not in new_patients else "",
                    jname(p, sep=" "),
                    jkana(p, sep=" "),
                    phone_variant(p.phone, rng),
                    "初診" if p in new_patients else "再診",
                    rng.choice(["", "", "", "紹介", "電話予約", "Web予約"]),
                ]
            )
            appt_set.add(p.pid)
    rows.sort(key=lambda r: (r[0], r[1]))
    header = ["予約日", "時刻", "診療科", "患者ID", "患者氏名", "カナ", "電話番号", "区分", "備考"]
    write_csv(share, "医事課/予約一覧_2024-11.csv", [header, *rows], "utf-8-sig")
    share.add(
        "医事課/予約一覧_2024-11.csv",
        "",
        "csv utf-8-sig",
        "appointment list",
        True,
        True,
        len(rows),
        appt_set,
        note="several appointments per patient; first visits have no ID",
    )

    # 患者カード: one patient per sheet, label | value pairs, plus an emergency contact.
    wb = new_workbook()
    card_patients = rng.sample([p for p in outpatients if not p.foreign], 12)
    for i, p in enumerate(card_patients, 1):
        contact, rel = w.relative(p)
        ws = wb.create_sheet(f"カード{i:02d}")
        ws["A1"] = "患者基本情報カード"
        ws.merge_cells("A1:D1")
        ws["A2"] = "※記載内容に変更があった場合は速やかに医事課へ連絡すること"
        pairs = [
            ("患者ID", p.patient_id),
            ("氏名", jname(p)),
            ("フリガナ", jkana(p)),
            ("性別", p.sex),
            ("生年月日", wareki(p.dob)),
            ("郵便番号", p.postal),
            ("住所", p.address),
            ("電話番号", p.phone),
            ("携帯電話", p.mobile if rng.random() < 0.5 else ""),
            ("保険種別", rng.choice(["社保", "国保", "後期高齢", "生保"])),
            ("緊急連絡先 氏名", jname(contact)),
            ("続柄", rel),
            ("緊急連絡先 電話", contact.mobile),
            ("既往歴", rng.choice(["高血圧症", "糖尿病", "なし", "脂質異常症", "喘息"])),
            ("アレルギー", rng.choice(["なし", "ペニシリン", "造影剤", "卵"])),
        ]
        for r, (label, value) in enumerate(pairs, 4):
            ws.cell(row=r, column=1, value=label)
            ws.cell(row=r, column=2, value=value)
        last = 4 + len(pairs) + 1
        ws.cell(row=last, column=3, value="確認印")
        ws.cell(row=last, column=4, value="受付　㊞")
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 40
        share.add(
            "医事課/患者カード_2024.xlsx",
            ws.title,
            "xlsx",
            "card (one patient per sheet)",
            True,
            True,
            1,
            {p.pid, contact.pid},
            multi_person=True,
            note="label | value card with emergency contact",
        )
    save_workbook(wb, share.file("医事課/患者カード_2024.xlsx"))

    # 未収金一覧 (tab-separated text, CP932): patient + 連帯保証人.
    rows = []
    people: set[int] = set()
    for p in rng.sample([p for p in outpatients if not p.foreign], 90):
        month = rng.choice(["2024/06", "2024/07", "2024/08", "2024/09"])
        row = [p.patient_id, jname(p), month, f"{rng.randint(2, 180) * 100}"]
        people.add(p.pid)
        if rng.random() < 0.67:
            g, rel = w.relative(p, role="contact")
            row += [jname(g), rel, phone_variant(g.mobile, rng)]
            people.add(g.pid)
        else:
            row += ["", "", ""]
        row.append(rng.choice(["督促1回", "督促2回", "分納中", "電話連絡済", ""]))
        rows.append(row)
    header = [
        "患者番号",
        "患者氏名",
        "請求月",
        "未収額",
        "連帯保証人氏名",
        "続柄",
        "保証人電話",
        "督促状況",
    ]
    write_csv(share, "医事課/未収金一覧_2024-10.txt", [header, *rows], "cp932", "\t")
    share.add(
        "医事課/未収金一覧_2024-10.txt",
        "",
        "tsv cp932",
        "unpaid bills with guarantor",
        True,
        True,
        len(rows),
        people,
        multi_person=True,
    )

    # 病名マスタ (hard negative)
    diseases = [
        ("I10", "本態性高血圧症", "ほんたいせいこうけつあつしょう"),
        ("E11.9", "2型糖尿病", "にがたとうにょうびょう"),
        ("E78.5", "脂質異常症", "ししついじょうしょう"),
        ("J18.9", "肺炎", "はいえん"),
        ("K29.7", "胃炎", "いえん"),
        ("M17.9", "変形性膝関節症", "へんけいせいひざかんせつしょう"),
        ("S72.0", "大腿骨頚部骨折", "だいたいこつけいぶこっせつ"),
        ("I63.9", "脳梗塞", "のうこうそく"),
        ("I50.9", "心不全", "しんふぜん"),
        ("N39.0", "尿路感染症", "にょうろかんせんしょう"),
        ("H25.9", "老人性白内障", "ろうじんせいはくないしょう"),
        ("J45.9", "気管支喘息", "きかんしぜんそく"),
        ("F03", "認知症", "にんちしょう"),
        ("C18.9", "結腸癌", "けっちょうがん"),
        ("K80.2", "胆石症", "たんせきしょう"),
        ("L20.9", "アトピー性皮膚炎", "あとぴーせいひふえん"),
        ("B34.9", "ウイルス感染症", "ういるすかんせんしょう"),
        ("M54.5", "腰痛症", "ようつうしょう"),
        ("K35.8", "急性虫垂炎", "きゅうせいちゅうすいえん"),
        ("A09", "感染性胃腸炎", "かんせんせいいちょうえん"),
        ("E86", "脱水症", "だっすいしょう"),
        ("R50.9", "発熱", "はつねつ"),
        ("G47.0", "不眠症", "ふみんしょう"),
        ("D64.9", "貧血", "ひんけつ"),
        ("I48.9", "心房細動", "しんぼうさいどう"),
    ]
    rows = [[c, n, y, "", "2024/04/01"] for c, n, y in diseases]
    write_csv(
        share,
        "医事課/病名マスタ.csv",
        [["ICD10", "傷病名", "よみ", "修飾語", "適用開始日"], *rows],
        "utf-8",
    )
    share.add(
        "医事課/病名マスタ.csv",
        "",
        "csv utf-8",
        "disease master",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 外来患者数_月別 (hard negative)
    rows = []
    for m in range(4, 13):
        for d in depts_out:
            rows.append([f"2024年{m}月", d, rng.randint(200, 2400), rng.randint(10, 160)])
    write_csv(
        share,
        "医事課/外来患者数_月別_2024.csv",
        [["月", "診療科", "延べ患者数", "新患数"], *rows],
        "utf-8-sig",
    )
    share.add(
        "医事課/外来患者数_月別_2024.csv",
        "",
        "csv utf-8-sig",
        "monthly statistics",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # ==== 病棟 =================================================================================
    pool_in = rng.sample([p for p in outpatients if not p.foreign], 100)
    inpatients = pool_in + [w.patient() for _ in range(80)]
    rng.shuffle(inpatients)
    east3, west5, others = inpatients[:45], inpatients[45:93], inpatients[93:]
    contact_of: dict[int, tuple[Person, str]] = {}
    doctor_of: dict[int, Person] = {}
    admitted: dict[int, date] = {}
    for p in inpatients:
        contact_of[p.pid] = w.relative(p)
        doctor_of[p.pid] = rng.choice(doctors)
        admitted[p.pid] = TODAY - timedelta(days=rng.randint(1, 60))

    def ward_people(ps: list[Person]) -> set[int]:
        out_ = set()
        for p in ps:
            out_ |= {p.pid, contact_of[p.pid][0].pid, doctor_of[p.pid].pid}
        return out_

    # 3東: group header over two rows; the left columns merged vertically.
    from openpyxl.styles import Alignment

    wb = new_workbook()
    ws = wb.create_sheet("3東")
    ws["A1"] = "3階東病棟　入院患者一覧　（2024年11月6日 現在）"
    ws.merge_cells("A1:L1")
    for col, label in zip("ABC", ["病室", "ベッド", "患者ID"], strict=True):
        ws[f"{col}3"] = label
        ws.merge_cells(f"{col}3:{col}4")
    ws["D3"] = "患者"
    ws.merge_cells("D3:G3")
    ws["H3"] = "緊急連絡先"
    ws.merge_cells("H3:J3")
    for col, label in zip("KL", ["入院日", "主治医"], strict=True):
        ws[f"{col}3"] = label
        ws.merge_cells(f"{col}3:{col}4")
    for col, label in zip(
        "DEFGHIJ", ["氏名", "フリガナ", "生年月日", "性別", "氏名", "続柄", "電話番号"], strict=True
    ):
        ws[f"{col}4"] = label
    style_header(ws, 3, 12)
    style_header(ws, 4, 12)
    for r, p in enumerate(east3, 5):
        c, rel = contact_of[p.pid]
        room = 301 + (r - 5) // 4
        values = [
            f"{room}",
            (r - 5) % 4 + 1,
            p.patient_id,
            jname(p),
            jkana(p),
            p.dob,
            p.sex,
            jname(c),
            rel,
            c.mobile,
            admitted[p.pid],
            jname(doctor_of[p.pid]),
        ]
        for col, v in enumerate(values, 1):
            cell = ws.cell(row=r, column=col, value=v)
            if isinstance(v, date):
                cell.number_format = "yyyy/mm/dd"
    ws["A3"].alignment = Alignment(vertical="center")
    save_workbook(wb, share.file("病棟/3階東/入院患者一覧_3東.xlsx"))
    share.add(
        "病棟/3階東/入院患者一覧_3東.xlsx",
        "3東",
        "xlsx",
        "ward list, two-row group header (left columns merged vertically)",
        True,
        True,
        len(east3),
        ward_people(east3),
        multi_person=True,
        note="patient + emergency contact + attending doctor",
    )

    # 5西: group header merged horizontally only; the left headers sit on the second row.
    wb = new_workbook()
    ws = wb.create_sheet("5西")
    ws["A1"] = "5階西病棟 入院患者一覧（2024/11/06）"
    ws["D2"] = "患者"
    ws.merge_cells("D2:F2")
    ws["G2"] = "緊急連絡先"
    ws.merge_cells("G2:I2")
    header = [
        "病室",
        "患者番号",
        "入院日",
        "氏名",
        "カナ",
        "年齢",
        "氏名",
        "続柄",
        "連絡先",
        "主治医",
    ]
    rows = []
    for i, p in enumerate(west5):
        c, rel = contact_of[p.pid]
        rows.append(
            [
                f"{501 + i // 4}-{i % 4 + 1}",
                p.patient_id,
                admitted[p.pid],
                jname(p, sep=" "),
                jkana(p, sep=" "),
                p.age(),
                jname(c, sep=" "),
                rel,
                phone_variant(c.mobile, rng),
                jname(doctor_of[p.pid], sep=" "),
            ]
        )
    style_header(ws, 2, len(header))
    sheet_rows(ws, header, rows, start=3)
    save_workbook(wb, share.file("病棟/5階西/入院患者一覧_5西.xlsx"))
    share.add(
        "病棟/5階西/入院患者一覧_5西.xlsx",
        "5西",
        "xlsx",
        "ward list, group header merged horizontally only",
        True,
        True,
        len(west5),
        ward_people(west5),
        multi_person=True,
        note="patient + emergency contact + attending doctor",
    )

    # 5西 printed to PDF (a one-row header).
    title, body = pdf_styles()
    from reportlab.platypus import Paragraph, Spacer

    header = ["病室", "患者氏名", "フリガナ", "年齢", "緊急連絡先", "続柄", "電話", "主治医"]
    rows = []
    for i, p in enumerate(west5):
        c, rel = contact_of[p.pid]
        rows.append(
            [
                f"{501 + i // 4}-{i % 4 + 1}",
                jname(p),
                jkana(p),
                p.age(),
                jname(c),
                rel,
                c.mobile,
                jname(doctor_of[p.pid]),
            ]
        )
    flow = [
        Paragraph("5階西病棟　入院患者一覧（印刷日 2024/11/06）", title),
        pdf_table(header, rows),
        Spacer(1, 12),
        Paragraph("※取扱注意　病棟外への持ち出し禁止", body),
    ]
    write_pdf(share.file("病棟/5階西/入院患者一覧_5西_印刷.pdf"), flow, landscape_=True)
    share.add(
        "病棟/5階西/入院患者一覧_5西_印刷.pdf",
        "",
        "pdf table",
        "ward list printed to PDF",
        True,
        True,
        len(rows),
        ward_people(west5),
        multi_person=True,
        note="patient + emergency contact + attending doctor",
    )

    # 病床管理表 CSV: every bed, empty beds without a name; patient + 主治医.
    people = set()
    beds = []
    for ward, n in [("3東", 48), ("3西", 44), ("4東", 40), ("4西", 36), ("5西", 52)]:
        for i in range(n):
            beds.append((ward, f"{ward[0]}{i // 4 + 1:02d}-{i % 4 + 1}"))
    # Fill: 3東 and 5西 patients in their wards, the others anywhere else; ~10% beds empty.
    by_ward: dict[str, list[Person]] = {"3東": east3[:], "5西": west5[:]}
    rest = others[:]
    final_rows = []
    for ward, bed in beds:
        queue = by_ward.get(ward)
        p = None
        if queue:
            p = queue.pop(0)
        elif ward not in by_ward and rest and rng.random() < 0.75:
            p = rest.pop(0)
        if p is None:
            final_rows.append([ward, bed, "空床", "", "", "", "", ""])
            continue
        people |= {p.pid, doctor_of[p.pid].pid}
        final_rows.append(
            [
                ward,
                bed,
                "使用中",
                p.patient_id,
                jname(p),
                admitted[p.pid].strftime("%Y/%m/%d"),
                jname(doctor_of[p.pid]),
                rng.choice(["", "", "個室希望", "感染対策", "転倒注意"]),
            ]
        )
    for p in rest:  # any left over take the last empty beds of other wards
        for row in final_rows:
            if row[2] == "空床" and row[0] not in by_ward:
                row[2:] = [
                    "使用中",
                    p.patient_id,
                    jname(p),
                    admitted[p.pid].strftime("%Y/%m/%d"),
                    jname(doctor_of[p.pid]),
                    "",
                ]
                people |= {p.pid, doctor_of[p.pid].pid}
                break
    header = ["病棟", "ベッド番号", "状態", "患者ID", "患者氏名", "入院日", "主治医", "備考"]
    write_csv(share, "病棟/病床管理表_20241106.csv", [header, *final_rows], "utf-8")
    share.add(
        "病棟/病床管理表_20241106.csv",
        "",
        "csv utf-8",
        "bed list (empty beds have no name)",
        True,
        True,
        sum(1 for r in final_rows if r[2] == "使用中"),
        people,
        multi_person=True,
        note=f"{len(final_rows)} beds, occupied rows counted as records; patient + doctor",
    )

    # 入院申込書一覧: 申込者 + 患者 + 連帯保証人, three groups; 受付番号 merged vertically,
    # 受付日 has its label on the second row only.
    applicants_pool = rng.sample(east3 + west5, 70)
    apply_patients = applicants_pool + rng.sample(others, 25) + [w.patient() for _ in range(25)]
    rng.shuffle(apply_patients)
    wb = new_workbook()
    ws = wb.create_sheet("申込一覧")
    ws["A1"] = "入院申込書 受付一覧（2024年度）"
    ws["A2"] = "受付番号"
    ws.merge_cells("A2:A3")
    ws["B3"] = "受付日"
    groups = [
        ("C", "E", "申込者", ["氏名", "続柄", "電話"]),
        ("F", "I", "患者", ["氏名", "フリガナ", "生年月日", "性別"]),
        ("J", "L", "連帯保証人", ["氏名", "住所", "電話"]),
    ]
    for first, last, label, subs in groups:
        ws[f"{first}2"] = label
        ws.merge_cells(f"{first}2:{last}2")
        for k, sub in enumerate(subs):
            ws.cell(row=3, column=ord(first) - 64 + k, value=sub)
    ws["M2"] = "入院予定日"
    ws.merge_cells("M2:M3")
    ws["N2"] = "病棟"
    ws.merge_cells("N2:N3")
    style_header(ws, 2, 14)
    style_header(ws, 3, 14)
    people = set()
    for r, p in enumerate(apply_patients, 4):
        if p.pid in contact_of and rng.random() < 0.85:
            applicant, rel = contact_of[p.pid]
        elif rng.random() < 0.12 and p.age() < 80:
            applicant, rel = p, "本人"
        else:
            applicant, rel = w.relative(p)
        if rel != "本人" and rng.random() < 0.3:
            guarantor = applicant
        else:
            guarantor, _ = w.relative(p)
        people |= {p.pid, applicant.pid, guarantor.pid}
        values = [
            f"A24-{r - 3:04d}",
            (admitted.get(p.pid, TODAY) - timedelta(days=rng.randint(1, 14))),
            jname(applicant),
            rel,
            applicant.mobile,
            jname(p),
            jkana(p),
            p.dob,
            p.sex,
            jname(guarantor),
            guarantor.address,
            guarantor.mobile,
            admitted.get(p.pid, TODAY + timedelta(days=rng.randint(3, 30))),
            rng.choice(["3東", "3西", "4東", "4西", "5西"]),
        ]
        for col, v in enumerate(values, 1):
            cell = ws.cell(row=r, column=col, value=v)
            if isinstance(v, date):
                cell.number_format = "yyyy/mm/dd"
    save_workbook(wb, share.file("病棟/入院申込書一覧_2024.xlsx"))
    share.add(
        "病棟/入院申込書一覧_2024.xlsx",
        "申込一覧",
        "xlsx",
        "admission applications: applicant + patient + guarantor, three header groups",
        True,
        True,
        len(apply_patients),
        people,
        multi_person=True,
        note="applicant is sometimes the patient (本人) or the guarantor",
    )

    # 病棟別統計 (hard negative): two sheets.
    wb = new_workbook()
    for half, months in [("上期", range(4, 10)), ("下期", range(10, 13))]:
        ws = wb.create_sheet(half)
        rows = []
        for m in months:
            for ward, beds_n in [("3東", 48), ("3西", 44), ("4東", 40), ("4西", 36), ("5西", 52)]:
                rows.append(
                    [
                        f"2024年{m}月",
                        ward,
                        beds_n,
                        rng.randint(900, 1600),
                        round(rng.uniform(9, 21), 1),
                        round(rng.uniform(70, 98), 1),
                    ]
                )
        sheet_rows(
            ws, ["月", "病棟", "病床数", "延べ入院患者数", "平均在院日数", "病床利用率(%)"], rows
        )
        share.add(
            "病棟/病棟別統計_2024.xlsx",
            half,
            "xlsx",
            "ward statistics",
            False,
            False,
            len(rows),
            hard_negative=True,
        )
    save_workbook(wb, share.file("病棟/病棟別統計_2024.xlsx"))

    # ==== 看護部 =================================================================================
    # 看護記録 (docx prose): patients, their family and nurses in sentences.
    document = new_docx()
    document.add_heading("看護記録　3階東病棟　2024年11月5日", level=1)
    mentioned = set()
    for p in rng.sample(east3, 8):
        c, rel = contact_of[p.pid]
        nurse = rng.choice(nurses)
        mentioned |= {p.pid, c.pid, nurse.pid}
        text = (
            f"{jname(p)}様（{p.age()}歳）は、夜間に数回ナースコールあり、"
            f"トイレ誘導を行った。朝食は{rng.choice(['5割', '8割', '全量'])}摂取。"
            f"午後、{rel}の{jname(c)}様が面会に来られ、退院後の生活について不安を話された。"
            f"主治医の{jname(doctor_of[p.pid])}医師に報告済み。記録者：{jname(nurse)}"
        )
        mentioned.add(doctor_of[p.pid].pid)
        document.add_paragraph(text)
    document.add_paragraph("以上、申し送り事項は夜勤帯へ引き継ぐこと。")
    document.save(share.file("看護部/看護記録/看護記録_3東_20241105.docx"))
    share.add(
        "看護部/看護記録/看護記録_3東_20241105.docx",
        "",
        "docx prose",
        "nursing record (prose)",
        False,
        True,
        0,
        mentioned,
        note="people mentioned in sentences; not a database",
    )

    # 申し送り (txt prose, CP932)
    lines = ["【申し送り】5階西病棟　2024/11/06 日勤→夜勤", ""]
    mentioned = set()
    for p in rng.sample(west5, 6):
        nurse = rng.choice(nurses)
        mentioned |= {p.pid, nurse.pid}
        lines.append(
            f"・{jname(p)}さん、本日{rng.choice(['CT検査', 'リハビリ', '胃カメラ', '入浴'])}"
            f"を実施しました。{rng.choice(['疼痛の訴えは軽減', '食欲やや低下', '特変なし'])}"
            f"とのことで、引き続き様子観察をお願いします（担当 {jname(nurse)}）。"
        )
    lines += ["", "夜間の救急入院は2件の予定です。以上。"]
    share.file("看護部/看護記録/申し送り_5西_20241106.txt").write_bytes(
        "\r\n".join(lines).encode("cp932")
    )
    share.add(
        "看護部/看護記録/申し送り_5西_20241106.txt",
        "",
        "txt prose cp932",
        "handoff notes (prose)",
        False,
        True,
        0,
        mentioned,
        note="people mentioned in sentences; not a database",
    )

    # 当直表: one row per night, staff names in cells (personal information, not a database).
    wb = new_workbook()
    ws = wb.create_sheet("11月")
    ws["A1"] = "2024年11月　当直表"
    header = ["日付", "曜日", "内科系当直", "外科系当直", "看護管理当直", "事務当直"]
    rows = []
    mentioned = set()
    clerks = [p for p in staff if p.dept == "医事課"]
    head_nurses = rng.sample(nurses, 8)
    internal = [p for p in doctors if "内科" in (p.dept or "") or p.dept == "小児科"]
    surgical = [p for p in doctors if p not in internal]
    for day in range(1, 31):
        d = date(2024, 11, day)
        picks = [
            rng.choice(internal),
            rng.choice(surgical),
            rng.choice(head_nurses),
            rng.choice(clerks),
        ]
        mentioned |= {p.pid for p in picks}
        rows.append([d, "月火水木金土日"[d.weekday()], *[jname(p) for p in picks]])
    sheet_rows(ws, header, rows, start=3)
    save_workbook(wb, share.file("看護部/当直表_2024-11.xlsx"))
    share.add(
        "看護部/当直表_2024-11.xlsx",
        "11月",
        "xlsx",
        "on-call roster (one row per night)",
        False,
        True,
        len(rows),
        mentioned,
        borderline=True,
        note="rows are nights, not people: contains personal information, not a database",
    )

    # ==== 薬剤部 =================================================================================
    rx_patients = rng.sample(outpatients, 350) + rng.sample(inpatients, 100)
    meds = names.DRUGS
    rows = []
    people = set()
    rx_no = 240000
    rx_index: list[tuple[Person, str, Person]] = []
    for p in rx_patients:
        for _ in range(rng.choice([1, 1, 2])):
            rx_no += rng.randint(1, 5)
            doc = doctor_of.get(p.pid) or rng.choice(doctors)
            day = date(2024, 11, 1) + timedelta(days=rng.randrange(6))
            kind = "入院" if p.pid in doctor_of else "外来"
            for _ in range(rng.randint(1, 3)):
                drug = rng.choice(meds)
                rows.append(
                    [
                        day,
                        f"R{rx_no}",
                        p.patient_id,
                        jname(p),
                        p.age(),
                        kind,
                        drug[0],
                        f"{rng.choice([1, 1, 2, 3])}{drug[2]}",
                        rng.choice(["1日1回朝食後", "1日2回朝夕食後", "1日3回毎食後", "頓用"]),
                        rng.choice([7, 14, 28, 30]),
                        jname(doc),
                    ]
                )
            people |= {p.pid, doc.pid}
            rx_index.append((p, f"R{rx_no}", doc))
    header = [
        "処方日",
        "処方箋番号",
        "患者ID",
        "患者氏名",
        "年齢",
        "区分",
        "薬品名",
        "1回量",
        "用法",
        "日数",
        "処方医",
    ]
    wb = new_workbook()
    sheet_rows(wb.create_sheet("処方一覧"), header, rows)
    save_workbook(wb, share.file("薬剤部/処方一覧_2024-11.xlsx"))
    share.add(
        "薬剤部/処方一覧_2024-11.xlsx",
        "処方一覧",
        "xlsx",
        "prescriptions: several rows per patient, prescribing doctor",
        True,
        True,
        len(rows),
        people,
        multi_person=True,
        note="patient + prescribing doctor",
    )

    # 調剤記録: kana + birth date only for the patient; 調剤者 and 鑑査者 are pharmacists.
    rows = []
    people = set()
    for p, rx, _doc in rng.sample(rx_index, 420):
        a, b = rng.sample(pharmacists, 2)
        drug = rng.choice(meds)
        rows.append(
            [
                "2024/11/0" + str(rng.randint(1, 6)),
                rx,
                jkana(p, sep=" "),
                wareki(p.dob, "short"),
                drug[0],
                rng.choice([14, 28, 30, 56, 90]),
                jname(a, sep=" "),
                jname(b, sep=" "),
            ]
        )
        people |= {p.pid, a.pid, b.pid}
    header = ["調剤日", "処方箋番号", "患者カナ", "生年月日", "薬品名", "数量", "調剤者", "鑑査者"]
    write_csv(share, "薬剤部/調剤記録_2024-11.csv", [header, *rows], "utf-8")
    share.add(
        "薬剤部/調剤記録_2024-11.csv",
        "",
        "csv utf-8",
        "dispensing record: patient by kana + birth date, two pharmacists per row",
        True,
        True,
        len(rows),
        people,
        multi_person=True,
    )

    # 薬品マスタ (hard negative, CP932)
    rows = [
        [f"{6100000 + i * 37:07d}", d[0], d[1], d[2], f"{d[3]:.1f}", d[4], "採用"]
        for i, d in enumerate(meds)
    ]
    write_csv(
        share,
        "薬剤部/薬品マスタ.csv",
        [["薬品コード", "薬品名", "規格", "単位", "薬価", "製造販売元", "採用区分"], *rows],
        "cp932",
    )
    share.add(
        "薬剤部/薬品マスタ.csv",
        "",
        "csv cp932",
        "drug master",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 後発医薬品一覧 PDF (hard negative table)
    rows = [[d[0], d[1], f"{d[3]:.1f}", d[4], rng.choice(["後発", "先発", "準先発"])] for d in meds]
    flow = [
        Paragraph("採用医薬品一覧（後発医薬品の区分）　2024年10月版　薬剤部", title),
        pdf_table(["薬品名", "規格", "薬価", "製造販売元", "区分"], rows),
    ]
    write_pdf(share.file("薬剤部/後発医薬品一覧.pdf"), flow)
    share.add(
        "薬剤部/後発医薬品一覧.pdf",
        "",
        "pdf table",
        "drug list printed to PDF",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # ==== 総務課 =================================================================================
    header = ["職員番号", "氏名", "フリガナ", "所属", "職種", "内線", "携帯電話", "入職日"]
    rows = []
    for p in staff:
        joined = date(max(p.dob.year + 22, 1985) + rng.randint(0, 15), 4, 1)
        joined = min(joined, date(2024, 4, 1))
        rows.append(
            [
                p.staff_no,
                jname(p),
                jkana(p),
                p.dept,
                p.job,
                str(rng.randint(2000, 2999)),
                p.mobile,
                joined,
            ]
        )
    wb = new_workbook()
    ws = wb.create_sheet("職員名簿")
    ws["A1"] = f"{HOSPITAL}　職員名簿（2024年4月1日現在）　取扱注意"
    sheet_rows(ws, header, rows, start=3)
    save_workbook(wb, share.file("総務課/職員名簿_2024.xlsx"))
    share.add(
        "総務課/職員名簿_2024.xlsx",
        "職員名簿",
        "xlsx",
        "staff roster",
        True,
        True,
        len(rows),
        {p.pid for p in staff},
    )
    flow = [
        Paragraph(f"{HOSPITAL}　職員名簿（2024年4月1日現在）", title),
        pdf_table(header, [[*r[:7], r[7].strftime("%Y/%m/%d")] for r in rows]),
    ]
    write_pdf(share.file("総務課/職員名簿_2024.pdf"), flow, landscape_=True)
    share.add(
        "総務課/職員名簿_2024.pdf",
        "",
        "pdf table",
        "staff roster printed to PDF (many pages)",
        True,
        True,
        len(rows),
        {p.pid for p in staff},
    )

    # 職員緊急連絡網 (CP932): staff + a family member each.
    rows = []
    people = set()
    for k, p in enumerate(rng.sample(nurses + doctors, 150), 1):
        fam, rel = w.relative(p, role="staff_family")
        rel = rng.choice(RELATIONS_STAFF) if rel not in RELATIONS_STAFF else rel
        rows.append(
            [
                k,
                p.staff_no,
                jname(p),
                p.dept,
                p.mobile,
                jname(fam),
                rel,
                phone_variant(fam.phone, rng),
            ]
        )
        people |= {p.pid, fam.pid}
    header = ["連絡順", "職員番号", "氏名", "所属", "携帯", "家族氏名", "続柄", "家族連絡先"]
    write_csv(share, "総務課/職員緊急連絡網.csv", [header, *rows], "cp932")
    share.add(
        "総務課/職員緊急連絡網.csv",
        "",
        "csv cp932",
        "staff emergency contacts: staff + family",
        True,
        True,
        len(rows),
        people,
        multi_person=True,
    )

    # 委員会名簿 (docx table): one row per membership, people in several committees.
    document = new_docx()
    document.add_heading("2024年度　院内委員会　委員名簿", level=1)
    document.add_paragraph("各委員会の委員を下記のとおり委嘱する。")
    members = rng.sample(staff, 24)
    committees = [
        "医療安全管理委員会",
        "感染対策委員会",
        "褥瘡対策委員会",
        "倫理委員会",
        "NST委員会",
    ]
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, label in zip(
        table.rows[0].cells, ["委員会", "役職", "氏名", "所属", "内線"], strict=True
    ):
        cell.text = label
    n_rows = 0
    for k, com in enumerate(committees):
        chosen = members[k * 4 : k * 4 + 4]
        chosen += rng.sample([m for m in members if m not in chosen], 2)
        for j, p in enumerate(chosen):
            cells = table.add_row().cells
            values = [
                com,
                "委員長" if j == 0 else "委員",
                jname(p),
                p.dept,
                str(rng.randint(2000, 2999)),
            ]
            for cell, v in zip(cells, values, strict=True):
                cell.text = v
            n_rows += 1
    document.add_paragraph("任期：2024年4月1日～2026年3月31日")
    document.save(share.file("総務課/委員会名簿_2024.docx"))
    share.add(
        "総務課/委員会名簿_2024.docx",
        "",
        "docx table",
        "committee members (table in a Word file)",
        True,
        True,
        n_rows,
        {p.pid for p in members},
        note="a member may sit on two committees",
    )

    # 診療科一覧 (hard negative)
    rows = []
    yomi = {
        "内科": "ないか",
        "循環器内科": "じゅんかんきないか",
        "消化器内科": "しょうかきないか",
        "外科": "げか",
        "整形外科": "せいけいげか",
        "小児科": "しょうにか",
        "産婦人科": "さんふじんか",
        "眼科": "がんか",
        "耳鼻咽喉科": "じびいんこうか",
        "皮膚科": "ひふか",
        "泌尿器科": "ひにょうきか",
        "脳神経外科": "のうしんけいげか",
        "放射線科": "ほうしゃせんか",
        "麻酔科": "ますいか",
    }
    for d in DEPTS_DOCTOR:
        rows.append(
            [
                d,
                yomi[d],
                "部長",
                f"{rng.choice(['本館', '東館'])}{rng.randint(1, 3)}階",
                str(rng.randint(2000, 2999)),
                rng.choice(["月～金", "月水金", "火木", "月～土"]),
            ]
        )
    write_csv(
        share,
        "総務課/診療科一覧.csv",
        [["診療科", "よみ", "責任者", "場所", "内線", "外来日"], *rows],
        "utf-8",
    )
    share.add(
        "総務課/診療科一覧.csv",
        "",
        "csv utf-8",
        "departments",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 医療機器一覧 (hard negative)
    equipment = [
        ("CT装置", "キヤノンメディカル", "Aquilion ONE"),
        ("MRI装置", "シーメンス", "MAGNETOM Vida"),
        ("超音波診断装置", "GEヘルスケア", "LOGIQ E10"),
        ("人工呼吸器", "フクダ電子", "HAMILTON-C6"),
        ("輸液ポンプ", "テルモ", "TE-161S"),
        ("シリンジポンプ", "テルモ", "TE-381"),
        ("除細動器", "日本光電", "TEC-5600"),
        ("生体情報モニタ", "日本光電", "BSM-3500"),
        ("内視鏡システム", "オリンパス", "EVIS X1"),
        ("電気メス", "コヴィディエン", "ForceTriad"),
        ("透析装置", "日機装", "DCS-100NX"),
        ("X線撮影装置", "島津製作所", "RADspeed Pro"),
    ]
    rows = []
    for i in range(40):
        e = rng.choice(equipment)
        rows.append(
            [
                f"ME-{i + 1:04d}",
                e[0],
                e[1],
                e[2],
                rng.choice(["3東", "5西", "手術室", "ICU", "放射線科", "外来"]),
                f"{rng.randint(2012, 2024)}/{rng.randint(1, 12):02d}",
                rng.choice(["山田メディカル株式会社", "佐藤医科器械", "鈴木医療サービス"]),
            ]
        )
    wb = new_workbook()
    sheet_rows(
        wb.create_sheet("機器台帳"),
        ["管理番号", "機器名", "メーカー", "型式", "設置場所", "購入年月", "保守業者"],
        rows,
    )
    save_workbook(wb, share.file("総務課/医療機器一覧.xlsx"))
    share.add(
        "総務課/医療機器一覧.xlsx",
        "機器台帳",
        "xlsx",
        "equipment list",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 取引先一覧 (hard negative, CP932): companies named after families; 代表 is a title.
    companies = [
        ("山田薬品株式会社", "ヤマダヤクヒン", "医薬品卸", "代表取締役"),
        ("佐藤医科器械株式会社", "サトウイカキカイ", "医療機器", "代表取締役"),
        ("有限会社鈴木リネン", "スズキリネン", "リネンサプライ", "取締役"),
        ("高橋商店", "タカハシショウテン", "日用品", "店主"),
        ("田中工務店", "タナカコウムテン", "建築・修繕", "代表"),
        ("伊藤給食サービス株式会社", "イトウキュウショクサービス", "給食委託", "代表取締役"),
        ("渡辺電機", "ワタナベデンキ", "電気設備", "代表"),
        ("中村印刷株式会社", "ナカムラインサツ", "印刷", "代表取締役"),
        ("小林クリーニング", "コバヤシクリーニング", "クリーニング", "店主"),
        ("加藤産業株式会社", "カトウサンギョウ", "消耗品", "代表取締役社長"),
        ("吉田酸素株式会社", "ヨシダサンソ", "医療ガス", "代表取締役"),
        ("松本ビルサービス", "マツモトビルサービス", "清掃", "代表"),
        (
            "山本メディカルシステム株式会社",
            "ヤマモトメディカルシステム",
            "電子カルテ保守",
            "代表取締役",
        ),
        ("井上タクシー", "イノウエタクシー", "患者送迎", "代表"),
        ("木村花店", "キムラハナテン", "生花", "店主"),
    ]
    rows = []
    for i, (name, kana, kind, title_) in enumerate(companies):
        _, addr = w.address()
        rows.append(
            [
                f"T{i + 101:04d}",
                name,
                kana,
                kind,
                title_,
                w.landline(),
                w.landline(),
                addr.split(" ")[0],
            ]
        )
    write_csv(
        share,
        "総務課/取引先一覧.csv",
        [["取引先コード", "取引先名", "フリガナ", "業種", "代表", "電話", "FAX", "所在地"], *rows],
        "cp932",
    )
    share.add(
        "総務課/取引先一覧.csv",
        "",
        "csv cp932",
        "suppliers named after families (代表 holds a title, not a name)",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 内線番号表 (hard negative)
    rows = []
    for place in [*WARDS, *DEPTS_DOCTOR, "薬剤部", "医事課", "総務課", "地域連携室", "守衛室"]:
        rows.append([place, str(rng.randint(2000, 2999)), f"PHS {rng.randint(600, 899)}"])
    wb = new_workbook()
    sheet_rows(wb.create_sheet("内線"), ["部署・場所", "内線", "PHS"], rows)
    save_workbook(wb, share.file("総務課/内線番号表.xlsx"))
    share.add(
        "総務課/内線番号表.xlsx",
        "内線",
        "xlsx",
        "extension numbers per place",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # ==== 地域連携室 ==============================================================================
    members_out = rng.sample(outpatients, 150)
    if not any(p.foreign for p in members_out):
        members_out[0] = foreign_out[0]
    members_new = [w.patient() for _ in range(30)]
    kai = members_out + members_new
    rng.shuffle(kai)
    officers = {kai[0].pid: "会長", kai[1].pid: "副会長", kai[2].pid: "会計"}
    rows = []
    for k, p in enumerate(kai, 1):
        rows.append(
            [
                f"K{k:04d}",
                jname(p),
                jkana(p),
                p.postal,
                p.address,
                phone_variant(p.phone, rng),
                f"{rng.randint(2010, 2024)}年{rng.randint(1, 12)}月",
                officers.get(p.pid, ""),
                rng.choice(["", "", "", "会報郵送不要", "家族同伴"]),
            ]
        )
    wb = new_workbook()
    ws = wb.create_sheet("会員名簿")
    ws["A1"] = "みなと糖尿病友の会　会員名簿"
    sheet_rows(
        ws,
        ["会員番号", "氏名", "フリガナ", "郵便番号", "住所", "電話", "入会", "役員", "備考"],
        rows,
        start=2,
    )
    save_workbook(wb, share.file("地域連携室/患者会/患者会_会員名簿.xlsx"))
    share.add(
        "地域連携室/患者会/患者会_会員名簿.xlsx",
        "会員名簿",
        "xlsx",
        "patient association members",
        True,
        True,
        len(rows),
        {p.pid for p in kai},
    )

    # 患者会 minutes (docx prose) with a volunteer who is in no database.
    volunteer = w.person("prose_only", (40, 70))
    attend = rng.sample(kai, 10)
    doc_guest = rng.choice(doctors)
    ns = rng.choice(nurses)
    document = new_docx()
    document.add_heading("みなと糖尿病友の会　2024年10月 定例会 議事録", level=1)
    document.add_paragraph(
        "日時：2024年10月19日（土）13:30～15:00　場所：当院 2階 講堂",
    )
    document.add_paragraph(
        "出席者：会員"
        + str(len(attend))
        + "名（"
        + "、".join(jname(p, "") for p in attend)
        + "）、"
        f"当院より 医師 {jname(doc_guest)}、看護師 {jname(ns)}、ボランティア {jname(volunteer)}。"
    )
    document.add_paragraph(
        f"1. 開会のあいさつ　会長の{jname(kai[0])}さんより、夏の猛暑の中での体調管理について"
        "お話があった。"
    )
    document.add_paragraph(
        f"2. 講演「冬に向けた血糖管理」　{jname(doc_guest)}医師より、シックデイの対応と"
        "インスリン注射の保管方法について講演があった。質疑では、"
        f"{jname(attend[3])}さんから旅行時の薬の持ち運びについて質問があった。"
    )
    document.add_paragraph(
        f"3. 会計報告　会計の{jname(kai[2])}さんより上半期の収支報告があり、承認された。"
    )
    document.add_paragraph("次回は2025年1月18日（土）に開催予定。")
    document.save(share.file("地域連携室/患者会/患者会_議事録_2024-10.docx"))
    share.add(
        "地域連携室/患者会/患者会_議事録_2024-10.docx",
        "",
        "docx prose",
        "meeting minutes (prose)",
        False,
        True,
        0,
        {p.pid for p in attend} | {doc_guest.pid, ns.pid, volunteer.pid, kai[0].pid, kai[2].pid},
        note="attendees listed inside a sentence; not a database",
    )

    # 紹介元医療機関一覧 (hard negative)
    clinics = [
        ("佐藤内科医院", "サトウナイカイイン", "内科"),
        ("山田整形外科クリニック", "ヤマダセイケイゲカクリニック", "整形外科"),
        ("鈴木眼科", "スズキガンカ", "眼科"),
        ("たかはし小児科", "タカハシショウニカ", "小児科"),
        ("田中医院", "タナカイイン", "内科・外科"),
        ("伊藤皮フ科クリニック", "イトウヒフカクリニック", "皮膚科"),
        ("渡辺耳鼻咽喉科", "ワタナベジビインコウカ", "耳鼻咽喉科"),
        ("中村レディースクリニック", "ナカムラレディースクリニック", "産婦人科"),
        ("小林循環器科医院", "コバヤシジュンカンキカイイン", "循環器内科"),
        ("加藤胃腸科", "カトウイチョウカ", "消化器内科"),
        ("吉田メンタルクリニック", "ヨシダメンタルクリニック", "精神科"),
        ("山本泌尿器科", "ヤマモトヒニョウキカ", "泌尿器科"),
        ("松本ファミリークリニック", "マツモトファミリークリニック", "内科・小児科"),
        ("井上脳神経外科", "イノウエノウシンケイゲカ", "脳神経外科"),
        ("森田町診療所", "モリタチョウシンリョウジョ", "内科"),
        ("中島クリニック", "ナカジマクリニック", "内科"),
        ("高林在宅診療所", "タカバヤシザイタクシンリョウジョ", "在宅医療"),
        ("佐鳴台ひまわり歯科", "サナルダイヒマワリシカ", "歯科"),
    ]
    rows = []
    for name, kana, kind in clinics:
        postal, addr = w.address()
        rows.append(
            [name, kana, kind, "院長", w.landline(), w.landline(), postal, addr.split(" ")[0]]
        )
    wb = new_workbook()
    sheet_rows(
        wb.create_sheet("紹介元"),
        ["医療機関名", "フリガナ", "診療科", "代表", "電話", "FAX", "郵便番号", "所在地"],
        rows,
    )
    save_workbook(wb, share.file("地域連携室/紹介元医療機関一覧.xlsx"))
    share.add(
        "地域連携室/紹介元医療機関一覧.xlsx",
        "紹介元",
        "xlsx",
        "referring clinics named after families (代表 holds a title)",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 地区一覧 (hard negative): towns with readings and postal codes.
    rows = []
    for town, kana, postal in w.towns:
        households = rng.randint(400, 6000)
        rows.append(
            [town, kana, postal, households, int(households * rng.uniform(1.9, 2.6)), "中央区"]
        )
    write_csv(
        share,
        "地域連携室/地区一覧.csv",
        [["町名", "ヨミ", "郵便番号", "世帯数", "人口", "区"], *rows],
        "utf-8-sig",
    )
    share.add(
        "地域連携室/地区一覧.csv",
        "",
        "csv utf-8-sig",
        "towns with readings and postal codes",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 駅・施設一覧 (hard negative)
    rows = []
    for item in names.FACILITIES.replace("\n", "|").split("|"):
        name, kana, kind = item.split()
        _, addr = w.address()
        rows.append([name, kana, kind, addr.split(" ")[0], w.landline()])
    wb = new_workbook()
    sheet_rows(wb.create_sheet("施設"), ["施設名", "よみ", "種別", "所在地", "電話"], rows)
    save_workbook(wb, share.file("地域連携室/駅・施設一覧.xlsx"))
    share.add(
        "地域連携室/駅・施設一覧.xlsx",
        "施設",
        "xlsx",
        "stations and facilities with readings",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # 退院支援カンファレンス記録 (prose PDF with personal information)
    mentioned = set()
    flow = [Paragraph("退院支援カンファレンス記録　2024年10月", title)]
    for p in rng.sample(others, 4):
        c, rel = contact_of[p.pid]
        msw = rng.choice([s for s in staff if s.dept == "地域連携室"])
        mentioned |= {p.pid, c.pid, msw.pid, doctor_of[p.pid].pid}
        flow.append(
            Paragraph(
                f"{jname(p)}様（{p.age()}歳、{p.address.split(' ')[0]}在住）について、"
                f"主治医の{jname(doctor_of[p.pid])}医師、{rel}の{jname(c)}様を交えて検討した。"
                f"自宅退院を希望されており、介護保険の区分変更申請を行う方針とした。"
                f"ケアマネジャーとの調整は{jname(msw)}が担当する。",
                body,
            )
        )
        flow.append(Spacer(1, 8))
    write_pdf(share.file("地域連携室/退院支援カンファレンス記録_2024-10.pdf"), flow)
    share.add(
        "地域連携室/退院支援カンファレンス記録_2024-10.pdf",
        "",
        "pdf prose",
        "discharge conference notes (prose)",
        False,
        True,
        0,
        mentioned,
        note="people mentioned in sentences; not a database",
    )

    # ==== 国際診療 / 健診センター ====
    foreign_new = [w.patient(origin=origins[i % len(origins)]) for i in range(20)]
    rows = []
    styles = ["FAMILY GIVEN", "Family Given", "Given FAMILY", "FAMILY, Given", "GIVEN FAMILY"]
    for k, p in enumerate(foreign_out + foreign_new):
        _order, lang, _, _ = names.FOREIGN[p.origin]  # type: ignore[index]
        style = styles[k % len(styles)]
        rows.append(
            [
                p.patient_id,
                romaji(p, style),
                jname(p),
                p.origin,
                p.dob.strftime("%Y/%m/%d"),
                "M" if p.sex == "男" else "F",
                p.mobile,
                lang,
                rng.choice(["要", "不要", "要（電話通訳）"]),
                rng.choice(["技能実習", "永住者", "定住者", "留学", "家族滞在", "特定技能"]),
            ]
        )
    header = [
        "患者ID",
        "氏名（ローマ字）",
        "氏名（カナ）",
        "国籍",
        "生年月日",
        "性別",
        "電話",
        "言語",
        "通訳",
        "在留資格",
    ]
    write_csv(share, "国際診療/外国人患者一覧.csv", [header, *rows], "utf-8")
    share.add(
        "国際診療/外国人患者一覧.csv",
        "",
        "csv utf-8",
        "foreign patients: romaji in mixed order and case, katakana with ・",
        True,
        True,
        len(rows),
        {p.pid for p in foreign_out + foreign_new},
        note="25 of them are in the outpatient list (in katakana there)",
    )

    examinees = [w.person("examinee", (20, 70)) for _ in range(215)]
    examinees += [w.person("examinee", (22, 60), origin=origins[i % 7]) for i in range(15)]
    examinees += rng.sample(staff, 20)
    rng.shuffle(examinees)
    companies_k = ["株式会社浜名工業", "遠州運輸株式会社", "みなと食品株式会社", "当院職員"]
    rows = []
    for k, p in enumerate(examinees, 1):
        if p.foreign:
            name = romaji(p, styles[k % len(styles)])
            kana = jname(p) if k % 3 else ""
        else:
            name, kana = jname(p), jkana(p, half=(k % 4 == 0))
        rows.append(
            [
                date(2024, 10, 1) + timedelta(days=rng.randrange(30)),
                f"K24{k:05d}",
                name,
                kana,
                p.sex,
                p.dob,
                p.age(),
                "当院職員" if p.role == "staff" else rng.choice(companies_k[:3]),
                rng.choice(["一般健診", "生活習慣病予防健診", "人間ドック", "特定健診"]),
                p.address,
            ]
        )
    wb = new_workbook()
    sheet_rows(
        wb.create_sheet("受診者一覧"),
        [
            "受診日",
            "受診番号",
            "氏名",
            "カナ",
            "性別",
            "生年月日",
            "年齢",
            "事業所名",
            "コース",
            "結果送付先",
        ],
        rows,
    )
    save_workbook(wb, share.file("健診センター/受診者一覧_2024-10.xlsx"))
    share.add(
        "健診センター/受診者一覧_2024-10.xlsx",
        "受診者一覧",
        "xlsx",
        "health check examinees (some foreign in romaji, some kana half-width)",
        True,
        True,
        len(rows),
        {p.pid for p in examinees},
    )

    # ==== 医局 / 統計 / 栄養科 / 医療安全 ====
    rows = [[n, y, b, d, a] for n, y, b, d, a in names.HISTORICAL]
    wb = new_workbook()
    sheet_rows(wb.create_sheet("人物"), ["氏名", "よみ", "生年", "没年", "業績"], rows)
    save_workbook(wb, share.file("医局/医学史_人物一覧.xlsx"))
    share.add(
        "医局/医学史_人物一覧.xlsx",
        "人物",
        "xlsx",
        "historical physicians (all long dead)",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    books = [
        "今日の治療指針",
        "内科診断学",
        "臨床検査データブック",
        "治療薬マニュアル",
        "看護過程の展開",
        "救急診療ガイド",
        "整形外科レジデントマニュアル",
        "小児科診療ハンドブック",
        "感染症診療の原則",
        "輸液療法入門",
        "心電図の読み方",
        "画像診断の基本",
        "医療安全ハンドブック",
        "緩和ケア実践ガイド",
        "糖尿病診療ガイドライン",
        "リハビリテーション医学",
        "栄養管理の実際",
        "診療報酬点数表の解説",
    ]
    publishers = ["医学書院", "南江堂", "南山堂", "羊土社", "中外医学社", "医歯薬出版"]
    rows = []
    for i, b in enumerate(books):
        author_fam = rng.choice(w.surnames)[0]
        author_giv = rng.choice(w.male + w.female)[0]
        rows.append(
            [
                b,
                f"{author_fam} {author_giv} 編" if i % 3 else f"{author_fam} {author_giv} 著",
                rng.choice(publishers),
                rng.randint(2015, 2024),
                f"978-4-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
                f"医局図書室 {rng.choice('ABCDE')}-{rng.randint(1, 20)}",
            ]
        )
    write_csv(
        share,
        "医局/図書一覧.csv",
        [["書名", "著者", "出版社", "発行年", "ISBN", "配架場所"], *rows],
        "utf-8",
    )
    share.add(
        "医局/図書一覧.csv",
        "",
        "csv utf-8",
        "book list with authors (not records about people)",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    counts = sorted(
        (
            (kanji, kana, int(200000 * wt))
            for (kanji, kana), wt in zip(w.surnames, w.surname_weights, strict=True)
        ),
        key=lambda t: -t[2],
    )[:100]
    rows = [[i + 1, kanji, kana.lower(), n] for i, (kanji, kana, n) in enumerate(counts)]
    rows = [[r[0], r[1], _hira(r[2]), r[3]] for r in rows]
    write_csv(share, "統計/姓別人数_2023.csv", [["順位", "姓", "よみ", "人数"], *rows], "utf-8-sig")
    share.add(
        "統計/姓別人数_2023.csv",
        "",
        "csv utf-8-sig",
        "surname frequency table",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    wb = new_workbook()
    for sheet, pool in [("男の子", w.male), ("女の子", w.female)]:
        ws = wb.create_sheet(sheet)
        ranked = rng.sample(pool, 30)
        rows = [
            [i + 1, g, _hira(k), 300 - i * 7 - rng.randint(0, 5)] for i, (g, k) in enumerate(ranked)
        ]
        ws["A1"] = f"2023年 出生児の名前ランキング（{sheet}）"
        sheet_rows(ws, ["順位", "名前", "よみ", "人数"], rows, start=2)
        share.add(
            "統計/名前ランキング_2023.xlsx",
            sheet,
            "xlsx",
            "given-name ranking",
            False,
            False,
            len(rows),
            hard_negative=True,
        )
    save_workbook(wb, share.file("統計/名前ランキング_2023.xlsx"))

    dishes = [
        "ご飯",
        "味噌汁",
        "焼き魚",
        "肉じゃが",
        "煮物",
        "お浸し",
        "親子丼",
        "うどん",
        "カレー",
    ]
    rows = []
    for day in range(1, 31):
        d = date(2024, 11, day)
        rows.append(
            [
                d,
                "・".join(rng.sample(dishes, 3)),
                "・".join(rng.sample(dishes, 3)),
                "・".join(rng.sample(dishes, 3)),
                rng.randint(1600, 1900),
            ]
        )
    wb = new_workbook()
    sheet_rows(wb.create_sheet("常食"), ["日付", "朝食", "昼食", "夕食", "エネルギー(kcal)"], rows)
    save_workbook(wb, share.file("栄養科/献立表_2024-11.xlsx"))
    share.add(
        "栄養科/献立表_2024-11.xlsx",
        "常食",
        "xlsx",
        "menu",
        False,
        False,
        len(rows),
        hard_negative=True,
    )

    # インシデント報告 (docx prose)
    p = rng.choice(others)
    n1, n2 = rng.sample(nurses, 2)
    witness = w.person("prose_only", (30, 70))
    document = new_docx()
    document.add_heading("インシデント報告書（2024年10月）", level=1)
    document.add_paragraph(
        f"10月14日 22時頃、4東病棟にて入院中の{jname(p)}様（{p.age()}歳）が、"
        "トイレへ移動しようとしてベッドサイドで転倒された。"
        f"発見者は看護師の{jname(n1)}。面会に来ていた{jname(witness)}様が物音に気付き、"
        "ナースコールで知らせてくださった。"
    )
    document.add_paragraph(
        f"当直医の{jname(doctor_of[p.pid])}医師が診察し、明らかな外傷は認めなかった。"
        f"再発防止策として、離床センサーの設置を{jname(n2)}主任と検討した。"
    )
    document.save(share.file("医療安全/インシデント報告_2024-10.docx"))
    share.add(
        "医療安全/インシデント報告_2024-10.docx",
        "",
        "docx prose",
        "incident report (prose)",
        False,
        True,
        0,
        {p.pid, n1.pid, n2.pid, witness.pid, doctor_of[p.pid].pid},
        note="people mentioned in sentences; not a database",
    )

    # 院内感染対策マニュアル (prose PDF without personal information)
    paragraphs = [
        "1. 標準予防策　すべての患者の血液、体液、分泌物、排泄物、傷のある皮膚および粘膜は"
        "感染性があるものとして取り扱う。",
        "2. 手指衛生　患者に触れる前、清潔・無菌操作の前、体液に曝露された可能性のある場合、"
        "患者に触れた後、患者周辺の物品に触れた後に手指衛生を行う。"
        "19世紀にゼンメルワイスが産褥熱の予防で示したとおり、手洗いは最も基本的な対策である。",
        "3. 個人防護具　状況に応じて手袋、ガウン、マスク、ゴーグルを着用する。",
        "4. 感染経路別予防策　接触予防策、飛沫予防策、空気予防策を病原体に応じて追加する。",
        "5. 職員の健康管理　職員は年1回の健康診断とインフルエンザワクチン接種を受ける。"
        "問い合わせは感染対策室（内線2345）まで。",
    ]
    flow = [Paragraph("院内感染対策マニュアル（第8版）", title)]
    flow += [Paragraph(t, body) for t in paragraphs]
    write_pdf(share.file("医療安全/院内感染対策マニュアル.pdf"), flow)
    share.add(
        "医療安全/院内感染対策マニュアル.pdf",
        "",
        "pdf prose",
        "infection control manual (prose, no personal information)",
        False,
        False,
        0,
        hard_negative=True,
    )

    # ==== 個人フォルダ: copies ====
    # An extract of the outpatient list in someone's Downloads, written differently: old-form
    # kanji, no space, full-width digits, phones without hyphens, 和暦 birth dates.
    extract = [p for p in outpatients[:1400] if rng.random() < 0.64]
    rows = []
    for p in extract:
        variant = has_old_form(p.family) and rng.random() < 0.7
        pid_text = p.patient_id.translate(FULLWIDTH_DIGITS) if rng.random() < 0.25 else p.patient_id
        rows.append(
            [
                pid_text,
                jname(p, sep=rng.choice(["", " ", "　"]), variant=variant),
                wareki(p.dob, "short"),
                phone_variant(p.phone, rng),
                p.address,
            ]
        )
    write_csv(
        share,
        "個人/suzuki/Downloads/外来患者_抽出_20241101.csv",
        [["ID", "名前", "生年月日", "TEL", "住所"], *rows],
        "cp932",
    )
    share.add(
        "個人/suzuki/Downloads/外来患者_抽出_20241101.csv",
        "",
        "csv cp932",
        "extract of the outpatient list, written differently",
        True,
        True,
        len(rows),
        {p.pid for p in extract},
        note="same people as the outpatient list; old-form kanji, full-width digits",
    )

    # A zip of last month's ward lists on someone's desktop: a few discharged patients since.
    discharged = [w.patient() for _ in range(6)]
    for p in discharged:
        contact_of[p.pid] = w.relative(p)
        doctor_of[p.pid] = rng.choice(doctors)
    zip_path = share.file("個人/tanaka/デスクトップ/入院患者_バックアップ.zip")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, ward_list, extra, enc in [
            ("3東_20241001.csv", east3, discharged[:3], "cp932"),
            ("5西_20241001.csv", west5, discharged[3:], "utf-8-sig"),
        ]:
            kept = [p for p in ward_list if rng.random() < 0.85] + extra
            rows = []
            mp = set()
            for p in kept:
                c, rel = contact_of[p.pid]
                rows.append(
                    [
                        p.patient_id,
                        jname(p),
                        jkana(p),
                        p.dob.strftime("%Y/%m/%d"),
                        jname(c),
                        rel,
                        c.mobile,
                    ]
                )
                mp |= {p.pid, c.pid}
            header = ["患者ID", "患者氏名", "カナ", "生年月日", "家族氏名", "続柄", "家族連絡先"]
            info = zipfile.ZipInfo(member, date_time=(2024, 10, 1, 18, 0, 0))
            info.flag_bits |= 0x800  # UTF-8 member name
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, csv_bytes([header, *rows], enc))
            share.add(
                f"個人/tanaka/デスクトップ/入院患者_バックアップ.zip!{member}",
                "",
                f"zip member csv {enc}",
                "ward list backup inside a zip",
                True,
                True,
                len(rows),
                mp,
                multi_person=True,
                note="patient + family contact",
            )

    # ==== 医事課/請求: the receipt export, sized so the whole share stays under 5,000 ==========
    covered = set().union(*(e.people for e in share.entries if e.is_pi_database))
    extra_n = TARGET_DISTINCT - len(covered)
    if extra_n < 0:
        raise SystemExit(f"too many people before the receipts: {len(covered)}")
    billed = [p for p in outpatients if rng.random() < 0.74 and not p.foreign]
    billed += [p for p in inpatients if rng.random() < 0.5 and p not in billed]
    billed += [w.patient() for _ in range(extra_n)]
    rng.shuffle(billed)
    rows = []
    for p in billed:
        variant = has_old_form(p.family) and rng.random() < 0.4
        insurer = rng.choice(["01220016", "06220123", "39222015", "138222", "67220014"])
        dob_text = wareki(p.dob, "code")
        if rng.random() < 0.1:
            dob_text = dob_text.translate(FULLWIDTH_DIGITS)
        rows.append(
            [
                "202410",
                p.patient_id,
                jname(p, sep=rng.choice(["　", "　", ""]), variant=variant),
                jkana(p, sep=" ", half=True),
                "1" if p.sex == "男" else "2",
                dob_text,
                insurer,
                f"{rng.randint(1, 999)}",
                f"{rng.randint(1, 99999)}",
                rng.choice(["本人", "家族", "高齢"]),
                rng.randint(1, 12),
                rng.randint(120, 48000),
            ]
        )
    header = [
        "請求年月",
        "患者番号",
        "氏名",
        "氏名カナ",
        "性別",
        "生年月日",
        "保険者番号",
        "記号",
        "番号",
        "本人家族",
        "実日数",
        "請求点数",
    ]
    write_csv(share, "医事課/請求/レセプト_202410.csv", [header, *rows], "cp932")
    share.add(
        "医事課/請求/レセプト_202410.csv",
        "",
        "csv cp932",
        "receipt export: half-width kana, 和暦 code birth dates, old-form kanji",
        True,
        True,
        len(rows),
        {p.pid for p in billed},
        note=f"{extra_n} patients appear only here",
    )

    return summarise(share, w)


def _hira(kana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana)


def summarise(share: Share, w: World) -> dict:
    dbs = [e for e in share.entries if e.is_pi_database]
    covered: set[int] = set().union(*(e.people for e in dbs))
    seen_in: dict[int, int] = {}
    for e in dbs:
        for pid in e.people:
            seen_in[pid] = seen_in.get(pid, 0) + 1
    by_role: dict[str, int] = {}
    for pid in covered:
        role = w.people[pid].role
        by_role[role] = by_role.get(role, 0) + 1
    files = sorted({e.path.split("!")[0] for e in share.entries})
    threshold = 5000
    return {
        "share": f"unseen4: the file share of {HOSPITAL} (fictional hospital)",
        "seed": SEED,
        "generated_by": "benchmarks/detection/unseen4/generate.py",
        "counting_rules": COUNTING_RULES,
        "totals": {
            "files": len(files),
            "datasets": len(share.entries),
            "pi_databases": len(dbs),
            "datasets_with_personal_info": sum(e.contains_personal_info for e in share.entries),
            "hard_negatives": sum(e.hard_negative for e in share.entries),
            "multi_person_datasets": sum(e.multi_person for e in share.entries),
            "distinct_individuals": len(covered),
            "distinct_individuals_by_role": dict(sorted(by_role.items())),
            "people_in_two_or_more_databases": sum(1 for n in seen_in.values() if n >= 2),
            "naive_row_sum": sum(e.records for e in dbs),
            "naive_individuals_sum": sum(len(e.people) for e in dbs),
            "threshold": threshold,
            "exceeds_threshold": len(covered) > threshold,
        },
        "datasets": [e.as_json() for e in share.entries],
    }


COUNTING_RULES = [
    "A dataset is a sheet of a workbook, a CSV/TSV/text file, a Word or PDF file as a whole, or a "
    "member of a zip. Workbooks are judged per sheet; everything else per file (or member).",
    "is_pi_database: a table with one row (or one card) per person and a column that identifies "
    "the person (a name, or kana plus birth date), arranged so a person can be looked up. A "
    "workbook of one-person cards (one card per sheet, same layout) is a database: each sheet is "
    "one of its records. Prose that mentions people in sentences is personal information, not a "
    "database. A roster whose rows are nights (当直表) holds names but is not a database of those "
    "people (marked borderline).",
    "contains_personal_info: information about a living individual who can be identified. Names "
    "of the long dead, names inside company or clinic names, titles such as 代表/院長 without a "
    "name, town/station names and name statistics are not.",
    "Hard negatives are tables (and one prose PDF) about things that are not people: towns, "
    "stations, surname and given-name statistics, historical physicians, books, suppliers and "
    "clinics named after families, drugs, diseases, equipment, menus, ward statistics.",
    "individuals: the number of distinct living people named in the dataset. Every person on a "
    "row counts: the patient, the emergency contact, the applicant, the guarantor, the family "
    "member, the attending or prescribing doctor, the dispensing pharmacists. A person named "
    "twice (two appointments, two committees, applicant = guarantor) counts once.",
    "records: data rows (occupied beds only in the bed list; one per card sheet).",
    "distinct_individuals (the share): the number of distinct people over all datasets judged "
    "databases. The same person written differently (高橋/髙橋, with or without a space, "
    "full-width digits, phone with or without hyphens, katakana in one file and romaji in "
    "another, kanji in one and half-width kana in another) is one person. People who appear only "
    "in prose are not counted.",
    "naive_row_sum: the sum of records over all databases; naive_individuals_sum: the sum of "
    "per-dataset individuals. Both exceed 5,000 while the distinct figure stays under it.",
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE / "share", help="folder to write the share")
    ap.add_argument("--truth", type=Path, default=HERE / "truth.json", help="truth file to write")
    args = ap.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    truth = build(args.out)
    args.truth.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    t = truth["totals"]
    print(
        f"share: {args.out}  files={t['files']} datasets={t['datasets']} "
        f"databases={t['pi_databases']} hard_negatives={t['hard_negatives']} "
        f"distinct={t['distinct_individuals']} naive_rows={t['naive_row_sum']} "
        f"naive_individuals={t['naive_individuals_sum']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
