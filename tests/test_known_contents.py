"""A file whose content an earlier scan analysed takes that analysis (issue 17 item 2): a file
touched, moved or renamed is not read again; a file with other bytes, or the same bytes where
the analysis reads something else (a guardians' folder, another extension), is."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import blake3
import pytest

from pi_scan import contents, pipeline
from pi_scan.config import ScanConfig
from pi_scan.inventory import SCHEMA_VERSION, CacheEntry, Inventory, results_blob
from pi_scan.model import FileRef
from pi_scan.pipeline import run_scan
from test_pipeline import make_share


def _config(tmp_path: Path, **kw) -> ScanConfig:
    kw.setdefault("in_process", True)
    return ScanConfig(db_path=tmp_path / "inv.sqlite", secret_path=tmp_path / "secret.key", **kw)


@pytest.fixture
def scanned(tmp_path: Path) -> tuple[Path, ScanConfig]:
    """A small school share scanned once, and the scan's settings."""
    share = make_share(tmp_path / "share")
    cfg = _config(tmp_path)
    run_scan([share], cfg, tmp_path / "out")
    return share, cfg


def _keys(db: Path) -> dict[str, bytes | None]:
    with sqlite3.connect(db) as con:
        return dict(con.execute("SELECT path, content_key FROM file_cache"))


def _moved(rows, old: str, new: str):
    return sorted(
        (replace(r, path=r.path.replace(old, new, 1)) for r in rows), key=lambda r: r.path
    )


def test_a_renamed_folder_is_not_read_again(tmp_path: Path, analysed: list[str]) -> None:
    share = make_share(tmp_path / "share")
    cfg = _config(tmp_path)
    first = run_scan([share], cfg, tmp_path / "out")
    assert len(analysed) == 6
    keys = _keys(tmp_path / "inv.sqlite")
    assert len(keys) == 6 and all(keys.values())  # every file cached with its content key
    (share / "教務").rename(share / "教務2024")  # the year-end rename
    analysed.clear()
    again = run_scan([share], cfg, tmp_path / "out")
    assert analysed == []
    inc = again.summary.incremental
    assert inc is not None
    assert (inc.files_read, inc.files_reused, inc.files_same_content) == (0, 6, 2)
    assert inc.files_removed == 2 and inc.why_read == {}
    assert sorted(again.rows, key=lambda r: r.path) == _moved(first.rows, "教務/", "教務2024/")
    assert again.summary.people == first.summary.people
    assert sorted(_keys(tmp_path / "inv.sqlite").items()) == sorted(
        (p.replace("教務/", "教務2024/"), k) for p, k in keys.items()
    )
    third = run_scan([share], cfg, tmp_path / "out")  # cached under their new paths
    assert third.summary.incremental is not None
    assert third.summary.incremental.files_same_content == 0
    assert third.summary.incremental.files_reused == 6


def test_a_copy_put_beside_its_original_later_is_not_read(
    tmp_path: Path, scanned: tuple[Path, ScanConfig], analysed: list[str]
) -> None:
    share, cfg = scanned
    backup = share / "バックアップ"
    backup.mkdir()
    shutil.copy(share / "教務" / "名簿.xlsx", backup / "名簿.xlsx")  # a new time: a new file
    analysed.clear()
    again = run_scan([share], cfg, tmp_path / "out")
    assert analysed == []
    rows = {r.path: r for r in again.rows}
    assert rows["バックアップ/名簿.xlsx"].is_pi_database
    assert rows["バックアップ/名簿.xlsx"].records == rows["教務/名簿.xlsx"].records
    assert again.summary.incremental is not None
    assert again.summary.incremental.files_same_content == 1
    assert again.summary.incremental.why_read == {}


def test_other_bytes_of_the_same_size_are_read(tmp_path: Path, analysed: list[str]) -> None:
    share = make_share(tmp_path / "share")
    cfg = _config(tmp_path)
    first = run_scan([share], cfg, tmp_path / "out")
    stats = share / "統計.csv"
    data = stats.read_bytes()
    assert b"65.2" in data
    stats.write_bytes(data.replace(b"65.2", b"66.1"))  # the same size, a new time
    later = time.time_ns() + 10**9
    os.utime(stats, ns=(later, later))
    analysed.clear()
    again = run_scan([share], cfg, tmp_path / "out")
    assert analysed == ["統計.csv"]
    assert again.summary.incremental is not None
    assert again.summary.incremental.files_same_content == 0
    assert again.summary.incremental.why_read == {"file changed (size or modified time)": 1}
    assert len(again.rows) == len(first.rows)
    ref = FileRef(str(share), "統計.csv", str(stats), len(data), "", "", 0o600, False)
    hashing = contents.ContentHashing.of(cfg)
    assert _keys(tmp_path / "inv.sqlite")["統計.csv"] == contents.content_key(ref, hashing)
    # back to the first bytes: analysed once, but no file is cached with them any more
    stats.write_bytes(data)
    os.utime(stats, ns=(later + 10**9, later + 10**9))
    analysed.clear()
    run_scan([share], cfg, tmp_path / "out")
    assert analysed == ["統計.csv"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("教務/名簿.xlsx", "保護者連絡先/名簿.xlsx"),  # a guardians' list: other people's roles
        ("統計.csv", "統計.txt"),  # another extension: the parser may differ
    ],
)
def test_the_same_bytes_read_otherwise_are_read_again(
    tmp_path: Path, scanned: tuple[Path, ScanConfig], analysed: list[str], old: str, new: str
) -> None:
    share, cfg = scanned
    (share / new).parent.mkdir(exist_ok=True)
    (share / old).rename(share / new)
    analysed.clear()
    again = run_scan([share], cfg, tmp_path / "out")
    assert analysed == [new]
    assert again.summary.incremental is not None
    assert again.summary.incremental.files_same_content == 0


def test_full_and_another_analyser_never_take_a_content(
    tmp_path: Path,
    scanned: tuple[Path, ScanConfig],
    analysed: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share, cfg = scanned
    (share / "教務").rename(share / "教務2024")
    analysed.clear()
    full = run_scan([share], replace(cfg, full=True), tmp_path / "out")
    assert len(analysed) == 6
    assert full.summary.incremental is not None
    assert full.summary.incremental.files_same_content == 0
    (share / "教務2024").rename(share / "教務")

    def never(*args, **kw):
        raise AssertionError("hashed for another analyser")

    monkeypatch.setattr(contents, "content_key", never)
    other = replace(cfg, analyser="pi_scan.testing:misbehaving_analyser")
    out = run_scan([share], other, tmp_path / "out")
    assert out.summary.incremental is not None
    assert out.summary.incremental.files_same_content == 0


def test_an_inventory_from_before_content_keys_learns_them(
    tmp_path: Path, scanned: tuple[Path, ScanConfig], analysed: list[str]
) -> None:
    share, cfg = scanned
    db = tmp_path / "inv.sqlite"
    with sqlite3.connect(db) as con:  # as schema 7 left it: no content keys
        con.execute("DROP INDEX file_cache_content")
        con.execute("ALTER TABLE file_cache DROP COLUMN content_key")
        con.execute("UPDATE meta SET value='7' WHERE key='schema_version'")
    with Inventory(db) as inv:
        assert inv.schema_version == SCHEMA_VERSION == 8
    assert set(_keys(db).values()) == {None}
    grades = share / "教務" / "成績.csv"
    later = time.time_ns() + 10**9
    os.utime(grades, ns=(later, later))  # touched: no key to find it by, so read
    analysed.clear()
    again = run_scan([share], cfg, tmp_path / "out")
    assert analysed == ["教務/成績.csv"]
    assert again.summary.incremental is not None
    assert again.summary.incremental.files_reused == 5
    keys = _keys(db)
    assert keys["教務/成績.csv"] is not None and list(keys.values()).count(None) == 5
    grades.rename(share / "成績.csv")  # now it has one
    analysed.clear()
    run_scan([share], cfg, tmp_path / "out")
    assert analysed == []


def test_content_keys_with_workers_match_the_files(tmp_path: Path) -> None:
    share = make_share(tmp_path / "share", copies=3)
    shutil.copy(share / "統計.csv", share / "統計のコピー.csv")
    run_scan([share], _config(tmp_path, in_process=False, workers=2), tmp_path / "out")
    keys = _keys(tmp_path / "inv.sqlite")
    assert len(keys) == 9 and all(keys.values())
    assert keys["統計.csv"] == keys["統計のコピー.csv"]
    assert len(set(keys.values())) == 8


def test_contents_are_looked_up_in_batches_by_key_and_fingerprint(tmp_path: Path) -> None:
    entries = [
        CacheEntry("/s", f"f{n}.csv", n, n, "", "fp", results_blob([]), n.to_bytes(16, "big"))
        for n in range(1_234)
    ]
    with Inventory(tmp_path / "inv.sqlite") as inv:
        inv.save_cached(entries)
        wanted = [n.to_bytes(16, "big") for n in range(0, 1_300, 3)]  # past the 500 a query
        found = inv.digests_of_contents(wanted, "fp")
        assert sorted(found) == [k for k in wanted if int.from_bytes(k, "big") < 1_234]
        assert len(set(found.values())) == 1  # every file here has the same (empty) results
        assert inv.digests_of_contents(wanted, "another version") == {}
        assert inv.content_sizes("fp") == set(range(1_234))


def test_contents_are_looked_up_part_by_part(
    scanned: tuple[Path, ScanConfig], analysed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a folder of a million files renamed: hashed, looked up and given a part at a time
    share, cfg = scanned
    monkeypatch.setattr(pipeline, "_LOOKUP_PART", 2)
    parts: list[int] = []
    real = contents.known_contents

    def noting(files, candidates, *args):
        parts.append(len(candidates))
        return real(files, candidates, *args)

    monkeypatch.setattr(pipeline, "known_contents", noting)
    for name in ("教務", "Users"):
        (share / name).rename(share / f"{name}_旧")
    analysed.clear()
    again = run_scan([share], cfg, share.parent / "out")
    assert parts == [2, 1] and analysed == []
    assert again.summary.incremental is not None
    assert again.summary.incremental.files_same_content == 3


def test_content_keys_are_keyed_by_the_installations_secret(tmp_path: Path) -> None:
    # the inventory keeps every file's key: a plain digest of a one-person list could be
    # matched by hashing guesses, as a plain hash of a name could
    path = tmp_path / "一人.csv"
    path.write_text("氏名,電話\n山田太郎,090-1234-5678\n", encoding="utf-8")
    ref = FileRef(str(tmp_path), "一人.csv", str(path), path.stat().st_size, "", "", 0, False)
    mine = contents.ContentHashing.of(_config(tmp_path / "a"))
    theirs = contents.ContentHashing.of(_config(tmp_path / "b"))  # another secret
    key = contents.content_key(ref, mine)
    assert key is not None and key == contents.content_key(ref, mine)
    assert key != contents.content_key(ref, theirs)
    assert key not in {
        hashlib.blake2b(path.read_bytes(), digest_size=16).digest(),
        blake3.blake3(path.read_bytes()).digest(length=16),
    }
