"""Person records counted from disk (issue 17 item 4) give the figures counted in memory."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pi_scan.model import PersonRecords
from pi_scan.people import (
    PersonRecordStore,
    count_people,
    estimate_people,
    individuals_per_dataset,
)
from pi_scan.people import store as store_module
from pi_scan.people.clustering import MAX_SYSTEMS
from pi_scan.people.keys import KEY_COLUMNS, SYSTEM_SHIFT

COLUMN = {name: i for i, name in enumerate(KEY_COLUMNS)}
# file kinds: the subject's key columns, and whether a guardian stands on each row
KINDS = (
    (("name", "kana", "birth", "student_id"), False),  # class roster
    (("name", "phone", "address"), True),  # contact list
    (("name",), False),  # club list
    (("name", "email", "employee_id"), False),  # staff list
)


def _key(values: np.ndarray, salt: int) -> np.ndarray:
    return (values.astype(np.uint64) * np.uint64(1_000_003) + np.uint64(salt)) | np.uint64(1)


def _keys(people: np.ndarray, columns: tuple[str, ...], name: np.ndarray) -> np.ndarray:
    keys = np.zeros((len(people), len(KEY_COLUMNS)), np.uint64)
    for column in columns:
        if column == "name":
            keys[:, COLUMN[column]] = _key(name[people], 1)
        elif column == "kana":  # one name in ten read two ways
            keys[:, COLUMN[column]] = _key(name[people] * 2 + (people % 10 == 0), 2)
        elif column == "birth":
            keys[:, COLUMN[column]] = _key(people * 7 % 9_000, 3)
        elif column in ("phone", "address"):  # households of three
            keys[:, COLUMN[column]] = _key(people // 3, 4 if column == "phone" else 5)
        elif column == "email":
            keys[:, COLUMN[column]] = _key(people, 6)
        else:  # more numbering systems (schools) than the clustering tells apart
            system = (people % (MAX_SYSTEMS + 8) + 1).astype(np.uint64) << SYSTEM_SHIFT
            keys[:, COLUMN[column]] = system | (people.astype(np.uint64) % np.uint64(500) + 1)
    return keys


COPIES = 0.15  # a file's chance of being a copy of an earlier one


def _share(files: int, seed: int, copies: float = COPIES) -> list[PersonRecords]:
    """Files of a few people each, drawn from overlapping neighbourhoods of a population with
    namesakes, households, guardians on the rows and copies of files."""
    rng = np.random.default_rng(seed)
    population = files
    name = (population // 3 * rng.random(population) ** 2).astype(np.int64)
    parts: list[PersonRecords] = []
    for f in range(files):
        if parts and rng.random() < copies:  # a copy of an earlier file
            parts.append(parts[int(rng.integers(0, len(parts)))])
            continue
        if rng.random() < 0.05:  # a database without anyone keyed
            parts.append(PersonRecords.empty())
            continue
        centre = f * population // files
        people = np.unique((centre + rng.integers(0, 40, rng.integers(1, 7))) % population)
        columns, guardians = KINDS[int(rng.integers(0, len(KINDS)))]
        keys = _keys(people, columns, name)
        rows = np.arange(len(people), dtype=np.int64)
        roles = np.zeros(len(people), np.int8)
        names: tuple[str, ...] = ("self",)
        if guardians:
            guardian = people // 3 * 3
            g_keys = _keys(guardian, columns, name)
            keys[:, COLUMN["link"]] = _key(name[people] * 9_973 + name[guardian], 7)
            g_keys[:, COLUMN["link"]] = _key(name[guardian] * 9_973 + name[people], 7)
            keys, rows = np.vstack([keys, g_keys]), np.concatenate([rows, rows])
            roles, names = np.repeat(np.array([0, 1], np.int8), len(people)), ("self", "guardian")
        parts.append(PersonRecords.of(rows=rows, roles=roles, role_names=names, keys=keys))
    return parts


@pytest.mark.parametrize(("seed", "copies"), [(1, COPIES), (2, COPIES), (3, COPIES), (4, 0.6)])
def test_counted_from_disk_equals_counted_in_memory(
    seed: int, copies: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies are kept once in the store and clustered once: the figures stay those of
    clustering every copy, whatever their flags."""
    monkeypatch.setattr(store_module, "FLUSH_RECORDS", 500)  # many writes, as on a big share
    parts = _share(3_000, seed, copies)
    rng = np.random.default_rng(seed)
    counted = (rng.random(len(parts)) > 0.05).tolist()  # declared excluded from the count
    certain = (rng.random(len(parts)) > 0.15).tolist()  # uncertain database judgements
    expected = estimate_people(parts, counted, certain)
    assert expected.estimate.low < expected.estimate.estimate < expected.estimate.high
    per_dataset = individuals_per_dataset(parts, expected.labels)

    ids = np.arange(len(parts)) * 10 + 3  # any ids; not databases get other ids
    with PersonRecordStore() as store:
        # results arrive in the order workers finish, mixed with datasets that are not counted
        for i in rng.permutation(len(parts)).tolist():
            store.add(int(ids[i]), parts[i])
            if i % 4 == 0:
                store.add(int(ids[i]) + 1, parts[(i + 7) % len(parts)])
        estimate, individuals = count_people(store, ids, counted, certain)
    assert estimate == expected.estimate
    assert individuals.tolist() == per_dataset


def test_a_share_without_records_counts_nobody() -> None:
    with PersonRecordStore() as store:
        estimate, individuals = count_people(store, [1, 2], [True, True], [True, True])
        assert (estimate.estimate, estimate.low, estimate.high) == (0, 0, 0)
        assert individuals.tolist() == [0, 0]


def test_the_records_stay_in_a_private_folder_that_is_removed() -> None:
    parts = _share(50, 4)
    with PersonRecordStore() as store:
        for i, part in enumerate(parts):
            store.add(i, part)
        store.flush()
        folder = store.directory
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        files = list(folder.iterdir())
        assert files
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        # keyed hashes and row numbers only: every key written is one of the records' keys
        written = set(np.fromfile(folder / "name.key", dtype=np.uint64).tolist())
        assert written <= {int(k) for p in parts if len(p) for k in p.column("name")}
    assert not os.path.exists(folder)


def test_numbers_of_systems_beyond_the_ones_told_apart_share_one_system() -> None:
    """Past the MAX_SYSTEMS most common numbering systems of a family, the rest are one system:
    two numbers there differ, so the two people stay two even in the low bound (which merges
    same-named people whose numbers are of different systems)."""
    major = [s for s in range(1, MAX_SYSTEMS + 1) for _ in range(3)]
    systems = [*major, MAX_SYSTEMS + 1, MAX_SYSTEMS + 2]
    parts = []
    for i, system in enumerate(systems):
        keys = np.zeros((1, len(KEY_COLUMNS)), np.uint64)
        keys[0, COLUMN["name"]] = 5 if i >= len(major) else 6
        keys[0, COLUMN["student_id"]] = (np.uint64(system) << SYSTEM_SHIFT) | np.uint64(i + 1)
        parts.append(PersonRecords.of(np.zeros(1, np.int64), np.zeros(1, np.int8), ("self",), keys))
    counted = [i >= len(major) for i in range(len(parts))]  # only the two rare ones counted
    outcome = estimate_people(parts, counted)
    assert (outcome.estimate.low, outcome.estimate.estimate, outcome.estimate.high) == (2, 2, 2)
    with PersonRecordStore() as store:
        for i, part in enumerate(parts):
            store.add(i, part)
        estimate, _ = count_people(store, range(len(parts)), counted, [True] * len(parts))
    assert estimate == outcome.estimate


def test_a_killed_scans_records_are_removed_by_the_next_store(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    abandoned = tmp_path / f"pi-scan-people-{gone.stdout.strip()}-abc123"
    abandoned.mkdir(mode=0o700)
    (abandoned / "name.key").write_bytes(b"\0" * 8)
    mine = tmp_path / f"pi-scan-people-{os.getpid()}-live"  # a running scan's: kept
    mine.mkdir(mode=0o700)
    with PersonRecordStore(tmp_path) as store:
        assert store.directory.parent == tmp_path
        assert not abandoned.exists()
        assert mine.exists()
    assert not store.directory.exists()
