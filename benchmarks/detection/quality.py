"""Precision / recall per entity on the generated corpus, for cells and for columns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from corpus import Cell, Column
from prose_names.spans import SpanScore  # tp / fp / fn with precision and recall

from pi_scan.detect import Detector
from pi_scan.model import Entity


@dataclass
class Score(SpanScore):
    fp_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _tally(scores: dict[str, Score], label: str | None, predicted: set[str], kind: str) -> None:
    for entity in predicted:
        if entity == label:
            scores[entity].tp += 1
        else:
            scores[entity].fp += 1
            scores[entity].fp_kinds[kind] += 1
    if label is not None and label not in predicted:
        scores[label].fn += 1


def score_cells(detector: Detector, cells: list[Cell]) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    by_header: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_header[cell.header].append(cell)
    for header, group in by_header.items():
        predicted = detector.columns.cell_entities(header, [c.value for c in group])
        for cell, pred in zip(group, predicted, strict=True):
            pred_names = {e.value for e in pred if e is not Entity.SENSITIVE}
            _tally(scores, cell.label, pred_names, header or "no header")
    return scores


def score_columns(detector: Detector, columns: list[Column]) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    for col in columns:
        findings = detector.columns.detect_column(col.header, pd.Series(col.values, dtype=object))
        predicted = {f.entity.value for f in findings}
        _tally(scores, col.label, predicted, col.kind)
    return scores


def report(title: str, scores: dict[str, Score]) -> str:
    lines = [title, f"{'entity':<15}{'prec':>7}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}  fp from"]
    for entity in sorted(scores):
        s = scores[entity]
        kinds = ", ".join(f"{k}×{n}" for k, n in sorted(s.fp_kinds.items()))
        lines.append(
            f"{entity:<15}{s.precision:>7.3f}{s.recall:>8.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}  {kinds}"
        )
    return "\n".join(lines)
