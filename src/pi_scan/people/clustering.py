"""Distinct people across all datasets (parent side): clustering and the estimate's bounds.

Records are clustered with a union-find over shared keys, in three passes that give the three
figures docs/rules.md §3 asks for:

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

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import pandas as pd

from pi_scan.model import PeopleEstimate, PersonRecords
from pi_scan.people.keys import ATTRIBUTES, ID_COLUMNS, SYSTEM_SHIFT

# Record positions and value codes are int32: half the memory of int64 for the same figures
# (a share would need 2^31 person records to overflow them: checked in ``_cluster``).
CODE = np.int32


def _codes(keys: np.ndarray) -> np.ndarray:
    """64-bit keys → small ints (-1 for none), numbered by first appearance."""
    codes, _ = pd.factorize(keys, sort=False)
    codes = codes.astype(CODE)
    codes[keys == 0] = -1
    return codes


def _pair_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ok = (a >= 0) & (b >= 0)
    combined = np.where(ok, a.astype(np.int64) * (int(b.max(initial=0)) + 1) + b, -1)
    return combined


class Level(IntEnum):
    """How strict a merge is; each pass of the clustering uses one."""

    STRONG = 0  # strong keys: refuse different names, birth dates, IDs, or the same row
    NAME = 1  # same name: also refuse different readings, or two already identified people
    PLAUSIBLE = 2  # low bound: only birth dates, IDs and the same row refuse


def _int_array(values: np.ndarray) -> array:
    """A compact list of Python ints (4 bytes an entry, not 36): the clustering indexes it one
    element at a time, which numpy does slowly, and a list of a million ints costs 36 MB."""
    out = array("i")
    out.frombytes(np.ascontiguousarray(values, dtype=CODE).tobytes())
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


class _IdFamily(_Attribute):
    """The numbers of one ID family a component holds, each in its numbering system
    (``bucket[code]``): two numbers conflict only within one system. One attribute per family
    rather than one per system: a share with dozens of schools' numbering systems would
    otherwise hold dozens of arrays the size of all records."""

    __slots__ = ("bucket",)

    def __init__(self, codes: np.ndarray, bucket: np.ndarray) -> None:
        super().__init__(codes)
        self.bucket = _int_array(bucket)

    def disagree(self, a: int, b: int) -> bool:
        """Both components have numbers of one system, and none in common."""
        merged, bucket = self.merged, self.bucket
        if a not in merged and b not in merged:
            ca, cb = self.codes[a], self.codes[b]
            return ca >= 0 and cb >= 0 and ca != cb and bucket[ca] == bucket[cb]
        va, vb = self._values(a), self._values(b)
        if not va or not vb:
            return False
        by_system: dict[int, set[int]] = {}
        for value in vb:
            by_system.setdefault(bucket[value], set()).add(value)
        mine: dict[int, set[int]] = {}
        for value in va:
            mine.setdefault(bucket[value], set()).add(value)
        return any(
            system in by_system and values.isdisjoint(by_system[system])
            for system, values in mine.items()
        )


@dataclass(frozen=True, slots=True)
class _IdCodes:
    """One ID family's codes (−1: none) and each code's numbering-system bucket: the families
    ``MAX_SYSTEMS`` most common systems, then one bucket for the rest."""

    codes: np.ndarray
    bucket: np.ndarray  # per code
    buckets: int

    def key(self, bucket: int) -> np.ndarray:
        """The codes of one bucket's numbers (−1 elsewhere): a merge key of the strong pass."""
        of_record = np.append(self.bucket, -1)[self.codes]  # code −1 → the appended −1
        return np.where(of_record == bucket, self.codes, -1)


class _Clusters:
    """Union-find whose components remember what would make a merge wrong."""

    def __init__(
        self, code: dict[str, np.ndarray], rows: np.ndarray, ids: dict[str, _IdCodes]
    ) -> None:
        self.parent = _int_array(np.arange(len(rows)))
        self.size = _int_array(np.ones(len(rows), dtype=CODE))
        self.names = _Attribute(code["name"])
        self.kana = _Attribute(code["kana"])
        self.births = _Attribute(code["birth"])
        self.phones = _Attribute(code["phone"])
        self.addresses = _Attribute(code["address"])
        self.emails = _Attribute(code["email"])
        self.rows = _Attribute(rows)
        self.ids = {fam: _IdFamily(family.codes, family.bucket) for fam, family in ids.items()}
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
        parent = np.frombuffer(self.parent, dtype=CODE)
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
    toward the estimate and the high bound, not toward the low bound. A scan's records are
    counted from disk instead (``store.count_people``), by the same clustering."""
    sizes = [len(p) for p in parts]
    if sum(sizes) == 0:
        return PeopleResult(PeopleEstimate(0, 0, 0), np.zeros(0, dtype=CODE))
    dataset = np.repeat(np.arange(len(parts), dtype=np.int64), sizes)

    def column(name: str) -> np.ndarray:  # one column at a time: never a records x 17 matrix
        return np.concatenate([p.column(name) for p in parts])

    return cluster(
        column,
        dataset=dataset,
        rows=np.concatenate([p.rows for p in parts]),
        counted=np.repeat(np.ones(len(parts), bool) if counted is None else counted, sizes),
        certain=np.repeat(np.ones(len(parts), bool) if certain is None else certain, sizes),
    )


def cluster(
    column: Callable[[str], np.ndarray],
    dataset: np.ndarray,
    rows: np.ndarray,
    counted: np.ndarray,
    certain: np.ndarray,
    weight: np.ndarray | None = None,
) -> PeopleResult:
    """The three figures over all records: ``column(name)`` gives one key column (uint64, one
    value per record) at a time, so only codes are held; ``dataset`` and ``rows`` say where
    each record stands, ``counted`` and ``certain`` are per record (see ``estimate_people``).
    ``weight``: how many records each one stands for (itself and copies of it left out by the
    caller, ``store.count_people``); only the ranking of numbering systems counts records.

    Memory: int32 arrays per attribute and a Python set per merged component and attribute;
    ~310 bytes a record at the peak on a synthetic share of 3.7 M records (benchmarks/README.md,
    issue 17 item 4)."""
    n = len(rows)
    if n == 0:
        return PeopleResult(PeopleEstimate(0, 0, 0), np.zeros(0, dtype=CODE))
    if n >= np.iinfo(CODE).max:
        raise ValueError(f"{n:,} person records: more than the clustering's int32 positions")
    code = {attr: _codes(column(attr)) for attr in (*ATTRIBUTES, "link")}
    id_codes = _id_families({name: column(name) for name in ID_COLUMNS.values()}, weight)
    row_key = np.asarray(dataset, dtype=np.int64) * (1 << 32) + rows
    # Copies of one file (a roster in Downloads, in a zip, in last year's folder) repeat the
    # same records: collapse identical records that carry a strong key before clustering.
    keep, rep = _collapse_copies(code, id_codes, rows)
    del rows
    index_of = (np.cumsum(keep) - 1).astype(CODE)  # position among the kept records
    kept = int(keep.sum())
    code = {a: c[keep] for a, c in code.items()}
    id_codes = {f: _IdCodes(c.codes[keep], c.bucket, c.buckets) for f, c in id_codes.items()}
    # two persons of one row (a pupil and a guardian) never merge: a code per (dataset, row)
    row_code = pd.factorize(row_key, sort=False)[0].astype(CODE)
    del row_key
    clusters = _Clusters(code, row_code[keep], id_codes)
    counted_kept = np.zeros(kept, dtype=bool)
    np.logical_or.at(counted_kept, index_of[rep], counted)
    surely_kept = np.zeros(kept, dtype=bool)
    np.logical_or.at(surely_kept, index_of[rep], counted & certain)
    _add_copies_rows(clusters.rows, index_of[rep[~keep]], row_code[~keep])
    del row_code, keep

    def run(keys: Iterable[np.ndarray], level: Level, counted: np.ndarray = counted_kept) -> int:
        # every level refuses two birth dates: a group whose components each have their own
        # cannot merge (rosters of different schools share student numbers and names)
        state = _ComponentState.of(clusters)
        for key in keys:
            hopeful, alone = state.hopeful(key, level)
            _merge_groups(clusters, hopeful, level, alone)
        return _count(clusters.labels(), counted)

    def strong() -> Iterator[np.ndarray]:  # made one at a time: each is as long as the records
        for family in id_codes.values():
            for bucket in range(family.buckets):
                yield family.key(bucket)
        yield _pair_codes(code["name"], code["birth"])
        yield code["email"]
        yield _pair_codes(code["name"], code["phone"])
        yield code["phone"]
        yield _pair_codes(code["name"], code["address"])
        yield _pair_codes(code["kana"], code["birth"])
        yield code["link"]

    high = run(strong(), Level.STRONG)
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


# Bump when the same person records would give other figures (a rule of merging changed): a
# scan takes the last count's figures when its records, flags and this version are the same.
CLUSTERING_VERSION = 1

MAX_SYSTEMS = 32  # numbering systems per ID family told apart (the rest share one)


def _id_families(
    families: dict[str, np.ndarray], weight: np.ndarray | None = None
) -> dict[str, _IdCodes]:
    """One ID attribute per family, its numbers told apart by numbering system (the key's top
    bits): IDs match and conflict only within their system. The ``MAX_SYSTEMS`` most common
    systems of a family are told apart (most first); the rest share one bucket."""
    out: dict[str, _IdCodes] = {}
    for column, family in families.items():
        if not family.any():
            continue
        codes, uniques = pd.factorize(family, sort=False)
        codes = codes.astype(CODE)
        codes[family == 0] = -1
        systems = family >> SYSTEM_SHIFT
        present = family != 0
        if weight is None:
            names, counts = np.unique(systems[present], return_counts=True)
        else:
            names, where = np.unique(systems[present], return_inverse=True)
            counts = np.bincount(where, weights=weight[present]).astype(np.int64)
        major = names[np.argsort(-counts, kind="stable")][:MAX_SYSTEMS]
        rest = bool((present & ~np.isin(systems, major)).any())
        # each code's bucket: its system's place among the major ones, else the last bucket
        position = {int(system): i for i, system in enumerate(major.tolist())}
        of_code = (np.asarray(uniques, dtype=np.uint64) >> SYSTEM_SHIFT).tolist()
        bucket = np.array([position.get(int(s), len(major)) for s in of_code], dtype=CODE)
        out[column] = _IdCodes(codes, bucket, len(major) + rest)
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
    code: dict[str, np.ndarray], id_codes: dict[str, _IdCodes], rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(keep, rep): which records stay, and each record's representative. Records identical
    in every attribute are one person when they carry a strong key. A record with little more
    than a name is collapsed only with the same record at the same row of its file: a copy of
    the same list (merging on a name alone is otherwise the estimate's business)."""
    # a family's codes say as much as one column per numbering system (a number has one system)
    arrays = [*code.values(), *(family.codes for family in id_codes.values())]
    n = arrays[0].size
    strong = np.zeros(n, dtype=bool)
    for attr in ("birth", "email", "phone", "address", "link"):
        strong |= code[attr] >= 0
    for family in id_codes.values():
        strong |= family.codes >= 0
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
