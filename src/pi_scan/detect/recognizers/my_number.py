"""MY_NUMBER (個人番号): 12 digits whose last is the official check digit, near a context word.

A 13-digit 法人番号 (corporate number) is not matched: the pattern refuses a 13th digit.

match: マイナンバー 1234 5678 9018 / 個人番号：123456789018
no_match: 法人番号 1234567890123 / 123456789012 (check digit fails)
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # Qn for the 11 leading digits, left to right


def my_number_check_digit_ok(value: str) -> bool:
    """P = Σ Pn×Qn (n counted from the right, Qn = n+1 for n ≤ 6, n−5 for n ≥ 7);
    check = 0 if P mod 11 ≤ 1 else 11 − P mod 11 (総務省令 第5条)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 12:
        return False
    p = sum(int(d) * w for d, w in zip(digits[:11], _WEIGHTS, strict=True)) % 11
    return int(digits[11]) == (0 if p <= 1 else 11 - p)


class MyNumberRecognizer(PatternRecognizer):
    PATTERNS = (
        Pattern("my number 4-4-4", r"(?<![\d\-])\d{4}[ \-]?\d{4}[ \-]?\d{4}(?![\d\-])", 0.3),
    )
    CONTEXT = ("マイナンバー", "個人番号", "mynumber", "my number")

    def __init__(self) -> None:
        super().__init__(
            supported_entity="MY_NUMBER",
            name="JpMyNumberRecognizer",
            supported_language="ja",
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
        )

    def validate_result(self, pattern_text: str) -> bool:
        return my_number_check_digit_ok(pattern_text)
