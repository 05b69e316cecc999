"""Identical content is analysed once (issue 17 item 2): each copy keeps its own row, path,
owner and flags, and counts the same people."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path
from pickle import dumps

import pytest

from pi_scan import contents, pipeline
from pi_scan.config import ScanConfig
from pi_scan.inventory import _MIGRATIONS, SCHEMA_VERSION, Inventory
from pi_scan.model import FileRef, Status
from pi_scan.pipeline import run_scan
from test_pipeline import make_share

ROSTER = "教務/名簿.xlsx"
CSV = "Users/t/Downloads/名簿コピー0.csv"


def _copied_share(root: Path) -> Path:
    share = make_share(root)
    for folder in ("バックアップ/2023年度", "Users/s/Downloads", "保護者連絡先"):
        (share / folder).mkdir(parents=True)
        shutil.copy2(share / ROSTER, share / folder / "名簿 (2).xlsx")
    shutil.copy2(share / CSV, share / "Users/t/Downloads/名簿コピー0.txt")  # another parser
    shutil.copy2(share / CSV, share / "Users/t/Downloads/名簿_old.csv")
    data = gzip.compress((share / CSV).read_bytes(), mtime=0)
    (share / "一覧.csv.gz").write_bytes(data)  # its member is named after it
    (share / "別名.txt.gz").write_bytes(data)
    return share


def _config(tmp_path: Path, **kw) -> ScanConfig:
    kw.setdefault("secret_path", tmp_path / "secret.key")
    return ScanConfig(db_path=tmp_path / "inv.sqlite", **kw)


def _outputs(outcome) -> tuple:
    summary = replace(outcome.summary, started="", finished="", scan_id=0, history=None)
    return outcome.rows, summary


def test_copies_are_analysed_once_and_give_what_reading_them_gives(
    tmp_path: Path, analysed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    share = _copied_share(tmp_path / "share")
    secret = tmp_path / "secret.key"
    once = run_scan(
        [share], _config(tmp_path / "a", in_process=True, secret_path=secret), tmp_path / "out_a"
    )
    analysed_once = list(analysed)
    analysed.clear()
    monkeypatch.setattr(contents, "copies_in", lambda *args: {})
    each = run_scan(
        [share], _config(tmp_path / "b", in_process=True, secret_path=secret), tmp_path / "out_b"
    )
    assert _outputs(once) == _outputs(each)
    for name in ("inventory.csv", "findings.csv"):
        assert (tmp_path / "out_a" / name).read_bytes() == (tmp_path / "out_b" / name).read_bytes()
    # of the roster and its two plain copies, and of the CSV and its copy, one each is read;
    # the roster's copy in a guardians' folder, the .txt and each .gz (named after its file)
    # are read on their own
    assert len(analysed_once) == len(analysed) - 3
    plain = {ROSTER, "バックアップ/2023年度/名簿 (2).xlsx", "Users/s/Downloads/名簿 (2).xlsx"}
    assert len(plain & set(analysed_once)) == 1
    assert len({CSV, "Users/t/Downloads/名簿_old.csv"} & set(analysed_once)) == 1
    assert {
        "保護者連絡先/名簿 (2).xlsx",
        "一覧.csv.gz",
        "別名.txt.gz",
        "Users/t/Downloads/名簿コピー0.txt",
    } <= set(analysed_once)
    by_path = {r.path: r for r in once.rows}
    copy = by_path["Users/s/Downloads/名簿 (2).xlsx"]
    assert copy.is_pi_database is by_path[ROSTER].is_pi_database is True
    assert "risky_location" in copy.flags and "risky_location" not in by_path[ROSTER].flags
    # copies never inflate the count
    assert once.summary.people == each.summary.people


def test_copies_in_worker_processes_and_on_rescan(tmp_path: Path) -> None:
    share = _copied_share(tmp_path / "share")
    cfg = _config(tmp_path, workers=2)
    first = run_scan([share], cfg, tmp_path / "out")
    alone = run_scan(
        [share],
        _config(tmp_path / "seq", in_process=True, secret_path=tmp_path / "secret.key"),
        tmp_path / "o2",
    )
    assert first.rows == alone.rows
    assert first.summary.incremental is not None
    assert first.summary.incremental.files_read == len({r.path for r in first.rows})
    again = run_scan([share], cfg, tmp_path / "out")  # every copy was cached under its own path
    assert again.summary.incremental is not None and again.summary.incremental.files_read == 0
    assert again.rows == first.rows


def _cache_counts(db: Path) -> tuple[int, int]:
    """Files in the per-file cache, and the distinct results they take."""
    with sqlite3.connect(db) as con:
        files = con.execute("SELECT COUNT(*) FROM file_cache").fetchone()[0]
        kept = con.execute("SELECT COUNT(*) FROM cached_results").fetchone()[0]
    return files, kept


def test_the_cache_keeps_a_content_once_and_lets_it_go_with_its_last_file(
    tmp_path: Path,
) -> None:
    # the roster and its two plain copies take one cached result (a copy in a guardians'
    # folder is analysed on its own, and so is the .txt); so do the CSV and its copy
    share = _copied_share(tmp_path / "share")
    cfg = _config(tmp_path, in_process=True)
    first = run_scan([share], cfg, tmp_path / "out")
    files, kept = _cache_counts(tmp_path / "inv.sqlite")
    assert files == len({r.path.split("!")[0] for r in first.rows}) and kept == files - 3
    # a re-scan gives each copy its own path, owner and times from the one result
    (share / "Users/s/Downloads/名簿 (2).xlsx").touch()  # taken by its content: the same
    again = run_scan([share], cfg, tmp_path / "out")
    assert again.summary.incremental is not None
    assert again.summary.incremental.files_read == 0
    assert again.summary.incremental.files_same_content == 1
    assert [replace(r, modified="") for r in again.rows] == [
        replace(r, modified="") for r in first.rows
    ]
    assert _cache_counts(tmp_path / "inv.sqlite") == (files, kept)
    # the plain copies gone: the roster keeps its result; then the roster too: the result goes
    for name in ("バックアップ/2023年度/名簿 (2).xlsx", "Users/s/Downloads/名簿 (2).xlsx"):
        (share / name).unlink()
    run_scan([share], cfg, tmp_path / "out")
    assert _cache_counts(tmp_path / "inv.sqlite") == (files - 2, kept)
    (share / ROSTER).unlink()
    run_scan([share], cfg, tmp_path / "out")
    assert _cache_counts(tmp_path / "inv.sqlite") == (files - 3, kept - 1)


def test_a_contents_cached_result_is_made_once_for_all_its_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a share of copies: the parent pickled each copy's result again (its blob has no path,
    # so it is the original's), ~0.1 ms a copy, beside the workers
    made: list[int] = []
    real = pipeline.results_blob
    monkeypatch.setattr(pipeline, "results_blob", lambda results: made.append(1) or real(results))
    share = _copied_share(tmp_path / "share")
    run_scan([share], _config(tmp_path, workers=2), tmp_path / "out")
    files, kept = _cache_counts(tmp_path / "inv.sqlite")
    assert kept == files - 3 and len(made) == kept  # one per content analysed


def test_a_file_that_changed_since_discovery_is_nobodys_copy(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n1,2\n")
    ref = FileRef(str(tmp_path), "a.csv", str(path), 8, "", "", 0o600, False, Status.OK)
    hashing = contents.ContentHashing.of(_config(tmp_path))
    assert contents.content_key(ref, hashing) is not None
    path.write_bytes(b"a,b\n1,2\n3,4\n")
    assert contents.content_key(ref, hashing) is None
    path.unlink()
    assert contents.content_key(ref, hashing) is None


def test_the_hashing_stops_when_the_scan_does(tmp_path: Path) -> None:
    # Ctrl-C: the hashing thread gives up within a piece, and the scan's exit does not wait
    # for a big file on a slow share to be read to its end
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n1,2\n")
    ref = FileRef(str(tmp_path), "a.csv", str(path), 8, "", "", 0o600, False, Status.OK)
    hashing = contents.ContentHashing.of(_config(tmp_path))
    stop = threading.Event()
    assert contents.content_key(ref, hashing, stop) is not None
    stop.set()
    assert contents.content_key(ref, hashing, stop) is None
    files = [ref, replace(ref, rel_path="b.csv", abs_path=str(tmp_path / "b.csv"))]
    (tmp_path / "b.csv").write_bytes(path.read_bytes())
    keys = contents._keys(files, [0, 1], hashing)
    assert contents.copies_in([0, 1], keys) == {1: 0}
    assert contents._keys(files, [0, 1], hashing, stop) == {}


def _refs(share: Path, paths: list[str]) -> list[FileRef]:
    """The share's files at ``paths`` as discovery would give them (size from the disk)."""
    return [
        FileRef(str(share), p, str(share / p), (share / p).stat().st_size, "", "", 0, False)
        for p in paths
    ]


def _order(files: list[FileRef], todo: list[int], cfg: ScanConfig) -> tuple[list[int], dict]:
    copies_of: dict[int, list[int]] = {}
    return list(contents.read_order(files, todo, cfg, copies_of, {})), copies_of


def test_another_analyser_gets_every_file(tmp_path: Path) -> None:
    share = _copied_share(tmp_path / "share")
    cfg = _config(tmp_path, analyser="pi_scan.testing:misbehaving_analyser")
    files = _refs(share, [ROSTER, "Users/s/Downloads/名簿 (2).xlsx"])
    assert _order(files, [0, 1], cfg) == ([0, 1], {})
    assert _order(files, [0, 1], _config(tmp_path)) == ([0], {0: [1]})


def test_files_of_a_size_of_their_own_go_first_and_each_original_knows_its_copies(
    tmp_path: Path,
) -> None:
    # the workers start on files that need no hashing; a size group follows once hashed, and
    # an original is given only with the list of its copies complete
    share = _copied_share(tmp_path / "share")
    paths = sorted(str(p.relative_to(share)) for p in share.rglob("*") if p.is_file())
    files = _refs(share, paths)
    cfg = _config(tmp_path)
    copies_of: dict[int, list[int]] = {}
    given: list[int] = []
    keys: dict[int, bytes] = {}
    for i in contents.read_order(files, list(range(len(files))), cfg, copies_of, keys):
        assert all(files[c].size_bytes == files[i].size_bytes for c in copies_of.get(i, ()))
        assert all(keys[c] == keys[i] for c in copies_of.get(i, ()))  # given with the file
        given.append(i)
    assert sorted(keys) == list(range(len(files)))  # every file's key, for the cache
    size_counts = Counter(f.size_bytes for f in files)
    shared = [size_counts[files[i].size_bytes] > 1 for i in given]
    assert shared == sorted(shared)  # every file of its own size before the first hashed one
    copies = sorted(c for cs in copies_of.values() for c in cs)
    assert sorted(given + copies) == list(range(len(files)))
    # the first of the roster's plain copies in the given order is read, the others are its
    plain = ["Users/s/Downloads/名簿 (2).xlsx", "バックアップ/2023年度/名簿 (2).xlsx", ROSTER]
    assert [files[c].rel_path for c in copies_of[paths.index(plain[0])]] == plain[1:]


def test_the_size_groups_are_hashed_while_the_other_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = _copied_share(tmp_path / "share")
    paths = sorted(str(p.relative_to(share)) for p in share.rglob("*") if p.is_file())
    files = _refs(share, paths)
    sizes = Counter(f.size_bytes for f in files)
    group_hashed = threading.Event()
    real = contents.content_key

    def content_key(ref: FileRef, hashing, stop: threading.Event | None = None):
        if sizes[ref.size_bytes] > 1:
            group_hashed.set()
        return real(ref, hashing, stop)

    monkeypatch.setattr(contents, "content_key", content_key)
    copies_of: dict[int, list[int]] = {}
    order = contents.read_order(files, list(range(len(files))), _config(tmp_path), copies_of, {})
    first = next(order)  # a file of a size of its own, at once …
    assert sizes[files[first].size_bytes] == 1
    assert group_hashed.wait(10)  # … while the groups are being hashed, nothing more asked
    rest = list(order)
    assert len(rest) + 1 + sum(map(len, copies_of.values())) == len(files)


def test_a_version_6_cache_is_kept_with_each_content_once(tmp_path: Path) -> None:
    # Version 6 kept each file's pickled result with the file's own metadata; version 7
    # keeps each distinct result once, without it, and gives it back with each file's.
    share = _copied_share(tmp_path / "share")
    cfg = _config(tmp_path, in_process=True)
    run_scan([share], cfg, tmp_path / "out")
    copy = "Users/s/Downloads/名簿 (2).xlsx"
    with Inventory(tmp_path / "inv.sqlite") as inv:
        entries = {
            path: (inv.cached_files()[(str(share), path)], inv.cached_results(str(share), path))
            for path in (ROSTER, copy, CSV)
        }
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(old)
    con.executescript("".join(_MIGRATIONS[v] for v in range(1, 7)))
    con.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '6')")
    for path, (entry, results) in entries.items():
        assert results is not None and results[0].dataset.file.rel_path == path
        con.execute(
            "INSERT INTO file_cache VALUES (?, ?, ?, ?, ?, ?)",
            (str(share), path, entry.size_bytes, entry.mtime_ns, entry.fingerprint, dumps(results)),
        )
    con.execute("INSERT INTO file_cache VALUES ('/s', 'broken.csv', 1, 1, 'f', x'00')")
    con.commit()
    con.close()
    with Inventory(old) as inv:
        assert inv.schema_version == SCHEMA_VERSION
        assert set(inv.cached_files()) == {(str(share), p) for p in entries}  # broken: dropped
        kept = inv.conn.execute("SELECT COUNT(*) FROM cached_results").fetchone()[0]
        assert kept == 2  # the roster and its copy: one
        for path, (entry, results) in entries.items():
            back = inv.cached_results(str(share), path)
            assert back is not None and [r.dataset.display_path for r in back] == [
                r.dataset.display_path for r in results
            ]
            assert back[0].dataset.file.modified == results[0].dataset.file.modified
            assert [r.findings for r in back] == [r.findings for r in results]
            assert inv.cached_files()[(str(share), path)].fingerprint == entry.fingerprint
