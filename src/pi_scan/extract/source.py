"""What an extractor reads (a file or an archive member) and how its failures become data.

A ``Source`` is a file on disk or an archive member held in memory. Extractors never raise for
bad bytes: :func:`guarded` turns any exception into a Dataset whose ``error`` holds pi-scan's own
words plus the exception's type name — never the library's message, which can quote file content.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import BinaryIO

import pandas as pd

from pi_scan.config import Limits
from pi_scan.model import ARCHIVE_SEPARATOR, Dataset, DatasetKind, FileRef, Status

TRUNCATED_ATTR = "truncated"
"""``DataFrame.attrs`` key set to True when a table was cut at ``Limits.max_rows``."""


class TooLarge(Exception):
    """A source is bigger than the limit the caller allows for it."""


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

    @property
    def name(self) -> str:
        """The last path component: the member's or the file's own name."""
        path = self.member_path.rsplit(ARCHIVE_SEPARATOR, 1)[-1] or self.ref.rel_path
        return path.rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        name = self.name
        return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""

    @property
    def in_memory(self) -> bool:
        return self.data is not None

    def open(self) -> BinaryIO:
        """A fresh binary stream positioned at the start (caller closes it)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        return open(self.ref.abs_path, "rb")  # the caller closes it

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
        with self.open() as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise TooLarge
        return data

    def path_or_stream(self) -> str | BinaryIO:
        """What libraries that accept either should read: the path avoids a copy in memory."""
        return self.ref.abs_path if self.data is None else io.BytesIO(self.data)

    def child(self, member_name: str, data: bytes) -> Source:
        """The source for a member of this archive, joined with ``!`` when archives nest."""
        path = (
            f"{self.member_path}{ARCHIVE_SEPARATOR}{member_name}"
            if self.member_path
            else member_name
        )
        return replace(self, member_path=path, data=data, depth=self.depth + 1)

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
    """pi-scan's words plus the exception's type name; the message is dropped on purpose."""
    return f"{what} ({type(exc).__name__})"


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


def truncation_note(kept: int, unit: str) -> str:
    return f"truncated: first {kept:,} {unit} read"
