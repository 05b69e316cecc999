"""The log of an unattended run: one line per event, as text or as JSON (``--log-json``).

Events: ``scan_started``, ``scan_progress`` (a minute apart, and when the reading ends),
``file_unreadable`` (one per dataset that could not be read, with its
status and reason), ``scan_finished`` (the figures and the exit code), ``scan_failed``,
``scan_interrupted``. Fields are what the inventory holds (paths, counts, statuses): never a raw
personal value.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pi_scan import __version__
from pi_scan.model import InventoryRow, ScanSummary, Status
from pi_scan.progress import ScanTally

UNREADABLE_STATUSES = frozenset({Status.ENCRYPTED, Status.ERROR, Status.SKIPPED})


class RunLog:
    """Appends events to a stream. Disabled (``RunLog(None)``) does nothing."""

    def __init__(self, stream: TextIO | None, json_lines: bool = False, owns: bool = False) -> None:
        self._stream = stream
        self._json = json_lines
        self._owns = owns

    @classmethod
    def open(cls, log_file: Path | None, json_lines: bool) -> RunLog:
        """``log_file`` is appended to (created with owner-only permissions); JSON lines
        without a file go to stderr (for the systemd journal); neither: no log."""
        if log_file is not None:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            return cls(os.fdopen(fd, "a", encoding="utf-8"), json_lines, owns=True)
        if json_lines:
            return cls(sys.stderr, True)
        return cls(None)

    @property
    def enabled(self) -> bool:
        return self._stream is not None

    def event(self, event: str, level: str = "info", **fields: Any) -> None:
        if self._stream is None:
            return
        time = datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self._json:
            line = json.dumps(
                {"time": time, "level": level, "event": event, **fields},
                ensure_ascii=False,
                default=str,
            )
        else:
            pairs = " ".join(f"{k}={_text(v)}" for k, v in fields.items())
            line = f"{time} {level.upper()} {event}" + (f" {pairs}" if pairs else "")
        self._stream.write(line + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._owns and self._stream is not None:
            self._stream.close()
        self._stream = None

    def __enter__(self) -> RunLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress_text(tally: ScanTally, now: float | None = None) -> str:
    """``12.3 files/s · 4.5 MB/s · 残り / left 3:12 · 再利用 / reused 1,234``."""
    parts = [
        f"{tally.files_per_second(now):,.1f} files/s",
        f"{tally.mb_per_second(now):,.1f} MB/s",
    ]
    left = tally.seconds_left(now)
    if left is not None:
        parts.append(f"残り / left {_clock(left)}")
    if tally.reused:
        parts.append(f"再利用 / reused {tally.reused:,}")
    return " · ".join(parts)


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class LogProgress:
    """``scan_progress`` events in the run log, one a minute (and one when the reading ends):
    what a nightly job's log needs to tell a long scan from a stuck one."""

    def __init__(self, log: RunLog, every_seconds: float = 60.0) -> None:
        self._log = log
        self._every = every_seconds
        self._last = 0.0

    def start(self, tally: ScanTally) -> None:
        self._last = time.monotonic()

    def file_done(self, tally: ScanTally, path: str) -> None:
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self._emit(tally, now)

    def finish(self, tally: ScanTally) -> None:
        self._emit(tally, time.monotonic())

    def _emit(self, tally: ScanTally, now: float) -> None:
        left = tally.seconds_left(now)
        self._log.event(
            "scan_progress",
            files_done=tally.done,
            files_total=tally.total,
            files_read=tally.read,
            files_reused=tally.reused,
            files_per_s=round(tally.files_per_second(now), 2),
            mb_per_s=round(tally.mb_per_second(now), 2),
            seconds_left=None if left is None else round(left),
        )


def _text(value: Any) -> str:
    if isinstance(value, str) and value and not any(c.isspace() or c in '"=' for c in value):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def log_started(log: RunLog, roots: Sequence[Path], db: Path, output: Path, threshold: int) -> None:
    log.event(
        "scan_started",
        version=__version__,
        pid=os.getpid(),
        roots=[str(Path(r).absolute()) for r in roots],
        db=str(db),
        output=str(Path(output).absolute()),
        threshold=threshold,
    )


def log_outcome(
    log: RunLog,
    summary: ScanSummary,
    rows: Sequence[InventoryRow],
    outputs: dict[str, Path],
    exit_code: int,
    seconds: float,
) -> None:
    """One ``file_unreadable`` line per dataset that could not be read, then ``scan_finished``
    with the figures a monitoring job needs."""
    for row in rows:
        if row.status in UNREADABLE_STATUSES:
            log.event(
                "file_unreadable",
                level="warning",
                root=row.root,
                path=row.path,
                dataset=row.dataset,
                status=row.status.value,
                reason=row.error,
            )
    people = summary.people
    peak = summary.history.six_month_max if summary.history is not None else None
    log.event(
        "scan_finished",
        level="warning" if summary.exceeds_threshold else "info",
        scan_id=summary.scan_id,
        estimate=people.estimate,
        low=people.low,
        high=people.high,
        threshold=summary.threshold,
        exceeds_threshold=summary.exceeds_threshold,
        bounds_straddle_threshold=summary.bounds_straddle_threshold,
        six_month_max=None if peak is None else peak.estimate,
        files_scanned=summary.files_scanned,
        datasets=summary.datasets,
        pi_databases=summary.pi_databases,
        unreadable=summary.unreadable,
        status_counts=dict(summary.status_counts),
        seconds=round(seconds, 1),
        outputs={k: str(v) for k, v in outputs.items()},
        exit_code=exit_code,
    )
