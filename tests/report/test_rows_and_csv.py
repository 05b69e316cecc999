"""Paths as the outputs print them, and the CSV writer every output table goes through."""

from __future__ import annotations

import csv
import re

import pytest

from pi_scan.model import (
    FINDING_COLUMNS,
    INVENTORY_COLUMNS,
    FindingRow,
    InventoryRow,
    PeopleEstimate,
    ScanSummary,
)
from pi_scan.report.outputs import rows
from pi_scan.report.outputs.rows import escape_path
from pi_scan.report.outputs.writers import write_csv, write_outputs


def test_plain_japanese_paths_are_printed_as_they_are():
    path = "教務/3年1組 名簿（最新）.xlsx!シート1"
    assert escape_path(path) == path


@pytest.mark.parametrize(
    ("path", "printed"),
    [
        ("名簿\u202etxt.exe", "名簿\\u202etxt.exe"),
        ("a\\b", "a\\\\b"),
        ("x\udc8ey", "x\\x8ey"),
        ("行\n2", "行\\n2"),
        ("\ufeff名簿.csv", "\\ufeff名簿.csv"),
    ],
)
def test_invisible_control_and_undecodable_characters_are_escaped(path, printed):
    assert escape_path(path) == printed


def test_every_code_point_is_printed_as_the_character_by_character_rule_says(monkeypatch):
    # escape_path returns a path untouched when no character of it needs escaping: that quick
    # test must agree with the rule for every character there is
    quick = [escape_path(chr(c)) for c in range(0x110000)]
    monkeypatch.setattr(rows, "_ESCAPED", re.compile(".", re.DOTALL))  # always the full rule
    assert quick == [escape_path(chr(c)) for c in range(0x110000)]


def test_csv_for_excel_columns_in_order_missing_cells_empty_lists_joined(tmp_path):
    target = tmp_path / "t.csv"
    write_csv(
        target,
        ["path", "categories", "records"],
        [
            {"records": 3, "path": "名簿.csv", "categories": ("PERSON", "PHONE"), "other": "x"},
            {"path": 'a,"b"'},
        ],
    )
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    assert data[3:].decode("utf-8") == (
        'path,categories,records\r\n名簿.csv,PERSON | PHONE,3\r\n"a,""b""",,\r\n'
    )


def test_scan_outputs_give_each_column_its_own_field(tmp_path):
    # inventory.csv and findings.csv are written from the rows' cells and the findings' fields
    # in the columns' order, without a dict a row: each column must still hold its own field
    row = InventoryRow(
        path="教務/名簿.xlsx",
        dataset="1組",
        categories=("PERSON", "PHONE"),
        records=40,
        individuals=38,
        owner="t",
        flags=("risky_location",),
        note="注記",
    )
    finding = FindingRow(
        path=row.path,
        dataset=row.dataset,
        column="氏名",
        entity="PERSON",
        role="guardian",
        confidence=0.875,
        hit_rate=0.95,
        sample_size=40,
        evidence="header",
        masked_samples=("山田 **", "佐藤 **"),
    )
    summary = ScanSummary(
        scan_id=1,
        started="s",
        finished="f",
        roots=("/share",),
        version="t",
        people=PeopleEstimate(1, 1, 1),
        threshold=5000,
    )
    paths = write_outputs(tmp_path / "out", [row], [finding], summary)
    with paths["inventory"].open(encoding="utf-8-sig", newline="") as fh:
        (written,) = list(csv.DictReader(fh))
    assert written == {k: str(v) for k, v in row.cells().items()}
    assert list(written) == list(INVENTORY_COLUMNS)
    with paths["findings"].open(encoding="utf-8-sig", newline="") as fh:
        (written,) = list(csv.DictReader(fh))
    expected = {name: str(getattr(finding, name)) for name in FINDING_COLUMNS}
    assert written == {**expected, "masked_samples": "山田 ** | 佐藤 **"}
