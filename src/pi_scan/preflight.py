"""Before anything is read: everything a scan will write (the output folder, the inventory, the
person-key secret) is proved writable, or the scan does not start (:class:`CannotRun`)."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
from pathlib import Path

from pi_scan.config import ScanConfig
from pi_scan.people import load_or_create_secret


class CannotRun(RuntimeError):
    """The scan cannot run (an output folder, the inventory or the secret's folder cannot be
    written): found before any file is read, and nothing is recorded. The message is plain
    words in Japanese and English."""


def _why(exc: OSError) -> tuple[str, str]:
    """Plain words for what went wrong, without errno numbers or a library's message."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "書き込む権限がありません", "no permission to write there"
    if exc.errno == errno.EROFS:
        return "読み取り専用の場所です", "it is on a read-only file system"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "空き容量がありません", "no space left (or over quota)"
    if isinstance(exc, NotADirectoryError | FileExistsError) or exc.errno in (
        errno.ENOTDIR,
        errno.EEXIST,
    ):
        return "フォルダではなくファイルです", "a file is in the way, not a folder"
    if exc.errno == errno.ENAMETOOLONG:
        return "パスが長すぎます", "the path is too long"
    return "書き込めません", "it cannot be written"


def _writable_folder(folder: Path, what_ja: str, what_en: str) -> None:
    """Create ``folder`` (owner-only) if missing and prove that a file can be made in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        # the folder as given (tempfile would make it absolute: a relative path may be
        # usable where its parents cannot be traversed)
        probe = folder / f".pi-scan-probe-{os.getpid()}-{secrets.token_hex(4)}"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError as exc:
        ja, en = _why(exc)
        raise CannotRun(
            f"{what_ja} {folder} に書き込めません: {ja} / "
            f"cannot write to the {what_en} {folder}: {en}"
        ) from exc


def preflight(config: ScanConfig, output_dir: Path) -> None:
    """Everything the scan will write, checked before any file of the share is read: the
    output folder, the inventory database (and its folder, for the WAL files) and the
    person-key secret (created now if missing). Raises :class:`CannotRun`."""
    _writable_folder(Path(output_dir), "出力先フォルダ", "output folder")
    db = config.resolved_db_path()
    _writable_folder(db.parent, "棚卸しデータベースのフォルダ", "inventory database's folder")
    try:
        with contextlib.suppress(FileExistsError):
            # a new database is readable by its owner only; SQLite gives its -wal and -shm
            # files the same permissions (an existing one keeps those its owner gave it)
            os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with os.fdopen(os.open(db, os.O_RDWR | getattr(os, "O_CLOEXEC", 0)), "rb"):
            pass
        conn = sqlite3.connect(db, timeout=30)
        try:
            conn.execute("BEGIN IMMEDIATE")  # takes the write lock: a read-only file fails
            conn.rollback()
        finally:
            conn.close()
    except OSError as exc:
        ja, en = _why(exc)
        raise CannotRun(
            f"棚卸しデータベース {db} に書き込めません: {ja} / "
            f"cannot write to the inventory database {db}: {en}"
        ) from exc
    except sqlite3.Error as exc:
        raise CannotRun(
            f"棚卸しデータベース {db} に書き込めません (読み取り専用か、SQLite の"
            f"データベースではありません) / cannot write to the inventory database {db} "
            "(read-only, locked, or not an SQLite database)"
        ) from exc
    secret = config.resolved_secret_path()
    if not secret.exists():
        _writable_folder(secret.parent, "個人キーの秘密鍵のフォルダ", "person-key secret's folder")
    try:
        load_or_create_secret(secret)
    except PermissionError as exc:
        raise CannotRun(
            f"個人キーの秘密鍵 {secret} を読めません: 読む権限がありません / "
            f"cannot read the person-key secret {secret}: no permission to read it"
        ) from exc
    except OSError as exc:
        ja, en = _why(exc)
        raise CannotRun(
            f"個人キーの秘密鍵 {secret} を読み書きできません: {ja} / "
            f"cannot read or create the person-key secret {secret}: {en}"
        ) from exc
