"""Japanese personal names: Sudachi's 人名 tags + a surname dictionary (recognizers/surnames*.txt).

Sudachi (SudachiPy + sudachidict-core) tags 姓/名 without a neural model at ~50,000 short cells/s;
the surname list covers family names it tags as common nouns and makes the split of an unspaced
name ("佐藤花子") cheap. Variant kanji (髙, 﨑, 𠮷) are folded first: the dictionaries know the
common forms. Results are cached per value: rosters repeat names across sheets and files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from sudachipy import Dictionary, SplitMode

from pi_scan.detect.shapes import HIRAGANA, KANJI, KATAKANA, fold_variants

_JA_PART = re.compile(rf"^[{KANJI}{KATAKANA}{HIRAGANA}]{{1,5}}$")
_KANA_GIVEN = re.compile(rf"^[{HIRAGANA}]{{2,5}}$|^[{KATAKANA}]{{2,5}}$")
_SPACE = re.compile(r"[\s\u3000]+")
# Sudachi POS of tokens that make a value a place, an organisation or a thing, not a person.
_NOT_PERSON_POS = ("地名", "組織名")
NOT_PERSON_SUFFIX = re.compile(
    r"(?:会社|協会|組合|法人|学校|学園|高校|中学|小学|大学|病院|医院|銀行|商店|工業|産業|建設|"
    r"製作所|事務所|センター|役所|役場|駅|公園|神社|寺|店|館|課|部|係|省|庁|都|道|府|県|市|区|"
    r"町|村|郡|丁目|委員会|会|社|室|所|線|号|川|山|橋|坂|台|園|院|堂|屋|家|様式|表|書|票|簿)$"
)
MAX_CACHE = 200_000


def _word_list(directories: Iterable[Path], pattern: str) -> list[str]:
    """The lines of the recognizers' word lists (``pattern``: surnames*.txt ...), without
    comments (# to the end of a line) and blank lines."""
    words = []
    for directory in directories:
        for path in sorted(directory.glob(pattern)):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    words.append(line)
    return words


def load_surnames(directories: Iterable[Path]) -> frozenset[str]:
    return frozenset(fold_variants(w) for w in _word_list(directories, "surnames*.txt"))


def load_titles(directories: Iterable[Path]) -> frozenset[str]:
    return frozenset(_word_list(directories, "titles*.txt"))


def load_foreign_names(directories: Iterable[Path]) -> frozenset[str]:
    """Foreign given and family names as written in Latin letters (lower case), several a line."""
    return frozenset(
        w.lower() for line in _word_list(directories, "foreign_names*.txt") for w in line.split()
    )


class NameRecognizer:
    """Decides whether a cell value is a person's name (kanji, with or without a space)."""

    def __init__(self, surnames: frozenset[str]) -> None:
        self.surnames = surnames
        self._tokenizer = Dictionary().create(SplitMode.C)
        self.is_full_name = lru_cache(maxsize=MAX_CACHE)(self._is_full_name)

    def reading(self, name: str) -> str:
        """The katakana reading Sudachi gives a written name (久保博 → クボヒロシ); a given
        name's reading is often one of several, the family name's mostly right."""
        value = fold_variants(_SPACE.sub("", name.strip()))
        return "".join(m.reading_form() for m in self._tokenizer.tokenize(value)) if value else ""

    def pos(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(m.surface(), m.part_of_speech()) for m in self._tokenizer.tokenize(text)]

    def validate(self, values: Sequence[str]) -> list[bool]:
        """Column validator: family + given name (value-only evidence must be strict)."""
        return [self.is_full_name(v) for v in values]

    def _is_full_name(self, value: str) -> bool:
        value = fold_variants(value.strip())
        if not value or NOT_PERSON_SUFFIX.search(value):
            return False
        parts = _SPACE.split(value)
        if len(parts) == 2:
            family, given = parts
            if not (_JA_PART.match(family) and _JA_PART.match(given)):
                return False
            if len(family) + len(given) < 2:
                return False
            return self._family_ok(family) and self._given_ok(given)
        if len(parts) != 1 or not _JA_PART.match(value) or len(value) < 2:
            return False
        tokens = self.pos(value)
        if any(p[2] in _NOT_PERSON_POS for _, p in tokens):
            return False
        # Sudachi split: 姓 then the rest; or a known surname prefix then 1-4 characters
        if len(tokens) >= 2 and tokens[0][1][3] == "姓":
            rest = value[len(tokens[0][0]) :]
            return 1 <= len(rest) <= 4 and self._given_ok(rest, tokens[1:])
        if len(value) < 3:
            return False  # 関内, 森下: two characters without a space are too often places
        for cut in range(min(4, len(value) - 1), 0, -1):
            if value[:cut] in self.surnames:
                rest = value[cut:]
                return 1 <= len(rest) <= 4 and self._given_ok(rest)
        return False

    def _family_ok(self, family: str) -> bool:
        if family in self.surnames:
            return True
        tokens = self.pos(family)
        return len(tokens) == 1 and tokens[0][1][2] == "人名"

    def _given_ok(
        self, given: str, tokens: Sequence[tuple[str, tuple[str, ...]]] | None = None
    ) -> bool:
        if _KANA_GIVEN.match(given):
            return True  # あすか, ひなた, エミリ: kana given names split oddly in Sudachi
        tokens = self.pos(given) if tokens is None else tokens
        if any(p[2] in _NOT_PERSON_POS for _, p in tokens):
            return False
        if any(p[2] == "人名" for _, p in tokens):
            return True
        # Given names outside the dictionary come out as one or two short nouns or unknown
        # words; verbs, particles and symbols mean prose or a label, not a name.
        return len(tokens) <= 2 and all(p[0] in ("名詞", "接頭辞", "形状詞") for _, p in tokens)
