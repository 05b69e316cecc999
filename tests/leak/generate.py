#!/usr/bin/env python3
"""A seeded corpus of records that land whole in one cell, headers that hold values, fuzzed rows.

Usage::

    python tests/leak/generate.py OUTDIR --seed S

writes ``OUTDIR/share/`` (about fifty small files) and ``OUTDIR/manifest.json``: every file, the
shape it was written in, whether its records are forced into one cell (``one_cell``: pi-scan must
read it ``ok`` and find something in it, or the corpus proves nothing), and every raw value of
every person in it (``raw_values``). Issue 15 item 1: a mis-decoded or mis-split file puts a whole
record in one cell, and a header cell can run on into a value; no value of the corpus may then
reach any output.

Every person is unique and traceable, as the hostile corpus's canary (tests/hostile/generate.py):
a person is written in one file only, with a full name no other person has, a student ID, phone
number, e-mail, postal code and street address of their own. A few people carry names made of
kanji that no name dictionary knows (``鷲鶯院 瑠璃丸``): a name the detector does not recognise
must not reach a label either.

Everything is a function of the seed; nothing needs the network.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import random
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.hostile.generate import docx_bytes, package, sheet_xml, xlsx_bytes, xlsx_parts

# ------------------------------------------------------------------------------------- people

# Kanji and kana in JIS X 0208 only: every person can be written in CP932 and EUC-JP.
FAMILY = (
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
    ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
    ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
    ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("清水", "シミズ"), ("山崎", "ヤマザキ"), ("池田", "イケダ"),
    ("橋本", "ハシモト"), ("石川", "イシカワ"), ("前田", "マエダ"), ("藤田", "フジタ"),
    ("岡田", "オカダ"), ("後藤", "ゴトウ"), ("長谷川", "ハセガワ"), ("村上", "ムラカミ"),
    ("近藤", "コンドウ"), ("坂本", "サカモト"), ("遠藤", "エンドウ"), ("青木", "アオキ"),
)  # fmt: skip
GIVEN = (
    ("太郎", "タロウ"), ("花子", "ハナコ"), ("陽一", "ヨウイチ"), ("美咲", "ミサキ"),
    ("大輔", "ダイスケ"), ("陽菜", "ヒナ"), ("結衣", "ユイ"), ("悠真", "ユウマ"),
    ("浩二", "コウジ"), ("由美子", "ユミコ"), ("直樹", "ナオキ"), ("真由美", "マユミ"),
    ("翔太", "ショウタ"), ("彩花", "アヤカ"), ("拓海", "タクミ"), ("優奈", "ユウナ"),
    ("健太", "ケンタ"), ("愛子", "アイコ"), ("和也", "カズヤ"), ("智子", "トモコ"),
    ("雄大", "ユウダイ"), ("千尋", "チヒロ"), ("隆之", "タカユキ"), ("麻衣", "マイ"),
)  # fmt: skip
# Names no dictionary knows (the canary idea): kanji used by no other person and no place.
RARE_FAMILY = ("鷲鶯院", "鸛鵜沢", "鷺宮寺", "鴎汀", "鶚嶺")
RARE_GIVEN = ("瑠璃丸", "玻珀斗", "翡翠丸", "琥珀音", "珊瑚丸")
RARE_KANA = ("カナリア", "ヤクモ", "ミカゲ", "コハク", "サンゴ")
PLACES = (
    ("北海道", "札幌市"), ("岩手県", "盛岡市"), ("宮城県", "仙台市"), ("埼玉県", "川越市"),
    ("千葉県", "船橋市"), ("東京都", "世田谷区"), ("神奈川県", "横浜市"), ("新潟県", "長岡市"),
    ("静岡県", "浜松市"), ("愛知県", "豊橋市"), ("京都府", "宇治市"), ("大阪府", "堺市"),
    ("兵庫県", "姫路市"), ("広島県", "呉市"), ("福岡県", "久留米市"), ("沖縄県", "那覇市"),
)  # fmt: skip
TOWNS = ("桜台", "緑ケ丘", "若葉", "旭町", "栄町", "本郷", "東雲", "白鷺", "朝日ケ丘", "弥生")
ROMAJI = ("hikari", "sora", "umi", "kaze", "hoshi", "mori", "kawa", "yuki", "hana", "tsuki")
HEADER = (
    "学籍番号",
    "氏名",
    "フリガナ",
    "生年月日",
    "郵便番号",
    "住所",
    "電話番号",
    "メールアドレス",
)


@dataclass(frozen=True, slots=True)
class Person:
    sid: str
    family: str
    given: str
    family_kana: str
    given_kana: str
    birth: tuple[int, int, int]
    postal: str  # 123-4567
    prefecture: str
    city: str
    street: str  # town and block, beyond the municipality
    phone: str  # 090-1234-5678
    email: str

    @property
    def name(self) -> str:
        return f"{self.family} {self.given}"

    @property
    def kana(self) -> str:
        return f"{self.family_kana} {self.given_kana}"

    @property
    def address(self) -> str:
        return f"{self.prefecture}{self.city}{self.street}"

    @property
    def birth_iso(self) -> str:
        y, m, d = self.birth
        return f"{y}-{m:02d}-{d:02d}"

    def row(self) -> list[str]:
        return [
            self.sid,
            self.name,
            self.kana,
            self.birth_iso,
            self.postal,
            self.address,
            self.phone,
            self.email,
        ]

    def raw_values(self) -> set[str]:
        """Every notation of every value of this person that an output must never hold."""
        y, m, d = self.birth
        digits = self.phone.replace("-", "")
        out = {
            self.name,
            self.name.replace(" ", ""),
            self.name.replace(" ", "\u3000"),
            self.kana,
            self.kana.replace(" ", ""),
            self.kana.replace(" ", "\u3000"),
            self.sid,
            self.birth_iso,
            f"{y}/{m:02d}/{d:02d}",
            f"{y}/{m}/{d}",
            f"{y}年{m}月{d}日",
            f"{y}{m:02d}{d:02d}",
            self.postal,
            self.postal.replace("-", ""),
            self.address,
            f"{self.city}{self.street}",
            self.street,
            self.phone,
            digits,
            f"{digits[:3]} {digits[3:7]} {digits[7:]}",
            f"({digits[:3]}){digits[3:7]}-{digits[7:]}",
            f"{digits[3:7]}-{digits[7:]}",
            self.email,
            self.email.split("@")[0],
        }
        # given names of two or more characters; family names are in masked_parts
        out |= {v for v in (self.given, self.given_kana) if len(v) >= 2}
        return out

    def masked_parts(self) -> set[str]:
        """Values a masked sample may show, masked only: ``山田 **`` (docs/rules.md §7)."""
        return {v for v in (self.family, self.family_kana) if len(v) >= 2}


class People:
    """Unique people: a full name, an ID, a phone number, an e-mail no one else has."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        names = [(f, g) for f in FAMILY for g in GIVEN]
        rng.shuffle(names)
        self._names = names
        self._rare = [
            ((RARE_FAMILY[i], RARE_KANA[i]), (RARE_GIVEN[i], RARE_KANA[-1 - i]))
            for i in range(len(RARE_FAMILY))
        ]
        self._numbers = rng.sample(range(100000, 999999), 2000)
        self._phones = rng.sample(range(10_000_000, 99_999_999), 2000)
        self.made: list[Person] = []

    def new(self, rare: bool = False) -> Person:
        n = len(self.made)
        (family, family_kana), (given, given_kana) = (self._rare if rare else self._names).pop()
        pref, city = self.rng.choice(PLACES)
        number, phone = self._numbers[n], self._phones[n]
        y = self.rng.randint(2006, 2016)
        street = f"{self.rng.choice(TOWNS)}{n % 9 + 1}-{number % 40 + 1}-{number % 97 + 1}"
        p = Person(
            sid=f"S{number}",
            family=family,
            given=given,
            family_kana=family_kana,
            given_kana=given_kana,
            birth=(y, self.rng.randint(1, 12), self.rng.randint(1, 28)),
            postal=f"{number % 900 + 100:03d}-{phone % 10000:04d}",
            prefecture=pref,
            city=city,
            street=street,
            phone=f"0{self.rng.choice((70, 80, 90))}-{phone // 10000:04d}-{phone % 10000:04d}",
            email=f"{self.rng.choice(ROMAJI)}.{number:x}@example.jp",
        )
        self.made.append(p)
        return p

    def some(self, n: int) -> list[Person]:
        return [self.new() for _ in range(n)]


# ------------------------------------------------------------------------------ the manifest


@dataclass(slots=True)
class Entry:
    path: str  # relative to the share
    shape: str
    encoding: str = ""
    one_cell: bool = False  # records forced into one cell: must be read ok, with findings


@dataclass(slots=True)
class Corpus:
    share: Path
    seed: int
    entries: list[Entry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def raw_values(self) -> set[str]:
        return set().union(*(p.raw_values() for p in self.people))

    def masked_parts(self) -> set[str]:
        return set().union(*(p.masked_parts() for p in self.people))

    def manifest(self) -> dict:
        return {
            "seed": self.seed,
            "share": str(self.share),
            "entries": [asdict(e) for e in self.entries],
            "raw_values": sorted(self.raw_values()),
            "masked_parts": sorted(self.masked_parts()),
        }


# ------------------------------------------------------------------------------ text shapes

ROWS = 8  # records a file: enough for a column to be judged, small enough for a fast scan

ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "cp932",
    "euc_jp",
    "utf-16-le-bom",
    "utf-16-be-bom",
    "utf-16-le",
    "utf-16-be",
    "utf-16-damaged",
)


def encode(text: str, encoding: str, rng: random.Random) -> bytes:
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if encoding == "utf-16-damaged":
        # one byte of a UTF-16 export damaged in the middle (a bad sector, a broken copy): the
        # character it belongs to decodes as something else, the rest of the file reads on
        data = bytearray(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
        at = 2 + 2 * rng.randrange(len(text) // 3, 2 * len(text) // 3)
        data[at + 1] ^= 0x5A
        return bytes(data)
    return text.encode(encoding)


def tsv(rows: list[list[str]]) -> str:
    return "".join("\t".join(r) + "\r\n" for r in rows)


def joined(rows: list[list[str]], sep: str) -> str:
    return "".join(sep.join(r) + "\r\n" for r in rows)


def fixed_width(rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in rows) + 2 for i in range(len(rows[0]))]
    return "".join(
        "".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip() + "\r\n"
        for r in rows
    )


def _width(text: str) -> int:
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def quoted_lines(rows: list[list[str]]) -> str:
    """A whole CSV line quoted into one field (a CSV exported through another CSV)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([[",".join(r)] for r in rows])
    return buf.getvalue()


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def tsv_with_row_numbers(rows: list[list[str]]) -> str:
    """A TSV saved as .csv by a tool that added a row-number column with a comma."""
    return "".join(f"{i},{chr(9).join(r)}\r\n" for i, r in enumerate(rows))


SHAPES = {
    "tsv_as_csv": (tsv, ".csv"),
    "semicolon": (lambda rows: joined(rows, ";"), ".csv"),
    "pipe": (lambda rows: joined(rows, "|"), ".csv"),
    "tsv_row_numbers": (tsv_with_row_numbers, ".csv"),
    "fixed_width": (fixed_width, ".csv"),
    "quoted_line": (quoted_lines, ".csv"),
}
# Shapes whose records stay whole in one cell however pi-scan sniffs the delimiter (the
# separated ones are split right by the sniffer today: they guard against a regression).
ONE_CELL = frozenset({"quoted_line", "fixed_width"})


# ------------------------------------------------------------------------------- the writer


class Maker:
    def __init__(self, share: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.corpus = Corpus(share, seed)
        self.people = People(self.rng)
        self.corpus.people = self.people.made

    def write(self, rel: str, data: bytes, shape: str, encoding: str = "", one_cell=False) -> None:
        path = self.corpus.share / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.corpus.entries.append(Entry(rel, shape, encoding, one_cell))

    def records(self, n: int = ROWS, rare: int = 0) -> list[list[str]]:
        people = self.people.some(n - rare) + [self.people.new(rare=True) for _ in range(rare)]
        self.rng.shuffle(people)
        return [p.row() for p in people]


def one_cell_text_files(m: Maker) -> None:
    """Every encoding pi-scan reads, each with the two shapes that keep a record in one cell
    whatever the delimiter sniffing does (a quoted line, fixed width under .csv) and one of the
    separated shapes in turn (a TSV saved as .csv, semicolons, pipes, a row-number comma)."""
    turn = ("tsv_as_csv", "semicolon", "pipe", "tsv_row_numbers")
    for i, encoding in enumerate(ENCODINGS):
        for shape in ("quoted_line", "fixed_width", turn[i % len(turn)]):
            render, ext = SHAPES[shape]
            text = render([list(HEADER), *m.records()])
            data = encode(text, encoding, m.rng)
            m.write(f"一行/{encoding}/{shape}{ext}", data, shape, encoding, shape in ONE_CELL)


def damaged_utf16_files(m: Maker) -> None:
    """A UTF-16 CSV export with one damaged byte, the issue's case: the first byte of a record
    turned into a quote (a field that would swallow the records after it: pi-scan's reader
    keeps them apart today), and a lost byte that shifts the rest of the file (mojibake)."""
    text = csv_text([list(HEADER), *m.records()])
    data = bytearray(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    start = data.index(b"\n\x00S\x00", 2 + 2 * len(text) // 4) + 2  # a record's first byte
    data[start] = ord('"')
    m.write("一行/utf-16-damaged/引用符.csv", bytes(data), "utf16_quote", "utf-16-damaged")
    text = csv_text([list(HEADER), *m.records()])
    data = bytearray(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    del data[2 + 2 * (len(text) // 2) + 1]
    m.write("一行/utf-16-damaged/欠落.csv", bytes(data), "utf16_lost_byte", "utf-16-damaged")


def one_cell_office_files(m: Maker) -> None:
    # fixed width under .txt: read as fixed-width columns (a different reader)
    m.write(
        "一行/固定長.txt",
        fixed_width([list(HEADER), *m.records()]).encode("cp932"),
        "fixed_width_txt",
    )
    # records joined in one xlsx cell: one record a cell, and a whole roster in one cell
    rows = [[",".join(r)] for r in m.records()]
    rows.append(["\n".join("\t".join(r) for r in m.records(4))])
    m.write("一行/名簿_1セル.xlsx", xlsx_bytes([["名簿"], *rows]), "xlsx_one_cell", one_cell=True)
    rows = [["No", "内容"], *([str(i), " ".join(r)] for i, r in enumerate(m.records()))]
    m.write(
        "一行/名簿_2列.xlsx", xlsx_bytes(rows, shared=False), "xlsx_record_column", one_cell=True
    )
    # a docx table whose cell holds a whole record
    table = [["番号", "記録"], *([str(i), "、".join(r)] for i, r in enumerate(m.records()))]
    m.write("一行/連絡網.docx", docx_bytes(["連絡網"], table), "docx_record_cell", one_cell=True)
    cell = "\n".join(";".join(r) for r in m.records())
    m.write(
        "一行/名簿_表1セル.docx",
        docx_bytes(["名簿"], [["名簿"], [cell]]),
        "docx_roster_cell",
        one_cell=True,
    )


# ------------------------------------------------------------------- headers that hold values


def header_files(m: Maker) -> None:

    def table_with(header0: str) -> list[list[str]]:
        return [[header0, *HEADER[1:]], *m.records()]

    # an ID label that runs on into a name, with and without a space, and a rare name
    for i, rare in enumerate((False, False, True)):
        p = m.people.new(rare=rare)
        label = f"学籍番号{p.name}" if i != 1 else f"学籍番号{p.name.replace(' ', '')}"
        rows = table_with(label)
        m.write(f"見出し/学籍番号_{i}.csv", csv_text(rows).encode("utf-8-sig"), "header_id_name")
    # 氏名 followed by a name
    for i, rare in enumerate((False, True)):
        p = m.people.new(rare=rare)
        rows = m.records()
        header = [HEADER[0], f"氏名 {p.family}{p.given}", *HEADER[2:]]
        m.write(f"見出し/氏名_{i}.csv", csv_text([header, *rows]).encode("cp932"), "header_name")
    # no header row: the first record is taken as the header (a sheet, a CSV)
    rows = m.records()
    m.write("見出し/ヘッダなし.xlsx", xlsx_bytes(rows), "no_header_sheet")
    rows = m.records(rare=1)
    m.write("見出し/ヘッダなし.csv", csv_text(rows).encode("utf-8"), "no_header_csv")
    # a phone number and an e-mail as headers (a first record, phone and e-mail first)
    rows = [[r[6], r[1], r[3], r[7]] for r in m.records()]
    m.write("見出し/電話が見出し.csv", csv_text(rows).encode("utf-8"), "phone_header")
    rows = [[r[7], r[1], r[5]] for r in m.records()]
    xlsx = package(xlsx_parts([("連絡先", sheet_xml(rows))], None))
    m.write("見出し/メールが見出し.xlsx", xlsx, "email_header")
    # header cells that each hold a value of their own: 電話090-…, 住所 + a full address
    p = m.people.new()
    header = [
        f"学籍番号{p.sid}",
        f"氏名（{p.kana}）",
        f"生年月日{p.birth_iso}",
        f"郵便番号{p.postal}",
        f"住所{p.address}",
        f"電話{p.phone.replace('-', '')}",
        f"メール {p.email}",
    ]
    rows = [r[:7] for r in m.records()]
    m.write("見出し/見出しに値.csv", csv_text([header, *rows]).encode("utf-8"), "header_values")


# ------------------------------------------------------------------------------- fuzzed rows

HONORIFICS = (
    "様",
    "殿",
    "さん",
    "くん",
    "ちゃん",
    "先生",
    "（父）",
    "（母）",
    "（欠席）",
    " ※転出",
)
CONTROLS = ("\x07", "\x0b", "\x0c", "\x1f", "\u200b", "\u3000", "\ufeff", "\x7f")


def fuzz_rows(m: Maker, n: int) -> list[list[str]]:
    rng = m.rng
    rows = [list(HEADER)]
    for _ in range(n):
        r = m.records(1)[0]
        roll = rng.random()
        if roll < 0.15:  # values shifted right by an empty or note cell
            r = [rng.choice(("", "備考", "-")), *r]
        elif roll < 0.3:  # shifted left: a missing cell
            del r[rng.randrange(len(r))]
        elif roll < 0.45:  # several people's values joined in one cell
            other = m.records(1)[0]
            sep = rng.choice((",", "、", "\n", " / ", "\r\n"))
            i = rng.randrange(len(r))
            r[i] = sep.join((r[i], other[i], other[rng.randrange(len(other))]))
        elif roll < 0.6:  # a name with an honorific or a note
            r[1] = r[1].replace(" ", rng.choice(("", " ", "\u3000"))) + rng.choice(HONORIFICS)
        elif roll < 0.7:  # a very long cell: a note that quotes the whole record, repeated
            r[-1] = r[-1] + " 備考:" + " ".join(r) * rng.randint(20, 60)
        elif roll < 0.85:  # control characters inside values
            for i in rng.sample(range(len(r)), 3):
                at = rng.randrange(len(r[i]) + 1)
                r[i] = r[i][:at] + rng.choice(CONTROLS) + r[i][at:]
        else:  # phone in other notations, the date in 和暦-free slashes
            digits = r[6].replace("-", "")
            r[6] = rng.choice((digits, f"({digits[:3]}){digits[3:7]}-{digits[7:]}"))
            r[3] = r[3].replace("-", "/")
        rows.append(r)
    return rows


def fuzzed_files(m: Maker) -> None:
    for i, encoding in enumerate(("utf-8-sig", "cp932", "utf-16-le-bom")):
        rows = fuzz_rows(m, 12)
        data = (
            encode(csv_text(rows), encoding, m.rng)
            if encoding != "cp932"
            else (csv_text(rows).encode("cp932", errors="replace"))
        )
        m.write(f"ゆらぎ/名簿_{i}.csv", data, "fuzzed_csv", encoding)
    rows = [[_ooxml(c) for c in r] for r in fuzz_rows(m, 12)]
    m.write("ゆらぎ/名簿.xlsx", xlsx_bytes(rows), "fuzzed_xlsx")
    rows = [[_ooxml(c) for c in r] for r in fuzz_rows(m, 10)]
    m.write("ゆらぎ/名簿.docx", docx_bytes(["名簿（ゆらぎ）"], rows), "fuzzed_docx")


def _ooxml(text: str) -> str:
    """Control characters as Office writes them in XML (``_x0007_``): XML 1.0 has no other way."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", lambda c: f"_x{ord(c.group()):04X}_", text)


# ---------------------------------------------------------------------------------- generate


def generate(outdir: Path, seed: int = 15) -> Corpus:
    outdir = Path(outdir)
    share = outdir / "share"
    share.mkdir(parents=True, exist_ok=True)
    m = Maker(share, seed)
    one_cell_text_files(m)
    damaged_utf16_files(m)
    one_cell_office_files(m)
    header_files(m)
    fuzzed_files(m)
    (outdir / "manifest.json").write_text(
        json.dumps(m.corpus.manifest(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return m.corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    corpus = generate(args.outdir, args.seed)
    print(f"{len(corpus.entries)} files, {len(corpus.people)} people in {corpus.share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
