"""The My Number check digit, once, for a whole column (``shapes``) and for one value (the
text recognizer).

個人番号 (総務省令 第5条): P = Σ Pn×Qn over the 11 leading digits counted from the right
(n = 1..11), Qn = n+1 (n ≤ 6), n−5 (n ≥ 7); check = 0 if P mod 11 ≤ 1 else 11 − P mod 11.
"""

from __future__ import annotations

import re

import numpy as np

MY_NUMBER_WEIGHTS = np.array([6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
"""Qn for the 11 leading digits, left to right."""


def my_number_check_digits(leading: np.ndarray) -> np.ndarray:
    """The check digit of each row of 11 leading digits (an n x 11 array of ints)."""
    p = (leading * MY_NUMBER_WEIGHTS).sum(axis=1) % 11
    return np.where(p <= 1, 0, 11 - p)


def my_number_check_digit_ok(value: str) -> bool:
    """12 digits (separators ignored) whose last one is the check digit of the others."""
    digits = [int(d) for d in re.sub(r"\D", "", value)]
    if len(digits) != 12:
        return False
    return bool(my_number_check_digits(np.array([digits[:11]]))[0] == digits[11])
