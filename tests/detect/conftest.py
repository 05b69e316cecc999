from __future__ import annotations

import pandas as pd
import pytest

from pi_scan.config import ScanConfig
from pi_scan.detect import Detector
from pi_scan.model import Dataset, DatasetKind, FileRef

REF = FileRef("/r", "a.csv", "/r/a.csv", 1, "2024-01-01T00:00:00", "u", 0o644, False)


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(ScanConfig())


def table(data: dict[str, list[str]]) -> Dataset:
    return Dataset(REF, kind=DatasetKind.TABLE, table=pd.DataFrame(data))


def text(body: str) -> Dataset:
    return Dataset(REF, kind=DatasetKind.TEXT, text=body)


@pytest.fixture(scope="session")
def make_table():
    return table


@pytest.fixture(scope="session")
def make_text():
    return text
