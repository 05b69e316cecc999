"""Orchestrates a scan: discover → extract → detect → classify → people → inventory → report.

The per-file work (``analyse_file``) is a pure function of the file and the config, so it can run
in a worker process. Only the parent sees everything: declarations, the distinct-people count,
the inventory and the outputs. The core never prints: progress goes through ``Progress``.

Each step's own module: what must be writable (preflight.py), which files are read again
(plan.py), which hold a content already analysed (contents.py), the officer's declarations and
the rows' flags (declarations.py), the figures (summary.py), how far the scan is (progress.py).
Here: the order of the steps, the workers, and the per-file cache kept as the scan goes.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from pi_scan.cache_key import analysis_fingerprint
from pi_scan.config import ScanConfig
from pi_scan.contents import ContentHashing, by_default_analysis, known_contents, read_order
from pi_scan.declarations import apply_declarations, flags_of
from pi_scan.discover import PathMatcher, discover
from pi_scan.inventory import CacheEntry, Inventory, InventoryError, KeptResults, results_blob
from pi_scan.model import (
    DatasetResult,
    FileRef,
    Incremental,
    InventoryRow,
    PeopleEstimate,
    ScanSummary,
    Status,
    as_discovered,
    on_file,
)
from pi_scan.people import (
    CountMemo,
    PersonRecordStore,
    count_people,
    dataset_id,
)
from pi_scan.plan import Plan, bytes_read, make_plan
from pi_scan.preflight import preflight
from pi_scan.progress import NullProgress, Progress, ScanTally
from pi_scan.report import finding_row, inventory_row, write_outputs
from pi_scan.summary import build_summary, history_summary
from pi_scan.workers import WorkerPool, pool_for, sequential, uses_workers


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    scan_id: int
    summary: ScanSummary
    rows: list[InventoryRow]
    outputs: dict[str, Path]


# ---------------------------------------------------------------- parent side


def _count_people(
    results: list[DatasetResult], ids: list[int], store: PersonRecordStore, inv: Inventory
) -> tuple[PeopleEstimate, dict[int, int]]:
    """The distinct people of the databases among ``results`` (``ids``: each one's id in
    ``store``, which holds their person records) and each one's individuals, by position.
    The same records and flags as the last count (an unchanged re-scan): its figures."""
    held = [i for i, r in enumerate(results) if r.decision.is_pi_database]
    held_ids = [ids[i] for i in held]
    counted = [not results[i].excluded_from_count for i in held]
    certain = [not results[i].decision.uncertain for i in held]
    key = store.count_key(held_ids, counted, certain)
    memo = inv.count_memo()
    if memo is not None and memo.key == key and len(memo.individuals) == len(held):
        estimate, per_held = memo.estimate, list(memo.individuals)
    else:
        estimate, individuals = count_people(store, held_ids, counted, certain)
        per_held = individuals.tolist()
        inv.save_count_memo(CountMemo(key, estimate, tuple(per_held)))
    return estimate, {i: int(n) for i, n in zip(held, per_held, strict=True) if n}


def _now() -> str:
    return datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Files hashed and looked up at a time (~1-2 s of hashing here): the progress moves between
# parts, and what is held for them stays bounded (a folder of a million files renamed); a
# content's results are unpickled once a part.
_LOOKUP_PART = 10_000


def _same_contents(
    files: list[FileRef],
    plan: Plan,
    inv: Inventory,
    fingerprint: str,
    config: ScanConfig,
    keys: dict[int, bytes],
) -> Iterator[tuple[int, list[DatasetResult], KeptResults, bytes]]:
    """(file, results, the cache's results, content key) for each file of ``plan.same_size``
    that holds a content the inventory's cache holds, the results on the file; once all are
    given, they leave ``plan.read`` and its reasons. The others' content keys go to ``keys``."""
    if not plan.same_size:
        return
    candidates = list(plan.same_size)
    taken = bytearray(len(files))  # 1: the file took a known content
    hashing = ContentHashing.of(config)
    for start in range(0, len(candidates), _LOOKUP_PART):
        part = candidates[start : start + _LOOKUP_PART]
        known, hashed = known_contents(files, part, inv, fingerprint, hashing)
        keys.update(hashed)  # not hashed again to find copies
        taking = inv.results_by_digest([(i, digest) for i, _, digest in known])
        for (i, key, digest), (_, results) in zip(known, taking, strict=True):
            if results is None:  # cannot be read back: the file is read
                keys[i] = key
                continue
            taken[i] = 1
            plan.reasons[plan.same_size[i]] -= 1
            yield i, on_file(results, files[i]), KeptResults(digest), key
    plan.read = [i for i in plan.read if not taken[i]]
    plan.reasons = +plan.reasons  # a reason no file is read for any more goes


def _results_stream(
    files: list[FileRef],
    todo: list[int],
    config: ScanConfig,
    pool: WorkerPool | None,
    keys: dict[int, bytes],
) -> Iterator[tuple[int, list[DatasetResult], int]]:
    """(index, results, analysed) for every file of ``todo``, ``analysed`` being the index of
    the file whose analysis the results are: the file's own, or for a copy its original's
    (given just before it). ``keys`` gets each file's content key by the time it is given."""
    if by_default_analysis(config):
        # what discovery decided about is no worker's work: a re-scan that reads nothing else
        # waits for no worker (discovery's verdicts are not cached: listed every scan)
        for i in todo:
            if files[i].status is not Status.OK:
                yield i, as_discovered(files[i]), i
        todo = [i for i in todo if files[i].status is Status.OK]
    if not todo:
        return  # no workers, analyser or cluster client for nothing
    copies_of: dict[int, list[int]] = {}
    order = read_order(files, todo, config, copies_of, keys)
    for i, results in _analysed(files, order, config, pool):
        yield i, results, i
        for copy in copies_of.pop(i, ()):
            yield copy, on_file(results, files[copy]), i  # its own path, owner, times


def _analysed(
    files: list[FileRef], order: Iterator[int], config: ScanConfig, pool: WorkerPool | None
) -> Iterator[tuple[int, list[DatasetResult]]]:
    taken: list[int] = []  # the files' indices, in the order the analysers took them

    def refs() -> Iterator[FileRef]:
        for i in order:
            taken.append(i)
            yield files[i]

    if config.dask_address:
        from pi_scan.distributed_scan import run_on_dask

        stream = run_on_dask(config.dask_address, config, list(refs()))
    elif pool is None:
        from pi_scan.analysis import FileAnalyser

        stream = sequential(FileAnalyser(config), refs())
    else:
        stream = pool.run(refs())
    for j, results in stream:
        yield taken[j], results


# Generation-2 collections after this many generation-1 ones (Python's default is 10).
_FULL_COLLECTION_EVERY = 1_000


@contextlib.contextmanager
def _few_full_collections():
    """The parent of a scan builds millions of long-lived objects (every file's results, then
    the rows and findings) and almost no reference cycles. Python's full collection walks all of
    them each time they have grown by a quarter: ~30 % of an unchanged re-scan of 20,000 files.
    Young objects are collected as usual; the setting is the caller's again afterwards."""
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, _FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, full)


def run_scan(
    roots: Sequence[Path],
    config: ScanConfig,
    output_dir: Path,
    progress: Progress | None = None,
) -> ScanOutcome:
    with _few_full_collections():
        return _run_scan(roots, config, output_dir, progress)


def _run_scan(
    roots: Sequence[Path],
    config: ScanConfig,
    output_dir: Path,
    progress: Progress | None,
) -> ScanOutcome:
    progress = progress or NullProgress()
    started = _now()
    abs_roots = [str(Path(r).absolute()) for r in roots]
    preflight(config, output_dir)  # nothing is read, started or recorded when this fails
    pool = None
    if uses_workers(config):
        pool = pool_for(config, [Path(r) for r in abs_roots])
        pool.warm_up()  # the workers' imports overlap discovery and planning
    discovery = discover([Path(r) for r in abs_roots], config)
    files = discovery.files
    fingerprint = analysis_fingerprint(config)
    per_file: list[list[DatasetResult] | None] = [None] * len(files)
    # the person records wait for the count on disk, beside the inventory (issue 17 item 4)
    with (
        Inventory(config.resolved_db_path()) as inv,
        PersonRecordStore(config.resolved_db_path().parent / "person-records") as person_records,
    ):
        by_content = by_default_analysis(config)
        plan = make_plan(
            inv, abs_roots, files, fingerprint, config.full, person_records, by_content=by_content
        )
        tally = ScanTally(
            total=len(files),
            to_read=len(plan.read),
            bytes_to_read=sum(bytes_read(files[i]) for i in plan.read),
        )
        progress.start(tally)
        for i, cached in plan.reuse.items():
            # Same content as last time; the metadata (owner, permissions) is today's.
            per_file[i] = on_file(cached, files[i])
            tally.reused += 1
            progress.file_done(tally, files[i].rel_path)
        batch: list[CacheEntry] = []
        last_commit = time.monotonic()
        tally.reading_since = time.monotonic()

        def cache(ref: FileRef, blob: bytes | KeptResults, key: bytes | None) -> None:
            nonlocal batch, last_commit
            entry = CacheEntry(
                ref.root,
                ref.rel_path,
                ref.size_bytes,
                ref.mtime_ns,
                ref.modified,
                fingerprint,
                blob,
                key,
            )
            batch.append(entry)
            # Commit often: a killed scan resumes from here, reading only what is missing.
            if len(batch) >= 200 or time.monotonic() - last_commit > 2:
                inv.save_cached(batch)
                batch, last_commit = [], time.monotonic()

        keys: dict[int, bytes] = {}  # content keys of the files to read, until they are cached
        same_content = 0  # files to read whose content an earlier scan analysed: not read
        try:
            # A new or changed file that holds a content the cache holds (touched, moved,
            # renamed, copied) takes its results: hashed before the workers get anything.
            for i, results, blob, key in _same_contents(
                files, plan, inv, fingerprint, config, keys
            ):
                ref = files[i]
                per_file[i] = person_records.spill(i, results)
                same_content += 1
                tally.reused += 1
                tally.to_read -= 1
                tally.bytes_to_read -= bytes_read(ref)
                progress.file_done(tally, ref.rel_path)
                cache(ref, blob, key)
            blob_of = (-1, b"")  # the last analysis cached: its file's index, its blob
            for i, results, analysed in _results_stream(files, plan.read, config, pool, keys):
                ref = files[i]
                per_file[i] = person_records.spill(i, results)
                tally.read += 1
                tally.bytes_read += bytes_read(ref)
                progress.file_done(tally, ref.rel_path)
                if ref.status is Status.OK:
                    if blob_of[0] != analysed:  # a copy's blob is its original's (no path)
                        blob_of = (analysed, results_blob(results))
                    cache(ref, blob_of[1], keys.pop(i, None))
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: keep every file finished so far
            with contextlib.suppress(sqlite3.Error, InventoryError, KeyboardInterrupt):
                if batch:
                    inv.save_cached(batch)
            raise
        if batch:
            inv.save_cached(batch)
        inv.drop_cached(plan.removed)
        progress.finish(tally)

        results = [r for file_results in per_file for r in (file_results or [])]
        ids = [dataset_id(i, j) for i, fr in enumerate(per_file) for j in range(len(fr or []))]
        results = apply_declarations(results, config)
        people, per_dataset = _count_people(results, ids, person_records, inv)
        results = [replace(r, individuals=per_dataset.get(i, 0)) for i, r in enumerate(results)]
        risky = PathMatcher(config.risky_locations)
        rows = [inventory_row(r, flags_of(r, risky)) for r in results]
        findings_per_row = [
            [finding_row(row.path, row.dataset, f, i) for i, f in enumerate(r.findings.columns)]
            for r, row in zip(results, rows, strict=True)
        ]
        findings = [f for per_row in findings_per_row for f in per_row]
        summary = build_summary(
            started=started,
            finished=_now(),
            roots=abs_roots,
            config=config,
            discovery=discovery,
            results=results,
            people=people,
            incremental=Incremental(
                files_read=len(plan.read),
                files_reused=len(plan.reuse) + same_content,
                files_removed=len(plan.removed),
                why_read=dict(sorted(plan.reasons.items())),
                files_same_content=same_content,
            ),
        )
        scan_id = inv.store_scan(
            summary, files, datasets=list(zip(rows, findings_per_row, strict=True))
        )
        summary = replace(summary, scan_id=scan_id, history=history_summary(inv))
    outputs = write_outputs(output_dir, rows, findings, summary)
    return ScanOutcome(scan_id=scan_id, summary=summary, rows=rows, outputs=outputs)
