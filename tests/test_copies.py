"""Identical content is analysed once (issue 17 item 2): each copy keeps its own row, path,
owner and flags, and counts the same people."""

from __future__ import annotations

import gzip
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pi_scan import analysis, pipeline
from pi_scan.config import ScanConfig
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


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the per-file work ran on (in this process)."""
    seen: list[str] = []
    real = analysis.analyse_file

    def counting(ref, *args, **kw):
        seen.append(ref.rel_path)
        return real(ref, *args, **kw)

    monkeypatch.setattr(analysis, "analyse_file", counting)
    return seen


def test_copies_are_analysed_once_and_give_what_reading_them_gives(
    tmp_path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    share = _copied_share(tmp_path / "share")
    secret = tmp_path / "secret.key"
    once = run_scan(
        [share], _config(tmp_path / "a", in_process=True, secret_path=secret), tmp_path / "out_a"
    )
    analysed_once = list(counted)
    counted.clear()
    monkeypatch.setattr(pipeline, "_copies", lambda files, todo, config: {})
    each = run_scan(
        [share], _config(tmp_path / "b", in_process=True, secret_path=secret), tmp_path / "out_b"
    )
    assert _outputs(once) == _outputs(each)
    for name in ("inventory.csv", "findings.csv"):
        assert (tmp_path / "out_a" / name).read_bytes() == (tmp_path / "out_b" / name).read_bytes()
    # of the roster and its two plain copies, and of the CSV and its copy, one each is read;
    # the roster's copy in a guardians' folder, the .txt and each .gz (named after its file)
    # are read on their own
    assert len(analysed_once) == len(counted) - 3
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


def test_a_file_that_changed_since_discovery_is_nobodys_copy(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"a,b\n1,2\n")
    ref = FileRef(str(tmp_path), "a.csv", str(path), 8, "", "", 0o600, False, Status.OK)
    assert pipeline._content_key(ref, False) is not None
    path.write_bytes(b"a,b\n1,2\n3,4\n")
    assert pipeline._content_key(ref, False) is None
    path.unlink()
    assert pipeline._content_key(ref, False) is None


def test_another_analyser_gets_every_file(tmp_path: Path) -> None:
    share = _copied_share(tmp_path / "share")
    cfg = _config(tmp_path, analyser="pi_scan.testing:misbehaving_analyser")
    files = [
        FileRef(str(share), p, str(share / p), (share / p).stat().st_size, "", "", 0, False)
        for p in (ROSTER, "Users/s/Downloads/名簿 (2).xlsx")
    ]
    assert pipeline._copies(files, [0, 1], cfg) == {}
    assert pipeline._copies(files, [0, 1], _config(tmp_path)) == {1: 0}
