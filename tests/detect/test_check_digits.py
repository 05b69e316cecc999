"""The My Number check digit: one rule, the same answer for a column and for one value."""

from __future__ import annotations

import random

import pandas as pd

from pi_scan.detect.check_digits import my_number_check_digit_ok
from pi_scan.detect.shapes import my_number_shape, my_number_valid


def test_known_values() -> None:
    assert my_number_check_digit_ok("1234 5678 9018")
    assert my_number_check_digit_ok("123456789018")
    assert not my_number_check_digit_ok("123456789012")
    assert not my_number_check_digit_ok("12345678901")  # 11 digits


def test_column_and_value_agree() -> None:
    rng = random.Random(5)
    values = ["".join(rng.choice("0123456789") for _ in range(12)) for _ in range(2000)]
    column = my_number_valid(pd.Series(values, dtype=object))
    assert list(column) == [my_number_check_digit_ok(v) for v in values]
    assert 100 < column.sum() < 400  # about one in ten numbers carries a valid check digit


def test_shape_per_value_agrees_with_the_column() -> None:
    """The column rules test each value (``my_number_shape``); the column form is the same."""
    rng = random.Random(7)
    values = ["".join(rng.choice("0123456789") for _ in range(12)) for _ in range(500)]
    values += [f"{v[:4]}-{v[4:8]} {v[8:]}" for v in values[:50]] + ["", "12345", "abcd efgh ijkl"]
    column = my_number_valid(pd.Series(values, dtype=object))
    assert list(column) == [my_number_shape.test(v) for v in values]
    assert list(my_number_shape(pd.Series(values, dtype=object))) == list(column)
