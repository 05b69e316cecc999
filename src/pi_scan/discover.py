"""Walk the roots and turn every file into a FileRef, errors included.

Nothing is opened here: discovery uses ``lstat``/``scandir`` only, so FIFOs, sockets and devices
are recognised before anything could block on them, and symbolic links are never followed out of
the roots. Anything that cannot be scanned still becomes a FileRef with a reason, so the inventory
is complete.
"""

from __future__ import annotations

import os
import pwd
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from pi_scan.config import ScanConfig
from pi_scan.model import FileRef, Status

# Types that cannot hold readable text: counted by extension in the summary, not listed.
NOT_INSPECTED_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".bmp",
        ".tif",
        ".tiff",
        ".webp",
        ".heic",
        ".ico",
        ".svg",
        ".psd",
        ".ai",
        ".eps",
        ".raw",
        ".cr2",
        ".nef",
        ".mp3",
        ".wav",
        ".wma",
        ".aac",
        ".m4a",
        ".flac",
        ".ogg",
        ".mid",
        ".midi",
        ".mp4",
        ".mov",
        ".avi",
        ".wmv",
        ".mkv",
        ".m4v",
        ".mpg",
        ".mpeg",
        ".flv",
        ".webm",
        ".3gp",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".sys",
        ".msi",
        ".bin",
        ".iso",
        ".img",
        ".dmg",
        ".class",
        ".jar",
        ".pyc",
        ".o",
        ".a",
        ".lib",
        ".obj",
        ".ttf",
        ".otf",
        ".woff",
        ".woff2",
        ".fon",
        ".lnk",
        ".url",
        ".tmp",
        ".db",
        ".thumbs",
        ".ds_store",
    }
)


@dataclass(slots=True)
class Discovery:
    """What a walk found: files to extract (or to list with a reason) and what was counted."""

    files: list[FileRef] = field(default_factory=list)
    not_inspected_by_extension: Counter[str] = field(default_factory=Counter)
    hidden_skipped: int = 0
    excluded: int = 0


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate a path glob (``**`` = any folders, ``*`` = within one name) to a regex.

    A pattern without an inner ``/`` matches a name at any depth (as in .gitignore): ``*.tmp``,
    ``tmp/``; a leading ``/`` anchors it at the root: ``/tmp/``.
    """
    raw = pattern.strip().replace("\\", "/")
    pat = raw.lstrip("/")
    anchored = raw.startswith("/") or "/" in pat.rstrip("/")
    if pat.endswith("/"):
        pat += "**"
    out: list[str] = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    return re.compile(body + r"\Z" if anchored else r"(?:.*/)?" + body + r"\Z")


class PathMatcher:
    def __init__(self, patterns: tuple[str, ...]) -> None:
        self._regexes = [glob_to_regex(p) for p in patterns if p.strip()]

    def __bool__(self) -> bool:
        return bool(self._regexes)

    def matches(self, rel_path: str) -> bool:
        return any(r.match(rel_path) for r in self._regexes)


@lru_cache(maxsize=4096)
def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def file_ref(root: str, rel_path: str, abs_path: str, st: os.stat_result, **extra) -> FileRef:
    return FileRef(
        root=root,
        rel_path=rel_path,
        abs_path=abs_path,
        size_bytes=st.st_size,
        modified=_iso(st.st_mtime),
        owner=_owner(st.st_uid),
        mode=stat.S_IMODE(st.st_mode),
        world_readable=bool(st.st_mode & stat.S_IROTH),
        mtime_ns=st.st_mtime_ns,
        **extra,
    )


def _problem(root: str, rel_path: str, abs_path: str, status: Status, reason: str) -> FileRef:
    return FileRef(
        root=root,
        rel_path=rel_path,
        abs_path=abs_path,
        size_bytes=0,
        modified="",
        owner="",
        mode=0,
        world_readable=False,
        status=status,
        reason=reason,
    )


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def _special_kind(mode: int) -> str:
    for test, name in _SPECIAL_KINDS:
        if test(mode):
            return name
    return "special file"


class _Walker:
    def __init__(self, roots: list[Path], config: ScanConfig) -> None:
        self.config = config
        self.roots = [str(r) for r in roots]
        self.include = PathMatcher(config.include)
        self.exclude = PathMatcher(config.exclude)
        self.result = Discovery()

    def _inside_roots(self, real: str) -> bool:
        return any(real == r or real.startswith(r.rstrip("/") + "/") for r in self.roots)

    def walk_root(self, root: Path) -> None:
        root_s = str(root)
        try:
            st = os.stat(root_s)
        except OSError as exc:
            self.result.files.append(
                _problem(
                    root_s, "", root_s, Status.ERROR, f"root not readable ({_errno_words(exc)})"
                )
            )
            return
        if stat.S_ISREG(st.st_mode):  # a single file given as root
            parent = str(Path(root_s).parent)
            self._add_file(parent, Path(root_s).name, root_s, os.lstat(root_s))
            return
        self._walk_dir(root_s, "", root_s, visited={(st.st_dev, st.st_ino)})

    def _walk_dir(
        self, root: str, rel_dir: str, abs_dir: str, visited: set[tuple[int, int]]
    ) -> None:
        try:
            with os.scandir(abs_dir) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            self.result.files.append(
                _problem(root, rel_dir + "/", abs_dir, Status.ERROR, "permission denied (folder)")
            )
            return
        except OSError as exc:
            self.result.files.append(
                _problem(
                    root,
                    rel_dir + "/",
                    abs_dir,
                    Status.ERROR,
                    f"folder not readable ({_errno_words(exc)})",
                )
            )
            return
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.name.startswith(".") and not self.config.include_hidden:
                self.result.hidden_skipped += 1
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                self.result.files.append(
                    _problem(
                        root, rel, entry.path, Status.ERROR, f"cannot stat ({_errno_words(exc)})"
                    )
                )
                continue
            if stat.S_ISLNK(st.st_mode):
                self._symlink(root, rel, entry.path, visited)
            elif stat.S_ISDIR(st.st_mode):
                if self.exclude and self.exclude.matches(rel + "/"):
                    self.result.excluded += 1
                    continue
                key = (st.st_dev, st.st_ino)
                if key in visited:
                    continue
                self._walk_dir(root, rel, entry.path, visited | {key})
            else:
                self._add_file(root, rel, entry.path, st)

    def _symlink(self, root: str, rel: str, path: str, visited: set[tuple[int, int]]) -> None:
        if not self.config.follow_symlinks:
            self.result.files.append(
                _problem(root, rel, path, Status.SKIPPED, "symbolic link not followed")
            )
            return
        real = os.path.realpath(path)
        if not self._inside_roots(real):
            self.result.files.append(
                _problem(root, rel, path, Status.SKIPPED, "symlink outside the scanned roots")
            )
            return
        try:
            st = os.stat(path)
        except OSError:
            self.result.files.append(
                _problem(root, rel, path, Status.ERROR, "broken symbolic link")
            )
            return
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in visited:
                self.result.files.append(
                    _problem(root, rel + "/", path, Status.SKIPPED, "symbolic link loop")
                )
                return
            self._walk_dir(root, rel, path, visited | {key})
        else:
            self._add_file(root, rel, path, st)

    def _add_file(self, root: str, rel: str, path: str, st: os.stat_result) -> None:
        if self.include and not self.include.matches(rel):
            self.result.excluded += 1
            return
        if self.exclude and self.exclude.matches(rel):
            self.result.excluded += 1
            return
        if not stat.S_ISREG(st.st_mode):
            kind = _special_kind(st.st_mode)
            self.result.files.append(
                _problem(root, rel, path, Status.SKIPPED, f"not a regular file ({kind})")
            )
            return
        name = rel.rsplit("/", 1)[-1]
        ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
        if ext in NOT_INSPECTED_EXTENSIONS:
            self.result.not_inspected_by_extension[ext] += 1
            return
        if name.startswith("~$"):  # Office owner/lock file: a few bytes of user name, no data
            self.result.not_inspected_by_extension["~$ (Office lock file)"] += 1
            return
        limit = self.config.limits.max_file_bytes
        if st.st_size > limit:
            ref = file_ref(
                root,
                rel,
                path,
                st,
                status=Status.SKIPPED,
                reason=f"larger than the size limit ({st.st_size:,} > {limit:,} bytes)",
            )
        elif not os.access(path, os.R_OK):
            ref = file_ref(root, rel, path, st, status=Status.ERROR, reason="permission denied")
        else:
            ref = file_ref(root, rel, path, st)
        self.result.files.append(ref)


def _errno_words(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else type(exc).__name__


def discover(roots: list[Path], config: ScanConfig) -> Discovery:
    """Walk every root (sorted, deterministic) and return every file found."""
    walker = _Walker([Path(os.path.abspath(r)) for r in roots], config)
    for root in walker.roots:
        walker.walk_root(Path(root))
    return walker.result
