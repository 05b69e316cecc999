#!/usr/bin/env python3
"""Set-up and everyday tasks, with nothing but Python 3.11+ and pip on the machine.

    python3 tasks.py demo    # create .venv, install pi-scan, scan the bundled sample share
    python3 tasks.py test    # create .venv, install pi-scan with test tools, lint and run tests
    python3 tasks.py bench   # run the benchmarks (see benchmarks/README.md)

Safe to run again: the virtualenv is reused and pip only installs what changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be run by an older python3
        sys.exit(f"pi-scan needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    sh(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[dev]")


def demo() -> None:
    ensure_venv()
    # The demo keeps its inventory database and person-key secret inside the repo (.pi-scan/,
    # git-ignored) so it never touches a real installation's state.
    env = dict(os.environ, PI_SCAN_HOME=str(ROOT / ".pi-scan"))
    sh(BIN / "pi-scan", "scan", "fixtures/sample_share", "--output", "scan-output", env=env)
    print(f"\nresults: {ROOT / 'scan-output'} (inventory.csv, findings.csv, summary.json)")
    # `pi-scan report` alone reads the default inventory, not the demo's: say where it is
    db = Path(".pi-scan") / "inventory.sqlite"
    pi_scan = BIN.relative_to(ROOT) / "pi-scan"
    print(f"inventory of the demo: {ROOT / db} (kept apart from a real installation's)")
    print("its report:")
    print(f"  {pi_scan} report --db {db}")
    print(f"  {pi_scan} report --db {db} --html report.html --xlsx report.xlsx")


def test() -> None:
    ensure_venv()
    code = ("src", "tests", "fixtures", "benchmarks", "tasks.py")
    sh(BIN / "ruff", "check", *code)
    sh(BIN / "ruff", "format", "--check", *code)
    sh(BIN / "lint-imports")  # the one-way data flow of ARCHITECTURE.md, as a contract
    sh(PY, "-m", "pytest", "-q", *sys.argv[2:])


def bench() -> None:
    ensure_venv()
    sh(PY, "benchmarks/run_all.py", *sys.argv[2:])


TASKS = {"demo": demo, "test": test, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(f"usage: python3 tasks.py {{{'|'.join(TASKS)}}}")
    TASKS[sys.argv[1]]()
