"""Builds the detection machinery once per process. (First cut: replaced by the real one.)"""

from __future__ import annotations

from pi_scan.config import ScanConfig
from pi_scan.model import Dataset, DatasetKind, Findings


class Detector:
    def __init__(self, config: ScanConfig) -> None:
        self.config = config

    def detect(self, dataset: Dataset) -> Findings:
        if dataset.kind is DatasetKind.TABLE and dataset.table is not None:
            return Findings(records=len(dataset.table))
        return Findings()
