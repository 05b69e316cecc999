#!/usr/bin/env python
"""Write the second "unseen share": 54 realistic Japanese files of a clinic, a care home, a cram
school, a PTA, a company's HR, an NPO, a university, a city office, event forms and a web shop
(30 personal tables, 6 text documents with personal data, 18 hard negatives), with the ground
truth of their columns and of each file, for the accuracy audit (audit.py).

    .venv/bin/python benchmarks/detection/unseen2/make_share.py [--work DIR] [--seed N]

Writes DIR/share/** (replaced if it exists), DIR/truth.csv and DIR/truth_files.csv; DIR defaults
to a fresh temporary directory, printed at the end.

truth.csv (file, sheet, column, expected, also_ok, alt, samples) has one row per column of a
table and one row per expected entity of a text document (column "(text)"). How audit.py scores
it (a spec below is written "ENTITY", "ENTITY?" for also_ok 1, "A|B" for alt B):
    ENTITY, also_ok 0 -> must be reported as ENTITY (or alt); any other entity is a FP
    ENTITY, also_ok 1 -> debatable: not counted in recall; any entity but ENTITY/alt is a FP
    NONE,   also_ok 0 -> any audited entity reported is a FP
    NONE,   also_ok 1 -> not scored
A column "A || B" may appear in pi-scan's output under either name (a duplicate header that
pi-scan renames); "#N" is the N-th column of a headerless file.
truth_files.csv (file, expect_db, kind): should the file be judged a 個人情報データベース等
(yes / no / either); kind pi (personal table), text (document) or neg (hard negative).

A seed always gives the same truth and the same file contents (only the workbooks' "modified"
property and the zip entries' times are the time of writing). All data are synthetic (Faker
ja_JP names and places); the headers, layouts and value formats were written independently of
pi-scan's dictionaries and of the first unseen share (benchmarks/detection/unseen).
"""

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import tempfile

import docx
import openpyxl
from faker import Faker
from openpyxl.styles import Alignment, Font

DEFAULT_SEED = 20240611
ROOT = "."  # set by generate(): WORK
SHARE = "share"  # set by generate(): WORK/share

# Every random choice comes from R and F, reseeded by generate(); the order of the calls below
# is the corpus: reordering them changes every file.
R = random.Random(DEFAULT_SEED)
F = Faker("ja_JP")
F.seed_instance(DEFAULT_SEED)

TRUTH = []  # (file, sheet, column, expected, also_ok, alt, samples)
LAST_TABLES = {}  # tuple(headers) -> rows of the most recently written table with those headers
FILES = []  # (file, expect_db, kind)


# ---------------------------------------------------------------- helpers
def rel(path):
    return os.path.relpath(path, SHARE)


def samples_of(rows, j, n=3):
    out = []
    for r in rows:
        v = r[j] if j < len(r) else ""
        if v not in ("", None):
            v = v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else str(v)
            if v not in out:
                out.append(v)
        if len(out) == n:
            break
    return " | ".join(out)


def add_truth(path, sheet, headers, specs):
    assert len(headers) == len(specs), (path, headers, specs)
    rows = LAST_TABLES.get(tuple(headers), [])
    for j, (h, s) in enumerate(zip(headers, specs, strict=True)):
        also_ok = 0
        alt = ""
        if s.endswith("?"):
            also_ok, s = 1, s[:-1]
        if "|" in s:
            s, alt = s.split("|", 1)
        TRUTH.append((rel(path), sheet, h, s, also_ok, alt, samples_of(rows, j)))


def add_text_truth(path, ents):
    for e in ents:
        also_ok = 0
        if e.endswith("?"):
            also_ok, e = 1, e[:-1]
        TRUTH.append((rel(path), "", "(text)", e, also_ok, "", ""))


def fw(s):
    """half-width digits/hyphen -> full-width"""
    return s.translate(str.maketrans("0123456789-()", "０１２３４５６７８９－（）"))


CITIES = [
    ("東京都", "世田谷区", "154"),
    ("東京都", "練馬区", "176"),
    ("東京都", "八王子市", "192"),
    ("神奈川県", "横浜市港北区", "222"),
    ("神奈川県", "川崎市中原区", "211"),
    ("神奈川県", "藤沢市", "251"),
    ("埼玉県", "さいたま市浦和区", "330"),
    ("埼玉県", "川口市", "332"),
    ("千葉県", "船橋市", "273"),
    ("千葉県", "柏市", "277"),
    ("大阪府", "堺市北区", "591"),
    ("大阪府", "豊中市", "560"),
    ("愛知県", "名古屋市千種区", "464"),
    ("愛知県", "豊田市", "471"),
    ("福岡県", "福岡市博多区", "812"),
    ("北海道", "札幌市中央区", "060"),
    ("兵庫県", "神戸市灘区", "657"),
    ("京都府", "京都市左京区", "606"),
    ("静岡県", "浜松市中央区", "430"),
    ("宮城県", "仙台市青葉区", "980"),
    ("広島県", "広島市南区", "734"),
]
LOCAL_CITY = ("東京都", "練馬区", "176")  # for city office / PTA: everyone lives locally
AREA = {
    "東京都": "03",
    "神奈川県": "045",
    "埼玉県": "048",
    "千葉県": "047",
    "大阪府": "06",
    "愛知県": "052",
    "福岡県": "092",
    "北海道": "011",
    "兵庫県": "078",
    "京都府": "075",
    "静岡県": "053",
    "宮城県": "022",
    "広島県": "082",
}


def person(gender=None):
    g = gender or R.choice("MF")
    ln, lk, lr = F.last_name_pair()
    fn, fkana, fr = F.first_name_male_pair() if g == "M" else F.first_name_female_pair()
    return dict(
        sei=ln,
        mei=fn,
        seikana=lk,
        meikana=fkana,
        seir=lr,
        meir=fr,
        gender=g,
        name=f"{ln}　{fn}" if R.random() < 0.5 else f"{ln} {fn}" if R.random() < 0.3 else ln + fn,
        kana=f"{lk} {fkana}",
        hira=kata2hira(f"{lk} {fkana}"),
        romaji=f"{fr} {lr}",
    )


def kata2hira(s):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def addr(local=False, style=None):
    pref, city, zp = LOCAL_CITY if local else R.choice(CITIES)
    town = F.town()
    c, b, g = R.randint(1, 6), R.randint(1, 30), R.randint(1, 25)
    style = style or R.choice(["hyphen", "kanji", "hyphen", "fw"])
    if style == "kanji":
        banchi = f"{c}丁目{b}番{g}号"
    elif style == "fw":
        banchi = fw(f"{c}-{b}-{g}")
    else:
        banchi = f"{c}-{b}-{g}"
    bld = ""
    if R.random() < 0.35:
        bld = f"{F.building_name()}{R.randint(1, 9)}0{R.randint(1, 9)}"
    zipc = f"{zp}-{R.randint(0, 9999):04d}"
    return dict(
        pref=pref,
        city=city,
        town=town,
        banchi=banchi,
        bld=bld,
        zip=zipc,
        full=f"{pref}{city}{town}{banchi}" + (f" {bld}" if bld else ""),
        nopref=f"{city}{town}{banchi}" + (f" {bld}" if bld else ""),
    )


def mobile():
    return f"{R.choice(['090', '080', '070'])}-{R.randint(1000, 9999)}-{R.randint(0, 9999):04d}"


def landline(pref="東京都"):
    a = AREA.get(pref, "0" + str(R.randint(200, 999)))
    if len(a) == 2:
        return f"{a}-{R.randint(3000, 6999)}-{R.randint(0, 9999):04d}"
    if len(a) == 3:
        return f"{a}-{R.randint(200, 999)}-{R.randint(0, 9999):04d}"
    return f"{a}-{R.randint(20, 99)}-{R.randint(0, 9999):04d}"


def email(p):
    dom = R.choice(
        [
            "gmail.com",
            "yahoo.co.jp",
            "docomo.ne.jp",
            "ezweb.ne.jp",
            "icloud.com",
            "outlook.jp",
            "example.ne.jp",
        ]
    )
    u = R.choice(
        [
            f"{p['meir'].lower()}.{p['seir'].lower()}",
            f"{p['seir'].lower()}{R.randint(1, 99)}",
            f"{p['meir'].lower()}_{R.randint(1960, 2005)}",
        ]
    )
    return f"{u}@{dom}"


def dob(a=20, b=90):
    today = dt.date(2024, 6, 1)
    return today - dt.timedelta(days=R.randint(a * 365, b * 365))


def age(d, ref=dt.date(2024, 6, 1)):
    return ref.year - d.year - ((ref.month, ref.day) < (d.month, d.day))


def wareki(d, style="long"):
    eras = [
        (dt.date(2019, 5, 1), "令和", "R"),
        (dt.date(1989, 1, 8), "平成", "H"),
        (dt.date(1926, 12, 25), "昭和", "S"),
        (dt.date(1912, 7, 30), "大正", "T"),
    ]
    for start, kanji, letter in eras:
        if d >= start:
            y = d.year - start.year + 1
            if style == "long":
                return f"{kanji}{'元' if y == 1 else y}年{d.month}月{d.day}日"
            return f"{letter}{y}.{d.month}.{d.day}"
    return d.isoformat()


def mynumber():
    base = [R.randint(0, 9) for _ in range(11)]
    s = 0
    for n in range(1, 12):
        p = base[11 - n]
        q = n + 1 if n <= 6 else n - 5
        s += p * q
    r = s % 11
    cd = 0 if r <= 1 else 11 - r
    return "".join(map(str, base)) + str(cd)


def houjin():
    base = [R.randint(0, 9) for _ in range(12)]
    s = 0
    for n in range(1, 13):
        p = base[12 - n]
        s += p * (1 if n % 2 == 1 else 2)
    cd = 9 - (s % 9)
    return str(cd) + "".join(map(str, base))


def jan():
    d = [4, 9] + [R.randint(0, 9) for _ in range(10)]
    s = sum(x * (3 if i % 2 else 1) for i, x in enumerate(d))
    return "".join(map(str, d)) + str((10 - s % 10) % 10)


def write_csv(path, headers, rows, enc="utf-8", delim=",", pre=None):
    LAST_TABLES[tuple(headers) if headers else tuple(f"#{i + 1}" for i in range(len(rows[0])))] = (
        rows
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding=enc, newline="", errors="replace") as f:
        w = csv.writer(f, delimiter=delim, lineterminator="\r\n" if enc == "cp932" else "\n")
        for p in pre or []:
            w.writerow(p)
        if headers:
            w.writerow(headers)
        w.writerows(rows)


def xlsx_sheet(
    wb,
    title,
    headers,
    rows,
    header_row=1,
    titles=(),
    merge_title=True,
    date_cols=(),
    date_fmt="yyyy/mm/dd",
    group_header=None,
):
    ws = wb.create_sheet(title)
    LAST_TABLES[tuple(headers)] = rows
    for i, t in enumerate(titles, start=1):
        ws.cell(row=i, column=1, value=t).font = Font(bold=True, size=14 if i == 1 else 10)
        if merge_title and t:
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=max(3, len(headers)))
            ws.cell(row=i, column=1).alignment = Alignment(horizontal="center")
    if group_header:  # [(label, first_col, last_col)] one row above the header, merged
        for label, c1, c2 in group_header:
            ws.cell(row=header_row - 1, column=c1, value=label)
            if c2 > c1:
                ws.merge_cells(
                    start_row=header_row - 1, start_column=c1, end_row=header_row - 1, end_column=c2
                )
    for j, h in enumerate(headers, start=1):
        ws.cell(row=header_row, column=j, value=h).font = Font(bold=True)
    for i, r in enumerate(rows, start=header_row + 1):
        for j, v in enumerate(r, start=1):
            c = ws.cell(row=i, column=j, value=v)
            if (j - 1) in date_cols and isinstance(v, (dt.date, dt.datetime)):
                c.number_format = date_fmt
    return ws


def new_wb():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


def save_wb(wb, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wb.properties.created = dt.datetime(2024, 6, 1, 9, 0, 0)  # "modified" is set by save()
    wb.save(path)


def write_text(path, text, enc="utf-8"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding=enc, errors="replace") as f:
        f.write(text)


def write_docx(path, title, paras, table=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    d = docx.Document()
    d.add_heading(title, level=1)
    for p in paras:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=1, cols=len(table[0]))
        for j, h in enumerate(table[0]):
            t.rows[0].cells[j].text = str(h)
        for r in table[1:]:
            cells = t.add_row().cells
            for j, v in enumerate(r):
                cells[j].text = str(v)
    d.save(path)


def d8(d):
    return int(d.strftime("%Y%m%d"))


DISEASES = [
    "高血圧症",
    "2型糖尿病",
    "脂質異常症",
    "脳梗塞後遺症",
    "変形性膝関節症",
    "心房細動",
    "慢性腎臓病",
    "アルツハイマー型認知症",
    "骨粗鬆症",
    "COPD",
    "狭心症",
    "パーキンソン病",
    "胃がん術後",
    "白内障",
    "うつ病",
    "気管支喘息",
    "逆流性食道炎",
    "なし",
]
DRUGS = [
    "アムロジピン錠5mg 1日1回朝",
    "メトホルミン錠250mg 1日2回",
    "ワーファリン錠1mg",
    "ドネペジル錠5mg",
    "ロスバスタチン錠2.5mg",
    "エディロール0.75μg",
    "ランソプラゾールOD錠15mg",
    "なし",
    "酸化マグネシウム330mg 頓用",
]
KAIGO = ["要支援1", "要支援2", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5"]
ZOKUGARA = ["長男", "長女", "次男", "妻", "夫", "次女", "姪", "嫁"]
DEPTS = [
    "総務部",
    "人事部",
    "経理部",
    "営業第一部",
    "営業第二部",
    "開発部",
    "品質保証部",
    "情報システム部",
    "製造部",
]
TITLES = ["部長", "次長", "課長", "係長", "主任", "一般", "一般", "一般", "参事"]
HIGHSCH = [
    "県立浦和高等学校",
    "市立船橋高等学校",
    "私立開成高等学校",
    "都立西高等学校",
    "県立湘南高等学校",
    "大阪府立北野高等学校",
    "愛知県立旭丘高等学校",
    "私立桜蔭高等学校",
    "県立千葉東高等学校",
]
GAKKA = [
    "法学部法律学科",
    "経済学部経済学科",
    "文学部英米文学科",
    "理工学部情報工学科",
    "看護学部看護学科",
    "教育学部初等教育学科",
    "薬学部薬学科",
]
BANKS = [
    "みずほ銀行 練馬支店",
    "三菱UFJ銀行 新宿支店",
    "三井住友銀行 渋谷支店",
    "りそな銀行 池袋支店",
    "ゆうちょ銀行 〇一八店",
    "横浜銀行 本店営業部",
    "城北信用金庫 石神井支店",
]


# ================================================================ PI files
def kaigo_riyousha():
    path = f"{SHARE}/介護/ひまわりデイサービス/利用者台帳_R6.xlsx"
    wb = new_wb()
    H = [
        "利用者番号",
        "氏名",
        "フリガナ",
        "性別",
        "生年月日",
        "年齢",
        "郵便番号",
        "住所",
        "電話番号",
        "緊急連絡先（氏名）",
        "続柄",
        "緊急連絡先（電話）",
        "要介護度",
        "主治医",
        "既往歴",
        "備考",
    ]
    S = [
        "NONE?",
        "PERSON",
        "PERSON_KANA",
        "GENDER",
        "DATE_OF_BIRTH",
        "NONE",
        "POSTAL_CODE",
        "ADDRESS",
        "PHONE_NUMBER",
        "PERSON",
        "NONE",
        "PHONE_NUMBER",
        "SENSITIVE?",
        "PERSON?",
        "SENSITIVE",
        "NONE?",
    ]
    rows = []
    for i in range(120):
        p = person()
        a = addr(local=True)
        d = dob(68, 98)
        e = person()
        rows.append(
            [
                f"R{1001 + i}",
                p["name"],
                p["kana"],
                "男" if p["gender"] == "M" else "女",
                d,
                age(d),
                a["zip"],
                a["full"],
                landline(a["pref"]),
                e["sei"] + e["mei"],
                R.choice(ZOKUGARA),
                mobile(),
                R.choice(KAIGO),
                F.last_name() + "医師"
                if R.random() < 0.3
                else F.last_name() + " " + F.first_name(),
                "、".join(R.sample(DISEASES[:-1], R.randint(1, 3))),
                R.choice(["", "", "送迎時 玄関まで介助", "入浴は週2回", "とろみ食", "車いす使用"]),
            ]
        )
    xlsx_sheet(
        wb,
        "利用者一覧",
        H,
        rows,
        header_row=3,
        titles=[
            "ひまわりデイサービス　利用者台帳（令和6年6月1日現在）",
            "※取扱注意　施設外持出禁止",
        ],
        date_cols=(4,),
    )
    add_truth(path, "利用者一覧", H, S)
    # aggregate sheet (no PI)
    H2 = ["要介護度", "人数", "割合"]
    cnt = {k: sum(1 for r in rows if r[12] == k) for k in KAIGO}
    xlsx_sheet(wb, "集計", H2, [[k, v, f"{v / len(rows):.1%}"] for k, v in cnt.items()])
    add_truth(path, "集計", H2, ["NONE", "NONE", "NONE"])
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def clinic_jushin():
    path = f"{SHARE}/クリニック/受診記録_2024年5月.csv"
    H = [
        "受診日",
        "カルテ番号",
        "患者氏名",
        "生年月日",
        "性別",
        "診療科",
        "傷病名",
        "既往歴",
        "服薬",
        "アレルギー",
        "担当医",
    ]
    S = [
        "NONE",
        "NONE?",
        "PERSON",
        "DATE_OF_BIRTH",
        "GENDER",
        "NONE",
        "SENSITIVE",
        "SENSITIVE",
        "SENSITIVE?",
        "SENSITIVE?",
        "PERSON?",
    ]
    docs = [F.last_name() for _ in range(4)]
    rows = []
    for _i in range(400):
        p = person()
        d = dob(3, 90)
        rows.append(
            [
                f"2024/05/{R.randint(1, 31):02d}",
                f"{R.randint(10000, 99999):06d}",
                p["name"],
                wareki(d),
                "男性" if p["gender"] == "M" else "女性",
                R.choice(["内科", "小児科", "整形外科", "皮膚科"]),
                R.choice(
                    [
                        "急性上気道炎",
                        "高血圧症",
                        "腰痛症",
                        "アトピー性皮膚炎",
                        "胃腸炎",
                        "花粉症",
                        "2型糖尿病",
                    ]
                ),
                R.choice(DISEASES),
                R.choice(DRUGS),
                R.choice(["なし", "なし", "ペニシリン", "卵", "そば", "造影剤"]),
                R.choice(docs),
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def clinic_fukuyaku():
    path = f"{SHARE}/クリニック/服薬管理表.tsv"
    H = ["患者ID", "患者名(カナ)", "処方日", "薬剤名", "用法", "日数", "特記"]
    S = ["NONE?", "PERSON_KANA", "NONE", "SENSITIVE?", "NONE?", "NONE", "SENSITIVE?"]
    rows = []
    for _i in range(200):
        p = person()
        rows.append(
            [
                f"P{R.randint(100000, 999999)}",
                p["kana"],
                f"2024-04-{R.randint(1, 30):02d}",
                R.choice(DRUGS),
                R.choice(["1日1回朝食後", "1日3回毎食後", "就寝前"]),
                R.choice([7, 14, 28, 30]),
                R.choice(["", "", "腎機能低下あり", "認知症のため家族管理", "透析中"]),
            ]
        )
    write_csv(path, H, rows, delim="\t")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def kaigo_sougei():
    path = f"{SHARE}/介護/ひまわりデイサービス/送迎ルート表.xlsx"
    wb = new_wb()
    H = [
        "便",
        "氏名",
        "都道府県",
        "市区町村",
        "番地",
        "建物名",
        "自宅電話",
        "携帯電話",
        "迎え時刻",
        "メモ",
    ]
    S = [
        "NONE",
        "PERSON",
        "ADDRESS?",
        "ADDRESS?",
        "ADDRESS",
        "ADDRESS?",
        "PHONE_NUMBER",
        "PHONE_NUMBER",
        "NONE",
        "NONE?",
    ]
    for sheet in ["月水金", "火木土"]:
        rows = []
        for _i in range(40):
            p = person()
            a = addr(local=True, style="hyphen")
            rows.append(
                [
                    R.choice(["1便", "2便", "3便"]),
                    p["name"],
                    a["pref"],
                    a["city"],
                    a["town"] + a["banchi"],
                    a["bld"],
                    landline(a["pref"]) if R.random() < 0.8 else "",
                    mobile() + R.choice(["", "", "（長女）", " ※日中のみ"]),
                    f"{R.choice([8, 9])}:{R.choice(['00', '15', '30', '45'])}",
                    R.choice(["", "", "玄関前で待機", "車いす", "インターホン故障"]),
                ]
            )
        xlsx_sheet(
            wb, sheet, H, rows, header_row=2, titles=[f"送迎ルート表（{sheet}）"], merge_title=True
        )
        add_truth(path, sheet, H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def juku_seito():
    path = f"{SHARE}/学習塾/生徒台帳_2024.xlsx"
    wb = new_wb()
    H = [
        "生徒番号",
        "姓",
        "名",
        "セイ",
        "メイ",
        "学年",
        "在籍校",
        "保護者氏名",
        "保護者携帯",
        "メールアドレス",
        "郵便番号",
        "住所",
        "入塾日",
        "コース",
    ]
    S = [
        "STUDENT_ID",
        "PERSON",
        "PERSON",
        "PERSON_KANA",
        "PERSON_KANA",
        "NONE?",
        "NONE?",
        "PERSON",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "POSTAL_CODE",
        "ADDRESS",
        "NONE",
        "NONE",
    ]
    rows = []
    for i in range(180):
        p = person()
        a = addr()
        par = person()
        par["sei"], par["seikana"] = p["sei"], p["seikana"]
        g = R.choice(["小5", "小6", "中1", "中2", "中3", "高1", "高2", "高3"])
        school = F.city().rstrip("市区町村") + R.choice(
            ["第一中学校", "中学校", "小学校", "高等学校"]
        )
        rows.append(
            [
                f"S{24000 + i:05d}",
                p["sei"],
                p["mei"],
                p["seikana"],
                p["meikana"],
                g,
                school,
                f"{par['sei']} {par['mei']}",
                mobile(),
                email(par),
                a["zip"],
                a["full"],
                dt.date(2024, R.randint(1, 5), R.randint(1, 28)),
                R.choice(["個別指導", "集団 難関高校", "集団 公立高校", "映像授業"]),
            ]
        )
    xlsx_sheet(
        wb,
        "在籍生",
        H,
        rows,
        header_row=4,
        titles=["明成ゼミナール 石神井校", "生徒台帳", "最終更新: 2024/06/01 教室長"],
        date_cols=(12,),
    )
    add_truth(path, "在籍生", H, S)
    # second sheet: 退塾者 with fewer columns
    H2 = ["生徒番号", "氏名", "学年", "退塾日", "退塾理由"]
    S2 = ["STUDENT_ID", "PERSON", "NONE?", "NONE", "NONE?"]
    rows2 = []
    for i in range(25):
        p = person()
        rows2.append(
            [
                f"S{23000 + i:05d}",
                p["name"],
                R.choice(["中3", "高3", "中2"]),
                dt.date(2024, R.randint(1, 5), 28),
                R.choice(["受験終了", "部活動多忙", "転居", "他塾へ"]),
            ]
        )
    xlsx_sheet(wb, "退塾者", H2, rows2, date_cols=(3,))
    add_truth(path, "退塾者", H2, S2)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def juku_moshi():
    path = f"{SHARE}/学習塾/模試結果_第2回_中3.csv"
    H = [
        "受験番号",
        "氏名",
        "学年",
        "国語",
        "数学",
        "英語",
        "理科",
        "社会",
        "5科合計",
        "偏差値",
        "第一志望校",
        "判定",
    ]
    S = [
        "STUDENT_ID?",
        "PERSON",
        "NONE?",
        "GRADE",
        "GRADE",
        "GRADE",
        "GRADE",
        "GRADE",
        "GRADE",
        "GRADE",
        "NONE",
        "GRADE",
    ]
    rows = []
    for i in range(150):
        p = person()
        sc = [R.randint(30, 100) for _ in range(5)]
        rows.append(
            [
                f"{2401001 + i}",
                p["name"],
                "中3",
                *sc,
                sum(sc),
                round(R.gauss(52, 9), 1),
                R.choice(HIGHSCH),
                R.choice("ABCDE"),
            ]
        )
    write_csv(path, H, rows, enc="utf-8-sig")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def juku_koushu():
    path = f"{SHARE}/学習塾/夏期講習申込一覧.csv"
    H = ["申込No", "生徒氏名", "ふりがな", "学年", "学校", "保護者名", "連絡先", "受講講座", "備考"]
    S = [
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "NONE?",
        "NONE?",
        "PERSON",
        "PHONE_NUMBER",
        "NONE",
        "NONE?",
    ]
    rows = []
    for i in range(90):
        p = person()
        par = person()
        rows.append(
            [
                i + 1,
                p["name"],
                p["hira"],
                R.choice(["中１", "中２", "中３", "小６"]),
                F.city().rstrip("市区町村") + "中",
                p["sei"] + " " + par["mei"],
                fw(mobile()) if R.random() < 0.5 else mobile(),
                R.choice(["数学強化", "英語長文", "理社総復習", "入試対策"]),
                R.choice(["", "", "兄弟割引", "8/13-15お盆休み"]),
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def pta_yakuin():
    path = f"{SHARE}/PTA/令和6年度_役員名簿.xlsx"
    wb = new_wb()
    H = ["役職", "氏名", "児童名", "学年", "組", "電話番号", "メールアドレス", "住所"]
    S = ["NONE", "PERSON", "PERSON", "NONE?", "NONE", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS"]
    rows = []
    for r in [
        "会長",
        "副会長",
        "副会長",
        "書記",
        "書記",
        "会計",
        "会計",
        "会計監査",
        "広報委員長",
        "校外委員長",
        "学年委員長",
        "学年委員",
        "学年委員",
        "学年委員",
        "学年委員",
        "成人教育委員長",
    ]:
        p = person()
        c = person()
        a = addr(local=True)
        rows.append(
            [
                r,
                p["name"],
                p["sei"] + c["mei"],
                f"{R.randint(1, 6)}年",
                f"{R.randint(1, 4)}組",
                fw(mobile()) if R.random() < 0.6 else landline(),
                email(p),
                a["nopref"],
            ]
        )
    xlsx_sheet(
        wb,
        "役員",
        H,
        rows,
        header_row=3,
        titles=[
            "練馬区立〇〇小学校PTA 令和6年度 役員名簿",
            "※本名簿は役員間の連絡以外に使用しないでください",
        ],
    )
    add_truth(path, "役員", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def pta_kaihi():
    path = f"{SHARE}/PTA/会費納入状況_R6.csv"
    H = [
        "学年",
        "クラス",
        "出席番号",
        "児童氏名",
        "保護者氏名",
        "納入日",
        "金額",
        "納入方法",
        "備考",
    ]
    S = ["NONE?", "NONE", "NONE", "PERSON", "PERSON", "NONE", "NONE", "NONE", "NONE?"]
    rows = []
    for g in range(1, 7):
        for c in range(1, 3):
            for n in range(1, 16):
                p = person()
                par = person()
                paid = R.random() < 0.85
                rows.append(
                    [
                        f"{g}年",
                        f"{c}組",
                        n,
                        p["name"],
                        p["sei"] + " " + par["mei"],
                        f"2024/{R.randint(4, 6)}/{R.randint(1, 28)}" if paid else "",
                        3600 if paid else 0,
                        R.choice(["口座振替", "現金"]) if paid else "",
                        "" if paid else R.choice(["督促済", "兄弟在籍のため免除", "未納"]),
                    ]
                )
    write_csv(path, H, rows, enc="utf-8-sig")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def pta_renrakumou():
    path = f"{SHARE}/PTA/緊急連絡網_3年2組.txt"
    lines = [
        "3年2組 緊急連絡網（令和6年度）",
        "※連絡は矢印の順に回してください。不在の場合は次の方へ。",
        "",
    ]
    for i in range(1, 26):
        p = person()
        c = person()
        ph = R.choice([landline(), mobile(), fw(mobile())])
        lines.append(
            f"{i:2d}. {p['sei']}{c['mei']}（保護者：{p['name']}） TEL {ph}"
            + (" → 次へ" if i < 25 else "")
        )
    lines += ["", "担任：" + person()["name"] + "　学校代表 03-3990-1234"]
    write_text(path, "\n".join(lines) + "\n")
    add_text_truth(path, ["PERSON", "PHONE_NUMBER"])
    FILES.append((rel(path), "either", "text"))


def pta_gijiroku():
    path = f"{SHARE}/PTA/第3回運営委員会議事録.docx"
    ps = [person() for _ in range(8)]
    paras = [
        "日時：令和6年6月8日（土）10:00〜11:30　場所：〇〇小学校 会議室",
        f"出席者：{ps[0]['name']}会長、{ps[1]['sei']}副会長、{ps[2]['sei']}書記、{ps[3]['sei']}会計、ほか委員12名",
        f"1. 会長挨拶　{ps[0]['sei']}会長より、運動会へのご協力に対するお礼があった。",
        f"2. 会計報告　{ps[3]['name']}さんより、会費納入率は87％との報告。"
        f"未納世帯については{ps[4]['sei']}さんが個別に連絡する。",
        f"3. 校外委員会　通学路の危険箇所について、{ps[5]['name']}様（3年保護者）から、"
        "練馬区石神井町3丁目の交差点に信号設置の要望が出ている。"
        f"区役所土木部への要望書は{ps[6]['sei']}さんが取りまとめる。",
        f"4. その他　{ps[7]['name']}様のご家庭が転居されるため、学年委員の補充が必要。"
        f"連絡先は{mobile()}まで。",
        "次回：7月13日（土）10:00〜",
    ]
    write_docx(path, "第3回 PTA運営委員会 議事録", paras)
    add_text_truth(path, ["PERSON", "PHONE_NUMBER", "ADDRESS?"])
    FILES.append((rel(path), "no", "text"))


def hr_jinji():
    path = f"{SHARE}/人事部/人事台帳_2024.xlsx"
    wb = new_wb()
    H = [
        "社員番号",
        "氏名",
        "ふりがな",
        "性別",
        "生年月日",
        "入社年月日",
        "所属",
        "役職",
        "扶養家族",
        "配偶者",
        "給与振込口座",
        "郵便番号",
        "現住所",
        "電話番号",
        "社用携帯",
    ]
    S = [
        "EMPLOYEE_ID",
        "PERSON",
        "PERSON_KANA",
        "GENDER",
        "DATE_OF_BIRTH",
        "NONE",
        "NONE",
        "NONE",
        "NONE?",
        "NONE?",
        "NONE?",
        "POSTAL_CODE",
        "ADDRESS",
        "PHONE_NUMBER",
        "PHONE_NUMBER?",
    ]
    for sheet, n in [("在籍者", 220), ("退職者", 35)]:
        rows = []
        for _i in range(n):
            p = person()
            a = addr()
            d = dob(22, 64)
            rows.append(
                [
                    f"{R.randint(10, 24):02d}{R.randint(1, 999):04d}",
                    p["name"],
                    p["hira"],
                    "男" if p["gender"] == "M" else "女",
                    d8(d),
                    dt.date(R.randint(1985, 2024), 4, 1),
                    R.choice(DEPTS),
                    R.choice(TITLES),
                    R.choice([0, 0, 1, 2, 3]),
                    R.choice(["有", "無"]),
                    f"{R.choice(BANKS)} 普通 {R.randint(1000000, 9999999)}",
                    a["zip"],
                    a["full"],
                    landline(a["pref"]) if R.random() < 0.3 else mobile(),
                    f"080-{R.randint(1000, 9999)}-{R.randint(0, 9999):04d}"
                    f"（内線{R.randint(200, 899)}）",
                ]
            )
        xlsx_sheet(
            wb,
            sheet,
            H,
            rows,
            header_row=2,
            titles=[f"人事台帳（{sheet}）　人事部 作成"],
            date_cols=(5,),
            date_fmt="yyyy年m月d日",
        )
        add_truth(path, sheet, H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def hr_nencho():
    path = f"{SHARE}/人事部/年末調整/令和5年分_扶養控除等申告書_集計.xlsx"
    wb = new_wb()
    H = [
        "社員番号",
        "氏名",
        "フリガナ",
        "生年月日",
        "個人番号",
        "配偶者氏名",
        "配偶者個人番号",
        "扶養親族1 氏名",
        "扶養親族1 続柄",
        "扶養親族1 生年月日",
        "扶養親族1 個人番号",
        "障害者区分",
    ]
    S = [
        "EMPLOYEE_ID",
        "PERSON",
        "PERSON_KANA",
        "DATE_OF_BIRTH",
        "MY_NUMBER",
        "PERSON",
        "MY_NUMBER",
        "PERSON",
        "NONE",
        "DATE_OF_BIRTH",
        "MY_NUMBER",
        "SENSITIVE?",
    ]
    rows = []
    for _i in range(150):
        p = person()
        sp = person()
        ch = person()
        has_sp = R.random() < 0.6
        has_ch = R.random() < 0.55
        cd = dob(0, 22)
        rows.append(
            [
                f"{R.randint(10, 24):02d}{R.randint(1, 999):04d}",
                p["name"],
                p["kana"],
                wareki(dob(22, 64), "short"),
                mynumber(),
                (p["sei"] + " " + sp["mei"]) if has_sp else "",
                mynumber() if has_sp else "",
                (p["sei"] + " " + ch["mei"]) if has_ch else "",
                R.choice(["長男", "長女", "次男"]) if has_ch else "",
                wareki(cd, "short") if has_ch else "",
                mynumber() if has_ch else "",
                R.choice(["", "", "", "", "", "一般障害者", "特別障害者"]),
            ]
        )
    xlsx_sheet(
        wb,
        "扶養控除",
        H,
        rows,
        header_row=5,
        titles=[
            "令和5年分 給与所得者の扶養控除等（異動）申告書 集計",
            "株式会社サンプル工業 人事部",
            "【特定個人情報】アクセス権限者以外閲覧禁止",
            "",
        ],
    )
    add_truth(path, "扶養控除", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def hr_english():
    path = f"{SHARE}/人事部/employee_list_export.csv"
    H = [
        "EmployeeNo",
        "FullName",
        "NameKana",
        "Department",
        "JobTitle",
        "Email",
        "Phone",
        "BirthDate",
        "HireDate",
        "Gender",
    ]
    S = [
        "EMPLOYEE_ID",
        "PERSON",
        "PERSON_KANA",
        "NONE",
        "NONE",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "DATE_OF_BIRTH",
        "NONE",
        "GENDER",
    ]
    rows = []
    for _i in range(200):
        p = person()
        d = dob(22, 64)
        rows.append(
            [
                f"E{R.randint(10000, 99999)}",
                p["name"],
                p["kana"],
                R.choice(DEPTS),
                R.choice(TITLES),
                f"{p['seir'].lower()}.{p['meir'].lower()}@sample-kogyo.co.jp",
                mobile(),
                d.isoformat(),
                dt.date(R.randint(1990, 2024), 4, 1).isoformat(),
                "M" if p["gender"] == "M" else "F",
            ]
        )
    write_csv(path, H, rows)
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def hr_naisen():
    path = f"{SHARE}/総務部/内線番号表.csv"
    H = ["部署", "氏名", "内線", "直通", "席番"]
    S = ["NONE", "PERSON", "PHONE_NUMBER?", "PHONE_NUMBER?", "NONE"]
    rows = []
    for _i in range(120):
        p = person()
        rows.append(
            [
                R.choice(DEPTS),
                p["name"],
                R.randint(2000, 2999),
                f"03-5{R.randint(100, 999)}-{R.randint(0, 9999):04d}" if R.random() < 0.3 else "",
                f"{R.choice('ABCD')}-{R.randint(1, 40)}",
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def hr_kenshin():
    path = f"{SHARE}/人事部/健康管理/定期健康診断結果_2024.xlsx"
    wb = new_wb()
    H = [
        "社員番号",
        "氏名",
        "年齢",
        "性別",
        "身長",
        "体重",
        "BMI",
        "血圧(上)",
        "血圧(下)",
        "HbA1c",
        "所見",
        "総合判定",
        "産業医コメント",
    ]
    S = [
        "EMPLOYEE_ID",
        "PERSON",
        "NONE",
        "GENDER",
        "NONE?",
        "NONE?",
        "NONE?",
        "NONE?",
        "NONE?",
        "NONE?",
        "SENSITIVE",
        "SENSITIVE?",
        "SENSITIVE?",
    ]
    rows = []
    for _i in range(160):
        p = person()
        h = R.randint(150, 185)
        w = R.randint(45, 95)
        rows.append(
            [
                f"{R.randint(10, 24):02d}{R.randint(1, 999):04d}",
                p["name"],
                R.randint(22, 64),
                "男" if p["gender"] == "M" else "女",
                h,
                w,
                round(w / (h / 100) ** 2, 1),
                R.randint(100, 170),
                R.randint(60, 105),
                round(R.uniform(4.8, 8.5), 1),
                R.choice(
                    [
                        "異常なし",
                        "脂質異常",
                        "肝機能障害",
                        "高血圧",
                        "心電図異常（右脚ブロック）",
                        "尿糖陽性",
                        "貧血",
                    ]
                ),
                R.choice(["A", "B", "C", "D", "E"]),
                R.choice(["", "", "要精密検査", "経過観察", "治療継続", "就業制限なし"]),
            ]
        )
    xlsx_sheet(wb, "結果一覧", H, rows, header_row=1)
    add_truth(path, "結果一覧", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def hr_mendan():
    path = f"{SHARE}/人事部/健康管理/面談記録_2024-05.txt"
    p = person()
    q = person()
    a = addr()
    text = f"""面談記録（産業医面談）
実施日：2024年5月21日
対象者：営業第二部 {p["name"]}さん（社員番号 {R.randint(100000, 240999)}）
面談者：産業医 {q["sei"]}、人事部 {person()["name"]}

本人より、3月頃から不眠と食欲低下があり、4月に心療内科を受診してうつ病と診断されたとの申告あり。
現在、抗うつ薬を服用中。主治医の意見書では2か月の休業が望ましいとのこと。
休業中の連絡先は本人携帯 {mobile()}、\
緊急時は配偶者（{p["sei"]} {person()["mei"]}さん、{mobile()}）。
休業中の住所は実家（{a["full"]}）となる予定。
"""
    write_text(path, text, enc="cp932")
    add_text_truth(path, ["PERSON", "PHONE_NUMBER", "ADDRESS", "SENSITIVE", "EMPLOYEE_ID?"])
    FILES.append((rel(path), "no", "text"))


def npo_kaiin():
    path = f"{SHARE}/NPO法人みどりの会/会員名簿_2024.csv"
    H = [
        "会員番号",
        "会員種別",
        "氏名",
        "フリガナ",
        "〒",
        "住所1",
        "住所2",
        "TEL",
        "FAX",
        "E-mail",
        "入会日",
        "年会費",
    ]
    S = [
        "NONE?",
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "POSTAL_CODE",
        "ADDRESS",
        "ADDRESS?",
        "PHONE_NUMBER",
        "PHONE_NUMBER?",
        "EMAIL_ADDRESS",
        "NONE",
        "NONE",
    ]
    rows = []
    for i in range(260):
        p = person()
        a = addr()
        tel = landline(a["pref"])
        rows.append(
            [
                f"{i + 1:04d}",
                R.choice(["正会員", "正会員", "賛助会員", "学生会員"]),
                p["name"],
                p["kana"],
                "〒" + a["zip"] if R.random() < 0.5 else a["zip"],
                a["pref"] + a["city"] + a["town"] + a["banchi"],
                a["bld"],
                tel,
                tel if R.random() < 0.3 else "",
                email(p) if R.random() < 0.8 else "",
                f"{R.randint(2005, 2024)}/{R.randint(1, 12)}/{R.randint(1, 28)}",
                R.choice([3000, 3000, 10000, 1000]),
            ]
        )
    write_csv(path, H, rows, enc="utf-8")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def npo_kifu():
    path = f"{SHARE}/NPO法人みどりの会/寄付者一覧_2023年度.xlsx"
    wb = new_wb()
    H = ["受付日", "寄付者名", "区分", "金額", "領収書送付先", "お礼状", "芳名録掲載"]
    S = ["NONE", "PERSON", "NONE", "NONE", "ADDRESS", "NONE", "NONE"]
    rows = []
    for _i in range(140):
        a = addr()
        if R.random() < 0.2:
            nm, kb = F.company(), "法人"
        else:
            nm, kb = person()["name"] + R.choice(["", "", " 様"]), "個人"
        rows.append(
            [
                dt.date(2023, R.randint(4, 12), R.randint(1, 28)),
                nm,
                kb,
                R.choice([1000, 3000, 5000, 10000, 30000, 100000]),
                a["full"],
                R.choice(["済", "未"]),
                R.choice(["可", "不可", "匿名希望"]),
            ]
        )
    xlsx_sheet(wb, "寄付者", H, rows, header_row=2, titles=["2023年度 寄付者一覧"], date_cols=(0,))
    add_truth(path, "寄付者", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def univ_shutsugan():
    path = f"{SHARE}/大学/入試課/2025年度_一般選抜_出願者一覧.xlsx"
    wb = new_wb()
    H = [
        "受験番号",
        "氏名",
        "カナ氏名",
        "性別",
        "生年月日",
        "志望学科",
        "出身高校",
        "卒業年",
        "郵便番号",
        "住所",
        "電話番号",
        "入試区分",
        "評定平均",
        "併願",
    ]
    S = [
        "STUDENT_ID?",
        "PERSON",
        "PERSON_KANA",
        "GENDER",
        "DATE_OF_BIRTH",
        "NONE",
        "NONE",
        "NONE",
        "POSTAL_CODE",
        "ADDRESS",
        "PHONE_NUMBER",
        "NONE",
        "GRADE",
        "NONE",
    ]
    for sheet in ["A日程", "B日程"]:
        rows = []
        for _i in range(200):
            p = person()
            a = addr()
            d = dt.date(2006, 4, 2) + dt.timedelta(days=R.randint(0, 364 + 365))
            rows.append(
                [
                    f"{'A' if sheet == 'A日程' else 'B'}{R.randint(10000, 59999)}",
                    p["name"],
                    p["kana"],
                    "男" if p["gender"] == "M" else "女",
                    d,
                    R.choice(GAKKA),
                    R.choice(HIGHSCH),
                    R.choice(["2025年3月卒業見込", "2024年3月卒業"]),
                    a["zip"],
                    a["full"],
                    mobile(),
                    R.choice(["一般選抜", "共通テスト利用", "全学部統一"]),
                    round(R.uniform(3.0, 5.0), 1),
                    R.choice(["有", "無"]),
                ]
            )
        xlsx_sheet(wb, sheet, H, rows, header_row=1, date_cols=(4,))
        add_truth(path, sheet, H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def univ_shogakukin():
    path = f"{SHARE}/大学/学生支援課/奨学金申請者_2024前期.csv"
    H = [
        "学籍番号",
        "氏名",
        "学部",
        "学年",
        "GPA",
        "世帯人数",
        "世帯年収(万円)",
        "家計急変",
        "申請理由",
    ]
    S = ["STUDENT_ID", "PERSON", "NONE", "NONE?", "GRADE", "NONE", "NONE?", "NONE?", "SENSITIVE?"]
    reasons = [
        "父の失職により家計が急変したため",
        "母子家庭で弟妹が2人おり学費の負担が大きい",
        "父が脳梗塞で入院し収入が途絶えたため",
        "自身に持病（1型糖尿病）があり医療費がかさむ",
        "アルバイト収入のみで生活しているため",
        "実家が令和6年能登半島地震で被災したため",
    ]
    rows = []
    for _i in range(120):
        p = person()
        rows.append(
            [
                f"{R.choice([21, 22, 23, 24])}{R.choice(['L', 'E', 'T', 'N'])}"
                f"{R.randint(1000, 9999)}",
                p["name"],
                R.choice(GAKKA)[:3],
                f"{R.randint(1, 4)}年",
                round(R.uniform(1.8, 3.9), 2),
                R.randint(2, 6),
                R.randint(150, 600),
                R.choice(["該当", "非該当"]),
                R.choice(reasons),
            ]
        )
    write_csv(path, H, rows, enc="utf-8-sig")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def univ_romaji():
    path = f"{SHARE}/大学/入試課/web_shutsugan_export.csv"
    H = [
        "juken_no",
        "shimei",
        "furigana",
        "seinengappi",
        "seibetsu",
        "yubin",
        "jusho",
        "denwa",
        "mail",
        "shibo",
    ]
    S = [
        "STUDENT_ID?",
        "PERSON",
        "PERSON_KANA",
        "DATE_OF_BIRTH",
        "GENDER",
        "POSTAL_CODE",
        "ADDRESS",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "NONE",
    ]
    rows = []
    for i in range(150):
        p = person()
        a = addr()
        d = dt.date(2006, 4, 2) + dt.timedelta(days=R.randint(0, 364))
        rows.append(
            [
                f"{250000 + i}",
                p["name"],
                p["hira"],
                d.strftime("%Y%m%d"),
                R.choice(["1", "2"]),
                a["zip"].replace("-", ""),
                a["full"],
                mobile().replace("-", ""),
                email(p),
                R.choice(GAKKA),
            ]
        )
    write_csv(path, H, rows)
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def city_soudan():
    path = f"{SHARE}/市役所/市民相談室/住民相談記録_R6.xlsx"
    wb = new_wb()
    H = [
        "受付番号",
        "受付日",
        "相談者氏名",
        "年齢",
        "住所",
        "連絡先",
        "相談区分",
        "相談内容",
        "対応者",
        "対応状況",
    ]
    S = [
        "NONE",
        "NONE",
        "PERSON",
        "NONE",
        "ADDRESS",
        "PHONE_NUMBER",
        "NONE",
        "SENSITIVE?",
        "PERSON?",
        "NONE",
    ]
    contents = [
        "隣家の騒音について。夜間に大声がするとのこと。",
        "生活保護の申請について相談。持病の心臓病で就労困難。",
        "介護保険の認定申請の方法について。母が認知症の診断を受けた。",
        "道路の陥没（自宅前）の補修依頼。",
        "DV被害の相談。配偶者から暴力を受けており一時避難を希望。",
        "ごみ集積所の位置について近隣とトラブル。",
        "障害者手帳（精神2級）の更新手続きについて。",
        "空き家の草木が越境している件。",
    ]
    rows = []
    for i in range(110):
        p = person()
        a = addr(local=True)
        rows.append(
            [
                f"R6-{i + 1:04d}",
                dt.date(2024, R.randint(4, 6), R.randint(1, 28)),
                p["name"],
                R.randint(19, 92),
                a["nopref"],
                R.choice([landline(), mobile(), mobile() + "（日中）"]),
                R.choice(["生活", "福祉", "環境", "道路", "近隣"]),
                R.choice(contents),
                R.choice(["市民相談室 " + F.last_name(), F.last_name()]),
                R.choice(["完了", "継続", "担当課へ引継"]),
            ]
        )
    xlsx_sheet(wb, "相談記録", H, rows, header_row=1, date_cols=(1,))
    add_truth(path, "相談記録", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def city_hinanjo():
    path = f"{SHARE}/市役所/防災課/避難所名簿_第二小学校.csv"
    H = [
        "世帯番号",
        "氏名",
        "ふりがな",
        "年齢",
        "性別",
        "住所",
        "連絡先",
        "要配慮事項",
        "入所日時",
        "退所日時",
    ]
    S = [
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "NONE",
        "GENDER",
        "ADDRESS",
        "PHONE_NUMBER",
        "SENSITIVE",
        "NONE",
        "NONE",
    ]
    rows = []
    for h in range(1, 70):
        a = addr(local=True)
        base = person()
        ph = mobile()
        for _k in range(R.randint(1, 4)):
            p = person()
            p["sei"] = base["sei"]
            rows.append(
                [
                    h,
                    f"{base['sei']} {p['mei']}",
                    kata2hira(f"{base['seikana']} {p['meikana']}"),
                    R.randint(0, 95),
                    R.choice(["男", "女"]),
                    a["nopref"],
                    ph,
                    R.choice(
                        [
                            "",
                            "",
                            "",
                            "車いす使用",
                            "人工透析（週3回）",
                            "妊娠中",
                            "食物アレルギー（小麦）",
                            "インスリン注射",
                            "視覚障害",
                            "認知症あり",
                        ]
                    ),
                    f"2024/01/0{R.randint(1, 3)} {R.randint(10, 23)}:{R.randint(0, 59):02d}",
                    "",
                ]
            )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def city_tachiainin():
    path = f"{SHARE}/市役所/選挙管理委員会/投票立会人名簿_参院選.xlsx"
    wb = new_wb()
    H = [
        "投票区",
        "投票所",
        "氏名",
        "ふりがな",
        "生年月日",
        "住所",
        "電話番号",
        "推薦団体",
        "従事時間",
    ]
    S = [
        "NONE",
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "DATE_OF_BIRTH",
        "ADDRESS",
        "PHONE_NUMBER",
        "SENSITIVE?",
        "NONE",
    ]
    rows = []
    for i in range(60):
        p = person()
        a = addr(local=True)
        d = dob(25, 80)
        rows.append(
            [
                f"第{i // 2 + 1}投票区",
                f"{F.town()}地区区民館",
                p["name"],
                p["hira"],
                wareki(d),
                a["full"],
                landline() if R.random() < 0.5 else mobile(),
                R.choice(
                    ["自由民主党", "立憲民主党", "公明党", "日本共産党", "町会推薦", "町会推薦"]
                ),
                R.choice(["7:00-13:00", "13:00-20:00", "終日"]),
            ]
        )
    xlsx_sheet(
        wb,
        "立会人",
        H,
        rows,
        header_row=3,
        titles=["令和4年7月10日執行 参議院議員通常選挙", "投票立会人名簿"],
    )
    add_truth(path, "立会人", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def city_text():
    path = f"{SHARE}/市役所/市民相談室/相談メモ_20240611.txt"
    p = person()
    a = addr(local=True)
    q = person()
    text = f"""【電話相談メモ】2024年6月11日 14:20受付（受付：{q["sei"]}）
相談者：{p["name"]}さん（72歳・男性）、{a["full"]}在住。
電話番号 {landline()}（日中はご家族の携帯 {mobile()} へ）。
内容：妻が先月から寝たきりになり、訪問介護を利用したい。本人も狭心症で通院中のため介護負担が大きい。
対応：地域包括支援センター（石神井）を案内。担当の{person()["name"]}さんに情報共有済み。折り返し連絡予定。
"""
    write_text(path, text)
    add_text_truth(path, ["PERSON", "ADDRESS", "PHONE_NUMBER", "SENSITIVE"])
    FILES.append((rel(path), "no", "text"))
    path = f"{SHARE}/市役所/高齢福祉課/相談記録_個別ケース.docx"
    p = person()
    a = addr(local=True)
    paras = [
        f"ケース番号 2024-0387　記録者：{person()['name']}",
        f"対象者：{p['name']}様（昭和{R.randint(10, 25)}年生まれ）。{a['full']}に独居。",
        f"6月3日、民生委員の{person()['sei']}さんより、新聞が溜まっているとの連絡あり。訪問したところ本人在宅。"
        "軽度の認知症の疑いがあり、服薬管理ができていない様子（降圧剤の飲み忘れ）。",
        f"長女（{p['sei']} {person('F')['mei']}さん、千葉県船橋市在住、{mobile()}）に連絡し、"
        "介護認定申請について説明した。",
        "次回訪問予定：6月17日",
    ]
    write_docx(path, "個別相談記録", paras)
    add_text_truth(path, ["PERSON", "ADDRESS", "PHONE_NUMBER", "SENSITIVE"])
    FILES.append((rel(path), "no", "text"))


def event_google():
    path = f"{SHARE}/イベント/親子料理教室_申込（回答）.csv"
    H = [
        "タイムスタンプ",
        "メールアドレス",
        "お名前（フルネーム）を入力してください",
        "ふりがな（ひらがなでご記入ください）",
        "当日連絡のつく電話番号（ハイフンなしで入力）",
        "ご住所（都道府県からご記入ください）",
        "参加されるお子さまの学年を選択してください",
        "食物アレルギーがある場合はご記入ください",
        "このイベントを何で知りましたか？",
        "ご質問・ご要望などあればご自由にお書きください",
    ]
    S = [
        "NONE",
        "EMAIL_ADDRESS",
        "PERSON",
        "PERSON_KANA",
        "PHONE_NUMBER",
        "ADDRESS",
        "NONE?",
        "SENSITIVE?",
        "NONE",
        "NONE?",
    ]
    rows = []
    for _i in range(130):
        p = person()
        a = addr()
        ts = dt.datetime(2024, 5, 1, 9) + dt.timedelta(minutes=R.randint(0, 60 * 24 * 20))
        rows.append(
            [
                ts.strftime("%Y/%m/%d %-H:%M:%S"),
                email(p),
                p["name"],
                p["hira"],
                mobile().replace("-", ""),
                a["full"],
                R.choice(["小学1年生", "小学2年生", "小学3年生", "小学4年生", "未就学"]),
                R.choice(["", "", "", "なし", "卵", "乳・小麦", "えび・かに"]),
                R.choice(["区報", "Instagram", "友人の紹介", "学校のお便り"]),
                R.choice(["", "", "駐車場はありますか？", "兄弟で参加したいです"]),
            ]
        )
    write_csv(path, H, rows, enc="utf-8")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def event_msforms():
    path = f"{SHARE}/イベント/地域清掃ボランティア募集(1-95).xlsx"
    wb = new_wb()
    H = [
        "ID",
        "開始時刻",
        "完了時刻",
        "メール",
        "名前",
        "最終変更時刻",
        "お名前を教えてください",
        "フリガナを入力してください",
        "年代を選択してください",
        "郵便番号を入力してください",
        "携帯電話番号を入力してください",
        "参加可能な日を選択してください",
    ]
    S = [
        "NONE",
        "NONE",
        "NONE",
        "NONE?",
        "NONE?",
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "NONE",
        "POSTAL_CODE",
        "PHONE_NUMBER",
        "NONE",
    ]
    rows = []
    for i in range(95):
        p = person()
        a = addr()
        t = dt.datetime(2024, 4, 1) + dt.timedelta(minutes=R.randint(0, 60 * 24 * 30))
        rows.append(
            [
                i + 1,
                t,
                t + dt.timedelta(minutes=R.randint(1, 6)),
                "anonymous",
                "",
                "",
                p["name"],
                p["kana"],
                R.choice(["10代", "20代", "30代", "40代", "50代", "60代以上"]),
                a["zip"].replace("-", ""),
                mobile(),
                R.choice(["5/12(日)", "5/19(日)", "5/12(日);5/19(日);"]),
            ]
        )
    xlsx_sheet(wb, "Sheet1", H, rows, date_cols=(1, 2), date_fmt="m/d/yy h:mm")
    add_truth(path, "Sheet1", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def event_seminar():
    path = f"{SHARE}/イベント/セミナー参加者名簿.tsv"
    H = ["No.", "会社名", "部署", "役職", "ご芳名", "フリガナ", "E-Mail", "TEL(内線)", "出欠"]
    S = [
        "NONE",
        "NONE",
        "NONE",
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "NONE",
    ]
    rows = []
    for i in range(80):
        p = person()
        rows.append(
            [
                i + 1,
                F.company(),
                R.choice(DEPTS),
                R.choice(TITLES),
                p["name"],
                p["kana"],
                f"{p['seir'].lower()}@{R.choice(['abc-corp', 'xyz-sangyo', 'sample-tech'])}.co.jp",
                f"03-{R.randint(3000, 6999)}-{R.randint(0, 9999):04d}"
                + R.choice(["", "（内線1234）", " 内線:56", " ext.301"]),
                R.choice(["出席", "欠席", ""]),
            ]
        )
    write_csv(path, H, rows, enc="utf-8-sig", delim="\t")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def event_mail_text():
    path = f"{SHARE}/イベント/問い合わせ転送メール.txt"
    p = person()
    a = addr()
    text = f"""件名: Fw: 料理教室のキャンセルについて
From: {email(p)}
To: event-info@example.lg.jp

ご担当者様

5月25日の親子料理教室に申し込んだ{p["name"]}です。
子どもが発熱したため、キャンセルさせてください。
次回の開催があればまた参加したいので、〒{a["zip"]} {a["full"]} 宛に\
ご案内をお送りいただけますと幸いです。
連絡先：{mobile()}

{p["name"]}
"""
    write_text(path, text)
    add_text_truth(path, ["PERSON", "EMAIL_ADDRESS", "ADDRESS", "PHONE_NUMBER", "POSTAL_CODE?"])
    FILES.append((rel(path), "no", "text"))


def shop_orders():
    path = f"{SHARE}/ネットショップ/受注データ_202405.csv"
    H = [
        "注文番号",
        "注文日時",
        "注文者名",
        "注文者名カナ",
        "注文者メールアドレス",
        "注文者電話番号",
        "お届け先名",
        "お届け先郵便番号",
        "お届け先住所",
        "配送先電話番号",
        "商品コード",
        "商品名",
        "数量",
        "小計",
        "支払方法",
        "ギフト",
    ]
    S = [
        "NONE",
        "NONE",
        "PERSON",
        "PERSON_KANA",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "PERSON",
        "POSTAL_CODE",
        "ADDRESS",
        "PHONE_NUMBER",
        "NONE",
        "NONE",
        "NONE",
        "NONE",
        "NONE",
        "NONE",
    ]
    rows = []
    for i in range(300):
        p = person()
        a = addr()
        gift = R.random() < 0.2
        q = person() if gift else p
        b = addr() if gift else a
        rows.append(
            [
                f"ORD-202405-{i + 1:05d}",
                f"2024-05-{R.randint(1, 31):02d} {R.randint(0, 23):02d}:{R.randint(0, 59):02d}",
                p["name"],
                p["kana"],
                email(p),
                mobile(),
                q["name"],
                b["zip"],
                b["full"],
                mobile() if R.random() < 0.7 else landline(b["pref"]),
                f"TK-{R.randint(100, 999)}",
                R.choice(
                    [
                        "静岡深蒸し茶 100g",
                        "抹茶ラテ スティック20本",
                        "ほうじ茶ティーバッグ",
                        "急須セット 有田焼",
                    ]
                ),
                R.randint(1, 4),
                R.choice([1080, 1620, 2160, 5400]),
                R.choice(["クレジットカード", "代金引換", "後払い", "Amazon Pay"]),
                "○" if gift else "",
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def shop_shipping():
    path = f"{SHARE}/ネットショップ/shipping_labels_0601.csv"
    H = [
        "order_id",
        "ship_name",
        "ship_zip",
        "ship_pref",
        "ship_city",
        "ship_addr1",
        "ship_addr2",
        "ship_tel",
        "item_count",
        "carrier",
    ]
    S = [
        "NONE",
        "PERSON",
        "POSTAL_CODE",
        "ADDRESS?",
        "ADDRESS?",
        "ADDRESS",
        "ADDRESS?",
        "PHONE_NUMBER",
        "NONE",
        "NONE",
    ]
    rows = []
    for i in range(200):
        p = person()
        a = addr(style="hyphen")
        rows.append(
            [
                f"#{100230 + i}",
                p["name"] + " 様",
                a["zip"],
                a["pref"],
                a["city"],
                a["town"] + a["banchi"],
                a["bld"],
                mobile(),
                R.randint(1, 5),
                R.choice(["ヤマト運輸", "佐川急便", "日本郵便"]),
            ]
        )
    write_csv(path, H, rows, enc="utf-8")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def hr_fuyou_sheet():
    """family sheet with grouped merged header above, header in row 3"""
    path = f"{SHARE}/人事部/扶養家族一覧.xlsx"
    wb = new_wb()
    H = ["社員番号", "社員氏名", "家族氏名", "続柄", "生年月日", "同居", "健康保険被扶養者"]
    S = ["EMPLOYEE_ID", "PERSON", "PERSON", "NONE", "DATE_OF_BIRTH", "NONE", "NONE"]
    rows = []
    for _i in range(100):
        p = person()
        for _k in range(R.randint(1, 3)):
            f = person()
            rows.append(
                [
                    f"{R.randint(10, 24):02d}{R.randint(1, 999):04d}",
                    p["name"],
                    p["sei"] + f["mei"],
                    R.choice(["妻", "夫", "長男", "長女", "次男", "母"]),
                    d8(dob(0, 80)) if R.random() < 0.5 else dob(0, 80),
                    R.choice(["同居", "別居"]),
                    R.choice(["該当", "非該当"]),
                ]
            )
    xlsx_sheet(
        wb,
        "家族",
        H,
        rows,
        header_row=3,
        titles=["扶養家族一覧"],
        group_header=[("社員", 1, 2), ("家族情報", 3, 7)],
        date_cols=(4,),
    )
    add_truth(path, "家族", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


# ================================================================ hard negatives
def neg_torihiki():
    path = f"{SHARE}/経理部/取引先一覧.xlsx"
    wb = new_wb()
    H = [
        "取引先コード",
        "会社名",
        "代表者役職",
        "資本金(千円)",
        "法人番号",
        "本社所在地",
        "代表電話",
        "取引区分",
        "締日",
    ]
    S = ["NONE", "NONE", "NONE", "NONE", "NONE", "ADDRESS?", "PHONE_NUMBER?", "NONE", "NONE"]
    rows = []
    for i in range(150):
        a = addr()
        rows.append(
            [
                f"T{3000 + i}",
                F.company(),
                R.choice(["代表取締役", "代表取締役社長", "代表理事", "理事長", "代表社員"]),
                R.choice([10000, 30000, 50000, 100000, 3000]),
                houjin(),
                a["pref"] + a["city"] + a["town"] + a["banchi"],
                landline(a["pref"]),
                R.choice(["仕入", "販売", "外注"]),
                R.choice(["末日", "20日", "15日"]),
            ]
        )
    xlsx_sheet(wb, "取引先", H, rows, header_row=2, titles=["取引先マスタ（2024年4月）"])
    add_truth(path, "取引先", H, S)
    save_wb(wb, path)
    FILES.append((rel(path), "no", "neg"))


def neg_byouin():
    path = f"{SHARE}/介護/協力医療機関一覧.csv"
    H = ["医療機関名", "診療科", "所在地", "電話番号", "病床数", "休診日"]
    S = ["NONE", "NONE", "ADDRESS?", "PHONE_NUMBER?", "NONE", "NONE"]
    rows = []
    for _i in range(60):
        a = addr(local=R.random() < 0.6)
        nm = R.choice(
            [
                f"{F.last_name()}内科クリニック",
                f"医療法人社団{F.last_name()}会 {F.town()}病院",
                f"{F.city()}立病院",
                f"{F.last_name()}整形外科医院",
                f"{F.town()}歯科",
                f"{F.last_name()}眼科",
            ]
        )
        rows.append(
            [
                nm,
                R.choice(
                    [
                        "内科・循環器内科",
                        "整形外科・リハビリテーション科",
                        "歯科",
                        "眼科",
                        "精神科・心療内科",
                        "総合",
                    ]
                ),
                a["full"],
                landline(a["pref"]),
                R.choice([0, 0, 19, 120, 350]),
                R.choice(["木・日・祝", "日・祝", "水午後・日"]),
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "no", "neg"))


def neg_jikokuhyo():
    path = f"{SHARE}/総務部/通勤バス時刻表.xlsx"
    wb = new_wb()
    stops = ["石神井公園駅", "石神井庁舎前", "三宝寺池", "上石神井駅", "関町北四丁目", "武蔵関駅"]
    rows = []
    for h in range(6, 23):
        for m in R.sample(range(0, 60, 5), 3):
            t0 = dt.datetime(2024, 1, 1, h, m)
            rows.append(
                [t0.strftime("%H:%M")]
                + [
                    (t0 + dt.timedelta(minutes=4 * k)).strftime("%H:%M")
                    for k in range(1, len(stops))
                ]
            )
    rows.sort()
    xlsx_sheet(
        wb,
        "平日",
        stops,
        rows,
        header_row=3,
        titles=["西武バス 石神井公園駅→武蔵関駅（平日）", "2024年3月16日改正"],
    )
    add_truth(path, "平日", stops, ["NONE"] * len(stops))
    H = ["停留所名", "よみがな", "停留所コード", "所在地"]
    r2 = [
        [s, y, f"B{100 + i}", "東京都練馬区"]
        for i, (s, y) in enumerate(
            zip(
                stops,
                [
                    "しゃくじいこうえんえき",
                    "しゃくじいちょうしゃまえ",
                    "さんぽうじいけ",
                    "かみしゃくじいえき",
                    "せきまちきたよんちょうめ",
                    "むさしせきえき",
                ],
                strict=True,
            )
        )
    ]
    xlsx_sheet(wb, "停留所一覧", H, r2)
    add_truth(path, "停留所一覧", H, ["NONE", "NONE", "NONE", "ADDRESS?"])
    save_wb(wb, path)
    FILES.append((rel(path), "no", "neg"))
    path = f"{SHARE}/総務部/最寄駅時刻表.csv"
    H = ["駅名", "路線", "方面", "時", "分"]
    rows = []
    for h in range(5, 24):
        rows.append(
            [
                "石神井公園",
                "西武池袋線",
                "池袋方面",
                h,
                " ".join(f"{m:02d}" for m in sorted(R.sample(range(60), 6))),
            ]
        )
    write_csv(path, H, rows, enc="utf-8")
    add_truth(path, "", H, ["NONE"] * 5)
    FILES.append((rel(path), "no", "neg"))


def neg_shohin():
    path = f"{SHARE}/ネットショップ/商品マスタ.csv"
    H = [
        "商品コード",
        "商品名",
        "品番",
        "JANコード",
        "税抜価格",
        "税込価格",
        "在庫数",
        "仕入先",
        "産地",
    ]
    S = ["NONE"] * 9
    rows = []
    names = [
        "静岡深蒸し茶",
        "狭山茶",
        "宇治抹茶",
        "八女玉露",
        "知覧茶",
        "ほうじ茶",
        "玄米茶",
        "和紅茶",
        "棒ほうじ茶",
    ]
    for i in range(200):
        n = R.choice(names)
        pr = R.choice([800, 1200, 1500, 2000, 3000])
        rows.append(
            [
                f"TK-{100 + i}",
                f"{n} {R.choice(['100g', '200g', 'ティーバッグ20包', '缶入り80g'])}",
                f"{R.choice('ABCX')}{R.randint(1000, 9999)}-{R.randint(10, 99)}",
                jan(),
                pr,
                int(pr * 1.08),
                R.randint(0, 500),
                F.company(),
                R.choice(["静岡県", "埼玉県", "京都府", "福岡県", "鹿児島県"]),
            ]
        )
    write_csv(path, H, rows, enc="utf-8-sig")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "no", "neg"))


def neg_toukei():
    path = f"{SHARE}/市役所/統計/年齢別人口_令和6年.xlsx"
    wb = new_wb()
    H = ["年齢階級", "男", "女", "計", "構成比(%)"]
    rows = []
    tot = 0
    for a in range(0, 100, 5):
        m, f = R.randint(8000, 16000), R.randint(8000, 16000)
        rows.append([f"{a}～{a + 4}歳", m, f, m + f, 0])
        tot += m + f
    for r in rows:
        r[4] = round(r[3] / tot * 100, 1)
    xlsx_sheet(
        wb,
        "年齢別",
        H,
        rows,
        header_row=4,
        titles=["練馬区 年齢別人口（住民基本台帳）", "令和6年1月1日現在", "単位：人"],
    )
    add_truth(path, "年齢別", H, ["NONE"] * 5)
    H2 = ["町丁名", "世帯数", "人口", "男", "女"]
    rows2 = [
        [
            f"{F.town()}{R.randint(1, 5)}丁目",
            R.randint(500, 3000),
            *(lambda m, f: [m + f, m, f])(R.randint(600, 3000), R.randint(600, 3000)),
        ]
        for _ in range(80)
    ]
    xlsx_sheet(wb, "町丁別", H2, rows2)
    add_truth(path, "町丁別", H2, ["ADDRESS?", "NONE", "NONE", "NONE", "NONE"])
    save_wb(wb, path)
    FILES.append((rel(path), "no", "neg"))


def neg_kaigishitsu():
    path = f"{SHARE}/総務部/会議室予約表_2024年6月.xlsx"
    wb = new_wb()
    H = ["日付", "会議室", "開始", "終了", "用途", "予約部署", "人数", "備考"]
    rows = []
    for _i in range(150):
        d = dt.date(2024, 6, R.randint(1, 28))
        h = R.randint(9, 17)
        rows.append(
            [
                d,
                R.choice(["大会議室A", "中会議室B", "小会議室C", "応接室1", "役員会議室"]),
                f"{h}:00",
                f"{h + 1}:00",
                R.choice(
                    [
                        "定例会議",
                        "採用面接",
                        "来客対応",
                        "部内ミーティング",
                        "研修",
                        "予算会議",
                        "1on1",
                    ]
                ),
                R.choice(DEPTS),
                R.randint(2, 20),
                R.choice(["", "", "プロジェクター使用", "ケータリングあり"]),
            ]
        )
    xlsx_sheet(wb, "6月", H, rows, header_row=2, titles=["会議室予約表"], date_cols=(0,))
    add_truth(path, "6月", H, ["NONE"] * 8)
    save_wb(wb, path)
    FILES.append((rel(path), "no", "neg"))


def neg_shukujitsu():
    path = f"{SHARE}/総務部/syukujitsu_2024.csv"
    H = ["国民の祝日・休日月日", "国民の祝日・休日名称"]
    hol = [
        ("2024/1/1", "元日"),
        ("2024/1/8", "成人の日"),
        ("2024/2/11", "建国記念の日"),
        ("2024/2/12", "休日"),
        ("2024/2/23", "天皇誕生日"),
        ("2024/3/20", "春分の日"),
        ("2024/4/29", "昭和の日"),
        ("2024/5/3", "憲法記念日"),
        ("2024/5/4", "みどりの日"),
        ("2024/5/5", "こどもの日"),
        ("2024/5/6", "休日"),
        ("2024/7/15", "海の日"),
        ("2024/8/11", "山の日"),
        ("2024/8/12", "休日"),
        ("2024/9/16", "敬老の日"),
        ("2024/9/22", "秋分の日"),
        ("2024/9/23", "休日"),
        ("2024/10/14", "スポーツの日"),
        ("2024/11/3", "文化の日"),
        ("2024/11/4", "休日"),
        ("2024/11/23", "勤労感謝の日"),
    ]
    write_csv(path, H, hol, enc="cp932")
    add_truth(path, "", H, ["NONE", "NONE"])
    FILES.append((rel(path), "no", "neg"))


def neg_kenall():
    # KEN_ALL-style, no header, CP932, exactly like the Japan Post file
    path = f"{SHARE}/総務部/郵便番号データ/13TOKYO_抜粋.CSV"
    towns = [
        ("シャクジイマチ", "石神井町"),
        ("シャクジイダイ", "石神井台"),
        ("セキマチキタ", "関町北"),
        ("カミシャクジイ", "上石神井"),
        ("ネリマ", "練馬"),
        ("トヨタマキタ", "豊玉北"),
        ("オオイズミガクエンチョウ", "大泉学園町"),
        ("ヒカリガオカ", "光が丘"),
        ("フジミダイ", "富士見台"),
        ("タカノダイ", "高野台"),
        ("ミナミタナカ", "南田中"),
        ("ハヤミヤ", "早宮"),
    ]
    rows = []
    for _i in range(300):
        k, t = R.choice(towns)
        c = R.randint(1, 8)
        z = f"17{R.randint(60, 79)}{R.randint(0, 999):03d}"
        rows.append(
            [
                "13120",
                z[:5],
                z,
                "トウキョウト",
                "ネリマク",
                k + (f"({c}チョウメ)" if R.random() < 0.3 else ""),
                "東京都",
                "練馬区",
                t + (f"（{c}丁目）" if R.random() < 0.3 else ""),
                0,
                0,
                1,
                0,
                0,
                0,
            ]
        )
    write_csv(path, None, rows, enc="cp932")
    # headerless: column names unknown -> record by position
    add_truth(
        path,
        "",
        [f"#{i + 1}" for i in range(15)],
        ["NONE", "NONE", "POSTAL_CODE?", "NONE", "NONE", "NONE", "ADDRESS?", "ADDRESS?", "ADDRESS?"]
        + ["NONE"] * 6,
    )
    FILES.append((rel(path), "no", "neg"))
    path = f"{SHARE}/総務部/郵便番号データ/郵便番号一覧_練馬区.csv"
    H = ["郵便番号", "都道府県", "市区町村", "町域", "都道府県カナ", "市区町村カナ", "町域カナ"]
    rows = []
    for k, t in towns:
        rows.append(
            [
                f"{176 + R.randint(0, 3)}-{R.randint(0, 9999):04d}",
                "東京都",
                "練馬区",
                t,
                "トウキョウト",
                "ネリマク",
                k,
            ]
        )
    for _i in range(120):
        pref, city, zp = R.choice(CITIES)
        town = F.town()
        rows.append([f"{zp}-{R.randint(0, 9999):04d}", pref, city, town, "", "", ""])
    write_csv(path, H, rows, enc="utf-8")
    add_truth(
        path, "", H, ["POSTAL_CODE?", "ADDRESS?", "ADDRESS?", "ADDRESS?", "NONE", "NONE", "NONE"]
    )
    FILES.append((rel(path), "no", "neg"))


def neg_jusho_master():
    path = f"{SHARE}/市役所/システム/住所マスタ.xlsx"
    wb = new_wb()
    H = [
        "住所コード",
        "都道府県",
        "市区町村",
        "町名",
        "丁目",
        "町名カナ",
        "郵便番号",
        "学区",
        "投票区",
    ]
    rows = []
    for i in range(200):
        rows.append(
            [
                f"131200{i:04d}",
                "東京都",
                "練馬区",
                F.town(),
                f"{R.randint(1, 8)}丁目",
                F.kana_name().split()[0],
                f"1{R.randint(76, 79)}-{R.randint(0, 9999):04d}",
                f"第{R.randint(1, 30)}小学校区",
                f"第{R.randint(1, 60)}投票区",
            ]
        )
    xlsx_sheet(wb, "住所", H, rows)
    add_truth(
        path,
        "住所",
        H,
        [
            "NONE",
            "ADDRESS?",
            "ADDRESS?",
            "ADDRESS?",
            "NONE",
            "NONE",
            "POSTAL_CODE?",
            "NONE",
            "NONE",
        ],
    )
    save_wb(wb, path)
    FILES.append((rel(path), "no", "neg"))


def neg_kamoku():
    path = f"{SHARE}/大学/教務課/開講科目一覧_2024.csv"
    H = ["科目コード", "科目名", "単位数", "担当", "開講期", "曜日時限", "必修/選択", "対象学年"]
    rows = []
    subjects = [
        "基礎数学",
        "線形代数学Ⅰ",
        "英語コミュニケーション",
        "情報リテラシー",
        "民法総則",
        "マクロ経済学",
        "看護学概論",
        "教育心理学",
        "有機化学",
        "キャリアデザイン",
        "統計学入門",
        "日本国憲法",
        "プログラミング演習",
    ]
    for _i in range(150):
        rows.append(
            [
                f"{R.choice('LETNP')}{R.randint(1000, 4999)}",
                R.choice(subjects),
                R.choice([1, 2, 2, 4]),
                R.choice([*GAKKA, "共通教育センター", "国際交流センター"]),
                R.choice(["前期", "後期", "通年"]),
                f"{R.choice('月火水木金')}{R.randint(1, 5)}",
                R.choice(["必修", "選択"]),
                R.choice(["1年", "2年", "3年", "1-4年"]),
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, ["NONE", "NONE", "NONE", "NONE", "NONE", "NONE", "NONE", "NONE?"])
    FILES.append((rel(path), "no", "neg"))


def neg_books():
    path = f"{SHARE}/NPO法人みどりの会/蔵書リスト.xlsx"
    wb = new_wb()
    H = ["No", "書名", "著者名", "出版社", "出版年", "ISBN", "貸出状況"]
    real = [
        ("坊っちゃん", "夏目漱石", "新潮社"),
        ("羅生門・鼻", "芥川龍之介", "新潮社"),
        ("雪国", "川端康成", "新潮社"),
        ("ノルウェイの森", "村上春樹", "講談社"),
        ("火花", "又吉直樹", "文藝春秋"),
        ("コンビニ人間", "村田沙耶香", "文藝春秋"),
        ("沈黙", "遠藤周作", "新潮社"),
        ("人間失格", "太宰治", "新潮社"),
        ("博士の愛した数式", "小川洋子", "新潮社"),
    ]
    rows = []
    for i in range(120):
        if R.random() < 0.4:
            t, au, pub = R.choice(real)
        else:
            t = R.choice(["はじめての", "よくわかる", "図解", "やさしい"]) + R.choice(
                ["NPO会計", "環境学", "里山保全", "野鳥図鑑", "市民活動"]
            )
            au, pub = (
                F.name() + R.choice(["", " 著", " 編", "／監修"]),
                R.choice(["岩波書店", "中央公論新社", "有斐閣", "学芸出版社"]),
            )
        rows.append(
            [
                i + 1,
                t,
                au,
                pub,
                R.randint(1960, 2024),
                f"978-4-{R.randint(10, 99)}-{R.randint(100000, 999999)}-{R.randint(0, 9)}",
                R.choice(["", "貸出中"]),
            ]
        )
    xlsx_sheet(wb, "蔵書", H, rows)
    add_truth(path, "蔵書", H, ["NONE", "NONE", "PERSON?", "NONE", "NONE", "NONE", "NONE"])
    save_wb(wb, path)
    FILES.append((rel(path), "either", "neg"))


def neg_houjin():
    path = f"{SHARE}/経理部/法人番号一覧_取引先.csv"
    H = ["法人番号", "商号又は名称", "本店又は主たる事務所の所在地", "更新年月日"]
    rows = []
    for _i in range(150):
        a = addr()
        rows.append(
            [
                houjin(),
                F.company(),
                a["pref"] + a["city"] + a["town"] + a["banchi"],
                f"2024-0{R.randint(1, 5)}-{R.randint(10, 28)}",
            ]
        )
    write_csv(path, H, rows, enc="utf-8")
    add_truth(path, "", H, ["NONE", "NONE", "ADDRESS?", "NONE"])
    FILES.append((rel(path), "no", "neg"))


def neg_soshiki_text():
    path = f"{SHARE}/総務部/施設案内_お知らせ.txt"
    text = """【お知らせ】夏季休業と協力医療機関について

当社は2024年8月10日（土）から8月18日（日）まで夏季休業とさせていただきます。
休業期間中のお問い合わせは、総務部（代表 03-3991-0000）までメールにてお願いいたします。

■協力医療機関
・医療法人社団石神井会 石神井台病院（東京都練馬区石神井台3-1-5、電話 03-3996-1111）
・練馬総合クリニック 内科・整形外科（東京都練馬区豊玉北6-12-1）

■最寄駅
西武池袋線「石神井公園駅」より徒歩8分、西武バス「石神井庁舎前」下車すぐ。

総務部 庶務課
"""
    write_text(path, text)
    add_text_truth(path, ["ADDRESS?", "PHONE_NUMBER?"])
    FILES.append((rel(path), "no", "neg"))


def neg_kitei_docx():
    path = f"{SHARE}/人事部/就業規則_抜粋.docx"
    paras = [
        "第1条（目的）この規則は、株式会社サンプル工業の従業員の就業に関する事項を定める。",
        "第20条（休日）休日は土曜日、日曜日、国民の祝日、年末年始（12月29日から1月3日）とする。",
        "第35条（健康診断）会社は従業員に対し、毎年1回定期健康診断を行う。結果は人事部健康管理室が管理する。",
        "附則　この規則は2024年4月1日から施行する。制定：人事部長",
    ]
    write_docx(
        path,
        "就業規則（抜粋）",
        paras,
        table=[
            ["部署", "所在", "内線"],
            ["総務部", "本社3階", "2100"],
            ["人事部", "本社3階", "2200"],
            ["経理部", "本社4階", "2300"],
        ],
    )
    add_text_truth(path, [])
    FILES.append((rel(path), "no", "neg"))


def gakudou_kami_excel():
    """'神エクセル': data starts in column B, two-tier merged header (row 4 groups, row 5
    items), duplicate 氏名."""
    path = f"{SHARE}/市役所/子ども家庭課/学童クラブ入所児童名簿_R6.xlsx"
    wb = new_wb()
    ws = wb.create_sheet("名簿")
    ws["B1"] = "令和6年度　〇〇学童クラブ　入所児童名簿"
    ws.merge_cells("B1:L1")
    ws["B2"] = "（令和6年4月1日現在）"
    ws.merge_cells("B2:L2")
    groups = [("No.", 2, 2), ("児童", 3, 7), ("保護者", 8, 11), ("備考", 12, 12)]
    for label, c1, c2 in groups:
        ws.cell(row=4, column=c1, value=label)
        if c2 > c1:
            ws.merge_cells(start_row=4, start_column=c1, end_row=4, end_column=c2)
    sub = [
        "",
        "氏名",
        "ふりがな",
        "生年月日",
        "学年",
        "アレルギー",
        "氏名",
        "続柄",
        "勤務先",
        "連絡先",
        "",
    ]
    for j, h in enumerate(sub, start=2):
        if h:
            ws.cell(row=5, column=j, value=h)
    ws.merge_cells("B4:B5")
    ws.merge_cells("L4:L5")
    rows = []
    for i in range(60):
        p = person()
        par = person()
        d = dt.date(2013, 4, 2) + dt.timedelta(days=R.randint(0, 365 * 3))
        r = [
            i + 1,
            p["sei"] + " " + p["mei"],
            kata2hira(p["seikana"] + " " + p["meikana"]),
            d,
            f"{2024 - d.year - (1 if d >= dt.date(d.year, 4, 2) else 0) - 5}年",
            R.choice(["", "", "", "卵", "乳", "ピーナッツ"]),
            p["sei"] + " " + par["mei"],
            R.choice(["母", "父", "祖母"]),
            F.company(),
            mobile(),
            R.choice(["", "", "お迎え 祖母", "土曜利用なし"]),
        ]
        rows.append(r)
        for j, v in enumerate(r, start=2):
            c = ws.cell(row=6 + i, column=j, value=v)
            if j == 5:
                c.number_format = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'
    H = [
        "No.",
        "氏名",
        "ふりがな",
        "生年月日",
        "学年",
        "アレルギー",
        "保護者氏名 || 氏名.1",
        "続柄",
        "勤務先",
        "連絡先",
        "備考",
    ]
    LAST_TABLES[tuple(H)] = rows
    add_truth(
        path,
        "名簿",
        H,
        [
            "NONE",
            "PERSON",
            "PERSON_KANA",
            "DATE_OF_BIRTH",
            "NONE?",
            "SENSITIVE?",
            "PERSON",
            "NONE",
            "NONE",
            "PHONE_NUMBER",
            "NONE?",
        ],
    )
    save_wb(wb, path)
    FILES.append((rel(path), "yes", "pi"))


def saas_members():
    path = f"{SHARE}/フィットネス/members_export_20240601.csv"
    H = [
        "member_id",
        "last_name",
        "first_name",
        "last_name_kana",
        "first_name_kana",
        "birthday",
        "sex",
        "zip",
        "address1",
        "address2",
        "tel",
        "mobile",
        "email",
        "plan",
        "joined_at",
    ]
    S = [
        "NONE?",
        "PERSON",
        "PERSON",
        "PERSON_KANA",
        "PERSON_KANA",
        "DATE_OF_BIRTH",
        "GENDER",
        "POSTAL_CODE",
        "ADDRESS",
        "ADDRESS?",
        "PHONE_NUMBER",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "NONE",
        "NONE",
    ]
    rows = []
    for i in range(250):
        p = person()
        a = addr()
        d = dob(18, 80)
        rows.append(
            [
                f"M{700000 + i}",
                p["sei"],
                p["mei"],
                p["seikana"],
                p["meikana"],
                d.strftime("%Y/%m/%d"),
                "male" if p["gender"] == "M" else "female",
                a["zip"],
                a["pref"] + a["city"] + a["town"] + a["banchi"],
                a["bld"],
                landline(a["pref"]) if R.random() < 0.3 else "",
                mobile(),
                email(p),
                R.choice(["レギュラー", "デイタイム", "ナイト"]),
                f"2023-{R.randint(1, 12):02d}-01",
            ]
        )
    write_csv(path, H, rows, enc="utf-8")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "yes", "pi"))


def neg_eki():
    path = f"{SHARE}/総務部/駅一覧_通勤手当用.csv"
    H = ["駅コード", "駅名", "駅名カナ", "路線名", "都道府県", "所在地"]
    st = [
        ("池袋", "イケブクロ"),
        ("石神井公園", "シャクジイコウエン"),
        ("大泉学園", "オオイズミガクエン"),
        ("練馬", "ネリマ"),
        ("中村橋", "ナカムラバシ"),
        ("富士見台", "フジミダイ"),
        ("江古田", "エコダ"),
        ("桜台", "サクラダイ"),
        ("保谷", "ホウヤ"),
        ("ひばりヶ丘", "ヒバリガオカ"),
        ("東久留米", "ヒガシクルメ"),
        ("清瀬", "キヨセ"),
        ("秋津", "アキツ"),
        ("所沢", "トコロザワ"),
        ("上石神井", "カミシャクジイ"),
        ("武蔵関", "ムサシセキ"),
        ("東伏見", "ヒガシフシミ"),
        ("田無", "タナシ"),
        ("小平", "コダイラ"),
        ("久米川", "クメガワ"),
        ("高田馬場", "タカダノババ"),
        ("鷺ノ宮", "サギノミヤ"),
        ("都立家政", "トリツカセイ"),
        ("井荻", "イオギ"),
        ("大塚", "オオツカ"),
        ("高島平", "タカシマダイラ"),
        ("志村三丁目", "シムラサンチョウメ"),
        ("光が丘", "ヒカリガオカ"),
        ("平和台", "ヘイワダイ"),
        ("氷川台", "ヒカワダイ"),
        ("小竹向原", "コタケムカイハラ"),
        ("千川", "センカワ"),
        ("森下", "モリシタ"),
        ("菊川", "キクカワ"),
        ("清澄白河", "キヨスミシラカワ"),
        ("中野", "ナカノ"),
        ("吉祥寺", "キチジョウジ"),
        ("三鷹", "ミタカ"),
        ("武蔵境", "ムサシサカイ"),
        ("国分寺", "コクブンジ"),
    ]
    rows = [
        [
            f"{1100 + i}",
            n,
            k,
            R.choice(
                ["西武池袋線", "西武新宿線", "都営大江戸線", "東京メトロ有楽町線", "JR中央線"]
            ),
            "東京都",
            R.choice(["練馬区", "豊島区", "中野区", "西東京市", "武蔵野市"]),
        ]
        for i, (n, k) in enumerate(st)
    ]
    write_csv(path, H, rows, enc="utf-8-sig")
    add_truth(path, "", H, ["NONE", "NONE", "NONE", "NONE", "ADDRESS?", "ADDRESS?"])
    FILES.append((rel(path), "no", "neg"))


def neg_tokuisaki():
    path = f"{SHARE}/営業部/得意先マスタ_export.csv"
    H = [
        "得意先CD",
        "得意先名",
        "得意先名カナ",
        "部署名",
        "郵便番号",
        "住所1",
        "住所2",
        "TEL",
        "FAX",
        "締日",
        "支払条件",
    ]
    S = [
        "NONE",
        "NONE",
        "NONE",
        "NONE",
        "POSTAL_CODE?",
        "ADDRESS?",
        "ADDRESS?",
        "PHONE_NUMBER?",
        "PHONE_NUMBER?",
        "NONE",
        "NONE",
    ]
    rows = []
    for i in range(180):
        a = addr()
        nm = F.last_name()
        kn = F.last_kana_name()
        corp = R.choice(
            [
                (f"株式会社{nm}商事", f"カブシキガイシャ{kn}シヨウジ"),
                (f"{nm}工業株式会社", f"{kn}コウギヨウ カブシキガイシャ"),
                (f"有限会社{nm}製作所", f"ユウゲンガイシャ{kn}セイサクシヨ"),
                (f"{nm}建設(株)", f"{kn}ケンセツ"),
            ]
        )
        rows.append(
            [
                f"{10000 + i}",
                corp[0],
                corp[1],
                R.choice(["購買部", "総務部", "本社", "資材課", ""]),
                a["zip"],
                a["pref"] + a["city"] + a["town"] + a["banchi"],
                a["bld"],
                landline(a["pref"]),
                landline(a["pref"]),
                R.choice(["20日", "末日"]),
                R.choice(["翌月末現金", "翌々月10日振込", "手形120日"]),
            ]
        )
    write_csv(path, H, rows, enc="cp932")
    add_truth(path, "", H, S)
    FILES.append((rel(path), "no", "neg"))


ALL = [
    kaigo_riyousha,
    clinic_jushin,
    clinic_fukuyaku,
    kaigo_sougei,
    juku_seito,
    juku_moshi,
    juku_koushu,
    pta_yakuin,
    pta_kaihi,
    pta_renrakumou,
    pta_gijiroku,
    hr_jinji,
    hr_nencho,
    hr_english,
    hr_naisen,
    hr_kenshin,
    hr_mendan,
    hr_fuyou_sheet,
    npo_kaiin,
    npo_kifu,
    univ_shutsugan,
    univ_shogakukin,
    univ_romaji,
    city_soudan,
    city_hinanjo,
    city_tachiainin,
    city_text,
    event_google,
    event_msforms,
    event_seminar,
    event_mail_text,
    shop_orders,
    shop_shipping,
    gakudou_kami_excel,
    saas_members,
    neg_torihiki,
    neg_byouin,
    neg_jikokuhyo,
    neg_shohin,
    neg_toukei,
    neg_kaigishitsu,
    neg_shukujitsu,
    neg_kenall,
    neg_jusho_master,
    neg_kamoku,
    neg_books,
    neg_houjin,
    neg_soshiki_text,
    neg_kitei_docx,
    neg_eki,
    neg_tokuisaki,
]


def generate(work, seed=DEFAULT_SEED):
    """Write WORK/share/** (replacing it), WORK/truth.csv and WORK/truth_files.csv for `seed`."""
    global ROOT, SHARE
    ROOT = str(work)
    SHARE = os.path.join(ROOT, "share")
    R.seed(seed)
    F.seed_instance(seed)
    TRUTH.clear()
    LAST_TABLES.clear()
    FILES.clear()
    if os.path.exists(SHARE):
        shutil.rmtree(SHARE)
    os.makedirs(SHARE)
    for fn in ALL:
        fn()
    with open(os.path.join(ROOT, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "sheet", "column", "expected", "also_ok", "alt", "samples"])
        w.writerows(TRUTH)
    with open(os.path.join(ROOT, "truth_files.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "expect_db", "kind"])
        w.writerows(FILES)
    print(f"{len(FILES)} files, {len(TRUTH)} truth rows -> {SHARE}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        metavar="DIR",
        help="folder for share/, truth.csv and truth_files.csv (default: a new temporary one)",
    )
    parser.add_argument("--seed", type=int, metavar="N", default=DEFAULT_SEED)
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="pi-scan-unseen2-")
    generate(work, args.seed)
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
