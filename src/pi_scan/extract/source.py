"""What an extractor reads (a file or an archive member) and how its failures become data.

A ``Source`` is a file on disk or an archive member held in memory. Extractors never raise for
bad bytes: :func:`guarded` turns any exception into a Dataset whose ``error`` holds pi-scan's own
words plus the exception's type name — never the library's message, which can quote file content.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

import pandas as pd

from pi_scan.config import Limits, ScanConfig
from pi_scan.model import ARCHIVE_SEPARATOR, Dataset, DatasetKind, FileRef, Status, file_extension
from pi_scan.opening import NotRegularFile

_PROC_FD = "/proc/self/fd"

TRUNCATED_ATTR = "truncated"
"""``DataFrame.attrs`` key set to True when a table was cut at ``Limits.max_rows``."""


class TooLarge(Exception):
    """A source is bigger than the limit the caller allows for it."""


def open_error(exc: OSError) -> str:
    """Why the file could not be opened, in pi-scan's words."""
    if isinstance(exc, NotRegularFile):
        return f"not a regular file any more ({exc.kind})"
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        return "path changed to a symbolic link during the scan: not followed"
    if exc.errno == errno.ENOENT:
        return "file vanished during the scan"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return describe("cannot open file", exc)


_READ_PIECE = 8 * 1024 * 1024


class _PositionalReader(io.RawIOBase):
    """A read-only stream over a shared descriptor with its own position (``pread``), so that
    several readers of one file (sniffing, then a parser) never disturb each other."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = os.pread(self._fd, len(buffer), self._pos)
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            target = offset
        elif whence == io.SEEK_CUR:
            target = self._pos + offset
        else:
            target = os.fstat(self._fd).st_size + offset
        if target < 0:  # as a file would: zipfile relies on OSError here
            raise OSError(errno.EINVAL, "Invalid argument")
        self._pos = target
        return self._pos

    def tell(self) -> int:
        return self._pos


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to extract: the file itself, or a member of an archive inside it.

    ``data`` holds an archive member's bytes (read within the archive limits); for the file itself
    it is None and the bytes are read from ``ref.abs_path`` only when needed. ``depth`` counts
    the archives around this source (0 for the file itself).
    """

    ref: FileRef
    member_path: str = ""
    data: bytes | None = None
    depth: int = 0
    fd: int | None = None  # the file itself, opened by :func:`open_regular` (not closed here)

    @property
    def name(self) -> str:
        """The last path component: the member's or the file's own name."""
        path = self.member_path.rsplit(ARCHIVE_SEPARATOR, 1)[-1] or self.ref.rel_path
        return path.rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        return file_extension(self.name)

    def open(self) -> BinaryIO:
        """A fresh binary stream positioned at the start (caller closes it)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.fd is not None:
            return io.BufferedReader(_PositionalReader(self.fd), 256 * 1024)
        return open(self.ref.abs_path, "rb")  # the caller closes it

    def detached(self) -> Source:
        """This source, still readable after the extraction that opened the file has closed it
        (a duplicate of the descriptor): for a table whose chunks are read later. The caller
        releases it with :meth:`release`."""
        if self.fd is not None and self.data is None:
            return replace(self, fd=os.dup(self.fd))
        return self

    def release(self) -> None:
        """Close a :meth:`detached` source's descriptor. Call it once: the number may be
        reused by the next file opened."""
        if self.fd is not None and self.data is None:
            with contextlib.suppress(OSError):
                os.close(self.fd)

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else self.ref.size_bytes

    def head(self, size: int) -> bytes:
        if self.data is not None:
            return self.data[:size]
        with self.open() as fh:
            return fh.read(size)

    def read_all(self, limit: int) -> bytes:
        """All bytes, or :class:`TooLarge` when there are more than ``limit``."""
        if self.data is not None:
            if len(self.data) > limit:
                raise TooLarge
            return self.data
        # in pieces: one read of ``limit + 1`` bytes would reserve the whole limit (512 MiB by
        # default) twice over for a file of a few kilobytes, and a worker's address space is capped
        parts: list[bytes] = []
        total = 0
        with self.open() as fh:
            while total <= limit:
                part = fh.read(min(_READ_PIECE, limit + 1 - total))
                if not part:
                    break
                parts.append(part)
                total += len(part)
        if total > limit:
            raise TooLarge
        return b"".join(parts)

    def path_or_stream(self) -> str | BinaryIO:
        """What libraries that accept either should read: a path avoids a copy in memory.

        For a file opened by :func:`open_regular` the path is ``/proc/self/fd/N``: the very file
        that was opened safely, whatever the share's path now leads to.
        """
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.fd is not None:
            if os.path.isdir(_PROC_FD):
                return f"{_PROC_FD}/{self.fd}"
            return self.open()
        return self.ref.abs_path

    def child(self, member_name: str, data: bytes) -> Source:
        """The source for a member of this archive, joined with ``!`` when archives nest."""
        path = (
            f"{self.member_path}{ARCHIVE_SEPARATOR}{member_name}"
            if self.member_path
            else member_name
        )
        return replace(self, member_path=path, data=data, depth=self.depth + 1, fd=None)

    def table(
        self, frame: pd.DataFrame, *, name: str = "", header_row: int | None = None, note: str = ""
    ) -> Dataset:
        """An OK table. ``note`` (e.g. truncation) goes to ``error``; the status stays OK."""
        return Dataset(
            file=self.ref,
            member_path=self.member_path,
            name=name,
            kind=DatasetKind.TABLE,
            status=Status.OK,
            error=note,
            table=frame,
            header_row=header_row,
        )

    def text(self, text: str, *, name: str = "", note: str = "") -> Dataset:
        return Dataset(
            file=self.ref,
            member_path=self.member_path,
            name=name,
            kind=DatasetKind.TEXT,
            status=Status.OK,
            error=note,
            text=text,
        )

    def failure(self, status: Status, reason: str, *, name: str = "") -> Dataset:
        return Dataset(
            file=self.ref,
            member_path=self.member_path,
            name=name,
            kind=DatasetKind.NONE,
            status=status,
            error=reason,
        )


class Budget:
    """What is left of the archive limits for one top-level file, shared by nested archives.

    One budget per file (not per archive) so that nesting cannot multiply the limits: a zip of
    16 zips of 16 zips gets the same total expansion allowance as a flat one.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.expanded_left = limits.max_expanded_bytes
        self.members_left = limits.max_archive_members

    def take_bytes(self, count: int) -> bool:
        """Charge ``count`` expanded bytes; False (and nothing charged) when they do not fit."""
        if count > self.expanded_left:
            return False
        self.expanded_left -= count
        return True


def describe(what: str, exc: BaseException) -> str:
    """pi-scan's words plus the exception's type name; the message is dropped on purpose.

    Bare names like ``error`` (zlib.error, struct.error) get their module: "(zlib.error)".
    """
    kind = type(exc)
    name = kind.__name__
    if name.lower() == "error":
        name = f"{kind.__module__.rsplit('.', 1)[-1]}.{name}"
    return f"{what} ({name})"


def guarded(
    source: Source, what: str, action: Callable[[], list[Dataset]], *, name: str = ""
) -> list[Dataset]:
    """Run an extractor; any failure becomes one ERROR Dataset saying ``what`` went wrong.

    Catches BaseException because python-calamine raises ``pyo3_runtime.PanicException`` (a
    BaseException subclass) on some malformed files; only interpreter exits propagate.
    """
    try:
        return action()
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        return [source.failure(Status.ERROR, describe(what, exc), name=name)]


def tables_over_limit(source: Source, found: int, config: ScanConfig) -> list[Dataset]:
    """One row for the sheets or tables past ``max_tables``, none when there are none."""
    limit = config.limits.max_tables
    if found <= limit:
        return []
    return [
        source.failure(
            Status.SKIPPED, f"table limit reached: {found - limit:,} more sheets or tables not read"
        )
    ]


def truncation_note(kept: int, unit: str) -> str:
    return f"truncated: first {kept:,} {unit} read"
