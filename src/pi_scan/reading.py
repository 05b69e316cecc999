"""The reading step, between extract and detect: which shape of a dataset the detectors judge.

An extracted dataset can often be read more than one way. Each way is a candidate; the one with
the most evidence is kept, and its findings go on to classify and people:

- Text made of ``氏名: … / 住所: …`` blocks is a table (``extract/records.records_table``): it
  is read as one, with nothing to compare (its structure is the evidence).
- A table may be a card (個人票) or a transposed list, one person per column
  (``extract/cards.card_table``): both readings are detected, and the card is kept when more of
  its columns are vouched for by their header. A list of subjects down column A (教科 | 書名 |
  発行者) read as a card vouches for nothing, and stays a table. A table read in chunks is not
  a card (its first chunk is all that is held).

Text that stays text may still hold labelled fields among its prose
(``extract/records.find_records``): the text detector reads those with the rest of the text.
"""

from __future__ import annotations

from dataclasses import replace

from pi_scan.detect import Detector
from pi_scan.extract.cards import card_table
from pi_scan.extract.records import records_table
from pi_scan.model import Dataset, DatasetKind, Entity, Findings
from pi_scan.notes import CARD_NOTE


def read(dataset: Dataset, detector: Detector) -> tuple[Dataset, Findings]:
    """The dataset as it is best read, and what the detectors found in that reading."""
    dataset = _records_as_table(dataset)
    findings = detector.detect(dataset)
    if dataset.kind is DatasetKind.TABLE and dataset.rest is None:
        dataset, findings = _as_card(dataset, findings, detector)
    return dataset, findings


def _records_as_table(dataset: Dataset) -> Dataset:
    if dataset.kind is not DatasetKind.TEXT or not dataset.text:
        return dataset
    records = records_table(dataset.text)
    if records is None:
        return dataset
    return replace(dataset, kind=DatasetKind.TABLE, table=records, text=None)


def _as_card(dataset: Dataset, findings: Findings, detector: Detector) -> tuple[Dataset, Findings]:
    """The card reading when it is the better one: more columns whose header vouches for what
    they hold."""
    if dataset.table is None:
        return dataset, findings
    card = card_table(dataset.table, dataset.header_row is not None, detector.is_field_label)
    if card is None:
        return dataset, findings
    note = "; ".join(filter(None, [dataset.error, CARD_NOTE]))
    as_card = replace(dataset, table=card, error=note)
    card_findings = detector.detect(as_card)
    if _vouched(card_findings) > _vouched(findings):
        return as_card, card_findings
    return dataset, findings


def _vouched(findings: Findings) -> int:
    return sum(1 for f in findings.columns if f.header_match and f.entity is not Entity.SENSITIVE)
