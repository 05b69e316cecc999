"""A scan's person records on disk until they are counted, so the parent fits any share.

The parent used to hold every dataset's records in memory until the end of the scan (3.1 GB at
20,000 files). Now each dataset's records are appended to files as its result arrives and
``count_people`` reads them back one key column at a time for the clustering.

What is written: per record, its dataset's id and its row, and for each key column only the
non-zero keys with their record positions (a roster has no e-mail or My Number column). Keys are
keyed hashes (``keys.py``), never a raw value; the files live in a folder of their own made by
``tempfile.mkdtemp`` (mode 0700; the scan puts it in a folder ``person-records`` beside its
inventory, ``TMPDIR`` when no folder is given), are written with mode 0600 and are deleted
when the store is closed (or, after a scan was killed, by the next scan that opens a store in
the same folder).

Copies of one file (a roster in Downloads, in a backup, in last year's folder) give the same
records under other dataset ids. A dataset whose records equal an earlier one's (a digest of
its rows and keys) is written once: it is remembered as the same records as that one, and
counted from them (``count_people``). A share that is mostly copies then keeps and clusters
its distinct records only (issue 17: the 20,000-file benchmark share holds 914 distinct files).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType

import numpy as np
import pandas as pd

from pi_scan.model import DatasetResult, PeopleEstimate, PersonRecords
from pi_scan.people.clustering import CLUSTERING_VERSION, cluster
from pi_scan.people.keys import KEY_COLUMNS

# Records buffered before they are written: 262,144 records of a few keys are a few MB.
FLUSH_RECORDS = 1 << 18
_PREFIX = "pi-scan-people-"  # then the pid of the scan that made the folder


def remove_abandoned(parent: Path) -> None:
    """Remove the folders of scans that died without closing their store (kill -9, a power
    cut): named after a process that no longer runs."""
    for folder in parent.glob(f"{_PREFIX}*-*"):
        pid = folder.name[len(_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class PersonRecordStore:
    """Append-only files of person records, keyed by a dataset id the caller chooses (unique
    per dataset; a copy of a file is added again under its own id, and kept as a reference to
    the first dataset with the same records)."""

    def __init__(self, parent: Path | None = None) -> None:
        if parent is not None:
            parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            remove_abandoned(parent)
        prefix = f"{_PREFIX}{os.getpid()}-"
        self.directory = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        self._buffers: dict[str, list[np.ndarray]] = {}
        self._buffered = 0
        self._records = 0  # records added so far (written or buffered)
        # each dataset added: its id and its records' digest (_DIGEST bytes), in order; compact,
        # a share can hold millions of datasets (dicts of bytes took ~390 MB a million)
        self._ids = array("q")
        self._digests = bytearray()
        # a digest's first 8 bytes → the position of the first dataset with it
        self._first_with: dict[int, int] = {}
        self.same_as: dict[int, int] = {}  # a dataset id → the dataset whose records it repeats

    def __enter__(self) -> PersonRecordStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return self._records

    def __bool__(self) -> bool:
        return True  # a store is a store even before its first record (not "if len")

    def close(self) -> None:
        self._buffers.clear()
        shutil.rmtree(self.directory, ignore_errors=True)

    def add(self, dataset_id: int, records: PersonRecords) -> None:
        n = len(records)
        if not n:
            return
        digest = _digest(records)
        position = len(self._ids)
        self._ids.append(dataset_id)
        self._digests += digest
        first = self._first_with.setdefault(int.from_bytes(digest[:8], "little"), position)
        if first != position and self._digests[first * _DIGEST : (first + 1) * _DIGEST] == digest:
            self.same_as[dataset_id] = self._ids[first]
            return
        self._buffer("dataset", np.full(n, dataset_id, dtype=np.int64))
        self._buffer("row", np.asarray(records.rows, dtype=np.int64))
        for k, position in enumerate(records.used):
            keys = records.packed[:, k]
            held = np.flatnonzero(keys)
            if held.size:
                name = KEY_COLUMNS[position]
                self._buffer(f"{name}.at", held + self._records)
                self._buffer(f"{name}.key", keys[held])
        self._records += n
        self._buffered += n
        if self._buffered >= FLUSH_RECORDS:
            self.flush()

    def spill(self, file_index: int, results: list[DatasetResult]) -> list[DatasetResult]:
        """File ``file_index``'s person records to disk as its results arrive; the results the
        scan keeps until the end hold none (``dataset_id`` names each dataset's records)."""
        out = []
        for position, result in enumerate(results):
            if result.people is not None and len(result.people):
                self.add(dataset_id(file_index, position), result.people)
                result = replace(result, people=None)
            out.append(result)
        return out

    def stop_finding_copies(self) -> None:
        """Let go of the index that finds copies (~100 MB a million datasets): a dataset added
        after this is stored as its own, which changes no figure (``count_people``)."""
        self._first_with = {}

    def count_key(
        self,
        dataset_ids: Sequence[int],
        counted: Sequence[bool] | np.ndarray,
        certain: Sequence[bool] | np.ndarray,
    ) -> str:
        """What ``count_people`` over these datasets depends on, digested: each one's records
        (their digest), flags and place, and the clustering's version. Equal keys, equal
        figures: a scan whose count has the key of the last one counted takes its figures
        (:class:`CountMemo`) instead of clustering again."""
        wanted = np.asarray(dataset_ids, dtype=np.int64)
        rows = np.zeros((len(wanted), _DIGEST + 2), dtype=np.uint8)  # digest, counted, certain
        at, found = _find(np.frombuffer(self._ids, dtype=np.int64), wanted)
        if found.any():  # not found: no one keyed, a digest of zeros
            digests = np.frombuffer(self._digests, dtype=np.uint8).reshape(-1, _DIGEST)
            rows[found, :_DIGEST] = digests[at[found]]
        rows[:, _DIGEST] = np.asarray(counted, dtype=bool)
        rows[:, _DIGEST + 1] = np.asarray(certain, dtype=bool)
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"clustering {CLUSTERING_VERSION}".encode())
        digest.update(rows.tobytes())
        return digest.hexdigest()

    def _buffer(self, name: str, values: np.ndarray) -> None:
        self._buffers.setdefault(name, []).append(values)

    def flush(self) -> None:
        for name, parts in self._buffers.items():
            fd = os.open(self.directory / name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "ab") as fh:
                fh.write(np.concatenate(parts).tobytes())
        self._buffers = {}
        self._buffered = 0

    def _read(self, name: str, dtype: type) -> np.ndarray:
        path = self.directory / name
        if not path.exists():
            return np.zeros(0, dtype=dtype)
        return np.fromfile(path, dtype=dtype)

    def column(self, name: str, picks: np.ndarray) -> np.ndarray:
        """One key column (uint64, 0 = none) for the records at ``picks``, in that order."""
        self.flush()
        full = np.zeros(self._records, dtype=np.uint64)
        full[self._read(f"{name}.at", np.int64)] = self._read(f"{name}.key", np.uint64)
        return full[picks]


_DIGEST = 16  # bytes of a dataset's records' digest


@dataclass(frozen=True, slots=True)
class CountMemo:
    """The last count's figures and what they were counted from (:meth:`PersonRecordStore.
    count_key`): an unchanged re-scan of a share of distinct files spent most of its time
    clustering the same records again. Counts and a digest of keyed hashes: no personal data."""

    key: str
    estimate: PeopleEstimate
    individuals: tuple[int, ...]  # per dataset counted, in the order of the key


def _digest(records: PersonRecords) -> bytes:
    """What the store keeps of a dataset's records (rows, key columns, keys), digested."""
    digest = hashlib.blake2b(digest_size=_DIGEST)
    digest.update(np.ascontiguousarray(records.rows, dtype=np.int64).tobytes())
    digest.update(np.asarray(records.used, dtype=np.int64).tobytes())
    digest.update(np.ascontiguousarray(records.packed, dtype=np.uint64).tobytes())
    return digest.digest()


def dataset_id(file_index: int, position: int) -> int:
    """A dataset's id in a scan's store: its file's index and its place among the file's."""
    return file_index << 32 | position


def count_people(
    store: PersonRecordStore,
    dataset_ids: Sequence[int] | np.ndarray,
    counted: Sequence[bool] | np.ndarray,
    certain: Sequence[bool] | np.ndarray,
) -> tuple[PeopleEstimate, np.ndarray]:
    """The distinct people of the datasets ``dataset_ids`` (those counted: databases; each id
    once), and each one's individuals (aligned with ``dataset_ids``). The same figures as
    ``estimate_people`` over the same datasets' records in that order: the records are put back
    in the order of ``dataset_ids`` (the scan's order, not the order results arrived in).

    Datasets with the same records (copies) and the same ``counted`` and ``certain`` are
    clustered once, as the first of them in that order, and the others get its individuals.
    The figures are those of clustering every copy: a later copy's records are identical to
    records before them, so the clustering collapses each into the same earlier record
    (``clustering._collapse_copies``) whose flags already include theirs, and the rows they
    stand on are rows of the first copy over again (the same persons on each)."""
    ids = np.asarray(dataset_ids, dtype=np.int64)
    counted = np.asarray(counted, dtype=bool)
    certain = np.asarray(certain, dtype=bool)
    store.flush()
    store.stop_finding_copies()  # its index of digests is not needed for the count (memory)
    source = _sources(store, ids)  # whose records each one has (itself, or the first copy)
    # the first dataset (place) of each (records, counted, certain); ids fit in 62 bits
    codes = pd.factorize(source * 4 + counted * 2 + certain, sort=False)[0]
    _, firsts = np.unique(codes, return_index=True)  # codes are 0..k-1
    kept_as = firsts[codes]
    kept = np.flatnonzero(kept_as == np.arange(len(ids)))
    del codes, firsts
    picks, dataset = _records_of(store, source[kept].tolist(), kept)
    del source
    rows = store._read("row", np.int64)[picks]
    copies = np.bincount(kept_as, minlength=len(ids)).astype(np.int32)  # a kept one + copies
    outcome = cluster(
        lambda name: store.column(name, picks),
        dataset=dataset,
        rows=rows,
        counted=counted[dataset],
        certain=certain[dataset],
        weight=copies[dataset] if len(kept) < len(ids) else None,
    )
    individuals = _individuals(dataset, outcome.labels, len(ids))
    return outcome.estimate, individuals[kept_as]


def _sources(store: PersonRecordStore, ids: np.ndarray) -> np.ndarray:
    """Each dataset's id, or the id of the first dataset with the same records."""
    source = ids.copy()
    copies = len(store.same_as)
    copy = np.fromiter(store.same_as.keys(), dtype=np.int64, count=copies)
    first = np.fromiter(store.same_as.values(), dtype=np.int64, count=copies)
    at, is_copy = _find(copy, ids)
    source[is_copy] = first[at[is_copy]]
    return source


def _find(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(at, found): where each of ``wanted`` stands in ``keys`` (distinct, any order), and
    whether it is there at all (``at`` is meaningless where it is not)."""
    if not len(keys) or not len(wanted):
        return np.zeros(len(wanted), dtype=np.intp), np.zeros(len(wanted), dtype=bool)
    order = np.argsort(keys, kind="stable")
    at = order[np.minimum(np.searchsorted(keys[order], wanted), len(keys) - 1)]
    return at, keys[at] == wanted


def _records_of(
    store: PersonRecordStore, sources: list[int], places: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(picks, dataset): the store positions of the records of ``sources[k]`` for each k in
    turn (a source may come more than once), each in the order it was added, and the place
    (``places[k]``) each picked record counts under."""
    stored = store._read("dataset", np.int64)
    order = np.argsort(stored, kind="stable")  # by dataset id, each one's rows in order
    by_id = stored[order]
    wanted = np.asarray(sources, dtype=np.int64)
    starts = np.searchsorted(by_id, wanted, side="left")
    ends = np.searchsorted(by_id, wanted, side="right")
    sizes = ends - starts
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # positions starts[k] .. ends[k]-1 for every k, concatenated, without a Python loop
    offsets = np.repeat(starts - np.cumsum(sizes) + sizes, sizes)
    picks = order[np.arange(total) + offsets]
    return picks, np.repeat(np.asarray(places, dtype=np.int64), sizes)


def _individuals(dataset: np.ndarray, labels: np.ndarray, datasets: int) -> np.ndarray:
    """Distinct labels per dataset position (0..datasets−1)."""
    if not len(labels):
        return np.zeros(datasets, dtype=np.int64)
    span = int(labels.max()) + 1
    pairs = pd.unique(dataset.astype(np.int64) * span + labels)
    return np.bincount(pairs // span, minlength=datasets)
