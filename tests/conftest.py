"""Shared test set-up: no test touches the real pi-scan state directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("pi-scan-home")
    monkeypatch.setenv("PI_SCAN_HOME", str(home))
    return home
