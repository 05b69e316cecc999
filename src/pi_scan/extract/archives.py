"""Zip archives, read in memory within limits, members dispatched back through the registry.

Nothing is ever extracted to disk: a member name is only a label (``../evil.csv`` is reported as
written), so path traversal cannot happen. Zip bombs are reported, not expanded: declared sizes
and ratios are checked first, and members are then read in chunks counting the bytes actually
produced, because the sizes in a zip header are whatever its author wrote there.
"""

from __future__ import annotations

import gzip
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from functools import partial
from typing import Protocol

from pi_scan.config import ScanConfig
from pi_scan.discover import NOT_INSPECTED_EXTENSIONS
from pi_scan.extract.packages import ratio_reason
from pi_scan.extract.source import Budget, Source, guarded
from pi_scan.model import Dataset, Status, file_extension

Dispatch = Callable[[Source, ScanConfig, Budget], list[Dataset]]
"""The registry's entry point, passed in so that this module does not import the registry."""

_FLAG_ENCRYPTED = 0x0001
_FLAG_UTF8 = 0x0800
_UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path: a UTF-8 copy of a legacy-encoded name
_CHUNK = 1024 * 1024
IGNORED_MEMBER_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
"""File-manager litter inside archives."""


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def extract_zip(
    source: Source, config: ScanConfig, budget: Budget, dispatch: Dispatch
) -> list[Dataset]:
    if source.depth >= config.limits.max_archive_depth:
        return [_too_deep(source, config)]
    # the registry's sniffing has already refused directories far over the member limit
    with source.open() as stream, zipfile.ZipFile(stream) as archive:
        return _read_members(source, archive, config, budget, dispatch)


def _read_members(
    source: Source, archive: zipfile.ZipFile, config: ScanConfig, budget: Budget, dispatch: Dispatch
) -> list[Dataset]:
    # not ZipInfo.is_dir(): it raises IndexError on an empty name
    files = [info for info in archive.infolist() if not info.filename.endswith("/")]
    wanted = [info for info in files if _inspected(member_name(info))]
    datasets: list[Dataset] = []
    for done, info in enumerate(wanted):
        if budget.members_left <= 0 or budget.expanded_left <= 0:
            datasets.append(_limit_reached(source, budget, len(wanted) - done))
            break
        budget.members_left -= 1
        child = source.child(member_name(info), b"")
        read = partial(_member, child, archive, info, config, budget, dispatch)
        datasets.extend(guarded(child, "corrupt zip member", read))
    if datasets:
        return datasets
    if len(files) > len(wanted):
        skipped = len(files) - len(wanted)
        reason = f"no readable members: {skipped:,} of types that are not inspected"
        return [source.failure(Status.SKIPPED, reason)]
    return [source.text("")]  # an empty archive, like an empty file


def _inspected(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    if name.startswith("__MACOSX/") or base.lower() in IGNORED_MEMBER_NAMES:
        return False
    return file_extension(name) not in NOT_INSPECTED_EXTENSIONS


def _limit_reached(source: Source, budget: Budget, unread: int) -> Dataset:
    what = "member count" if budget.members_left <= 0 else "expanded size"
    return source.failure(
        Status.SKIPPED, f"archive {what} limit reached: {unread:,} members not read"
    )


def _member(
    child: Source,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    config: ScanConfig,
    budget: Budget,
    dispatch: Dispatch,
) -> list[Dataset]:
    if info.flag_bits & _FLAG_ENCRYPTED:
        return [child.failure(Status.ENCRYPTED, "password-protected zip member")]
    reason = declared_problem(info, config, budget)
    if reason:
        return [child.failure(Status.SKIPPED, reason)]
    data, reason = read_member(archive, info, config, budget)
    if data is None:
        return [child.failure(Status.SKIPPED, reason)]
    return dispatch(Source(child.ref, child.member_path, data, child.depth), config, budget)


def declared_problem(info: zipfile.ZipInfo, config: ScanConfig, budget: Budget) -> str:
    """What the central directory's sizes already tell: too big, or a suspicious ratio."""
    limits = config.limits
    if info.file_size > limits.max_member_bytes:
        return f"member larger than the size limit ({info.file_size:,} bytes declared)"
    if info.file_size > budget.expanded_left:
        return "archive expanded size limit reached"
    return ratio_reason(info.file_size, info.compress_size, limits)


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, config: ScanConfig, budget: Budget
) -> tuple[bytes | None, str]:
    """The member's bytes, or None and why: reading stops as soon as a limit is crossed."""
    with archive.open(info) as stream:
        return _read_capped(stream, info.compress_size, config, budget)


def _read_capped(
    stream: _Readable, compressed: int, config: ScanConfig, budget: Budget
) -> tuple[bytes | None, str]:
    """Read in chunks, counting the bytes actually produced against the limits and the ratio."""
    limits = config.limits
    cap = min(limits.max_member_bytes, budget.expanded_left)
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > cap:
            return None, "zip bomb suspected: member expands beyond the size limits"
        reason = ratio_reason(total, compressed, limits)
        if reason:
            return None, reason
        chunks.append(chunk)
    budget.take_bytes(total)
    return b"".join(chunks), ""


def extract_gzip(
    source: Source, config: ScanConfig, budget: Budget, dispatch: Dispatch
) -> list[Dataset]:
    """A gzip file (``名簿.csv.gz``) is an archive of one member named after it."""
    if source.depth >= config.limits.max_archive_depth:
        return [_too_deep(source, config)]
    stem, _, ext = source.name.rpartition(".")
    inner = {"gz": stem, "gzip": stem, "tgz": f"{stem}.tar"}.get(ext.lower(), f"{source.name}.out")
    child = source.child(inner, b"")
    compressed = len(source.data) if source.data is not None else source.ref.size_bytes
    budget.members_left -= 1
    with source.open() as raw, gzip.GzipFile(fileobj=raw) as stream:
        data, reason = _read_capped(stream, compressed, config, budget)
    if data is None:
        return [child.failure(Status.SKIPPED, reason)]
    return dispatch(Source(child.ref, child.member_path, data, child.depth), config, budget)


def _too_deep(source: Source, config: ScanConfig) -> Dataset:
    depth = config.limits.max_archive_depth
    return source.failure(Status.SKIPPED, f"archive nested deeper than {depth} levels: not opened")


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author saw it (control characters included: the inventory
    escapes them once, like a file's name, with ``report.escape_path``).

    Without the UTF-8 flag (bit 11) Python decodes names as cp437; Japanese Windows wrote them
    in CP932, so the cp437 text is turned back into its bytes and decoded again (UTF-8 first:
    macOS and some tools write UTF-8 without setting the flag).
    """
    name = info.filename
    if not info.flag_bits & _FLAG_UTF8:
        name = _unicode_path_extra(info) or _legacy_name(info.orig_filename)
    return unicodedata.normalize("NFC", name)  # macOS writes decomposed kana (か + ゛)


def _legacy_name(decoded_as_cp437: str) -> str:
    try:
        raw = decoded_as_cp437.encode("cp437")
    except UnicodeEncodeError:
        return decoded_as_cp437
    for encoding in ("utf-8", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return decoded_as_cp437


def _unicode_path_extra(info: zipfile.ZipInfo) -> str:
    """The UTF-8 name in an Info-ZIP Unicode Path extra field (Info-ZIP writes one), or ""."""
    extra = info.extra
    pos = 0
    while pos + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        if kind == _UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return ""
        pos += 4 + size
    return ""
