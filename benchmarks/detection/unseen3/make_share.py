#!/usr/bin/env python
"""Write the third "unseen share": 30 Japanese files in awkward layouts (19 personal, 11 hard
negatives) and the truth of each of their datasets, for the accuracy audit (audit.py).

    .venv/bin/python benchmarks/detection/unseen3/make_share.py [--work DIR] [--seed N]

Writes DIR/share/* (replaced if it exists) and DIR/truth.csv; DIR defaults to a fresh temporary
directory, printed at the end.

The layouts are the point: 個人票 cards (one person per sheet, label | value, a multi-line
address cell), class blocks side by side and stacked, "神エクセル" two- and three-row merged
headers, a transposed list (one person per column), repeated label/value records down one
column, one character per cell (申請書 grids), an .xls with Excel serial-number dates, a .docx
table, fixed-width (CP932) and tab-separated .txt, a CSV without a header, English snake_case
headers, a zip holding a CP932 CSV, honorifics, 〒 and (自宅)/(携帯) inside cells, 和暦 dates.
The hard negatives use the same layouts: company cards, transposed statistics, departments
under 担当, surnames-only shift table, seat numbers, purchase dates, department mailboxes.

truth.csv (file, sheet, expected, optional, is_pi, note) has one row per dataset (sheet "*":
every dataset of the file, taken together; note "card per sheet": each dataset of the file
scored alone). expected: the entities a perfect scanner reports there (";"-separated); optional:
entities accepted either way; is_pi: should the dataset be judged a 個人情報データベース等
(yes / no / either).

A seed always gives the same truth and the same file contents (only the workbooks' "modified"
property and the zip entries' times of the .xlsx, .docx and .zip files are the time of writing);
"today", for ages and past dates, is pinned to TODAY. All data are synthetic (Faker ja_JP); the
headers, layouts and value formats were written independently of pi-scan's dictionaries and of
the other two unseen shares (benchmarks/detection/unseen, unseen2).
"""

import argparse
import csv
import datetime as dt
import io
import random
import shutil
import tempfile
import zipfile
from pathlib import Path

import docx
import openpyxl
import xlwt
from faker import Faker
from openpyxl.styles import Alignment

DEFAULT_SEED = 3103
TODAY = dt.date(2026, 12, 4)  # the day the corpus was written; ages and past dates count from it

# Every random choice comes from R and F, reseeded by generate(); the order of the calls below
# is the corpus: reordering them changes every file.
R = random.Random(DEFAULT_SEED)
F = Faker("ja_JP")
F.seed_instance(DEFAULT_SEED)

TRUTH = []  # {file, sheet, expected, optional, is_pi, note}
WRAP = Alignment(wrap_text=True, vertical="top")


def truth(f, sheet, exp, opt="", pi="yes", note=""):
    TRUTH.append(dict(file=f, sheet=sheet, expected=exp, optional=opt, is_pi=pi, note=note))


# ---------------------------------------------------------------- helpers
def date_of_birth(minimum_age, maximum_age):
    """Faker's date_of_birth(minimum_age, maximum_age) with TODAY instead of the clock."""
    start = TODAY.replace(year=TODAY.year - (maximum_age + 1))
    end = TODAY.replace(year=TODAY.year - minimum_age)
    dob = F.date_time_ad(start_datetime=start, end_datetime=end).date()
    return dob if dob != start else dob + dt.timedelta(days=1)


def date_in_last_years(years):
    """Faker's date_between(f"-{years}y", "today") with TODAY instead of the clock."""
    return F.date_between_dates(
        date_start=TODAY + dt.timedelta(days=-365.24 * years), date_end=TODAY
    )


def hira(s):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def person():
    ln, fn = F.last_name_pair(), F.first_name_pair()  # (kanji, kana, roman)
    b = date_of_birth(minimum_age=8, maximum_age=70)
    return dict(
        name=f"{ln[0]} {fn[0]}",
        name_fw=f"{ln[0]}\u3000{fn[0]}",
        kana=f"{ln[1]} {fn[1]}",
        hira=hira(f"{ln[1]}\u3000{fn[1]}"),
        last=ln[0],
        first=fn[0],
        birth=b,
        gender=R.choice(["男", "女"]),
        zip=F.zipcode(),
        pref=F.prefecture(),
        addr1=F.prefecture() + F.city() + F.town() + F.chome() + F.ban() + F.gou(),
        bldg=F.building_name() + F.building_number(),
        phone=F.phone_number(),
        mobile=R.choice(["090", "080", "070"])
        + f"-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}",
        email=F.email(),
        sid=f"S{R.randint(2019, 2024)}{R.randint(1000, 9999)}",
        eid=f"E{R.randint(10000, 99999)}",
    )


def wareki(d):
    if d >= dt.date(2019, 5, 1):
        return f"令和{d.year - 2018}年{d.month}月{d.day}日"
    if d >= dt.date(1989, 1, 8):
        y = d.year - 1988
        return f"平成{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return f"昭和{d.year - 1925}年{d.month}月{d.day}日"


def wareki_short(d):
    if d >= dt.date(1989, 1, 8):
        return f"H{d.year - 1988}.{d.month}.{d.day}"
    return f"S{d.year - 1925}.{d.month}.{d.day}"


def serial(d):
    return (d - dt.date(1899, 12, 30)).days


def mynumber():
    digits = [R.randint(0, 9) for _ in range(11)]
    s = sum(int(digits[10 - (n - 1)]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    c = 0 if r <= 1 else 11 - r
    return "".join(map(str, digits)) + str(c)


# ---------------------------------------------------------------- personal files
def p01_cards(out):
    """個人票: 30 sheets, label | value, address on three lines in one merged cell."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i in range(30):
        p = person()
        ws = wb.create_sheet(f"{i + 1:02d}_{p['last']}")
        ws["A1"] = "生 徒 個 人 票"
        ws.merge_cells("A1:D1")
        rows = [
            ("ふりがな", p["hira"]),
            ("氏名", p["name_fw"]),
            ("生年月日", wareki(p["birth"])),
            ("性別", p["gender"]),
            ("現住所", f"〒{p['zip']}\n{p['addr1']}\n{p['bldg']}"),
            ("電話番号", f"（自宅）{p['phone']}"),
            ("保護者氏名", F.last_name() + "\u3000" + F.first_name()),
            ("緊急連絡先", f"（携帯）{p['mobile']}"),
            ("出身校", F.city() + "立第" + str(R.randint(1, 9)) + "中学校"),
        ]
        for r, (k, v) in enumerate(rows, start=3):
            ws.cell(r, 1, k)
            ws.cell(r, 2, v).alignment = WRAP
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
    wb.save(out / "P01_個人票_30名.xlsx")
    truth(
        "P01_個人票_30名.xlsx",
        "*",
        "PERSON;PERSON_KANA;DATE_OF_BIRTH;GENDER;ADDRESS;POSTAL_CODE;PHONE_NUMBER",
        "",
        "yes",
        "card per sheet",
    )


def p02_side_by_side(out):
    """Three class blocks side by side on one sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "1学期成績"
    for b, col in enumerate([1, 6, 11]):
        ws.cell(1, col, f"{b + 1}組")
        for j, h in enumerate(["番号", "氏名", "ふりがな", "得点"]):
            ws.cell(2, col + j, h)
        for r in range(25):
            p = person()
            ws.cell(3 + r, col, r + 1)
            ws.cell(3 + r, col + 1, p["name"])
            ws.cell(3 + r, col + 2, p["hira"])
            ws.cell(3 + r, col + 3, R.randint(35, 100))
    wb.save(out / "P02_成績_組別横並び.xlsx")
    truth("P02_成績_組別横並び.xlsx", "1学期成績", "PERSON;PERSON_KANA;GRADE", "STUDENT_ID")


def p03_stacked(out):
    """Three class blocks stacked, each with a title and a header row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "連絡網"
    r = 1
    for b in range(3):
        ws.cell(r, 1, f"{b + 1}組 連絡網")
        r += 1
        for j, h in enumerate(["学籍番号", "氏名", "電話番号", "メールアドレス"]):
            ws.cell(r, 1 + j, h)
        r += 1
        for _ in range(20):
            p = person()
            ws.cell(r, 1, p["sid"])
            ws.cell(r, 2, p["name"])
            ws.cell(r, 3, p["phone"])
            ws.cell(r, 4, p["email"])
            r += 1
        r += 2
    wb.save(out / "P03_連絡網_縦積み.xlsx")
    truth("P03_連絡網_縦積み.xlsx", "連絡網", "STUDENT_ID;PERSON;PHONE_NUMBER;EMAIL_ADDRESS")


def p04_kami_excel(out):
    """神エクセル: two-row merged header, 保護者 over 氏名 / 電話, merged data cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "家庭調査"
    ws["A1"] = "令和６年度　家庭調査票一覧"
    ws.merge_cells("A1:L1")
    top = [
        ("A2:A3", "No"),
        ("B2:D2", "生　徒"),
        ("E2:G2", "保　護　者"),
        ("H2:J2", "住　所"),
        ("K2:L2", "備考"),
    ]
    for rng, t in top:
        ws[rng.split(":")[0]] = t
        ws.merge_cells(rng)
    sub = {
        "B": "氏　名",
        "C": None,
        "D": "ふりがな",
        "E": "氏　名",
        "F": None,
        "G": "電　話",
        "H": "〒",
        "I": "住　所",
        "J": None,
    }
    for c, t in sub.items():
        if t:
            ws[f"{c}3"] = t
    for rng in ("B3:C3", "E3:F3", "I3:J3", "K3:L3"):
        ws.merge_cells(rng)
    for i in range(40):
        p = person()
        r = 4 + i
        ws[f"A{r}"] = i + 1
        ws[f"B{r}"] = p["name_fw"]
        ws.merge_cells(f"B{r}:C{r}")
        ws[f"D{r}"] = p["hira"]
        ws[f"E{r}"] = F.last_name() + "　" + F.first_name()
        ws.merge_cells(f"E{r}:F{r}")
        ws[f"G{r}"] = p["mobile"]
        ws[f"H{r}"] = p["zip"]
        ws[f"I{r}"] = p["addr1"]
        ws.merge_cells(f"I{r}:J{r}")
    wb.save(out / "P04_神エクセル_家庭調査.xlsx")
    truth(
        "P04_神エクセル_家庭調査.xlsx",
        "家庭調査",
        "PERSON;PERSON_KANA;PHONE_NUMBER;POSTAL_CODE;ADDRESS",
    )


def p05_one_char_per_cell(out):
    """申請書 grid: one character per cell, 25 applicants stacked."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申込者一覧"
    ws.cell(1, 1, "氏名（１マス１文字）")
    ws.merge_cells("A1:H1")
    ws.cell(1, 10, "郵便番号")
    ws.merge_cells("J1:Q1")
    ws.cell(1, 19, "電話番号")
    ws.merge_cells("S1:AE1")
    for i in range(25):
        p = person()
        r = 2 + i
        for j, ch in enumerate(p["name_fw"][:8]):
            ws.cell(r, 1 + j, ch)
        for j, ch in enumerate(p["zip"]):
            ws.cell(r, 10 + j, ch)
        for j, ch in enumerate(p["mobile"]):
            ws.cell(r, 19 + j, ch)
    wb.save(out / "P05_1マス1文字_申込.xlsx")
    truth(
        "P05_1マス1文字_申込.xlsx",
        "申込者一覧",
        "PERSON;POSTAL_CODE;PHONE_NUMBER",
        "",
        "yes",
        "one char per cell",
    )


def p06_three_row_header(out):
    """Title, group row (基本 / 連絡先), then the header row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "社員台帳"
    ws["A1"] = "社員情報"
    ws.merge_cells("A1:F1")
    ws["A2"] = "基本"
    ws.merge_cells("A2:C2")
    ws["D2"] = "連絡先"
    ws.merge_cells("D2:F2")
    for j, h in enumerate(["社員番号", "氏名", "生年月日", "電話", "メール", "住所"]):
        ws.cell(3, 1 + j, h)
    for i in range(40):
        p = person()
        r = 4 + i
        ws.cell(r, 1, p["eid"])
        ws.cell(r, 2, p["name"])
        c = ws.cell(r, 3, p["birth"])
        c.number_format = "yyyy/mm/dd"
        ws.cell(r, 4, p["phone"])
        ws.cell(r, 5, p["email"])
        ws.cell(r, 6, p["addr1"])
    wb.save(out / "P06_3段見出し_社員台帳.xlsx")
    truth(
        "P06_3段見出し_社員台帳.xlsx",
        "社員台帳",
        "EMPLOYEE_ID;PERSON;DATE_OF_BIRTH;PHONE_NUMBER;EMAIL_ADDRESS;ADDRESS",
    )


def p07_transposed(out):
    """Labels down column A, one member per column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "会員"
    fields = ["氏名", "フリガナ", "生年月日", "電話番号", "住所"]
    for j, f in enumerate(fields):
        ws.cell(1 + j, 1, f)
    for i in range(20):
        p = person()
        vals = [p["name"], p["kana"], p["birth"].strftime("%Y/%m/%d"), p["phone"], p["addr1"]]
        for j, v in enumerate(vals):
            ws.cell(1 + j, 2 + i, v)
    wb.save(out / "P07_転置_会員.xlsx")
    truth(
        "P07_転置_会員.xlsx",
        "会員",
        "PERSON;PERSON_KANA;DATE_OF_BIRTH;PHONE_NUMBER;ADDRESS",
        "",
        "yes",
        "transposed",
    )


def p08_xls(out):
    """.xls (BIFF) with dates as bare Excel serial numbers."""
    book = xlwt.Workbook()
    sh = book.add_sheet("職員名簿")
    for j, h in enumerate(["職員番号", "氏名", "所属", "内線", "生年月日", "入職日"]):
        sh.write(0, j, h)
    for i in range(40):
        p = person()
        row = [
            p["eid"],
            p["name"],
            R.choice(["総務課", "教務課", "保健室"]),
            R.randint(200, 299),
            serial(p["birth"]),
            serial(date_in_last_years(20)),
        ]
        for j, v in enumerate(row):
            sh.write(1 + i, j, v)
    book.save(str(out / "P08_職員名簿_旧形式.xls"))
    truth(
        "P08_職員名簿_旧形式.xls",
        "職員名簿",
        "EMPLOYEE_ID;PERSON;DATE_OF_BIRTH",
        "PHONE_NUMBER",
        "yes",
        "xls + serial int dates",
    )


def p09_docx(out):
    """A .docx with a heading, a note and a table of PTA officers (names with 様)."""
    d = docx.Document()
    d.add_heading("ＰＴＡ役員名簿", 1)
    d.add_paragraph("令和６年度　取扱注意")
    t = d.add_table(rows=1, cols=4)
    for j, h in enumerate(["氏名", "住所", "電話", "メール"]):
        t.rows[0].cells[j].text = h
    for _ in range(30):
        p = person()
        cells = t.add_row().cells
        cells[0].text = p["name"] + " 様"
        cells[1].text = p["addr1"]
        cells[2].text = p["phone"]
        cells[3].text = p["email"]
    d.save(out / "P09_PTA名簿.docx")
    truth(
        "P09_PTA名簿.docx",
        "*",
        "PERSON;ADDRESS;PHONE_NUMBER;EMAIL_ADDRESS",
        "",
        "yes",
        "docx table; matched on any dataset",
    )


def p10_fixed_width(out):
    """Fixed-width roster in CP932, names padded with full-width spaces."""
    lines = ["番号  氏名            電話番号        住所"]
    for i in range(40):
        p = person()
        nm = p["name_fw"]
        lines.append(f"{i + 1:>4}  {nm}{'　' * (8 - len(nm))}{p['phone']:<16}{p['addr1']}")
    (out / "P10_名簿_固定長.txt").write_text("\n".join(lines) + "\n", encoding="cp932")
    truth(
        "P10_名簿_固定長.txt", "*", "PERSON;PHONE_NUMBER;ADDRESS", "", "yes", "fixed width, cp932"
    )


def p11_tsv_txt(out):
    """Tab-separated .txt, birth dates as H2.4.5."""
    lines = ["氏名\tカナ\t生年月日\t性別\tメール"]
    for _ in range(40):
        p = person()
        row = [p["name"], p["kana"], wareki_short(p["birth"]), p["gender"], p["email"]]
        lines.append("\t".join(row))
    (out / "P11_会員_タブ区切り.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    truth(
        "P11_会員_タブ区切り.txt",
        "*",
        "PERSON;PERSON_KANA;DATE_OF_BIRTH;GENDER;EMAIL_ADDRESS",
        "",
        "yes",
        "TSV in .txt, H2.4.5 dates",
    )


def p12_headerless(out):
    with open(out / "P12_ヘッダなし.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for i in range(50):
            p = person()
            w.writerow([i + 1, p["name"], p["kana"], p["zip"], p["addr1"], p["phone"], p["email"]])
    truth(
        "P12_ヘッダなし.csv",
        "*",
        "PERSON;PERSON_KANA;POSTAL_CODE;ADDRESS;PHONE_NUMBER;EMAIL_ADDRESS",
        "",
        "yes",
        "no header",
    )


def p13_english(out):
    head = ["student_id", "full_name", "name_kana", "birth_date", "sex"]
    head += ["postal_code", "address", "phone", "email", "score"]
    with open(out / "P13_students_export.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        for _ in range(50):
            p = person()
            w.writerow(
                [
                    p["sid"],
                    p["name"],
                    p["kana"],
                    p["birth"].isoformat(),
                    R.choice(["M", "F"]),
                    p["zip"],
                    p["addr1"],
                    p["phone"],
                    p["email"],
                    R.randint(0, 100),
                ]
            )
    truth(
        "P13_students_export.csv",
        "*",
        "STUDENT_ID;PERSON;PERSON_KANA;DATE_OF_BIRTH;GENDER;POSTAL_CODE;ADDRESS;PHONE_NUMBER;"
        "EMAIL_ADDRESS;GRADE",
    )


def p14_zip(out):
    """A zip holding a CP932 CSV in a subfolder."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["氏名", "電話番号", "住所"])
    for _ in range(40):
        p = person()
        w.writerow([p["name"], p["phone"], p["addr1"]])
    with zipfile.ZipFile(out / "P14_名簿アーカイブ.zip", "w") as z:
        z.writestr("roster/名簿_2024.csv", buf.getvalue().encode("cp932"))
    truth(
        "P14_名簿アーカイブ.zip",
        "*",
        "PERSON;PHONE_NUMBER;ADDRESS",
        "",
        "yes",
        "zip, cp932 CSV inside",
    )


def p15_honorifics(out):
    """Honorifics, 〒 and line breaks in cells, (自宅)/(携帯), 和暦."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "顧客"
    for j, h in enumerate(["お名前", "ご住所", "連絡先", "生年月日"]):
        ws.cell(1, 1 + j, h)
    for i in range(40):
        p = person()
        hon = R.choice([" 様", "様", " 殿", "さん", "　様"])
        ws.cell(2 + i, 1, p["name_fw"] + hon)
        addr = f"〒{p['zip']}\n{p['addr1']}\n{p['bldg']}"
        ws.cell(2 + i, 2, addr).alignment = WRAP
        tel = R.choice(
            [
                f"（自宅）{p['phone']}",
                f"{p['mobile']}（携帯）",
                f"（自宅）{p['phone']}\n（携帯）{p['mobile']}",
            ]
        )
        ws.cell(2 + i, 3, tel).alignment = WRAP
        ws.cell(2 + i, 4, R.choice([wareki(p["birth"]), wareki_short(p["birth"])]))
    wb.save(out / "P15_顧客_敬称改行.xlsx")
    truth(
        "P15_顧客_敬称改行.xlsx",
        "顧客",
        "PERSON;ADDRESS;POSTAL_CODE;PHONE_NUMBER;DATE_OF_BIRTH",
    )


def p16_serial_dates(out):
    """Birth dates as serial numbers without a date format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "児童"
    for j, h in enumerate(["氏名", "性別", "生年月日", "学年"]):
        ws.cell(1, 1 + j, h)
    for i in range(40):
        p = person()
        ws.cell(2 + i, 1, p["name"])
        ws.cell(2 + i, 2, p["gender"])
        ws.cell(2 + i, 3, serial(p["birth"]))
        ws.cell(2 + i, 4, R.randint(1, 6))
    wb.save(out / "P16_児童_シリアル日付.xlsx")
    truth(
        "P16_児童_シリアル日付.xlsx",
        "児童",
        "PERSON;GENDER;DATE_OF_BIRTH",
        "",
        "yes",
        "serial ints, no date format",
    )


def p17_vertical_records(out):
    """Health records (sensitive) as label | value pairs down column A, a blank row between."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "保健調査"
    r = 1
    for _ in range(15):
        p = person()
        record = [
            ("氏名", p["name"]),
            (
                "既往歴",
                R.choice(
                    ["喘息", "糖尿病", "てんかん", "心臓疾患（手術歴あり）", "うつ病で通院中"]
                ),
            ),
            ("服薬", R.choice(["あり（吸入薬）", "インスリン", "抗てんかん薬", "なし"])),
            ("主治医", F.last_name() + "クリニック"),
        ]
        for k, v in record:
            ws.cell(r, 1, k)
            ws.cell(r, 2, v)
            r += 1
        r += 1
    wb.save(out / "P17_保健調査_縦レコード.xlsx")
    truth(
        "P17_保健調査_縦レコード.xlsx",
        "保健調査",
        "PERSON;SENSITIVE",
        "",
        "yes",
        "repeated label/value records down col A",
    )


def p18_transposed_my_number(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "扶養控除"
    for j, f in enumerate(["氏名", "続柄", "個人番号", "生年月日"]):
        ws.cell(1 + j, 1, f)
    for i in range(15):
        p = person()
        vals = [
            p["name"],
            R.choice(["本人", "配偶者", "長男", "長女"]),
            mynumber(),
            p["birth"].strftime("%Y/%m/%d"),
        ]
        for j, v in enumerate(vals):
            ws.cell(1 + j, 2 + i, v)
    wb.save(out / "P18_扶養控除_転置_個人番号.xlsx")
    truth(
        "P18_扶養控除_転置_個人番号.xlsx",
        "扶養控除",
        "PERSON;MY_NUMBER;DATE_OF_BIRTH",
        "",
        "yes",
        "transposed",
    )


def p19_two_row_subjects(out):
    """Grades under a two-row merged header (subject over 中間 / 期末)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "定期考査"
    ws["A1"] = "学籍番号"
    ws.merge_cells("A1:A2")
    ws["B1"] = "氏　名"
    ws.merge_cells("B1:B2")
    for k, subj in enumerate(["国語", "数学", "英語"]):
        c = 3 + 2 * k
        ws.cell(1, c, subj)
        ws.merge_cells(start_row=1, start_column=c, end_row=1, end_column=c + 1)
        ws.cell(2, c, "中間")
        ws.cell(2, c + 1, "期末")
    for i in range(40):
        p = person()
        ws.cell(3 + i, 1, p["sid"])
        ws.cell(3 + i, 2, p["name_fw"])
        for c in range(3, 9):
            ws.cell(3 + i, c, R.randint(20, 100))
    wb.save(out / "P19_定期考査_2段見出し.xlsx")
    truth("P19_定期考査_2段見出し.xlsx", "定期考査", "STUDENT_ID;PERSON;GRADE")


# ---------------------------------------------------------------- hard negatives
def n01_company_cards(out):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i in range(12):
        ws = wb.create_sheet(f"取引先{i + 1:02d}")
        co = F.company()
        card = [
            ("会社名", co),
            (
                "所在地",
                f"〒{F.zipcode()}\n{F.prefecture()}{F.city()}{F.town()}{F.chome()}{F.ban()}",
            ),
            ("代表電話", F.phone_number()),
            ("担当部署", R.choice(["営業部", "購買部", "総務部"])),
            ("取引開始", f"{R.randint(1995, 2023)}年"),
            ("業種", R.choice(["製造業", "卸売業", "サービス業"])),
        ]
        for r, (k, v) in enumerate(card, start=2):
            ws.cell(r, 1, k)
            ws.cell(r, 2, v).alignment = WRAP
    wb.save(out / "N01_取引先カード.xlsx")
    truth(
        "N01_取引先カード.xlsx",
        "*",
        "",
        "ADDRESS;POSTAL_CODE;PHONE_NUMBER",
        "no",
        "company card per sheet",
    )


def n02_transposed_statistics(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "人口統計"
    prefs = ["北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県"]
    prefs += ["茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県"]
    for j, f in enumerate(["都道府県", "人口", "世帯数", "出生数", "死亡数", "高齢化率"]):
        ws.cell(1 + j, 1, f)
    for i, pf in enumerate(prefs):
        vals = [
            pf,
            R.randint(500000, 14000000),
            R.randint(200000, 7000000),
            R.randint(3000, 100000),
            R.randint(5000, 130000),
            round(R.uniform(22, 38), 1),
        ]
        for j, v in enumerate(vals):
            ws.cell(1 + j, 2 + i, v)
    wb.save(out / "N02_人口統計_転置.xlsx")
    truth("N02_人口統計_転置.xlsx", "人口統計", "", "", "no", "transposed statistics")


def n03_events(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年間行事"
    for j, h in enumerate(["日付", "行事", "担当", "場所"]):
        ws.cell(1, 1 + j, h)
    for i in range(40):
        d0 = dt.date(2024, 4, 1) + dt.timedelta(days=7 * i)
        ws.cell(2 + i, 1, d0)
        events = ["始業式", "避難訓練", "保護者会", "体育祭", "文化祭", "終業式", "職員会議"]
        ws.cell(2 + i, 2, R.choice(events))
        depts = ["総務課", "教務部", "生徒指導部", "保健部", "進路指導部", "事務室"]
        ws.cell(2 + i, 3, R.choice(depts))
        ws.cell(2 + i, 4, R.choice(["体育館", "視聴覚室", "各教室", "校庭"]))
    wb.save(out / "N03_年間行事_担当部署.xlsx")
    truth("N03_年間行事_担当部署.xlsx", "年間行事", "", "", "no", "担当 = departments")


def n04_shift_surnames(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月シフト"
    ws.cell(1, 1, "氏名")
    for d in range(1, 31):
        ws.cell(1, 1 + d, f"{d}日")
    for i in range(15):
        ws.cell(2 + i, 1, F.last_name())
        for d in range(1, 31):
            ws.cell(2 + i, 1 + d, R.choice(["早", "遅", "休", "夜", "日"]))
    wb.save(out / "N04_シフト表_姓のみ.xlsx")
    truth(
        "N04_シフト表_姓のみ.xlsx",
        "11月シフト",
        "",
        "PERSON",
        "either",
        "surnames only (debatable)",
    )


def n05_seats(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "座席表"
    ws.cell(1, 1, "教卓")
    ws.merge_cells("A1:F1")
    for r in range(6):
        for c in range(6):
            ws.cell(3 + r, 1 + c, f"{chr(65 + r)}-{c + 1}")
    wb.save(out / "N05_座席表_番号のみ.xlsx")
    truth("N05_座席表_番号のみ.xlsx", "座席表", "", "", "no", "seat numbers only")


def n06_equipment(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "備品台帳"
    ws["A1"] = "備品"
    ws.merge_cells("A1:B1")
    ws["C1"] = "購入"
    ws.merge_cells("C1:D1")
    ws["E1"] = "管理"
    ws.merge_cells("E1:F1")
    for j, h in enumerate(["品名", "型番", "購入日", "金額", "管理部署", "設置場所"]):
        ws.cell(2, 1 + j, h)
    for i in range(40):
        c = ws.cell(3 + i, 3, date_in_last_years(15))
        c.number_format = "yyyy/mm/dd"
        items = ["ノートPC", "プロジェクタ", "書画カメラ", "複合機", "タブレット"]
        ws.cell(3 + i, 1, R.choice(items))
        ws.cell(3 + i, 2, f"{R.choice('ABCX')}{R.randint(100, 999)}-{R.randint(10, 99)}")
        ws.cell(3 + i, 4, R.randint(10000, 400000))
        ws.cell(3 + i, 5, R.choice(["情報課", "総務課", "教務部"]))
        ws.cell(3 + i, 6, R.choice(["職員室", "PC教室", "図書室"]))
    wb.save(out / "N06_備品台帳_2段見出し.xlsx")
    truth("N06_備品台帳_2段見出し.xlsx", "備品台帳", "", "", "no", "dates are purchase dates")


def n07_companies_headerless(out):
    with open(out / "N07_取引先_ヘッダなし.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for i in range(40):
            w.writerow(
                [
                    f"C{1000 + i}",
                    F.company(),
                    F.zipcode(),
                    F.prefecture() + F.city() + F.town() + F.chome(),
                    F.phone_number(),
                    R.choice(["A", "B", "C"]),
                ]
            )
    truth(
        "N07_取引先_ヘッダなし.csv",
        "*",
        "",
        "ADDRESS;POSTAL_CODE;PHONE_NUMBER",
        "no",
        "companies, no header",
    )


def n08_minutes_docx(out):
    d = docx.Document()
    d.add_heading("運営委員会 議事録", 1)
    d.add_paragraph("日時：令和６年５月１０日　場所：第一会議室")
    t = d.add_table(rows=1, cols=3)
    for j, h in enumerate(["議題", "担当部署", "期限"]):
        t.rows[0].cells[j].text = h
    for _ in range(12):
        c = t.add_row().cells
        c[0].text = R.choice(["予算執行状況", "施設改修", "ICT整備", "防災計画"])
        c[1].text = R.choice(["総務課", "施設課", "情報課"])
        c[2].text = f"{R.randint(6, 12)}月末"
    d.save(out / "N08_議事録_表.docx")
    truth("N08_議事録_表.docx", "*", "", "", "no", "minutes with dept table")


def n09_price_list(out):
    lines = ["商品コード  商品名                単価"]
    for i in range(40):
        item = R.choice(["ボールペン黒", "ノートＡ４", "クリアファイル", "付箋大", "ホチキス"])
        lines.append(f"{100000 + i:<12}{item:<12}{R.randint(80, 900):>8}")
    (out / "N09_価格表_固定長.txt").write_text("\n".join(lines) + "\n", encoding="cp932")
    truth("N09_価格表_固定長.txt", "*", "", "", "no", "price list fixed width")


def n10_sales_zip(out):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["日付", "店舗", "売上", "客数"])
    for i in range(60):
        w.writerow(
            [
                (dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat(),
                R.choice(["本店", "駅前店", "郊外店"]),
                R.randint(100000, 900000),
                R.randint(50, 400),
            ]
        )
    with zipfile.ZipFile(out / "N10_売上アーカイブ.zip", "w") as z:
        z.writestr("sales/2024Q1.csv", buf.getvalue())
    truth("N10_売上アーカイブ.zip", "*", "", "", "no", "sales zip")


def n11_department_mailboxes(out):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部署連絡先"
    for j, h in enumerate(["部署名", "内線", "代表メール", "所在階"]):
        ws.cell(1, 1 + j, h)
    depts = ["総務課", "人事課", "経理課", "情報課", "施設課"]
    depts += ["教務部", "生徒指導部", "進路指導部", "保健室", "図書室"]
    for i, dep in enumerate(depts):
        ws.cell(2 + i, 1, dep)
        ws.cell(2 + i, 2, f"{200 + i}")
        ws.cell(2 + i, 3, f"dept{i:02d}@example-school.ed.jp")
        ws.cell(2 + i, 4, f"{R.randint(1, 4)}F")
    wb.save(out / "N11_部署連絡先.xlsx")
    truth(
        "N11_部署連絡先.xlsx",
        "部署連絡先",
        "",
        "EMAIL_ADDRESS;PHONE_NUMBER",
        "no",
        "role addresses of departments",
    )


ALL = [
    *(p01_cards, p02_side_by_side, p03_stacked, p04_kami_excel, p05_one_char_per_cell),
    *(p06_three_row_header, p07_transposed, p08_xls, p09_docx, p10_fixed_width, p11_tsv_txt),
    *(p12_headerless, p13_english, p14_zip, p15_honorifics, p16_serial_dates),
    *(p17_vertical_records, p18_transposed_my_number, p19_two_row_subjects),
    *(n01_company_cards, n02_transposed_statistics, n03_events, n04_shift_surnames, n05_seats),
    *(n06_equipment, n07_companies_headerless, n08_minutes_docx, n09_price_list),
    *(n10_sales_zip, n11_department_mailboxes),
]


def generate(work, seed=DEFAULT_SEED):
    """Write WORK/share/* (replacing it) and WORK/truth.csv for `seed`."""
    work = Path(work)
    out = work / "share"
    R.seed(seed)
    F.seed_instance(seed)
    TRUTH.clear()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for fn in ALL:
        fn(out)
    with open(work / "truth.csv", "w", newline="", encoding="utf-8") as f:
        fields = ["file", "sheet", "expected", "optional", "is_pi", "note"]
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(TRUTH)
    print(f"{len(list(out.iterdir()))} files, {len(TRUTH)} truth rows -> {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        metavar="DIR",
        help="folder for share/ and truth.csv (default: a new temporary one)",
    )
    parser.add_argument("--seed", type=int, metavar="N", default=DEFAULT_SEED)
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="pi-scan-unseen3-")
    generate(work, args.seed)
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
