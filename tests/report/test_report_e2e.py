"""End to end: ``pi-scan scan`` on a share it has never seen (a copy of fixtures/sample_share,
or a generated one), then the ledger, its round trip, the reports and the run log.

Nothing the scanner writes may contain a raw value from the share: the share's ground truth
(``*.truth.json``) lists every person's name, reading, birth date and IDs.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "sample_share"
MAKE_SHARE = REPO / "fixtures" / "make_share.py"


@dataclass(frozen=True)
class Share:
    path: Path
    truth: dict | None
    raw_values: tuple[str, ...]


def _raw_values(truth: dict) -> tuple[str, ...]:
    raw: set[str] = set()
    for person in truth.get("people", {}).values():
        for key in ("name", "registered_name", "kana", "birth_date", "student_id", "staff_id"):
            value = str(person.get(key) or "")
            if len(value) >= 4:
                raw.add(value)
                raw.add(value.replace(" ", ""))
    return tuple(sorted(raw))


def _tiny_share(root: Path) -> Share:
    """Used only when the repository has neither the sample share nor its generator."""
    (root / "教務").mkdir(parents=True)
    (root / "Users" / "sato" / "Downloads").mkdir(parents=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "1組"
    ws.append(["学籍番号", "氏名", "フリガナ", "電話番号"])
    people = [
        ("S24001", "山田 太郎", "ヤマダ タロウ", "090-1234-5678"),
        ("S24002", "佐藤 花子", "サトウ ハナコ", "090-2345-6789"),
        ("S24003", "鈴木 一郎", "スズキ イチロウ", "080-3456-7890"),
        ("S24004", "高橋 美咲", "タカハシ ミサキ", "070-4567-8901"),
        ("S24005", "田中 健太", "タナカ ケンタ", "090-5678-9012"),
    ]
    for p in people:
        ws.append(list(p))
    wb.save(root / "教務" / "名簿.xlsx")
    wb.save(root / "Users" / "sato" / "Downloads" / "名簿のコピー.xlsx")
    (root / "教務" / "統計.csv").write_text("学年,人数\n1,120\n2,118\n", encoding="utf-8")
    raw = {v for p in people for v in p} | {p[1].replace(" ", "") for p in people}
    return Share(root, None, tuple(sorted(raw)))


def _make_share(base: Path) -> Share:
    target = base / "share"
    if SAMPLE.is_dir() and SAMPLE.with_suffix(".truth.json").is_file():
        shutil.copytree(SAMPLE, target)  # a copy: the round trip deletes a file from it
        truth = json.loads(SAMPLE.with_suffix(".truth.json").read_text(encoding="utf-8"))
        return Share(target, truth, _raw_values(truth))
    if MAKE_SHARE.is_file():
        subprocess.run(
            [sys.executable, str(MAKE_SHARE), str(target), "--preset", "sample"],
            check=True,
            capture_output=True,
        )
        truth = json.loads(target.with_suffix(".truth.json").read_text(encoding="utf-8"))
        return Share(target, truth, _raw_values(truth))
    return _tiny_share(target)


def pi_scan(home: Path, *args: object, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PI_SCAN_HOME": str(home), "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "pi_scan", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def _config(base: Path, share: Share) -> Path:
    """Declare the bought residents' list excluded from the count, as an officer would."""
    cfg = base / "pi-scan.toml"
    glob = (share.truth or {}).get("commercial_list", {}).get("declaration_glob")
    text = ""
    if glob:
        text = (
            f'[[declarations]]\npath = "{glob}"\nexclude_from_count = true\n'
            'reason = "市販の名簿（他人作成・未加工）"\n'
        )
    cfg.write_text(text, encoding="utf-8")
    return cfg


@dataclass(frozen=True)
class Scanned:
    base: Path
    home: Path
    share: Share
    out: Path
    log: Path
    config: Path


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Scanned:
    base = tmp_path_factory.mktemp("e2e")
    share = _make_share(base)
    home = base / "home"
    cfg = _config(base, share)
    out, log = base / "out", base / "scan.log"
    pi_scan(home, "scan", share.path, "-o", out, "-c", cfg, "--quiet", "--log-file", log,
            "--log-json")  # fmt: skip
    return Scanned(base, home, share, out, log, cfg)


def _assert_no_raw(share: Share, *files: Path) -> None:
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        leaked = [v for v in share.raw_values if v in text]
        assert not leaked, f"{f.name} holds raw values: {leaked[:3]}"


def _inventory(scanned: Scanned) -> list[dict[str, str]]:
    with open(scanned.out / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _xlsx_text(path: Path) -> Path:
    wb = load_workbook(path, read_only=True)
    lines = [
        "\t".join("" if c is None else str(c) for c in row)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    ]
    wb.close()
    flat = path.with_suffix(".txt")
    flat.write_text("\n".join(lines), encoding="utf-8")
    return flat


def test_log_lines_are_json_with_figures(scanned: Scanned) -> None:
    lines = scanned.log.read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert events[0]["event"] == "scan_started" and events[-1]["event"] == "scan_finished"
    summary = json.loads((scanned.out / "summary.json").read_text(encoding="utf-8"))
    finish = events[-1]
    assert finish["estimate"] == summary["distinct_individuals"]["estimate"]
    assert (finish["low"], finish["high"]) == (
        summary["distinct_individuals"]["low"],
        summary["distinct_individuals"]["high"],
    )
    assert finish["exit_code"] == 0 and finish["scan_id"] == summary["scan_id"]
    unreadable = [e for e in events if e["event"] == "file_unreadable"]
    expected = [r for r in _inventory(scanned) if r["status"] in ("encrypted", "error", "skipped")]
    assert [(e["path"], e["status"]) for e in unreadable] == [
        (r["path"], r["status"]) for r in expected
    ]
    assert all(e["reason"] for e in unreadable)
    # the progress of an unattended scan: a line a minute, and one when the reading ends
    (progress,) = [e for e in events if e["event"] == "scan_progress"]
    assert progress["files_done"] == progress["files_total"] == summary["files_scanned"]
    assert progress["files_read"] + progress["files_reused"] == progress["files_done"]
    assert progress["files_per_s"] > 0 and progress["seconds_left"] == 0
    _assert_no_raw(scanned.share, scanned.log)


def test_ledger_lists_exactly_the_databases(scanned: Scanned) -> None:
    ledger = scanned.base / "台帳.csv"
    pi_scan(scanned.home, "export", "--format", "registry", "--output", ledger)
    assert ledger.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(ledger, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    with open(ledger, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(frame) == len(rows) > 0
    listed = {(r["パス"], r["シート・表"]) for r in rows}
    pi = [r for r in _inventory(scanned) if r["is_pi_database"] == "true"]
    decided = {(r["path"], r["dataset"]) for r in pi}
    assert listed == decided
    if scanned.share.truth:  # and they are the share's real databases
        truth = {
            (d["path"], d.get("dataset", ""))
            for d in scanned.share.truth["datasets"]
            if d["is_pi_database"]
        }
        assert listed == truth
        excluded = [r for r in rows if r["件数から除外"] == "除外"]
        assert excluded and all("市販" in r["パス"] for r in excluded)
    assert all(r["記録項目"] and r["記録件数"].isdigit() for r in rows)
    _assert_no_raw(scanned.share, ledger)


def test_round_trip_after_a_database_disappears(scanned: Scanned) -> None:
    home = scanned.base / "home-round-trip"
    share = scanned.base / "share-round-trip"
    shutil.copytree(scanned.share.path, share)
    pi_scan(home, "scan", share, "-o", scanned.base / "o1", "-c", scanned.config, "--quiet")
    first = scanned.base / "台帳-1.xlsx"
    pi_scan(home, "export", "--format", "xlsx", "--output", first)

    wb = load_workbook(first)
    ws = wb["個人情報管理台帳"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in header}
    rows = list(ws.iter_rows(min_row=2))
    victim = rows[0][col["パス"]].value
    keeper = next(r for r in rows if r[col["パス"]].value != victim)
    keeper_key = keeper[col["台帳キー"]].value
    for r in rows:
        if r[col["パス"]].value == victim:
            r[col["利用目的"]].value = "学籍管理"
        r[col["管理責任者"]].value = "教務主任"
    keeper[col["利用目的"]].value = "緊急連絡"
    wb.save(first)

    (share / victim.split("!", 1)[0]).unlink()
    pi_scan(home, "scan", share, "-o", scanned.base / "o2", "-c", scanned.config, "--quiet")
    second = scanned.base / "台帳-2.csv"
    done = pi_scan(home, "export", "--output", second, "--merge", first)
    assert "消失 / gone" in done.stdout
    with open(second, encoding="utf-8-sig", newline="") as fh:
        merged = list(csv.DictReader(fh))
    gone = [r for r in merged if r["パス"] == victim]
    assert gone and all(r["状態"] == "消失" and r["利用目的"] == "学籍管理" for r in gone)
    assert all(r["管理責任者"] == "教務主任" for r in merged)
    kept = next(r for r in merged if r["台帳キー"] == keeper_key)
    assert (kept["状態"], kept["利用目的"]) == ("現存", "緊急連絡")


def test_reports_render_offline_without_raw_values(scanned: Scanned) -> None:
    html, xlsx = scanned.base / "report.html", scanned.base / "report.xlsx"
    done = pi_scan(scanned.home, "report", "--html", html, "--xlsx", xlsx)
    summary = json.loads((scanned.out / "summary.json").read_text(encoding="utf-8"))
    estimate = summary["distinct_individuals"]["estimate"]
    assert f"{estimate:,}" in done.stdout
    page = html.read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page
    assert f'id="estimate">{estimate:,}' in page
    assert "**" in page  # masked samples are shown
    _assert_no_raw(scanned.share, html, _xlsx_text(xlsx))
    terminal = scanned.base / "report.txt"
    terminal.write_text(done.stdout, encoding="utf-8")
    _assert_no_raw(scanned.share, terminal)


def test_fail_on_threshold_exits_3_and_logs_it(scanned: Scanned) -> None:
    log = scanned.base / "threshold.log"
    done = pi_scan(
        scanned.base / "home-threshold",
        "scan",
        scanned.share.path,
        "-o",
        scanned.base / "o-threshold",
        "--threshold",
        "1",
        "--fail-on-threshold",
        "--quiet",
        "--log-file",
        log,
        check=False,
    )
    assert done.returncode == 3, done.stderr[-2000:]
    last = log.read_text(encoding="utf-8").splitlines()[-1]
    assert " WARNING scan_finished " in last and "exit_code=3" in last  # the text format


def test_log_of_a_scan_that_cannot_run(tmp_path: Path) -> None:
    log = tmp_path / "fail.log"
    done = pi_scan(
        tmp_path / "home",
        "scan",
        tmp_path / "missing",
        "-o",
        tmp_path / "o",
        "--log-file",
        log,
        "--log-json",
        check=False,
    )
    assert done.returncode == 4
    event = json.loads(log.read_text(encoding="utf-8").splitlines()[-1])
    assert event["event"] == "scan_failed" and event["exit_code"] == 4
