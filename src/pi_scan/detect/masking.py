"""Masked samples (DOMAIN.md §7): enough to recognise the kind of value, never the value.

``山田 **``, ``090-****-5678``, ``t***@example.jp``, ``東京都新宿区****``, ``1990-**-**``.
Every sample that leaves the detector goes through ``mask``.
"""

from __future__ import annotations

import re
import unicodedata

from pi_scan.model import Entity

_SPLIT = re.compile(r"[\s\u3000]+")
_DIGIT = re.compile(r"\d")
_MUNI = re.compile(r"^(.*?(?:都|道|府|県))?(.*?(?:市|区|町|村|郡))?")


def mask(entity: Entity, value: str) -> str:
    value = unicodedata.normalize("NFKC", value).strip()
    if not value:
        return ""
    masker = _MASKERS.get(entity, _mask_generic)
    return masker(value)


def _mask_name(value: str) -> str:
    parts = _SPLIT.split(value)
    if len(parts) >= 2:
        return f"{parts[0]} **"
    # no space: keep the first character only (we do not know where the family name ends)
    return value[0] + "*" * min(max(len(value) - 1, 2), 4)


def _mask_phone(value: str) -> str:
    digits = _DIGIT.findall(value)
    # keep the area/mobile prefix (up to the first separator, else 3 digits) and the last 4
    head = re.match(r"^\+?\(?\d{2,5}(?=\D)", value)
    keep_head = len(_DIGIT.findall(head.group(0))) if head else 3
    keep_tail = 4
    seen = 0
    out = []
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > len(digits) - keep_tail else "*")
        else:
            out.append(ch)
    return "".join(out)


def _mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}" if domain else _mask_generic(value)


_POSTAL_PREFIX = re.compile(r"^\s*〒?\s*\d{3}\s*[-－‐ー]?\s*\d{4}\s*")


def _mask_address(value: str) -> str:
    value = _POSTAL_PREFIX.sub("", value)  # the postal code would narrow it to a few streets
    m = _MUNI.match(value)
    head = "".join(g for g in (m.groups() if m else ()) if g)
    return (head or value[:2]) + "****"


def _mask_postal(value: str) -> str:
    digits = "".join(_DIGIT.findall(value))
    return f"{digits[:3]}-****" if len(digits) == 7 else _mask_generic(value)


def _mask_date(value: str) -> str:
    # keep the year (or era + year), hide month and day
    if value[:4].isdigit():
        return value[:4] + re.sub(r"\d", "*", value[4:])
    return _mask_digits_after(value, 3)


def _mask_digits_after(value: str, keep: int) -> str:
    return value[:keep] + re.sub(r"[0-9A-Za-z]", "*", value[keep:])


def _mask_id(value: str) -> str:
    return _mask_digits_after(value, 2)


def _mask_my_number(value: str) -> str:
    return re.sub(r"\d", "*", value[:-2]) + value[-2:]


def _mask_generic(value: str) -> str:
    return value[:1] + "*" * min(max(len(value) - 1, 2), 6)


def _keep(value: str) -> str:
    # grades and genders identify nobody on their own
    return value[:8]


_MASKERS = {
    Entity.PERSON: _mask_name,
    Entity.PERSON_KANA: _mask_name,
    Entity.PHONE_NUMBER: _mask_phone,
    Entity.EMAIL_ADDRESS: _mask_email,
    Entity.ADDRESS: _mask_address,
    Entity.POSTAL_CODE: _mask_postal,
    Entity.DATE_OF_BIRTH: _mask_date,
    Entity.STUDENT_ID: _mask_id,
    Entity.EMPLOYEE_ID: _mask_id,
    Entity.MY_NUMBER: _mask_my_number,
    Entity.GRADE: _keep,
    Entity.GENDER: _keep,
}
