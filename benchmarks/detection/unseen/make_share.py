#!/usr/bin/env python
"""Write the "unseen share": 49 realistic Japanese spreadsheets of schools, a university, a city
office and companies, with the ground truth of their columns, for the accuracy audit (audit.py).

    .venv/bin/python benchmarks/detection/unseen/make_share.py [--work DIR] [--seed N]

Writes DIR/share/** (replaced if it exists) and DIR/truth.csv (file, sheet, column, expected,
also_ok, note); DIR defaults to a fresh temporary directory, printed at the end. `expected` is the
entity a perfect scanner reports for the column (NONE = nothing personal); `also_ok` lists
entities that are acceptable either way (neither a miss nor a false positive). A seed always gives
the same truth and the same file contents (only the workbooks' "modified" property is the time of
writing). All data are synthetic (own name lists + Faker ja_JP); mail domains are example.*.
The name lists, headers and layouts were written independently of pi-scan's dictionaries.
"""

import argparse
import csv
import datetime as dt
import random
import shutil
import tempfile
import unicodedata
from pathlib import Path

import openpyxl
from faker import Faker
from openpyxl.styles import Alignment, Font

DEFAULT_SEED = 20241105
SHARE = Path("share")  # set by generate(): WORK/share

# Every random choice comes from R and F, reseeded by generate(); the order of the calls below
# is the corpus: reordering them changes every file.
R = random.Random(DEFAULT_SEED)
F = Faker("ja_JP")
F.seed_instance(DEFAULT_SEED)
REF = dt.date(2024, 11, 1)


def _tuples(text):
    """The comma-separated entries of a multi-line string table, each split on whitespace."""
    return [tuple(x.strip().split()) for x in text.replace("\n", "").split(",") if x.strip()]


def _items(text):
    """The comma-separated entries of a multi-line string table (spaces inside are kept)."""
    return [x.strip() for x in text.replace("\n", "").split(",") if x.strip()]


def _word_pairs(text):
    """{a: b} for the whitespace-separated words `a b a b ...` of a string table."""
    words = text.split()
    return dict(zip(words[::2], words[1::2], strict=True))


# ----------------------------------------------------------------------------- name material
SURNAMES = """佐藤 サトウ, 鈴木 スズキ, 高橋 タカハシ, 田中 タナカ, 伊藤 イトウ, 渡辺 ワタナベ,
    山本 ヤマモト, 中村 ナカムラ, 小林 コバヤシ, 加藤 カトウ, 吉田 ヨシダ, 山田 ヤマダ,
    佐々木 ササキ, 山口 ヤマグチ, 松本 マツモト, 井上 イノウエ, 木村 キムラ, 林 ハヤシ,
    斎藤 サイトウ, 清水 シミズ, 山崎 ヤマザキ, 森 モリ, 池田 イケダ, 橋本 ハシモト, 阿部 アベ,
    石川 イシカワ, 山下 ヤマシタ, 中島 ナカジマ, 石井 イシイ, 小川 オガワ, 前田 マエダ,
    岡田 オカダ, 長谷川 ハセガワ, 藤田 フジタ, 後藤 ゴトウ, 近藤 コンドウ, 村上 ムラカミ,
    遠藤 エンドウ, 青木 アオキ, 坂本 サカモト, 福田 フクダ, 太田 オオタ, 西村 ニシムラ,
    藤井 フジイ, 金子 カネコ, 岡本 オカモト, 藤原 フジワラ, 中野 ナカノ, 三浦 ミウラ, 原田 ハラダ,
    中川 ナカガワ, 松田 マツダ, 竹内 タケウチ, 小野 オノ, 田村 タムラ, 中山 ナカヤマ, 和田 ワダ,
    石田 イシダ, 森田 モリタ, 上田 ウエダ, 原 ハラ, 内田 ウチダ, 柴田 シバタ, 酒井 サカイ,
    宮崎 ミヤザキ, 横山 ヨコヤマ, 高木 タカギ, 安藤 アンドウ, 宮本 ミヤモト, 大野 オオノ,
    小島 コジマ, 工藤 クドウ, 谷口 タニグチ, 今井 イマイ, 高田 タカダ, 丸山 マルヤマ, 増田 マスダ,
    杉山 スギヤマ, 村田 ムラタ, 大塚 オオツカ, 小山 コヤマ, 平野 ヒラノ, 藤本 フジモト, 久保 クボ,
    松井 マツイ, 千葉 チバ, 岩崎 イワサキ, 桜井 サクライ, 木下 キノシタ, 野口 ノグチ, 松尾 マツオ,
    菊地 キクチ, 野村 ノムラ, 新井 アライ, 五十嵐 イガラシ, 東海林 ショウジ, 勅使河原 テシガワラ,
    小鳥遊 タカナシ, 服部 ハットリ, 大和田 オオワダ, 比嘉 ヒガ, 金城 キンジョウ, 宮城 ミヤギ,
    福島 フクシマ, 長野 ナガノ, 秋田 アキタ, 熊谷 クマガイ, 渋谷 シブヤ, 上野 ウエノ,
    大宮 オオミヤ, 武田 タケダ, 堀 ホリ, 菅原 スガワラ, 関 セキ, 西田 ニシダ, 荒木 アラキ,
    浅野 アサノ, 望月 モチヅキ"""
VARIANT_SURNAMES = """髙橋 タカハシ, 山﨑 ヤマザキ, 𠮷田 ヨシダ, 濵田 ハマダ, 齋藤 サイトウ,
    齊藤 サイトウ, 渡邊 ワタナベ, 渡邉 ワタナベ, 德永 トクナガ, 栁田 ヤナギダ, 邉見 ヘンミ,
    髙木 タカギ, 宮﨑 ミヤザキ"""
CP932_UNSAFE = {"𠮷"}
MALE = """翔太 ショウタ, 大輝 ダイキ, 蓮 レン, 悠真 ユウマ, 陽翔 ハルト, 湊 ミナト, 樹 イツキ,
    大和 ヤマト, 健太 ケンタ, 拓海 タクミ, 颯太 ソウタ, 悠斗 ユウト, 陸 リク, 蒼 アオイ,
    一郎 イチロウ, 誠 マコト, 隆 タカシ, 浩二 コウジ, 健一 ケンイチ, 和也 カズヤ, 直樹 ナオキ,
    博 ヒロシ, 茂 シゲル, 翼 ツバサ, 亮 リョウ, 達也 タツヤ, 智也 トモヤ, 慎吾 シンゴ,
    康介 コウスケ, 優斗 ユウト, 正 タダシ, 勇気 ユウキ, 駿 シュン, 晴 ハル, 奏太 カナタ,
    朝陽 アサヒ, 碧 アオ, 律 リツ, 修 オサム, 稔 ミノル"""
FEMALE = """陽葵 ヒマリ, 結菜 ユイナ, 凛 リン, 芽依 メイ, 葵 アオイ, さくら サクラ, 美咲 ミサキ,
    結衣 ユイ, 花子 ハナコ, 陽菜 ヒナ, 莉子 リコ, 美優 ミユ, 愛 アイ, 真由美 マユミ, 恵子 ケイコ,
    裕子 ユウコ, 由美 ユミ, 直美 ナオミ, 智子 トモコ, 久美子 クミコ, 彩 アヤ, 千尋 チヒロ,
    明日香 アスカ, 杏 アン, 紬 ツムギ, ひかり ヒカリ, みゆき ミユキ, 友美 トモミ, 沙織 サオリ,
    麻衣 マイ, 澪 ミオ, 心春 コハル, 詩 ウタ, 舞子 マイコ, 和子 カズコ, 幸子 サチコ, 里奈 リナ,
    栞 シオリ, 紗希 サキ, 遥 ハルカ"""


SUR, VSUR, MAL, FEM = _tuples(SURNAMES), _tuples(VARIANT_SURNAMES), _tuples(MALE), _tuples(FEMALE)

# ----------------------------------------------------------------------------- kana helpers
_HW = {}
for cp in range(0xFF61, 0xFFA0):
    h = chr(cp)
    _HW.setdefault(unicodedata.normalize("NFKC", h), h)
    for mark in "ﾞﾟ":
        full = unicodedata.normalize("NFKC", h + mark)
        if len(full) == 1:
            _HW[full] = h + mark
_HW["　"] = " "


def halfwidth_kana(s):
    return "".join(_HW.get(c, c) for c in s)


def hira(s):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


_DIGRAPHS = """キャ kya キュ kyu キョ kyo シャ sha シュ shu ショ sho チャ cha チュ chu
    チョ cho ニャ nya ニュ nyu ニョ nyo ヒャ hya ヒュ hyu ヒョ hyo ミャ mya ミュ myu ミョ myo
    リャ rya リュ ryu リョ ryo ギャ gya ギュ gyu ギョ gyo ジャ ja ジュ ju ジョ jo ビャ bya
    ビュ byu ビョ byo ピャ pya ピュ pyu ピョ pyo"""
_MONOGRAPHS = """ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko サ sa シ shi ス su セ se
    ソ so タ ta チ chi ツ tsu テ te ト to ナ na ニ ni ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he
    ホ ho マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro ワ wa
    ヲ o ン n ガ ga ギ gi グ gu ゲ ge ゴ go ザ za ジ ji ズ zu ゼ ze ゾ zo ダ da ヂ ji ヅ zu
    デ de ド do バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po"""
ROMA = _word_pairs(_DIGRAPHS) | _word_pairs(_MONOGRAPHS)


def romaji(kana):
    out, i = "", 0
    while i < len(kana):
        two = kana[i : i + 2]
        if two in ROMA:
            out += ROMA[two]
            i += 2
            continue
        c = kana[i]
        if c == "ッ" and i + 1 < len(kana):
            nxt = ROMA.get(kana[i + 1 : i + 3]) or ROMA.get(kana[i + 1], "")
            out += nxt[:1]
            i += 1
            continue
        if c == "ー":
            i += 1
            continue
        out += ROMA.get(c, "")
        i += 1
    out = out.replace("ou", "o").replace("uu", "u")  # passport style Sato, Yuto
    return out.capitalize()


# ----------------------------------------------------------------------------- people
class Person:
    def __init__(self, sex=None, last=None, variant_rate=0.06, cp932=False, age=(15, 18)):
        self.sex = sex or R.choice("MF")
        if last:
            self.last, self.last_k = last
        else:
            pool = [v for v in VSUR if not (cp932 and any(c in CP932_UNSAFE for c in v[0]))]
            self.last, self.last_k = R.choice(pool) if R.random() < variant_rate else R.choice(SUR)
        self.first, self.first_k = R.choice(MAL if self.sex == "M" else FEM)
        y = REF.year - R.randint(*age)
        self.dob = dt.date(y, 1, 1) + dt.timedelta(days=R.randint(0, 364))
        self.age = (
            REF.year - self.dob.year - ((REF.month, REF.day) < (self.dob.month, self.dob.day))
        )

    def name(self, sep="　"):
        return f"{self.last}{sep}{self.first}"

    def kana(self, style="kata", sep="　"):
        k = f"{self.last_k}{sep}{self.first_k}"
        if style == "hira":
            return hira(k)
        if style == "half":
            return halfwidth_kana(f"{self.last_k} {self.first_k}")
        return k

    def roman(self, order="gf"):
        if order == "gf":
            return f"{romaji(self.first_k)} {romaji(self.last_k)}"
        return f"{romaji(self.last_k).upper()} {romaji(self.first_k)}"

    def email(self, domain=None):
        a, b = romaji(self.first_k).lower(), romaji(self.last_k).lower()
        local = R.choice(
            [
                f"{a}.{b}",
                f"{b}.{a}",
                f"{a}{R.randint(1, 99)}",
                f"{b}{a[:1]}{R.randint(70, 99)}",
                f"{a}_{b}",
            ]
        )
        domain = domain or R.choice(
            [
                "example.jp",
                "example.ne.jp",
                "example.com",
                "mail.example.jp",
                "docomo.example.ne.jp",
                "ezweb.example.ne.jp",
            ]
        )
        return f"{local}@{domain}"


def fam_member(p, sex=None, age=(38, 52), cp932=False):
    return Person(sex=sex, last=(p.last, p.last_k), age=age, cp932=cp932)


# ----------------------------------------------------------------------------- values
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
KANJI_NUM = "〇一二三四五六七八九"


def fw(s):
    return s.translate(FW)


def phone(kind=None, style="hyphen"):
    kind = kind or R.choice(["mobile", "mobile", "land"])
    if kind == "mobile":
        parts = [
            R.choice(["090", "080", "070"]),
            f"{R.randint(1000, 9999)}",
            f"{R.randint(0, 9999):04d}",
        ]
    else:
        area = R.choice(
            ["03", "06", "045", "048", "043", "052", "011", "092", "0422", "0476", "0267", "022"]
        )
        mid = 8 - len(area) + 2 - 4
        parts = [
            area,
            f"{R.randint(10 ** (mid - 1) * 2, 10**mid - 1)}",
            f"{R.randint(0, 9999):04d}",
        ]
    if style == "hyphen":
        return "-".join(parts)
    if style == "plain":
        return "".join(parts)
    if style == "paren":
        return f"{parts[0]}({parts[1]}){parts[2]}"
    if style == "fw":
        return fw("-".join(parts))
    return "-".join(parts)


AREAS = [
    ("東京都", "世田谷区", ["三軒茶屋", "太子堂", "経堂", "桜新町", "用賀"], "154"),
    ("東京都", "練馬区", ["石神井町", "大泉学園町", "光が丘", "豊玉北"], "177"),
    ("東京都", "八王子市", ["明神町", "子安町", "元本郷町", "横山町"], "192"),
    ("神奈川県", "横浜市港北区", ["日吉本町", "綱島西", "大倉山", "菊名"], "223"),
    ("神奈川県", "川崎市中原区", ["小杉町", "新丸子町", "木月"], "211"),
    ("埼玉県", "さいたま市浦和区", ["高砂", "常盤", "岸町"], "330"),
    ("埼玉県", "川越市", ["脇田町", "新富町", "連雀町"], "350"),
    ("千葉県", "船橋市", ["本町", "宮本", "夏見"], "273"),
    ("千葉県", "柏市", ["旭町", "豊四季", "明原"], "277"),
    ("大阪府", "大阪市北区", ["梅田", "天神橋", "中崎"], "530"),
    ("大阪府", "豊中市", ["服部元町", "庄内東町", "曽根東町"], "561"),
    ("京都府", "京都市左京区", ["下鴨本町", "北白川別当町", "田中里ノ前町"], "606"),
    ("愛知県", "名古屋市千種区", ["今池", "覚王山通", "星が丘元町"], "464"),
    ("愛知県", "豊田市", ["挙母町", "元城町", "若宮町"], "471"),
    ("福岡県", "福岡市中央区", ["天神", "大名", "薬院"], "810"),
    ("北海道", "札幌市中央区", ["南一条西", "北三条西", "大通西"], "060"),
    ("宮城県", "仙台市青葉区", ["一番町", "国分町", "上杉"], "980"),
    ("広島県", "広島市中区", ["紙屋町", "八丁堀", "大手町"], "730"),
    ("静岡県", "浜松市中央区", ["鍛冶町", "板屋町", "砂山町"], "430"),
    ("沖縄県", "那覇市", ["久茂地", "松山", "首里当蔵町"], "900"),
    ("新潟県", "新潟市中央区", ["古町通", "万代", "東大通"], "951"),
    ("長野県", "松本市", ["中央", "深志", "城東"], "390"),
]
BUILDINGS = _items("""コーポ, ハイツ, メゾン, レジデンス, グランドパレス, パークハウス,
    サンライズマンション, ライオンズマンション, シャトー, アーバンコート, ヴィラ, フラット""")


class Addr:
    def __init__(self, area=None):
        self.pref, self.city, towns, self.zip3 = area or R.choice(AREAS)
        self.town = R.choice(towns)
        self.c, self.b, self.g = R.randint(1, 6), R.randint(1, 30), R.randint(1, 25)
        self.zip = f"{self.zip3}-{R.randint(0, 9999):04d}"
        self.bldg = None
        if R.random() < 0.4:
            self.bldg = (
                f"{R.choice(BUILDINGS)}{R.choice([self.town, '', '第2', 'II'])}"
                f"{R.choice([' ', '', '　'])}{R.randint(1, 9)}0{R.randint(1, 9)}"
                f"{R.choice(['', '', '号室'])}"
            )

    def street(self, style="kanji"):
        c, b, g = self.c, self.b, self.g
        if style == "kanji":
            return f"{self.town}{c}丁目{b}番{g}号"
        if style == "kanji_num":
            return f"{self.town}{KANJI_NUM[c]}丁目{b}番{g}号"
        if style == "banchi":
            return f"{self.town}{c}丁目{b}番地{g}"
        if style == "fw":
            return f"{self.town}{fw(f'{c}-{b}-{g}')}"
        return f"{self.town}{c}-{b}-{g}"

    def full(self, pref=True, style=None, bldg=True, sep=None):
        style = style or R.choice(["kanji", "hyphen", "hyphen", "banchi", "fw", "kanji_num"])
        s = (self.pref if pref else "") + self.city + self.street(style)
        if bldg and self.bldg:
            s += (sep if sep is not None else R.choice([" ", "　", ""])) + self.bldg
        return s


def zipcode(a, style="hyphen"):
    if style == "mark":
        return "〒" + a.zip
    if style == "plain":
        return a.zip.replace("-", "")
    if style == "fw":
        return fw(a.zip)
    return a.zip


ERAS = [
    ("令和", dt.date(2019, 5, 1), "R"),
    ("平成", dt.date(1989, 1, 8), "H"),
    ("昭和", dt.date(1926, 12, 25), "S"),
]


def wareki(d, style="long"):
    for name, start, letter in ERAS:
        if d >= start:
            y = d.year - start.year + 1
            if style == "long":
                ys = "元" if y == 1 else str(y)
                return f"{name}{ys}年{d.month}月{d.day}日"
            if style == "short":
                return f"{letter}{y}.{d.month}.{d.day}"
            return f"{letter}{y:02d}/{d.month:02d}/{d.day:02d}"
    raise ValueError(d)


def dstr(d, style="slash"):
    return {
        "slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
        "iso": d.isoformat(),
        "slash1": f"{d.year}/{d.month}/{d.day}",
        "kanji": f"{d.year}年{d.month}月{d.day}日",
        "compact": d.strftime("%Y%m%d"),
    }[style]


def mynumber():
    base = [R.randint(0, 9) for _ in range(11)]
    base[0] = R.randint(1, 9)
    s = sum(int(base[-n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    return "".join(map(str, base)) + str(0 if r <= 1 else 11 - r)


def bad_mynumber():
    while True:
        good = mynumber()
        bad = good[:-1] + str((int(good[-1]) + R.randint(1, 9)) % 10)
        # make sure it fails (check digit unique)
        base = bad[:11]
        s = sum(int(base[-n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
        r = s % 11
        if int(bad[-1]) != (0 if r <= 1 else 11 - r):
            return bad


def corp_number():
    base = [R.randint(0, 9) for _ in range(12)]
    s = sum(base[-n] * (1 if n % 2 else 2) for n in range(1, 13))
    return str(9 - s % 9) + "".join(map(str, base))


def jan():
    d = [4, 9] + [R.randint(0, 9) for _ in range(10)]
    s = sum(x * (3 if i % 2 else 1) for i, x in enumerate(d))
    return "".join(map(str, d)) + str((10 - s % 10) % 10)


COMPANIES_BASE = _items("""山田製作所, 東洋精機, みなと物流, さくら商事, 北斗電機, 丸福食品,
    大和建設, 日之出印刷, 中央不動産, ひかり通信, 青葉工業, あおい保険サービス, 富士見運輸,
    三光化学, 旭日鋼材, 平和設備, 双葉商会, 東邦システム, 明和製菓, 昭栄技研, 北星産業, 南海水産,
    緑山造園, 千代田サービス, 相模精工, 信濃ハウジング, 瀬戸内海運, 武蔵野ベーカリー,
    九州ソーラー""")


def company():
    b = R.choice(
        [
            *COMPANIES_BASE,
            F.company().replace("株式会社", "").replace("有限会社", "").replace("合同会社", ""),
        ]
    )
    form = R.choice(
        [
            "株式会社{}",
            "{}株式会社",
            "株式会社{}",
            "有限会社{}",
            "{}有限会社",
            "合同会社{}",
            "(株){}",
            "{}(株)",
        ]
    )
    return form.format(b)


DEPTS = _items("""総務部, 人事部, 経理部, 営業部, 営業第一課, 購買部, 情報システム部, 品質保証課,
    製造部, 企画室, 法務部, 広報課, 管理本部, 技術開発部, カスタマーサポート""")
TITLES = _items(
    """部長, 課長, 係長, 主任, 課長代理, 次長, 本部長, 取締役, 代表取締役, マネージャー"""
)
TITLES += ["", "", "", ""]  # no title

# ----------------------------------------------------------------------------- writers
TRUTH_ROWS = []


class Col:
    def __init__(self, header, expected, fn, ok="", note=""):
        self.header, self.expected, self.fn, self.ok, self.note = header, expected, fn, ok, note


def build(cols, n, ctx):
    rows = []
    for i in range(n):
        c = ctx(i)
        rows.append([col.fn(c) for col in cols])
    return rows


def truth(file, sheet, cols):
    for col in cols:
        if col.header == "" and col.expected == "NONE":
            continue
        TRUTH_ROWS.append([file, sheet, col.header, col.expected, col.ok, col.note])


def write_csv(rel, cols, rows, enc="utf-8-sig", delim=",", pre=(), post=(), header=True, nl="\r\n"):
    path = SHARE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=enc, newline="") as fh:
        w = csv.writer(fh, delimiter=delim, lineterminator=nl)
        for r in pre:
            w.writerow(r)
        if header:
            w.writerow([c.header for c in cols])
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
        for r in post:
            w.writerow(r)
    truth(rel, "", cols)


class Sheet:
    def __init__(
        self,
        name,
        cols,
        rows,
        title=None,
        subtitle=None,
        notes=(),
        date_fmt="yyyy/mm/dd",
        start_col=1,
    ):
        self.name, self.cols, self.rows = name, cols, rows
        self.title, self.subtitle, self.notes = title, subtitle, notes
        self.date_fmt, self.start_col = date_fmt, start_col


def write_xlsx(rel, sheets):
    path = SHARE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh.name)
        r = 1
        c0 = sh.start_col
        ncol = len(sh.cols)
        if sh.title:
            ws.cell(r, c0, sh.title).font = Font(size=14, bold=True)
            ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + ncol - 1)
            ws.cell(r, c0).alignment = Alignment(horizontal="center")
            r += 1
            if sh.subtitle:
                ws.cell(r, c0 + ncol - 2, sh.subtitle)
            r += 1
        for j, col in enumerate(sh.cols):
            ws.cell(r, c0 + j, col.header or None).font = Font(bold=True)
        for row in sh.rows:
            r += 1
            for j, v in enumerate(row):
                if v is None or v == "":
                    continue
                cell = ws.cell(r, c0 + j, v)
                if isinstance(v, (dt.date, dt.datetime)):
                    cell.number_format = sh.date_fmt
        if sh.notes:
            r += 1
            for note in sh.notes:
                r += 1
                ws.cell(r, c0, note)
        truth(rel, sh.name, sh.cols)
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 11, 1, 9, 0, 0)
    wb.save(path)


def C(h, e, fn, ok="", note=""):
    return Col(h, e, fn, ok, note)


def N(h, fn, ok="", note=""):
    return Col(h, "NONE", fn, ok, note)


# ============================================================================= POSITIVE files
def ctx_student(age=(15, 18), cp932=False, variant=0.08):
    def f(i):
        p = Person(age=age, cp932=cp932, variant_rate=variant)
        g = fam_member(p, cp932=cp932)
        return dict(i=i, p=p, g=g, a=Addr())

    return f


def school_roster():
    rel = "小学校・中学校・高校/R6_3年2組_名簿.xlsx"
    cols = [
        C("出席番号", "STUDENT_ID", lambda c: c["i"] + 1, ok="NONE", note="attendance no 1..40"),
        C("氏　名", "PERSON", lambda c: c["p"].name()),
        C("ふりがな", "PERSON_KANA", lambda c: c["p"].kana("hira")),
        C("男女", "GENDER", lambda c: "男" if c["p"].sex == "M" else "女"),
        C("生年月日", "DATE_OF_BIRTH", lambda c: c["p"].dob),
        C("〒", "POSTAL_CODE", lambda c: zipcode(c["a"])),
        C("住　所", "ADDRESS", lambda c: c["a"].full()),
        N("", lambda c: ""),
        C("保護者氏名", "PERSON", lambda c: c["g"].name()),
        C("自宅電話", "PHONE_NUMBER", lambda c: phone("land")),
    ]
    rows = sorted(build(cols, 38, ctx_student()), key=lambda r: r[2])
    for k, r in enumerate(rows):
        r[0] = k + 1
    write_xlsx(
        rel,
        [
            Sheet(
                "3-2",
                cols,
                rows,
                title="令和6年度 3年2組 名簿",
                subtitle="担任：教務部作成",
                notes=[
                    "※個人情報につき取扱注意。学外への持ち出し禁止。",
                    "※転入生は末尾に追記すること",
                ],
            )
        ],
    )


def renrakumo():
    rel = "小学校・中学校・高校/1年3組_連絡網.csv"
    cols = [
        C("番号", "STUDENT_ID", lambda c: c["i"] + 1, ok="NONE"),
        C("児童氏名", "PERSON", lambda c: c["p"].name(" ")),
        C("保護者名", "PERSON", lambda c: c["g"].name(" ")),
        C("自宅電話", "PHONE_NUMBER", lambda c: phone("land")),
        C("携帯", "PHONE_NUMBER", lambda c: phone("mobile", R.choice(["hyphen", "plain"]))),
        C(
            "緊急連絡先",
            "PHONE_NUMBER",
            lambda c: phone("mobile") + R.choice(["（父）", "（母）", "(祖母)", ""]),
        ),
        C("次へ回す人", "PERSON", lambda c: "", note="filled below"),
    ]
    rows = build(cols, 32, ctx_student(age=(6, 7), cp932=True))
    for k in range(len(rows)):
        rows[k][6] = rows[(k + 1) % len(rows)][1] if k + 1 < len(rows) else "担任"
    write_csv(
        rel,
        cols,
        rows,
        enc="cp932",
        pre=[["令和6年度 1年3組 緊急連絡網"], [""]],
        post=[[""], ["※連絡網は上から順に回してください。不在の場合は次の方へ。"]],
    )


def seiseki():
    rel = "小学校・中学校・高校/2学期_成績一覧.xlsx"
    subj = ["国語", "数学", "英語", "理科", "社会"]
    cols = [
        C("生徒番号", "STUDENT_ID", lambda c: f"2{R.randint(1, 6)}{c['i'] + 1:02d}"),
        C("生徒名", "PERSON", lambda c: c["p"].name()),
    ]
    cols += [N(s, lambda c: R.randint(25, 100), ok="GRADE", note="subject score") for s in subj]
    cols += [
        N("合計", lambda c: 0, ok="GRADE"),
        C("評定", "GRADE", lambda c: R.choice([2, 3, 3, 4, 4, 5])),
        C("評価", "GRADE", lambda c: R.choice("ABBBC")),
        N("備考", lambda c: R.choice(["", "", "", "追試", "欠席2"])),
    ]
    rows = build(cols, 36, ctx_student())
    for r in rows:
        r[7] = sum(r[2:7])
    sheets = [Sheet("2年1組", cols, rows, title="令和6年度 2学期 期末考査 成績一覧（2年1組）")]
    rows2 = build(cols, 35, ctx_student())
    for r in rows2:
        r[7] = sum(r[2:7])
    sheets.append(Sheet("2年2組", cols, rows2, title="令和6年度 2学期 期末考査 成績一覧（2年2組）"))
    write_xlsx(rel, sheets)


def kenshin():
    rel = "小学校・中学校・高校/保健室/健康診断結果_R6.xlsx"
    cols = [
        N("学年", lambda c: c["g_"]),
        N("組", lambda c: c["k_"]),
        C("番号", "STUDENT_ID", lambda c: c["i"] + 1, ok="NONE"),
        C("児童氏名", "PERSON", lambda c: c["p"].name()),
        C("性別", "GENDER", lambda c: "男" if c["p"].sex == "M" else "女"),
        C("生年月日（和暦）", "DATE_OF_BIRTH", lambda c: wareki(c["p"].dob)),
        N("身長(cm)", lambda c: round(R.uniform(110, 150), 1)),
        N("体重(kg)", lambda c: round(R.uniform(18, 45), 1)),
        N("視力(右)", lambda c: R.choice("ABBCD"), ok="SENSITIVE", note="health check result"),
        N("視力(左)", lambda c: R.choice("ABBCD"), ok="SENSITIVE", note="health check result"),
        N(
            "歯科所見",
            lambda c: R.choice(["異常なし", "異常なし", "要観察", "う歯1", "CO"]),
            ok="SENSITIVE",
            note="health check result",
        ),
        N("", lambda c: ""),
        N(
            "所見・指導事項",
            lambda c: R.choice(["", "", "", "要受診（眼科）", "経過観察"]),
            ok="SENSITIVE",
            note="health check result",
        ),
    ]
    sheets = []
    for g, age in [(1, (6, 7)), (4, (9, 10)), (6, (11, 12))]:
        st = ctx_student(age=age)

        def ctx(i, g=g, st=st):
            d = st(i)
            d["g_"] = g
            d["k_"] = R.randint(1, 3)
            return d

        sheets.append(
            Sheet(
                f"{g}年",
                cols,
                build(cols, 40, ctx),
                title=f"令和6年度 定期健康診断結果一覧 第{g}学年",
                notes=["※保健室保管。コピー禁止。"],
            )
        )
    write_xlsx(rel, sheets)


def pta():
    rel = "小学校・中学校・高校/PTA/保護者連絡先_PTA役員.csv"
    cols = [
        C("児童名", "PERSON", lambda c: c["p"].name("")),
        N("学年・組", lambda c: f"{R.randint(1, 6)}年{R.randint(1, 3)}組"),
        C("保護者氏名", "PERSON", lambda c: c["g"].name()),
        N(
            "PTA役職",
            lambda c: R.choice(["会長", "副会長", "書記", "会計", "委員", "委員", "委員"]),
        ),
        C("連絡先メール", "EMAIL_ADDRESS", lambda c: c["g"].email()),
        C(
            "携帯電話番号",
            "PHONE_NUMBER",
            lambda c: phone("mobile", "fw"),
            note="full-width digits",
        ),
    ]
    write_csv(rel, cols, build(cols, 24, ctx_student(age=(6, 12), cp932=True)), enc="cp932")


def bukatsu():
    rel = "小学校・中学校・高校/部活動/サッカー部_部員名簿.tsv"
    cols = [
        C(
            "生徒番号",
            "STUDENT_ID",
            lambda c: f"{R.randint(1, 3)}{R.randint(1, 8)}{R.randint(1, 40):02d}",
        ),
        C("名前", "PERSON", lambda c: c["p"].name(" ")),
        C("よみがな", "PERSON_KANA", lambda c: c["p"].kana("hira", " ")),
        N("学年", lambda c: R.randint(1, 3)),
        N("組", lambda c: R.randint(1, 8)),
        N("役職", lambda c: R.choice(["部長", "副部長", "マネージャー", "", "", "", "", ""])),
        N("ポジション", lambda c: R.choice(["GK", "DF", "MF", "FW"])),
        C("緊急連絡先", "PHONE_NUMBER", lambda c: phone()),
    ]
    write_csv(rel, cols, build(cols, 27, ctx_student()), enc="utf-8", delim="\t", nl="\n")


def tsuchihyo():
    rel = "小学校・中学校・高校/通知表_観点別評価.xlsx"
    cols = [
        C("出席番号", "STUDENT_ID", lambda c: c["i"] + 1, ok="NONE"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        N("知識・技能", lambda c: R.choice("AABBC"), ok="GRADE"),
        N("思考・判断・表現", lambda c: R.choice("AABBC"), ok="GRADE"),
        N("主体的に学習に取り組む態度", lambda c: R.choice("AABBC"), ok="GRADE"),
        C("評定", "GRADE", lambda c: R.randint(1, 5)),
        N(
            "所見",
            lambda c: R.choice(
                ["学習に意欲的に取り組んだ。", "発表が増えた。", "提出物を期限内に出せた。"]
            ),
        ),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "数学",
                cols,
                build(cols, 34, ctx_student(age=(13, 14))),
                title="令和6年度 2年1組 数学 観点別学習状況",
            )
        ],
    )


def shussekibo():
    rel = "小学校・中学校・高校/出席簿_11月.xlsx"
    cols = [
        C("No.", "STUDENT_ID", lambda c: c["i"] + 1, ok="NONE"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
    ]
    cols += [
        N(f"11/{d}", lambda c: R.choice(["", "", "", "", "", "", "欠", "遅", "早"]))
        for d in range(1, 16)
    ]
    cols += [N("欠席日数", lambda c: R.randint(0, 3))]
    write_xlsx(
        rel,
        [
            Sheet(
                "11月", cols, build(cols, 33, ctx_student(age=(9, 10))), title="出席簿 4年1組 11月"
            )
        ],
    )


def tenshutsu():
    rel = "小学校・中学校・高校/転出入記録.csv"
    cols = [
        N("区分", lambda c: R.choice(["転入", "転出"])),
        N("異動日", lambda c: dstr(dt.date(2024, R.randint(4, 10), R.randint(1, 28)))),
        C("児童氏名", "PERSON", lambda c: c["p"].name()),
        C("誕生日", "DATE_OF_BIRTH", lambda c: dstr(c["p"].dob, "kanji")),
        C("男女", "GENDER", lambda c: "男" if c["p"].sex == "M" else "女"),
        C("旧住所", "ADDRESS", lambda c: Addr().full()),
        C("新住所", "ADDRESS", lambda c: c["a"].full()),
        N(
            "前籍校・転出先校",
            lambda c: R.choice(["市立中央小学校", "私立青葉学園初等部", "県外", "町立北小学校"]),
        ),
    ]
    write_csv(rel, cols, build(cols, 18, ctx_student(age=(6, 12))), enc="utf-8-sig")


def univ_roster():
    rel = "大学/情報工学科/学生名簿_2024.xlsx"
    cols = [
        C("学籍番号", "STUDENT_ID", lambda c: f"24T{R.randint(1000, 1999)}"),
        C("学生氏名", "PERSON", lambda c: c["p"].name()),
        C("氏名(カナ)", "PERSON_KANA", lambda c: c["p"].kana("kata", " ")),
        N("学年", lambda c: R.randint(1, 4)),
        C("メールアドレス", "EMAIL_ADDRESS", lambda c: f"{c['sid']}@st.example.ac.jp"),
        C("携帯電話", "PHONE_NUMBER", lambda c: phone("mobile")),
        C("現住所", "ADDRESS", lambda c: c["a"].full()),
        C("GPA", "GRADE", lambda c: round(R.uniform(1.2, 3.9), 2)),
        N(
            "指導教員",
            lambda c: R.choice(["佐藤 教授", "中村 准教授", "渡辺 講師"]),
            ok="PERSON",
            note="supervisor surname+title",
        ),
    ]

    def ctx(i):
        p = Person(age=(18, 22))
        return dict(i=i, p=p, a=Addr(), sid=f"t24{R.randint(1000, 9999)}")

    rows = build(cols, 120, ctx)
    for r in rows:
        r[4] = r[0].lower() + "@st.example.ac.jp"
    write_xlsx(rel, [Sheet("名簿", cols, rows)])


def zemi():
    rel = "大学/ゼミ/ゼミ履修者一覧.csv"
    cols = [
        C(
            "学生番号",
            "STUDENT_ID",
            lambda c: f"B{R.randint(21, 23)}{R.choice('ABC')}{R.randint(1, 300):04d}",
        ),
        C("氏名", "PERSON", lambda c: c["p"].name(" ")),
        C("フリガナ", "PERSON_KANA", lambda c: c["p"].kana("kata", " ")),
        N("学年", lambda c: R.randint(3, 4)),
        C("E-mail", "EMAIL_ADDRESS", lambda c: c["p"].email("st.example.ac.jp")),
        C("成績", "GRADE", lambda c: R.choice(["秀", "優", "優", "良", "可", "不可"])),
    ]
    write_csv(rel, cols, build(cols, 22, ctx_student(age=(20, 22))), enc="utf-8-sig")


def intl():
    rel = "大学/国際交流/exchange_students_2024.csv"
    cols = [
        C("Student ID", "STUDENT_ID", lambda c: f"X24{R.randint(100, 999)}"),
        C("Name", "PERSON", lambda c: c["p"].roman(R.choice(["gf", "fg"]))),
        C("DOB", "DATE_OF_BIRTH", lambda c: c["p"].dob.isoformat()),
        C("Gender", "GENDER", lambda c: "Male" if c["p"].sex == "M" else "Female"),
        C("Email", "EMAIL_ADDRESS", lambda c: c["p"].email()),
        C("Phone", "PHONE_NUMBER", lambda c: "+81-" + phone("mobile")[1:]),
        C("Address", "ADDRESS", lambda c: c["a"].full(style="hyphen")),
        N(
            "Home University",
            lambda c: R.choice(
                ["Univ. of Example", "Example State University", "Sample Institute of Technology"]
            ),
        ),
    ]
    write_csv(rel, cols, build(cols, 40, ctx_student(age=(19, 24))), enc="utf-8")


def sotsugyo():
    rel = "大学/同窓会/卒業生名簿_2019年度卒.xlsx"
    cols = [
        N("卒業年度", lambda c: 2019),
        C("学籍番号", "STUDENT_ID", lambda c: f"15{R.randint(10, 99)}{R.randint(100, 999)}"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        C(
            "旧姓",
            "PERSON",
            lambda c: R.choice(SUR)[0] if c["p"].sex == "F" and R.random() < 0.5 else "",
        ),
        N("勤務先", lambda c: company() if R.random() < 0.8 else ""),
        C("〒", "POSTAL_CODE", lambda c: zipcode(c["a"], R.choice(["hyphen", "plain"]))),
        C("自宅住所", "ADDRESS", lambda c: c["a"].full()),
        C("TEL", "PHONE_NUMBER", lambda c: phone()),
        C("E-mail", "EMAIL_ADDRESS", lambda c: c["p"].email()),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "2019年度卒",
                cols,
                build(cols, 150, ctx_student(age=(26, 28))),
                title="〇〇大学 経済学部 2019年度卒業生名簿",
                subtitle="同窓会事務局",
            )
        ],
    )


def enquete():
    rel = "大学/アンケート/授業評価アンケート_回答.xlsx"
    cols = [
        N(
            "タイムスタンプ",
            lambda c: dt.datetime(
                2024, 7, R.randint(15, 31), R.randint(8, 23), R.randint(0, 59), R.randint(0, 59)
            ),
        ),
        C("メールアドレス", "EMAIL_ADDRESS", lambda c: c["p"].email("st.example.ac.jp")),
        C("回答者氏名", "PERSON", lambda c: c["p"].name(R.choice([" ", "", "　"]))),
        N("学年", lambda c: f"{R.randint(1, 4)}年"),
        N("Q1 授業の満足度", lambda c: R.randint(1, 5)),
        N("Q2 難易度", lambda c: R.choice(["易しい", "適切", "難しい"])),
        N(
            "Q3 自由記述",
            lambda c: R.choice(
                [
                    "",
                    "特になし",
                    "スライドを事前に配布してほしい",
                    "課題が多かった",
                    "とても分かりやすかったです",
                ]
            ),
        ),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "フォームの回答 1",
                cols,
                build(cols, 85, ctx_student(age=(18, 22))),
                date_fmt="yyyy/mm/dd hh:mm:ss",
            )
        ],
    )


def ta_kintai():
    rel = "大学/TA_勤務実績_10月.csv"
    cols = [
        C("学籍番号", "STUDENT_ID", lambda c: f"{R.randint(22, 24)}M{R.randint(100, 599)}"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        N("勤務日", lambda c: dstr(dt.date(2024, 10, R.randint(1, 31)))),
        N("科目", lambda c: R.choice(["プログラミング演習I", "線形代数", "基礎物理実験"])),
        N("勤務時間", lambda c: R.choice([1.5, 3.0, 4.5])),
        N("時給", lambda c: 1200),
    ]
    write_csv(rel, cols, build(cols, 60, ctx_student(age=(22, 25), cp932=True)), enc="cp932")


def juminhyo():
    rel = "市役所/市民課/証明書交付_受付簿_2024年10月.csv"
    cols = [
        N("受付番号", lambda c: f"R6-{c['i'] + 1:05d}"),
        N("受付日", lambda c: wareki(dt.date(2024, 10, R.randint(1, 31)))),
        N(
            "証明書種別",
            lambda c: R.choice(["住民票の写し", "印鑑登録証明書", "戸籍謄本", "課税証明書"]),
        ),
        C("請求者氏名", "PERSON", lambda c: c["p"].name()),
        C("請求者住所", "ADDRESS", lambda c: c["a"].full(pref=False)),
        C("生年月日", "DATE_OF_BIRTH", lambda c: wareki(c["p"].dob)),
        C("連絡先", "PHONE_NUMBER", lambda c: phone()),
        N("本人との関係", lambda c: R.choice(["本人", "本人", "本人", "同一世帯", "代理人"])),
        N("担当", lambda c: R.choice(["窓口1", "窓口2", "窓口3"])),
    ]
    write_csv(rel, cols, build(cols, 200, ctx_student(age=(20, 85), cp932=True)), enc="cp932")


def jidoteate():
    rel = "市役所/こども家庭課/児童手当_受給者一覧.xlsx"

    def ctx(i):
        p = Person(age=(30, 45))
        k = fam_member(p, age=(0, 12))
        return dict(i=i, p=p, k=k, a=Addr(AREAS[16]))

    cols = [
        C(
            "受給者番号",
            "NONE",
            lambda c: f"{100000 + c['i'] * 7}",
            ok="STUDENT_ID EMPLOYEE_ID",
            note="beneficiary number",
        ),
        C("受給者氏名", "PERSON", lambda c: c["p"].name()),
        C("カナ氏名", "PERSON_KANA", lambda c: c["p"].kana("half")),
        C("郵便番号", "POSTAL_CODE", lambda c: zipcode(c["a"], "plain")),
        C(
            "住所1",
            "ADDRESS",
            lambda c: c["a"].city + c["a"].street(R.choice(["kanji", "hyphen", "kanji_num"])),
        ),
        C("住所2", "ADDRESS", lambda c: c["a"].bldg or "", note="building/room only"),
        C("電話", "PHONE_NUMBER", lambda c: phone()),
        C("対象児童氏名", "PERSON", lambda c: c["k"].name()),
        C(
            "児童生年月日（和暦）",
            "DATE_OF_BIRTH",
            lambda c: wareki(c["k"].dob, R.choice(["long", "short"])),
        ),
        N("支給月額", lambda c: R.choice([10000, 15000, 30000])),
        N("口座", lambda c: R.choice(["普通", "当座"])),
    ]
    write_xlsx(rel, [Sheet("受給者一覧", cols, build(cols, 300, ctx))])


def youshien():
    rel = "市役所/防災/避難行動要支援者名簿_北地区.tsv"
    cols = [
        C("名前", "PERSON", lambda c: c["p"].name()),
        N("年齢", lambda c: c["p"].age),
        C("性別", "GENDER", lambda c: 1 if c["p"].sex == "M" else 2, note="coded 1/2"),
        C(
            "住所",
            "ADDRESS",
            lambda c: c["a"].street(R.choice(["kanji", "hyphen"])),
            note="town-only address",
        ),
        C("電話", "PHONE_NUMBER", lambda c: phone("land")),
        C("緊急連絡先", "PHONE_NUMBER", lambda c: phone("mobile")),
        C(
            "支援区分",
            "SENSITIVE",
            lambda c: R.choice(["要介護3", "要介護4", "身体障害1級", "独居高齢者"]),
            note="要配慮 (care level / disability)",
        ),
        N("避難所", lambda c: R.choice(["北小学校体育館", "北地区公民館", "市民センター"])),
    ]

    def ctx(i):
        return dict(p=Person(age=(70, 95)), a=Addr(AREAS[6]))

    write_csv(rel, cols, build(cols, 140, ctx), enc="utf-8", delim="\t")


def kominkan():
    rel = "市役所/生涯学習課/公民館講座_申込者一覧.csv"
    cols = [
        N("申込日", lambda c: dstr(dt.date(2024, 9, R.randint(1, 30)), "slash1")),
        N(
            "講座名",
            lambda c: R.choice(["はじめてのスマホ教室", "書道入門", "健康ヨガ", "郷土史講座"]),
        ),
        C("お名前", "PERSON", lambda c: c["p"].name()),
        C("ふりがな", "PERSON_KANA", lambda c: c["p"].kana("hira")),
        N("年代", lambda c: f"{R.randint(3, 8)}0代"),
        C("電話番号", "PHONE_NUMBER", lambda c: phone(style=R.choice(["hyphen", "paren"]))),
        C(
            "住所",
            "ADDRESS",
            lambda c: c["a"].city + c["a"].street(R.choice(["kanji", "banchi", "hyphen"])),
        ),
    ]
    write_csv(rel, cols, build(cols, 70, ctx_student(age=(30, 85), cp932=True)), enc="cp932")


def shokuin_city():
    rel = "市役所/総務課/職員名簿_R6.xlsx"
    cols = [
        C("職員番号", "EMPLOYEE_ID", lambda c: f"{R.randint(19850, 20240)}{R.randint(10, 99)}"[:6]),
        C("氏名（漢字）", "PERSON", lambda c: c["p"].name()),
        C("氏名(カナ)", "PERSON_KANA", lambda c: c["p"].kana("half")),
        N(
            "所属",
            lambda c: R.choice(["市民課", "税務課", "福祉課", "こども家庭課", "環境課", "総務課"]),
        ),
        N("役職", lambda c: R.choice(["課長", "係長", "主査", "主任", "主事", "主事"])),
        N("内線", lambda c: R.randint(2100, 2899)),
        C("生年月日", "DATE_OF_BIRTH", lambda c: c["p"].dob),
        C("性別", "GENDER", lambda c: "男性" if c["p"].sex == "M" else "女性"),
        N("採用年月日", lambda c: dt.date(R.randint(1990, 2024), 4, 1)),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "職員",
                cols,
                build(cols, 180, ctx_student(age=(22, 60))),
                title="令和6年4月1日現在 職員名簿",
                subtitle="総務課人事係",
            )
        ],
    )


def shain():
    rel = "会社/人事部/社員台帳.xlsx"
    cols = [
        C("社員番号", "EMPLOYEE_ID", lambda c: f"{c['i'] + 1001:06d}"),
        C("姓", "PERSON", lambda c: c["p"].last),
        C("名", "PERSON", lambda c: c["p"].first),
        C("セイ", "PERSON_KANA", lambda c: c["p"].last_k),
        C("メイ", "PERSON_KANA", lambda c: c["p"].first_k),
        C("生年月日", "DATE_OF_BIRTH", lambda c: c["p"].dob),
        N("入社日", lambda c: dt.date(R.randint(1995, 2024), 4, 1)),
        N("部署", lambda c: R.choice(DEPTS)),
        N("役職", lambda c: R.choice(TITLES)),
        C("携帯電話", "PHONE_NUMBER", lambda c: phone("mobile")),
        C("〒", "POSTAL_CODE", lambda c: zipcode(c["a"], "mark")),
        C("自宅住所", "ADDRESS", lambda c: c["a"].full()),
        C("個人番号", "MY_NUMBER", lambda c: mynumber()),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "在籍者", cols, build(cols, 220, ctx_student(age=(22, 64))), date_fmt="yyyy年m月d日"
            )
        ],
    )


def nencho():
    rel = "会社/人事部/年末調整/扶養控除等申告_集計.xlsx"

    def ctx(i):
        p = Person(age=(25, 60))
        d = fam_member(p, age=(0, 20))
        return dict(i=i, p=p, d=d)

    cols = [
        C("社員コード", "EMPLOYEE_ID", lambda c: f"S{c['i'] * 3 + 120:05d}"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        C(
            "マイナンバー",
            "MY_NUMBER",
            lambda c: (lambda m: f"{m[:4]} {m[4:8]} {m[8:]}")(mynumber()),
        ),
        C("扶養親族氏名", "PERSON", lambda c: c["d"].name()),
        N("続柄", lambda c: R.choice(["長男", "長女", "次男", "次女", "配偶者"])),
        C("扶養親族生年月日", "DATE_OF_BIRTH", lambda c: dstr(c["d"].dob)),
        C("扶養親族個人番号", "MY_NUMBER", lambda c: mynumber()),
        N("所得見積額", lambda c: R.choice([0, 0, 0, 480000, 1030000])),
    ]
    write_xlsx(rel, [Sheet("R6", cols, build(cols, 90, ctx))])


def customers():
    rel = "会社/営業部/顧客リスト_2024.csv"
    cols = [
        C(
            "顧客ID",
            "NONE",
            lambda c: f"C{R.randint(100000, 999999)}",
            ok="EMPLOYEE_ID STUDENT_ID",
            note="customer ID (no entity for it)",
        ),
        C("お名前", "PERSON", lambda c: c["p"].name(R.choice([" ", "　", ""]))),
        C("フリガナ", "PERSON_KANA", lambda c: c["p"].kana("kata", R.choice([" ", "　"]))),
        C("〒", "POSTAL_CODE", lambda c: zipcode(c["a"], R.choice(["hyphen", "mark", "plain"]))),
        C("ご住所", "ADDRESS", lambda c: c["a"].full()),
        C("TEL", "PHONE_NUMBER", lambda c: phone()),
        C("メール", "EMAIL_ADDRESS", lambda c: c["p"].email()),
        N("最終購入日", lambda c: dstr(dt.date(2024, R.randint(1, 10), R.randint(1, 28)))),
        N("累計購入額", lambda c: R.randint(1, 300) * 1000),
        N("DM可否", lambda c: R.choice(["可", "否"])),
    ]
    write_csv(rel, cols, build(cols, 400, ctx_student(age=(20, 80))), enc="utf-8-sig")


def fitness():
    rel = "会社/店舗/会員名簿_フィットネス.xlsx"
    cols = [
        C("会員番号", "NONE", lambda c: f"{R.randint(10000, 99999)}", ok="EMPLOYEE_ID STUDENT_ID"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        C("ﾌﾘｶﾞﾅ", "PERSON_KANA", lambda c: c["p"].kana("half")),
        C("性別", "GENDER", lambda c: c["p"].sex),
        C("誕生日", "DATE_OF_BIRTH", lambda c: dstr(c["p"].dob, "slash1")),
        C("電話番号", "PHONE_NUMBER", lambda c: phone(style=R.choice(["hyphen", "plain"]))),
        C("メールアドレス", "EMAIL_ADDRESS", lambda c: c["p"].email()),
        N("入会日", lambda c: dt.date(R.randint(2015, 2024), R.randint(1, 12), 1)),
        N("コース", lambda c: R.choice(["マスター", "デイタイム", "ナイト", "ホリデー"])),
    ]
    write_xlsx(rel, [Sheet("会員", cols, build(cols, 250, ctx_student(age=(18, 75))))])


def meishi():
    rel = "会社/営業部/名刺データ_export.csv"
    cols = [
        N("会社名", lambda c: company()),
        N("部署", lambda c: R.choice(DEPTS)),
        N("役職", lambda c: R.choice(TITLES)),
        C("氏名", "PERSON", lambda c: c["p"].name(" ")),
        C(
            "メール",
            "EMAIL_ADDRESS",
            lambda c: f"{romaji(c['p'].last_k).lower()}@{R.choice(['corp', 'co'])}.example.co.jp",
        ),
        C("電話", "PHONE_NUMBER", lambda c: phone("land"), ok="NONE", note="office number"),
        C("携帯", "PHONE_NUMBER", lambda c: phone("mobile") if R.random() < 0.6 else ""),
        N(
            "会社住所",
            lambda c: (
                c["a"].full(bldg=False)
                + " "
                + R.choice(["本社ビル", "第一ビル5F", "センタービル12階"])
            ),
            ok="ADDRESS",
            note="business address",
        ),
        N("登録日", lambda c: dstr(dt.date(2023, R.randint(1, 12), R.randint(1, 28)))),
    ]
    write_csv(rel, cols, build(cols, 160, ctx_student(age=(25, 65))), enc="utf-8-sig")


def saiyo():
    rel = "会社/人事部/採用/2026新卒_応募者一覧.xlsx"
    cols = [
        C("応募番号", "NONE", lambda c: f"A26-{c['i'] + 1:04d}", ok="EMPLOYEE_ID STUDENT_ID"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        C("よみがな", "PERSON_KANA", lambda c: c["p"].kana("hira")),
        N(
            "大学名",
            lambda c: R.choice(
                ["東都大学", "関西学院大学", "北海道情報大学", "みなと工業大学", "早稲田大学"]
            ),
        ),
        N("学部", lambda c: R.choice(["経済学部", "工学部", "文学部", "法学部"])),
        C("生年月日", "DATE_OF_BIRTH", lambda c: dstr(c["p"].dob, "kanji")),
        C("性別", "GENDER", lambda c: "男性" if c["p"].sex == "M" else "女性"),
        C("連絡先", "PHONE_NUMBER", lambda c: phone("mobile")),
        C("E-mail", "EMAIL_ADDRESS", lambda c: c["p"].email()),
        N("選考状況", lambda c: R.choice(["書類選考", "一次面接", "二次面接", "内定", "辞退"])),
        N("面接日", lambda c: dstr(dt.date(2025, R.randint(3, 6), R.randint(1, 28)))),
    ]
    write_xlsx(rel, [Sheet("応募者", cols, build(cols, 130, ctx_student(age=(21, 23))))])


def sales_en():
    rel = "会社/海外営業/contact_list.xlsx"
    cols = [
        C("Name", "PERSON", lambda c: c["p"].roman("fg")),
        N(
            "Company",
            lambda c: R.choice(
                [
                    "Example Trading Co., Ltd.",
                    "Sample Electronics K.K.",
                    "Demo Foods Inc.",
                    "Acme Japan G.K.",
                ]
            ),
        ),
        N("Title", lambda c: R.choice(["Manager", "Director", "Sales Rep", "CEO"])),
        C("Phone", "PHONE_NUMBER", lambda c: phone()),
        C("Email", "EMAIL_ADDRESS", lambda c: c["p"].email("example.com")),
        C(
            "Address",
            "ADDRESS",
            lambda c: c["a"].full(style="hyphen"),
            ok="NONE",
            note="may be business",
        ),
        C("Date of Birth", "DATE_OF_BIRTH", lambda c: c["p"].dob),
    ]
    write_xlsx(rel, [Sheet("Contacts", cols, build(cols, 60, ctx_student(age=(30, 60))))])


def volunteers():
    rel = "市役所/市民活動/ボランティア登録者.csv"
    cols = [
        C("登録No", "NONE", lambda c: c["i"] + 1, ok="EMPLOYEE_ID STUDENT_ID"),
        C("姓", "PERSON", lambda c: c["p"].last),
        C("名", "PERSON", lambda c: c["p"].first),
        C("よみがな", "PERSON_KANA", lambda c: c["p"].kana("hira", " ")),
        C("自宅住所", "ADDRESS", lambda c: c["a"].full(pref=R.random() < 0.5)),
        C("自宅電話", "PHONE_NUMBER", lambda c: phone("land")),
        C("携帯電話", "PHONE_NUMBER", lambda c: phone("mobile")),
        N(
            "活動分野",
            lambda c: R.choice(["環境美化", "子育て支援", "高齢者見守り", "災害ボランティア"]),
        ),
    ]
    write_csv(rel, cols, build(cols, 90, ctx_student(age=(20, 80))), enc="utf-8-sig")


def sotsugyo_koko():
    rel = "小学校・中学校・高校/卒業生名簿_H30卒.csv"
    cols = [
        N("卒業回", lambda c: "第71回"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        C("カナ氏名", "PERSON_KANA", lambda c: c["p"].kana("kata")),
        C("誕生日", "DATE_OF_BIRTH", lambda c: wareki(c["p"].dob, R.choice(["long", "slash"]))),
        C("性別", "GENDER", lambda c: "男" if c["p"].sex == "M" else "女"),
        C("郵便番号", "POSTAL_CODE", lambda c: zipcode(c["a"], "fw")),
        C("住所", "ADDRESS", lambda c: c["a"].full()),
        N("進路", lambda c: R.choice(["大学進学", "専門学校", "就職", "未定"])),
    ]
    write_csv(rel, cols, build(cols, 200, ctx_student(age=(24, 25), cp932=True)), enc="cp932")


def juken():
    rel = "小学校・中学校・高校/入試/一般入試_得点一覧.csv"
    cols = [
        C("受験番号", "STUDENT_ID", lambda c: f"{1001 + c['i']}", ok="NONE", note="exam no"),
        C("氏名", "PERSON", lambda c: c["p"].name()),
        C(
            "中学校名",
            "NONE",
            lambda c: (
                f"{R.choice(['市立', '区立', '私立'])}"
                f"{R.choice(['第一', '東', '西', '中央', '緑が丘'])}中学校"
            ),
        ),
        N("国語", lambda c: R.randint(30, 100), ok="GRADE"),
        N("数学", lambda c: R.randint(30, 100), ok="GRADE"),
        N("英語", lambda c: R.randint(30, 100), ok="GRADE"),
        C("得点", "GRADE", lambda c: R.randint(120, 300)),
        C("点数", "GRADE", lambda c: R.randint(0, 50), note="interview points"),
        N("合否", lambda c: R.choice(["合", "否", "補"]), ok="GRADE"),
    ]
    write_csv(rel, cols, build(cols, 150, ctx_student(age=(15, 15), cp932=True)), enc="cp932")


# ============================================================================= NEGATIVE files
def torihiki():
    rel = "会社/経理部/取引先一覧.xlsx"
    cols = [
        N("取引先コード", lambda c: f"T{R.randint(1000, 9999)}"),
        N("取引先名", lambda c: company()),
        N("担当部署", lambda c: R.choice(DEPTS)),
        N("業種", lambda c: R.choice(["製造業", "卸売業", "運輸業", "建設業", "情報通信業"])),
        N("法人番号", lambda c: corp_number()),
        N("支払条件", lambda c: R.choice(["月末締め翌月末払い", "20日締め翌月10日払い"])),
        N("資本金(千円)", lambda c: R.randint(10, 50000) * 100),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "取引先", cols, build(cols, 180, lambda i: {}), title="取引先マスタ（2024年10月末）"
            )
        ],
    )


def dantai():
    rel = "資料/関係団体一覧.csv"
    cols = [
        N(
            "団体名",
            lambda c: R.choice(
                [
                    f"{R.choice(['日本', '全国', '関東', '埼玉県'])}"
                    f"{R.choice(['物流', '造園', '印刷', '電設', '食品衛生', '観光'])}"
                    f"{R.choice(['協会', '組合', '協同組合', '連合会', '振興会'])}",
                    company(),
                    f"一般社団法人{R.choice(['地域交通', '日本教育', '環境保全'])}"
                    f"{R.choice(['協会', '機構'])}",
                    f"{R.choice(['中央', '北部', 'みどり'])}農業協同組合",
                ]
            ),
        ),
        N("区分", lambda c: R.choice(["協会", "組合", "企業", "社団法人"])),
        N("所在都道府県", lambda c: R.choice(AREAS)[0]),
        N("会員数", lambda c: R.randint(5, 3000)),
        N("担当課", lambda c: R.choice(["産業振興課", "商工観光課", "企画政策課"])),
    ]
    write_csv(rel, cols, build(cols, 120, lambda i: {}), enc="cp932")


# station, reading, line, municipality
_STATION_TABLE = _tuples("""大宮 おおみや JR京浜東北線 さいたま市大宮区,
    上野 うえの JR山手線 台東区, 新宿 しんじゅく JR山手線 新宿区, 渋谷 しぶや JR山手線 渋谷区,
    池袋 いけぶくろ JR山手線 豊島区, 高田馬場 たかだのばば JR山手線 新宿区,
    田端 たばた JR山手線 北区, 大塚 おおつか JR山手線 豊島区, 目黒 めぐろ JR山手線 品川区,
    浜松町 はままつちょう JR山手線 港区, 有楽町 ゆうらくちょう JR山手線 千代田区,
    神田 かんだ JR山手線 千代田区, 日暮里 にっぽり JR山手線 荒川区,
    西日暮里 にしにっぽり JR山手線 荒川区, 駒込 こまごめ JR山手線 豊島区,
    巣鴨 すがも JR山手線 豊島区, 五反田 ごたんだ JR山手線 品川区, 大崎 おおさき JR山手線 品川区,
    恵比寿 えびす JR山手線 渋谷区, 原宿 はらじゅく JR山手線 渋谷区, 代々木 よよぎ JR山手線 渋谷区,
    吉祥寺 きちじょうじ JR中央線 武蔵野市, 三鷹 みたか JR中央線 三鷹市,
    国分寺 こくぶんじ JR中央線 国分寺市, 立川 たちかわ JR中央線 立川市,
    八王子 はちおうじ JR中央線 八王子市, 中野 なかの JR中央線 中野区,
    荻窪 おぎくぼ JR中央線 杉並区, 阿佐ケ谷 あさがや JR中央線 杉並区,
    高円寺 こうえんじ JR中央線 杉並区, 日吉 ひよし 東急東横線 横浜市港北区,
    綱島 つなしま 東急東横線 横浜市港北区, 菊名 きくな 東急東横線 横浜市港北区,
    武蔵小杉 むさしこすぎ 東急東横線 川崎市中原区, 自由が丘 じゆうがおか 東急東横線 目黒区,
    中目黒 なかめぐろ 東急東横線 目黒区, 藤沢 ふじさわ JR東海道線 藤沢市,
    平塚 ひらつか JR東海道線 平塚市, 小田原 おだわら JR東海道線 小田原市,
    熊谷 くまがや JR高崎線 熊谷市, 上尾 あげお JR高崎線 上尾市,
    浦和 うらわ JR京浜東北線 さいたま市浦和区, 川口 かわぐち JR京浜東北線 川口市,
    赤羽 あかばね JR京浜東北線 北区, 王子 おうじ JR京浜東北線 北区, 松戸 まつど JR常磐線 松戸市,
    柏 かしわ JR常磐線 柏市, 我孫子 あびこ JR常磐線 我孫子市, 千葉 ちば JR総武線 千葉市中央区,
    船橋 ふなばし JR総武線 船橋市, 市川 いちかわ JR総武線 市川市,
    西船橋 にしふなばし JR総武線 船橋市, 津田沼 つだぬま JR総武線 習志野市,
    稲毛 いなげ JR総武線 千葉市稲毛区, 本八幡 もとやわた JR総武線 市川市,
    秋葉原 あきはばら JR山手線 千代田区, 品川 しながわ JR山手線 港区, 田町 たまち JR山手線 港区,
    新橋 しんばし JR山手線 港区, 東京 とうきょう JR山手線 千代田区""")
STATIONS = [(name, line, city) for name, _, line, city in _STATION_TABLE]
STATION_YOMI = {name: yomi for name, yomi, _, _ in _STATION_TABLE}


def eki():
    rel = "資料/沿線駅一覧_乗降客数.csv"
    cols = [
        N("駅名", lambda c: c["s"][0]),
        N("よみ", lambda c: "", note="station reading, kana"),
        N("路線", lambda c: c["s"][1]),
        N("所在市区町村", lambda c: c["s"][2]),
        N("1日平均乗降客数", lambda c: R.randint(5000, 700000)),
        N("開業年", lambda c: R.randint(1872, 1990)),
    ]
    rows = build(cols, len(STATIONS), lambda i: {"s": STATIONS[i]})
    for r in rows:
        r[1] = STATION_YOMI[r[0]]
    write_csv(rel, cols, rows, enc="utf-8-sig")


def shikuchoson():
    rel = "資料/市区町村一覧_人口.xlsx"
    munis = _tuples("""北海道 札幌市, 北海道 旭川市, 北海道 函館市, 青森県 青森市, 青森県 八戸市,
        岩手県 盛岡市, 宮城県 仙台市, 宮城県 石巻市, 秋田県 秋田市, 山形県 山形市, 福島県 郡山市,
        福島県 いわき市, 茨城県 水戸市, 茨城県 つくば市, 栃木県 宇都宮市, 群馬県 前橋市,
        群馬県 高崎市, 埼玉県 川越市, 埼玉県 所沢市, 埼玉県 春日部市, 千葉県 松戸市, 千葉県 市原市,
        東京都 世田谷区, 東京都 練馬区, 東京都 町田市, 神奈川県 相模原市, 神奈川県 藤沢市,
        神奈川県 横須賀市, 新潟県 長岡市, 富山県 富山市, 石川県 金沢市, 福井県 福井市,
        山梨県 甲府市, 長野県 上田市, 岐阜県 岐阜市, 静岡県 沼津市, 愛知県 岡崎市, 愛知県 一宮市,
        三重県 四日市市, 滋賀県 大津市, 京都府 宇治市, 大阪府 堺市, 大阪府 枚方市, 兵庫県 姫路市,
        兵庫県 西宮市, 奈良県 奈良市, 和歌山県 和歌山市, 鳥取県 米子市, 島根県 松江市,
        岡山県 倉敷市, 広島県 福山市, 山口県 下関市, 徳島県 徳島市, 香川県 高松市, 愛媛県 松山市,
        高知県 高知市, 福岡県 久留米市, 佐賀県 佐賀市, 長崎県 佐世保市, 熊本県 熊本市,
        大分県 別府市, 宮崎県 都城市, 鹿児島県 霧島市, 沖縄県 沖縄市, 長野県 軽井沢町,
        神奈川県 箱根町, 北海道 ニセコ町, 東京都 檜原村, 沖縄県 読谷村""")
    cols = [
        N("団体コード", lambda c: f"{R.randint(1, 47):02d}{R.randint(100, 999)}{R.randint(0, 9)}"),
        N("都道府県", lambda c: c["m"][0]),
        N("市区町村名", lambda c: c["m"][1]),
        N("人口", lambda c: R.randint(3000, 900000)),
        N("世帯数", lambda c: R.randint(1500, 450000)),
        N("面積(km2)", lambda c: round(R.uniform(10, 800), 2)),
        N("人口増減率(%)", lambda c: round(R.uniform(-3, 2), 2)),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "R6.1.1",
                cols,
                build(cols, len(munis), lambda i: {"m": munis[i]}),
                title="市区町村別人口・世帯数（令和6年1月1日現在）",
                notes=["出典：住民基本台帳に基づく人口、人口動態及び世帯数調査（架空データ）"],
            )
        ],
    )


def shisetsu():
    rel = "市役所/施設管理/公共施設一覧.csv"
    kinds = _items("""市民会館, 中央図書館, 北公民館, 南公民館, 総合体育館, 市民プール,
        こども発達センター, 老人福祉センター, 文化ホール, 郷土資料館, 清掃工場, 第一保育所,
        第二保育所, 東児童館, 市民病院, 斎場, 青少年センター, 男女共同参画センター, 消防本部,
        西出張所""")
    cols = [
        N("施設番号", lambda c: f"F{c['i'] + 1:03d}"),
        N("施設名", lambda c: f"{R.choice(['みどり市立', '', ''])}{kinds[c['i'] % len(kinds)]}"),
        N(
            "所在地",
            lambda c: c["a"].city + c["a"].street(R.choice(["kanji", "banchi"])),
            ok="ADDRESS",
            note="facility address",
        ),
        N("電話", lambda c: phone("land"), ok="PHONE_NUMBER", note="facility phone"),
        N("開館時間", lambda c: R.choice(["9:00-17:00", "9:00-21:00", "10:00-18:00"])),
        N("休館日", lambda c: R.choice(["月曜日", "火曜日", "年末年始"])),
        N("建築年", lambda c: R.randint(1965, 2020)),
    ]
    write_csv(rel, cols, build(cols, 20, lambda i: {"i": i, "a": Addr(AREAS[6])}), enc="cp932")


def gakko():
    rel = "小学校・中学校・高校/市内学校一覧.xlsx"
    names = _items("""中央, 東, 西, 南, 北, 緑が丘, 桜台, 青葉, 若葉, 富士見, 旭, 栄, 本町, 山手,
        城山, 大野, 高田, 松井, 吉田, 上野""")
    cols = [
        N(
            "学校名",
            lambda c: (
                f"みどり市立{names[c['i'] % len(names)]}{'小学校' if c['i'] < 20 else '中学校'}"
            ),
        ),
        N("校種", lambda c: "小学校" if c["i"] < 20 else "中学校"),
        N("児童生徒数", lambda c: R.randint(120, 900)),
        N("学級数", lambda c: R.randint(6, 28)),
        N("特別支援学級数", lambda c: R.randint(0, 4), note="aggregate count per school"),
        N("創立年", lambda c: R.randint(1873, 1985)),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "一覧",
                cols,
                build(cols, 30, lambda i: {"i": i}),
                title="令和6年度 市内小中学校一覧",
            )
        ],
    )


def catalog():
    rel = "会社/商品部/商品カタログ_2024秋冬.xlsx"
    items = _items("""ボールペン, ノート A5, クリアファイル, ホッチキス, 電卓, マグカップ, タオル,
        エコバッグ, USBメモリ 32GB, LEDライト, 折りたたみ傘, 保温ボトル, 卓上カレンダー, 付箋,
        マスキングテープ""")
    cols = [
        N("品番", lambda c: f"{R.choice('ABKM')}{R.randint(10, 99)}-{R.randint(100, 999)}"),
        N(
            "商品名",
            lambda c: (
                f"{R.choice(['さくら', 'ふじ', 'あおば', 'ひかり', 'なごみ', ''])}{R.choice(items)}"
            ),
        ),
        N("カラー", lambda c: R.choice(["黒", "白", "赤", "青", "ネイビー", "ベージュ"])),
        N("JANコード", lambda c: jan()),
        N("価格", lambda c: R.randint(1, 60) * 100 - 1 + 100),
        N("税込価格", lambda c: 0),
        N("在庫数", lambda c: R.randint(0, 5000)),
        N("発売日", lambda c: dt.date(2024, R.randint(8, 11), R.randint(1, 28))),
    ]
    rows = build(cols, 300, lambda i: {})
    for r in rows:
        r[5] = int(r[4] * 1.1)
    write_xlsx(rel, [Sheet("商品一覧", cols, rows)])


def tokei():
    rel = "小学校・中学校・高校/統計/在籍者数の推移.csv"
    rows, cols = (
        [],
        [
            N("年度", None),
            N("学年", None),
            N("男女", None, note="aggregate gender row label"),
            N("人数", None),
            N("割合(%)", None),
            N("前年比", None),
        ],
    )
    for y in range(2015, 2025):
        for g in range(1, 4):
            m, f = R.randint(90, 140), R.randint(90, 140)
            for s, n in [("男", m), ("女", f), ("計", m + f)]:
                rows.append(
                    [
                        f"{y}年度",
                        f"{g}年",
                        s,
                        n,
                        round(100 * n / (m + f), 1),
                        round(R.uniform(0.9, 1.1), 3),
                    ]
                )
    write_csv(rel, cols, rows, enc="utf-8-sig")


def yakushoku():
    rel = "会社/人事部/規程/役職手当一覧.csv"
    data = [
        ("01", "代表取締役", "M5", 200000),
        ("02", "取締役", "M4", 150000),
        ("03", "本部長", "M3", 100000),
        ("04", "部長", "M2", 80000),
        ("05", "次長", "M1", 60000),
        ("06", "課長", "L3", 50000),
        ("07", "課長代理", "L2", 30000),
        ("08", "係長", "L1", 20000),
        ("09", "主任", "S2", 10000),
        ("10", "一般", "S1", 0),
        ("11", "嘱託", "-", 0),
        ("12", "参与", "M2", 70000),
    ]
    cols = [N("役職コード", None), N("役職名", None), N("等級", None), N("役職手当(円)", None)]
    write_csv(rel, cols, [list(d) for d in data], enc="cp932")


def gyoji():
    rel = "小学校・中学校・高校/年間行事予定_R6.xlsx"
    ev = _items("""始業式, 入学式, 身体測定, 家庭訪問, 遠足, 授業参観, プール開き, 終業式,
        夏季休業, 始業式, 運動会, 修学旅行, 音楽会, 個人面談, 避難訓練, 終業式, 冬季休業,
        書き初め大会, 持久走大会, 学習発表会, 6年生を送る会, 卒業式, 修了式""")
    cols = [
        N("日付", lambda c: c["d"]),
        N("曜日", lambda c: "月火水木金土日"[c["d"].weekday()]),
        N("行事名", lambda c: ev[c["i"]]),
        N("対象", lambda c: R.choice(["全学年", "1～3年", "6年", "5年", "保護者"])),
        N("場所", lambda c: R.choice(["体育館", "校庭", "各教室", "音楽室", "京都・奈良"])),
        N("担当", lambda c: R.choice(["教務部", "生徒指導部", "学年主任", "保健部", "PTA"])),
    ]
    start = dt.date(2024, 4, 8)
    write_xlsx(
        rel,
        [
            Sheet(
                "年間",
                cols,
                build(
                    cols, len(ev), lambda i: {"i": i, "d": start + dt.timedelta(days=int(i * 14.5))}
                ),
                title="令和6年度 年間行事予定表",
            )
        ],
    )


def headerless_scores():
    rel = "資料/点数表_見出しなし.csv"
    rows = [[R.randint(30, 100) for _ in range(6)] for _ in range(40)]
    path = SHARE / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    TRUTH_ROWS.append([rel, "", "*", "NONE", "GRADE", "headerless numbers"])


def houjin():
    rel = "資料/法人番号_取得結果.csv"
    cols = [
        N("法人番号", lambda c: corp_number()),
        N("商号又は名称", lambda c: company()),
        N(
            "本店又は主たる事務所の所在地",
            lambda c: (lambda a: a.pref + a.city + a.street("hyphen"))(Addr()),
            ok="ADDRESS",
            note="corporate HQ address",
        ),
        N(
            "更新年月日",
            lambda c: dstr(
                dt.date(R.randint(2015, 2024), R.randint(1, 12), R.randint(1, 28)), "iso"
            ),
        ),
    ]
    write_csv(rel, cols, build(cols, 200, lambda i: {}), enc="utf-8")


def denpyo():
    rel = "会社/経理部/売上伝票_10月.csv"
    cols = [
        N("伝票番号", lambda c: bad_mynumber(), note="12 digits failing My Number check"),
        N("取引日", lambda c: dstr(dt.date(2024, 10, R.randint(1, 31)))),
        N("得意先名", lambda c: company()),
        N("担当部署", lambda c: R.choice(DEPTS)),
        N("金額", lambda c: R.randint(1, 999) * 1000),
        N("消費税", lambda c: 0),
    ]
    rows = build(cols, 400, lambda i: {})
    for r in rows:
        r[5] = r[4] // 10
    write_csv(rel, cols, rows, enc="cp932")


def chimei():
    rel = "資料/地名読み一覧.tsv"
    data = _tuples("""上野 うえの, 大宮 おおみや, 熊谷 くまがや, 秋田 あきた, 長野 ながの,
        宮城 みやぎ, 福島 ふくしま, 千葉 ちば, 渋谷 しぶや, 中野 なかの, 石川 いしかわ,
        岡山 おかやま, 山口 やまぐち, 松本 まつもと, 藤沢 ふじさわ, 小田原 おだわら, 高崎 たかさき,
        前橋 まえばし, 浜松 はままつ, 豊田 とよた, 吉田 よしだ, 森山 もりやま, 岩槻 いわつき,
        春日部 かすかべ, 越谷 こしがや, 狭山 さやま, 所沢 ところざわ, 飯能 はんのう, 入間 いるま,
        草加 そうか, 八潮 やしお, 三郷 みさと, 吉川 よしかわ, 坂戸 さかど, 鶴ヶ島 つるがしま,
        日高 ひだか, 桶川 おけがわ, 北本 きたもと, 鴻巣 こうのす, 行田 ぎょうだ""")
    cols = [
        N("地名", None),
        N("よみ", None, note="kana readings of places"),
        N("区分", None),
        N("コード", None),
    ]
    rows = [
        [a, b, R.choice(["市", "町", "大字", "駅"]), f"{11000 + k * 7}"]
        for k, (a, b) in enumerate(data)
    ]
    write_csv(rel, cols, rows, enc="utf-8", delim="\t", nl="\n")


def busho():
    rel = "会社/総務部/部署一覧_内線表.xlsx"
    cols = [
        N("部署コード", lambda c: f"D{c['i'] + 10:03d}"),
        N("部署名", lambda c: DEPTS[c["i"]]),
        N("所在フロア", lambda c: f"{R.randint(2, 12)}F"),
        N("代表内線", lambda c: R.randint(1000, 1999)),
        N("FAX", lambda c: phone("land"), ok="PHONE_NUMBER", note="office fax"),
        N("部門長役職", lambda c: R.choice(["部長", "課長", "室長", "本部長"])),
    ]
    write_xlsx(rel, [Sheet("部署", cols, build(cols, len(DEPTS), lambda i: {"i": i}))])


def shukujitsu():
    rel = "資料/国民の祝日_2024-2025.csv"
    hol = _tuples("""2024-01-01 元日, 2024-01-08 成人の日, 2024-02-11 建国記念の日,
        2024-02-12 休日, 2024-02-23 天皇誕生日, 2024-03-20 春分の日, 2024-04-29 昭和の日,
        2024-05-03 憲法記念日, 2024-05-04 みどりの日, 2024-05-05 こどもの日, 2024-05-06 休日,
        2024-07-15 海の日, 2024-08-11 山の日, 2024-08-12 休日, 2024-09-16 敬老の日,
        2024-09-22 秋分の日, 2024-09-23 休日, 2024-10-14 スポーツの日, 2024-11-03 文化の日,
        2024-11-04 休日, 2024-11-23 勤労感謝の日, 2025-01-01 元日, 2025-01-13 成人の日,
        2025-02-11 建国記念の日, 2025-02-23 天皇誕生日, 2025-02-24 休日, 2025-03-20 春分の日,
        2025-04-29 昭和の日, 2025-05-03 憲法記念日, 2025-05-04 みどりの日, 2025-05-05 こどもの日,
        2025-05-06 休日""")
    cols = [N("国民の祝日・休日月日", None), N("国民の祝日・休日名称", None)]
    write_csv(rel, cols, [[d.replace("-", "/"), n] for d, n in hol], enc="cp932")


def kyokasho():
    rel = "小学校・中学校・高校/教科書採択一覧.xlsx"
    pubs = _items("""東京書籍株式会社, 株式会社新興出版社啓林館, 光村図書出版株式会社,
        教育出版株式会社, 大日本図書株式会社, 日本文教出版株式会社, 株式会社帝国書院,
        開隆堂出版株式会社, 学校図書株式会社, 三省堂""")
    subj = _items("""国語, 書写, 社会(地理), 社会(歴史), 地図, 数学, 理科, 音楽, 美術, 保健体育,
        技術, 家庭, 英語, 道徳""")
    cols = [
        N("教科", lambda c: subj[c["i"]]),
        N("書名", lambda c: f"新しい{subj[c['i']]}"),
        N("発行者", lambda c: R.choice(pubs)),
        N("記号・番号", lambda c: f"{R.randint(2, 200)}"),
        N("定価", lambda c: R.randint(300, 900)),
    ]
    write_xlsx(
        rel,
        [
            Sheet(
                "中学校",
                cols,
                build(cols, len(subj), lambda i: {"i": i}),
                title="令和7年度使用 中学校教科用図書採択一覧",
            )
        ],
    )


def kaigishitsu():
    rel = "会社/総務部/会議室予約_11月.csv"
    cols = [
        N("予約日", lambda c: dstr(dt.date(2024, 11, R.randint(1, 30)))),
        N("開始", lambda c: f"{R.randint(9, 17)}:{R.choice(['00', '30'])}"),
        N("終了", lambda c: f"{R.randint(10, 19)}:{R.choice(['00', '30'])}"),
        N("会議室", lambda c: R.choice(["大会議室", "第1会議室", "第2会議室", "応接室A"])),
        N("予約部署", lambda c: R.choice(DEPTS)),
        N("用途", lambda c: R.choice(["定例会議", "来客対応", "面接", "研修", "打合せ"])),
        N("人数", lambda c: R.randint(2, 30)),
    ]
    write_csv(rel, cols, build(cols, 120, lambda i: {}), enc="utf-8", delim="\t", nl="\n")


def stat_survey():
    rel = "市役所/企画課/市民意識調査_集計表.xlsx"
    cols = [N("設問", None), N("選択肢", None), N("回答数", None), N("割合(%)", None)]
    rows = []
    for q, opts in [
        (
            "Q1 住みやすさ",
            ["住みやすい", "どちらかといえば住みやすい", "どちらともいえない", "住みにくい"],
        ),
        ("Q2 性別", ["男性", "女性", "その他", "無回答"]),
        ("Q3 年代", ["10代", "20代", "30代", "40代", "50代", "60代", "70代以上"]),
        ("Q4 居住地区", ["中央地区", "北地区", "南地区", "東地区", "西地区"]),
    ]:
        ns = [R.randint(20, 400) for _ in opts]
        for o, n in zip(opts, ns, strict=True):
            rows.append([q, o, n, round(100 * n / sum(ns), 1)])
    write_xlsx(rel, [Sheet("単純集計", cols, rows, title="令和6年度 市民意識調査 単純集計結果")])


ALL = [
    school_roster,
    renrakumo,
    seiseki,
    kenshin,
    pta,
    bukatsu,
    tsuchihyo,
    shussekibo,
    tenshutsu,
    univ_roster,
    zemi,
    intl,
    sotsugyo,
    enquete,
    ta_kintai,
    juminhyo,
    jidoteate,
    youshien,
    kominkan,
    shokuin_city,
    shain,
    nencho,
    customers,
    fitness,
    meishi,
    saiyo,
    sales_en,
    volunteers,
    sotsugyo_koko,
    juken,
    torihiki,
    dantai,
    eki,
    shikuchoson,
    shisetsu,
    gakko,
    catalog,
    tokei,
    yakushoku,
    gyoji,
    headerless_scores,
    houjin,
    denpyo,
    chimei,
    busho,
    shukujitsu,
    kyokasho,
    kaigishitsu,
    stat_survey,
]


def generate(work, seed=DEFAULT_SEED):
    """Write WORK/share/** (replacing it) and WORK/truth.csv for `seed`; return the truth path."""
    global SHARE
    work = Path(work)
    SHARE = work / "share"
    truth_csv = work / "truth.csv"
    R.seed(seed)
    F.seed_instance(seed)
    TRUTH_ROWS.clear()
    if SHARE.exists():
        shutil.rmtree(SHARE)
    SHARE.mkdir(parents=True)
    for fn in ALL:
        fn()
    with open(truth_csv, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "sheet", "column", "expected", "also_ok", "note"])
        w.writerows(TRUTH_ROWS)
    nfiles = sum(1 for p in SHARE.rglob("*") if p.is_file())
    print(f"wrote {nfiles} files to {SHARE}, {len(TRUTH_ROWS)} truth rows to {truth_csv}")
    return truth_csv


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        help="folder for share/ and truth.csv (default: a new temporary one)",
    )
    parser.add_argument("--seed", type=int, metavar="N", default=DEFAULT_SEED)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="pi-scan-unseen-"))
    generate(work, args.seed)
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
