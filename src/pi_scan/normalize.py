"""Japanese normalisation, so that one person written many ways compares equal.

docs/rules.md §3: 髙橋/高橋, 﨑/崎, full-/half-width, with or without the space between family and
given name, katakana/hiragana readings, 090-1234-5678 / 09012345678 / ０９０－１２３４－５６７８.
Each function is vectorised over a pandas Series of str (the hot path is whole columns) and has a
scalar twin for tests and text.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

# 異体字 (variant kanji) → the common form. Registered forms differ, but the same person is
# routinely typed with the common form in everyday lists; strong keys keep 同姓同名 apart.
VARIANT_KANJI: dict[str, str] = {
    "髙": "高",
    "﨑": "崎",
    "嵜": "崎",
    "𠮷": "吉",
    "邊": "辺",
    "邉": "辺",
    "齋": "斎",
    "齊": "斉",
    "澤": "沢",
    "濱": "浜",
    "濵": "浜",
    "廣": "広",
    "國": "国",
    "嶋": "島",
    "嶌": "島",
    "櫻": "桜",
    "瀨": "瀬",
    "德": "徳",
    "眞": "真",
    "壽": "寿",
    "惠": "恵",
    "龍": "竜",
    "冨": "富",
    "槇": "槙",
    "藪": "薮",
    "籠": "篭",
    "曾": "曽",
    "髮": "髪",
    "黑": "黒",
    "條": "条",
    "與": "与",
    "淵": "渕",
    "舘": "館",
    "靜": "静",
    "實": "実",
    "傳": "伝",
    "增": "増",
    "團": "団",
    "彌": "弥",
    "萬": "万",
    "兒": "児",
    "埜": "野",
    "巖": "巌",
    "晉": "晋",
    "禮": "礼",
    "瑤": "瑶",
    "莊": "荘",
    "峯": "峰",
    "嶽": "岳",
    "圓": "円",
    "戶": "戸",
}
_VARIANT_TABLE = str.maketrans(VARIANT_KANJI)
# Translating through a dict costs a lookup per character; most values hold no variant at all.
_VARIANT = re.compile("[" + "".join(VARIANT_KANJI) + "]")

_SPACES = re.compile(r"[\s\u3000・･]+")
_HIRAGANA_TO_KATAKANA = str.maketrans({chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)})
_NON_DIGIT = re.compile(r"\D+")
_ASCII_NON_DIGITS = {c: None for c in range(128) if not chr(c).isdigit()}
_HONORIFIC = re.compile(r"(様|さま|さん|殿|君|くん|ちゃん|先生)$")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _fold_variants(text: str) -> str:
    return text.translate(_VARIANT_TABLE) if _VARIANT.search(text) else text


# A name in Latin letters (after NFKC and lower-casing): two to four parts
_LATIN_NAME = re.compile(r"[a-z][a-z'’\-]*\.?(?:,?\s+[a-z][a-z'’\-]*\.?){1,3}")
_LATIN_SEPARATORS = re.compile(r"[\s,.]+")


def name(text: str) -> str:
    """A person's name: NFKC, variant kanji folded, spaces and honorifics removed, lower-case.

    A name in Latin letters is written in either order (SMITH John, John Smith, smith, john):
    its parts are sorted, so that every order keys alike. Kana and kanji keep their order
    (ヤマダ タロウ must key like ヤマダタロウ); ジョン・スミス and ジョン スミス key alike."""
    t = _fold_variants(nfkc(text))
    latin = _HONORIFIC.sub("", t.strip()).strip().lower()
    if latin.isascii() and _LATIN_NAME.fullmatch(latin):
        return "".join(sorted(p for p in _LATIN_SEPARATORS.split(latin) if p))
    t = _SPACES.sub("", t).strip()
    t = _HONORIFIC.sub("", t)
    return t.lower()


def kana(text: str) -> str:
    """A reading: half-width → full-width (NFKC), hiragana → katakana, spaces removed."""
    return _SPACES.sub("", nfkc(text)).translate(_HIRAGANA_TO_KATAKANA)


# What is written beside a number and is not part of it: who answers ("080-1234-5678（父）",
# "母 090-…", "… 自宅") and an extension ("03-1234-5678 内線:56", "ext.301", "(内線1234)").
# Applied to NFKC text.
PHONE_NOTE = re.compile(
    r"\s*\(?\s*(?:内線|ext\.?|x)\s*[:.]?\s*\d{1,6}\s*\)?$"
    r"|\([^\d()]{1,8}\)|^[^\d+(]{1,6}[:\s]+|\s+[^\d\s]{1,6}$",
    re.IGNORECASE,
)


def without_phone_note(text: str) -> str:
    """``text`` (NFKC) without a note or an extension beside the number; of a cell holding
    several lines ("(自宅)0… / (携帯)0…"), the first line with a digit."""
    if text[-1:].isdigit() and text[:1] in "0+" and " " not in text:
        return text  # the usual case: a bare number
    if "\n" in text:
        text = next((line for line in text.splitlines() if any(c.isdigit() for c in line)), "")
    return PHONE_NOTE.sub("", text.strip()).strip()


def phone(text: str) -> str:
    """Digits only, +81 → 0. ``０９０－１２３４－５６７８`` → ``09012345678``; a note or an
    extension beside the number is left out."""
    t = without_phone_note(nfkc(text).strip())
    international = t.startswith(("+81", "81-", "(+81)"))
    # in ASCII text \D is exactly what is not 0-9: a translate table drops it faster
    digits = t.translate(_ASCII_NON_DIGITS) if t.isascii() else _NON_DIGIT.sub("", t)
    if international and digits.startswith("81"):
        digits = "0" + digits[2:].lstrip("0")
    return digits if len(digits) >= 9 else ""


_EMAIL = re.compile(r"[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")


def email(text: str) -> str:
    """The address in the cell, lower-case (``内線2301 / Ito@Example.JP`` → ``ito@example.jp``)."""
    m = _EMAIL.search(nfkc(text).lower())
    return m.group(0) if m else ""


# 1丁目2番地の3号 → 1-2-3: one pass over the block numbers. The same as replacing 丁目, then
# 番地の?, then 番, then 号 in four passes (what was done before, four times slower): each
# replacement only drops the word after a run of digits, which cannot make a new match for a
# later word, and 号, the only one dropped without a "-", came last.
_BLOCK_NUMBER = re.compile(r"(\d+)(丁目|番地の?|番|号)")
# Runs of dashes become one "-" (so no "--" is left to fold afterwards).
_DASHES = re.compile(r"[ー―‐−–—-]+")
_POSTAL_PREFIX = re.compile(r"^〒?\s*\d{3}-?\d{4}")
_KANJI_BLOCK = re.compile(r"([〇一二三四五六七八九]+)(?=丁目)")
_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")


def _block_number(match: re.Match[str]) -> str:
    return match.group(1) if match.group(2) == "号" else match.group(1) + "-"


def _kanji_block(match: re.Match[str]) -> str:
    return match.group(1).translate(_KANJI_DIGITS)


def address(text: str) -> str:
    """Addresses: NFKC, no spaces, no postal code, 1丁目2番3号 → 1-2-3, kanji numerals in
    the block number folded (三丁目 → 3-)."""
    t = _SPACES.sub("", nfkc(text))
    t = _POSTAL_PREFIX.sub("", t)
    if "丁目" in t:
        t = _KANJI_BLOCK.sub(_kanji_block, t)
    t = _BLOCK_NUMBER.sub(_block_number, t)
    t = _DASHES.sub("-", t)
    return _fold_variants(t.strip("-"))


_ERAS = {
    "明治": 1867,
    "大正": 1911,
    "昭和": 1925,
    "平成": 1988,
    "令和": 2018,
    "M": 1867,
    "T": 1911,
    "S": 1925,
    "H": 1988,
    "R": 2018,
}
_WAREKI = re.compile(
    r"^(明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(元|\d{1,2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$"
)
_SEIREKI = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT = re.compile(r"^(19\d{2}|20\d{2})(\d{2})(\d{2})$")
# The レセプト (medical billing) and many municipal systems' form: era digit + YYMMDD, 3380405 =
# 昭和38年4月5日 (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和)
ERA_CODED = re.compile(r"^([1-5])(\d{2})(\d{2})(\d{2})$")
_ERA_DIGITS = {"1": "M", "2": "T", "3": "S", "4": "H", "5": "R"}


def date(text: str) -> str:
    """A date in 西暦 or 和暦 (平成22年4月5日, H22.4.5, 令和元年5月1日) → ``YYYY-MM-DD``, or ""."""
    t = nfkc(text).strip().upper().replace("元年", "1年")
    if not t:
        return ""
    m = _SEIREKI.match(t) or _COMPACT.match(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _WAREKI.match(t) or ERA_CODED.match(t)
        if not m:
            return ""
        era, yy = _ERA_DIGITS.get(m.group(1), m.group(1)), m.group(2)
        y = _ERAS[era] + (1 if yy == "元" else int(yy))
        mo, d = int(m.group(3)), int(m.group(4))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1868 <= y <= 2100):
        return ""
    return f"{y}-{_TWO_DIGITS[mo]}-{_TWO_DIGITS[d]}"  # y has four digits already


_TWO_DIGITS = [f"{n:02d}" for n in range(32)]  # a format spec parsed per date costs more


_ID_SEPARATORS = re.compile(r"[\s\-ー‐−]")


def identifier(text: str) -> str:
    """IDs (学籍番号, 職員番号): NFKC, upper-case, no spaces or hyphens, leading zeros kept."""
    return _ID_SEPARATORS.sub("", nfkc(text)).upper()


# Vectorised twins: normalise each distinct value once (names and dates repeat a lot).
def series(values: pd.Series, func) -> pd.Series:
    codes, uniques = pd.factorize(values.astype(str), sort=False)
    mapped = np.array([func(v) for v in uniques.tolist()] + [""], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)


# Up to this many values a dict factorises an array of str faster than pandas' call (most
# columns and person-key columns are short)
DICT_FACTORISE_MAX = 2_000


def factorised_str(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """``pd.factorize`` of an object array of ``str`` (see :func:`all_str`) by a dict: each
    value's code and the distinct values in order of first appearance."""
    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(v, len(index)) for v in values.tolist()), np.intp, count=len(values)
    )
    return codes, list(index)


def all_str(values: np.ndarray) -> bool:
    """Whether every value of an object array is a ``str`` (an empty one: no). pandas' own test
    (public API), for the fast paths that work on plain strings and leave the rest to pandas."""
    return infer_dtype(values, skipna=False) == "string"
