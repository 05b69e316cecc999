"""After the scan: ``outputs/`` (what a scan leaves: the canonical rows, the ``--output`` files,
the ledgers, the run log) and ``views/`` (what people read: terminal, HTML, Excel), both fed from
``content.py`` (what the reports say) and written by ``files.py`` (atomic, owner-only).

The pipeline's entry points are re-exported here."""

from pi_scan.report.outputs.rows import (
    INVENTORY_COLUMNS,
    escape_path,
    finding_row,
    inventory_row,
)
from pi_scan.report.outputs.rows import (
    column_label as column_label_for,
)
from pi_scan.report.outputs.writers import write_outputs

__all__ = [
    "INVENTORY_COLUMNS",
    "column_label_for",
    "escape_path",
    "finding_row",
    "inventory_row",
    "write_outputs",
]
