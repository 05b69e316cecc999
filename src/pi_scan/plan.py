"""The cache plan of a scan: which files to read again, which to take from the inventory's
per-file cache (same size, modified time and analysis fingerprint), why, which are gone, and
which of those to read may hold a content the cache holds under another path or time (same
size: ``contents.known_contents`` hashes them to know)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pi_scan.inventory import Inventory
from pi_scan.model import DatasetResult, FileRef, Status
from pi_scan.people import PersonRecordStore


@dataclass(slots=True)
class Plan:
    """Which files to read, which to take from the inventory, and why."""

    reuse: dict[int, list[DatasetResult]]
    read: list[int]
    reasons: Counter[str]
    removed: list[tuple[str, str]]
    # files of ``read`` of a size some cached content has: {file: why it is read}
    same_size: dict[int, str]


# Why a file is read when the cache may hold its content under another path or time (with
# ``--full`` or other settings it is read whatever it holds).
_MAY_BE_KNOWN = frozenset({"new file", "file changed (size or modified time)"})


def make_plan(
    inv: Inventory,
    roots: Sequence[str],
    files: list[FileRef],
    fingerprint: str,
    full: bool,
    person_records: PersonRecordStore | None = None,
    *,
    by_content: bool,
) -> Plan:
    """What to read and what to reuse; a reused file's person records go to ``person_records``
    as it is read from the cache (the plan then holds none: a re-scan's parent stays small).
    ``by_content``: whether a file may take another's cached content (pi-scan's own analysis)."""
    cached = inv.cached_files()
    plan = Plan(reuse={}, read=[], reasons=Counter(), removed=[], same_size={})
    content_sizes: set[int] | None = None  # looked up once a file is new or changed
    seen = set()
    reusable: list[tuple[int, bytes]] = []  # (file, the digest of its cached results)
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
            reusable.append((i, entry.results))
            continue
        plan.reasons[reason] += 1
        plan.read.append(i)
        if by_content and reason in _MAY_BE_KNOWN:
            if content_sizes is None:
                content_sizes = inv.content_sizes(fingerprint)
            if ref.size_bytes in content_sizes:
                plan.same_size[i] = reason
    for i, results in inv.results_by_digest(reusable):
        if results is None:
            plan.reasons["cached result unreadable"] += 1
            plan.read.append(i)
            continue
        plan.reuse[i] = results if person_records is None else person_records.spill(i, results)
    plan.read.sort()
    # Files of these roots that are gone; other roots' entries stay for their own scans.
    scanned_roots = set(roots) | {f.root for f in files}
    plan.removed = [k for k in cached if k not in seen and k[0] in scanned_roots]
    return plan


def bytes_read(ref: FileRef) -> int:
    """What reading the file costs: nothing for a file discovery already decided about."""
    return ref.size_bytes if ref.status is Status.OK else 0
