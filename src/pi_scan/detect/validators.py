"""Value validators shared by the column rules and the presidio recognizers, importable without
presidio (a spreadsheet is judged without loading the text stack: spaCy, presidio)."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
import tldextract

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# A number as Japanese lists write it: ASCII digits and hyphens from a 0 that is not "00"
_NATIONAL_FORM = re.compile(r"0[1-9][0-9]*(?:-[0-9]+)*")


@lru_cache(maxsize=100_000)
def valid_jp_phone(value: str) -> bool:
    number = national_number(value)
    if number is None:
        try:
            number = phonenumbers.parse(value, "JP")
        except phonenumbers.NumberParseException:
            return False
    return number.country_code == 81 and phonenumbers.is_valid_number(number)


def national_number(value: str) -> phonenumbers.PhoneNumber | None:
    """``phonenumbers.parse(value, "JP")`` for a number written in national form with 10 or 11
    digits (``03-1234-5678``, ``090-1234-5678``), else None. Its parse takes 85 % of the
    validation and, for such a number, always gives country code 81 and the digits after the
    national prefix 0 (they never start with 0, and their length is possible in Japan); a
    number from 010, Japan's international prefix, is left to it (tested against the parse)."""
    if _NATIONAL_FORM.fullmatch(value) is None:
        return None
    digits = value.replace("-", "")
    if len(digits) not in (10, 11) or digits.startswith("010"):
        return None
    return phonenumbers.PhoneNumber(country_code=81, national_number=int(digits[1:]))


@lru_cache(maxsize=50_000)
def valid_email_domain(value: str) -> bool:
    domain = value.rsplit("@", 1)[-1]
    return bool(_EXTRACT(domain).suffix) and bool(_EXTRACT(domain).domain)
