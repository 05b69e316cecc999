"""Record-structured text: repeated ``氏名: … 住所: …`` blocks are a database (docs/rules.md §2).

Lines of the form ``label: value`` (half- or full-width colon, or a tab) whose label is in the
header vocabulary are collected per label; when at least two personal labels repeat, the text is
a sequence of records and each label's values are judged like a table column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from pi_scan.detect.vocabulary import HeaderVocabulary

_FIELD = re.compile(
    r"^[ \t\u3000]*([^\s:：\t][^:：\t\n]{0,15}?)[ \t\u3000]*(?:[:：]|\t)[ \t\u3000]*(\S.*?)\s*$",
    re.MULTILINE,
)
MIN_RECORDS = 2


@dataclass(frozen=True, slots=True)
class RecordFields:
    records: int  # number of blocks: occurrences of the most repeated personal label
    table: pd.DataFrame  # one column per personal label, values in order (ragged → "")


def find_records(text: str, vocabulary: HeaderVocabulary) -> RecordFields | None:
    values: dict[str, list[str]] = {}
    for label, value in _FIELD.findall(text):
        if vocabulary.match(label).matched:
            values.setdefault(label.strip(), []).append(value)
    counts = Counter({label: len(v) for label, v in values.items()})
    repeated = [label for label, n in counts.items() if n >= MIN_RECORDS]
    if len(repeated) < 2:
        return None
    records = max(counts[label] for label in repeated)
    table = pd.DataFrame(
        {label: values[label] + [""] * (records - len(values[label])) for label in repeated}
    )
    return RecordFields(records, table)
