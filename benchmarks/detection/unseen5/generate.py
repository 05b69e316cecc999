# ruff: noqa: E501
"""unseen5: the file share of a private company (北原食品工業株式会社), built blind.

A mid-sized food manufacturer and retailer: 人事部, 営業部, 総務部, カスタマーサポート, 経理部
and staff folders. Every person is an object with an id; each dataset records the ids of the
people on its rows, so truth.json (per dataset and the global distinct count) is exact.

    /work/main/.venv/bin/python benchmarks/detection/unseen5/generate.py

rebuilds share/ and truth.json deterministically (fixed seeds; Faker ja_JP for addresses and
company names, seeded).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
from faker import Faker
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

HERE = Path(__file__).resolve().parent
SHARE = HERE / "share"
SEED = 20261207
TARGET_DISTINCT = 4930

rng = random.Random(SEED)
Faker.seed(SEED)
fk = Faker("ja_JP")
fk.seed_instance(SEED)

# ---------------------------------------------------------------- names
SURNAMES = [
    "佐藤:サトウ",
    "鈴木:スズキ",
    "高橋:タカハシ",
    "田中:タナカ",
    "伊藤:イトウ",
    "渡辺:ワタナベ",
    "山本:ヤマモト",
    "中村:ナカムラ",
    "小林:コバヤシ",
    "加藤:カトウ",
    "吉田:ヨシダ",
    "山田:ヤマダ",
    "佐々木:ササキ",
    "山口:ヤマグチ",
    "松本:マツモト",
    "井上:イノウエ",
    "木村:キムラ",
    "林:ハヤシ",
    "斎藤:サイトウ",
    "清水:シミズ",
    "山崎:ヤマザキ",
    "森:モリ",
    "池田:イケダ",
    "橋本:ハシモト",
    "阿部:アベ",
    "石川:イシカワ",
    "山下:ヤマシタ",
    "中島:ナカジマ",
    "石井:イシイ",
    "小川:オガワ",
    "前田:マエダ",
    "岡田:オカダ",
    "長谷川:ハセガワ",
    "藤田:フジタ",
    "後藤:ゴトウ",
    "近藤:コンドウ",
    "村上:ムラカミ",
    "遠藤:エンドウ",
    "青木:アオキ",
    "坂本:サカモト",
    "斉藤:サイトウ",
    "福田:フクダ",
    "太田:オオタ",
    "西村:ニシムラ",
    "藤井:フジイ",
    "金子:カネコ",
    "岡本:オカモト",
    "藤原:フジワラ",
    "中野:ナカノ",
    "三浦:ミウラ",
    "原田:ハラダ",
    "中川:ナカガワ",
    "松田:マツダ",
    "竹内:タケウチ",
    "小野:オノ",
    "田村:タムラ",
    "中山:ナカヤマ",
    "和田:ワダ",
    "石田:イシダ",
    "森田:モリタ",
    "上田:ウエダ",
    "原:ハラ",
    "内田:ウチダ",
    "柴田:シバタ",
    "酒井:サカイ",
    "宮崎:ミヤザキ",
    "横山:ヨコヤマ",
    "高木:タカギ",
    "安藤:アンドウ",
    "宮本:ミヤモト",
    "大野:オオノ",
    "小島:コジマ",
    "谷口:タニグチ",
    "今井:イマイ",
    "工藤:クドウ",
    "高田:タカダ",
    "増田:マスダ",
    "丸山:マルヤマ",
    "杉山:スギヤマ",
    "村田:ムラタ",
    "大塚:オオツカ",
    "新井:アライ",
    "小山:コヤマ",
    "平野:ヒラノ",
    "藤本:フジモト",
    "河野:コウノ",
    "上野:ウエノ",
    "野口:ノグチ",
    "武田:タケダ",
    "松井:マツイ",
    "千葉:チバ",
    "岩崎:イワサキ",
    "菅原:スガワラ",
    "木下:キノシタ",
    "久保:クボ",
    "佐野:サノ",
    "野村:ノムラ",
    "松尾:マツオ",
    "市川:イチカワ",
    "菊地:キクチ",
    "杉本:スギモト",
    "古川:フルカワ",
    "大西:オオニシ",
    "島田:シマダ",
    "水野:ミズノ",
    "桜井:サクライ",
    "高野:タカノ",
    "渡部:ワタナベ",
    "吉川:ヨシカワ",
    "山内:ヤマウチ",
    "西田:ニシダ",
    "飯田:イイダ",
    "菊池:キクチ",
    "西川:ニシカワ",
    "小松:コマツ",
    "北村:キタムラ",
    "安田:ヤスダ",
    "五十嵐:イガラシ",
    "川口:カワグチ",
    "平田:ヒラタ",
    "関:セキ",
    "中田:ナカタ",
    "久保田:クボタ",
    "服部:ハットリ",
    "東:ヒガシ",
    "岩田:イワタ",
    "土屋:ツチヤ",
    "川崎:カワサキ",
    "福島:フクシマ",
    "本田:ホンダ",
    "辻:ツジ",
    "樋口:ヒグチ",
    "秋山:アキヤマ",
    "田口:タグチ",
    "永井:ナガイ",
    "山中:ヤマナカ",
    "中西:ナカニシ",
    "吉村:ヨシムラ",
    "川上:カワカミ",
    "大橋:オオハシ",
    "石原:イシハラ",
    "松岡:マツオカ",
    "浅野:アサノ",
    "荒木:アラキ",
    "大久保:オオクボ",
    "熊谷:クマガイ",
    "野田:ノダ",
    "小池:コイケ",
    "須藤:スドウ",
    "蒔田:マキタ",
    "鶴田:ツルタ",
    "榎本:エノモト",
    "栗原:クリハラ",
    "芦田:アシダ",
    "舘野:タテノ",
    "澤田:サワダ",
    "宇野:ウノ",
    "堀:ホリ",
    "望月:モチヅキ",
    "長尾:ナガオ",
]
MALE = [
    "翔太:ショウタ",
    "大輔:ダイスケ",
    "健一:ケンイチ",
    "誠:マコト",
    "浩:ヒロシ",
    "隆:タカシ",
    "直樹:ナオキ",
    "拓也:タクヤ",
    "和也:カズヤ",
    "達也:タツヤ",
    "雄一:ユウイチ",
    "健太:ケンタ",
    "亮:リョウ",
    "剛:ツヨシ",
    "修:オサム",
    "聡:サトシ",
    "学:マナブ",
    "茂:シゲル",
    "博:ヒロシ",
    "清:キヨシ",
    "勝:マサル",
    "進:ススム",
    "実:ミノル",
    "豊:ユタカ",
    "稔:ミノル",
    "明:アキラ",
    "正人:マサト",
    "正和:マサカズ",
    "和夫:カズオ",
    "幸雄:ユキオ",
    "康弘:ヤスヒロ",
    "英樹:ヒデキ",
    "秀樹:ヒデキ",
    "哲也:テツヤ",
    "智也:トモヤ",
    "大樹:ダイキ",
    "悠斗:ユウト",
    "陽翔:ハルト",
    "蓮:レン",
    "湊:ミナト",
    "樹:イツキ",
    "颯太:ソウタ",
    "悠真:ユウマ",
    "陸:リク",
    "大和:ヤマト",
    "海斗:カイト",
    "優太:ユウタ",
    "圭:ケイ",
    "裕介:ユウスケ",
    "慎一:シンイチ",
    "俊介:シュンスケ",
    "洋平:ヨウヘイ",
    "隼人:ハヤト",
    "航:ワタル",
    "恭平:キョウヘイ",
    "一郎:イチロウ",
    "健二:ケンジ",
    "浩二:コウジ",
    "秀夫:ヒデオ",
    "義男:ヨシオ",
    "昭:アキラ",
    "弘:ヒロシ",
    "敏夫:トシオ",
    "光男:ミツオ",
    "武:タケシ",
    "正:タダシ",
    "孝:タカシ",
    "徹:トオル",
    "淳:ジュン",
    "純一:ジュンイチ",
    "克也:カツヤ",
    "貴之:タカユキ",
    "雅人:マサト",
    "将太:ショウタ",
    "駿:シュン",
    "奏太:カナタ",
    "晴:ハル",
    "賢治:ケンジ",
    "典明:ノリアキ",
    "信也:シンヤ",
    "忠:タダシ",
]
FEMALE = [
    "陽子:ヨウコ",
    "恵子:ケイコ",
    "裕子:ユウコ",
    "真由美:マユミ",
    "美穂:ミホ",
    "直美:ナオミ",
    "久美子:クミコ",
    "由美子:ユミコ",
    "幸子:サチコ",
    "和子:カズコ",
    "洋子:ヨウコ",
    "京子:キョウコ",
    "智子:トモコ",
    "明美:アケミ",
    "恵:メグミ",
    "愛:アイ",
    "彩:アヤ",
    "麻衣:マイ",
    "舞:マイ",
    "沙織:サオリ",
    "香織:カオリ",
    "由佳:ユカ",
    "美咲:ミサキ",
    "葵:アオイ",
    "結衣:ユイ",
    "陽菜:ヒナ",
    "凛:リン",
    "さくら:サクラ",
    "美結:ミユ",
    "結菜:ユイナ",
    "花子:ハナコ",
    "千尋:チヒロ",
    "奈々:ナナ",
    "亜希子:アキコ",
    "典子:ノリコ",
    "順子:ジュンコ",
    "節子:セツコ",
    "良子:ヨシコ",
    "悦子:エツコ",
    "弘子:ヒロコ",
    "文子:フミコ",
    "敦子:アツコ",
    "美香:ミカ",
    "理恵:リエ",
    "瞳:ヒトミ",
    "綾香:アヤカ",
    "七海:ナナミ",
    "優花:ユウカ",
    "莉子:リコ",
    "芽衣:メイ",
    "紗希:サキ",
    "真奈美:マナミ",
    "由紀:ユキ",
    "早苗:サナエ",
    "友美:トモミ",
    "千春:チハル",
    "美和:ミワ",
    "和美:カズミ",
    "純子:ジュンコ",
    "紀子:ノリコ",
    "恵美:エミ",
    "瑞穂:ミズホ",
    "詩織:シオリ",
    "遥:ハルカ",
    "楓:カエデ",
    "杏:アン",
    "心春:コハル",
    "澪:ミオ",
    "紬:ツムギ",
    "啓子:ケイコ",
    "佳代:カヨ",
    "巴:トモエ",
]
SURNAMES = [tuple(s.split(":")) for s in SURNAMES]
MALE = [tuple(s.split(":")) for s in MALE]
FEMALE = [tuple(s.split(":")) for s in FEMALE]
SUR_W = [1 / (i + 1) ** 0.6 for i in range(len(SURNAMES))]
ITAI = {
    "高橋": "髙橋",
    "斎藤": "齋藤",
    "渡辺": "渡邊",
    "山崎": "山﨑",
    "浜田": "濱田",
    "沢田": "澤田",
}

# half-width katakana
HW = {}
for _c in range(0xFF66, 0xFF9E):
    _h = chr(_c)
    HW.setdefault(unicodedata.normalize("NFKC", _h), _h)
    for _m in "ﾞﾟ":
        _f = unicodedata.normalize("NFKC", _h + _m)
        if len(_f) == 1:
            HW.setdefault(_f, _h + _m)
HW["ー"] = "ｰ"
HW["\u3000"] = " "


def halfwidth(s: str) -> str:
    return "".join(HW.get(c, c) for c in s)


def hira(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def zen_digits(s: str) -> str:
    return s.translate(str.maketrans("0123456789-()", "０１２３４５６７８９－（）"))


def wareki(d: dt.date, style: str = "long") -> str:
    if d >= dt.date(2019, 5, 1):
        era, short, y = "令和", "R", d.year - 2018
    elif d >= dt.date(1989, 1, 8):
        era, short, y = "平成", "H", d.year - 1988
    else:
        era, short, y = "昭和", "S", d.year - 1925
    if style == "short":
        return f"{short}{y}.{d.month}.{d.day}"
    return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"


@dataclass
class Person:
    pid: int
    sur: str
    sur_k: str
    giv: str
    giv_k: str
    sex: str
    birth: dt.date
    phone: str
    email: str
    postal: str
    addr: str
    tags: set = field(default_factory=set)

    def name(self, style: str = "full", itai: bool = False) -> str:
        s = ITAI.get(self.sur, self.sur) if itai else self.sur
        sep = {"full": "\u3000", "half": " ", "none": ""}[style]
        return f"{s}{sep}{self.giv}"

    def kana(self, style: str = "full") -> str:
        if style == "hira":
            return f"{hira(self.sur_k)} {hira(self.giv_k)}"
        if style == "half":
            return halfwidth(f"{self.sur_k} {self.giv_k}")
        return f"{self.sur_k}\u3000{self.giv_k}"

    def tel(self, style: int = 0) -> str:
        p = self.phone
        digits = p.replace("-", "")
        if style == 1:
            return digits
        if style == 2:
            a, b, c = p.split("-")
            return f"{a}({b}){c}"
        if style == 3:
            return zen_digits(p)
        return p


PEOPLE: list[Person] = []
_phones: set[str] = set()


def new_person(sex=None, born=(1940, 2005), sur=None) -> Person:
    sex = sex or rng.choice("MF")
    if sur is None:
        sur = rng.choices(SURNAMES, SUR_W)[0]
    giv = rng.choice(MALE if sex == "M" else FEMALE)
    start = dt.date(born[0], 1, 1).toordinal()
    end = dt.date(born[1], 12, 31).toordinal()
    birth = dt.date.fromordinal(rng.randint(start, end))
    while True:
        phone = f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        if phone not in _phones:
            _phones.add(phone)
            break
    local = "".join(rng.choice("abcdefghijkmnoprstuwyz") for _ in range(rng.randint(4, 8)))
    email = f"{local}{rng.randint(1, 999)}@{rng.choice(['example.ne.jp', 'example.com', 'mail.example.jp', 'example.or.jp'])}"
    p = Person(
        len(PEOPLE) + 1,
        sur[0],
        sur[1],
        giv[0],
        giv[1],
        sex,
        birth,
        phone,
        email,
        fk.postcode(),
        fk.address(),
    )
    PEOPLE.append(p)
    return p


# ---------------------------------------------------------------- population
TODAY = dt.date(2026, 10, 1)
DEPTS_HQ = ["総務部", "人事部", "経理部", "営業部", "カスタマーサポート室", "商品開発部"]
DEPTS_PLANT = ["製造部 第一工場", "製造部 第二工場", "品質管理部"]
DEPTS_STORE = ["直営店舗部"]
POSTS = ["", "", "", "", "主任", "係長", "課長", "部長"]


@dataclass
class Staff:
    p: Person
    emp: str
    dept: str
    post: str
    hired: dt.date
    left: dt.date | None = None
    spouse: Person | None = None
    kids: list = field(default_factory=list)
    contact: Person | None = None
    contact_rel: str = ""
    spouse_dep: bool = False


staff: list[Staff] = []
emp_no = 100100
for i in range(430):
    dept = DEPTS_HQ[i % 6] if i < 180 else (DEPTS_PLANT[i % 3] if i < 350 else DEPTS_STORE[0])
    p = new_person(born=(1962, 2004))
    p.tags.add("staff")
    emp_no += rng.randint(1, 7)
    hired = dt.date(max(p.birth.year + 18, 1985), 4, 1)
    hired = (
        dt.date(rng.randint(hired.year, 2026), 4, 1)
        if i >= 30
        else dt.date(2025, rng.choice([4, 7, 10]), 1)
    )
    staff.append(Staff(p, str(emp_no), dept, rng.choice(POSTS), hired))
# new hires after 2025-04 are the first 30 (hired 2025-04..10 ... some 2025-04 are in old roster)
for s in staff[30:]:
    if s.hired > dt.date(2025, 4, 1):
        s.hired = dt.date(2024, 4, 1)
for s in staff:
    age = (TODAY - s.p.birth).days // 365
    if age > 28 and rng.random() < 0.68:
        sp = new_person(
            sex="F" if s.p.sex == "M" else "M",
            born=(max(1958, s.p.birth.year - 6), min(2002, s.p.birth.year + 6)),
            sur=(s.p.sur, s.p.sur_k),
        )
        s.spouse = sp
        s.contact, s.contact_rel = sp, "配偶者"
        s.spouse_dep = rng.random() < 0.45
        for _ in range(rng.choices([0, 1, 2, 3], [0.25, 0.3, 0.35, 0.1])[0]):
            y0 = max(s.p.birth.year + 22, 2004)
            if y0 > 2024:
                break
            s.kids.append(new_person(born=(y0, 2024), sur=(s.p.sur, s.p.sur_k)))
    else:
        par = new_person(
            born=(max(1940, s.p.birth.year - 38), s.p.birth.year - 20), sur=(s.p.sur, s.p.sur_k)
        )
        s.contact, s.contact_rel = par, "父" if par.sex == "M" else "母"
# dependants listed in 扶養控除: kids under 23, at most two
for s in staff:
    s.kids = [k for k in s.kids if (TODAY - k.birth).days < 23 * 365][:2] if s.kids else []
# children over 22 or beyond the second are Person objects that appear in no file (not counted)

retirees: list[Staff] = []
for i in range(110):
    p = new_person(born=(1955, 1998))
    hired = dt.date(rng.randint(max(p.birth.year + 19, 1978), 2022), 4, 1)
    left = dt.date(2020, 3, 31) + dt.timedelta(days=rng.randint(0, 2300))
    if i < 30:
        left = dt.date(2025, 4, 1) + dt.timedelta(days=rng.randint(10, 500))
    r = Staff(
        p,
        str(90000 + i * 3 + rng.randint(0, 2)),
        rng.choice(DEPTS_HQ + DEPTS_PLANT + DEPTS_STORE),
        rng.choice(POSTS),
        hired,
        left,
    )
    if i < 30:
        c = new_person(born=(1940, 1990), sur=(p.sur, p.sur_k))
        r.contact, r.contact_rel = c, rng.choice(["父", "母", "配偶者", "兄", "姉"])
    retirees.append(r)

hq = [s for s in staff if s.dept in DEPTS_HQ]
support = [s for s in staff if s.dept == "カスタマーサポート室"][:12]

applicants = [new_person(born=(2002, 2005)) for _ in range(320)]
referrals = {}
for a in rng.sample(applicants, 60):
    referrals[a.pid] = rng.choice(staff[:260])

agencies = [fk.company() for _ in range(30)]
agency_people = []
for i in range(90):
    p = new_person(born=(1960, 2000))
    agency_people.append(
        (
            p,
            agencies[i % 30],
            rng.choice(["営業部", "販売推進部", "営業本部", "商品部"]),
            rng.choice(["", "主任", "課長", "部長", "担当"]),
        )
    )

customers = [new_person(born=(1940, 2005)) for _ in range(2300)]
prospect_new = [new_person(born=(1955, 2000)) for _ in range(400)]
visitors_new = [new_person(born=(1955, 2003)) for _ in range(190)]
shareholder_other = [
    new_person(born=(1935, 1990), sur=("北原", "キタハラ") if i < 12 else None) for i in range(40)
]
inquiry_new = [new_person(born=(1940, 2006)) for _ in range(70)]
guarantors_new = [new_person(born=(1940, 1975)) for _ in range(35)]


# ---------------------------------------------------------------- datasets and truth
DATASETS: list[dict] = []


def reg(path, dataset, is_db, reason, people=(), rows=0, hard_negative=False, kind="table"):
    DATASETS.append(
        {
            "path": path,
            "dataset": dataset,
            "is_database": is_db,
            "reason": reason,
            "people": len(set(people)),
            "rows": rows,
            "hard_negative": hard_negative,
            "kind": kind,
            "_ids": sorted(set(people)),
        }
    )


def out(rel: str) -> Path:
    path = SHARE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_csv(rel, rows, encoding="utf-8"):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    out(rel).write_bytes(buf.getvalue().encode(encoding))


def add_sheet(wb, name, header, rows, title=None, groups=None, widths=None):
    ws = wb.create_sheet(name)
    r = 1
    if title:
        ws.cell(1, 1, title).font = Font(bold=True, size=14)
        ws.cell(2, 1, f"作成日: {TODAY:%Y/%m/%d}　北原食品工業株式会社")
        r = 4
    if groups:  # two-row header: groups = list of (label, span)
        c = 1
        for label, span in groups:
            ws.cell(r, c, label).alignment = Alignment(horizontal="center")
            if span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
            c += span
        r += 1
    for j, h in enumerate(header, 1):
        ws.cell(r, j, h).font = Font(bold=True)
    if groups:  # merge vertically the columns whose group label is their own header
        c = 1
        for label, span in groups:
            if span == 1 and label == header[c - 1]:
                ws.cell(r, c, None)
                ws.merge_cells(start_row=r - 1, start_column=c, end_row=r, end_column=c)
            c += span
    for row in rows:
        r += 1
        for j, v in enumerate(row, 1):
            ws.cell(r, j, v)
    for j in range(1, len(header) + 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width = (widths or {}).get(j, 14)
    return ws


def new_wb():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


ROSTER_HDR = [
    "社員番号",
    "氏名",
    "フリガナ",
    "性別",
    "生年月日",
    "所属",
    "役職",
    "入社日",
    "携帯電話",
    "メールアドレス",
    "緊急連絡先氏名",
    "続柄",
    "緊急連絡先電話",
]


def roster_rows(members):
    rows, ids = [], []
    for s in members:
        p = s.p
        rows.append(
            [
                s.emp,
                p.name("full", itai=True),
                p.kana(),
                "男" if p.sex == "M" else "女",
                p.birth.strftime("%Y/%m/%d"),
                s.dept,
                s.post,
                s.hired.strftime("%Y/%m/%d"),
                p.tel(0),
                f"{s.emp}@kitahara-foods.example.jp",
                s.contact.name("full") if s.contact else "",
                s.contact_rel,
                s.contact.tel(rng.choice([0, 1])) if s.contact else "",
            ]
        )
        ids += [p.pid] + ([s.contact.pid] if s.contact else [])
    return rows, ids


def dept_stats(members):
    out_rows = []
    for d in DEPTS_HQ + DEPTS_PLANT + DEPTS_STORE:
        m = [s for s in members if s.dept == d]
        out_rows.append(
            [d, sum(1 for s in m if s.p.sex == "M"), sum(1 for s in m if s.p.sex == "F"), len(m)]
        )
    return out_rows


POST_CODES = [
    ["P01", "部長", "管理職", 8],
    ["P02", "次長", "管理職", 7],
    ["P03", "課長", "管理職", 6],
    ["P04", "係長", "監督職", 5],
    ["P05", "主任", "一般職", 4],
    ["P06", "一般", "一般職", 3],
    ["P07", "嘱託", "嘱託", 2],
    ["P08", "パート", "パートタイマー", 1],
]

# 1. staff roster (title row; + stats sheet + code sheet)
wb = new_wb()
rows, ids = roster_rows(staff)
add_sheet(wb, "在籍者", ROSTER_HDR, rows, title="社員名簿（2026年10月1日現在）")
add_sheet(wb, "部署別人数", ["部署", "男性", "女性", "合計"], dept_stats(staff))
add_sheet(wb, "役職コード", ["コード", "役職名", "区分", "等級"], POST_CODES)
p_roster = "人事部/社員名簿/社員名簿_2026年10月.xlsx"
wb.save(out(p_roster))
for prefix in [p_roster, "個人フォルダ/suzuki_k/Downloads/社員名簿_2026年10月(1).xlsx"]:
    reg(
        prefix,
        "在籍者",
        True,
        "one employee a row (ID, name, reading, birth date, phone) with an emergency contact person on the same row",
        ids,
        len(rows),
    )
    reg(
        prefix,
        "部署別人数",
        False,
        "head counts by department: statistics",
        hard_negative=True,
        rows=10,
    )
    reg(prefix, "役職コード", False, "code table of job titles", hard_negative=True, rows=8)
shutil.copyfile(out(p_roster), out("個人フォルダ/suzuki_k/Downloads/社員名簿_2026年10月(1).xlsx"))

# 2. old roster backup (April 2025), no title row, names without space, phone without hyphens
old = [s for s in staff if s.hired <= dt.date(2025, 4, 1)] + retirees[:30]
old.sort(key=lambda s: s.emp)
wb = new_wb()
rows, ids = [], []
for s in old:
    p = s.p
    rows.append(
        [
            s.emp,
            p.name("none"),
            p.kana("half"),
            p.birth.strftime("%Y-%m-%d"),
            s.dept,
            p.tel(1),
            s.contact.name("none") if s.contact else "",
            s.contact_rel,
            s.contact.tel(1) if s.contact else "",
        ]
    )
    ids += [p.pid] + ([s.contact.pid] if s.contact else [])
add_sheet(
    wb,
    "Sheet1",
    ["社員No", "氏名", "ｼﾒｲ", "生年月日", "部署", "携帯", "緊急連絡先", "続柄", "緊急連絡先TEL"],
    rows,
)
p = "個人フォルダ/tanaka_m/backup/20250401_社員名簿.xlsx"
wb.save(out(p))
reg(
    p,
    "Sheet1",
    True,
    "older copy of the roster (April 2025): employees incl. 30 who left since, each with an emergency contact",
    ids,
    len(rows),
)

# 3. payroll: two-row merged header, 高橋 (not 髙橋), half-width kana account holder; + summary sheet
wb = new_wb()
rows, ids = [], []
for s in staff:
    base = rng.randrange(190000, 520000, 500)
    pos = {"": 0, "主任": 10000, "係長": 30000, "課長": 60000, "部長": 100000}[s.post]
    com = rng.randrange(0, 30000, 100)
    rows.append(
        [
            s.emp,
            s.p.name("none"),
            s.dept,
            base,
            pos,
            com,
            int(base * 0.05),
            int(base * 0.0915),
            int(base * 0.03),
            base + pos + com - int(base * 0.1715),
            rng.choice(["三井住友銀行", "みずほ銀行", "三菱UFJ銀行", "横浜銀行", "ゆうちょ銀行"]),
            f"{rng.randint(1000000, 9999999)}",
            halfwidth(s.p.sur_k + " " + s.p.giv_k),
        ]
    )
    ids.append(s.p.pid)
hdr = [
    "社員番号",
    "氏名",
    "所属",
    "基本給",
    "役職手当",
    "通勤手当",
    "健康保険",
    "厚生年金",
    "所得税",
    "差引支給額",
    "振込銀行",
    "口座番号",
    "口座名義",
]
groups = [
    ("社員番号", 1),
    ("氏名", 1),
    ("所属", 1),
    ("支給", 3),
    ("控除", 3),
    ("差引支給額", 1),
    ("振込先", 3),
]
add_sheet(wb, "2026年9月", hdr, rows, title="2026年9月分 給与一覧表", groups=groups)
summ = [
    [
        d,
        len([s for s in staff if s.dept == d]),
        sum(r[3] for r, s in zip(rows, staff, strict=False) if s.dept == d),
    ]
    for d in DEPTS_HQ + DEPTS_PLANT + DEPTS_STORE
]
add_sheet(wb, "部門別集計", ["部門", "人数", "基本給合計"], summ)
p = "人事部/給与/2026年09月_給与一覧.xlsx"
wb.save(out(p))
reg(p, "2026年9月", True, "payroll: one employee a row (ID, name, bank account)", ids, len(rows))
reg(p, "部門別集計", False, "payroll totals by department", hard_negative=True, rows=len(summ))

# 4. 扶養控除 (CP932): employee + spouse + dependants 1, 2 on one row, 和暦 birth dates
rows, ids = [], []
for s in staff:
    if not (s.spouse_dep or s.kids):
        continue
    row = [s.emp, s.p.name("half"), s.p.kana("full")]
    ids.append(s.p.pid)
    if s.spouse_dep:
        row += [s.spouse.name("half"), s.spouse.kana("full"), wareki(s.spouse.birth)]
        ids.append(s.spouse.pid)
    else:
        row += ["", "", ""]
    for n, k in enumerate(s.kids[:2]):
        row += [
            k.name("half"),
            ("長男", "次男")[n] if k.sex == "M" else ("長女", "次女")[n],
            wareki(k.birth),
        ]
        ids.append(k.pid)
    row += [""] * (3 * (2 - len(s.kids[:2])))
    rows.append(row)
hdr = [
    "社員番号",
    "氏名",
    "フリガナ",
    "配偶者氏名",
    "配偶者フリガナ",
    "配偶者生年月日",
    "扶養親族1氏名",
    "扶養親族1続柄",
    "扶養親族1生年月日",
    "扶養親族2氏名",
    "扶養親族2続柄",
    "扶養親族2生年月日",
]
p = "人事部/給与/扶養控除等申告書_2026年分.csv"
write_csv(p, [hdr, *rows], "cp932")
reg(
    p,
    "",
    True,
    "one employee a row with spouse and dependants 1-2 (each a person) and their birth dates",
    ids,
    len(rows),
)

# 5. health check (sensitive): hiragana reading, 和暦 short birth date; + 要再検査 sheet
wb = new_wb()
rows, ids, recheck, rids = [], [], [], []
for s in staff[:424]:
    h = rng.randint(150, 185)
    w = rng.randint(45, 95)
    bmi = round(w / (h / 100) ** 2, 1)
    judge = rng.choices("ABCDE", [40, 25, 20, 10, 5])[0]
    rows.append(
        [
            s.emp,
            s.p.name("full", itai=rng.random() < 0.5),
            s.p.kana("hira"),
            wareki(s.p.birth, "short"),
            (TODAY - s.p.birth).days // 365,
            h,
            w,
            bmi,
            f"{rng.randint(100, 160)}/{rng.randint(60, 100)}",
            judge,
        ]
    )
    ids.append(s.p.pid)
    if judge in "DE":
        recheck.append(
            [
                s.emp,
                s.p.name("half"),
                s.dept,
                judge,
                rng.choice(["血圧", "血糖", "脂質", "肝機能", "胸部X線"]),
                "未受診",
            ]
        )
        rids.append(s.p.pid)
add_sheet(
    wb,
    "結果一覧",
    ["社員番号", "氏名", "ふりがな", "生年月日", "年齢", "身長", "体重", "BMI", "血圧", "総合判定"],
    rows,
)
add_sheet(wb, "要再検査", ["社員番号", "氏名", "所属", "判定", "再検査項目", "受診状況"], recheck)
p = "人事部/健康診断/2026年度_定期健康診断結果.xlsx"
wb.save(out(p))
reg(p, "結果一覧", True, "health check results, one employee a row (sensitive)", ids, len(rows))
reg(p, "要再検査", True, "employees to be re-examined, one a row", rids, len(recheck))

# 6. clinics list (hard negative)
rows = [
    [
        f"医療法人社団 {rng.choice(SURNAMES)[0]}{rng.choice(['内科クリニック', '医院', '健診センター', '記念病院'])}",
        fk.address(),
        fk.phone_number(),
        rng.choice(["9:00-12:00", "8:30-11:30", "9:00-16:00"]),
        rng.choice(["定期健診", "人間ドック", "特殊健診", "定期健診・胃カメラ"]),
    ]
    for _ in range(14)
]
p = "人事部/健康診断/契約健診機関一覧.csv"
write_csv(p, [["医療機関名", "所在地", "電話番号", "受付時間", "健診種別"], *rows])
reg(
    p,
    "",
    False,
    "clinics (organisations) with addresses and phones: no person",
    hard_negative=True,
    rows=len(rows),
)

# 7. applicants with referrer (UTF-8 BOM)
UNIS = [
    "東京農業大学",
    "明治大学",
    "法政大学",
    "日本大学",
    "東洋大学",
    "専修大学",
    "女子栄養大学",
    "千葉大学",
    "埼玉大学",
    "横浜国立大学",
]
rows, ids = [], []
for i, a in enumerate(applicants, 1):
    ref = referrals.get(a.pid)
    rows.append(
        [
            f"A27-{i:04d}",
            a.name("half"),
            a.kana("hira"),
            rng.choice(UNIS),
            rng.choice(["農学部", "経済学部", "商学部", "文学部", "理工学部"]),
            a.email,
            a.tel(rng.choice([0, 1])),
            ref.p.name("half") if ref else "",
            ref.emp if ref else "",
            rng.choice(
                ["書類選考中", "一次面接", "二次面接", "最終面接", "内定", "辞退", "不合格"]
            ),
        ]
    )
    ids.append(a.pid)
    if ref:
        ids.append(ref.p.pid)
p = "人事部/採用/2027年度新卒_応募者一覧.csv"
write_csv(
    p,
    [
        [
            "応募番号",
            "氏名",
            "ふりがな",
            "大学",
            "学部",
            "メールアドレス",
            "電話番号",
            "紹介者氏名",
            "紹介者社員番号",
            "選考状況",
        ],
        *rows,
    ],
    "utf-8-sig",
)
reg(
    p,
    "",
    True,
    "applicants, one a row, with the referring employee on the same row",
    ids,
    len(rows),
)

# 8. card format: one applicant per sheet
wb = new_wb()
for i, a in enumerate(applicants[:12], 1):
    ws = wb.create_sheet(f"応募者{i:02d}")
    ws.cell(1, 1, "最終面接 応募者個人票").font = Font(bold=True, size=14)
    card = [
        ("応募番号", f"A27-{i:04d}"),
        ("氏名", a.name("full")),
        ("フリガナ", a.kana()),
        ("生年月日", a.birth.strftime("%Y年%m月%d日")),
        ("現住所", f"〒{a.postal} {a.addr}"),
        ("電話番号", a.tel()),
        ("メールアドレス", a.email),
        ("最終学歴", f"{rng.choice(UNIS)} 卒業見込"),
        ("志望動機", "食を通じて地域の暮らしを支えたいと考え志望しました。"),
        ("面接官評価", rng.choice(["A", "B", "B", "C"])),
        ("備考", ""),
    ]
    for r, (k, v) in enumerate(card, 3):
        ws.cell(r, 1, k).font = Font(bold=True)
        ws.cell(r, 2, v)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 48
    reg(
        "人事部/採用/最終面接_個人票.xlsx",
        f"応募者{i:02d}",
        True,
        "one applicant per sheet (card: field names down column A)",
        [a.pid],
        1,
        kind="card",
    )
wb.save(out("人事部/採用/最終面接_個人票.xlsx"))

# 9. retirees PDF printout
pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
rows, ids = [], []
REASONS = ["自己都合", "定年", "契約満了", "転職", "家業継承", "介護"]
for r in sorted(retirees, key=lambda r: r.left):
    rows.append(
        [
            r.emp,
            r.p.name("half"),
            r.dept,
            r.hired.strftime("%Y/%m/%d"),
            r.left.strftime("%Y/%m/%d"),
            rng.choice(REASONS),
        ]
    )
    ids.append(r.p.pid)
p = "人事部/退職者/退職者一覧_2020-2026.pdf"
doc = SimpleDocTemplate(str(out(p)), pagesize=landscape(A4), title="退職者一覧")
st = ParagraphStyle("t", fontName="HeiseiKakuGo-W5", fontSize=14)
tbl = Table([["社員番号", "氏名", "最終所属", "入社日", "退職日", "退職事由"], *rows], repeatRows=1)
tbl.setStyle(
    [
        ("FONT", (0, 0), (-1, -1), "HeiseiKakuGo-W5", 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
    ]
)
doc.build([Paragraph("退職者一覧（2020年4月〜2026年9月）　人事部　社外秘", st), Spacer(1, 8), tbl])
reg(
    p,
    "",
    True,
    "PDF printout of a table of former employees, one a row",
    ids,
    len(rows),
    kind="pdf",
)

# 10. org chart positions (hard negative)
rows = []
for d in DEPTS_HQ + DEPTS_PLANT + DEPTS_STORE:
    for post, n in [
        ("部長", 1),
        ("次長", rng.randint(0, 1)),
        ("課長", rng.randint(1, 3)),
        ("係長", rng.randint(1, 4)),
        ("主任", rng.randint(2, 6)),
    ]:
        rows.append(
            [d, post, n, max(0, n - rng.randint(0, 1)), "取締役" if post == "部長" else "部長"]
        )
p = "人事部/組織図_役職定員_2026.xlsx"
wb = new_wb()
add_sheet(
    wb,
    "役職定員",
    ["部署", "役職", "定員", "現員", "上位職"],
    rows,
    title="組織図（役職・定員）2026年度",
)
wb.save(out(p))
reg(
    p,
    "役職定員",
    False,
    "positions and head counts by department, no names",
    hard_negative=True,
    rows=len(rows),
)

# 11. staff statistics (hard negative)
rows = [
    [y, d] + [rng.randint(0, 25) for _ in range(5)]
    for y in range(2022, 2027)
    for d in DEPTS_HQ + DEPTS_PLANT + DEPTS_STORE
]
for r in rows:
    r.append(sum(r[2:7]))
p = "人事部/社員数推移_年代別.csv"
write_csv(p, [["年度", "部署", "20代", "30代", "40代", "50代", "60代", "合計"], *rows], "cp932")
reg(
    p,
    "",
    False,
    "head counts by year, department and age band: statistics",
    hard_negative=True,
    rows=len(rows),
)

# 12. CRM export (UTF-8)
RANKS = ["レギュラー", "シルバー", "ゴールド", "プラチナ"]
cust_no = {c.pid: f"C{200000 + i * 7:07d}" for i, c in enumerate(customers)}
cust_rank = {c.pid: rng.choices(RANKS, [50, 25, 18, 7])[0] for c in customers}
rows, ids = [], []
for c in customers:
    rows.append(
        [
            cust_no[c.pid],
            c.name("half"),
            c.kana("full").replace("\u3000", " "),
            "男性" if c.sex == "M" else "女性",
            c.birth.strftime("%Y/%m/%d"),
            c.postal,
            c.addr,
            c.tel(0),
            c.email,
            cust_rank[c.pid],
            (TODAY - dt.timedelta(days=rng.randint(1, 900))).strftime("%Y/%m/%d"),
            rng.randrange(3000, 800000, 10),
        ]
    )
    ids.append(c.pid)
p = "営業部/顧客管理/CRM_顧客エクスポート_20261001.csv"
write_csv(
    p,
    [
        [
            "顧客番号",
            "氏名",
            "氏名カナ",
            "性別",
            "生年月日",
            "郵便番号",
            "住所",
            "電話番号",
            "メールアドレス",
            "会員ランク",
            "最終購入日",
            "累計購入額",
        ],
        *rows,
    ],
)
reg(p, "", True, "CRM export: one customer a row", ids, len(rows))

# 13. DM excerpt in a staff folder: gold/platinum customers
sel = [c for c in customers if cust_rank[c.pid] in ("ゴールド", "プラチナ")]
rows = [[cust_no[c.pid], c.name("full"), f"〒{c.postal}", c.addr, "様"] for c in sel]
p = "個人フォルダ/tanaka_m/backup/20260401_DM送付先_ゴールド以上.csv"
write_csv(p, [["顧客番号", "宛名", "郵便番号", "住所", "敬称"], *rows], "cp932")
reg(
    p,
    "",
    True,
    "mailing list extracted from the CRM: one customer a row",
    [c.pid for c in sel],
    len(rows),
)

# 14. agency contacts
wb = new_wb()
rows, ids = [], []
for p_, comp, dep, post in agency_people:
    rows.append(
        [
            comp,
            dep,
            post,
            p_.name("half"),
            p_.kana("full"),
            p_.tel(0),
            p_.email,
            rng.choice(["関東", "関西", "中部", "九州", "東北"]),
        ]
    )
    ids.append(p_.pid)
add_sheet(
    wb,
    "担当者",
    ["代理店名", "部署", "役職", "担当者名", "フリガナ", "携帯電話", "メール", "エリア"],
    rows,
    title="販売代理店 担当者一覧",
)
agency_rows = [
    [comp, fk.address(), fk.phone_number(), rng.choice(["A", "B", "C"])] for comp in agencies
]
add_sheet(wb, "代理店", ["代理店名", "本社所在地", "代表電話", "ランク"], agency_rows)
p = "営業部/代理店/代理店担当者一覧.xlsx"
wb.save(out(p))
reg(
    p,
    "担当者",
    True,
    "contact persons at agencies, one a row (name, phone, e-mail)",
    ids,
    len(rows),
)
reg(
    p,
    "代理店",
    False,
    "agencies (companies) with head-office address and switchboard",
    hard_negative=True,
    rows=len(agency_rows),
)

# 15. exhibition prospects: business cards
pros = rng.sample(customers, 30) + [a[0] for a in rng.sample(agency_people, 20)] + prospect_new
rng.shuffle(pros)
rows = []
for p_ in pros:
    rows.append(
        [
            fk.company(),
            rng.choice(["購買部", "商品部", "経営企画室", "営業部", ""]),
            rng.choice(["", "主任", "課長", "部長", "バイヤー"]),
            p_.name(rng.choice(["half", "full", "none"])),
            p_.tel(rng.choice([0, 1, 2])),
            p_.email,
            rng.choice(["A", "B", "C"]),
            rng.choice(["焼菓子に関心", "OEM相談あり", "サンプル送付希望", ""]),
        ]
    )
wb = new_wb()
add_sheet(wb, "名刺", ["会社名", "部署", "役職", "氏名", "電話", "メール", "見込度", "メモ"], rows)
p = "営業部/展示会/2026スイーツ&ベーカリー展_名刺リスト.xlsx"
wb.save(out(p))
reg(
    p,
    "名刺",
    True,
    "business cards collected at a fair: one visitor a row",
    [x.pid for x in pros],
    len(rows),
)

# 16. product master (hard negative): brands built on family names
BR = [
    "山田製菓",
    "佐藤農園",
    "田中のたまご",
    "鈴木牧場",
    "北原菓子舗",
    "中村屋本舗",
    "小林養蜂園",
    "高橋製粉",
    "伊藤ハム工房",
    "松本茶園",
]
ITEMS = [
    "どら焼き",
    "バウムクーヘン",
    "カステラ",
    "ロールケーキ",
    "おかき",
    "せんべい",
    "はちみつ",
    "プリン",
    "食パン",
    "ほうじ茶ラテ",
    "バターサンド",
    "梅干し",
]
rows = []
for i in range(120):
    b = rng.choice(BR)
    rows.append(
        [
            f"P{30000 + i}",
            f"{b} {rng.choice(['特選', '季節の', '手焼き', '', '復刻'])}{rng.choice(ITEMS)}",
            b,
            f"49{rng.randint(10**10, 10**11 - 1)}",
            rng.choice(["6個入", "10枚", "1本", "300g", "12袋"]),
            rng.randrange(280, 3800, 10),
            f"{rng.randint(2015, 2026)}/{rng.randint(1, 12):02d}/01",
        ]
    )
wb = new_wb()
add_sheet(
    wb,
    "商品",
    ["商品コード", "商品名", "ブランド", "JANコード", "規格", "売価", "発売日"],
    rows,
    title="商品マスタ 2026年下期",
)
p = "営業部/商品マスタ_2026下期.xlsx"
wb.save(out(p))
reg(
    p,
    "商品",
    False,
    "products; brand names built on family names (山田製菓)",
    hard_negative=True,
    rows=len(rows),
)

# 17. store list (hard negative)
STORES = [
    "自由が丘",
    "吉祥寺",
    "二子玉川",
    "武蔵小杉",
    "大宮",
    "柏",
    "町田",
    "藤沢",
    "川越",
    "立川",
    "船橋",
    "浦和",
    "上野",
    "中野",
    "高田馬場",
]
rows = [
    [
        f"S{10 + i:03d}",
        f"北原菓子舗 {s}店",
        fk.postcode(),
        fk.address(),
        fk.phone_number(),
        f"{s}駅 徒歩{rng.randint(1, 9)}分",
        "10:00-20:00",
    ]
    for i, s in enumerate(STORES)
]
p = "営業部/直営店舗一覧.csv"
write_csv(
    p, [["店舗コード", "店舗名", "郵便番号", "所在地", "電話番号", "最寄駅", "営業時間"], *rows]
)
reg(
    p,
    "",
    False,
    "shops with addresses, phones and stations: no person",
    hard_negative=True,
    rows=len(rows),
)

# 18. ranking of products (hard negative)
rows = []
names = [
    "おばあちゃんのおはぎ",
    "花子さんの手作りジャム",
    "太郎くんのカレーパン",
    "ゆうこの焼きドーナツ",
    "健太のメロンパン",
    "さくらもち",
    "みさきサブレ",
    "北原の栗きんとん",
    "あきらのチーズケーキ",
    "まゆみのマドレーヌ",
]
for i, n in enumerate(sorted(names, key=lambda _: rng.random()), 1):
    rows.append([i, n, rng.randint(3000, 20000) // i, rng.randint(1000000, 9000000) // i])
p = "営業部/売上ランキング_2026年9月.csv"
write_csv(p, [["順位", "商品名", "販売数", "売上金額"], *rows], "cp932")
reg(
    p,
    "",
    False,
    "ranking of products (names with given names in them)",
    hard_negative=True,
    rows=len(rows),
)

# 19. surname frequency table of customers, sorted by reading (not by count)
cnt = {}
for c in customers:
    cnt[(c.sur, c.sur_k)] = cnt.get((c.sur, c.sur_k), 0) + 1
rows = [
    [s, hira(k), n, f"{n / len(customers):.2%}"]
    for (s, k), n in sorted(cnt.items(), key=lambda x: x[0][1])
]
wb = new_wb()
add_sheet(
    wb,
    "姓別",
    ["姓", "よみ", "顧客数", "構成比"],
    rows,
    title="会員の姓別人数（DMの宛名印刷の確認用）",
)
p = "営業部/顧客管理/会員_姓別人数.xlsx"
wb.save(out(p))
reg(
    p,
    "姓別",
    False,
    "family names with counts (a frequency table), sorted by reading",
    hard_negative=True,
    rows=len(rows),
)

# 20. delivery area town list with readings (hard negative)
TOWNS = [
    "中野:なかの",
    "上野:うえの",
    "高田:たかだ",
    "大塚:おおつか",
    "小松:こまつ",
    "森:もり",
    "原:はら",
    "平野:ひらの",
    "吉川:よしかわ",
    "千葉:ちば",
    "藤沢:ふじさわ",
    "本町:ほんちょう",
    "桜ケ丘:さくらがおか",
    "緑町:みどりちょう",
    "若葉:わかば",
    "栄町:さかえちょう",
    "東:ひがし",
    "関:せき",
    "長尾:ながお",
    "宮本:みやもと",
    "岡本:おかもと",
    "松原:まつばら",
    "西田:にしだ",
    "青葉台:あおばだい",
    "柴崎:しばさき",
]
rows = []
for t in TOWNS:
    k, y = t.split(":")
    for ch in range(1, rng.randint(2, 5)):
        rows.append(
            [
                f"{k}{ch}丁目",
                f"{y}{ch}ちょうめ",
                fk.postcode(),
                rng.choice([0, 330, 550, 770]),
                rng.choice(["月・木", "火・金", "水・土"]),
            ]
        )
p = "営業部/配送エリア_町丁目.csv"
write_csv(p, [["町丁目", "よみ", "郵便番号", "配送料", "配送曜日"], *rows], "cp932")
reg(
    p,
    "",
    False,
    "towns with readings (many are also family names) and delivery fees",
    hard_negative=True,
    rows=len(rows),
)

# 21. ad campaign characters (docx table, hard negative)
d = docx.Document()
d.add_heading("2027春キャンペーン キャラクター設定（案）", 1)
d.add_paragraph("広告代理店との打合せ用。キャラクターはすべて架空です。")
chars = [
    ("北原 ぱん太", "きたはら ぱんた", "4月1日", "永遠の7歳", "工場のオーブン", "焼きたてが大好き"),
    ("大福 もち子", "だいふく もちこ", "1月15日", "ひみつ", "和菓子の里", "のんびり屋"),
    ("塩見 しお吉", "しおみ しおきち", "7月20日", "12歳", "海辺の塩田", "しっかり者"),
    ("甘井 はちみ", "あまい はちみ", "3月8日", "16歳", "れんげ畑", "歌が得意"),
    ("栗田 くり之助", "くりた くりのすけ", "9月9日", "100歳", "栗の森", "長老"),
    ("小麦 ふわり", "こむぎ ふわり", "5月5日", "5歳", "北の大地", "泣き虫"),
    ("抹茶 みどり", "まっちゃ みどり", "5月2日", "20歳", "宇治", "クール"),
    ("苺野 いちか", "いちごの いちか", "1月5日", "10歳", "いちご畑", "元気いっぱい"),
]
t = d.add_table(rows=1, cols=6)
for j, h in enumerate(["キャラクター名", "よみ", "誕生日", "年齢", "出身地", "性格"]):
    t.rows[0].cells[j].text = h
for ch in chars:
    cells = t.add_row().cells
    for j, v in enumerate(ch):
        cells[j].text = v
p = "営業部/広告/2027春キャンペーン_キャラクター設定.docx"
d.save(out(p))
reg(
    p,
    "table 1",
    False,
    "fictional mascot characters with birthdays",
    hard_negative=True,
    rows=len(chars),
    kind="docx",
)

# 22. CRM data dictionary with sample values (hard negative)
FIELDS = [
    ("C001", "顧客番号", "文字", 8, "必須", "C0000001"),
    ("C002", "氏名", "文字", 40, "必須", "北原 花子"),
    ("C003", "氏名カナ", "文字", 40, "必須", "キタハラ ハナコ"),
    ("C004", "性別", "区分", 1, "任意", "女性"),
    ("C005", "生年月日", "日付", 10, "任意", "1980/01/01"),
    ("C006", "郵便番号", "文字", 8, "必須", "100-0001"),
    ("C007", "住所", "文字", 120, "必須", "東京都千代田区千代田1-1"),
    ("C008", "電話番号", "文字", 13, "必須", "03-1234-5678"),
    ("C009", "メールアドレス", "文字", 80, "任意", "hanako@example.com"),
    ("C010", "会員ランク", "区分", 10, "必須", "ゴールド"),
    ("C011", "最終購入日", "日付", 10, "任意", "2026/09/30"),
    ("C012", "累計購入額", "数値", 10, "任意", "12000"),
    ("C013", "担当者", "文字", 40, "任意", "北原 太郎"),
    ("C014", "DM可否", "区分", 1, "必須", "可"),
]
wb = new_wb()
add_sheet(
    wb,
    "項目定義",
    ["項目ID", "項目名", "型", "桁数", "必須", "サンプル値"],
    [list(f) for f in FIELDS],
    title="顧客管理システム 項目定義書 v3.2",
)
p = "営業部/顧客管理/CRM_項目定義書_v3.2.xlsx"
wb.save(out(p))
reg(
    p,
    "項目定義",
    False,
    "data dictionary: field names with one dummy sample value each",
    hard_negative=True,
    rows=len(FIELDS),
)

# 23. shareholders (title row; individuals + companies)
sh_staff = rng.sample(staff, 40)
sh_cust = rng.sample(customers, 30)
sh_ret = rng.sample(retirees, 10)
holders = (
    [(s.p, "ind") for s in sh_staff]
    + [(c, "ind") for c in sh_cust]
    + [(r.p, "ind") for r in sh_ret]
    + [(o, "ind") for o in shareholder_other]
)
holders += [
    (f"{x}", "corp")
    for x in [
        "北原食品従業員持株会",
        "株式会社北原興産",
        "株式会社みずほ銀行",
        "東京中央信用金庫",
        "三井住友海上火災保険株式会社",
        "日本マスタートラスト信託銀行株式会社",
        "株式会社山田製菓",
        "北原記念財団",
    ]
]
rng.shuffle(holders)
rows, ids = [], []
for i, (h, kind) in enumerate(holders, 1):
    if kind == "ind":
        rows.append(
            [
                f"{i:05d}",
                h.name("full"),
                f"〒{h.postal} {h.addr}",
                rng.choice([100, 200, 500, 1000, 3000, 12000]),
            ]
        )
        ids.append(h.pid)
    else:
        rows.append([f"{i:05d}", h, fk.address(), rng.choice([50000, 120000, 300000])])
tot = sum(r[3] for r in rows)
for r in rows:
    r.append(f"{r[3] / tot:.2%}")
wb = new_wb()
add_sheet(
    wb,
    "株主名簿",
    ["株主番号", "氏名又は名称", "住所", "所有株式数", "持株比率"],
    rows,
    title="株主名簿（2026年3月31日現在）",
)
p = "総務部/株主名簿/株主名簿_2026年3月末.xlsx"
wb.save(out(p))
reg(
    p,
    "株主名簿",
    True,
    "register of shareholders: individuals (and 8 companies), one a row, with address",
    ids,
    len(rows),
)

# 24. emergency contact tree (docx table), head office staff, mixed phone formats
d = docx.Document()
d.add_heading("災害時緊急連絡網（本社）2026年度", 1)
d.add_paragraph(
    "地震・台風等の災害時は、班長から順に電話で安否を確認し、総務部へ報告してください。"
)
t = d.add_table(rows=1, cols=5)
for j, h in enumerate(["班", "順", "氏名", "携帯電話", "次の連絡先"]):
    t.rows[0].cells[j].text = h
ids = []
by_dept = {}
for s in hq:
    by_dept.setdefault(s.dept, []).append(s)
for dname, mem in by_dept.items():
    for k, s in enumerate(mem):
        nxt = mem[k + 1].p.name("half") if k + 1 < len(mem) else "総務部へ報告"
        cells = t.add_row().cells
        for j, v in enumerate(
            [
                dname,
                str(k + 1),
                s.p.name(rng.choice(["half", "none"]), itai=rng.random() < 0.5),
                s.p.tel(rng.choice([0, 1, 2, 3])),
                nxt,
            ]
        ):
            cells[j].text = v
        ids.append(s.p.pid)
p = "総務部/防災/災害時緊急連絡網_本社_2026.docx"
d.save(out(p))
reg(
    p,
    "table 1",
    True,
    "contact tree: one employee a row with mobile phone",
    ids,
    len(hq),
    kind="docx",
)

# 25. company housing tenants + guarantor
tenants = rng.sample(staff, 55)
unmarried = [s for s in tenants if s.contact_rel in ("父", "母")]
gi = iter(guarantors_new)
rows, ids = [], []
reuse = 0
for s in tenants:
    if s in unmarried and reuse < 20:
        g, rel = s.contact, s.contact_rel
        reuse += 1
    else:
        g = next(gi, None)
        if g is None:
            g = new_person(born=(1940, 1975))
        rel = rng.choice(["叔父", "兄", "義父"] if g.sex == "M" else ["叔母", "姉", "義母"])
    rows.append(
        [
            rng.choice(["北原寮A棟", "北原寮B棟", "借上社宅 メゾン緑町", "借上社宅 コーポ栄"]),
            f"{rng.randint(1, 4)}0{rng.randint(1, 8)}",
            s.emp,
            s.p.name("half"),
            s.p.tel(0),
            (dt.date(2020, 4, 1) + dt.timedelta(days=rng.randint(0, 2000))).strftime("%Y/%m/%d"),
            g.name("half"),
            rel,
            g.addr,
            g.tel(rng.choice([0, 1])),
        ]
    )
    ids += [s.p.pid, g.pid]
wb = new_wb()
add_sheet(
    wb,
    "入居者",
    [
        "物件",
        "部屋番号",
        "社員番号",
        "入居者氏名",
        "連絡先",
        "入居日",
        "連帯保証人氏名",
        "続柄",
        "連帯保証人住所",
        "連帯保証人電話",
    ],
    rows,
    groups=[("物件", 1), ("部屋番号", 1), ("入居者", 4), ("連帯保証人", 4)],
)
p = "総務部/社宅/社宅入居者_保証人一覧.xlsx"
wb.save(out(p))
reg(
    p,
    "入居者",
    True,
    "company housing tenants with a guarantor (a second person) on each row",
    ids,
    len(rows),
)
unused_guar = [g for g in gi]

# 26. visitor log (CP932), visitor + host employee
vis_pool = [a[0] for a in rng.sample(agency_people, 60)] + visitors_new
rows, ids = [], []
company_of = {a[0].pid: a[1] for a in agency_people}
for v in vis_pool:
    company_of.setdefault(v.pid, fk.company())
seen = set()
for i in range(420):
    v = vis_pool[i] if i < len(vis_pool) else rng.choice(vis_pool)
    host = rng.choice(hq)
    day = dt.date(2026, 9, rng.randint(1, 30))
    h = rng.randint(9, 16)
    rows.append(
        [
            day.strftime("%Y/%m/%d"),
            f"{h}:{rng.choice(['00', '15', '30', '45'])}",
            f"{h + 1}:{rng.choice(['00', '30'])}",
            company_of[v.pid],
            v.name("half"),
            host.p.name("none"),
            host.dept,
            f"V-{rng.randint(1, 40):03d}",
        ]
    )
    ids += [v.pid, host.p.pid]
rows.sort(key=lambda r: (r[0], r[1]))
p = "総務部/受付/来訪者記録_2026年9月.csv"
write_csv(
    p,
    [["来訪日", "入館", "退館", "会社名", "来訪者氏名", "面会者", "面会者部署", "入館証"], *rows],
    "cp932",
)
reg(p, "", True, "visitor log: a visitor and the employee visited on each row", ids, len(rows))

# 27. meeting room bookings (hard negative)
rows = []
for k in range(80):
    day = dt.date(2026, 10, 1) + dt.timedelta(days=k // 4)
    rows.append(
        [
            day.strftime("%Y/%m/%d"),
            f"{rng.randint(9, 17)}:00",
            rng.choice(["大会議室", "会議室A", "会議室B", "応接室1", "応接室2"]),
            rng.choice(DEPTS_HQ),
            rng.choice(["定例会議", "来客", "面接", "商品試食会", "研修"]),
            rng.randint(2, 20),
        ]
    )
wb = new_wb()
add_sheet(
    wb,
    "10月",
    ["日付", "開始", "会議室", "予約部署", "用途", "人数"],
    rows,
    title="会議室予約表 2026年10月",
)
p = "総務部/会議室予約_2026年10月.xlsx"
wb.save(out(p))
reg(p, "10月", False, "room bookings by department, no names", hard_negative=True, rows=len(rows))

# 28. company cars (hard negative)
rows = [
    [
        f"{rng.choice(['品川', '多摩', '大宮', '所沢'])} {rng.choice([400, 500, 300])} {rng.choice('さすせそたち')} {rng.randint(10, 99)}-{rng.randint(10, 99)}",
        rng.choice(["プロボックス", "ハイエース", "N-VAN", "カローラ"]),
        rng.choice(DEPTS_HQ + DEPTS_STORE),
        wareki(dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 900))),
        rng.randint(5000, 180000),
    ]
    for _ in range(18)
]
p = "総務部/社用車一覧.csv"
write_csv(p, [["登録番号", "車種", "配属部署", "車検満了日", "走行距離"], *rows], "cp932")
reg(
    p,
    "",
    False,
    "company vehicles with plate numbers and inspection dates",
    hard_negative=True,
    rows=len(rows),
)

# 29. founders for the company museum (born before 1900)
rows = [
    ["初代", "北原 伝兵衛", "きたはら でんべえ", 1832, 1901, "明治20年 北原菓子舗を創業"],
    ["二代", "北原 伝蔵", "きたはら でんぞう", 1861, 1929, "洋菓子製造を開始"],
    ["三代", "北原 ヨネ", "きたはら よね", 1866, 1944, "暖簾を守り女将として店を切り盛り"],
    ["初代工場長", "田中 金之助", "たなか きんのすけ", 1870, 1938, "第一工場を建設"],
    ["三代", "北原 清右衛門", "きたはら せいえもん", 1889, 1958, "株式会社に改組"],
    ["顧問", "佐藤 梅吉", "さとう うめきち", 1858, 1921, "カステラの製法を伝授"],
    ["職人頭", "山田 源三郎", "やまだ げんざぶろう", 1875, 1950, "どら焼きの原型を考案"],
    ["出資者", "鈴木 仁左衛門", "すずき にざえもん", 1848, 1912, "創業資金を出資"],
]
wb = new_wb()
add_sheet(
    wb,
    "人物",
    ["代", "氏名", "よみ", "生年", "没年", "事績"],
    rows,
    title="北原資料館 展示パネル：創業の人びと",
)
p = "総務部/資料館/創業の人びと_展示パネル.xlsx"
wb.save(out(p))
reg(
    p,
    "人物",
    False,
    "historical figures born 1832-1889, all deceased (not living individuals)",
    hard_negative=True,
    rows=len(rows),
)

# 30. extension list (hard negative)
rows = [
    [d_, k, f"{2000 + i * 10 + k}", f"03-5555-{1000 + i * 10 + k:04d}"]
    for i, d_ in enumerate(DEPTS_HQ)
    for k in range(1, 4)
]
p = "総務部/内線番号表.csv"
write_csv(p, [["部署", "島", "内線", "直通"], *rows])
reg(p, "", False, "extension numbers by department, no names", hard_negative=True, rows=len(rows))

# 31. minutes (prose, docx)
m = [s.p for s in rng.sample(hq, 6)]
d = docx.Document()
d.add_heading("安全衛生委員会 議事録（2026年9月）", 1)
d.add_paragraph(
    f"日時：2026年9月18日 15:00〜16:00　場所：本社大会議室　出席：{m[0].name('half')}（委員長）、{m[1].name('half')}、{m[2].name('none')}、{m[3].name('half')}、産業医"
)
d.add_paragraph(
    f"1. 第二工場で9月5日に発生した軽微な転倒事故について、{m[4].sur}さんから報告があった。本人は翌日から通常勤務に復帰している。"
)
d.add_paragraph(
    f"2. 定期健康診断の再検査未受診者が多いため、{m[5].name('half')}さんより各部に受診勧奨を依頼することとした。"
)
d.add_paragraph(f"3. 次回は10月16日開催。議事録作成：{m[1].sur}")
p = "総務部/議事録/安全衛生委員会_2026-09.docx"
d.save(out(p))
reg(
    p,
    "",
    False,
    "minutes in prose naming a few employees: personal information but not a database",
    kind="prose",
)

# 32. inquiries (support), customer name column sometimes blank: the name then only in the text
callers = rng.sample(customers, 450) + inquiry_new
rows, ids = [], []
TOPICS = [
    "商品が届かない",
    "賞味期限の確認",
    "アレルギー表示の問い合わせ",
    "返品希望",
    "ギフト包装の依頼",
    "会員ランクの確認",
    "住所変更",
    "異物混入の申告",
]
for i in range(700):
    c = callers[i] if i < len(callers) else rng.choice(callers)
    hd = rng.choice(support)
    topic = rng.choice(TOPICS)
    name_col = c.name("half") if rng.random() > 0.25 else ""
    text = rng.choice(
        [
            f"{c.sur}様より{topic}とのお電話。{c.name('none')}様の注文履歴を確認し折り返し予定。",
            f"{topic}の件。{c.sur}様（{c.tel(1)}）へ{hd.p.sur}より折り返し済み。",
            f"{c.name('half')}様からメール。{topic}。担当{hd.p.sur}が対応中。",
        ]
    )
    rows.append(
        [
            f"Q{260700 + i}",
            (
                dt.datetime(2026, 7, 1, 9)
                + dt.timedelta(days=rng.randint(0, 91), minutes=rng.randint(0, 540))
            ).strftime("%Y/%m/%d %H:%M"),
            cust_no.get(c.pid, ""),
            name_col,
            c.tel(rng.choice([0, 1])),
            rng.choice(["電話", "メール", "Webフォーム"]),
            text,
            hd.p.name("half"),
        ]
    )
    ids += [c.pid, hd.p.pid]
p = "カスタマーサポート/問い合わせ履歴_2026Q3.csv"
write_csv(
    p,
    [
        ["受付番号", "受付日時", "顧客番号", "お客様名", "連絡先", "チャネル", "内容", "対応者"],
        *rows,
    ],
)
reg(
    p,
    "",
    True,
    "inquiry log: a caller a row (customer number, name, phone; names also in the free text) and the staff handler",
    ids,
    len(rows),
)

# 33. forwarded e-mail (prose)
c1, c2 = rng.sample(customers, 2)
sp_ = support[0].p
txt = f"""件名: Fw: 返品のご依頼について
From: {sp_.sur} <support@kitahara-foods.example.jp>
To: 品質管理部

品質管理部 御中

お疲れ様です。カスタマーサポートの{sp_.sur}です。
本日、{c1.name("half")}様（会員番号 {cust_no[c1.pid]}）より、9月20日にお届けしたバウムクーヘンに
異物が混入していたとのご連絡がありました。現物は{c1.sur}様のご自宅から着払いで回収予定です。
また先週の{c2.name("none")}様の件（賞味期限の印字不鮮明）も併せてご確認をお願いします。

よろしくお願いいたします。
"""
p = "カスタマーサポート/メール保存/Fw_返品のご依頼について_20260922.txt"
out(p).write_text(txt, encoding="utf-8")
reg(p, "", False, "a forwarded e-mail naming two customers: prose, not a database", kind="prose")

# 34. FAQ (hard negative)
rows = [
    [i, rng.choice(["配送", "商品", "会員", "支払"]), q, a]
    for i, (q, a) in enumerate(
        [
            ("送料はいくらですか", "5,000円以上で無料です"),
            ("賞味期限はどこに書いてありますか", "箱の底面に印字しています"),
            ("会員ランクはいつ更新されますか", "毎年4月1日です"),
            ("ギフト包装はできますか", "1点110円で承ります"),
            ("アレルギー情報はどこで見られますか", "商品ページの原材料欄をご覧ください"),
            ("支払方法は", "クレジットカード・代引き・後払い"),
            ("住所変更の方法は", "マイページから変更できます"),
            ("店舗受け取りはできますか", "直営店15店舗で可能です"),
        ],
        1,
    )
]
p = "カスタマーサポート/FAQ_よくある質問.csv"
write_csv(p, [["No", "分類", "質問", "回答"], *rows])
reg(p, "", False, "FAQ: questions and answers", hard_negative=True, rows=len(rows))

# 35. supplier bank accounts (companies, representative by title only)
rows = []
for i in range(40):
    comp = fk.company()
    core = comp.replace("株式会社", "").replace("有限会社", "").replace("合同会社", "")
    rows.append(
        [
            f"V{5000 + i}",
            comp,
            "代表取締役社長",
            fk.address(),
            fk.phone_number(),
            rng.choice(["三井住友銀行", "りそな銀行", "千葉銀行", "商工中金"]),
            rng.choice(["本店", "新宿支店", "大宮支店", "柏支店"]),
            "当座" if i % 3 else "普通",
            f"{rng.randint(1000000, 9999999)}",
            halfwidth("カ）") + core,
        ]
    )
wb = new_wb()
add_sheet(
    wb,
    "仕入先",
    [
        "取引先コード",
        "取引先名",
        "代表者",
        "所在地",
        "電話番号",
        "銀行",
        "支店",
        "種別",
        "口座番号",
        "口座名義",
    ],
    rows,
    title="仕入先 振込口座一覧",
)
p = "経理部/取引先/仕入先振込口座一覧.xlsx"
wb.save(out(p))
reg(
    p,
    "仕入先",
    False,
    "supplier companies with bank accounts; 代表者 is a title only",
    hard_negative=True,
    rows=len(rows),
)

# 36. staff expenses (CP932), several rows per employee, name variants
claimants = rng.sample(staff, 150)
rows, ids = [], []
for s in claimants:
    for _ in range(rng.randint(1, 4)):
        rows.append(
            [
                (dt.date(2026, 9, 1) + dt.timedelta(days=rng.randint(0, 29))).strftime("%Y/%m/%d"),
                s.emp,
                s.p.name(rng.choice(["half", "none", "full"]), itai=rng.random() < 0.3),
                s.dept,
                rng.choice(["旅費交通費", "会議費", "消耗品費", "交際費", "通信費"]),
                rng.randrange(200, 30000, 10),
                rng.choice(
                    ["客先訪問 電車代", "打合せ 茶菓", "文具購入", "取引先接待", "出張 新幹線"]
                ),
            ]
        )
        ids.append(s.p.pid)
rows.sort(key=lambda r: r[0])
p = "経理部/立替経費/立替経費精算_2026年9月.csv"
write_csv(p, [["申請日", "社員番号", "氏名", "部署", "勘定科目", "金額", "摘要"], *rows], "cp932")
reg(
    p,
    "",
    True,
    "expense claims: employee ID and name on each row (several rows per employee)",
    ids,
    len(rows),
)

# 37. weekly sales report (prose)
c3, c4 = rng.sample(customers, 2)
a1 = agency_people[3]
s1 = staff[3].p
txt = f"""営業部 週報（2026/9/28〜10/2）　報告者：{s1.name("half")}

・{a1[1]}の{a1[0].sur}{a1[3] or "様"}と秋冬ギフトの販促について打合せ。11月から店頭POPを展開予定。
・展示会でお会いした見込み客へのサンプル発送を完了（42件）。
・プラチナ会員の{c3.name("half")}様より法人ギフト300個の相談あり。見積を提出済み。
・{c4.sur}様のクレーム対応はカスタマーサポートへ引継ぎ。
"""
p = "営業部/週報/週報_2026-10-02.txt"
out(p).write_text(txt, encoding="cp932")
reg(p, "", False, "weekly report in prose naming a few people: not a database", kind="prose")

# 38. surname reading dictionary (hard negative)
rows = [[s, hira(k), ITAI.get(s, ""), ""] for s, k in SURNAMES]
p = "個人フォルダ/yamamoto_s/デスクトップ/名字よみ辞書_宛名変換用.csv"
write_csv(p, [["姓", "よみ", "異体字", "備考"], *rows])
reg(
    p,
    "",
    False,
    "dictionary of family names with readings (no person)",
    hard_negative=True,
    rows=len(rows),
)

# 39. lot inspection records (hard negative): 和暦 dates that look like birth dates
rows = []
for i in range(60):
    made = dt.date(2026, 8, 1) + dt.timedelta(days=i // 2)
    rows.append(
        [
            f"L{made:%y%m%d}-{i % 2 + 1}",
            wareki(made),
            wareki(made + dt.timedelta(days=rng.choice([30, 60, 90]))),
            rng.choice(["第一ライン", "第二ライン", "包装ライン"]),
            rng.choice(["合格", "合格", "合格", "再検査"]),
            rng.randint(800, 4000),
        ]
    )
wb = new_wb()
add_sheet(wb, "8月", ["ロット番号", "製造日", "賞味期限", "ライン", "検査結果", "数量"], rows)
p = "個人フォルダ/yamamoto_s/品質/ロット検査記録_2026年8月.xlsx"
wb.save(out(p))
reg(
    p,
    "8月",
    False,
    "product lots with 和暦 production and expiry dates",
    hard_negative=True,
    rows=len(rows),
)

# 40. ingredient origins (hard negative): producers' groups and towns
rows = [
    [
        i,
        rng.choice(["小麦粉", "砂糖", "鶏卵", "バター", "小豆", "栗", "抹茶"]),
        rng.choice(["北海道 十勝", "熊本県 菊池", "京都府 宇治", "茨城県 笠間", "埼玉県 深谷"]),
        f"JA{rng.choice(['十勝', '菊池', 'やましろ', '常陸', 'ふかや'])}",
        rng.choice(["通年", "秋冬", "春夏"]),
    ]
    for i in range(1, 31)
]
p = "個人フォルダ/yamamoto_s/品質/原材料産地一覧.csv"
write_csv(p, [["No", "原材料", "産地", "出荷団体", "調達時期"], *rows], "cp932")
reg(
    p,
    "",
    False,
    "ingredients with regions and producers' cooperatives",
    hard_negative=True,
    rows=len(rows),
)

# 41. 2023 CRM backup: 2,000 current customers + churned ones (set to land the total on TARGET_DISTINCT)
db_ids = set()
for ds in DATASETS:
    if ds["is_database"]:
        db_ids.update(ds["_ids"])
n_churn = TARGET_DISTINCT - len(db_ids)
assert 50 <= n_churn <= 500, n_churn
churned = [new_person(born=(1940, 2003)) for _ in range(n_churn)]
back = rng.sample(customers, 2000) + churned
back.sort(key=lambda c: cust_no.get(c.pid, "C9"))
rows, ids = [], []
for k, c in enumerate(back):
    no = cust_no.get(c.pid) or f"C{190000 + k:07d}"
    rows.append(
        [
            no,
            c.name("full"),
            c.kana("half"),
            c.birth.strftime("%Y%m%d"),
            c.postal.replace("-", ""),
            c.addr,
            c.tel(rng.choice([1, 2])),
            c.email,
        ]
    )
    ids.append(c.pid)
wb = new_wb()
add_sheet(
    wb,
    "顧客一覧",
    ["会員番号", "お名前", "ﾌﾘｶﾞﾅ", "生年月日", "〒", "ご住所", "TEL", "E-mail"],
    rows,
)
add_sheet(
    wb,
    "抽出条件",
    ["項目", "条件"],
    [["抽出日", "2023/03/31"], ["対象", "有効会員"], ["件数", len(rows)], ["作成", "営業部"]],
)
p = "営業部/顧客管理/old/顧客リスト_2023年3月末_バックアップ.xlsx"
wb.save(out(p))
reg(
    p,
    "顧客一覧",
    True,
    "old CRM backup: one customer a row, incl. customers who have left since",
    ids,
    len(rows),
)
reg(p, "抽出条件", False, "extraction conditions (key/value notes)", rows=4)

# ---------------------------------------------------------------- truth
db_ids = set()
pi_sets = [ds for ds in DATASETS if ds["is_database"]]
for ds in pi_sets:
    db_ids.update(ds["_ids"])
truth = {
    "share": f"share/ (北原食品工業株式会社, built by generate.py, seed {SEED})",
    "files": len({ds["path"] for ds in DATASETS}),
    "datasets": len(DATASETS),
    "databases": len(pi_sets),
    "non_databases": len(DATASETS) - len(pi_sets),
    "hard_negatives": sum(ds["hard_negative"] for ds in DATASETS),
    "distinct_people": len(db_ids),
    "naive_row_sum": sum(ds["rows"] for ds in pi_sets),
    "sum_of_people_per_database": sum(ds["people"] for ds in pi_sets),
    "threshold": 5000,
    "exceeds_threshold": len(db_ids) > 5000,
    "how_computed": "Every person is a generator object with an id; each dataset records the ids of everyone on its rows (employee and emergency contact, tenant and guarantor, spouse and dependants, visitor and host, caller and handler, applicant and referrer). distinct_people = size of the union of the id sets of the datasets whose is_database is true (people named only in prose are all also in a database). naive_row_sum = sum of data rows of those datasets; sum_of_people_per_database = sum of their per-dataset distinct counts. Company rows of the shareholder register are not people.",
    "datasets_truth": [{k: v for k, v in ds.items() if k != "_ids"} for ds in DATASETS],
}
(HERE / "truth.json").write_text(
    json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
)
print(
    f"files {truth['files']}, datasets {truth['datasets']} ({truth['databases']} databases, {truth['hard_negatives']} hard negatives), distinct {truth['distinct_people']}, naive rows {truth['naive_row_sum']}, sum per db {truth['sum_of_people_per_database']}"
)
