"""要配慮個人情報 terms (recognizers/sensitive.yaml): in headers, in cells, in prose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml


@dataclass(frozen=True, slots=True)
class SensitiveHit:
    term: str
    category: str


class SensitiveTerms:
    def __init__(self, terms: dict[str, str]) -> None:
        self.category = terms  # normalised term → category
        words = sorted(terms, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None

    @classmethod
    def load(cls, directories: Iterable[Path]) -> SensitiveTerms:
        terms: dict[str, str] = {}
        for directory in directories:
            for path in sorted(directory.glob("*.y*ml")):
                with path.open(encoding="utf-8") as stream:
                    data = yaml.safe_load(stream) or {}
                if not isinstance(data, dict):
                    continue
                for category, words in (data.get("sensitive") or {}).items():
                    for word in words:
                        terms[_norm(str(word))] = str(category)
        return cls(terms)

    def search(self, text: str) -> SensitiveHit | None:
        if self.pattern is None:
            return None
        m = self.pattern.search(_norm(text))
        return SensitiveHit(m.group(0), self.category[m.group(0)]) if m else None

    def finditer(self, text: str) -> list[SensitiveHit]:
        """Hits in already NFKC-normalised, lower-cased text."""
        if self.pattern is None:
            return []
        return [SensitiveHit(m.group(0), self.category[m.group(0)])
                for m in self.pattern.finditer(text)]

    def column_hits(self, norm_values: pd.Series) -> pd.Series:
        if self.pattern is None:
            return pd.Series(False, index=norm_values.index)
        return norm_values.str.lower().str.contains(self.pattern)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()
