"""End to end: the ``pi-scan`` command on the sample share, checked against its ground truth.

This is the output contract other tools rely on (issue 2) and the privacy rule (docs/rules.md §7):
no output, log or database contains a raw personal value from the share.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pi_scan.config import ScanConfig
from pi_scan.discover import discover
from pi_scan.extract import extract_file
from pi_scan.model import DatasetKind, Status

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "fixtures" / "sample_share"
TRUTH = json.loads((REPO / "fixtures" / "sample_share.truth.json").read_text(encoding="utf-8"))

CONTRACT = [
    "path", "dataset", "status", "error", "is_pi_database", "contains_personal_info",
    "categories", "records", "individuals", "excluded_from_count", "rationale", "size_bytes",
    "modified", "owner", "world_readable",
]  # fmt: skip
RAW_HEADERS = re.compile(
    r"氏名|名前|フリガナ|ふりがな|カナ|住所|電話|携帯|メール|mail|生年月日|番号|連絡先"
)


def _scan(tmp: Path, *extra: str, out: str = "out") -> tuple[subprocess.CompletedProcess, Path]:
    env = dict(os.environ, PI_SCAN_HOME=str(tmp / "home"), COLUMNS="120")
    cmd = [sys.executable, "-m", "pi_scan", "scan", str(SAMPLE), "--output", str(tmp / out), *extra]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    return proc, tmp / out


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    return _scan(tmp_path_factory.mktemp("e2e"))


def _rows(out: Path) -> list[dict[str, str]]:
    with open(out / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _dataset_name(truth_dataset: dict) -> str:
    # The extractor names a docx's body text 本文 (beside its tables 表1, 表2...).
    if truth_dataset["path"].endswith(".docx") and truth_dataset["dataset"] == "":
        return "本文"
    return truth_dataset["dataset"]


def test_exit_code_and_output_files(scanned) -> None:
    proc, out = scanned
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (out / "inventory.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[: len(CONTRACT)] == CONTRACT
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in (
        "threshold",
        "exceeds_threshold",
        "files_scanned",
        "datasets",
        "pi_databases",
        "unreadable",
    ):
        assert key in summary
    assert set(summary["distinct_individuals"]) >= {"estimate", "low", "high"}
    assert "本人の数" in proc.stdout and "inventory.csv" in proc.stdout


def test_every_file_appears_with_an_honest_status(scanned) -> None:
    _, out = scanned
    rows = _rows(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    listed = {r["path"].split("!")[0] for r in rows}
    not_inspected = summary["not_inspected_by_extension"]
    for f in TRUTH["files"]:
        ext = Path(f["path"]).suffix.lower()
        assert f["path"] in listed or not_inspected.get(ext, 0) > 0, f["path"]
    by_key = {(r["path"], r["dataset"]): r for r in rows}
    for d in TRUTH["datasets"]:
        if d["status"] == "skipped":
            continue  # images and executables: counted by extension
        row = by_key[(d["path"], _dataset_name(d))]
        assert row["status"] == d["status"], d["path"]
        if d["status"] != "ok":
            assert row["error"], d["path"]  # a reason in plain words
            assert row["is_pi_database"] == ""


def test_database_decisions_match_the_truth(scanned) -> None:
    _, out = scanned
    by_key = {(r["path"], r["dataset"]): r for r in _rows(out)}
    for d in TRUTH["datasets"]:
        if d["status"] != "ok":
            continue
        row = by_key[(d["path"], _dataset_name(d))]
        expected = "true" if d["is_pi_database"] else "false"
        assert row["is_pi_database"] == expected, (d["path"], d["dataset"], row["rationale"])
        pi = "true" if d["contains_personal_info"] else "false"
        assert row["contains_personal_info"] == pi, (d["path"], d["dataset"])
        if d["is_pi_database"]:
            assert row["rationale"].startswith("個人情報データベース等")
            assert int(row["records"]) == d["records"], (d["path"], d["dataset"])
            found = set(row["categories"].split(";"))
            identifying = {"PERSON", "STUDENT_ID", "EMPLOYEE_ID", "EMAIL_ADDRESS"}
            assert set(d["categories"]) & identifying <= found, (d["path"], d["dataset"])


def test_distinct_people_match_the_truth(scanned) -> None:
    _, out = scanned
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    people = summary["distinct_individuals"]
    truth = TRUTH["counts"]["distinct_individuals"]
    assert abs(people["estimate"] - truth) <= 0.02 * truth
    assert people["low"] <= people["estimate"] <= people["high"]
    assert summary["exceeds_threshold"] is (people["estimate"] > summary["threshold"])


def test_declared_commercial_list_is_listed_but_not_counted(tmp_path: Path) -> None:
    decl = TRUTH["commercial_list"]
    config = tmp_path / "pi-scan.toml"
    config.write_text(
        "[[declarations]]\n"
        f'path = "{decl["declaration_glob"]}"\n'
        "exclude_from_count = true\n"
        'reason = "市販の電話帳（他人作成・未加工）"\n',
        encoding="utf-8",
    )
    proc, out = _scan(tmp_path, "--config", str(config), "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == ""  # --quiet: nothing for a scheduled job's mail
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    truth = TRUTH["counts"]["distinct_individuals_excluding_commercial"]
    assert abs(summary["distinct_individuals"]["estimate"] - truth) <= 0.02 * truth
    excluded = [r for r in _rows(out) if r["excluded_from_count"] == "true"]
    assert {r["path"] for r in excluded} == set(decl["files"])
    assert all(r["is_pi_database"] == "true" for r in excluded)
    assert all("市販" in r["declaration_reason"] for r in excluded)


def _raw_values() -> set[str]:
    """Every personal value in the share, in the notations it is written in: read with the
    extractor from columns whose header names a personal item, plus the truth's people."""
    raw: set[str] = set()
    for person in TRUTH["people"].values():
        for key in ("name", "registered_name", "kana", "birth_date", "student_id", "staff_id"):
            value = str(person.get(key) or "")
            raw |= {value, value.replace(" ", ""), value.replace(" ", "\u3000")}
    cfg = ScanConfig()
    for ref in discover([SAMPLE], cfg).files:
        for ds in extract_file(ref, cfg):
            if ds.status is not Status.OK or ds.kind is not DatasetKind.TABLE:
                continue
            for col in ds.table.columns:
                if RAW_HEADERS.search(str(col)):
                    raw |= set(ds.table[col].astype(str))
    return {v for v in raw if (len(v) >= 5 and not v.isascii()) or len(v) >= 8}


def test_no_raw_personal_value_in_any_output(scanned) -> None:
    proc, out = scanned
    home = out.parent / "home"
    raw = _raw_values()
    assert len(raw) > 300  # the oracle itself must be meaningful
    texts = {
        "stdout": proc.stdout,
        "stderr": proc.stderr,
        **{p.name: p.read_text(encoding="utf-8-sig") for p in out.iterdir() if p.is_file()},
    }
    db = home / "inventory.sqlite"
    con = sqlite3.connect(db)
    dump = "\n".join(con.iterdump())
    con.close()
    texts["inventory.sqlite"] = dump
    for name, text in texts.items():
        leaked = sorted(v for v in raw if v in text)
        assert not leaked, f"{name} contains raw values, e.g. {leaked[:3]!r}"
    # The cached per-file results are pickles: check their bytes too.
    con = sqlite3.connect(db)
    blobs = b"".join(r[0] for r in con.execute("SELECT results FROM cached_results"))
    con.close()
    for v in raw:
        assert v.encode("utf-8") not in blobs


def test_secret_lives_outside_the_inventory(scanned) -> None:
    _, out = scanned
    secret = out.parent / "home" / "secret.key"
    assert secret.exists()
    assert oct(secret.stat().st_mode & 0o777) == "0o600"
    key = secret.read_text().strip()
    assert key not in "".join(p.read_text(encoding="utf-8-sig") for p in out.iterdir())


def test_report_shows_history_and_six_month_peak(tmp_path: Path) -> None:
    _scan(tmp_path, "--quiet")
    _scan(tmp_path, "--quiet")
    env = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home"), COLUMNS="160")
    proc = subprocess.run(
        [sys.executable, "-m", "pi_scan", "report"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert str(TRUTH["counts"]["distinct_individuals"]) in proc.stdout


def test_unknown_config_key_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[threshhold]\npersons = 10\n", encoding="utf-8")
    proc, out = _scan(tmp_path, "--config", str(bad))
    assert proc.returncode == 2
    assert "threshhold" in proc.stderr
    assert not (out / "summary.json").exists()


def test_missing_root_exits_4(tmp_path: Path) -> None:
    env = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home"))
    proc = subprocess.run(
        [sys.executable, "-m", "pi_scan", "scan", str(tmp_path / "nope"), "-o", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 4


def test_threshold_option_and_fail_on_threshold(tmp_path: Path) -> None:
    proc, out = _scan(tmp_path, "--threshold", "100", "--fail-on-threshold", "--quiet")
    assert proc.returncode == 3
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["threshold"] == 100 and summary["exceeds_threshold"] is True


def test_sample_share_is_intact_after_a_scan(tmp_path: Path) -> None:
    copy = tmp_path / "share"
    shutil.copytree(SAMPLE, copy)
    before = {
        p: (p.stat().st_mtime_ns, p.stat().st_size, p.read_bytes())
        for p in copy.rglob("*")
        if p.is_file()
    }
    env = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home"))
    subprocess.run(
        [sys.executable, "-m", "pi_scan", "scan", str(copy), "-o", str(tmp_path / "o"), "-q"],
        env=env,
        check=True,
        timeout=300,
    )
    after = {
        p: (p.stat().st_mtime_ns, p.stat().st_size, p.read_bytes())
        for p in copy.rglob("*")
        if p.is_file()
    }
    assert after == before  # nothing written, renamed or touched; no temporary files left
