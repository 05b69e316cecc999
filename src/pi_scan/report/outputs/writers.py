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
    """UTF-8 with BOM and CRLF, every field quoted when needed: what Excel opens correctly.
    csv.DictWriter's rows (other keys ignored, a missing one empty); a list or tuple is one
    cell, its items joined by " | "."""
    names = list(columns)
    write_csv_cells(target, names, ([_cell(row.get(name, "")) for name in names] for row in rows))


def write_csv_cells(target: Path, columns: Sequence[str], rows: Iterable[Iterable[Any]]) -> None:
    """:func:`write_csv` of rows given as their cells, in the columns' order (a share's
    findings.csv has millions of cells: no dict per row)."""

    def write(fh) -> None:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(rows)

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
    # cells() and the finding's fields are in the columns' order (model: the CSV contract)
    write_csv_cells(paths["inventory"], INVENTORY_COLUMNS, (r.cells().values() for r in rows))
    write_csv_cells(paths["findings"], FINDING_COLUMNS, map(_finding_cells, findings))
    write_json(paths["summary"], summary.as_json())
    return paths


def _finding_cells(f: FindingRow) -> tuple[Any, ...]:
    *fields, samples = f.values()
    return (*fields, _cell(samples))
