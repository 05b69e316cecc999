"""The scan as a whole: workers, crashes, time-outs, incremental re-scan and resume."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from pi_scan import cache_key, pipeline
from pi_scan.config import Declaration, Limits, ScanConfig
from pi_scan.model import Incremental, Status
from pi_scan.pipeline import analysis_fingerprint, run_scan
from pi_scan.progress import ScanTally

STUDENTS = [
    ("S001", "髙橋 太郎", "タカハシ タロウ", "2008-04-05", "090-1111-2222", "髙橋 一郎"),
    ("S002", "山田 花子", "ヤマダ ハナコ", "2008-06-01", "090-3333-4444", "山田 洋子"),
    ("S003", "山田 花子", "ヤマダ ハナコ", "2008-11-30", "080-5555-6666", "山田 聡"),
    ("S004", "佐藤 健", "サトウ ケン", "2008-07-07", "080-7777-8888", "佐藤 恵"),
]


def make_share(root: Path, copies: int = 1) -> Path:
    """A small school share: a roster with title rows, a CP932 grade CSV, a Downloads copy
    in other notations (``copies`` of them, each after the first with a record of its own: all
    are read), minutes in prose, statistics, a corrupt workbook."""
    (root / "教務").mkdir(parents=True)
    (root / "Users" / "t" / "Downloads").mkdir(parents=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "1組"
    ws.append(["2024年度 3年1組 生徒名簿"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["学籍番号", "氏名", "フリガナ", "生年月日", "電話番号", "保護者氏名"])
    for s in STUDENTS:
        ws.append(list(s))
    wb.save(root / "教務" / "名簿.xlsx")
    lines = ["学籍番号,科目,評定"] + [f"{s[0]},{subj},4" for s in STUDENTS for subj in "国数英"]
    (root / "教務" / "成績.csv").write_bytes("\r\n".join(lines).encode("cp932"))
    copy = "氏名,ふりがな,電話\n高橋太郎,たかはしたろう,０９０－１１１１－２２２２\n"
    for i in range(copies):  # each with a record of its own: no file is a copy of another
        own = f"佐藤花子,さとうはなこ,090-2222-{i:04d}\n" if i else ""
        (root / "Users" / "t" / "Downloads" / f"名簿コピー{i}.csv").write_text(
            copy + own, encoding="utf-8-sig"
        )
    (root / "議事録.txt").write_text(
        "学年会議 議事録\n山田先生から修学旅行の説明があった。佐藤健さんは欠席。\n",
        encoding="utf-8",
    )
    (root / "統計.csv").write_text("学年,人数,平均点\n1,120,65.2\n2,118,70.1\n", encoding="utf-8")
    (root / "壊れた.xlsx").write_bytes(b"PK\x03\x04 truncated")
    return root


@pytest.fixture
def share(tmp_path: Path) -> Path:
    return make_share(tmp_path / "share")


def _config(tmp_path: Path, **kw) -> ScanConfig:
    return ScanConfig(db_path=tmp_path / "inv.sqlite", secret_path=tmp_path / "secret.key", **kw)


def _stable(outcome) -> tuple:
    rows = [replace(r, modified="") for r in outcome.rows]
    s = outcome.summary
    return rows, s.people, s.pi_databases, s.unreadable


def _why_read(outcome) -> dict[str, int]:
    assert outcome.summary.incremental is not None
    return outcome.summary.incremental.why_read


def test_scan_counts_people_once_across_files(share: Path, tmp_path: Path) -> None:
    out = run_scan([share], _config(tmp_path, in_process=True), tmp_path / "out")
    assert out.summary.people.estimate == 8  # 4 students + 4 guardians; copies, grades: nobody
    by_path = {r.path: r for r in out.rows}
    assert by_path["教務/名簿.xlsx"].individuals == 8
    assert by_path["教務/成績.csv"].is_pi_database is True
    assert by_path["議事録.txt"].is_pi_database is False
    assert by_path["議事録.txt"].contains_personal_info is True
    assert by_path["統計.csv"].is_pi_database is False
    assert by_path["壊れた.xlsx"].status is Status.ERROR
    assert "risky_location" in by_path["Users/t/Downloads/名簿コピー0.csv"].flags


def test_a_scan_makes_full_collections_rare_and_gives_the_caller_its_settings_back(
    share: Path, tmp_path: Path
) -> None:
    during: list[tuple[int, ...]] = []
    record = lambda phase, info: during.append(gc.get_threshold())  # noqa: E731
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        gc.callbacks.append(record)
        try:
            run_scan([share], _config(tmp_path, in_process=True), tmp_path / "out")
        finally:
            gc.callbacks.remove(record)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
    assert during and all(t[2] >= pipeline._FULL_COLLECTION_EVERY for t in during)


def test_the_scans_parent_does_not_load_the_parsers(share: Path, tmp_path: Path) -> None:
    # the parent plans, counts and writes; the parsers (and the text stack) load in the
    # workers' fork server: an unchanged re-scan must not wait for their imports
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pi_scan.config import ScanConfig\n"
        "from pi_scan.pipeline import run_scan\n"
        "cfg = ScanConfig(db_path=Path(sys.argv[2]) / 'inv.sqlite', "
        "secret_path=Path(sys.argv[2]) / 'secret.key', workers=1)\n"
        "run_scan([Path(sys.argv[1])], cfg, Path(sys.argv[2]) / 'out')\n"
        "parsers = ('pi_scan.extract.registry', 'pdfplumber', 'pypdf', 'openpyxl', 'docx', "
        "'spacy', 'presidio_analyzer')\n"
        "loaded = [m for m in parsers if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    for _ in ("first scan, copies hashed", "unchanged re-scan"):
        subprocess.run(
            [sys.executable, "-c", code, str(share), str(tmp_path)], check=True, timeout=300
        )


def test_same_result_for_any_number_of_workers(share: Path, tmp_path: Path) -> None:
    results = []
    for n, in_process in ((1, True), (1, False), (2, False)):
        cfg = _config(tmp_path / f"w{n}{in_process}", workers=n, in_process=in_process)
        results.append(_stable(run_scan([share], cfg, tmp_path / f"out{n}{in_process}")))
    assert results[0] == results[1] == results[2]


def test_a_crashing_or_hanging_parser_costs_one_file(share: Path, tmp_path: Path) -> None:
    (share / "CRASH.csv").write_text("a,b\n1,2\n")
    (share / "HANG.csv").write_text("a,b\n1,2\n")
    cfg = _config(
        tmp_path,
        workers=2,
        analyser="pi_scan.testing:misbehaving_analyser",
        limits=Limits(file_seconds=3),
    )
    out = run_scan([share], cfg, tmp_path / "out")
    by_path = {r.path: r for r in out.rows}
    assert by_path["CRASH.csv"].status is Status.ERROR
    assert by_path["CRASH.csv"].error.startswith("parser crashed (signal")
    assert by_path["HANG.csv"].error == "timed out after 3 s"
    assert out.summary.people.estimate == 8  # the rest was read


def test_rescan_reads_only_what_changed(share: Path, tmp_path: Path) -> None:
    cfg = _config(tmp_path, in_process=True)
    first = run_scan([share], cfg, tmp_path / "out")
    assert first.summary.incremental is not None and first.summary.incremental.files_read == 6
    second = run_scan([share], cfg, tmp_path / "out")
    assert second.summary.incremental == Incremental(
        files_read=0, files_reused=6, files_removed=0, files_same_content=0, why_read={}
    )
    assert _stable(second) == _stable(first)
    grades = share / "教務" / "成績.csv"
    os.utime(grades, ns=(time.time_ns(), time.time_ns()))  # touched: the same bytes
    minutes = share / "議事録.txt"
    minutes.write_text(minutes.read_text(encoding="utf-8") + "以上。\n", encoding="utf-8")
    (share / "統計.csv").unlink()
    third = run_scan([share], cfg, tmp_path / "out")
    assert third.summary.incremental == Incremental(
        files_read=1,
        files_reused=4,
        files_removed=1,
        files_same_content=1,
        why_read={"file changed (size or modified time)": 1},
    )
    full = run_scan([share], replace(cfg, full=True), tmp_path / "out")
    assert _why_read(full) == {"full scan requested (--full)": 5}
    assert _stable(full) == _stable(third)


def test_a_rescan_with_the_same_records_takes_the_last_count(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clustering was most of an unchanged re-scan of distinct files: the same records, flags
    and order give the last count's figures without clustering; any change counts again."""
    cfg = _config(tmp_path, in_process=True)
    first = run_scan([share], cfg, tmp_path / "out")
    counted: list[int] = []
    real = pipeline.count_people

    def counting(*args, **kwargs):
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "count_people", counting)
    again = run_scan([share], cfg, tmp_path / "out")
    assert counted == [] and _stable(again) == _stable(first)
    # a file touched but the same: still the same records, no count
    roster = share / "教務" / "名簿.xlsx"
    os.utime(roster, ns=(time.time_ns(), time.time_ns()))
    assert _stable(run_scan([share], cfg, tmp_path / "out"))[1:] == _stable(first)[1:]
    assert counted == []
    # one more person: counted again, and the figure moves
    wb = openpyxl.load_workbook(roster)
    wb.active.append(["S005", "中村 優", "ナカムラ ユウ", "2008-09-09", "090-9999-0000", "中村 誠"])
    wb.save(roster)
    changed = run_scan([share], cfg, tmp_path / "out")
    assert counted == [1]
    assert changed.summary.people.estimate == first.summary.people.estimate + 2
    # a database declared excluded changes the flags: counted again
    declared = Declaration(path="教務/名簿.xlsx", exclude_from_count=True, reason="業務委託")
    run_scan([share], replace(cfg, declarations=(declared,)), tmp_path / "out")
    assert counted == [1, 1]


def test_the_count_key_follows_records_flags_and_order() -> None:
    import numpy as np

    from pi_scan.entities import PERSON_KEY_COLUMNS
    from pi_scan.model import PersonRecords
    from pi_scan.people import PersonRecordStore

    def records(*keys: int) -> PersonRecords:
        packed = np.zeros((len(keys), len(PERSON_KEY_COLUMNS)), dtype=np.uint64)
        packed[:, 0] = keys
        return PersonRecords.of(
            rows=np.arange(len(keys)),
            roles=np.zeros(len(keys), np.int8),
            role_names=("self",),
            keys=packed,
        )

    with PersonRecordStore() as store:
        store.add(1, records(11, 12))
        store.add(2, records(21))
        store.add(3, records(11, 12))  # a copy of 1
        key = store.count_key([1, 2, 3], [True] * 3, [True] * 3)
        assert key == store.count_key([1, 2, 3], [True] * 3, [True] * 3)
        assert key != store.count_key([2, 1, 3], [True] * 3, [True] * 3)
        assert key != store.count_key([1, 2, 3], [True, False, True], [True] * 3)
        assert key != store.count_key([1, 2, 3], [True] * 3, [True, True, False])
        assert key != store.count_key([1, 2], [True] * 2, [True] * 2)
        assert store.count_key([1, 2], [True] * 2, [True] * 2) == store.count_key(
            [3, 2], [True] * 2, [True] * 2
        )  # a copy's records are the same records
        store.add(4, records(11, 13))
        assert store.count_key([4, 2], [True] * 2, [True] * 2) != store.count_key(
            [1, 2], [True] * 2, [True] * 2
        )


def test_changed_settings_reread_everything(share: Path, tmp_path: Path) -> None:
    cfg = _config(tmp_path, in_process=True)
    run_scan([share], cfg, tmp_path / "out")
    again = run_scan([share], replace(cfg, sample_size=50), tmp_path / "out")
    assert _why_read(again) == {"pi-scan version, recognizers or settings changed": 6}


class _Recorder:
    """A progress sink that keeps what it was told."""

    def __init__(self) -> None:
        self.started: ScanTally | None = None
        self.done: list[tuple[int, int, int]] = []  # (reused, read, bytes read)

    def start(self, tally: ScanTally) -> None:
        self.started = replace(tally)

    def file_done(self, tally: ScanTally, path: str) -> None:
        self.done.append((tally.reused, tally.read, tally.bytes_read))

    def finish(self, tally: ScanTally) -> None:
        self.final = replace(tally)


def test_progress_counts_reused_and_read_files_and_their_bytes(share: Path, tmp_path: Path) -> None:
    cfg = _config(tmp_path, in_process=True)
    first = _Recorder()
    run_scan([share], cfg, tmp_path / "out", progress=first)
    sizes = sum(p.stat().st_size for p in share.rglob("*") if p.is_file())
    assert first.started is not None and first.started.to_read == first.started.total == 6
    assert first.started.bytes_to_read == sizes
    assert first.final.read == 6 and first.final.reused == 0 and first.final.bytes_read == sizes
    assert [d[1] for d in first.done] == [1, 2, 3, 4, 5, 6]
    assert first.final.seconds_left() == 0.0 and first.final.files_per_second() > 0
    grades = share / "教務" / "成績.csv"
    grades.write_bytes(grades.read_bytes() + "\r\n99,国,5".encode("cp932"))  # changed
    stats = share / "統計.csv"
    os.utime(stats, ns=(time.time_ns(), time.time_ns()))  # touched: its bytes are known
    again = _Recorder()
    run_scan([share], cfg, tmp_path / "out", progress=again)
    assert again.started is not None
    to_read = grades.stat().st_size + stats.stat().st_size
    assert (again.started.to_read, again.started.bytes_to_read) == (2, to_read)
    assert (again.final.reused, again.final.read) == (5, 1)
    assert (again.final.to_read, again.final.bytes_to_read) == (1, grades.stat().st_size)
    assert again.done[:5] == [(k, 0, 0) for k in range(1, 6)]  # reused first, nothing read


def test_time_left_goes_by_bytes_not_by_files() -> None:
    # two small files read in 10 s; what is left is one file, but of 98 % of the bytes
    tally = ScanTally(total=3, to_read=3, bytes_to_read=100_000_000, reading_since=0.0)
    tally.read, tally.bytes_read = 2, 2_000_000
    assert tally.files_per_second(now=10.0) == pytest.approx(0.2)
    assert tally.mb_per_second(now=10.0) == pytest.approx(0.2)
    assert tally.seconds_left(now=10.0) == pytest.approx(490.0)
    assert ScanTally(total=1, to_read=1, reading_since=0.0).seconds_left(now=5.0) is None


def test_a_damaged_cache_entry_is_read_again_not_fatal(share: Path, tmp_path: Path) -> None:
    cfg = _config(tmp_path, in_process=True)
    first = run_scan([share], cfg, tmp_path / "out")
    with sqlite3.connect(cfg.db_path) as db:
        db.execute(
            "UPDATE cached_results SET results = ? WHERE digest IN "
            "(SELECT results_digest FROM file_cache WHERE path LIKE '%名簿.xlsx')",
            (b"\x80junk",),
        )
    again = run_scan([share], cfg, tmp_path / "out")
    assert _why_read(again) == {"cached result unreadable": 1}
    assert _stable(again) == _stable(first)


def _fingerprint_from(src: Path, secret: Path) -> str:
    """The fingerprint as computed by the pi-scan whose package is under ``src``."""
    code = (
        "import sys; from pathlib import Path; from pi_scan.config import ScanConfig;"
        "from pi_scan.cache_key import analysis_fingerprint;"
        "print(analysis_fingerprint(ScanConfig(secret_path=Path(sys.argv[1]))))"
    )
    env = dict(os.environ, PYTHONPATH=str(src))
    done = subprocess.run(
        [sys.executable, "-c", code, str(secret)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_editing_pi_scan_code_keeps_the_cache(tmp_path: Path) -> None:
    """A comment (or any change that leaves the analysis version alone) re-reads nothing."""
    package = Path(pipeline.__file__).parent
    checkout = tmp_path / "checkout"
    shutil.copytree(package, checkout / "src" / "pi_scan")
    (checkout / "recognizers").symlink_to(package.parents[1] / "recognizers")
    secret = tmp_path / "secret.key"
    before = _fingerprint_from(checkout / "src", secret)
    people = checkout / "src" / "pi_scan" / "people" / "clustering.py"
    people.write_text(people.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert _fingerprint_from(checkout / "src", secret) == before
    assert analysis_fingerprint(ScanConfig(secret_path=secret)) == before  # this checkout


def test_what_changes_a_files_result_rereads_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recognizers = tmp_path / "recognizers"
    recognizers.mkdir()
    (recognizers / "school.yaml").write_text("recognizers: []\n", encoding="utf-8")
    cfg = _config(tmp_path, recognizers_dir=recognizers)
    before = analysis_fingerprint(cfg)
    assert analysis_fingerprint(cfg) == before
    assert analysis_fingerprint(replace(cfg, ocr=False)) != before
    assert analysis_fingerprint(replace(cfg, limits=Limits(max_rows=10))) != before
    assert analysis_fingerprint(replace(cfg, threshold=10)) == before  # applied after the cache
    monkeypatch.setattr(cache_key, "ANALYSIS_VERSION", cache_key.ANALYSIS_VERSION + 1)
    assert analysis_fingerprint(cfg) != before
    monkeypatch.undo()
    (recognizers / "school.yaml").write_text("recognizers: [] # edited\n", encoding="utf-8")
    assert analysis_fingerprint(cfg) != before


def test_killed_scan_resumes_with_the_same_result(tmp_path: Path) -> None:
    share = make_share(tmp_path / "share", copies=400)
    env = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home"))
    cmd = [
        sys.executable,
        "-m",
        "pi_scan",
        "scan",
        str(share),
        "--output",
        str(tmp_path / "o1"),
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    # Kill -9 once some files have been committed to the inventory, well before the end.
    db = tmp_path / "home" / "inventory.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _cached(db) >= 30:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _cached(db)
    assert 0 < done_before < 405, "the kill should land mid-scan"
    assert not (tmp_path / "o1" / "summary.json").exists()  # never looks complete
    subprocess.run(cmd, env=env, check=True)
    resumed = json.loads((tmp_path / "o1" / "summary.json").read_text(encoding="utf-8"))
    assert resumed["incremental"]["files_reused"] >= done_before
    total = resumed["files_scanned"]
    assert total == 405
    assert resumed["incremental"]["files_read"] == total - resumed["incremental"]["files_reused"]
    # An uninterrupted scan with a fresh inventory gives the same figures.
    env2 = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home2"))
    (tmp_path / "home2").mkdir()
    (tmp_path / "home2" / "secret.key").write_bytes((tmp_path / "home" / "secret.key").read_bytes())
    subprocess.run([*cmd[:-3], "--output", str(tmp_path / "o2"), "--quiet"], env=env2, check=True)
    fresh = json.loads((tmp_path / "o2" / "summary.json").read_text(encoding="utf-8"))
    for key in ("distinct_individuals", "pi_databases", "datasets", "unreadable"):
        assert resumed[key] == fresh[key]
    assert (tmp_path / "o1" / "inventory.csv").read_bytes().replace(b"\r\n", b"\n").count(
        b"\n"
    ) == (tmp_path / "o2" / "inventory.csv").read_bytes().replace(b"\r\n", b"\n").count(b"\n")


def _cached(db: Path) -> int:
    import sqlite3

    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM file_cache").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_dask_local_cluster_gives_the_same_result(share: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    local = run_scan([share], _config(tmp_path / "a", in_process=True), tmp_path / "o1")
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        cfg = _config(tmp_path / "b", dask_address=cluster.scheduler_address)
        # The same secret on both sides, as on a real cluster sharing the key file.
        (tmp_path / "b").mkdir()
        (tmp_path / "b" / "secret.key").write_bytes((tmp_path / "a" / "secret.key").read_bytes())
        on_dask = run_scan([share], cfg, tmp_path / "o2")
    assert _stable(on_dask) == _stable(local)


def test_no_time_left_guess_until_enough_is_read() -> None:
    # the first file read 1 s after the workers started: no guess (it once said 1:20:02)
    tally = ScanTally(total=100, to_read=100, bytes_to_read=100_000_000, reading_since=0.0)
    tally.read, tally.bytes_read = 1, 10_000
    assert tally.seconds_left(now=1.0) is None
    assert tally.seconds_left(now=6.0) is None  # one file of 0.01 % of the bytes: not enough
    tally.read, tally.bytes_read = 12, 120_000
    assert tally.seconds_left(now=4.0) is None  # too early
    assert tally.seconds_left(now=6.0) == pytest.approx(99_880_000 * 6.0 / 120_000)


def test_what_discovery_decided_about_goes_to_no_worker(
    share: Path, tmp_path: Path, analysed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a hidden file is listed (skipped) every scan, never cached: an unchanged re-scan that
    # had to send it to a worker waited for the workers to start
    (share / ".名簿.csv").write_text("氏名\n山田太郎\n", encoding="utf-8")
    first = run_scan([share], _config(tmp_path, in_process=True), tmp_path / "out")
    assert ".名簿.csv" not in analysed and len(analysed) == 6
    row = next(r for r in first.rows if r.path == ".名簿.csv")
    assert row.status is Status.SKIPPED and "hidden" in row.error
    cfg = _config(tmp_path / "w", workers=2)
    run_scan([share], cfg, tmp_path / "out_w")

    def no_work(*args, **kw):
        raise AssertionError("a worker was given work")

    monkeypatch.setattr(pipeline, "_analysed", no_work)
    again = run_scan([share], cfg, tmp_path / "out_w")
    assert [r for r in again.rows if r.path == ".名簿.csv"] == [row]
