"""PHONE_NUMBER (Japan): fixed, mobile, IP (050), toll-free (0120/0800); hyphens, parentheses,
spaces, none, full-width (NFKC'd before), +81 — validated with the ``phonenumbers`` library.

match: 090-1234-5678 / 03(1234)5678 / +81 90 1234 5678 / 0120-123-456
no_match: 1234-5678 / 090-1234-567 / 00-0000-0000
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from pi_scan.detect.validators import valid_jp_phone

PHONE_REGEX = (
    r"(?<![\d\-+])(?:\+81[ \-]?\(?0?\)?\d{1,4}|\(?0\d{1,4}\)?)[ \-]?\(?\d{1,4}\)?[ \-]?\d{3,4}"
    r"(?![\d\-])"
)


__all__ = ["PHONE_REGEX", "JpPhoneRecognizer", "valid_jp_phone"]


class JpPhoneRecognizer(PatternRecognizer):
    PATTERNS = (Pattern("jp phone", PHONE_REGEX, 0.4),)
    CONTEXT = ("電話", "tel", "携帯", "連絡先", "fax", "ファックス", "ケータイ", "phone")

    def __init__(self) -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            name="JpPhoneRecognizer",
            supported_language="ja",
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
        )

    def validate_result(self, pattern_text: str) -> bool:
        return valid_jp_phone(pattern_text)
