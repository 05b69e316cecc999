"""MY_NUMBER (個人番号): 12 digits whose last is the official check digit, near a context word.

A 13-digit 法人番号 (corporate number) is not matched: the pattern refuses a 13th digit.

match: マイナンバー 1234 5678 9018 / 個人番号：123456789018
no_match: 法人番号 1234567890123 / 123456789012 (check digit fails)
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from pi_scan.detect.check_digits import my_number_check_digit_ok

__all__ = ["MyNumberRecognizer", "my_number_check_digit_ok"]


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
