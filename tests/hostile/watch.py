"""Seeing what a scan touches, without strace: kernel inotify and Python audit hooks.

- :class:`OpenWatch` asks the kernel (inotify, through ctypes) to report every open and read of
  the files in some folders, by any process and any library (C and Rust ones included): the
  proof that an XXE canary or a symbolic link's target outside the share was never opened.
- :func:`record_opens` installs a ``sys.addaudithook`` hook that keeps the path of every
  ``open`` event and every folder listed in this process.
- :func:`as_user` runs a function in a forked child that has dropped to another user id (the
  modules are already imported, so the interpreter's own files need not be readable by it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import struct
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

IN_ACCESS = 0x001
IN_MODIFY = 0x002
IN_ATTRIB = 0x004
IN_OPEN = 0x020
IN_NONBLOCK = 0o4000
_EVENT = struct.Struct("iIII")


class OpenWatch:
    """inotify watches on folders (and the files directly in them) for opens and reads."""

    def __init__(self, folders: list[Path]) -> None:
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self.fd = self._libc.inotify_init1(IN_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self._names: dict[int, str] = {}
        for folder in folders:
            wd = self._libc.inotify_add_watch(
                self.fd, os.fsencode(folder), IN_OPEN | IN_ACCESS | IN_MODIFY | IN_ATTRIB
            )
            if wd < 0:
                raise OSError(ctypes.get_errno(), f"inotify_add_watch {folder}")
            self._names[wd] = str(folder)

    def events(self) -> list[tuple[str, int]]:
        """(path, mask) of everything reported since the last call."""
        out = []
        while True:
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                return out
            pos = 0
            while pos < len(buf):
                wd, mask, _cookie, size = _EVENT.unpack_from(buf, pos)
                name = buf[pos + _EVENT.size : pos + _EVENT.size + size].rstrip(b"\0")
                folder = self._names.get(wd, "?")
                out.append((f"{folder}/{os.fsdecode(name)}" if name else folder, mask))
                pos += _EVENT.size + size

    def close(self) -> None:
        os.close(self.fd)


def record_opens(sink: list[str]) -> None:
    """Append the path of every ``open`` (and folder listing) in this process to ``sink``.

    Audit hooks cannot be removed: call this in a child process. A path relative to a folder's
    file descriptor (``os.open(name, dir_fd=...)``) is recorded as ``dir_fd:name``.
    """

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and args:
            path = args[0]
            if isinstance(path, int):  # os.fdopen / open(fd)
                return
            sink.append(os.fsdecode(path) if isinstance(path, bytes | str) else repr(path))
        elif event in ("os.scandir", "os.listdir") and args:
            path = args[0]
            if isinstance(path, bytes | str):
                sink.append(os.fsdecode(path))

    sys.addaudithook(hook)


def as_user(uid: int, gid: int, action: Callable[[], Any], *, timeout: float = 600) -> Any:
    """``action()`` in a forked child running as ``uid``/``gid``; its result (pickled) or the
    exception it raised, re-raised here. Needs root to switch users."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read_fd)
            if (uid, gid) != (os.getuid(), os.getgid()):
                os.setgroups([])
                os.setgid(gid)
                os.setuid(uid)
            try:
                payload = pickle.dumps(("ok", action()))
            except BaseException as exc:  # handed to the parent to re-raise
                import traceback

                payload = pickle.dumps(
                    ("error", f"{type(exc).__name__}: {exc}\n" + traceback.format_exc())
                )
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as src:
        data = src.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"child as uid {uid} died (wait status {status})")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise RuntimeError(f"in the child as uid {uid}: {value}")
    return value
