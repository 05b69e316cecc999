"""How far a scan is: the tally the pipeline keeps and the progress sinks it tells (the console
bar, the run log). Low in the layers, so that whoever shows progress can type it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

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
    """Told when the reading starts, after every file (reused or read), and when it ends."""

    def start(self, tally: ScanTally) -> None: ...
    def file_done(self, tally: ScanTally, path: str) -> None: ...
    def finish(self, tally: ScanTally) -> None: ...


class NullProgress:
    def start(self, tally: ScanTally) -> None: ...
    def file_done(self, tally: ScanTally, path: str) -> None: ...
    def finish(self, tally: ScanTally) -> None: ...
