"""Every file that is not read is listed as ``skipped`` with its reason, unless the user excluded
it by pattern: hidden files and folders, Office lock files, Thumbs.db (issue 15, item 6)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from pi_scan.config import ScanConfig
from pi_scan.discover import discover
from pi_scan.model import Status

ROSTER = "氏名,電話番号\n山田 太郎,090-1234-5678\n鈴木 花子,080-2345-6789\n"


def _share(root: Path) -> Path:
    for rel, text in {
        "名簿.csv": ROSTER,
        ".名簿.csv": ROSTER,
        "教務/~$名簿.xlsx": "\x05user",
        "教務/Thumbs.db": "thumbnails",
        "教務/.DS_Store": "finder",
        ".snapshot/名簿.csv": ROSTER,
        "tmp/.隠し.csv": ROSTER,
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_files_not_read_are_listed_with_their_reason(tmp_path) -> None:
    found = discover([_share(tmp_path)], ScanConfig())
    listed = {f.rel_path: (f.status, f.reason) for f in found.files}
    assert listed == {
        "名簿.csv": (Status.OK, ""),
        ".名簿.csv": (Status.SKIPPED, "hidden file: use --include-hidden"),
        ".snapshot/": (Status.SKIPPED, "hidden folder: use --include-hidden"),
        "tmp/.隠し.csv": (Status.SKIPPED, "hidden file: use --include-hidden"),
        "教務/~$名簿.xlsx": (Status.SKIPPED, "Office lock file"),
        "教務/Thumbs.db": (Status.SKIPPED, "Windows thumbnail cache (Thumbs.db)"),
    }
    hidden_file = next(f for f in found.files if f.rel_path == ".名簿.csv")
    assert hidden_file.size_bytes == len(ROSTER.encode()) and hidden_file.modified
    assert found.not_inspected_by_extension == {".ds_store": 1}  # never read by its type
    assert found.hidden_skipped == 3


def test_what_a_pattern_excludes_is_not_listed(tmp_path) -> None:
    cfg = ScanConfig(exclude=("tmp/", ".snapshot/", "~$*", "Thumbs.db"))
    found = discover([_share(tmp_path)], cfg)
    assert {f.rel_path for f in found.files} == {"名簿.csv", ".名簿.csv"}
    assert found.excluded == 4
    found = discover([tmp_path], ScanConfig(include=("名簿.csv",)))
    assert {f.rel_path for f in found.files} == {"名簿.csv", ".snapshot/"}


def test_include_hidden_reads_them(tmp_path) -> None:
    found = discover([_share(tmp_path)], ScanConfig(include_hidden=True))
    ok = {f.rel_path for f in found.files if f.status is Status.OK}
    assert {".名簿.csv", ".snapshot/名簿.csv", "tmp/.隠し.csv"} <= ok


def test_skipped_rows_in_inventory_csv(tmp_path) -> None:
    share = _share(tmp_path / "share")
    env = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home"))
    cmd = [sys.executable, "-m", "pi_scan", "scan", str(share), "-o", str(tmp_path / "out")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with open(tmp_path / "out" / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["path"]: r for r in csv.DictReader(fh)}
    assert rows[".名簿.csv"]["status"] == "skipped"
    assert rows[".名簿.csv"]["error"] == "hidden file: use --include-hidden"
    assert rows[".名簿.csv"]["contains_personal_info"] == ""  # not read: nothing is claimed
    assert rows[".snapshot/"]["error"] == "hidden folder: use --include-hidden"
    assert rows["教務/~$名簿.xlsx"]["error"] == "Office lock file"
    assert rows["教務/Thumbs.db"]["status"] == "skipped"
    assert rows["名簿.csv"]["status"] == "ok"
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["hidden_skipped"] == 3
    assert summary["status_counts"]["skipped"] == 5
