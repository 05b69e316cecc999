"""要配慮個人情報 terms (recognizers/sensitive.yaml): in headers, in cells, in prose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pi_scan.detect.yaml_files import read_yaml, yaml_files


@dataclass(frozen=True, slots=True)
class SensitiveHit:
    term: str
    category: str


class SensitiveTerms:
    """``pattern`` finds every term (headers); ``text_pattern`` leaves out the header-only
    terms, which are too common in other senses to flag prose or cell values."""

    def __init__(self, terms: dict[str, str], header_only: frozenset[str] = frozenset()) -> None:
        self.category = terms  # normalised term → category
        self.pattern = _alternation(terms)
        self.text_pattern = _alternation([t for t in terms if t not in header_only])

    @classmethod
    def load(cls, directories: Iterable[Path]) -> SensitiveTerms:
        terms: dict[str, str] = {}
        header_only: set[str] = set()
        for path in yaml_files(directories):
            data = read_yaml(path)
            if not isinstance(data, dict):
                continue
            for category, words in (data.get("sensitive") or {}).items():
                for word in words:
                    terms[_norm(str(word))] = str(category)
            header_only.update(_norm(str(w)) for w in data.get("header_only") or ())
        return cls(terms, frozenset(header_only))

    def search(self, text: str) -> SensitiveHit | None:
        if self.pattern is None:
            return None
        m = self.pattern.search(_norm(text))
        return SensitiveHit(m.group(0), self.category[m.group(0)]) if m else None

    def finditer(self, text: str) -> list[SensitiveHit]:
        """Hits in already NFKC-normalised, lower-cased prose."""
        if self.text_pattern is None:
            return []
        return [
            SensitiveHit(m.group(0), self.category[m.group(0)])
            for m in self.text_pattern.finditer(text)
        ]

    def value_hit(self, value: str) -> SensitiveHit | None:
        """The first prose-grade term in a cell value."""
        hits = self.finditer(_norm(value))
        return hits[0] if hits else None

    def column_hits(self, norm_values: pd.Series) -> pd.Series:
        if self.text_pattern is None:
            return pd.Series(False, index=norm_values.index)
        find = self.text_pattern.search
        return pd.Series(
            [find(_norm(v)) is not None for v in norm_values.to_numpy(dtype=object)],
            index=norm_values.index,
            dtype=bool,
        )

    def value_hits(self, values: list[str]) -> np.ndarray:
        """``column_hits`` of plain values, each distinct value searched once."""
        if self.text_pattern is None:
            return np.zeros(len(values), dtype=bool)
        find = self.text_pattern.search
        seen: dict[str, bool] = {}
        for v in values:
            if v not in seen:
                seen[v] = find(_norm(v)) is not None
        return np.fromiter((seen[v] for v in values), dtype=bool, count=len(values))


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(words, key=len, reverse=True)  # longest first: 食物アレルギー, not アレルギー
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()
