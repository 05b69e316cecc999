"""A phone number in national form is validated without phonenumbers' parse, as if parsed.

``validators.national_number`` builds the number ``phonenumbers.parse(value, "JP")`` gives for
the way Japanese lists write numbers (``03-1234-5678``); these tests hold it to the parse on
Faker's ja_JP numbers and on random digit strings cut by hyphens (every length from 8 to 13
digits, every prefix including 00 and 010, Japan's international prefix).
"""

from __future__ import annotations

import random

import phonenumbers
from faker import Faker

from pi_scan.detect.validators import national_number, valid_jp_phone


def _parsed_and_valid(value: str) -> bool:
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        return False
    return number.country_code == 81 and phonenumbers.is_valid_number(number)


def _written(rng: random.Random) -> str:
    length = rng.randint(8, 13)
    digits = "0" + rng.choice(["", "0", "1", "10", "9", "3"])
    digits += "".join(rng.choice("0123456789") for _ in range(length - len(digits)))
    cuts = sorted(rng.sample(range(1, length), rng.randint(0, 3)))
    parts = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, length], strict=True)]
    return "-".join(parts)


def test_numbers_in_national_form_are_what_the_parse_makes_of_them() -> None:
    faker = Faker("ja_JP")
    faker.seed_instance(17)
    rng = random.Random(17)
    values = [faker.phone_number() for _ in range(3000)] + [_written(rng) for _ in range(20000)]
    values += ["０３-1234-5678", "03 1234 5678", "(03)1234-5678", "+81-3-1234-5678", "03--12"]
    built = 0
    for value in values:
        number = national_number(value)
        if number is not None:
            assert number == phonenumbers.parse(value, "JP"), value
            built += 1
        assert valid_jp_phone(value) == _parsed_and_valid(value), value
    assert built > 4000  # Faker's and a quarter of the random ones take the short way
    assert national_number("010-1-212-555-0100") is None  # a call abroad: parsed
    assert national_number("03 1234 5678") is None  # other punctuation: parsed
