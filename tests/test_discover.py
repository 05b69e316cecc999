from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pi_scan.config import Limits, ScanConfig
from pi_scan.discover import discover, glob_to_regex
from pi_scan.extract import extract_file
from pi_scan.model import Status, file_extension


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _by_path(found):
    return {f.rel_path: f for f in found.files}


def test_walks_recursively_with_metadata(tmp_path: Path) -> None:
    _touch(tmp_path / "教務" / "名簿.csv", b"a,b\n1,2\n")
    f = _touch(tmp_path / "総務課" / "deep" / "er" / "list.txt", b"hello")
    os.chmod(f, 0o600)
    found = _by_path(discover([tmp_path], ScanConfig()))
    assert set(found) == {"教務/名簿.csv", "総務課/deep/er/list.txt"}
    roster = found["教務/名簿.csv"]
    assert roster.size_bytes == 8
    assert roster.modified.endswith("Z") and roster.modified[:2] == "20"
    assert roster.owner
    assert found["総務課/deep/er/list.txt"].world_readable is False
    os.chmod(tmp_path / "教務" / "名簿.csv", 0o644)
    assert _by_path(discover([tmp_path], ScanConfig()))["教務/名簿.csv"].world_readable is True


def test_images_are_listed_for_ocr_other_binaries_counted_by_extension(tmp_path: Path) -> None:
    _touch(tmp_path / "a.png")
    _touch(tmp_path / "b.PNG")
    _touch(tmp_path / "setup.exe")
    _touch(tmp_path / "data.csv")
    found = discover([tmp_path], ScanConfig())
    assert [f.rel_path for f in found.files] == ["a.png", "b.PNG", "data.csv"]
    assert found.not_inspected_by_extension == {".exe": 1}
    off = discover([tmp_path], ScanConfig(ocr=False))  # --no-ocr
    skipped = {f.rel_path: (f.status, f.reason) for f in off.files if f.rel_path != "data.csv"}
    reason = "image not read: OCR is off (--no-ocr or [scan] ocr = false)"
    assert skipped == {"a.png": (Status.SKIPPED, reason), "b.PNG": (Status.SKIPPED, reason)}


def test_file_extension() -> None:
    assert file_extension("教務/名簿.XLSX") == ".xlsx"
    assert file_extension("a.b/README") == ""
    assert file_extension("x/.DS_Store") == ".ds_store"
    assert file_extension("名簿.csv.gz") == ".gz"


def test_hidden_files_policy(tmp_path: Path) -> None:
    _touch(tmp_path / ".secret.csv")
    _touch(tmp_path / ".git" / "config")
    _touch(tmp_path / "visible.csv")
    skipped = {f.rel_path: (f.status, f.reason) for f in discover([tmp_path], ScanConfig()).files}
    # listed, not read (tests/test_cli_skipped.py)
    assert skipped == {
        ".secret.csv": (Status.SKIPPED, "hidden file: use --include-hidden"),
        ".git/": (Status.SKIPPED, "hidden folder: use --include-hidden"),
        "visible.csv": (Status.OK, ""),
    }
    found = discover([tmp_path], ScanConfig(include_hidden=True))
    assert {f.rel_path for f in found.files} == {".secret.csv", ".git/config", "visible.csv"}


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    for p in ["教務/a.csv", "教務/b.xlsx", "tmp/c.csv", "x/tmp/d.csv", "e.log"]:
        _touch(tmp_path / p)
    # Like .gitignore: a pattern without an inner "/" matches at any depth.
    cfg = ScanConfig(exclude=("tmp/", "*.log"))
    assert {f.rel_path for f in discover([tmp_path], cfg).files} == {"教務/a.csv", "教務/b.xlsx"}
    cfg = ScanConfig(exclude=("/tmp/",))
    assert {f.rel_path for f in discover([tmp_path], cfg).files} == {
        "教務/a.csv",
        "教務/b.xlsx",
        "x/tmp/d.csv",
        "e.log",
    }
    cfg = ScanConfig(exclude=("**/tmp/**",))
    assert {f.rel_path for f in discover([tmp_path], cfg).files} == {
        "教務/a.csv",
        "教務/b.xlsx",
        "e.log",
    }
    cfg = ScanConfig(include=("教務/*.csv",))
    assert [f.rel_path for f in discover([tmp_path], cfg).files] == ["教務/a.csv"]


def test_glob_semantics() -> None:
    assert glob_to_regex("総務課/市販名簿/**").match("総務課/市販名簿/電話帳.xlsx")
    assert glob_to_regex("総務課/市販名簿/**").match("総務課/市販名簿/sub/x.csv")
    assert not glob_to_regex("総務課/市販名簿/**").match("教務/市販名簿/x.csv")
    assert glob_to_regex("*.csv").match("a/b/c.csv")
    assert not glob_to_regex("a/*.csv").match("a/b/c.csv")


def test_size_limit_is_reported_not_read(tmp_path: Path) -> None:
    _touch(tmp_path / "big.csv", b"x" * 2000)
    cfg = ScanConfig(limits=Limits(max_file_bytes=1000))
    (ref,) = discover([tmp_path], cfg).files
    assert ref.status is Status.SKIPPED
    assert "size limit" in ref.reason
    assert ref.size_bytes == 2000


def test_symlink_loop_is_detected(tmp_path: Path) -> None:
    _touch(tmp_path / "a" / "x.csv")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    found = _by_path(discover([tmp_path], ScanConfig()))
    assert found["a/loop"].status is Status.SKIPPED
    assert found["a/loop"].reason == "symbolic link not followed"
    found = _by_path(discover([tmp_path], ScanConfig(follow_symlinks=True)))
    assert "a/x.csv" in found
    assert found["a/loop/"].reason == "symbolic link loop"


def test_symlink_out_of_roots_is_not_followed(tmp_path: Path) -> None:
    outside = _touch(tmp_path / "outside" / "secret.csv")
    root = tmp_path / "share"
    root.mkdir()
    os.symlink(outside, root / "link.csv")
    (ref,) = discover([root], ScanConfig(follow_symlinks=True)).files
    assert ref.rel_path == "link.csv"
    assert ref.reason == "symlink outside the scanned roots"


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    (ref,) = discover([tmp_path], ScanConfig()).files
    assert ref.status is Status.SKIPPED
    assert ref.reason == "not a regular file (fifo)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything; see test below")
def test_permission_denied_folder(tmp_path: Path) -> None:  # pragma: no cover - non-root only
    locked = tmp_path / "locked"
    _touch(locked / "x.csv")
    os.chmod(locked, 0)
    try:
        found = _by_path(discover([tmp_path], ScanConfig()))
    finally:
        os.chmod(locked, stat.S_IRWXU)
    assert found["locked/"].reason == "permission denied (folder)"


def _discover_as_nobody(root: Path) -> dict[str, list[str]]:
    """Fork, drop to uid/gid 65534 in the child (modules already imported: the interpreter's
    files under /root need not be readable), and return what discovery saw."""
    import json

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(read_fd)
            os.setgid(65534)
            os.setuid(65534)
            d = discover([root], ScanConfig())
            data = json.dumps({f.rel_path: [f.status.value, f.reason] for f in d.files})
            os.write(write_fd, data.encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks).decode())


def test_permission_denied_folder_as_unprivileged_user() -> None:
    """Even under root (CI), the denial is real: discovery runs as 'nobody'."""
    if os.geteuid() != 0:
        pytest.skip("covered by test_permission_denied_folder")
    import shutil
    import tempfile

    # pytest's tmp_path lives under a root-only folder that "nobody" cannot traverse.
    base = Path(tempfile.mkdtemp(prefix="pi-scan-perm-"))
    try:
        share = base / "share"
        _touch(share / "open" / "a.csv")
        _touch(share / "locked" / "b.csv")
        for d in (base, share, share / "open"):
            os.chmod(d, 0o755)
        os.chmod(share / "open" / "a.csv", 0o644)
        os.chmod(share / "locked", 0o700)
        result = _discover_as_nobody(share)
    finally:
        shutil.rmtree(base)
    assert result["open/a.csv"] == ["ok", ""]
    assert result["locked/"] == ["error", "permission denied (folder)"]


def test_missing_root_is_an_error_row(tmp_path: Path) -> None:
    (ref,) = discover([tmp_path / "nope"], ScanConfig()).files
    assert ref.status is Status.ERROR
    assert "root not readable" in ref.reason


def test_cp932_names_are_shown_decoded_and_opened_by_their_bytes(tmp_path: Path) -> None:
    """A CIFS mount without iocharset shows Windows names as CP932 bytes: shown decoded (as zip
    member names are), opened by the raw bytes; a name that is not CP932 stays escaped."""
    folder = os.fsencode(tmp_path) + b"/" + "教務".encode("cp932")
    os.mkdir(folder)
    roster = "氏名,電話\n山田 太郎,090-1111-2222\n鈴木 花子,080-3333-4444\n".encode("cp932")
    with open(folder + b"/" + "名簿.csv".encode("cp932"), "wb") as fh:
        fh.write(roster)
    with open(os.fsencode(tmp_path) + b"/\xff\xfe_x.csv", "wb") as fh:
        fh.write(roster)
    found = _by_path(discover([tmp_path], ScanConfig()))
    assert set(found) == {"教務/名簿.csv", os.fsdecode(b"\xff\xfe_x.csv")}
    ref = found["教務/名簿.csv"]
    assert os.fsencode(ref.abs_path).endswith("教務/名簿.csv".encode("cp932"))
    (dataset,) = extract_file(ref, ScanConfig())
    assert dataset.status is Status.OK and dataset.table is not None
    assert len(dataset.table) == 2
    excluded = discover([tmp_path], ScanConfig(exclude=("教務/",)))
    assert "教務/名簿.csv" not in _by_path(excluded)
