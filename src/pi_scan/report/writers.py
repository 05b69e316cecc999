"""Writers of the ``--output`` folder: inventory.csv, findings.csv, summary.json.

Files are written beside their final name and renamed into place, summary.json last, so a
folder whose summary.json exists is complete: a killed scan never leaves one looking complete.
They are created readable by their owner only (0600; a folder made here 0700).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pi_scan.model import (
    FINDING_COLUMNS,
    INVENTORY_COLUMNS,
    FindingRow,
    InventoryRow,
    ScanSummary,
)

PRIVATE_FILE = 0o600  # what pi-scan writes is a map of where personal data lives
PRIVATE_FOLDER = 0o700


def open_private(path: Path, mode: str = "w", **kwargs: Any):
    """``open(path, mode)`` for writing, the file readable and writable by its owner only
    (0600), whatever the umask, and also when it was already there."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def _replace_atomically(target: Path, write) -> None:
    tmp = target.with_name(f".{target.name}.partial")
    with open_private(
        tmp, "w", encoding="utf-8-sig" if target.suffix == ".csv" else "utf-8", newline=""
    ) as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def write_csv(target: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """UTF-8 with BOM and CRLF, every field quoted when needed: what Excel opens correctly."""

    def write(fh) -> None:
        writer = csv.DictWriter(
            fh, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})

    _replace_atomically(target, write)


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    return value


def write_json(target: Path, data: dict[str, Any]) -> None:
    _replace_atomically(target, lambda fh: json.dump(data, fh, ensure_ascii=False, indent=2))


def write_outputs(
    output_dir: Path,
    rows: Sequence[InventoryRow],
    findings: Sequence[FindingRow],
    summary: ScanSummary,
) -> dict[str, Path]:
    output_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    done = output_dir / "summary.json"
    if done.exists():
        done.unlink()  # the folder is incomplete until the new summary lands
    paths = {
        "inventory": output_dir / "inventory.csv",
        "findings": output_dir / "findings.csv",
        "summary": done,
    }
    write_csv(paths["inventory"], INVENTORY_COLUMNS, (r.cells() for r in rows))
    write_csv(paths["findings"], FINDING_COLUMNS, (_finding_cells(f) for f in findings))
    write_json(paths["summary"], summary.as_json())
    return paths


def _finding_cells(finding: FindingRow) -> dict[str, Any]:
    return {name: getattr(finding, name) for name in FINDING_COLUMNS}
