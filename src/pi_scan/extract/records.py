"""Record-structured text: ``氏名: … / 住所: … / 電話: …`` repeated, one record per person.

Such a file is a personal-information database (docs/rules.md §2): its records are arranged
systematically. It is read in one of two ways, tried in this order:

1. ``records_table``, by its structure: blocks (split at blank lines, or where the first key
   comes again) that share at least two keys and hold most of the ``key: value`` lines. The
   text becomes a table (keys as columns), read like any roster: columns, person keys, cards.
   Any key counts (``会員番号``, ``勤務先``): the structure is the evidence.
2. ``find_records``, by its labels, for text the first did not take (fields without blocks, in
   a letter or among prose): lines whose label is a header word (the caller's vocabulary) are
   gathered per label; two such labels repeated make the text record-structured. It stays
   text, and each label's values are judged like a column (``Detector._detect_text``).

The line patterns differ on purpose: blocks allow a bullet and ``=``, and a key without spaces;
labelled fields allow a tab and spaces inside a label, and need a value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pi_scan.extract.tabular import CELLS

_FIELD = re.compile(r"^\s*[・\-*]?\s*([^\s:：=＝]{1,16})\s*[:：=＝]\s*(.*?)\s*$")
_LABELLED = re.compile(
    r"^[ \t\u3000]*([^\s:：\t][^:：\t\n]{0,15}?)[ \t\u3000]*(?:[:：]|\t)[ \t\u3000]*(\S.*?)\s*$",
    re.MULTILINE,
)
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
    return pd.DataFrame(rows, columns=shared, dtype=CELLS) if len(rows) >= MIN_RECORDS else None


@dataclass(frozen=True, slots=True)
class RecordFields:
    records: int  # number of records: occurrences of the most repeated personal label
    table: pd.DataFrame  # one column per personal label, values in order (ragged → "")


def find_records(text: str, is_personal_label: Callable[[str], bool]) -> RecordFields | None:
    """Labelled fields whose label names personal data, gathered per label, or None when fewer
    than two such labels repeat."""
    values: dict[str, list[str]] = {}
    for label, value in _LABELLED.findall(text):
        if is_personal_label(label):
            values.setdefault(label.strip(), []).append(value)
    counts = Counter({label: len(v) for label, v in values.items()})
    repeated = [label for label, n in counts.items() if n >= MIN_RECORDS]
    if len(repeated) < 2:
        return None
    records = max(counts[label] for label in repeated)
    table = pd.DataFrame(
        {label: values[label] + [""] * (records - len(values[label])) for label in repeated},
        dtype=CELLS,
    )
    return RecordFields(records, table)
