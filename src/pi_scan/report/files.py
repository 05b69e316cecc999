"""Writing what pi-scan makes: readable by its owner only, and never half-written.

Everything pi-scan writes is a map of where personal data lives, so files are created 0600
(folders 0700) whatever the umask. A file is written beside its final name, flushed to disk and
renamed into place: a reader (or a killed scan) never sees a half-written one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode)`` for writing, the file readable and writable by its owner only
    (0600), whatever the umask, and also when it was already there."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


@contextmanager
def replaced_atomically(target: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """A file to write ``target``'s new content to (``open`` arguments): beside it as
    ``.NAME.partial``, owner-only, on disk (fsync) before it is renamed over ``target``."""
    tmp = target.with_name(f".{target.name}.partial")
    with open_private(tmp, mode, **kwargs) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def write_bytes_atomically(target: Path, data: bytes) -> None:
    with replaced_atomically(target, "wb") as fh:
        fh.write(data)
