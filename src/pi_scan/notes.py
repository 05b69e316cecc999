"""The notes an extractor writes in a dataset's ``error`` column that later steps read back
(classification doubts a card, a PDF table or a poor OCR reading): declared once, here, so that
what reads them needs none of the parsers."""

from __future__ import annotations

import re

CARD_NOTE = "read as a card: field names down the first column, one person per column"

PDF_TABLE_NOTE = "read from a PDF"
"""The start of a PDF table's note (``error`` column): "read from a PDF: table on pages 1–3"."""

OCR_NOTE = "read by OCR"
"""The start of an OCR Dataset's note: "read by OCR, mean confidence 0.93"."""

LOW_OCR_CONFIDENCE = 0.85
"""A mean recognition confidence below this makes a database judgement uncertain."""

_CONFIDENCE = re.compile(re.escape(OCR_NOTE) + r", mean confidence ([01]\.\d+)")


def ocr_confidence(note: str) -> float | None:
    """The mean OCR confidence written in a Dataset's note, None when it was not read by OCR."""
    found = _CONFIDENCE.search(note)
    return float(found.group(1)) if found else None
