"""Orchestrates a scan: discover → extract → detect → classify → people → inventory → report.

The per-file work (``analyse_file``) is a pure function of the file and the config, so it can run
in a worker process. Only the parent sees everything: declarations, the distinct-people count,
the inventory and the outputs. The core never prints: progress goes through ``Progress``.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import os
import pickle
import secrets
import sqlite3
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pi_scan import __version__
from pi_scan.cache_key import analysis_fingerprint
from pi_scan.config import Declaration, ScanConfig
from pi_scan.discover import Discovery, PathMatcher, discover
from pi_scan.entities import IDENTIFICATION_CODES
from pi_scan.inventory import Inventory, InventoryError
from pi_scan.model import (
    DatasetResult,
    Decision,
    FileRef,
    Incremental,
    InventoryRow,
    PeakScan,
    PeopleEstimate,
    ScanHistory,
    ScanSummary,
    Status,
)
from pi_scan.people import (
    _GUARDIAN_LISTS,
    estimate_people,
    individuals_per_dataset,
    load_or_create_secret,
)
from pi_scan.report import finding_row, inventory_row, write_outputs
from pi_scan.report.content import history_of, peak_before
from pi_scan.workers import DEFAULT_ANALYSER, WorkerPool, sequential

RULE_JA = (
    "個人情報の保護に関する法律施行令 第2条"
    "（平成27年改正法の全面施行〔平成29年5月30日〕前の規定）:"
    " 事業の用に供する全ての個人情報データベース等を構成する個人情報によって"
    "識別される特定の個人の数"
    "（同一個人の重複分を除く）の合計が、過去6か月以内のいずれの日においても閾値を超えない者を除外。"
    "同改正でこの除外は廃止され、現在は人数にかかわらず個人情報取扱事業者となる。閾値は設定値。"
)
RULE_EN = (
    "Cabinet Order art. 2 (before the 2015 amendment took full effect on 2017-05-30): distinct "
    "individuals identified in all personal-information databases used by the business, "
    "duplicates removed, on any day in the past six months, against the threshold. The amendment "
    "removed this exemption; the threshold is a setting."
)


GUESS_AFTER_SECONDS = 5.0
"""No time-left guess before the reading has gone on this long."""


@dataclass(slots=True)
class ScanTally:
    """How far a scan is, for progress bars and logs: files taken from the last scan (reused)
    apart from files read, whose rates and the time left are measured from when the reading
    began, in bytes as well as files (a share's files differ in size by a thousand times)."""

    total: int = 0  # files found
    to_read: int = 0  # files the scan reads (the others are reused)
    bytes_to_read: int = 0
    reused: int = 0
    read: int = 0
    bytes_read: int = 0
    reading_since: float | None = None  # time.monotonic() when the first file was handed out

    @property
    def done(self) -> int:
        return self.reused + self.read

    def _seconds(self, now: float | None = None) -> float:
        if self.reading_since is None:
            return 0.0
        return max((now if now is not None else time.monotonic()) - self.reading_since, 1e-9)

    def files_per_second(self, now: float | None = None) -> float:
        return self.read / self._seconds(now) if self.reading_since is not None else 0.0

    def mb_per_second(self, now: float | None = None) -> float:
        if self.reading_since is None:
            return 0.0
        return self.bytes_read / 1e6 / self._seconds(now)

    def seconds_left(self, now: float | None = None) -> float | None:
        """None until there is enough to go by (``GUESS_AFTER_SECONDS`` of reading and ten
        files or 1 % of the bytes: the first files, read while the workers start, gave a guess
        of 1:20:02 for a 10 s scan); then the bytes left at the byte rate so far, or the files
        left at the file rate while no byte has been read."""
        if self.read >= self.to_read:
            return 0.0
        seconds = self._seconds(now)
        if self.reading_since is None or self.read == 0 or seconds < GUESS_AFTER_SECONDS:
            return None
        if self.read < 10 and self.bytes_read * 100 < self.bytes_to_read:
            return None
        if self.bytes_read > 0:
            return (self.bytes_to_read - self.bytes_read) * seconds / self.bytes_read
        return (self.to_read - self.read) * seconds / self.read


class Progress(Protocol):
    def start(self, tally: ScanTally) -> None: ...
    def file_done(self, tally: ScanTally, path: str) -> None: ...
    def finish(self, tally: ScanTally) -> None: ...


class NullProgress:
    def start(self, tally: ScanTally) -> None: ...
    def file_done(self, tally: ScanTally, path: str) -> None: ...
    def finish(self, tally: ScanTally) -> None: ...


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    scan_id: int
    summary: ScanSummary
    rows: list[InventoryRow]
    outputs: dict[str, Path]


# ---------------------------------------------------------------- before anything is read


class CannotRun(RuntimeError):
    """The scan cannot run (an output folder, the inventory or the secret's folder cannot be
    written): found before any file is read, and nothing is recorded. The message is plain
    words in Japanese and English."""


def _why(exc: OSError) -> tuple[str, str]:
    """Plain words for what went wrong, without errno numbers or a library's message."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "書き込む権限がありません", "no permission to write there"
    if exc.errno == errno.EROFS:
        return "読み取り専用の場所です", "it is on a read-only file system"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "空き容量がありません", "no space left (or over quota)"
    if isinstance(exc, NotADirectoryError | FileExistsError) or exc.errno in (
        errno.ENOTDIR,
        errno.EEXIST,
    ):
        return "フォルダではなくファイルです", "a file is in the way, not a folder"
    if exc.errno == errno.ENAMETOOLONG:
        return "パスが長すぎます", "the path is too long"
    return "書き込めません", "it cannot be written"


def _writable_folder(folder: Path, what_ja: str, what_en: str) -> None:
    """Create ``folder`` (owner-only) if missing and prove that a file can be made in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        # the folder as given (tempfile would make it absolute: a relative path may be
        # usable where its parents cannot be traversed)
        probe = folder / f".pi-scan-probe-{os.getpid()}-{secrets.token_hex(4)}"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as exc:
        ja, en = _why(exc)
        raise CannotRun(
            f"{what_ja} {folder} に書き込めません: {ja} / "
            f"cannot write to the {what_en} {folder}: {en}"
        ) from exc


def preflight(config: ScanConfig, output_dir: Path) -> None:
    """Everything the scan will write, checked before any file of the share is read: the
    output folder, the inventory database (and its folder, for the WAL files) and the
    person-key secret (created now if missing). Raises :class:`CannotRun`."""
    _writable_folder(Path(output_dir), "出力先フォルダ", "output folder")
    db = config.resolved_db_path()
    _writable_folder(db.parent, "棚卸しデータベースのフォルダ", "inventory database's folder")
    try:
        with contextlib.suppress(FileExistsError):
            # a new database is readable by its owner only; SQLite gives its -wal and -shm
            # files the same permissions (an existing one keeps those its owner gave it)
            os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with os.fdopen(os.open(db, os.O_RDWR | getattr(os, "O_CLOEXEC", 0)), "rb"):
            pass
        conn = sqlite3.connect(db, timeout=30)
        try:
            conn.execute("BEGIN IMMEDIATE")  # takes the write lock: a read-only file fails
            conn.rollback()
        finally:
            conn.close()
    except OSError as exc:
        ja, en = _why(exc)
        raise CannotRun(
            f"棚卸しデータベース {db} に書き込めません: {ja} / "
            f"cannot write to the inventory database {db}: {en}"
        ) from exc
    except sqlite3.Error as exc:
        raise CannotRun(
            f"棚卸しデータベース {db} に書き込めません (読み取り専用か、SQLite の"
            f"データベースではありません) / cannot write to the inventory database {db} "
            "(read-only, locked, or not an SQLite database)"
        ) from exc
    secret = config.resolved_secret_path()
    if not secret.exists():
        _writable_folder(secret.parent, "個人キーの秘密鍵のフォルダ", "person-key secret's folder")
    try:
        load_or_create_secret(secret)
    except PermissionError as exc:
        raise CannotRun(
            f"個人キーの秘密鍵 {secret} を読めません: 読む権限がありません / "
            f"cannot read the person-key secret {secret}: no permission to read it"
        ) from exc
    except OSError as exc:
        ja, en = _why(exc)
        raise CannotRun(
            f"個人キーの秘密鍵 {secret} を読み書きできません: {ja} / "
            f"cannot read or create the person-key secret {secret}: {en}"
        ) from exc


# ---------------------------------------------------------------- parent side


def _matches(glob: str, ref: FileRef, display_path: str) -> bool:
    pattern = PathMatcher((glob,))
    return (
        pattern.matches(ref.rel_path)
        or pattern.matches(display_path)
        or fnmatch.fnmatch(ref.abs_path, glob)
    )


def _declaration_for(
    result: DatasetResult, declarations: Sequence[Declaration]
) -> Declaration | None:
    ds = result.dataset
    for decl in declarations:
        if _matches(decl.path, ds.file, ds.display_path):
            return decl
    return None


def _apply_declarations(results: list[DatasetResult], config: ScanConfig) -> list[DatasetResult]:
    out = []
    for r in results:
        decl = _declaration_for(r, config.declarations)
        if decl is None:
            out.append(r)
            continue
        decision = _declared(r.decision, decl) if r.dataset.status is Status.OK else r.decision
        out.append(
            replace(
                r,
                decision=decision,
                excluded_from_count=decl.exclude_from_count and decision.is_pi_database,
                declaration_reason=decl.reason,
                retention=decl.retention,
                note=decl.note,
            )
        )
    return out


def _declared(decision: Decision, decl: Declaration) -> Decision:
    """The officer's settled judgement ([[declarations]] is_database) over pi-scan's: kept
    across scans, shown as declared, never uncertain."""
    if decl.is_database is None:
        return decision
    reason = decl.reason or "設定で指定"
    if decl.is_database == decision.is_pi_database:
        return replace(
            decision,
            rationale=f"{decision.rationale}（申告で確認済み: {reason}）",
            uncertain="",
            declared=True,
        )
    if decl.is_database:
        return replace(
            decision,
            is_pi_database=True,
            contains_personal_info=True,
            rationale=f"個人情報データベース等（申告による: {reason}）; pi-scanの判定: "
            f"{decision.rationale}",
            uncertain="",
            declared=True,
        )
    return replace(
        decision,
        is_pi_database=False,
        exclusion_candidate=False,
        rationale=f"個人情報データベース等ではない（申告による: {reason}）; pi-scanの判定: "
        f"{decision.rationale}",
        uncertain="",
        declared=True,
    )


def _flags(result: DatasetResult, risky: PathMatcher) -> tuple[str, ...]:
    ds, d = result.dataset, result.decision
    flags = []
    if d.is_pi_database:
        if risky and (
            risky.matches(ds.file.rel_path) or risky.matches(ds.file.abs_path.lstrip("/"))
        ):
            flags.append("risky_location")
        if ds.file.world_readable:
            flags.append("world_readable")
    if d.exclusion_candidate:
        flags.append("exclusion_candidate")
    if d.sensitive:
        flags.append("sensitive")
    if "MY_NUMBER" in {e.value for e in result.findings.entities}:
        flags.append("my_number")
    if result.findings.entities & IDENTIFICATION_CODES:
        flags.append("identification_code")  # 個人識別符号: My Number, passport, licence ...
    if result.excluded_from_count:
        flags.append("declared_excluded")
    if result.retention:
        flags.append("retention_declared")
    return tuple(flags)


def _count_people(results: list[DatasetResult]) -> tuple[PeopleEstimate, dict[int, int]]:
    held = [
        (i, r.people)
        for i, r in enumerate(results)
        if r.decision.is_pi_database and r.people is not None and len(r.people)
    ]
    if not held:
        return PeopleEstimate(0, 0, 0), {}
    parts = [p for _, p in held]
    outcome = estimate_people(
        parts,
        [not results[i].excluded_from_count for i, _ in held],
        [not results[i].decision.uncertain for i, _ in held],
    )
    per_part = individuals_per_dataset(parts, outcome.labels)
    return outcome.estimate, {i: n for (i, _), n in zip(held, per_part, strict=True)}


def build_summary(
    *,
    started: str,
    finished: str,
    roots: Sequence[str],
    config: ScanConfig,
    discovery: Discovery,
    results: list[DatasetResult],
    people: PeopleEstimate,
    incremental: Incremental | None = None,
) -> ScanSummary:
    """The scan's figures before it is stored (``scan_id`` 0, no history yet)."""
    statuses = Counter(r.dataset.status.value for r in results)
    return ScanSummary(
        version=__version__,
        scan_id=0,
        started=started,
        finished=finished,
        roots=tuple(roots),
        people=people,
        threshold=config.threshold,
        rule_ja=RULE_JA,
        rule_en=RULE_EN,
        files_scanned=len(discovery.files),
        datasets=len(results),
        pi_databases=sum(r.decision.is_pi_database for r in results),
        pi_databases_counted=sum(
            r.decision.is_pi_database and not r.excluded_from_count for r in results
        ),
        datasets_with_personal_info=sum(r.decision.contains_personal_info for r in results),
        uncertain_databases=sum(
            r.decision.is_pi_database and bool(r.decision.uncertain) for r in results
        ),
        declared_judgements=sum(r.decision.declared for r in results),
        unreadable=statuses.get("encrypted", 0) + statuses.get("error", 0),
        status_counts=dict(sorted(statuses.items())),
        not_inspected_by_extension=dict(sorted(discovery.not_inspected_by_extension.items())),
        hidden_skipped=discovery.hidden_skipped,
        excluded_by_pattern=discovery.excluded,
        incremental=incremental,
    )


def _now() -> str:
    return datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class _Plan:
    """Which files to read, which to take from the inventory, and why."""

    reuse: dict[int, list[DatasetResult]]
    read: list[int]
    reasons: Counter[str]
    removed: list[tuple[str, str]]


def _plan(
    inv: Inventory, roots: Sequence[str], files: list[FileRef], fingerprint: str, full: bool
) -> _Plan:
    cached = inv.cached_files()
    plan = _Plan(reuse={}, read=[], reasons=Counter(), removed=[])
    seen = set()
    for i, ref in enumerate(files):
        key = (ref.root, ref.rel_path)
        seen.add(key)
        entry = cached.get(key)
        if ref.status is not Status.OK:
            plan.read.append(i)  # nothing to read: discovery's reason is the result
            continue
        if full:
            reason = "full scan requested (--full)"
        elif entry is None:
            reason = "new file"
        elif entry.fingerprint != fingerprint:
            reason = "pi-scan version, recognizers or settings changed"
        elif entry.size_bytes != ref.size_bytes or entry.mtime_ns != ref.mtime_ns:
            reason = "file changed (size or modified time)"
        else:
            blob = inv.cached_results(*key)
            results = _unpickled(blob) if blob is not None else None
            if results is not None:
                plan.reuse[i] = results
                continue
            reason = "new file" if blob is None else "cached result unreadable"
        plan.reasons[reason] += 1
        plan.read.append(i)
    # Files of these roots that are gone; other roots' entries stay for their own scans.
    scanned_roots = set(roots) | {f.root for f in files}
    plan.removed = [k for k in cached if k not in seen and k[0] in scanned_roots]
    return plan


def _bytes_read(ref: FileRef) -> int:
    """What reading the file costs: nothing for a file discovery already decided about."""
    return ref.size_bytes if ref.status is Status.OK else 0


def _unpickled(blob: bytes) -> list[DatasetResult] | None:
    """A cached per-file result, or None when it cannot be read back (a damaged database):
    the file is then read again rather than the scan stopped."""
    try:
        results = pickle.loads(blob)
    except Exception:  # unpickling raises nearly anything on bad bytes
        return None
    ok = isinstance(results, list) and all(isinstance(r, DatasetResult) for r in results)
    return results if ok else None


# ---------------------------------------------------------------- copies: read once

_GZIP_MAGIC = b"\x1f\x8b"
_HASH_PIECE = 1024 * 1024


def _analysis_context(ref: FileRef, head: bytes) -> tuple[str, ...]:
    """What the default per-file work reads from a file besides its bytes: its extension (it
    picks the parser where the content leaves it open), the words of its path that make a
    list a guardians' list (``people._subject_role``), and, for gzip content, its name (the
    one member is named after the file: ``名簿.csv.gz!名簿.csv``). Files with the same bytes
    and the same context give the same results."""
    context = (ref.extension, *(w for w in _GUARDIAN_LISTS if w in ref.rel_path))
    if head.startswith(_GZIP_MAGIC):
        context = (*context, ref.rel_path.rsplit("/", 1)[-1])
    return context


def _content_key(ref: FileRef, follow_symlinks: bool) -> tuple[Any, ...] | None:
    """(size, BLAKE2b of the bytes, context), or None when the file cannot be read whole now
    (it is then analysed on its own, and its own analysis reports why). Opened the way the
    extractors open it (folder by folder, no links followed, never a FIFO); read in pieces."""
    from pi_scan.extract.source import open_regular  # the parsers: only when there are copies

    try:
        fd = open_regular(ref, follow_symlinks)
    except OSError:
        return None
    digest = hashlib.blake2b(digest_size=16)
    head = b""
    total = 0
    try:
        with os.fdopen(fd, "rb", buffering=0) as fh:
            while total <= ref.size_bytes:
                piece = fh.read(min(_HASH_PIECE, ref.size_bytes + 1 - total))
                if not piece:
                    break
                if not head:
                    head = piece[:2]
                digest.update(piece)
                total += len(piece)
    except OSError:
        return None
    if total != ref.size_bytes:  # changed since discovery: no copy of anything
        return None
    return (ref.size_bytes, digest.digest(), _analysis_context(ref, head))


def _copies(files: list[FileRef], todo: list[int], config: ScanConfig) -> dict[int, int]:
    """Which files to read are copies of another file to read: {copy: original}, the original
    being the first of them in ``todo``. Only files whose size equals another's are hashed
    (most files of a share have a size of their own and are read once, by their worker).
    Only for pi-scan's own per-file work: another analyser may read anything of the path."""
    if config.analyser != DEFAULT_ANALYSER:
        return {}
    by_size: dict[int, list[int]] = {}
    for i in todo:
        if files[i].status is Status.OK:
            by_size.setdefault(files[i].size_bytes, []).append(i)
    original: dict[tuple[Any, ...], int] = {}
    copies: dict[int, int] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        for i in group:
            key = _content_key(files[i], config.follow_symlinks)
            if key is None:
                continue
            first = original.setdefault(key, i)
            if first != i:
                copies[i] = first
    return copies


def _as_copy(results: list[DatasetResult], ref: FileRef) -> list[DatasetResult]:
    """The original's results as the copy's own: its path, owner, permissions, times."""
    return [replace(r, dataset=replace(r.dataset, file=ref)) for r in results]


def _results_stream(
    files: list[FileRef], todo: list[int], config: ScanConfig, pool: WorkerPool | None
):
    """(index, results) for every file of ``todo``; a copy's as soon as its original's."""
    copies = _copies(files, todo, config)
    of: dict[int, list[int]] = {}
    for copy, first in copies.items():
        of.setdefault(first, []).append(copy)
    for i, results in _analysed(files, [i for i in todo if i not in copies], config, pool):
        yield i, results
        for copy in of.get(i, ()):
            yield copy, _as_copy(results, files[copy])


def _analysed(files: list[FileRef], todo: list[int], config: ScanConfig, pool: WorkerPool | None):
    refs = [files[i] for i in todo]
    if not refs:
        return
    if config.dask_address:
        from pi_scan.distributed_scan import run_on_dask

        stream = run_on_dask(config.dask_address, config, refs)
    elif pool is None:
        from pi_scan.analysis import FileAnalyser

        stream = sequential(FileAnalyser(config), refs)
    else:
        stream = pool.run(refs)
    for j, results in stream:
        yield todo[j], results


def run_scan(
    roots: Sequence[Path],
    config: ScanConfig,
    output_dir: Path,
    progress: Progress | None = None,
) -> ScanOutcome:
    progress = progress or NullProgress()
    started = _now()
    abs_roots = [str(Path(r).absolute()) for r in roots]
    preflight(config, output_dir)  # nothing is read, started or recorded when this fails
    pool = None
    if not (config.in_process or config.dask_address):
        # a scan of files only (``pi-scan scan 名簿.xlsx``) leaves the text stack to a worker
        # whose file holds text; folders hold some
        folders = not all(Path(r).is_file() for r in abs_roots)
        pool = WorkerPool(config, config.worker_count(), config.analyser, text_stack=folders)
        pool.warm_up()  # the workers' imports overlap discovery and planning
    discovery = discover([Path(r) for r in abs_roots], config)
    files = discovery.files
    fingerprint = analysis_fingerprint(config)
    per_file: list[list[DatasetResult] | None] = [None] * len(files)
    with Inventory(config.resolved_db_path()) as inv:
        plan = _plan(inv, abs_roots, files, fingerprint, config.full)
        tally = ScanTally(
            total=len(files),
            to_read=len(plan.read),
            bytes_to_read=sum(_bytes_read(files[i]) for i in plan.read),
        )
        progress.start(tally)
        for i, cached in plan.reuse.items():
            # Same content as last time; the metadata (owner, permissions) is today's.
            per_file[i] = [replace(r, dataset=replace(r.dataset, file=files[i])) for r in cached]
            tally.reused += 1
            progress.file_done(tally, files[i].rel_path)
        batch: list[tuple[str, str, int, int, str, bytes]] = []
        last_commit = time.monotonic()
        tally.reading_since = time.monotonic()
        try:
            for i, results in _results_stream(files, plan.read, config, pool):
                ref = files[i]
                per_file[i] = results
                tally.read += 1
                tally.bytes_read += _bytes_read(ref)
                progress.file_done(tally, ref.rel_path)
                if ref.status is Status.OK:
                    blob = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
                    batch.append(
                        (ref.root, ref.rel_path, ref.size_bytes, ref.mtime_ns, fingerprint, blob)
                    )
                # Commit often: a killed scan resumes from here, reading only what is missing.
                if batch and (len(batch) >= 200 or time.monotonic() - last_commit > 2):
                    inv.save_cached(batch)
                    batch, last_commit = [], time.monotonic()
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
        results = _apply_declarations(results, config)
        people, per_dataset = _count_people(results)
        results = [replace(r, individuals=per_dataset.get(i, 0)) for i, r in enumerate(results)]
        risky = PathMatcher(config.risky_locations)
        rows = [inventory_row(r, _flags(r, risky)) for r in results]
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
                files_reused=len(plan.reuse),
                files_removed=len(plan.removed),
                why_read=dict(sorted(plan.reasons.items())),
            ),
        )
        scan_id = inv.store_scan(
            summary, files, datasets=list(zip(rows, findings_per_row, strict=True))
        )
        summary = replace(summary, scan_id=scan_id, history=history_summary(inv))
    outputs = write_outputs(output_dir, rows, findings, summary)
    return ScanOutcome(scan_id=scan_id, summary=summary, rows=rows, outputs=outputs)


def history_summary(inv: Inventory) -> ScanHistory:
    """How many scans the inventory holds, and the largest estimate of the last six months."""
    history = history_of(inv)
    peak = peak_before(history, datetime.now(tz=UTC))
    return ScanHistory(
        scans_recorded=len(inv.scans()),
        six_month_max=None
        if peak is None
        else PeakScan(peak.scan_id, peak.finished, peak.estimate, peak.low, peak.high),
    )
