"""Masked samples (docs/rules.md §7): enough to recognise the kind of value, never the value.

``山田 **``, ``090-****-5678``, ``t***@example.jp``, ``東京都新宿区****``, ``1990-**-**``.
Every sample that leaves the detector goes through ``mask``.

Safe by construction: a masker first finds the part of the cell that has the entity's shape
(a phone number, a prefecture and municipality, a date ...) and builds the sample from that part
alone, never from the rest of the cell. A cell with no such part gives ``***``. A mis-split file
puts a whole record in one cell (``S720862,池田 浩,アオキ ユミコ,…,岩手県長生郡…``); its ADDRESS
sample is then ``岩手県長生郡****`` and nothing of the ID, name or reading before it.

Masked values are masked again safely (``*`` is accepted where a masker writes one), so an
inventory written by an older pi-scan can be re-masked in place (``remask``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pi_scan.detect.places import PREFECTURES
from pi_scan.entities import ENTITIES, Entity, Mask

REDACTED = "***"
_SPACE = r"[\s\u3000]"
_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff々〆ヶヵ"
_KANA = r"\u3041-\u3096\u30a1-\u30fa\u30fc"
_JA = f"[{_KANJI}{_KANA}]"
_HYPHEN = r"[\-‐‑–—―−ー－]"
_D = r"[0-9*]"  # a digit, or a digit an earlier masking hid

# Honorifics and bracketed notes around a name (山田 太郎様, 山田太郎（父）) are not the name.
_NAME_NOTE = re.compile(r"(?:[（(【\[].{0,12}[)）】\]]|様|殿|さん|先生|君|くん|ちゃん)$")
_NAME_JA = re.compile(rf"^({_JA}{{1,6}})(?:{_SPACE}+|・)([{_KANJI}{_KANA}*]{{1,8}})$")
_NAME_JA_SOLID = re.compile(rf"^({_JA})[{_KANJI}{_KANA}*]{{0,9}}$")
_NAME_ROMAN = re.compile(
    r"^([A-Za-z][A-Za-z'.\-]{0,20}),?(?:\s+[A-Za-z*][A-Za-z'.\-*]{0,20}){1,3}$"
)

_PHONE = re.compile(
    rf"(?<![0-9*])(?:\+81{_HYPHEN}?|[(（]?0)[0-9]{{1,4}}[)）]?(?:{_HYPHEN}|\s)?"
    rf"{_D}{{1,4}}(?:{_HYPHEN}|\s)?{_D}{{3,4}}(?![0-9*])"
)
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-*]+)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
_POSTAL = re.compile(rf"(?<![0-9*])([0-9]{{3}}){_HYPHEN}?{_D}{{4}}(?![0-9*])")
_PREFECTURE = re.compile(PREFECTURES)
# A municipality right after the prefecture (or opening the cell): a few kanji or kana ending in
# 市 / 区 / 郡 / 町 / 村 — bounded, so that it can never reach back over other fields.
_MUNICIPALITY = re.compile(rf"{_JA}{{1,6}}?(?:市|区|郡|町|村)")
_MUNICIPALITY_FIRST = re.compile(
    rf"^(?:〒?{_SPACE}*[0-9]{{3}}{_HYPHEN}?[0-9]{{4}}{_SPACE}*)?({_JA}{{1,6}}?(?:市|区|郡))"
)
_DATE_SEIREKI = re.compile(
    rf"(?<![0-9*])((?:18|19|20)[0-9]{{2}})({_SPACE}*[年./\-]{_SPACE}*){_D}{{1,2}}"
    rf"({_SPACE}*[月./\-]{_SPACE}*){_D}{{1,2}}(日?)"
)
_DATE_WAREKI = re.compile(
    rf"((?:明治|大正|昭和|平成|令和|[MTSHRmtshr])\.?{_SPACE}*(?:元|[0-9]{{1,2}}))"
    rf"({_SPACE}*[年./\-]{_SPACE}*){_D}{{1,2}}({_SPACE}*[月./\-]{_SPACE}*){_D}{{1,2}}(日?)"
)
_DATE_COMPACT = re.compile(r"(?<![0-9*])((?:19|20)[0-9]{2})[0-9*]{4}(?![0-9*])")
_ID = re.compile(r"(?<![A-Za-z0-9*])([A-Za-z0-9])([A-Za-z0-9][A-Za-z0-9\-*]{1,18})(?![A-Za-z0-9*])")
_MY_NUMBER = re.compile(
    rf"(?<![0-9*]){_D}{{4}}(?:{_HYPHEN}|\s)?{_D}{{4}}(?:{_HYPHEN}|\s)?{_D}{{2}}([0-9*]{{2}})(?![0-9*])"
)
_GRADE_WORD = re.compile(
    r"^(?:秀|優|良|可|不可|[SABCDF][+\-]?|AA|合|否|合格|不合格|欠|欠席|未|認定)$"
)
_GRADE_NUMBER = re.compile(r"^[0-9*]{1,4}(?:\.[0-9*]+)?$")
_GENDER = re.compile(
    r"^(?:男|女|男性|女性|男子|女子|m|f|male|female|その他|不明|無回答|[0129])$", re.IGNORECASE
)


def mask(entity: Entity, value: str) -> str:
    """The masked sample of ``value`` for a column or span found as ``entity``."""
    value = unicodedata.normalize("NFKC", value).strip()
    if not value:
        return ""
    return MASKERS[ENTITIES[entity].mask](value)


def remask(entity_name: str, sample: str) -> str:
    """A stored sample masked again by today's rules (inventories written before them)."""
    try:
        entity = Entity(entity_name)
    except ValueError:
        return REDACTED
    return mask(entity, sample)


def _mask_name(value: str) -> str:
    for _ in range(2):
        value = _NAME_NOTE.sub("", value).strip()
    for pattern in (_NAME_JA, _NAME_ROMAN):
        m = pattern.match(value)
        if m:
            return f"{m.group(1)} **"
    m = _NAME_JA_SOLID.match(value)
    if m:  # no space: keep the first character (we do not know where the family name ends)
        return m.group(1) + "*" * min(max(len(value) - 1, 2), 4)
    return REDACTED


def _mask_phone(value: str) -> str:
    m = _PHONE.search(value)
    if not m:
        return REDACTED
    number = m.group(0)
    digits = sum(ch.isdigit() or ch == "*" for ch in number)
    # keep the area/mobile prefix (up to the first separator, else 3 digits) and the last 4
    head = re.match(r"^\+?[(（]?[0-9]{2,5}(?=[^0-9*])", number)
    keep_head = sum(ch.isdigit() for ch in head.group(0)) if head else 3
    seen = 0
    out = []
    for ch in number:
        if ch.isdigit() or ch == "*":
            seen += 1
            out.append(ch if seen <= keep_head or seen > digits - 4 else "*")
        else:
            out.append(ch)
    return "".join(out)


def _mask_email(value: str) -> str:
    m = _EMAIL.search(value)
    return f"{m.group(1)[:1]}***@{m.group(2)}" if m else REDACTED


def _mask_address(value: str) -> str:
    # the postal code is left out: it would narrow the address to a few streets
    pref = _PREFECTURE.search(value)
    if pref:
        muni = _MUNICIPALITY.match(value, pref.end())
        return pref.group(0) + (muni.group(0) if muni else "") + "****"
    first = _MUNICIPALITY_FIRST.match(value)
    return first.group(1) + "****" if first else "****"


def _mask_postal(value: str) -> str:
    m = _POSTAL.search(value)
    return f"{m.group(1)}-****" if m else REDACTED


def _mask_date(value: str) -> str:
    # keep the year (or era + year), hide month and day
    m = _DATE_SEIREKI.search(value) or _DATE_WAREKI.search(value)
    if m:
        year, sep1, sep2, day = m.groups()
        return f"{year}{sep1}**{sep2}**{day}"
    m = _DATE_COMPACT.search(value)
    return f"{m.group(1)}****" if m else REDACTED


def _mask_id(value: str) -> str:
    m = _ID.search(value)
    if not m:
        return REDACTED
    return m.group(1) + m.group(2)[:1] + re.sub(r"[0-9A-Za-z]", "*", m.group(2)[1:])


def _mask_my_number(value: str) -> str:
    m = _MY_NUMBER.search(value)
    return "**********" + m.group(1) if m else REDACTED


def _mask_grade(value: str) -> str:
    # a word grade (優, A, 合格) is a category like a gender; a score is hidden (a list of a
    # sheet's scores, in row order, would be personal data tied to rows)
    if _GRADE_WORD.match(value):
        return value
    if _GRADE_NUMBER.match(value):
        return re.sub(r"[0-9]", "*", value)
    return REDACTED


def _mask_gender(value: str) -> str:
    return value if _GENDER.match(value) else REDACTED


def _mask_other(value: str) -> str:
    # entities without a masker of their own (SENSITIVE terms): the kind, not the value
    return REDACTED


MASKERS: dict[Mask, Callable[[str], str]] = {
    Mask.NAME: _mask_name,
    Mask.PHONE: _mask_phone,
    Mask.EMAIL: _mask_email,
    Mask.ADDRESS: _mask_address,
    Mask.POSTAL: _mask_postal,
    Mask.DATE: _mask_date,
    Mask.ID: _mask_id,
    Mask.MY_NUMBER: _mask_my_number,
    Mask.GRADE: _mask_grade,
    Mask.GENDER: _mask_gender,
    Mask.NONE: _mask_other,
}
