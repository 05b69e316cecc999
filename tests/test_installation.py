"""An installation that lost pi-scan's built-in recognizers cannot scan, and says so.

Without ``recognizers/`` (header words, dictionaries, patterns) every table would be judged on
its values alone: fewer databases, a lower count, and no error. pi-scan's package is copied
where neither a checkout's ``recognizers/`` nor an installed copy is found, and run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pi_scan
from pi_scan.config import BUILTIN_FILES

SHARE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_share"


def _without_recognizers(tmp_path: Path) -> dict[str, str]:
    package = Path(pi_scan.__file__).parent
    shutil.copytree(package, tmp_path / "src" / "pi_scan", ignore=shutil.ignore_patterns("*.pyc"))
    if (Path(sys.prefix) / "share" / "pi-scan" / "recognizers").exists():
        pytest.skip("pi-scan is installed with its recognizers here: the copy would find them")
    return {
        **os.environ,
        "PYTHONPATH": str(tmp_path / "src"),
        "PI_SCAN_HOME": str(tmp_path / "home"),
    }


def test_a_scan_without_the_builtin_recognizers_stops_with_the_reason(tmp_path: Path) -> None:
    env = _without_recognizers(tmp_path)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "pi_scan", "scan", str(SHARE), "--output", str(out), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 4, run.stderr
    assert "built-in recognizers are missing" in run.stderr
    assert BUILTIN_FILES[0] in run.stderr
    assert not (out / "inventory.csv").exists()


def test_inspect_without_them_stops_too(tmp_path: Path) -> None:
    env = _without_recognizers(tmp_path)
    roster = next(SHARE.rglob("*.xlsx"))
    run = subprocess.run(
        [sys.executable, "-m", "pi_scan", "inspect", str(roster)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "built-in recognizers are missing" in run.stderr + run.stdout
