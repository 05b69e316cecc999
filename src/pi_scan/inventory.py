"""The persistent inventory: an SQLite database of every scan, dataset, finding and person key.

Versioned (``meta.schema_version``, migrations applied in order on open), written in WAL mode so
a reader (``pi-scan report``) never blocks a nightly scan, and each scan is stored in one
transaction: a killed scan leaves no half-written scan behind. No raw personal value is stored:
only masked samples and keyed hashes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pi_scan.detect.masking import remask

SCHEMA_VERSION = 5

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
            "UPDATE column_findings SET column_label=?, evidence=?, masked_samples=? "
            "WHERE rowid=?",
            (label, evidence, json.dumps(masked, ensure_ascii=False), rowid),
        )


_PYTHON_MIGRATIONS = {5: _remask_findings}


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


class InventoryError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class ScanRecord:
    id: int
    started: str
    finished: str | None
    state: str
    roots: list[str]
    threshold: int
    estimate: int | None
    low: int | None
    high: int | None
    files_scanned: int | None
    datasets: int | None
    pi_databases: int | None
    unreadable: int | None
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CachedFile:
    size_bytes: int
    mtime_ns: int
    fingerprint: str


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
                if version in _PYTHON_MIGRATIONS and current > 0:
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

    def store_scan(
        self,
        *,
        started: str,
        finished: str,
        roots: Sequence[str],
        tool_version: str,
        summary: dict[str, Any],
        files: Iterable[dict[str, Any]],
        datasets: Sequence[tuple[dict[str, Any], list[dict[str, Any]]]],
    ) -> int:
        """Store a completed scan in one transaction; returns its id."""
        people = summary["distinct_individuals"]
        with self.transaction() as c:
            cur = c.execute(
                """INSERT INTO scans(started, finished, state, roots, tool_version, threshold,
                   estimate, low, high, files_scanned, datasets, pi_databases, unreadable,
                   summary_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    started,
                    finished,
                    "completed",
                    json.dumps(list(roots), ensure_ascii=False),
                    tool_version,
                    summary["threshold"],
                    people["estimate"],
                    people["low"],
                    people["high"],
                    summary["files_scanned"],
                    summary["datasets"],
                    summary["pi_databases"],
                    summary["unreadable"],
                    json.dumps(summary, ensure_ascii=False),
                ),
            )
            scan_id = int(cur.lastrowid or 0)
            c.executemany(
                """INSERT INTO files(scan_id, root, path, size_bytes, modified, owner, mode,
                   world_readable, status, reason) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                [
                    (
                        scan_id,
                        storable(f["root"]),
                        storable(f["path"]),
                        f["size_bytes"],
                        f["modified"],
                        f["owner"],
                        f["mode"],
                        int(f["world_readable"]),
                        f["status"],
                        f["reason"],
                    )
                    for f in files
                ],
            )
            for seq, (row, findings) in enumerate(datasets):
                cur = c.execute(
                    "INSERT INTO datasets(scan_id, seq, root, row_json) VALUES (?,?,?,?)",
                    (scan_id, seq, row.get("root", ""), json.dumps(row, ensure_ascii=False)),
                )
                dataset_id = int(cur.lastrowid or 0)
                c.executemany(
                    """INSERT INTO column_findings(dataset_id, column_label, entity, role,
                       confidence, hit_rate, sample_size, evidence, masked_samples)
                       VALUES (?,?,?,?,?,?,?,?,?)""",
                    [
                        (
                            dataset_id,
                            f["column"],
                            f["entity"],
                            f["role"],
                            f["confidence"],
                            f["hit_rate"],
                            f["sample_size"],
                            f["evidence"],
                            json.dumps(f["masked_samples"], ensure_ascii=False),
                        )
                        for f in findings
                    ],
                )
        return scan_id

    # ------------------------------------------------------------------ per-file cache
    def cached_files(self) -> dict[tuple[str, str], CachedFile]:
        return {
            (stored(r[0]), stored(r[1])): CachedFile(r[2], r[3], r[4])
            for r in self.conn.execute(
                "SELECT root, path, size_bytes, mtime_ns, fingerprint FROM file_cache"
            )
        }

    def cached_results(self, root: str, path: str) -> bytes | None:
        row = self.conn.execute(
            "SELECT results FROM file_cache WHERE root=? AND path=?",
            (storable(root), storable(path)),
        ).fetchone()
        return row[0] if row else None

    def save_cached(self, entries: Iterable[tuple[str, str, int, int, str, bytes]]) -> None:
        """Commit a batch of per-file results (one transaction: a kill loses only the batch)."""
        with self.transaction() as c:
            c.executemany(
                """INSERT OR REPLACE INTO file_cache(root, path, size_bytes, mtime_ns,
                   fingerprint, results) VALUES (?,?,?,?,?,?)""",
                [(storable(root), storable(path), *rest) for root, path, *rest in entries],
            )

    def drop_cached(self, keys: Iterable[tuple[str, str]]) -> None:
        with self.transaction() as c:
            c.executemany(
                "DELETE FROM file_cache WHERE root=? AND path=?",
                [(storable(root), storable(path)) for root, path in keys],
            )

    # ------------------------------------------------------------------ reading
    def scans(self) -> list[ScanRecord]:
        rows = self.conn.execute(
            """SELECT id, started, finished, state, roots, threshold, estimate, low, high,
               files_scanned, datasets, pi_databases, unreadable, summary_json
               FROM scans ORDER BY id"""
        ).fetchall()
        return [
            ScanRecord(
                id=r[0],
                started=r[1],
                finished=r[2],
                state=r[3],
                roots=json.loads(r[4]),
                threshold=r[5],
                estimate=r[6],
                low=r[7],
                high=r[8],
                files_scanned=r[9],
                datasets=r[10],
                pi_databases=r[11],
                unreadable=r[12],
                summary=json.loads(r[13]) if r[13] else {},
            )
            for r in rows
        ]

    def latest_scan(self) -> ScanRecord | None:
        completed = [s for s in self.scans() if s.state == "completed"]
        return completed[-1] if completed else None

    def max_in_window(self, days: int = 183, now: datetime | None = None) -> ScanRecord | None:
        """The completed scan with the largest estimate in the last ``days`` (six months):
        the legal test is "more than N on any day in the past six months"."""
        now = now or datetime.now(tz=UTC)
        since = (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
        window = [
            s for s in self.scans() if s.state == "completed" and s.finished and s.finished >= since
        ]
        return max(window, key=lambda s: (s.estimate or 0, s.id)) if window else None

    def dataset_rows(self, scan_id: int) -> list[dict[str, Any]]:
        return [
            json.loads(r[0])
            for r in self.conn.execute(
                "SELECT row_json FROM datasets WHERE scan_id=? ORDER BY seq", (scan_id,)
            )
        ]

    def column_findings(self, scan_id: int) -> list[dict[str, Any]]:
        out = []
        for r in self.conn.execute(
            """SELECT d.seq, f.column_label, f.entity, f.role, f.confidence, f.hit_rate,
               f.sample_size, f.evidence, f.masked_samples
               FROM column_findings f JOIN datasets d ON d.id = f.dataset_id
               WHERE d.scan_id=? ORDER BY d.seq, f.rowid""",
            (scan_id,),
        ):
            out.append(
                {
                    "seq": r[0],
                    "column": r[1],
                    "entity": r[2],
                    "role": r[3],
                    "confidence": r[4],
                    "hit_rate": r[5],
                    "sample_size": r[6],
                    "evidence": r[7],
                    "masked_samples": json.loads(r[8] or "[]"),
                }
            )
        return out
