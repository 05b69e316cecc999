"""Which files hold a content already analysed: copies within a scan, and contents an earlier
scan analysed (issue 17 item 2).

A file's *content key* is keyed BLAKE3 (``ContentHashing``) over its size, its bytes and the
context the per-file work reads besides the bytes (``analysis_context``). Files with the same
key give the same results, so a content is analysed once however many copies a share holds,
and a file that is touched, moved or renamed (a folder renamed at year end, a backup tool that
rewrites times) takes the results an earlier scan found for its bytes instead of being read
again.

- ``read_order``: the files to analyse, in the order the workers get them. A thread hashes
  them meanwhile: a file whose size no other file to read has only for its key (kept with its
  cached results), each group of one size to find its copies before its original is given.
- ``known_contents``: which of the files a scan would otherwise read hold a content the
  inventory's per-file cache holds (hashed, then looked up by key).

Only for pi-scan's own per-file work: another analyser may read anything of the path.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import blake3

from pi_scan.config import ScanConfig
from pi_scan.inventory import Inventory
from pi_scan.model import FileRef
from pi_scan.opening import open_regular
from pi_scan.people import GUARDIAN_LISTS, load_or_create_secret
from pi_scan.workers import DEFAULT_ANALYSER

_GZIP_MAGIC = b"\x1f\x8b"
_HASH_PIECE = 1024 * 1024
_UNITS_AHEAD = 256  # units hashed before the workers need them (their futures held)
_LONE_BATCH = 8  # files of a size of their own hashed together (one future for several)


def by_default_analysis(config: ScanConfig) -> bool:
    """Whether contents can be shared between files at all (pi-scan's own per-file work)."""
    return config.analyser == DEFAULT_ANALYSER


def analysis_context(ref: FileRef, head: bytes) -> tuple[str, ...]:
    """What the default per-file work reads from a file besides its bytes: its extension (it
    picks the parser where the content leaves it open), the words of its path that make a
    list a guardians' list (``people.records.subject_role``), and, for gzip content, its name (the
    one member is named after the file: ``名簿.csv.gz!名簿.csv``). Files with the same bytes
    and the same context give the same results."""
    context = (ref.extension, *(w for w in GUARDIAN_LISTS if w in ref.rel_path))
    if head.startswith(_GZIP_MAGIC):
        context = (*context, ref.rel_path.rsplit("/", 1)[-1])
    return context


@dataclass(frozen=True, slots=True)
class ContentHashing:
    """How a scan makes content keys: keyed BLAKE3, its key derived from the person-key secret
    (kept outside the inventory). The inventory keeps every file's key, and a plain digest of
    a small file could be matched by guessing its content (a one-line list of one person), as a
    plain hash of a name could; with the key, only this installation can make them."""

    key: bytes  # 32 bytes
    follow_symlinks: bool

    @classmethod
    def of(cls, config: ScanConfig) -> ContentHashing:
        secret = load_or_create_secret(config.resolved_secret_path())
        key = blake3.blake3(secret, derive_key_context=_KEY_CONTEXT).digest()
        return cls(key, config.follow_symlinks)


_KEY_CONTEXT = "pi-scan 2026-12-07 content keys of files"


def content_key(
    ref: FileRef, hashing: ContentHashing, stop: threading.Event | None = None
) -> bytes | None:
    """The file's content key, or None when the file cannot be read whole now (it is then
    analysed on its own, and its own analysis reports why). Opened the way the extractors open
    it (folder by folder, no links followed, never a FIFO); read in pieces."""
    try:
        fd = open_regular(ref, hashing.follow_symlinks)
    except OSError:
        return None
    # cryptographic and keyed: no crafted file passes for another's content, no key is guessed
    digest = blake3.blake3(key=hashing.key)
    head = b""
    total = 0
    try:
        with os.fdopen(fd, "rb", buffering=0) as fh:
            while total <= ref.size_bytes:
                if stop is not None and stop.is_set():
                    return None  # the scan is over (a big file on a slow share: no waiting)
                piece = fh.read(min(_HASH_PIECE, ref.size_bytes + 1 - total))
                if not piece:
                    break
                if not head:
                    head = piece[:2]
                digest.update(piece)
                total += len(piece)
    except OSError:
        return None
    if total != ref.size_bytes:  # changed since discovery: no key, nothing shared
        return None
    context = "\0".join(analysis_context(ref, head)).encode("utf-8", "surrogateescape")
    key = blake3.blake3(digest.digest(length=32), key=hashing.key)
    key.update(ref.size_bytes.to_bytes(8, "little"))
    key.update(context)
    return key.digest(length=16)


def _keys(
    files: list[FileRef],
    unit: list[int],
    hashing: ContentHashing,
    stop: threading.Event | None = None,
    hashed: dict[int, bytes] | None = None,
) -> dict[int, bytes]:
    """The content keys of the files of ``unit`` that could be read whole (nothing once
    ``stop`` is set), those of ``hashed`` as they are."""
    keys = {}
    for i in unit:
        key = (hashed or {}).get(i) or content_key(files[i], hashing, stop)
        if key is not None:
            keys[i] = key
    return keys


def copies_in(group: list[int], keys: dict[int, bytes]) -> dict[int, int]:
    """Which files of ``group`` are copies of another: {copy: original}, the original being
    the first of them in ``group``; a file without a key is nobody's copy."""
    original: dict[bytes, int] = {}
    copies: dict[int, int] = {}
    for i in group:
        key = keys.get(i)
        if key is None:
            continue
        first = original.setdefault(key, i)
        if first != i:
            copies[i] = first
    return copies


_T = TypeVar("_T")
_R = TypeVar("_R")


def _hashed_ahead(
    work: Callable[[_T], _R], items: Iterable[_T], ahead: int
) -> Iterator[tuple[_T, _R]]:
    """(item, work(item)) in the order of ``items``, ``work`` done by a thread of its own at
    most ``ahead`` items before the caller takes them. The thread stops with the caller (a
    scan stopped by Ctrl-C): what is not started is cancelled."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pi-scan-contents")
    waiting = iter(items)
    started: deque[tuple[_T, Future[_R]]] = deque()
    try:
        while True:
            while len(started) < ahead and (item := next(waiting, None)) is not None:
                started.append((item, pool.submit(work, item)))
            if not started:
                return
            item, done = started.popleft()
            yield item, done.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def read_order(
    files: list[FileRef],
    todo: list[int],
    config: ScanConfig,
    copies_of: dict[int, list[int]],
    keys: dict[int, bytes],
) -> Iterator[int]:
    """The files of ``todo`` to analyse, copies left out: first those that no other file to
    read has the size of (most files of a share: no copies to look for, so the workers start
    at once), then each group of one size once it is hashed, its originals only,
    ``copies_of[original]`` holding its copies by the time the original is given. Each file
    given, and each copy, has its content key in ``keys`` by then when it could be read (the
    keys already there are not made again). A thread hashes the files (reading and BLAKE3
    let the interpreter go), so the hashing overlaps the workers' work. For pi-scan's own
    analysis ``todo`` holds files discovery found readable: what it decided about is listed
    without an analyser (``pipeline._results_stream``)."""
    if not by_default_analysis(config):
        yield from todo
        return
    by_size: dict[int, list[int]] = {}
    for i in todo:
        by_size.setdefault(files[i].size_bytes, []).append(i)
    lone = [i for i in todo if len(by_size[files[i].size_bytes]) == 1]  # a size of its own
    groups = [group for group in by_size.values() if len(group) > 1]
    del by_size  # a share's worth of sizes, not kept while the files are read
    units = [lone[n : n + _LONE_BATCH] for n in range(0, len(lone), _LONE_BATCH)]
    shared = len(units)  # the units from here on are size groups
    units += groups
    stop = threading.Event()
    earlier = dict(keys)  # read by the thread while ``keys`` changes
    hashing = ContentHashing.of(config)

    def hashed(n: int) -> dict[int, bytes]:
        return _keys(files, units[n], hashing, stop, earlier)

    try:
        for n, unit_keys in _hashed_ahead(hashed, range(len(units)), _UNITS_AHEAD):
            keys.update(unit_keys)
            if n < shared:
                yield from units[n]
                continue
            copies = copies_in(units[n], unit_keys)
            for copy, first in copies.items():
                copies_of.setdefault(first, []).append(copy)
            yield from (i for i in units[n] if i not in copies)
    finally:  # also when the scan stops early (Ctrl-C): the thread stops within a piece
        stop.set()


def known_contents(
    files: list[FileRef],
    candidates: list[int],
    inv: Inventory,
    fingerprint: str,
    hashing: ContentHashing,
) -> tuple[list[tuple[int, bytes, bytes]], dict[int, bytes]]:
    """Which of ``candidates`` (files to read of a size the cache holds) hold a content the
    inventory's per-file cache holds with ``fingerprint``: (file, content key, digest of the
    cached results) for each, in order; and the others' content keys, where they could be read
    whole. Hashed here, one after another, then the keys are looked up together: nothing else
    waits for them, and a thread ahead was slower (19,474 cached files: 4.1 s through a thread
    of its own, or more through several, against 1.8-2.0 s here; the interpreter's lock and
    switches). Files cached before keys were kept (schema 8) have none: they are found again
    by path only, until read once more."""
    keys = _keys(files, candidates, hashing)
    digests = inv.digests_of_contents(keys.values(), fingerprint)
    known = [(i, key, digests[key]) for i, key in keys.items() if key in digests]
    return known, {i: key for i, key in keys.items() if key not in digests}
