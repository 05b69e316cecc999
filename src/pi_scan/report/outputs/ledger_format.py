"""The ledger formats ``pi-scan export --format`` writes: apart from the ledger's writers, so
the command line names them without loading what writes them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class LedgerFormat(StrEnum):
    REGISTRY = "registry"  # CSV, UTF-8 with BOM
    CSV = "csv"  # alias of registry
    JSON = "json"
    XLSX = "xlsx"
    # the public sector's 個人情報ファイル簿 (report/outputs/filebook.py); CSV, xlsx or JSON from
    # the output's extension
    FILEBOOK = "filebook"

    @classmethod
    def for_path(cls, path: Path) -> LedgerFormat:
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            return cls.XLSX
        if suffix == ".json":
            return cls.JSON
        return cls.REGISTRY
