"""Outputs: the canonical inventory row, and writers of the files in ``--output``."""

from pi_scan.report.rows import (
    INVENTORY_COLUMNS,
    escape_path,
    finding_row,
    inventory_row,
)
from pi_scan.report.rows import (
    column_label as column_label_for,
)
from pi_scan.report.writers import write_outputs

__all__ = [
    "INVENTORY_COLUMNS",
    "column_label_for",
    "escape_path",
    "finding_row",
    "inventory_row",
    "write_outputs",
]
