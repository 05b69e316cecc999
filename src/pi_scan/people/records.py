"""A dataset's person records (worker side): who is on each row of a table, as keyed hashes.

Each person on each row becomes a record of person keys (``keys.py``): the columns of one role
(生徒, 保護者, 職員 ...) describe one person; columns without a role of their own belong to the
row's main person. Raw values never leave this module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from pi_scan import normalize
from pi_scan.entities import ENTITIES
from pi_scan.model import (
    ColumnFinding,
    Dataset,
    DatasetKind,
    Entity,
    Findings,
    PersonRecords,
)
from pi_scan.normalize import all_str, factorised_str
from pi_scan.people.keys import ID_COLUMNS, KEY_COLUMNS, NORMALISERS, Hasher, system_keys

_ENTITY_ATTRIBUTE: dict[Entity, tuple[str, Callable[[str], str]]] = {
    e: (info.key, NORMALISERS[info.key]) for e, info in ENTITIES.items() if info.key in NORMALISERS
}
# A person is only created from a role group holding one of these: a phone number alone on a
# row says nothing about whose it is.
_IDENTIFYING_ATTRIBUTES = ("name", "kana", "email", *ID_COLUMNS.values())

_SPLIT_FAMILY = ("姓", "せい", "セイ", "名字", "苗字", "last")
_SPLIT_GIVEN = ("名", "めい", "メイ", "first")


def _is_split_part(header: str) -> bool:
    h = normalize.nfkc(header).strip().lower()
    if "氏名" in h or "なまえ" in h or "名前" in h:
        return False
    return any(h.endswith(w) for w in _SPLIT_FAMILY + _SPLIT_GIVEN)


def _columns_for(findings: Iterable[ColumnFinding], entity: Entity) -> list[ColumnFinding]:
    cols = [f for f in findings if f.entity is entity]
    if len(cols) > 1 and all(_is_split_part(f.column) for f in cols):
        return cols  # 姓 | 名 in two columns: one name
    return sorted(cols, key=lambda f: -f.confidence)[:1]


def person_records(dataset: Dataset, findings: Findings, hasher: Hasher) -> PersonRecords:
    """Hashed identity attributes of every person on every row of a table dataset."""
    empty = PersonRecords.empty()
    table = dataset.table
    if dataset.kind is not DatasetKind.TABLE or table is None or table.empty:
        return empty
    groups = person_groups(findings.columns, _subject_role(dataset))
    names = {role: _normalised(table, fs, Entity.PERSON) for role, fs in groups}
    frames = []
    for role, role_findings in groups:
        # The people beside this one on the row: "髙橋 一郎, guardian of 髙橋 太郎" is a strong
        # key even when the guardian has nothing else (no ID, no birth date) in any file.
        others = [names[r] for r, _ in groups if r != role and names[r] is not None]
        part = _role_records(table, role_findings, hasher, names[role], others)
        if part is not None:
            frames.append((role, *part))
    if not frames:
        return empty
    return PersonRecords.of(
        rows=np.concatenate([rows for _, rows, _ in frames]),
        roles=np.repeat(np.arange(len(frames), dtype=np.int8), [len(r) for _, r, _ in frames]),
        role_names=tuple(role for role, _, _ in frames),
        keys=np.concatenate([keys for _, _, keys in frames]),
    )


_NAMING = (Entity.PERSON, Entity.PERSON_KANA)


# A list kept about guardians (保護者連絡先一覧, 緊急連絡先): its unlabelled contact columns
# (電話, 住所, フリガナ) are the guardian's, not the student's named beside them.
GUARDIAN_LISTS = ("保護者", "緊急連絡", "家庭連絡", "父母", "保護者会")


def _subject_role(dataset: Dataset) -> str:
    where = f"{dataset.display_path} {dataset.name}"
    return "guardian" if any(w in where for w in GUARDIAN_LISTS) else "self"


def person_groups(
    columns: Iterable[ColumnFinding], subject: str = "self"
) -> list[tuple[str, list[ColumnFinding]]]:
    """Which columns describe which person on a row.

    A role with a name column (生徒氏名, 保護者氏名) is a person of its own. Columns of a role
    without a name — 職員番号 beside 氏名 in a staff list, 電話/メール beside 担当者氏名 — belong
    to the row's main person (本人 when named, else the first named role), when that person
    lacks that item; otherwise they are someone's we cannot name, and are left out. In a list
    about guardians (``subject="guardian"``), unlabelled items other than the student's name are
    the guardian's.
    """
    by_role: dict[str, list[ColumnFinding]] = {}
    for f in columns:
        by_role.setdefault(f.role, []).append(f)
    if subject != "self" and any(f.entity is Entity.PERSON for f in by_role.get(subject, ())):
        have = {f.entity for f in by_role[subject]}
        for f in list(by_role.get("self", ())):
            if f.entity is not Entity.PERSON and f.entity not in have:
                by_role["self"].remove(f)
                by_role[subject].append(f)
    named = [r for r, fs in by_role.items() if any(f.entity in _NAMING for f in fs)]
    if not named:
        return [("self", [f for fs in by_role.values() for f in fs])] if by_role else []
    main = "self" if "self" in named else sorted(named)[0]
    groups = {r: list(by_role[r]) for r in named}
    for role, fs in by_role.items():
        if role in groups:
            continue
        have = {f.entity for f in groups[main]}
        groups[main].extend(f for f in fs if f.entity not in have)
    return sorted(groups.items())


class _Attribute:
    """One attribute's column, normalised: each distinct cell value normalised once (names,
    dates and phones repeat), kept with each row's index into them; the keys are hashed per
    distinct value and mapped back to the rows, without a pandas Series per step."""

    def __init__(self, codes: np.ndarray, normalised: list[str]) -> None:
        self.codes = codes  # per row: its value's position in normalised
        self.normalised = np.array(normalised, dtype=object)

    @classmethod
    def of(cls, raw: pd.Series, func: Callable[[str], str]) -> _Attribute:
        values = raw.to_numpy(dtype=object)
        if not all_str(values):  # not all str: pandas' way, per row
            rows = normalize.series(raw, func).tolist()
            return cls(np.arange(len(rows), dtype=np.intp), rows)
        codes, distinct = factorised_str(values)
        return cls(codes, [func(v) for v in distinct])

    def keys(self, hasher: Hasher, kind: str) -> np.ndarray:
        return hasher.column(kind, self.normalised)[self.codes]

    def system_keys(self, hasher: Hasher, kind: str) -> np.ndarray:
        return system_keys(hasher, kind, self.normalised)[self.codes]

    def rows(self) -> np.ndarray:
        return self.normalised[self.codes]


def _strings(column: pd.Series) -> pd.Series:
    """``column.astype(str)``, without a new Series when its cells are str already."""
    if all_str(column.to_numpy(dtype=object)):
        return column
    return column.astype(str)


def _normalised(
    table: pd.DataFrame, findings: list[ColumnFinding], entity: Entity
) -> _Attribute | None:
    cols = _columns_for(findings, entity)
    if not cols:
        return None
    raw = _strings(table[cols[0].column])
    for extra in cols[1:]:
        raw = raw + _strings(table[extra.column])
    return _Attribute.of(raw, _ENTITY_ATTRIBUTE[entity][1])


def _id_findings(findings: list[ColumnFinding]) -> list[ColumnFinding]:
    """The ID columns to key. A bare "ID" / "番号" header says nothing of whose number it is
    and is found in several families; it is used only when no column names its family (a
    billing export's 患者番号 beside the insurance card's 番号: the 患者番号 alone)."""
    families: dict[str, set[Entity]] = {}
    for f in findings:
        if f.entity in ID_COLUMNS:
            families.setdefault(f.column, set()).add(f.entity)
    clear = [f for f in findings if f.entity in ID_COLUMNS and len(families[f.column]) == 1]
    if clear:
        return clear
    return [f for f in findings if f.entity in ID_COLUMNS]


def _role_records(
    table: pd.DataFrame,
    findings: list[ColumnFinding],
    hasher: Hasher,
    name: _Attribute | None,
    others: list[_Attribute],
) -> tuple[np.ndarray, np.ndarray] | None:
    """(rows, keys) of the people of one role, one per row that identifies someone."""
    n = len(table)
    out: dict[str, np.ndarray] = {"row": np.arange(n, dtype=np.int64)}
    for entity, (attr, _norm) in _ENTITY_ATTRIBUTE.items():
        values = name if entity is Entity.PERSON else _normalised(table, findings, entity)
        out[attr] = np.zeros(n, np.uint64) if values is None else values.keys(hasher, attr)
    id_findings = _id_findings(findings)
    for entity, column in ID_COLUMNS.items():
        ids = np.zeros(n, np.uint64)
        for f in id_findings:
            if f.entity is entity:  # two columns of one family (rare): the first one known
                norm = _Attribute.of(table[f.column], normalize.identifier)
                ids = np.where(ids == 0, norm.system_keys(hasher, entity.value), ids)
        out[column] = ids
    link = np.zeros(n, np.uint64)
    if name is not None and others:
        mine, other = name.rows(), others[0].rows()
        pair = np.where((mine != "") & (other != ""), mine + "\x1f" + other, "")
        link = hasher.column("link", pair)
    out["link"] = link
    identifying = np.zeros(n, dtype=bool)
    for attr in _IDENTIFYING_ATTRIBUTES:
        identifying |= out[attr] != 0
    if not identifying.any():
        return None
    keys = np.column_stack([out[c] for c in KEY_COLUMNS])[identifying]
    return out["row"][identifying], keys
