"""Record-structured text (repeated ``氏名: … / 住所: … / 電話: …`` blocks) as a table.

Such a file is a personal-information database (docs/rules.md §2): its records are arranged
systematically, one block per person. Turning it into a table lets the column detectors, the
classifier and the person keys treat it like any roster.
"""

from __future__ import annotations

import re

import pandas as pd

_FIELD = re.compile(r"^\s*[・\-*]?\s*([^\s:：=＝]{1,16})\s*[:：=＝]\s*(.*?)\s*$")
MIN_RECORDS = 2
MIN_KEYS = 2


def records_table(text: str) -> pd.DataFrame | None:
    """The blocks as rows (keys as columns), or None when the text is not record-structured.

    A block ends at a blank line or when its first key comes again. The text is record-structured
    when at least two blocks share at least two keys and most ``key: value`` lines belong to them.
    """
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    first_key = ""
    field_lines = 0
    for line in text.splitlines():
        m = _FIELD.match(line)
        if not m:
            if not line.strip() and current:
                blocks.append(current)
                current, first_key = {}, ""
            continue
        key, value = m.group(1), m.group(2)
        field_lines += 1
        if current and (key == first_key or key in current):
            blocks.append(current)
            current, first_key = {}, ""
        if not current:
            first_key = key
        current[key] = value
    if current:
        blocks.append(current)
    blocks = [b for b in blocks if len(b) >= MIN_KEYS]
    if len(blocks) < MIN_RECORDS:
        return None
    counts: dict[str, int] = {}
    for b in blocks:
        for k in b:
            counts[k] = counts.get(k, 0) + 1
    shared = [k for k, c in counts.items() if c >= max(MIN_RECORDS, len(blocks) // 2)]
    if len(shared) < MIN_KEYS:
        return None
    covered = sum(1 for b in blocks for k in b if k in shared)
    if covered < 0.6 * field_lines:
        return None
    rows = [{k: b.get(k, "") for k in shared} for b in blocks if sum(k in b for k in shared) >= 2]
    return pd.DataFrame(rows, columns=shared, dtype=str) if len(rows) >= MIN_RECORDS else None
