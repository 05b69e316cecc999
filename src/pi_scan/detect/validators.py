"""Value validators shared by the column rules and the presidio recognizers, importable without
presidio (a spreadsheet is judged without loading the text stack: spaCy, presidio)."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
import tldextract

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=100_000)
def valid_jp_phone(value: str) -> bool:
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        return False
    return number.country_code == 81 and phonenumbers.is_valid_number(number)


@lru_cache(maxsize=50_000)
def valid_email_domain(value: str) -> bool:
    domain = value.rsplit("@", 1)[-1]
    return bool(_EXTRACT(domain).suffix) and bool(_EXTRACT(domain).domain)
