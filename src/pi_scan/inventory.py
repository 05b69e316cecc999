"""The persistent inventory: an SQLite database of every scan, dataset, finding and person key.

Versioned (``meta.schema_version``, migrations applied in order on open), written in WAL mode so
a reader (``pi-scan report``) never blocks a nightly scan, and each scan is stored in one
transaction: a killed scan leaves no half-written scan behind. No raw personal value is stored:
only masked samples and keyed hashes.
"""

from __future__ import annotations

import json
import marshal
import pickle
import re
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from hashlib import blake2b
from pathlib import Path
from typing import Any

from pi_scan.detect.masking import remask
from pi_scan.model import (
    DatasetResult,
    FileRef,
    FindingRow,
    Incremental,
    InventoryRow,
    PeopleEstimate,
    ScanSummary,
    on_file,
)
from pi_scan.people import CountMemo

SCHEMA_VERSION = 8

# json.dumps(value, ensure_ascii=False), with its encoder made once: a scan stores a JSON text
# for each of its datasets and column findings (hundreds of thousands on a big share).
_json_text = json.JSONEncoder(ensure_ascii=False).encode

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE scans (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        state TEXT NOT NULL,              -- running | completed
        roots TEXT NOT NULL,              -- JSON list
        tool_version TEXT NOT NULL,
        threshold INTEGER NOT NULL,
        estimate INTEGER, low INTEGER, high INTEGER,
        files_scanned INTEGER, datasets INTEGER, pi_databases INTEGER, unreadable INTEGER,
        summary_json TEXT
    );
    CREATE TABLE files (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        root TEXT NOT NULL, path TEXT NOT NULL,
        size_bytes INTEGER, modified TEXT, owner TEXT, mode INTEGER, world_readable INTEGER,
        status TEXT NOT NULL, reason TEXT
    );
    CREATE INDEX files_scan ON files(scan_id);
    CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        root TEXT NOT NULL,
        row_json TEXT NOT NULL            -- the canonical inventory row (report contract)
    );
    CREATE INDEX datasets_scan ON datasets(scan_id);
    CREATE TABLE column_findings (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        column_label TEXT, entity TEXT, role TEXT, confidence REAL, hit_rate REAL,
        sample_size INTEGER, evidence TEXT, masked_samples TEXT
    );
    CREATE INDEX findings_dataset ON column_findings(dataset_id);
    CREATE TABLE person_records (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        row INTEGER, role TEXT, name TEXT, kana TEXT, birth TEXT, email TEXT, phone TEXT,
        address TEXT, ids TEXT
    );
    CREATE INDEX persons_dataset ON person_records(dataset_id);
    """,
    # What each file gave the last time it was read, so a re-scan reads only new and changed
    # files, and a killed scan resumes where it stopped. ``results`` is the pickled per-file
    # result (findings, masked samples, keyed hashes: never raw content).
    2: """
    CREATE TABLE file_cache (
        root TEXT NOT NULL,
        path TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,        -- pi-scan version + recognizers + per-file settings
        results BLOB NOT NULL,
        PRIMARY KEY (root, path)
    );
    """,
    # Person keys linking people named on the same row (a guardian and the student).
    3: """
    ALTER TABLE person_records ADD COLUMN link TEXT NOT NULL DEFAULT '';
    DELETE FROM file_cache;
    """,
    # Person keys are 64-bit integers now, kept once per file in file_cache (the per-file
    # results) rather than again with every scan: a nightly scan of a big share stored its
    # millions of records each night (~1 GB a night at 20,000 files). A scan keeps its figures
    # and each dataset's number of individuals (row_json).
    4: """
    DROP TABLE person_records;
    DELETE FROM file_cache;
    """,
    # Samples are built from the matched part of a cell only (detect/masking.py): cached
    # per-file results of older versions are dropped (the files are read once more), and the
    # stored findings are masked again by _remask_findings.
    5: """
    DELETE FROM file_cache;
    """,
    # A dataset's row and findings, and a file's line, are stored once, however many scans
    # list them unchanged: a scan keeps only which it listed, in its order (a nightly scan of a
    # 20,000-file share stored ~70 MB of the same rows each night). ``digest`` is BLAKE2b of
    # what is stored (``_digest``). The old tables' rows move over in ``_stored_once`` and the
    # old tables go.
    6: """
    CREATE TABLE IF NOT EXISTS dataset_contents (
        id INTEGER PRIMARY KEY,
        digest BLOB NOT NULL UNIQUE,
        root TEXT NOT NULL,
        row_json TEXT NOT NULL            -- the canonical inventory row (report contract)
    );
    CREATE TABLE IF NOT EXISTS content_findings (
        content_id INTEGER NOT NULL REFERENCES dataset_contents(id),
        column_label TEXT, entity TEXT, role TEXT, confidence REAL, hit_rate REAL,
        sample_size INTEGER, evidence TEXT, masked_samples TEXT
    );
    CREATE INDEX IF NOT EXISTS content_findings_content ON content_findings(content_id);
    CREATE TABLE IF NOT EXISTS file_states (
        id INTEGER PRIMARY KEY,
        digest BLOB NOT NULL UNIQUE,
        root TEXT NOT NULL, path TEXT NOT NULL,
        size_bytes INTEGER, modified TEXT, owner TEXT, mode INTEGER, world_readable INTEGER,
        status TEXT NOT NULL, reason TEXT
    );
    CREATE TABLE IF NOT EXISTS scan_files (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state_id INTEGER NOT NULL REFERENCES file_states(id),
        PRIMARY KEY (scan_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS scan_datasets (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        content_id INTEGER NOT NULL REFERENCES dataset_contents(id),
        PRIMARY KEY (scan_id, seq)
    ) WITHOUT ROWID;
    """,
    # The per-file cache keeps each distinct result once: each copy of a roster (read once,
    # its analysis taken by the others) kept its own pickled result, ~16 kB a file, and a
    # re-scan unpickled each. Results are kept without their file's metadata (a scan
    # gives each file today's) under a digest of their pickled bytes; ``modified`` keeps the
    # file's time as the scan that read it listed it (the file book checks it).
    7: """
    CREATE TABLE IF NOT EXISTS cached_results (
        digest BLOB PRIMARY KEY,
        results BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS file_cache_7 (
        root TEXT NOT NULL,
        path TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        modified TEXT NOT NULL,
        fingerprint TEXT NOT NULL,        -- pi-scan version + recognizers + per-file settings
        results_digest BLOB NOT NULL,     -- cached_results.digest
        PRIMARY KEY (root, path)
    );
    """,
    # Each cached file keeps its content key (``contents.content_key``: keyed BLAKE3 of its size,
    # bytes and analysis context), so a file that is touched, moved or renamed takes the
    # results cached for its bytes instead of being read again. Files cached before have none
    # (NULL) until they are read once more.
    8: """
    ALTER TABLE file_cache ADD COLUMN content_key BLOB;
    CREATE INDEX IF NOT EXISTS file_cache_content ON file_cache(content_key);
    """,
}

_LOOSE_LABEL = re.compile(r"[\s\u3000@]|\d{4,}")
_HEADER_IN_EVIDENCE = re.compile(r'^header "[^"]*"')


def _remask_findings(conn: sqlite3.Connection) -> None:
    """Stored findings of older versions, made as safe as today's: samples masked again,
    evidence without the header cell, and a label that may hold a value (a space, a long
    number, "@") hidden."""
    rows = conn.execute(
        "SELECT rowid, column_label, entity, evidence, masked_samples FROM column_findings"
    ).fetchall()
    for rowid, label, entity, evidence, samples in rows:
        masked = [remask(str(entity), str(s)) for s in json.loads(samples or "[]")]
        label = "（列名非表示）" if _LOOSE_LABEL.search(label or "") else label
        evidence = _HEADER_IN_EVIDENCE.sub("header", evidence or "")
        conn.execute(
            "UPDATE column_findings SET column_label=?, evidence=?, masked_samples=? WHERE rowid=?",
            (label, evidence, _json_text(masked), rowid),
        )


# A finding as the inventory stores it: label, entity, role, confidence, hit rate, sample
# size, evidence, masked samples (a JSON list).
_FINDING_COLUMNS = (
    "column_label",
    "entity",
    "role",
    "confidence",
    "hit_rate",
    "sample_size",
    "evidence",
    "masked_samples",
)
_FILE_COLUMNS = (
    "root",
    "path",
    "size_bytes",
    "modified",
    "owner",
    "mode",
    "world_readable",
    "status",
    "reason",
)


def _finding_fields(findings: Iterable[FindingRow]) -> list[tuple[Any, ...]]:
    """Each finding's fields as stored (``_FINDING_COLUMNS``: the row holds its path and
    dataset), the samples still a tuple."""
    return [f.values()[2:] for f in findings]


def _stored_findings(fields: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """:func:`_finding_fields` with the samples as the JSON list the inventory keeps."""
    return [(*f[:-1], _json_text(list(f[-1]))) for f in fields]


def _digest(values: tuple[Any, ...]) -> bytes:
    """What tells a stored row from another: BLAKE2b of its values' marshal version 0 bytes,
    exact for str (surrogates too), bytes, int, float and None, the same for equal values (no
    references, no interning flag), and far cheaper than JSON texts. A Python whose marshal
    writes them otherwise only stores each row once more."""
    return blake2b(marshal.dumps(values, 0), digest_size=16).digest()


def _row_digest(cells: Iterable[Any], findings: Iterable[tuple[Any, ...]]) -> bytes:
    """A dataset row's digest: its cells' values and its findings' fields, the samples as a
    tuple (the JSON texts are made only for a row not stored yet)."""
    return _digest((tuple(cells), tuple(findings)))


class _StoredOnce:
    """Rows of ``table`` stored once each, by digest, with their children (a dataset row's
    findings), written in batches. Ids are given here (the largest so far, plus one, as SQLite
    would): the caller's transaction holds the write lock."""

    BATCH = 10_000  # rows and children held before they are written

    def __init__(
        self,
        conn: sqlite3.Connection,
        table: str,
        columns: Sequence[str],
        children: tuple[str, str, Sequence[str]] | None = None,
    ) -> None:
        self._conn = conn
        self._table = table
        self._next_id = int(
            conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]
        )
        names = ", ".join(columns)
        self._insert = f"INSERT INTO {table}(id, digest, {names}) VALUES (?,?{',?' * len(columns)})"
        self._insert_children = ""
        if children is not None:
            child_table, parent, child_columns = children
            self._insert_children = (
                f"INSERT INTO {child_table}({parent}, {', '.join(child_columns)}) "
                f"VALUES (?{',?' * len(child_columns)})"
            )
        self._rows: dict[bytes, tuple[Any, ...]] = {}  # digest → (id, *values)
        self._children: list[tuple[Any, ...]] = []

    def id_of(self, digest: bytes) -> int | None:
        """The id of the row of this digest, if it is stored or about to be."""
        pending = self._rows.get(digest)
        if pending is not None:
            return int(pending[0])
        found = self._conn.execute(
            f"SELECT id FROM {self._table} WHERE digest=?", (digest,)
        ).fetchone()
        return None if found is None else int(found[0])

    def add(
        self, digest: bytes, values: tuple[Any, ...], children: Iterable[tuple[Any, ...]] = ()
    ) -> int:
        """A row (not stored yet) and its children, to be written; its id."""
        row_id = self._next_id
        self._next_id += 1
        self._rows[digest] = (row_id, *values)
        self._children.extend((row_id, *child) for child in children)
        if len(self._rows) + len(self._children) >= self.BATCH:
            self.flush()
        return row_id

    def id_for(
        self, digest: bytes, values: tuple[Any, ...], children: Iterable[tuple[Any, ...]] = ()
    ) -> int:
        """The id of the row of this digest, the row added if it is new (:meth:`id_of`, then
        :meth:`add`, for values that cost nothing to make)."""
        row_id = self.id_of(digest)
        return row_id if row_id is not None else self.add(digest, values, children)

    def flush(self) -> None:
        self._conn.executemany(
            self._insert, ((row[0], digest, *row[1:]) for digest, row in self._rows.items())
        )
        if self._children:
            self._conn.executemany(self._insert_children, self._children)
        self._rows.clear()
        self._children.clear()


def _dataset_rows(conn: sqlite3.Connection) -> _StoredOnce:
    return _StoredOnce(
        conn,
        "dataset_contents",
        ("root", "row_json"),
        ("content_findings", "content_id", _FINDING_COLUMNS),
    )


def _stored_once(conn: sqlite3.Connection) -> None:
    """Schema 6: each scan's datasets and findings (``datasets``, ``column_findings``) and
    files (``files``) moved to rows stored once (``dataset_contents``, ``content_findings``,
    ``file_states``) and each scan's lists of them (``scan_datasets``, ``scan_files``); the old
    tables dropped. Their space is reused by later scans (the file shrinks only with
    ``VACUUM``)."""
    findings = conn.execute(
        f"SELECT dataset_id, {', '.join(_FINDING_COLUMNS)} FROM column_findings "
        "ORDER BY dataset_id, rowid"
    )
    pending = next(findings, None)
    contents = _dataset_rows(conn)
    listed: tuple[array[int], array[int], array[int]] = (array("q"), array("q"), array("q"))
    for dataset_id, scan_id, seq, root, row_json in conn.execute(
        "SELECT id, scan_id, seq, root, row_json FROM datasets ORDER BY id"
    ):
        own: list[tuple[Any, ...]] = []
        while pending is not None and pending[0] <= dataset_id:
            if pending[0] == dataset_id:
                own.append(tuple(pending[1:]))
            pending = next(findings, None)
        digest = _row_digest(
            json.loads(row_json).values(), ((*f[:7], tuple(json.loads(f[7] or "[]"))) for f in own)
        )
        content_id = contents.id_for(digest, (root, row_json), own)
        for column, value in zip(listed, (scan_id, seq, content_id), strict=True):
            column.append(value)
    contents.flush()
    conn.executemany(
        "INSERT INTO scan_datasets(scan_id, seq, content_id) VALUES (?,?,?)",
        zip(*listed, strict=True),
    )
    states = _StoredOnce(conn, "file_states", _FILE_COLUMNS)
    listed = (array("q"), array("q"), array("q"))
    seqs: dict[int, int] = {}
    for scan_id, *values in conn.execute(
        f"SELECT scan_id, {', '.join(_FILE_COLUMNS)} FROM files ORDER BY rowid"
    ):
        state = tuple(values)
        state_id = states.id_for(_digest(state), state)
        seq = seqs.get(scan_id, 0)
        seqs[scan_id] = seq + 1
        for column, value in zip(listed, (scan_id, seq, state_id), strict=True):
            column.append(value)
    states.flush()
    conn.executemany(
        "INSERT INTO scan_files(scan_id, seq, state_id) VALUES (?,?,?)",
        zip(*listed, strict=True),
    )
    # Dropped in the transaction that moved the rows: a migration killed halfway leaves the
    # old tables as they were, and runs again at the next open.
    for table in ("column_findings", "datasets", "files"):
        conn.execute(f"DROP TABLE {table}")


def _results_once(conn: sqlite3.Connection) -> None:
    """Schema 7: each cached result made anew without its file's metadata and kept once; a
    result that cannot be read back is dropped (its file is read again)."""
    for root, path, size_bytes, mtime_ns, fingerprint, blob in conn.execute(
        "SELECT root, path, size_bytes, mtime_ns, fingerprint, results FROM file_cache"
    ):
        results = unpickled_results(blob)
        if results is None:
            continue
        modified = results[0].dataset.file.modified if results else ""
        digest = _saved_results(conn, results_blob(results))
        conn.execute(
            """INSERT INTO file_cache_7(root, path, size_bytes, mtime_ns, modified, fingerprint,
               results_digest) VALUES (?,?,?,?,?,?,?)""",
            (root, path, size_bytes, mtime_ns, modified, fingerprint, digest),
        )
    conn.execute("DROP TABLE file_cache")
    conn.execute("ALTER TABLE file_cache_7 RENAME TO file_cache")


_PYTHON_MIGRATIONS = {5: _remask_findings, 6: _stored_once, 7: _results_once}


def storable(path: str) -> str | bytes:
    """A path as SQLite can keep it: as text, or, for a name that is not valid UTF-8 (Python
    holds its bytes as surrogates, which no text column accepts), its exact bytes as a blob."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape")
    return path


def stored(value: str | bytes) -> str:
    """The path :func:`storable` kept."""
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


# The rule of a summary stored without one (an older pi-scan).
RULE_FALLBACK_JA = "重複を除いた本人の数を閾値と比べる（過去6か月のいずれの日か）。閾値は設定値。"
RULE_FALLBACK_EN = "Distinct individuals against the threshold, on any day in the past six months."


# What a cached result's datasets hold as their file: the scan gives each file its own.
_NO_FILE = FileRef.nowhere()


def results_blob(results: list[DatasetResult]) -> bytes:
    """A file's per-file results as the cache keeps them: pickled without the file's path,
    owner, permissions and times, so that copies of one content keep one blob."""
    return pickle.dumps(on_file(results, _NO_FILE), protocol=pickle.HIGHEST_PROTOCOL)


def unpickled_results(blob: bytes) -> list[DatasetResult] | None:
    """A cached per-file result (``results_blob``; its datasets' file is a blank until
    :func:`~pi_scan.model.on_file` gives them one), or None when it cannot be read back (a
    damaged database): the file is then read again rather than the scan stopped."""
    try:
        results = pickle.loads(blob)
    except Exception:  # unpickling raises nearly anything on bad bytes
        return None
    ok = isinstance(results, list) and all(isinstance(r, DatasetResult) for r in results)
    return results if ok else None


def _saved_results(conn: sqlite3.Connection, blob: bytes) -> bytes:
    """The blob kept (once) in ``cached_results``; its digest."""
    digest = blake2b(blob, digest_size=16).digest()
    conn.execute(
        "INSERT OR IGNORE INTO cached_results(digest, results) VALUES (?,?)", (digest, blob)
    )
    return digest


_KEYS_A_QUERY = 500  # content keys looked up at once (SQLite allows 32,766 parameters)


class InventoryError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class ScanRecord:
    id: int
    started: str
    finished: str | None
    state: str
    roots: list[str]
    summary: ScanSummary  # its figures (an older scan's completed from the scan row)


@dataclass(frozen=True, slots=True)
class CachedFile:
    size_bytes: int
    mtime_ns: int
    fingerprint: str
    results: bytes  # the digest of its results (``cached_blob``)


@dataclass(frozen=True, slots=True)
class KeptResults:
    """Results the cache keeps already (a file that took another's cached content): their
    digest, which a :class:`CacheEntry` can name instead of the blob."""

    digest: bytes


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """A file's per-file results to keep (``results_blob``, or :class:`KeptResults`), with
    what tells whether the file changed since."""

    root: str
    path: str
    size_bytes: int
    mtime_ns: int
    modified: str
    fingerprint: str
    blob: bytes | KeptResults
    content_key: bytes | None  # ``contents.content_key``; None: unknown (not shared)


class Inventory:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(path, timeout=30)
        except sqlite3.Error as exc:
            raise InventoryError(f"cannot open the inventory database {path}") from exc
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Inventory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ schema
    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        current = int(row[0]) if row else 0
        if current > SCHEMA_VERSION:
            raise InventoryError(
                f"the inventory {self.path} was written by a newer pi-scan "
                f"(schema {current} > {SCHEMA_VERSION}); upgrade pi-scan"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.conn:
                self.conn.executescript(_MIGRATIONS[version])
                if version in _PYTHON_MIGRATIONS:  # on an empty inventory: nothing to do
                    _PYTHON_MIGRATIONS[version](self.conn)
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                    (str(version),),
                )

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0])

    # ------------------------------------------------------------------ writing
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.conn:
            yield self.conn

    def count_memo(self) -> CountMemo | None:
        """The last count's figures and key (``meta.count_memo``), None if there are none or
        they cannot be read (the count is then made again)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key='count_memo'").fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
            return CountMemo(
                key=str(data["key"]),
                estimate=PeopleEstimate(*(int(data[k]) for k in ("estimate", "low", "high"))),
                individuals=tuple(int(n) for n in data["individuals"]),
            )
        except (ValueError, TypeError, KeyError):
            return None

    def save_count_memo(self, memo: CountMemo) -> None:
        figures = memo.estimate
        value = json.dumps(
            {
                "key": memo.key,
                "estimate": figures.estimate,
                "low": figures.low,
                "high": figures.high,
                "individuals": list(memo.individuals),
            },
            separators=(",", ":"),
        )
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('count_memo', ?)", (value,))

    def store_scan(
        self,
        summary: ScanSummary,
        files: Iterable[FileRef],
        datasets: Sequence[tuple[InventoryRow, Sequence[FindingRow]]],
    ) -> int:
        """Store a completed scan in one transaction; returns its id."""
        people = summary.people
        with self.transaction() as c:
            cur = c.execute(
                """INSERT INTO scans(started, finished, state, roots, tool_version, threshold,
                   estimate, low, high, files_scanned, datasets, pi_databases, unreadable,
                   summary_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    summary.started,
                    summary.finished,
                    "completed",
                    _json_text(list(summary.roots)),
                    summary.version,
                    summary.threshold,
                    people.estimate,
                    people.low,
                    people.high,
                    summary.files_scanned,
                    summary.datasets,
                    summary.pi_databases,
                    summary.unreadable,
                    _json_text(summary.as_json()),
                ),
            )
            scan_id = int(cur.lastrowid or 0)
            # Only files and rows (with their findings) that no scan listed before are stored;
            # the scan keeps which it listed, in order, as arrays of ids while they are looked
            # up, so that a share's files and datasets are never all held as parameters.
            states = _StoredOnce(c, "file_states", _FILE_COLUMNS)
            state_ids = array("q")
            for f in files:
                state = (
                    storable(f.root),
                    storable(f.rel_path),
                    f.size_bytes,
                    f.modified,
                    f.owner,
                    f.mode,
                    int(f.world_readable),
                    f.status.value,
                    f.reason,
                )
                state_ids.append(states.id_for(_digest(state), state))
            states.flush()
            c.executemany(
                "INSERT INTO scan_files(scan_id, seq, state_id) VALUES (?,?,?)",
                ((scan_id, seq, state_id) for seq, state_id in enumerate(state_ids)),
            )
            contents = _dataset_rows(c)
            content_ids = array("q")
            for row, findings in datasets:
                cells = row.cells()
                fields = _finding_fields(findings)
                digest = _row_digest(cells.values(), fields)
                content_id = contents.id_of(digest)  # the JSON texts only for a new row
                if content_id is None:
                    stored = (row.root, _json_text(cells))
                    content_id = contents.add(digest, stored, _stored_findings(fields))
                content_ids.append(content_id)
            contents.flush()
            c.executemany(
                "INSERT INTO scan_datasets(scan_id, seq, content_id) VALUES (?,?,?)",
                ((scan_id, seq, content_id) for seq, content_id in enumerate(content_ids)),
            )
        return scan_id

    # ------------------------------------------------------------------ per-file cache
    def cached_files(self) -> dict[tuple[str, str], CachedFile]:
        return {
            (stored(r[0]), stored(r[1])): CachedFile(r[2], r[3], r[4], r[5])
            for r in self.conn.execute(
                "SELECT root, path, size_bytes, mtime_ns, fingerprint, results_digest "
                "FROM file_cache"
            )
        }

    def cached_blob(self, digest: bytes) -> bytes | None:
        """Cached results (``CachedFile.results``) as ``results_blob`` made them."""
        row = self.conn.execute(
            "SELECT results FROM cached_results WHERE digest=?", (digest,)
        ).fetchone()
        return row[0] if row else None

    def results_by_digest(
        self, takers: Sequence[tuple[int, bytes]]
    ) -> Iterator[tuple[int, list[DatasetResult] | None]]:
        """(file, its cached results) for each (file, digest of its results) of ``takers``, in
        order; None when they cannot be read back. Copies share their cached results: each
        distinct one is read and unpickled once, and kept only until its last file has it."""
        left = Counter(digest for _, digest in takers)
        unpickled: dict[bytes, list[DatasetResult] | None] = {}
        for i, digest in takers:
            if digest in unpickled:
                results = unpickled[digest]
            else:
                blob = self.cached_blob(digest)
                results = unpickled_results(blob) if blob is not None else None
            left[digest] -= 1
            if left[digest]:
                unpickled[digest] = results
            else:
                unpickled.pop(digest, None)
            yield i, results

    def content_sizes(self, fingerprint: str) -> set[int]:
        """The sizes of the contents cached with ``fingerprint`` under a content key: a file
        to read of another size cannot be one of them (it is not hashed to look)."""
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT size_bytes FROM file_cache "
                "WHERE fingerprint=? AND content_key IS NOT NULL",
                (fingerprint,),
            )
        }

    def digests_of_contents(
        self, content_keys: Iterable[bytes], fingerprint: str
    ) -> dict[bytes, bytes]:
        """{content key: the digest of the results (``cached_blob``) cached with
        ``fingerprint`` for a file of that content} for the keys some cached file has."""
        wanted = list(dict.fromkeys(content_keys))
        found: dict[bytes, bytes] = {}
        for n in range(0, len(wanted), _KEYS_A_QUERY):
            part = wanted[n : n + _KEYS_A_QUERY]
            found.update(
                self.conn.execute(
                    "SELECT content_key, results_digest FROM file_cache WHERE fingerprint=? "
                    f"AND content_key IN ({','.join('?' * len(part))})",
                    (fingerprint, *part),
                )
            )
        return found

    def cached_results(self, root: str, path: str) -> list[DatasetResult] | None:
        """The file's cached results as the scan that read it found them (its path and
        modification time then), or None when there are none or they cannot be read back."""
        row = self.conn.execute(
            """SELECT f.size_bytes, f.modified, r.results FROM file_cache f
               JOIN cached_results r ON r.digest = f.results_digest
               WHERE f.root=? AND f.path=?""",
            (storable(root), storable(path)),
        ).fetchone()
        results = unpickled_results(row[2]) if row else None
        if row is None or results is None:
            return None
        ref = replace(_NO_FILE, root=root, rel_path=path, size_bytes=row[0], modified=row[1])
        return on_file(results, ref)

    def save_cached(self, entries: Iterable[CacheEntry]) -> None:
        """Commit a batch of per-file results (one transaction: a kill loses only the batch)."""
        with self.transaction() as c:
            saved: tuple[bytes, bytes] | None = None  # the last blob saved, its digest
            for e in entries:
                if isinstance(e.blob, KeptResults):
                    digest = e.blob.digest
                else:  # copies follow their original with the very same blob: saved once
                    if saved is None or saved[0] is not e.blob:
                        saved = (e.blob, _saved_results(c, e.blob))
                    digest = saved[1]
                c.execute(
                    """INSERT OR REPLACE INTO file_cache(root, path, size_bytes, mtime_ns,
                       modified, fingerprint, results_digest, content_key)
                       VALUES (?,?,?,?,?,?,?,?)""",
                    (
                        storable(e.root),
                        storable(e.path),
                        e.size_bytes,
                        e.mtime_ns,
                        e.modified,
                        e.fingerprint,
                        digest,
                        e.content_key,
                    ),
                )

    def drop_cached(self, keys: Iterable[tuple[str, str]]) -> None:
        """Forget these files' cached results, and the results no file takes any more."""
        with self.transaction() as c:
            c.executemany(
                "DELETE FROM file_cache WHERE root=? AND path=?",
                [(storable(root), storable(path)) for root, path in keys],
            )
            c.execute(
                "DELETE FROM cached_results WHERE digest NOT IN "
                "(SELECT results_digest FROM file_cache)"
            )

    # ------------------------------------------------------------------ reading
    def scans(self) -> list[ScanRecord]:
        rows = self.conn.execute(
            """SELECT id, started, finished, state, roots, threshold, estimate, low, high,
               files_scanned, datasets, pi_databases, unreadable, summary_json, tool_version
               FROM scans ORDER BY id"""
        ).fetchall()
        return [
            ScanRecord(
                id=r[0],
                started=r[1],
                finished=r[2],
                state=r[3],
                roots=json.loads(r[4]),
                summary=_stored_summary(r, json.loads(r[13]) if r[13] else {}),
            )
            for r in rows
        ]

    def latest_scan(self) -> ScanRecord | None:
        completed = [s for s in self.scans() if s.state == "completed"]
        return completed[-1] if completed else None

    def dataset_rows(self, scan_id: int) -> list[InventoryRow]:
        """The scan's inventory rows, in their order (a row's position is its ``seq``)."""
        return [
            InventoryRow.from_cells(json.loads(r[0]))
            for r in self.conn.execute(
                """SELECT c.row_json FROM scan_datasets d
                   JOIN dataset_contents c ON c.id = d.content_id
                   WHERE d.scan_id=? ORDER BY d.seq""",
                (scan_id,),
            )
        ]

    def column_findings(self, scan_id: int) -> dict[int, list[FindingRow]]:
        """The scan's column findings per dataset (its ``seq``), in the order they were found."""
        where: dict[int, tuple[str, str]] = {}
        for seq, row_json in self.conn.execute(
            """SELECT d.seq, c.row_json FROM scan_datasets d
               JOIN dataset_contents c ON c.id = d.content_id WHERE d.scan_id=?""",
            (scan_id,),
        ):
            row = json.loads(row_json)
            where[seq] = (str(row.get("path", "")), str(row.get("dataset", "")))
        out: dict[int, list[FindingRow]] = {}
        for r in self.conn.execute(
            """SELECT d.seq, f.column_label, f.entity, f.role, f.confidence, f.hit_rate,
               f.sample_size, f.evidence, f.masked_samples
               FROM scan_datasets d JOIN content_findings f ON f.content_id = d.content_id
               WHERE d.scan_id=? ORDER BY d.seq, f.rowid""",
            (scan_id,),
        ):
            path, dataset = where.get(r[0], ("", ""))
            out.setdefault(r[0], []).append(
                FindingRow(
                    path=path,
                    dataset=dataset,
                    column=r[1] or "",
                    entity=r[2] or "",
                    role=r[3] or "self",
                    confidence=r[4] or 0.0,
                    hit_rate=r[5] or 0.0,
                    sample_size=r[6] or 0,
                    evidence=r[7] or "",
                    masked_samples=tuple(str(v) for v in json.loads(r[8] or "[]")),
                )
            )
        return out


def _int(value: Any, default: int | None) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return int(default or 0)


def _stored_summary(record: Sequence[Any], data: dict[str, Any]) -> ScanSummary:
    """A scan's summary as the inventory kept it; the scan row's own columns stand in for what
    an older pi-scan (or a scan that did not finish) left out."""
    people = data.get("distinct_individuals") or {}
    rule = data.get("rule") or {}
    pi_databases = _int(data.get("pi_databases"), record[11])
    incremental = data.get("incremental")
    return ScanSummary(
        scan_id=record[0],
        started=str(data.get("started") or record[1] or ""),
        finished=str(data.get("finished") or record[2] or ""),
        roots=tuple(data.get("roots") or json.loads(record[4])),
        people=PeopleEstimate(
            _int(people.get("estimate"), record[6]),
            _int(people.get("low"), record[7]),
            _int(people.get("high"), record[8]),
        ),
        threshold=_int(data.get("threshold"), record[5]),
        rule_ja=str(rule.get("ja", RULE_FALLBACK_JA if not rule else "")),
        rule_en=str(rule.get("en", RULE_FALLBACK_EN if not rule else "")),
        files_scanned=_int(data.get("files_scanned"), record[9]),
        datasets=_int(data.get("datasets"), record[10]),
        pi_databases=pi_databases,
        pi_databases_counted=_int(data.get("pi_databases_counted"), pi_databases),
        datasets_with_personal_info=_int(data.get("datasets_with_personal_info"), 0),
        uncertain_databases=_int(data.get("uncertain_databases"), 0),
        declared_judgements=_int(data.get("declared_judgements"), 0),
        unreadable=_int(data.get("unreadable"), record[12]),
        status_counts=dict(data.get("status_counts") or {}),
        not_inspected_by_extension=dict(data.get("not_inspected_by_extension") or {}),
        hidden_skipped=_int(data.get("hidden_skipped"), 0),
        excluded_by_pattern=_int(data.get("excluded_by_pattern"), 0),
        version=str(data.get("version") or record[14] or ""),
        incremental=Incremental(
            files_read=_int(incremental.get("files_read"), 0),
            files_reused=_int(incremental.get("files_reused"), 0),
            files_removed=_int(incremental.get("files_removed"), 0),
            files_same_content=_int(incremental.get("files_same_content"), 0),
            why_read=dict(incremental.get("why_read") or {}),
        )
        if isinstance(incremental, dict)
        else None,
    )
