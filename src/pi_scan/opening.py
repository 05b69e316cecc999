"""Opening a file that discovery found, safely: read-only, folder by folder without following
links, never blocking on a FIFO, and only while it is still a regular file.

Its own module, light to import: the extractors open every file with it, and so does a scan's
parent when it hashes files to find copies and known contents (``contents.py``), which must not
wait for the parsers' imports.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat

from pi_scan.model import FileRef


class NotRegularFile(OSError):
    """What was a regular file at discovery is something else now (a FIFO, a device ...)."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, kind)
        self.kind = kind


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NOATIME = getattr(os, "O_NOATIME", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
_FILE = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def open_regular(ref: FileRef, follow_symlinks: bool = False) -> int:
    """A read-only descriptor of the file that discovery found, or OSError.

    Opened folder by folder from the root with ``O_NOFOLLOW``, so a folder or file replaced by a
    symbolic link since discovery cannot lead out of the share (and paths longer than PATH_MAX
    work); without blocking, so a file replaced by a FIFO cannot hang the scan; and only if it
    is still a regular file. ``O_NOATIME`` where the kernel allows it (the file's owner or
    root): reading then leaves even the access time alone. With ``follow_symlinks`` the path is
    opened as it is (discovery has checked that its links stay inside the roots).
    """
    # the names as they are on disk (``rel_path`` may show CP932 names decoded)
    inside = ref.abs_path.startswith(ref.root.rstrip("/") + "/")
    rel = ref.abs_path[len(ref.root.rstrip("/")) + 1 :] if inside else ""
    parts = rel.split("/") if rel else []
    walkable = bool(parts) and os.path.join(ref.root, *parts) == ref.abs_path
    if follow_symlinks or not walkable:
        fd = _open_file(ref.abs_path, None, follow_symlinks)
    else:
        folder = os.open(ref.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
        try:
            for name in parts[:-1]:
                inner = os.open(name, _FOLDER, dir_fd=folder)
                os.close(folder)
                folder = inner
            fd = _open_file(parts[-1], folder, False)
        finally:
            os.close(folder)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(special_kind(mode))
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~getattr(os, "O_NONBLOCK", 0))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_file(path: str, folder: int | None, follow: bool) -> int:
    flags = (_FILE & ~_NOFOLLOW if follow else _FILE) | _CLOEXEC
    if _NOATIME:
        try:
            return os.open(path, flags | _NOATIME, dir_fd=folder)
        except PermissionError as exc:
            if exc.errno != errno.EPERM:  # EPERM: not the owner, O_NOATIME refused
                raise
    return os.open(path, flags, dir_fd=folder)


def special_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISDIR, "folder"),
        (stat.S_ISLNK, "symbolic link"),
    ):
        if test(mode):
            return name
    return "special file"
