"""The built-in column rules, one per entity (shapes from ``shapes``; validators plugged in)."""

from __future__ import annotations

import re

import pandas as pd

from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect import shapes as s
from pi_scan.detect.names import NOT_PERSON_SUFFIX, load_titles
from pi_scan.detect.rules import ColumnRule, Validator
from pi_scan.model import Entity
from pi_scan.normalize import ERA_CODED

# Values ending like an organisation, place or facility (names.NOT_PERSON_SUFFIX), or holding
# a company marker or a digit, are never names, even in a name column.
NOT_A_NAME = re.compile(f"{NOT_PERSON_SUFFIX.pattern}|株式会社|有限会社|\\(株\\)|㈱|\\d")
# A value made of titles and roles only (代表取締役社長, 担任, 営業部長 less the 営業部 is a
# name): a column of them under 代表者 names posts, not people (recognizers/titles.txt)
TITLES_ONLY = re.compile(
    "(?:{})+".format(
        "|".join(map(re.escape, sorted(load_titles([BUILTIN_RECOGNIZERS]), key=len, reverse=True)))
    )
)


GENDER_WORDS = re.compile(r"男|女|男性|女性")


# An honorific after a name, as on labels and lists of donors ("伊藤 亮介 様", "佐藤先生")
HONORIFICS = ("様", "さま", "殿", "さん", "先生")
_HONORIFIC = re.compile(r"\s*(?:様|さま|殿|さん|先生)$")


def without_honorific(value: str) -> str:
    return _HONORIFIC.sub("", value) if value.endswith(HONORIFICS) else value


def _is_name(name: str) -> bool:
    """``name`` (without its honorific): a name in kanji, romaji or kana, not titles only."""
    person = s.NAME_KANJI.fullmatch(name) is not None and NOT_A_NAME.search(name) is None
    person = person or s.NAME_ROMAN.fullmatch(name) is not None
    person = person or s.KANA_NAME.fullmatch(name) is not None
    return person and TITLES_ONLY.fullmatch(name) is None


person_shape = s.ValueShape(lambda v: _is_name(without_honorific(v)))


def _is_part_or_name(value: str) -> bool:
    name = without_honorific(value)
    if _is_name(name):
        return True
    part = s.NAME_PART.fullmatch(name) is not None and NOT_A_NAME.search(value) is None
    return part and TITLES_ONLY.fullmatch(name) is None


# In a 姓 / 名 column a single part is enough.
person_part_or_name = s.ValueShape(_is_part_or_name)


def _either(first: re.Pattern[str], second: re.Pattern[str]) -> s.ValueShape:
    """The whole value matches one of two patterns."""
    one, other = first.fullmatch, second.fullmatch
    return s.ValueShape(lambda v: one(v) is not None or other(v) is not None)


kana_shape = _either(s.KANA_NAME, s.NAME_ROMAN)
# Without a header only "ヤマダ タロウ"-like values (two kana parts) are readings.
kana_two_part = s.fullmatch_shape(s.KANA_TWO_PART)
postal_shape = _either(s.POSTAL_FORMATTED, s.POSTAL_BARE)
postal_formatted = s.fullmatch_shape(s.POSTAL_FORMATTED)
# With a header: an address anywhere in the cell (連絡先 often reads "内線2301 / a@b.jp").
email_shape = s.ValueShape(lambda v: s.EMAIL_IN.search(v) is not None)
# Without a header: the whole cell is an address.
email_strict = s.fullmatch_shape(s.EMAIL)


def dob_shape(values: pd.Series) -> pd.Series:
    # era digit + YYMMDD (3380405 = 昭和38年4月5日): billing exports; under a header only
    date, era = s.DATE_ANY.fullmatch, ERA_CODED.fullmatch
    shaped = s.per_value(values, lambda v: date(v) is not None or era(v) is not None)
    serial = s.full(values, s.EXCEL_SERIAL)
    if serial.any():
        # Excel serial days: 1900-01-01 .. 2030 (1 .. ~47,500)
        serial &= pd.to_numeric(values.where(serial), errors="coerce").between(1, 47_500)
        shaped |= serial
    return shaped


grade_shape = _either(s.GRADE_WORD, s.GRADE_NUMBER)
gender_shape = _either(s.GENDER, s.GENDER_CODE)
# Without a header only the unambiguous words count (not m/f, 不明).
gender_words = s.fullmatch_shape(GENDER_WORDS)
id_shape = s.fullmatch_shape(s.ID_SHAPE)


# 個人識別符号 and other official numbers (NFKC-normalised values; separators allowed)
PASSPORT = re.compile(r"^[A-Z]{2}\s?\d{7}$")
LICENCE = re.compile(r"^(?:第\s?)?(\d{4})[\s-]?(\d{4})[\s-]?(\d{4})(?:\s?号)?$")
PENSION = re.compile(r"^\d{4}[\s-]?\d{6}$")
INSURANCE = re.compile(r"^(?=.*\d)[0-9A-Za-z\-・･\s()（）記号番]{1,24}$")
RESIDENCE_CARD = re.compile(r"^[A-Z]{2}\s?\d{8}\s?[A-Z]{2}$")
RESIDENT_CODE = re.compile(r"^\d{11}$")
BANK_ACCOUNT = re.compile(r"^(?:(?:普通|当座|貯蓄|総合)(?:預金)?\s?)?\d{6,8}$")
_LICENCE_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _licence_valid(value: str) -> bool:
    """12 digits whose 11th is the driver's licence check digit: (11 − Σ dᵢwᵢ mod 11) mod 10
    over the first ten with weights 5 4 3 2 7 6 5 4 3 2 (the 12th counts re-issues)."""
    m = LICENCE.match(value)
    if not m:
        return False
    digits = [int(c) for c in "".join(m.groups())]
    total = sum(d * w for d, w in zip(digits[:10], _LICENCE_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == digits[10]


licence_valid = s.ValueShape(_licence_valid)


def _full(pattern: re.Pattern[str]) -> s.ValueShape:
    return s.fullmatch_shape(pattern)


def _upper(pattern: re.Pattern[str]) -> s.ValueShape:
    match = pattern.fullmatch
    return s.ValueShape(lambda v: match(v.upper()) is not None)


def builtin_rules(
    phone_validator: Validator | None = None,
    email_validator: Validator | None = None,
    person_validator: Validator | None = None,
) -> list[ColumnRule]:
    """``person_validator`` is strict (family + given name): it is used without a header only;
    under a name header a single part (姓 / 名 columns), kana or romaji is enough."""
    E = Entity
    return [
        ColumnRule(
            E.PERSON,
            person_part_or_name,
            "look like personal names",
            0.5,
            None if person_validator is None else 0.7,
            strict_shape=person_shape,
            strict_validator=person_validator,
        ),
        ColumnRule(
            E.PERSON_KANA,
            kana_shape,
            "look like name readings in kana",
            0.6,
            0.9,
            strict_shape=kana_two_part,
        ),
        ColumnRule(
            E.ADDRESS,
            s.address_or_street,
            "look like addresses",
            0.5,
            0.7,
            strict_shape=s.address_shape,
        ),
        ColumnRule(
            E.POSTAL_CODE,
            postal_shape,
            "look like postal codes",
            0.6,
            0.8,
            strict_shape=postal_formatted,
        ),
        ColumnRule(
            E.PHONE_NUMBER,
            s.phone_shape,
            "are valid Japanese phone numbers",
            0.4,
            0.7,
            validator=phone_validator,
        ),
        ColumnRule(
            E.EMAIL_ADDRESS,
            email_shape,
            "are e-mail addresses",
            0.4,
            0.7,
            validator=email_validator,
            strict_shape=email_strict,
        ),
        ColumnRule(E.STUDENT_ID, id_shape, "have a regular ID format", 0.7, None),
        ColumnRule(E.EMPLOYEE_ID, id_shape, "have a regular ID format", 0.7, None),
        ColumnRule(E.MEMBER_ID, id_shape, "have a regular ID format", 0.7, None),
        ColumnRule(E.GRADE, grade_shape, "look like grades or scores", 0.7, None),
        ColumnRule(E.DATE_OF_BIRTH, dob_shape, "are dates", 0.6, None),
        ColumnRule(
            E.GENDER, gender_shape, "are gender values", 0.7, 0.95, strict_shape=gender_words
        ),
        ColumnRule(E.PASSPORT_NUMBER, _upper(PASSPORT), "look like passport numbers", 0.7, None),
        ColumnRule(
            E.DRIVER_LICENSE_NUMBER,
            licence_valid,
            "are 12-digit licence numbers with a valid check digit",
            0.7,
            0.95,
            min_distinct_ratio=0.8,
            min_values=5,
        ),
        ColumnRule(
            E.PENSION_NUMBER, _full(PENSION), "look like basic pension numbers (4 + 6)", 0.7, None
        ),
        ColumnRule(
            E.HEALTH_INSURANCE_NUMBER, _full(INSURANCE), "look like card numbers", 0.7, None
        ),
        ColumnRule(
            E.RESIDENCE_CARD_NUMBER,
            _upper(RESIDENCE_CARD),
            "look like residence card numbers (2 letters, 8 digits, 2 letters)",
            0.7,
            0.95,
            min_distinct_ratio=0.8,
            min_values=5,
        ),
        ColumnRule(E.RESIDENT_RECORD_CODE, _full(RESIDENT_CODE), "are 11-digit codes", 0.7, None),
        ColumnRule(E.BANK_ACCOUNT, _full(BANK_ACCOUNT), "look like account numbers", 0.7, None),
        ColumnRule(
            E.MY_NUMBER,
            s.my_number_shape,
            "are 12-digit numbers with a valid My Number check digit",
            0.8,
            0.95,
            min_distinct_ratio=0.8,
            min_values=5,
        ),
    ]
