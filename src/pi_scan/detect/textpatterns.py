"""Regex finders for prose (first tier; presidio recognizers refine them)."""

from __future__ import annotations

import re

import pandas as pd

from pi_scan.detect import shapes as s
from pi_scan.detect.text import Finder, regex_finder
from pi_scan.model import Entity

_D = r"(?<![\d\-])"
_ND = r"(?![\d\-])"
PHONE_TEXT = re.compile(
    rf"{_D}(?:\+81[\s\-]?\(?0?\)?\d{{1,4}}|\(?0\d{{1,4}}\)?)[\s\-]?\(?\d{{1,4}}\)?[\s\-]?\d{{3,4}}{_ND}"
)
EMAIL_TEXT = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
POSTAL_TEXT = re.compile(r"(?:〒\s?|郵便番号[:\s]*)\d{3}-?\d{4}(?!\d)")
MY_NUMBER_TEXT = re.compile(
    r"(?:マイナンバー|個人番号)[^\d\n]{0,10}(?<!\d)\d{4}[\s\-]?\d{4}[\s\-]?\d{4}(?!\d)"
)
DOB_TEXT = re.compile(
    r"(?:生年月日|誕生日|生まれ|出生日)[^\d\n]{0,6}"
    r"(?:(?:明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(?:元|\d{1,2})|(?:19|20)\d{2})"
    r"\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*日?"
)
ADDRESS_TEXT = re.compile(
    rf"(?:{s.PREFECTURES})[^\s、。,()「」]{{1,20}}?(?:\d+|[一二三四五六七八九十]+)\s*(?:丁目|番地?|号|-)"
    rf"(?:\s*\d+\s*(?:番地?|号|-)?){{0,3}}"
)


def _phone_ok(value: str) -> bool:
    return bool(s.phone_shape(pd.Series([value.strip()])).iloc[0])


def _my_number_ok(value: str) -> bool:
    digits = re.sub(r"\D", "", value)[-12:]
    return bool(s.my_number_valid(pd.Series([digits])).iloc[0])


def builtin_finders() -> list[Finder]:
    return [
        regex_finder(Entity.PHONE_NUMBER, PHONE_TEXT, 0.6, "phone pattern", _phone_ok),
        regex_finder(Entity.EMAIL_ADDRESS, EMAIL_TEXT, 0.8, "e-mail pattern"),
        regex_finder(Entity.POSTAL_CODE, POSTAL_TEXT, 0.7, "〒/郵便番号 + 7 digits"),
        regex_finder(Entity.MY_NUMBER, MY_NUMBER_TEXT, 0.9, "context + check digit", _my_number_ok),
        regex_finder(Entity.DATE_OF_BIRTH, DOB_TEXT, 0.8, "birth-date context + date"),
        regex_finder(Entity.ADDRESS, ADDRESS_TEXT, 0.7, "prefecture + block number"),
    ]
