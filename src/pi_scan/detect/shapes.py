"""Vectorised value shapes: one regex per entity, applied to a whole pandas column at once.

These are the cheap, whole-column checks (~millions of cells/s). They say "looks like"; the
validators in ``recognizers/`` (check digits, phonenumbers, Sudachi) decide on a sample.
All patterns expect values already NFKC-normalised and stripped (``normalize_values``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

from pi_scan.detect.check_digits import my_number_check_digits
from pi_scan.detect.places import PREFECTURES
from pi_scan.normalize import VARIANT_KANJI, without_phone_note

HYPHENS = r"\-‐‑–—―−ー"  # escaped: used inside character classes
_H = f"[{HYPHENS}]"
KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff々〆ヶヵ"
KATAKANA = r"\u30a1-\u30fa\u30fc"
HIRAGANA = r"\u3041-\u3096\u30fc"

# Phone: 0 + 9-10 digits with optional separators, or +81. Digits are counted separately.
_SEP = f"[\\s{HYPHENS}]?"
PHONE = re.compile(
    rf"^(?:\+81{_SEP}\(?0?\)?|\(?0)\d{{1,4}}\)?(?:{_SEP}\(?\d{{1,4}}\)?){{1,2}}{_SEP}\d{{3,4}}$"
)
EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
# An address inside a longer cell ("内線2301 / ito@example.jp"), for columns a header vouches for.
EMAIL_IN = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
POSTAL_FORMATTED = re.compile(rf"^〒?\s*\d{{3}}{_H}\d{{4}}$")
POSTAL_BARE = re.compile(r"^〒?\s*\d{7}$")
MY_NUMBER = re.compile(rf"^\d{{4}}{_SEP}\d{{4}}{_SEP}\d{{4}}$")
ADDRESS_PREF = re.compile(rf"^(?:〒?\s*\d{{3}}{_H}?\d{{4}}\s*)?(?:{PREFECTURES})")
ADDRESS_MUNI = re.compile(rf"[{KANJI}{KATAKANA}{HIRAGANA}]{{1,8}}?(?:市|区|町|村|郡)")
ADDRESS_BLOCK = re.compile(rf"(?:\d+|[一二三四五六七八九十]+)\s*(?:丁目|番地|番|号|{_H}\s*\d)")
_JA = f"{KANJI}{KATAKANA}{HIRAGANA}"
# A name: a kanji, then up to 4 more for the family name, an optional space, 1-5 for the given.
NAME_KANJI = re.compile(rf"^[{KANJI}][{_JA}]{{0,4}}\s?[{_JA}]{{1,5}}$")
NAME_PART = re.compile(rf"^[{_JA}]{{1,6}}$")
# A name in Latin letters, either order, any case: NGUYEN VAN AN, Smith John, smith, john,
# O'Brien Mary-Jane, SMITH J. (two to four parts; only under a name header, see catalog)
_ROMAN_PART = r"[A-Za-z][A-Za-z'’\-]*\.?"
NAME_ROMAN = re.compile(rf"^{_ROMAN_PART}(?:,?\s+{_ROMAN_PART}){{1,3}}$")
# A name or a reading in kana, its parts apart by a space or a middle dot (ジョン・スミス,
# グエン・ヴァン・アン, やまだ たろう)
_KANA_SEP = r"[\s・=]"
KANA_NAME = re.compile(
    rf"^[{KATAKANA}]{{1,12}}(?:{_KANA_SEP}[{KATAKANA}]{{1,12}}){{0,3}}$"
    rf"|^[{HIRAGANA}]{{1,10}}(?:\s[{HIRAGANA}]{{1,10}})?$"
)
KANA_TWO_PART = re.compile(
    rf"^[{KATAKANA}]{{1,10}}\s[{KATAKANA}]{{1,10}}$|^[{HIRAGANA}]{{1,10}}\s[{HIRAGANA}]{{1,10}}$"
)
_YMD = r"\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*日?"
DATE_SEIREKI = re.compile(rf"^(?:18|19|20)\d{{2}}{_YMD}(?:[\sT]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$")
_ERA = r"(?:明治|大正|昭和|平成|令和|[MTSHRmtshr])"
DATE_WAREKI = re.compile(rf"^{_ERA}\.?\s*(?:元|\d{{1,2}}){_YMD}$")
DATE_COMPACT = re.compile(r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
EXCEL_SERIAL = re.compile(r"^\d{4,5}(?:\.0+)?$")  # days since 1899-12-30: only with a header
GENDER = re.compile(
    r"^(?:男|女|男性|女性|男子|女子|m|f|male|female|その他|不明|無回答)$", re.IGNORECASE
)
GRADE_WORD = re.compile(
    r"^(?:秀|優|良|可|不可|[SABCDF][+\-]?|AA|合|否|合格|不合格|欠|欠席|未|認定)$"
)
# Scores up to 1000 (entrance examinations total 300, 500, 900 points): only under a header
GRADE_NUMBER = re.compile(r"^(?:1000|\d{1,3})(?:\.\d+)?$")
# Gender as a code (ISO 5218 and most school systems: 1 male, 2 female, 0/9 unknown / n.a.):
# only under a 性別 header
GENDER_CODE = re.compile(r"^[0129]$")
# S2024001, 2024-1234, and year + faculty letters + number (24T1419, B21C0060, s24t1234)
ID_SHAPE = re.compile(
    r"^[A-Za-z]{0,4}-?\d{3,12}[A-Za-z]?$|^\d{2,4}-\d{2,6}$"
    r"|^[A-Za-z]{0,2}\d{2,4}[A-Za-z]{1,3}-?\d{2,8}$"
)

_VARIANTS = str.maketrans(VARIANT_KANJI)


def normalize_values(values: pd.Series) -> pd.Series:
    """NFKC + strip, over unique values only (names and codes repeat a lot)."""
    uniques = pd.unique(values)
    mapping = {v: unicodedata.normalize("NFKC", v).strip() for v in uniques}
    return values.map(mapping)


def nfkc_all(values: np.ndarray) -> list[str]:
    """NFKC + strip of every value; ASCII needs no NFKC (IDs, phones, e-mails, dates)."""
    nfkc = unicodedata.normalize
    return [(v if v.isascii() else nfkc("NFKC", v)).strip() for v in values.tolist()]


def fold_variants(text: str) -> str:
    """髙橋 → 高橋, 﨑 → 崎: dictionaries and Sudachi know the common forms."""
    return text.translate(_VARIANTS)


def per_value(values: pd.Series, test: Callable[[str], bool]) -> pd.Series:
    """``test`` of each value as one boolean Series. A shape made of several regexes is one
    test per value rather than a Series per regex combined by pandas: on the short columns of
    ordinary files each pandas object costs more than the regexes it holds."""
    return pd.Series(
        [test(v) for v in values.to_numpy(dtype=object)], index=values.index, dtype=bool
    )


class ValueShape:
    """A shape made of a test of each value: called on a Series it is one, and ``test``
    serves callers holding plain values (column detection on a sample's distinct values,
    where a Series per rule and per column costs more than the test)."""

    __slots__ = ("test",)

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.test = test

    def __call__(self, values: pd.Series) -> pd.Series:
        return per_value(values, self.test)


def fullmatch_shape(pattern: re.Pattern[str]) -> ValueShape:
    """The shape "the whole value matches ``pattern``" (``full``)."""
    match = pattern.fullmatch
    return ValueShape(lambda v: match(v) is not None)


def full(values: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    """``values.str.fullmatch(pattern)``, without pandas' per-call string-array machinery
    (a plain comprehension over the object array is ~2x faster on 50,000-row columns)."""
    match = pattern.fullmatch
    return pd.Series(
        [match(v) is not None for v in values.to_numpy(dtype=object)],
        index=values.index,
        dtype=bool,
    )


def search(values: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    find = pattern.search
    return pd.Series(
        [find(v) is not None for v in values.to_numpy(dtype=object)], index=values.index, dtype=bool
    )


def digits_only(values: pd.Series) -> pd.Series:
    sub = _NON_DIGIT.sub
    return pd.Series(
        [sub("", v) for v in values.to_numpy(dtype=object)], index=values.index, dtype=object
    )


_NON_DIGIT = re.compile(r"\D")
# 10 digits: fixed lines and 0120; 11: mobile (070/080/090), IP (050), toll-free 0800
_PHONE_DIGITS = re.compile(r"0[1-9]\d{8}|0[5789]0\d{8}|0800\d{7}")


def is_phone(value: str) -> bool:
    """Japanese phone shape: the regex, then the digit count of a Japanese number (+81 → 0).
    A value that is not a bare number is tried again without a note or extension beside it."""
    if PHONE.fullmatch(value) is None:
        value = without_phone_note(value)
        if PHONE.fullmatch(value) is None:
            return False
    digits = _NON_DIGIT.sub("", value)
    if digits.startswith("81"):
        digits = "0" + digits[2:]
    return _PHONE_DIGITS.fullmatch(digits) is not None


phone_shape = ValueShape(is_phone)


DATE_ANY = re.compile(f"{DATE_SEIREKI.pattern}|{DATE_WAREKI.pattern}|{DATE_COMPACT.pattern}")


def date_shape(values: pd.Series) -> pd.Series:
    return full(values, DATE_ANY)


# The street part of an address split into columns (番地, addr1): a town and its block number
ADDRESS_TOWN_BLOCK = re.compile(rf"^[{_JA}]{{1,12}}\s*\d{{1,4}}(?:{_H}\d{{1,4}}){{1,3}}$")


def is_address(value: str) -> bool:
    """A prefecture and a municipality or block number, or a municipality and a block number
    in a value of six characters or more."""
    muni = ADDRESS_MUNI.search(value) is not None
    block = ADDRESS_BLOCK.search(value) is not None
    if ADDRESS_PREF.search(value) is not None and (muni or block):
        return True
    return muni and block and len(value) >= 6


# Under an address header: a whole address, or the town-and-block part of one.
address_or_street = ValueShape(
    lambda v: is_address(v) or ADDRESS_TOWN_BLOCK.fullmatch(v) is not None
)
address_shape = ValueShape(is_address)


def is_my_number(value: str) -> bool:
    """``my_number_valid`` of one value (the same digits and check digit, computed alike)."""
    if MY_NUMBER.fullmatch(value) is None:
        return False
    digits = _NON_DIGIT.sub("", value)
    arr = np.frombuffer(digits.encode("ascii"), dtype=np.uint8).reshape(-1, 12) - 48
    return bool(my_number_check_digits(arr[:, :11])[0] == arr[0, 11])


# The column rules' form: a test per distinct value, without a Series per column (it is tried
# on every column without a header of its own)
my_number_shape = ValueShape(is_my_number)


def my_number_valid(values: pd.Series) -> pd.Series:
    """12 digits whose last one is the official check digit (``check_digits``)."""
    shaped = full(values, MY_NUMBER)
    result = pd.Series(False, index=values.index)
    if not shaped.any():
        return result
    digits = digits_only(values[shaped])
    arr = np.frombuffer("".join(digits).encode("ascii"), dtype=np.uint8).reshape(-1, 12) - 48
    result[shaped] = my_number_check_digits(arr[:, :11]) == arr[:, 11]
    return result
