"""The ``export`` and ``report`` commands on a stored inventory: options, outputs, exit codes."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from pi_scan.cli import app

runner = CliRunner(env={"COLUMNS": "200"})


@dataclass(frozen=True)
class Run:
    exit_code: int
    output: str  # whitespace collapsed: the terminal may wrap lines anywhere


def _run(*args: object) -> Run:
    result = runner.invoke(app, [str(a) for a in args])
    return Run(result.exit_code, " ".join(result.output.split()))


def test_export_registry(inventory_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "台帳.csv"
    result = _run("export", "--format", "registry", "--output", out, "--db", inventory_path)
    assert result.exit_code == 0, result.output
    assert "7 行" in result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_format_from_extension_and_scan_option(inventory_path: Path, tmp_path: Path) -> None:
    result = _run("export", "-o", tmp_path / "l.xlsx", "--db", inventory_path, "--scan", "1")
    assert result.exit_code == 0, result.output
    assert "xlsx" in result.output and "scan #1" in result.output
    result = _run("export", "-o", tmp_path / "l.json", "--db", inventory_path)
    assert result.exit_code == 0 and "json" in result.output


def test_export_merge_reports_counts(inventory_path: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    assert _run("export", "-o", first, "--db", inventory_path).exit_code == 0
    result = _run("export", "-o", tmp_path / "b.csv", "--merge", first, "--db", inventory_path)
    assert result.exit_code == 0, result.output
    assert "継続 / kept 7, 新規 / new 0, 消失 / gone 0" in result.output


def test_export_errors(inventory_path: Path, tmp_path: Path) -> None:
    not_ledger = tmp_path / "x.csv"
    not_ledger.write_text("a,b\n1,2\n", encoding="utf-8")
    bad = _run("export", "-o", tmp_path / "o.csv", "--merge", not_ledger, "--db", inventory_path)
    assert bad.exit_code == 2
    missing = _run("export", "-o", tmp_path / "o.csv", "--db", tmp_path / "none.sqlite")
    assert missing.exit_code == 4
    unknown = _run("export", "-o", tmp_path / "o.csv", "--db", inventory_path, "--scan", "99")
    assert unknown.exit_code == 4
    wrong = _run("export", "-o", tmp_path / "o.csv", "--db", inventory_path, "--format", "pdf")
    assert wrong.exit_code == 2
    assert not (tmp_path / "o.csv").exists()


def test_report_terminal_html_xlsx(inventory_path: Path, tmp_path: Path) -> None:
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    result = _run("report", "--db", inventory_path, "--html", html, "--xlsx", xlsx)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "4,811" in text and "4,523–5,127" in text and "5,000" in text
    assert "5,200" in text  # six-month peak
    assert "名簿のコピー.xlsx" in text  # risky location
    assert "事務/給与.xlsx (encrypted)" in text
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert xlsx.read_bytes()[:2] == b"PK"


def test_report_older_scan(inventory_path: Path, tmp_path: Path) -> None:
    result = _run("report", "--db", inventory_path, "--scan", "2", "--html", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="estimate">5,200' in html
    assert "4,811" not in html  # a later scan is not part of scan #2's history


def test_help_is_bilingual() -> None:
    for command in ("export", "report", "scan"):
        text = _run(command, "--help").output
        assert any("\u3040" <= ch <= "\u30ff" for ch in text), command  # Japanese
        assert "the" in text or "write" in text, command  # English
    scan_help = _run("scan", "--help").output
    assert "--log-file" in scan_help and "--log-json" in scan_help
    assert "--fail-on-threshold" in scan_help


def test_ledger_csv_opens_with_the_csv_module(inventory_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "l.csv"
    _run("export", "-o", out, "--db", inventory_path)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len({len(r) for r in rows}) == 1  # every row has every column
