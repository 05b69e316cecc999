"""What the prose-name benchmark and the trainer share: exact-span scores and NFKC offsets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass
class SpanScore:
    """Exact-span precision, recall and F1 over (start, end) sets; spans in ``ignore`` (names
    the gold leaves out on purpose) count neither way."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(
        self,
        gold: set[tuple[int, int]],
        pred: set[tuple[int, int]],
        ignore: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset(),
    ) -> None:
        self.tp += len(gold & pred)
        self.fn += len(gold - pred)
        self.fp += len(pred - gold - ignore)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (
            f"P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def nfkc_offsets(text: str) -> tuple[str, list[int]]:
    """NFKC(text) built character by character, and where each original offset lands."""
    out: list[str] = []
    where = [0]
    for ch in text:
        out.append(unicodedata.normalize("NFKC", ch))
        where.append(where[-1] + len(out[-1]))
    return "".join(out), where
