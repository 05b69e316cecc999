"""Walk the roots and turn every file into a FileRef, errors included.

Nothing is opened here: discovery uses ``lstat``/``scandir`` only, so FIFOs, sockets and devices
are recognised before anything could block on them, and symbolic links are never followed out of
the roots. Anything that cannot be scanned still becomes a FileRef with a reason, so the inventory
is complete.
"""

from __future__ import annotations

import errno
import os
import pwd
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from pi_scan.config import ScanConfig
from pi_scan.model import FileRef, Status, file_extension

# Images that may be a scanned page or a photo of one: read by OCR (pi_scan.extract.ocr), or,
# with OCR off, listed as skipped. Other images are counted by extension like the types below.
OCR_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif"}
)
OCR_OFF_REASON = "image not read: OCR is off (--no-ocr or [scan] ocr = false)"

# Types that cannot hold readable text: on disk they are counted by extension in the summary,
# not listed; inside an archive they are not inspected (images there are not read by OCR).
NOT_INSPECTED_EXTENSIONS = frozenset(
    {
        # images, audio, video
        ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".webp",
        ".ico", ".svg", ".psd", ".ai", ".eps", ".raw", ".cr2", ".nef",
        ".mp3", ".wav", ".m4a", ".aac", ".wma", ".flac", ".ogg", ".mid", ".midi",
        ".mp4", ".mov", ".avi", ".wmv", ".mkv", ".mpg", ".mpeg", ".m4v", ".webm", ".flv", ".3gp",
        # programs, libraries, fonts, disk images
        ".exe", ".dll", ".so", ".dylib", ".msi", ".sys", ".bin", ".class", ".jar", ".pyc", ".o",
        ".a", ".lib", ".obj",
        ".ttf", ".otf", ".ttc", ".woff", ".woff2", ".fon",
        ".iso", ".dmg", ".img", ".vhd", ".vmdk",
        # shortcuts, temporary files, caches, file-manager litter
        ".lnk", ".url", ".tmp", ".db", ".thumbs", ".ds_store",
    }
)  # fmt: skip


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


_RAW_BYTE = re.compile("[\udc80-\udcff]")  # a byte os.fsdecode could not decode


def display_name(rel_path: str) -> str:
    """A path as people named it: a folder or file name stored as CP932 bytes (written by
    Windows on a CIFS mount without ``iocharset``, or copied from one) decoded as CP932 when
    it is valid CP932, as zip member names are; otherwise left as it is (its undecodable bytes
    are escaped ``\\xNN`` in the outputs). Only for showing and matching: files are opened by
    ``FileRef.abs_path``, which keeps the raw bytes."""
    if not _RAW_BYTE.search(rel_path):
        return rel_path
    return "/".join(_cp932_part(part) for part in rel_path.split("/"))


def _cp932_part(name: str) -> str:
    if not _RAW_BYTE.search(name):
        return name
    try:
        decoded = os.fsencode(name).decode("cp932")
    except UnicodeError:
        return name
    if any(ord(c) < 0x20 or 0xE000 <= ord(c) <= 0xF8FF for c in decoded):
        return name  # control or private-use characters: not a name written in CP932
    return decoded


def file_ref(root: str, rel_path: str, abs_path: str, st: os.stat_result, **extra) -> FileRef:
    return FileRef(
        root=root,
        rel_path=display_name(rel_path),
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
        rel_path=display_name(rel_path),
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


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_SUBFOLDER = os.O_RDONLY | _DIRECTORY | getattr(os, "O_NOFOLLOW", 0) | _CLOEXEC


@dataclass(slots=True)
class _Folder:
    """A folder being walked: its open descriptor, its entries, the folders above it."""

    fd: int
    rel: str
    path: str
    entries: Iterator[os.DirEntry[str]]
    above: frozenset[tuple[int, int]]  # (device, inode) of this folder and its ancestors
    depth: int


class _Walker:
    """Walks by folder descriptors, without recursion: a path longer than PATH_MAX, a folder
    nested thousands deep, or a folder swapped for a symbolic link during the walk cannot make
    it fail, overflow the stack or leave the roots."""

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
        if not stat.S_ISDIR(st.st_mode):  # a single file given as root
            parent = str(Path(root_s).parent)
            self._add_file(parent, Path(root_s).name, root_s, os.lstat(root_s))
            return
        folder = self._open_folder(root_s, "", root_s, None, frozenset(), 0)
        if folder is not None:
            self._walk(root_s, folder)

    def _open_folder(
        self,
        root: str,
        rel: str,
        path: str,
        parent_fd: int | None,
        above: frozenset[tuple[int, int]],
        depth: int,
    ) -> _Folder | None:
        """Open and list one folder (by name under ``parent_fd``, never following a link), or
        add a row saying why not."""
        try:
            if parent_fd is None:
                fd = os.open(path, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
            else:
                fd = os.open(rel.rsplit("/", 1)[-1], _SUBFOLDER, dir_fd=parent_fd)
        except OSError as exc:
            self.result.files.append(_problem(root, rel + "/", path, *_folder_error(exc)))
            return None
        try:
            st = os.fstat(fd)
            with os.scandir(fd) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            os.close(fd)
            self.result.files.append(_problem(root, rel + "/", path, *_folder_error(exc)))
            return None
        key = (st.st_dev, st.st_ino)
        return _Folder(fd, rel, path, iter(entries), above | {key}, depth)

    def _walk(self, root: str, top: _Folder) -> None:
        stack = [top]
        try:
            while stack:
                folder = stack[-1]
                entry = next(folder.entries, None)
                if entry is None:
                    os.close(folder.fd)
                    stack.pop()
                    continue
                inner = self._entry(root, folder, entry)
                if inner is not None:
                    stack.append(inner)
        finally:
            for folder in stack:
                os.close(folder.fd)

    def _entry(self, root: str, folder: _Folder, entry: os.DirEntry[str]) -> _Folder | None:
        name = entry.name
        rel = f"{folder.rel}/{name}" if folder.rel else name
        path = f"{folder.path.rstrip('/')}/{name}"
        if name.startswith(".") and not self.config.include_hidden:
            self._hidden(root, rel, path, entry)
            return None
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            self.result.files.append(
                _problem(root, rel, path, Status.ERROR, f"cannot stat ({_errno_words(exc)})")
            )
            return None
        if stat.S_ISLNK(st.st_mode):
            return self._symlink(root, rel, path, folder)
        if not stat.S_ISDIR(st.st_mode):
            self._add_file(root, rel, path, st, folder.fd)
            return None
        if self.exclude and self.exclude.matches(display_name(rel) + "/"):
            self.result.excluded += 1
            return None
        if (st.st_dev, st.st_ino) in folder.above:  # a bind mount of an ancestor
            return None
        if folder.depth + 1 > self.config.limits.max_folder_depth:
            limit = self.config.limits.max_folder_depth
            reason = f"folder nested deeper than {limit:,} levels: not scanned"
            self.result.files.append(_problem(root, rel + "/", path, Status.SKIPPED, reason))
            return None
        return self._open_folder(root, rel, path, folder.fd, folder.above, folder.depth + 1)

    def _hidden(self, root: str, rel: str, path: str, entry: os.DirEntry[str]) -> None:
        """A hidden file or folder is not read, but listed (a hidden CSV is a classic place for
        a roster) unless a pattern excludes it or its type is never read anyway."""
        try:
            st: os.stat_result | None = entry.stat(follow_symlinks=False)
        except OSError:
            st = None
        folder = st is not None and stat.S_ISDIR(st.st_mode)
        if self._excluded(rel, folder):
            self.result.excluded += 1
            return
        ext = "" if folder else file_extension(rel)
        if ext in NOT_INSPECTED_EXTENSIONS:  # .DS_Store, ._x.jpg
            self.result.not_inspected_by_extension[ext] += 1
            return
        self.result.hidden_skipped += 1
        if folder:
            reason = "hidden folder: use --include-hidden"
            self.result.files.append(_problem(root, rel + "/", path, Status.SKIPPED, reason))
        elif st is None:
            reason = "hidden file: use --include-hidden"
            self.result.files.append(_problem(root, rel, path, Status.SKIPPED, reason))
        else:
            reason = "hidden file: use --include-hidden"
            self.result.files.append(
                file_ref(root, rel, path, st, status=Status.SKIPPED, reason=reason)
            )

    def _excluded(self, rel: str, folder: bool) -> bool:
        rel = display_name(rel)  # patterns name files as people see them
        if folder:
            return bool(self.exclude) and self.exclude.matches(rel + "/")
        if self.include and not self.include.matches(rel):
            return True
        return bool(self.exclude) and self.exclude.matches(rel)

    def _symlink(self, root: str, rel: str, path: str, folder: _Folder) -> _Folder | None:
        if not self.config.follow_symlinks:
            self.result.files.append(
                _problem(root, rel, path, Status.SKIPPED, "symbolic link not followed")
            )
            return None
        try:
            real = os.path.realpath(path)
            inside = self._inside_roots(real)
            st = os.stat(real) if inside else None
        except OSError:
            inside, st = True, None
        if not inside:
            self.result.files.append(
                _problem(root, rel, path, Status.SKIPPED, "symlink outside the scanned roots")
            )
            return None
        if st is None:
            self.result.files.append(
                _problem(root, rel, path, Status.ERROR, "broken symbolic link")
            )
            return None
        if not stat.S_ISDIR(st.st_mode):
            self._add_file(root, rel, path, st)
            return None
        if (st.st_dev, st.st_ino) in folder.above:
            self.result.files.append(
                _problem(root, rel + "/", path, Status.SKIPPED, "symbolic link loop")
            )
            return None
        if folder.depth + 1 > self.config.limits.max_folder_depth:
            return None
        inner = self._open_folder(root, rel, real, None, folder.above, folder.depth + 1)
        if inner is not None:
            inner.path = path
        return inner

    def _add_file(
        self, root: str, rel: str, path: str, st: os.stat_result, folder_fd: int | None = None
    ) -> None:
        if self._excluded(rel, folder=False):
            self.result.excluded += 1
            return
        if not stat.S_ISREG(st.st_mode):
            kind = _special_kind(st.st_mode)
            self.result.files.append(
                _problem(root, rel, path, Status.SKIPPED, f"not a regular file ({kind})")
            )
            return
        name = rel.rsplit("/", 1)[-1]
        ext = file_extension(name)
        not_read = _NOT_READ_BY_NAME.get(name.lower()) or (
            "Office lock file" if name.startswith("~$") else None
        )  # an Office owner/lock file holds a few bytes of user name, no data
        if not_read is None and ext in OCR_EXTENSIONS:
            not_read = None if self.config.ocr else OCR_OFF_REASON
        elif not_read is None and ext in NOT_INSPECTED_EXTENSIONS:
            self.result.not_inspected_by_extension[ext] += 1
            return
        limit = self.config.limits.max_file_bytes
        if not_read is not None:
            ref = file_ref(root, rel, path, st, status=Status.SKIPPED, reason=not_read)
        elif st.st_size > limit:
            ref = file_ref(
                root,
                rel,
                path,
                st,
                status=Status.SKIPPED,
                reason=f"larger than the size limit ({st.st_size:,} > {limit:,} bytes)",
            )
        elif not _readable(name if folder_fd is not None else path, folder_fd):
            ref = file_ref(root, rel, path, st, status=Status.ERROR, reason="permission denied")
        else:
            ref = file_ref(root, rel, path, st)
        self.result.files.append(ref)


# Files never read whatever their extension, listed as skipped with the reason.
_NOT_READ_BY_NAME = {
    "thumbs.db": "Windows thumbnail cache (Thumbs.db)",
    "ehthumbs.db": "Windows thumbnail cache (ehthumbs.db)",
}


def _readable(path: str, folder_fd: int | None) -> bool:
    try:
        return os.access(path, os.R_OK, dir_fd=folder_fd)
    except OSError:  # e.g. the name is too long for a path: let the reader say
        return True


def _folder_error(exc: OSError) -> tuple[Status, str]:
    if isinstance(exc, PermissionError):
        return Status.ERROR, "permission denied (folder)"
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        return Status.SKIPPED, "folder changed to a symbolic link during the scan: not followed"
    return Status.ERROR, f"folder not readable ({_errno_words(exc)})"


def _errno_words(exc: OSError) -> str:
    return os.strerror(exc.errno) if exc.errno else type(exc).__name__


def discover(roots: list[Path], config: ScanConfig) -> Discovery:
    """Walk every root (sorted, deterministic) and return every file found."""
    walker = _Walker([Path(os.path.abspath(r)) for r in roots], config)
    for root in walker.roots:
        walker.walk_root(Path(root))
    return walker.result
