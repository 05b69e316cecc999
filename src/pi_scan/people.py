"""Distinct people across all datasets: keyed person hashes and deduplication.

Per dataset (in the worker, right after detection): each person on each row becomes a row of
keyed hashes (HMAC-SHA256 of normalised values, truncated to 64 bits and kept as ``uint64``; 0
means "not known"). Raw values never leave this module. Integers rather than hex strings keep a
share's millions of records small in memory and in the inventory, and cluster without
converting: a re-scan recounts every record of the share.

Across datasets (in the parent): records are clustered with a union-find over shared keys, in
three passes that give the three figures docs/rules.md §3 asks for:

1. strong keys (an ID within its family, name + birth date, e-mail, name + phone, phone,
   name + address, reading + birth date, name + the name of the other person on the same row)
   → ``high`` (merge only on strong keys);
2. + the same name with the same reading, unless a birth date or an ID tells them apart; + the
   same normalised name, for records known by little more than their name (a club list, an
   attendance sheet), unless the readings differ → ``estimate``. Two people who each carry a
   strong key that did not match, and no reading in common, stay two (namesakes);
3. + the same name, reading, phone, e-mail or address alone, ignoring name differences → ``low``
   (merge every plausible duplicate).

A merge is refused whenever it would join two people whose keys conflict: different birth dates,
different IDs of the same family, two persons from the same row (a student and the guardian on it
are two people), and — except in the last pass — different names. So 同姓同名 told apart by an ID
or a birth date stay two people in every figure.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pi_scan import normalize
from pi_scan.entities import ATTRIBUTE_KEYS, ENTITIES, ID_FAMILIES
from pi_scan.model import (
    PERSON_KEY_COLUMNS,
    ColumnFinding,
    Dataset,
    DatasetKind,
    Entity,
    Findings,
    PeopleEstimate,
    PersonRecords,
)

ATTRIBUTES = ATTRIBUTE_KEYS
# One column per ID family: a student number and a staff number never match each other.
ID_COLUMNS: dict[Entity, str] = ID_FAMILIES
KEY_COLUMNS = PERSON_KEY_COLUMNS  # uint64 keyed hashes, 0 = none
assert (*ATTRIBUTES, "link", *ID_COLUMNS.values()) == KEY_COLUMNS
# How each attribute is normalised before it is keyed (the entity table says which entity
# feeds which attribute)
NORMALISERS: dict[str, Callable[[str], str]] = {
    "name": normalize.name,
    "kana": normalize.kana,
    "birth": normalize.date,
    "email": normalize.email,
    "phone": normalize.phone,
    "address": normalize.address,
}
_ENTITY_ATTRIBUTE: dict[Entity, tuple[str, Callable[[str], str]]] = {
    e: (info.key, NORMALISERS[info.key]) for e, info in ENTITIES.items() if info.key in NORMALISERS
}
# A person is only created from a role group holding one of these: a phone number alone on a
# row says nothing about whose it is.
_IDENTIFYING_ATTRIBUTES = ("name", "kana", "email", *ID_COLUMNS.values())
# 64-bit truncated HMAC-SHA256. Two different values of one attribute share a key with
# probability n^2 / 2^65: about 3 in a million for the 10 million distinct names of a huge share,
# and such a collision could only merge two records, never leak a value.
HASH_BYTES = 8


class SecretError(RuntimeError):
    pass


def load_or_create_secret(path: Path) -> bytes:
    """The HMAC key, kept outside the inventory. Created on first use, readable by owner only."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key.hex().encode())
        return key
    try:
        key = bytes.fromhex(data.decode().strip())
    except (UnicodeDecodeError, ValueError) as exc:
        raise SecretError(f"the person-key secret at {path} is not valid hex") from exc
    if len(key) < 16:
        raise SecretError(f"the person-key secret at {path} is too short (need ≥ 16 bytes)")
    return key


@dataclass(frozen=True, slots=True)
class Hasher:
    """Keyed hashes, domain-separated per attribute so a phone and an ID never collide."""

    secret: bytes

    def __call__(self, kind: str, value: str) -> int:
        """The key of one value (0 for an empty one; a digest of 0 becomes 1)."""
        if not value:
            return 0
        msg = f"{kind}\x1f{value}".encode()
        return int.from_bytes(hmac.digest(self.secret, msg, "sha256")[:HASH_BYTES], "little") or 1

    def column(self, kind: str, normalised: pd.Series) -> np.ndarray:
        """Hash each distinct value once (names, dates and phones repeat); uint64, 0 = empty.

        The same keys as ``__call__``, about three times faster: ``hmac.digest`` keys a new
        HMAC for every value, whereas the key's two padded blocks and the ``kind`` prefix
        are hashed once here and each value continues from copies of those states (RFC 2104,
        what ``hmac`` computes; tests compare the two)."""
        codes, uniques = pd.factorize(normalised, sort=False)
        values = uniques.tolist()
        if pd.api.types.infer_dtype(uniques, skipna=False) not in ("string", "empty"):
            hashed = np.fromiter((self(kind, v) for v in values), np.uint64, count=len(values))
            return np.append(hashed, np.uint64(0))[codes]
        inner, outer = _padded_states(self.secret)
        inner.update(f"{kind}\x1f".encode())
        digests = []
        for value in values:
            head = inner.copy()
            head.update(value.encode())
            tail = outer.copy()
            tail.update(head.digest())
            digests.append(tail.digest())
        # the first 8 bytes of each 32-byte digest, little-endian, as __call__ reads them
        leading = np.frombuffer(b"".join(digests), dtype="<u8")[:: 32 // HASH_BYTES]
        hashed = np.append(leading.astype(np.uint64), np.uint64(0))  # codes of -1 (NaN) → 0
        hashed[:-1][leading == 0] = 1
        if "" in values:  # at most once: the values are distinct
            hashed[values.index("")] = 0
        return hashed[codes]


_BLOCK = 64  # SHA-256's block size, to which HMAC pads (or first hashes) its key
_IPAD = bytes(x ^ 0x36 for x in range(256))
_OPAD = bytes(x ^ 0x5C for x in range(256))


def _padded_states(secret: bytes) -> tuple[Any, Any]:
    """SHA-256 states after HMAC's inner and outer key blocks, to be copied per message."""
    key = hashlib.sha256(secret).digest() if len(secret) > _BLOCK else secret
    key = key.ljust(_BLOCK, b"\0")
    return hashlib.sha256(key.translate(_IPAD)), hashlib.sha256(key.translate(_OPAD))


# ---------------------------------------------------------------- per dataset (worker side)

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
_GUARDIAN_LISTS = ("保護者", "緊急連絡", "家庭連絡", "父母", "保護者会")


def _subject_role(dataset: Dataset) -> str:
    where = f"{dataset.display_path} {dataset.name}"
    return "guardian" if any(w in where for w in _GUARDIAN_LISTS) else "self"


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


def _normalised(
    table: pd.DataFrame, findings: list[ColumnFinding], entity: Entity
) -> pd.Series | None:
    cols = _columns_for(findings, entity)
    if not cols:
        return None
    raw = table[cols[0].column].astype(str)
    for extra in cols[1:]:
        raw = raw + table[extra.column].astype(str)
    return normalize.series(raw, _ENTITY_ATTRIBUTE[entity][1]).reset_index(drop=True)


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


# An ID key's top 16 bits name its numbering system: the shape of the value (digits → 9,
# letters → A: 00012345 is 99999999, K0123 is A9999). Two numbers of one family but of different
# systems (a hospital's patient number and its patients' association's member number) never
# match and never contradict each other; two of one system that differ are two people.
SYSTEM_SHIFT = np.uint64(48)
_VALUE_MASK = np.uint64((1 << 48) - 1)
_SHAPE = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "9" * 10 + "A" * 26)


def _system_keys(hasher: Hasher, kind: str, normalised: pd.Series) -> np.ndarray:
    keys = hasher.column(kind, normalised)
    codes, uniques = pd.factorize(normalised, sort=False)
    systems = np.array(
        [zlib.crc32(v.translate(_SHAPE).encode()) & 0xFFFF for v in uniques.tolist()] + [0],
        dtype=np.uint64,
    )
    keyed = (keys & _VALUE_MASK) | (systems[codes] << SYSTEM_SHIFT)
    return np.where(keys == 0, np.uint64(0), np.maximum(keyed, np.uint64(1)))


def _role_records(
    table: pd.DataFrame,
    findings: list[ColumnFinding],
    hasher: Hasher,
    name: pd.Series | None,
    others: list[pd.Series],
) -> tuple[np.ndarray, np.ndarray] | None:
    """(rows, keys) of the people of one role, one per row that identifies someone."""
    n = len(table)
    out: dict[str, np.ndarray] = {"row": np.arange(n, dtype=np.int64)}
    for entity, (attr, _norm) in _ENTITY_ATTRIBUTE.items():
        values = name if entity is Entity.PERSON else _normalised(table, findings, entity)
        out[attr] = np.zeros(n, np.uint64) if values is None else hasher.column(attr, values)
    id_findings = _id_findings(findings)
    for entity, column in ID_COLUMNS.items():
        ids = np.zeros(n, np.uint64)
        for f in id_findings:
            if f.entity is entity:  # two columns of one family (rare): the first one known
                norm = normalize.series(table[f.column], normalize.identifier)
                ids = np.where(ids == 0, _system_keys(hasher, entity.value, norm), ids)
        out[column] = ids
    link = np.zeros(n, np.uint64)
    if name is not None and others:
        other = others[0]
        pair = (name + "\x1f" + other).where((name != "") & (other != ""), "")
        link = hasher.column("link", pair)
    out["link"] = link
    identifying = np.zeros(n, dtype=bool)
    for attr in _IDENTIFYING_ATTRIBUTES:
        identifying |= out[attr] != 0
    if not identifying.any():
        return None
    keys = np.column_stack([out[c] for c in KEY_COLUMNS])[identifying]
    return out["row"][identifying], keys


# ---------------------------------------------------------------- across datasets (parent side)


def _codes(keys: np.ndarray) -> np.ndarray:
    """64-bit keys → small ints (-1 for none), so pairs of them fit in an int64."""
    codes, _ = pd.factorize(keys, sort=False)
    codes = codes.astype(np.int64)
    codes[keys == 0] = -1
    return codes


def _pair_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ok = (a >= 0) & (b >= 0)
    combined = np.where(ok, a * (int(b.max(initial=0)) + 1) + b, -1)
    return combined


class Level(IntEnum):
    """How strict a merge is; each pass of the clustering uses one."""

    STRONG = 0  # strong keys: refuse different names, birth dates, IDs, or the same row
    NAME = 1  # same name: also refuse different readings, or two already identified people
    PLAUSIBLE = 2  # low bound: only birth dates, IDs and the same row refuse


def _int_array(values: np.ndarray) -> array:
    """A compact list of Python ints (8 bytes an entry, not 36): the clustering indexes it one
    element at a time, which numpy does slowly, and a list of a million ints costs 36 MB."""
    out = array("q")
    out.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return out


class _Attribute:
    """The values one attribute takes in each component, kept lazily: a root that never took in
    a second value holds its code in ``codes`` (−1: none); only roots with several values get a
    set. Most records are never merged, and a set per record costs more than the clustering."""

    __slots__ = ("codes", "merged")

    def __init__(self, codes: np.ndarray) -> None:
        self.codes = _int_array(codes)
        self.merged: dict[int, set[int]] = {}

    def has(self, x: int) -> bool:
        return x in self.merged or self.codes[x] >= 0

    def _values(self, x: int) -> set[int]:
        values = self.merged.get(x)
        if values is not None:
            return values
        return {self.codes[x]} if self.codes[x] >= 0 else set()

    def disagree(self, a: int, b: int) -> bool:
        """Both components have values, and none in common."""
        merged = self.merged
        if a not in merged and b not in merged:
            ca, cb = self.codes[a], self.codes[b]
            return ca >= 0 and cb >= 0 and ca != cb
        va, vb = self._values(a), self._values(b)
        return bool(va) and bool(vb) and va.isdisjoint(vb)

    def overlap(self, a: int, b: int) -> bool:
        merged = self.merged
        if a not in merged and b not in merged:
            return self.codes[a] >= 0 and self.codes[a] == self.codes[b]
        return not self._values(a).isdisjoint(self._values(b))

    def absorb(self, root: int, other: int) -> None:
        merged, codes = self.merged, self.codes
        if other not in merged and codes[other] < 0:
            return
        single = root not in merged and other not in merged
        if single and (codes[root] < 0 or codes[root] == codes[other]):
            codes[root] = codes[other]
            return
        values = self._values(root)
        values |= self._values(other)
        merged[root] = values
        merged.pop(other, None)


class _Clusters:
    """Union-find whose components remember what would make a merge wrong."""

    def __init__(
        self, code: dict[str, np.ndarray], rows: np.ndarray, ids: dict[str, np.ndarray]
    ) -> None:
        self.parent = _int_array(np.arange(len(rows)))
        self.size = _int_array(np.ones(len(rows), dtype=np.int64))
        self.names = _Attribute(code["name"])
        self.kana = _Attribute(code["kana"])
        self.births = _Attribute(code["birth"])
        self.phones = _Attribute(code["phone"])
        self.addresses = _Attribute(code["address"])
        self.emails = _Attribute(code["email"])
        self.rows = _Attribute(rows)
        self.ids = {fam: _Attribute(codes) for fam, codes in ids.items()}
        self._all = (
            self.names,
            self.kana,
            self.births,
            self.phones,
            self.addresses,
            self.emails,
            self.rows,
            *self.ids.values(),
        )

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def _conflict(self, a: int, b: int, level: Level) -> bool:
        if level <= Level.NAME and self.names.disagree(a, b):
            return True
        if level == Level.NAME:
            if self.kana.disagree(a, b):
                return True  # 同姓同名 read differently (アン / アンズ) are two people
            if self._identified(a) and self._identified(b):
                # Both already carry a strong key and none matched: namesakes. The name pass
                # only attaches records that have nothing but a name (a club list, minutes).
                return True
        if self.births.disagree(a, b):
            return True
        if any(attr.disagree(a, b) for attr in self.ids.values()):
            return True
        return self.rows.overlap(a, b)  # two persons of one row are two people

    def _identified(self, x: int) -> bool:
        strong = (self.births, self.phones, self.addresses, self.emails, *self.ids.values())
        return any(attr.has(x) for attr in strong)

    def union(self, a: int, b: int, level: Level) -> bool:
        """Merge the components of a and b unless they conflict; True when they are one now."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self._conflict(ra, rb, level):
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        for attr in self._all:
            attr.absorb(ra, rb)
        return True

    def labels(self) -> np.ndarray:
        """Each record's root, by pointer jumping in numpy (a few passes over the array, not a
        ``find`` per record); the paths are then compressed in place, which changes no root."""
        parent = np.frombuffer(self.parent, dtype=np.int64)
        roots = parent.copy()
        while True:
            jumped = roots[roots]
            if np.array_equal(jumped, roots):
                break
            roots = jumped
        parent[:] = roots
        return roots


def _groups(key: np.ndarray) -> Iterator[list[int]]:
    """Records sharing a key value, for every value held by more than one record."""
    idx = np.flatnonzero(key >= 0)
    if idx.size < 2:
        return
    order = np.argsort(key[idx], kind="stable")
    sk, si = key[idx][order], idx[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    ends = np.r_[starts[1:], si.size]
    multi = (ends - starts) > 1
    members = si.tolist()
    for start, end in zip(starts[multi].tolist(), ends[multi].tolist(), strict=True):
        yield members[start:end]


MAX_ROOTS_TRIED = 8  # per record and key value: a shared switchboard number stays cheap


def _merge_groups(
    clusters: _Clusters, key: np.ndarray, level: Level, alone: np.ndarray | None = None
) -> None:
    """Within each group of records sharing the key, merge each record into the first
    component of the group it does not conflict with. Not a star around the group's first
    record: that record may be the one that conflicts (a guardian sharing the family phone).

    ``alone`` marks records whose component cannot merge with any other of the group (its
    birth date is the group's only one of that date, and every component of the group has
    one): every union tried with them fails, so it is not tried — the outcome is the same,
    tries counted alike — which keeps groups of hundreds of dated namesakes cheap."""
    union, find = clusters.union, clusters.find
    alone_at = alone.tolist() if alone is not None else None
    for group in _groups(key):
        roots: list[int] = []
        lone: list[bool] = []  # whether roots[i] is a component alone in the group
        # The lone roots among the first MAX_ROOTS_TRIED: a lone component merges with none
        # in this group, so its root stays a root, and these positions never change.
        tried_lone: set[int] = set()
        for rec in group:
            if alone_at is not None and alone_at[rec]:
                own = find(rec)  # only its own component's root can "merge" (a no-op)
                if own not in tried_lone:
                    if len(roots) < MAX_ROOTS_TRIED:
                        tried_lone.add(own)
                    roots.append(own)
                    lone.append(True)
                continue
            for i in range(min(len(roots), MAX_ROOTS_TRIED)):
                if lone[i]:
                    continue  # a component alone in the group: the union would fail
                if union(roots[i], rec, level):
                    roots[i] = find(rec)
                    break
            else:
                roots.append(find(rec))
                lone.append(False)


@dataclass(frozen=True, slots=True)
class _ComponentState:
    """Each record's component at the start of a pass: its label, its birth date (a component
    never holds two) and whether it carries a strong key. Both only ever get set, never
    unset, so a group found hopeless here stays hopeless for the whole pass."""

    labels: np.ndarray
    birth: np.ndarray
    identified: np.ndarray

    @classmethod
    def of(cls, clusters: _Clusters) -> _ComponentState:
        labels = clusters.labels()
        identified = np.zeros(len(labels), dtype=bool)
        strong = (clusters.births, clusters.phones, clusters.addresses, clusters.emails)
        for attr in (*strong, *clusters.ids.values()):
            has = np.array(attr.codes, dtype=np.int64) >= 0
            if attr.merged:
                has[np.fromiter(attr.merged, dtype=np.int64)] = True
            identified |= has[labels]
        birth_of = np.array(clusters.births.codes, dtype=np.int64)  # a copy
        if clusters.births.merged:  # cannot happen (a merge never joins two dates): be safe
            birth_of[np.fromiter(clusters.births.merged, dtype=np.int64)] = -1
        return cls(labels, birth_of[labels], identified)

    def hopeful(self, key: np.ndarray, level: Level) -> tuple[np.ndarray, np.ndarray | None]:
        """``key`` without the groups where no merge can succeed, whatever the order: all one
        component already; every component with its own birth date; at the name level, every
        component already identified. A roster of a million people, each with a birth date,
        shares a few thousand names: trying each record against eight namesakes per key is
        what made the count of such a file take minutes."""
        held = np.flatnonzero(key >= 0)
        if held.size < 2:
            return key, None
        group, _ = pd.factorize(key[held], sort=False)
        size = int(group.max()) + 1
        label, birth = self.labels[held], self.birth[held]
        components = _distinct_per_group(group, label, size)[group]
        births = _distinct_per_group(group, birth, size)[group]
        all_born = (np.bincount(group[birth < 0], minlength=size) == 0)[group]
        hopeless = (components <= 1) | (all_born & (births == components))
        if level == Level.NAME:
            hopeless |= (np.bincount(group[~self.identified[held]], minlength=size) == 0)[group]
        out = key.copy()
        out[held[hopeless]] = -1
        # In a group where every component has a birth date, a component whose date no
        # other component of the group has can merge with none of them (see _merge_groups).
        dated, _ = pd.factorize(group * (int(birth.max()) + 2) + (birth + 1), sort=False)
        same_date = _distinct_per_group(dated, label, int(dated.max()) + 1)[dated]
        alone = np.zeros(len(key), dtype=bool)
        alone[held] = all_born & ~hopeless & (same_date == 1)
        return out, alone


def _distinct_per_group(group: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    """How many distinct ``values`` (ints ≥ −1, −1 counting as one) each group holds; groups
    are numbered 0..groups−1. One hash of (group, value) pairs: pandas' groupby ``nunique``
    costs five times more."""
    span = int(values.max()) + 2
    pairs = pd.unique(group.astype(np.int64) * span + (values + 1))
    return np.bincount(pairs // span, minlength=groups)


@dataclass(frozen=True, slots=True)
class PeopleResult:
    estimate: PeopleEstimate
    labels: np.ndarray  # estimate-level person label per record (same order as the input)


def estimate_people(
    parts: Sequence[PersonRecords],
    counted: Sequence[bool] | None = None,
    certain: Sequence[bool] | None = None,
) -> PeopleResult:
    """Cluster the person records of all datasets (``parts``, one per dataset); ``counted`` is
    False for a dataset declared excluded from the count (its people still link others);
    ``certain`` is False for a dataset whose database judgement is uncertain: its people count
    toward the estimate and the high bound, not toward the low bound."""
    sizes = [len(p) for p in parts]
    n = sum(sizes)
    if n == 0:
        return PeopleResult(PeopleEstimate(0, 0, 0), np.zeros(0, dtype=np.int64))
    dataset = np.repeat(np.arange(len(parts), dtype=np.int64), sizes)
    rows = np.concatenate([p.rows for p in parts])

    def keys(column: str) -> np.ndarray:  # one column at a time: never a records x 10 matrix
        return np.concatenate([p.column(column) for p in parts])

    code = {attr: _codes(keys(attr)) for attr in (*ATTRIBUTES, "link")}
    row_key = dataset * (1 << 32) + rows
    id_codes = _id_systems({column: keys(column) for column in ID_COLUMNS.values()})
    counted_all = np.repeat(np.ones(len(parts), bool) if counted is None else counted, sizes)
    certain_all = np.repeat(np.ones(len(parts), bool) if certain is None else certain, sizes)
    # Copies of one file (a roster in Downloads, in a zip, in last year's folder) repeat the
    # same records: collapse identical records that carry a strong key before clustering.
    keep, rep = _collapse_copies(code, id_codes, rows)
    index_of = np.cumsum(keep) - 1  # position among the kept records
    code = {a: c[keep] for a, c in code.items()}
    id_codes = {f: c[keep] for f, c in id_codes.items()}
    clusters = _Clusters(code, row_key[keep], id_codes)
    counted_kept = np.zeros(int(keep.sum()), dtype=bool)
    np.logical_or.at(counted_kept, index_of[rep], counted_all)
    surely_kept = np.zeros(int(keep.sum()), dtype=bool)
    np.logical_or.at(surely_kept, index_of[rep], counted_all & certain_all)
    _add_copies_rows(clusters.rows, index_of[rep[~keep]], row_key[~keep])

    def run(keys: list[np.ndarray], level: Level, counted: np.ndarray = counted_kept) -> int:
        # every level refuses two birth dates: a group whose components each have their own
        # cannot merge (rosters of different schools share student numbers and names)
        state = _ComponentState.of(clusters)
        for key in keys:
            kept, alone = state.hopeful(key, level)
            _merge_groups(clusters, kept, level, alone)
        return _count(clusters.labels(), counted)

    strong = [
        *id_codes.values(),
        _pair_codes(code["name"], code["birth"]),
        code["email"],
        _pair_codes(code["name"], code["phone"]),
        code["phone"],
        _pair_codes(code["name"], code["address"]),
        _pair_codes(code["kana"], code["birth"]),
        code["link"],
    ]
    high = run(strong, Level.STRONG)
    # The same name written the same way and read the same way (髙橋 太郎 / タカハシ タロウ in an
    # HR list and in a health-check list) is one person unless a birth date or an ID of one
    # system tells them apart; not a strong key: two namesakes read alike stay two in ``high``.
    run([_pair_codes(code["name"], code["kana"])], Level.STRONG)
    estimate = run([code["name"]], Level.NAME)
    labels = clusters.labels()[index_of[rep]]
    low = run(
        [code["name"], code["kana"], code["phone"], code["email"], code["address"]],
        Level.PLAUSIBLE,
        surely_kept,
    )
    return PeopleResult(PeopleEstimate(estimate=estimate, low=low, high=high), labels)


MAX_SYSTEMS = 32  # numbering systems per ID family told apart (the rest share one)


def _id_systems(families: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One ID attribute per family and numbering system (the key's top bits): IDs match and
    conflict only within their system."""
    out: dict[str, np.ndarray] = {}
    for column, family in families.items():
        if not family.any():
            continue
        systems = family >> SYSTEM_SHIFT
        present = family != 0
        names, counts = np.unique(systems[present], return_counts=True)
        major = names[np.argsort(-counts, kind="stable")][:MAX_SYSTEMS]
        rest = present & ~np.isin(systems, major)
        for system in major.tolist():
            out[f"{column}:{system}"] = _codes(np.where(systems == system, family, np.uint64(0)))
        if rest.any():
            out[f"{column}:other"] = _codes(np.where(rest, family, np.uint64(0)))
    return out


def _add_copies_rows(rows: _Attribute, kept: np.ndarray, copy_rows: np.ndarray) -> None:
    """A collapsed record stands on the rows of all its copies (one set per kept record with
    copies, built from sorted arrays: a share's copies are most of its records)."""
    if not kept.size:
        return
    order = np.argsort(kept, kind="stable")
    kept, copy_rows = kept[order], copy_rows[order]
    starts = np.flatnonzero(np.r_[True, kept[1:] != kept[:-1]])
    for i, part in zip(kept[starts].tolist(), np.split(copy_rows, starts[1:]), strict=True):
        values = set(part.tolist())
        values.add(rows.codes[i])
        rows.merged[i] = values


def _collapse_copies(
    code: dict[str, np.ndarray], id_codes: dict[str, np.ndarray], rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(keep, rep): which records stay, and each record's representative. Records identical
    in every attribute are one person when they carry a strong key. A record with little more
    than a name is collapsed only with the same record at the same row of its file: a copy of
    the same list (merging on a name alone is otherwise the estimate's business)."""
    arrays = [*code.values(), *id_codes.values()]
    n = arrays[0].size
    strong = np.zeros(n, dtype=bool)
    for attr in ("birth", "email", "phone", "address", "link"):
        strong |= code[attr] >= 0
    for ids in id_codes.values():
        strong |= ids >= 0
    columns = [*arrays, np.where(strong, -1, rows)]  # weak records: only copies at one row
    rep = _first_of_equal(columns)
    return rep == np.arange(n), rep


_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant (golden ratio)


def _first_of_equal(columns: list[np.ndarray]) -> np.ndarray:
    """For each position, the first position whose values are equal in every column. Grouping
    by one 64-bit mix of the columns takes a tenth of the memory of grouping by the columns;
    a collision of the mix is caught by comparing every column, and then the exact way runs."""
    n = columns[0].size
    mixed = np.zeros(n, dtype=np.uint64)
    for i, column in enumerate(columns):
        mixed ^= column.astype(np.uint64) + np.uint64(i + 1)
        mixed *= _MIX
        mixed ^= mixed >> np.uint64(29)
    group, _ = pd.factorize(mixed, sort=False)
    _, first = np.unique(group, return_index=True)  # group codes are 0..k-1
    rep = first[group]
    if all(np.array_equal(column, column[rep]) for column in columns):
        return rep
    frame = pd.DataFrame({str(i): c for i, c in enumerate(columns)})
    exact = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
    return pd.Series(np.arange(n)).groupby(exact).transform("first").to_numpy()


def _count(labels: np.ndarray, counted: np.ndarray) -> int:
    # labels are record positions: counting the distinct ones needs no sort
    return int(np.count_nonzero(np.bincount(labels[counted], minlength=1)))


def individuals_per_dataset(parts: Sequence[PersonRecords], labels: np.ndarray) -> list[int]:
    """Distinct people (estimate level) within each dataset, in the order of ``parts``."""
    sizes = [len(p) for p in parts]
    if not sum(sizes):
        return [0] * len(parts)
    dataset = np.repeat(np.arange(len(parts)), sizes)
    per = pd.DataFrame({"dataset": dataset, "label": labels}).groupby("dataset")["label"].nunique()
    return [int(per.get(i, 0)) for i in range(len(parts))]
