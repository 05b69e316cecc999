"""Fixtures of the report tests: inventories stored as a scan would store them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from report_inventory import store

from pi_scan.inventory import Inventory


@pytest.fixture
def inventory_path(tmp_path: Path) -> Path:
    """Three scans: 250 days ago (outside the six-month window), 60 days ago, yesterday."""
    path = tmp_path / "inventory.sqlite"
    now = datetime.now(tz=UTC)
    with Inventory(path) as inv:
        store(inv, now - timedelta(days=250), 6100, 5900, 6400)
        store(inv, now - timedelta(days=60), 5200, 4700, 5600)
        store(inv, now - timedelta(days=1), 4811, 4523, 5127)
    return path


@pytest.fixture
def add_scan(inventory_path: Path) -> Callable[..., int]:
    """Store one more scan (today) with other datasets."""

    def add(**kw: Any) -> int:
        with Inventory(inventory_path) as inv:
            return store(inv, datetime.now(tz=UTC), 4700, 4400, 5000, **kw)

    return add
