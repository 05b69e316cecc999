"""``--help``: flags without a ``<bool>`` after them, the help option in Japanese and English."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pi_scan.cli import HELP_OPTION_TEXT, app


@pytest.mark.parametrize("args", [[], ["scan"], ["report"], ["export"], ["inspect"]])
def test_help_has_no_bool_metavar_and_is_translated(args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "Show this message and exit." not in result.output
    assert HELP_OPTION_TEXT in result.output
