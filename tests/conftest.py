"""Shared test set-up: no test touches the real pi-scan state directory; which files the per-file
work ran on."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("pi-scan-home")
    monkeypatch.setenv("PI_SCAN_HOME", str(home))
    return home


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the per-file work ran on (in this process: ``in_process`` scans)."""
    from pi_scan import analysis

    seen: list[str] = []
    real = analysis.analyse_file

    def counting(ref, *args, **kw):
        seen.append(ref.rel_path)
        return real(ref, *args, **kw)

    monkeypatch.setattr(analysis, "analyse_file", counting)
    return seen
