"""Writers of the ``--output`` folder: inventory.csv, findings.csv, summary.json.

Files are written beside their final name and renamed into place, summary.json last, so a
folder whose summary.json exists is complete: a killed scan never leaves one looking complete.
They are created readable by their owner only (0600; a folder made here 0700): report/files.py.
"""

from __future__ import annotations

import csv
import json
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
from pi_scan.report.files import PRIVATE_FOLDER, replaced_atomically


def write_csv(target: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """UTF-8 with BOM and CRLF, every field quoted when needed: what Excel opens correctly."""

    names = list(columns)

    def write(fh) -> None:
        # csv.DictWriter's rows (other keys ignored, a missing one empty), without its dict and
        # generator per row: a share's findings.csv has millions of cells
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(name, "")) for name in names])

    # a BOM is what makes Excel read a .csv as UTF-8 (another name: whatever the user asked for)
    encoding = "utf-8-sig" if target.suffix == ".csv" else "utf-8"
    with replaced_atomically(target, "w", encoding=encoding, newline="") as fh:
        write(fh)


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):  # a tuple of types: tested faster than a union
        return " | ".join(str(v) for v in value)
    return value


def write_json(target: Path, data: dict[str, Any]) -> None:
    with replaced_atomically(target, "w", encoding="utf-8", newline="") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)


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
