"""Tables of things, not people: evidence in the values that name-like columns describe no one.

Column detection says what a column looks like (a name, a reading). Whether the rows are people
is a question about the whole table, answered here from its values, whatever its headers say:

- **readings of things**: a reading column (よみ, ヨミ) with no name column in the table, beside
  a column of kanji that are not people's names (傷病名, 町名, 診療科, 駅名): it reads those;
- **statistics and lists of names**: single names (surnames, given names) each on one row, with a
  column of counts sorted from the largest (姓 | よみ | 人数, a name ranking), or with nothing
  about a person beside them: shares, counts beside shares, other spellings, empty notes (姓 |
  よみ | 顧客数 | 構成比 sorted by reading, a surname-reading dictionary): a frequency table or
  a dictionary of names identifies nobody (docs/rules.md §1);
- **organisations' accounts**: bank accounts on rows that name no person and that a column names
  organisations (取引先名 of 株式会社…, an account holder in the banks' notation ｶ)…): a supplier's
  account identifies no individual;
- **people who are not living**: a birth-date column whose years all lie before 1900 (a list of
  historical figures): personal information is about living individuals (docs/rules.md §1).

Each rule drops the name-like findings and says why; the reason reaches the rationale. A table
with a strong identifier (an ID, a phone, an e-mail, an address) is never judged by these rules:
its rows are people.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace

import numpy as np
import pandas as pd

from pi_scan.detect.names import NameRecognizer
from pi_scan.detect.shapes import KANJI
from pi_scan.model import ColumnFinding, Entity, Findings

_NAMING = (Entity.PERSON, Entity.PERSON_KANA)
# Items that make a row a person whatever the name columns look like
_PERSON_ITEMS = frozenset(
    {
        Entity.STUDENT_ID,
        Entity.EMPLOYEE_ID,
        Entity.MEMBER_ID,
        Entity.MY_NUMBER,
        Entity.EMAIL_ADDRESS,
        Entity.PHONE_NUMBER,
        Entity.ADDRESS,
        Entity.GENDER,
        Entity.GRADE,
    }
)
_HAS_KANJI = re.compile(f"[{KANJI}]")
_NUMBER = re.compile(r"^\s*[+\-]?\d[\d,]*(?:\.\d+)?\s*$")
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
SAMPLE = 60  # distinct values looked at per column
NOT_LIVING_BEFORE = 1900  # born earlier: not a living individual


def judge(table: pd.DataFrame, findings: Findings, names: NameRecognizer) -> Findings:
    """``findings`` without the name-like columns when the table's rows are not people."""
    naming = [c for c in findings.columns if c.entity in _NAMING]
    if findings.not_people:
        return findings
    if not naming:
        return _organisations_accounts(table, findings)
    if any(c.entity in _PERSON_ITEMS for c in findings.columns):
        return findings
    for rule in (_historical_figures, _readings_of_things, _name_statistics):
        reason = rule(table, findings.columns, names)
        if reason:
            kept = tuple(
                c
                for c in findings.columns
                if c.entity not in _NAMING and c.entity is not Entity.DATE_OF_BIRTH
            )
            return replace(findings, columns=kept, not_people=reason)
    return findings


def _values(table: pd.DataFrame, column: str) -> list[str]:
    series = table[column]
    if isinstance(series, pd.DataFrame):  # a duplicated header: the first column
        series = series.iloc[:, 0]
    values = [unicodedata.normalize("NFKC", str(v)).strip() for v in series.tolist()]
    return [v for v in values if v]


def _sample(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))[:SAMPLE]


def _historical_figures(
    table: pd.DataFrame, columns: tuple[ColumnFinding, ...], names: NameRecognizer
) -> str:
    """Lives that ended long ago: birth years all before 1900 in a birth-date column, or life
    spans (生没年 1733–1817, or 生年 | 没年 in two columns: years 20 to 110 apart) that began
    before 1900. Plain 4-digit numbers alone are not enough (member numbers 1001, 1002 …)."""
    births = [c.column for c in columns if c.entity is Entity.DATE_OF_BIRTH]
    named = {c.column for c in columns if c.entity in _NAMING}
    others = [str(h) for h in table.columns if str(h) not in named]
    for column in births:
        years = _years(_values(table, column), 1)
        if years is not None and _long_ago(years[0]):
            return _HISTORICAL
    for column in others:  # 1733-1817 in one cell
        spans = _years(_values(table, column), 2)
        if spans is not None and _lifespans(*spans):
            return _HISTORICAL
    year_columns = [(c, y[0]) for c in others if (y := _years(_values(table, c), 1)) is not None]
    for (_, born), (_, died) in itertools.pairwise(year_columns):
        if len(born) == len(died) and _lifespans(born, died):
            return _HISTORICAL
    return ""


_HISTORICAL = f"生年が{NOT_LIVING_BEFORE}年より前の人物の一覧（歴史上の人物: 生存する個人ではない）"


def _years(values: list[str], per_value: int) -> tuple[list[int], ...] | None:
    """The first ``per_value`` years of each value, when ≥ 90 % of the values hold that many."""
    found = [[int(y) for y in _YEAR.findall(v)][:per_value] for v in values]
    found = [f for f in found if len(f) == per_value]
    if len(found) < max(3, 0.9 * len(values)):
        return None
    return tuple([f[i] for f in found] for i in range(per_value))


def _long_ago(born: list[int]) -> bool:
    return sum(y < NOT_LIVING_BEFORE for y in born) >= 0.9 * len(born)


def _lifespans(born: list[int], died: list[int]) -> bool:
    lived = [d - b for b, d in zip(born, died, strict=True)]
    return _long_ago(born) and sum(20 <= n <= 110 for n in lived) >= 0.9 * len(lived)


def _is_count_column(values: list[str]) -> bool:
    """Whole numbers sorted from the largest, not all equal: how many, per row."""
    if len(values) < 3 or not all(_NUMBER.match(v) for v in values):
        return False
    numbers = np.array([float(v.replace(",", "")) for v in values])
    steps = np.diff(numbers)
    return bool((steps <= 0).all() and (steps < 0).any() and numbers.min() >= 1)


def _single_names(values: list[str], names: NameRecognizer) -> bool:
    """One name part each (佐藤, 智也, さくら), (nearly) each once: not people's full names.
    Readings may repeat (斉藤 and 斎藤 are both さいとう)."""
    if len(values) < 3 or len(set(values)) < 0.9 * len(values):
        return False
    sample = _sample(values)
    spaced = sum(" " in v for v in sample)
    full = sum(names.is_full_name(v) for v in sample)
    return spaced <= 0.1 * len(sample) and full <= 0.3 * len(sample)


def _name_statistics(
    table: pd.DataFrame, columns: tuple[ColumnFinding, ...], names: NameRecognizer
) -> str:
    persons = [c for c in columns if c.entity is Entity.PERSON]
    if len(persons) > 1:
        return ""  # 姓 | 名 in two columns: one person's name, split
    naming = [c for c in columns if c.entity in _NAMING]
    if not all(_single_names(_values(table, c.column), names) for c in naming):
        return ""
    named = {c.column for c in naming}
    others = {
        str(column): _values(table, str(column))
        for column in table.columns
        if str(column) not in named
    }
    if any(_is_count_column(values) for values in others.values()):
        return "名前の集計表（1行に名前1つと件数: 人数の多い順）、個人を識別しない"
    shares = any(vs and all(_PERCENT.match(v) for v in vs) for vs in others.values())
    if all(_about_the_name(vs, len(table), shares, names) for vs in others.values()):
        return "名前の一覧・集計（1行に名前1つ、ほかは件数・割合・表記の別のみ）、個人を識別しない"
    return ""


_PERCENT = re.compile(r"^\s*\d+(?:\.\d+)?\s*[%％]\s*$")


def _about_the_name(values: list[str], rows: int, shares: bool, names: NameRecognizer) -> bool:
    """A column (its ``values``) that says something of a name, not of a person: shares (構成比
    0.48%), counts when the table has a share column (``shares``), other spellings (髙橋 for
    高橋), or (nearly) empty (備考)."""
    values = [v for v in values if v.lower() not in ("nan", "none")]
    if rows == 0 or len(values) <= 0.3 * rows:
        return True  # 備考, 異体字: mostly empty
    if all(_PERCENT.match(v) for v in values):
        return True
    if all(_NUMBER.match(v) for v in values):
        return shares  # 顧客数 in any order, beside 構成比
    return _single_names(values, names) if len(values) >= 3 else False


def _readings_of_things(
    table: pd.DataFrame, columns: tuple[ColumnFinding, ...], names: NameRecognizer
) -> str:
    if any(c.entity is Entity.PERSON for c in columns):
        return ""
    readings = [c for c in columns if c.entity is Entity.PERSON_KANA]
    headers = [str(h) for h in table.columns]
    for reading in readings:
        paired = _kanji_neighbour(table, headers, headers.index(reading.column))
        if paired is None:
            return ""
        sample = _sample(_values(table, paired))
        if sum(names.is_full_name(v) for v in sample) > 0.2 * len(sample):
            return ""
    return "読み仮名は隣の列の名称（人の氏名ではない）の読み"


def _kanji_neighbour(table: pd.DataFrame, headers: list[str], position: int) -> str | None:
    """The nearest column (left first) whose values are mostly written in kanji."""
    order = [*range(position - 1, -1, -1), *range(position + 1, len(headers))]
    for i in order:
        values = _sample(_values(table, headers[i]))
        if values and sum(bool(_HAS_KANJI.search(v)) for v in values) >= 0.8 * len(values):
            return headers[i]
    return None


# An organisation's name: its legal form written out or in the banks' half-width notation
# (ｶ)石川農林 / ｲｼｶﾜﾉｳﾘﾝ(ｶ after NFKC: カ)…, …(カ). Not 銀行: a column of bank names (振込銀行)
# sits beside people's accounts too.
_ORGANISATION = re.compile(
    r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|㈱|㈲|法人|組合|協会|財団|"
    r"社団|^[ァ-ヺ]{1,3}[)）]|[(（][ァ-ヺ]{1,3}[)）]?$"
)


def _organisations_accounts(table: pd.DataFrame, findings: Findings) -> Findings:
    """``findings`` without the bank accounts when the rows are organisations: no name column,
    and a column of organisation names (80 % of its values)."""
    if not any(c.entity is Entity.BANK_ACCOUNT for c in findings.columns):
        return findings
    if any(
        c.entity in _PERSON_ITEMS - {Entity.ADDRESS, Entity.PHONE_NUMBER} for c in findings.columns
    ):
        return findings  # an ID, an e-mail: a person's row
    for column in table.columns:
        values = _sample(_values(table, str(column)))
        if len(values) >= 3 and sum(bool(_ORGANISATION.search(v)) for v in values) >= 0.8 * len(
            values
        ):
            kept = tuple(c for c in findings.columns if c.entity is not Entity.BANK_ACCOUNT)
            return replace(findings, columns=kept, not_people=_ORGANISATIONS)
    return findings


_ORGANISATIONS = "口座は法人・団体のもの（1行1社: 個人の口座ではない）"
