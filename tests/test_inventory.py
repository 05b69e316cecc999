from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pi_scan.inventory import _MIGRATIONS, SCHEMA_VERSION, Inventory, InventoryError
from pi_scan.model import (
    FileRef,
    FindingRow,
    InventoryRow,
    PeopleEstimate,
    ScanSummary,
    Status,
)
from pi_scan.report.content import history_of, peak_before


def _summary(estimate: int, finished: str, threshold: int = 5000) -> ScanSummary:
    return ScanSummary(
        scan_id=0,
        started=finished,
        finished=finished,
        roots=("/share",),
        version="t",
        people=PeopleEstimate(estimate, estimate - 10, estimate + 5),
        threshold=threshold,
        files_scanned=3,
        datasets=4,
        pi_databases=2,
        unreadable=1,
    )


def _finding(row: InventoryRow, column: str, sample: str) -> FindingRow:
    return FindingRow(
        path=row.path,
        dataset=row.dataset,
        column=column,
        entity="PERSON",
        role="self",
        confidence=0.9,
        hit_rate=0.95,
        sample_size=40,
        evidence="header",
        masked_samples=(sample,),
    )


def _store(inv: Inventory, estimate: int, finished: str) -> int:
    row = InventoryRow(path="教務/名簿.xlsx", dataset="1組", status=Status.OK, root="/share")
    finding = _finding(row, "氏名", "山田 **")
    ref = FileRef(
        root="/share",
        rel_path="教務/名簿.xlsx",
        abs_path="/share/教務/名簿.xlsx",
        size_bytes=10,
        modified=finished,
        owner="u",
        mode=0o644,
        world_readable=True,
    )
    return inv.store_scan(_summary(estimate, finished), [ref], datasets=[(row, [finding])])


def test_schema_is_created_and_versioned(tmp_path: Path) -> None:
    with Inventory(tmp_path / "inv.sqlite") as inv:
        assert inv.schema_version == SCHEMA_VERSION
    with Inventory(tmp_path / "inv.sqlite") as inv:  # re-open: no migration re-run
        assert inv.schema_version == SCHEMA_VERSION


def test_a_version_3_inventory_drops_its_per_scan_person_records(tmp_path: Path) -> None:
    # Version 3 stored every person record again with every scan; version 4 keeps them once
    # per file (file_cache), in a new format, so the old ones and the old cache go.
    path = tmp_path / "inv.sqlite"
    con = sqlite3.connect(path)
    con.executescript("".join(_MIGRATIONS[v] for v in (1, 2, 3)))
    con.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '3')")
    con.execute(
        "INSERT INTO scans(started, state, roots, tool_version, threshold) "
        "VALUES ('t', 'completed', '[]', 'old', 5000)"
    )
    con.execute("INSERT INTO datasets(scan_id, seq, root, row_json) VALUES (1, 0, '/s', '{}')")
    con.execute("INSERT INTO person_records(dataset_id, row, name) VALUES (1, 0, 'ab')")
    con.execute("INSERT INTO file_cache VALUES ('/s', 'a.csv', 1, 1, 'f', x'00')")
    con.commit()
    con.close()
    with Inventory(path) as inv:
        assert inv.schema_version == SCHEMA_VERSION
        assert [s.id for s in inv.scans()] == [1]  # the history stays
        assert inv.cached_files() == {}
        tables = {r[0] for r in inv.conn.execute("SELECT name FROM sqlite_master")}
        assert "person_records" not in tables


def test_a_version_4_inventory_is_masked_again(tmp_path: Path) -> None:
    # Version 4 kept samples masked from the whole cell (a record mis-split into one cell kept
    # everything but its address tail) and labels that could hold a value: version 5 masks the
    # stored findings again and drops the cached per-file results.
    path = tmp_path / "inv.sqlite"
    con = sqlite3.connect(path)
    con.executescript("".join(_MIGRATIONS[v] for v in (1, 2, 3, 4)))
    con.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '4')")
    con.execute(
        "INSERT INTO scans(started, state, roots, tool_version, threshold) "
        "VALUES ('t', 'completed', '[]', 'old', 5000)"
    )
    con.execute("INSERT INTO datasets(scan_id, seq, root, row_json) VALUES (1, 0, '/s', '{}')")
    leaky = '["S720862,池田 浩,アオキ ユミコ,2016-01-08,638-0771,岩手県長生郡****"]'
    con.execute(
        "INSERT INTO column_findings(dataset_id, column_label, entity, evidence, masked_samples)"
        " VALUES (1, '学籍番号小林 陽一', 'ADDRESS', 'header \"学籍番号小林 陽一\" + x', ?)",
        (leaky,),
    )
    con.execute("INSERT INTO file_cache VALUES ('/s', 'a.csv', 1, 1, 'f', x'00')")
    con.commit()
    con.close()
    with Inventory(path) as inv:
        assert inv.schema_version == SCHEMA_VERSION
        assert inv.cached_files() == {}
        ((f,),) = inv.column_findings(1).values()
        assert f.masked_samples == ("岩手県長生郡****",)
        assert "小林" not in repr(f) and "S720862" not in repr(f)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "inv.sqlite"
    Inventory(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(InventoryError, match="newer pi-scan"):
        Inventory(path)


def test_store_and_read_back(tmp_path: Path) -> None:
    now = datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with Inventory(tmp_path / "inv.sqlite") as inv:
        scan_id = _store(inv, 4321, now)
        assert inv.dataset_rows(scan_id) == [
            InventoryRow(path="教務/名簿.xlsx", dataset="1組", status=Status.OK, root="/share")
        ]
        assert inv.column_findings(scan_id)[0][0].masked_samples == ("山田 **",)
        latest = inv.latest_scan()
        assert latest is not None and latest.summary.people == PeopleEstimate(4321, 4311, 4326)
        assert latest.summary.roots == ("/share",) and latest.summary.datasets == 4


def test_six_month_peak(tmp_path: Path) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    with Inventory(tmp_path / "inv.sqlite") as inv:
        _store(inv, 9000, (now - timedelta(days=250)).strftime(fmt))  # too old to count
        _store(inv, 5100, (now - timedelta(days=100)).strftime(fmt))
        _store(inv, 4800, (now - timedelta(days=1)).strftime(fmt))
        peak = peak_before(history_of(inv), now)
        assert peak is not None and peak.estimate == 5100
        assert len(inv.scans()) == 3


def test_each_scan_keeps_its_datasets_findings_after_scans_and_deletions(tmp_path: Path) -> None:
    # datasets and findings go in with two statements a scan, their ids given by the inventory:
    # each finding must stay with its own dataset, scan after scan, even after old scans went
    def scan(inv: Inventory, n: int, datasets: int) -> int:
        rows = []
        for d in range(datasets):
            row = InventoryRow(path=f"s{n}/f{d}.csv", dataset="", status=Status.OK, root="/s")
            # none, one or two findings
            findings = [_finding(row, f"列{n}-{d}-{k}", f"山{n}{d} **") for k in range(d % 3)]
            rows.append((row, findings))
        return inv.store_scan(_summary(n, f"2026-12-0{n}T00:00:00+00:00"), [], datasets=rows)

    with Inventory(tmp_path / "inv.sqlite") as inv:
        first = scan(inv, 1, 5)
        second = scan(inv, 2, 4)
        inv.conn.execute("PRAGMA foreign_keys=ON")
        with inv.transaction() as c:
            c.execute("DELETE FROM scans WHERE id=?", (second,))  # the newest ids go
        third = scan(inv, 3, 6)
        for scan_id, n, datasets in ((first, 1, 5), (third, 3, 6)):
            rows = inv.dataset_rows(scan_id)
            assert [r.path for r in rows] == [f"s{n}/f{d}.csv" for d in range(datasets)]
            found = inv.column_findings(scan_id)
            for d in range(datasets):
                columns = [f.column for f in found.get(d, [])]
                assert columns == [f"列{n}-{d}-{k}" for k in range(d % 3)]
                assert all(f.path == f"s{n}/f{d}.csv" for f in found.get(d, []))


def _roster_scan(inv: Inventory, day: int, changed: dict[int, str] | None = None) -> int:
    """Three files of a dataset with one finding each; ``changed`` gives some of them another
    sample and a new modification time."""
    datasets, files = [], []
    for d in range(3):
        path = f"教務/名簿{d}.xlsx"
        sample = (changed or {}).get(d, f"山田{d} **")
        modified = f"2026-12-0{day}T00:00:00" if d in (changed or {}) else "2026-11-01T00:00:00"
        row = InventoryRow(path=path, dataset="", status=Status.OK, root="/s", modified=modified)
        datasets.append((row, [_finding(row, "氏名", sample)]))
        files.append(FileRef("/s", path, f"/s/{path}", 10, modified, "u", 0o600, False))
    return inv.store_scan(_summary(10, f"2026-12-{day:02d}T00:00:00+00:00"), files, datasets)


def _stored_counts(inv: Inventory) -> tuple[int, int, int]:
    """Rows, findings and file lines stored (whichever scans list them)."""
    return tuple(  # type: ignore[return-value]
        inv.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("dataset_contents", "content_findings", "file_states")
    )


def _files_of(inv: Inventory, scan_id: int) -> list[tuple[str, str]]:
    return inv.conn.execute(
        "SELECT s.path, s.modified FROM scan_files f JOIN file_states s ON s.id = f.state_id "
        "WHERE f.scan_id=? ORDER BY f.seq",
        (scan_id,),
    ).fetchall()


def test_an_unchanged_scan_stores_its_rows_once_and_each_scan_reads_its_own(
    tmp_path: Path,
) -> None:
    # A nightly scan of an unchanged share lists the same rows: they are stored once, and
    # a row that changed is stored anew while the older scans keep reading their own.
    with Inventory(tmp_path / "inv.sqlite") as inv:
        first = _roster_scan(inv, 1)
        assert _stored_counts(inv) == (3, 3, 3)
        second = _roster_scan(inv, 2)
        assert _stored_counts(inv) == (3, 3, 3)
        third = _roster_scan(inv, 3, changed={1: "佐藤 **"})
        assert _stored_counts(inv) == (4, 4, 4)
        assert _files_of(inv, second) == [
            (f"教務/名簿{d}.xlsx", "2026-11-01T00:00:00") for d in range(3)
        ]
        assert _files_of(inv, third)[1] == ("教務/名簿1.xlsx", "2026-12-03T00:00:00")
        for scan_id in (first, second):
            found = inv.column_findings(scan_id)
            assert [found[d][0].masked_samples for d in range(3)] == [
                ("山田0 **",),
                ("山田1 **",),
                ("山田2 **",),
            ]
            assert [r.path for r in inv.dataset_rows(scan_id)] == [
                f"教務/名簿{d}.xlsx" for d in range(3)
            ]
        found = inv.column_findings(third)
        assert [found[d][0].masked_samples for d in range(3)] == [
            ("山田0 **",),
            ("佐藤 **",),
            ("山田2 **",),
        ]
        assert found[1][0].path == "教務/名簿1.xlsx"


def test_a_version_5_inventory_keeps_its_scans_with_their_rows_stored_once(
    tmp_path: Path,
) -> None:
    # Version 5 stored every scan's rows and findings again; version 6 moves them to rows
    # stored once: each old scan reads back what it read before, and the old tables go.
    path = tmp_path / "inv.sqlite"
    con = sqlite3.connect(path)
    con.executescript("".join(_MIGRATIONS[v] for v in range(1, 6)))
    con.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '5')")
    samples = {1: ["山田 **", "佐藤 **"], 2: ["山田 **", "佐藤 **"], 3: ["山田 **", "鈴木 **"]}
    for scan_id, (first, second) in samples.items():
        con.execute(
            "INSERT INTO scans(id, started, state, roots, tool_version, threshold) "
            "VALUES (?, 't', 'completed', '[\"/s\"]', 'old', 5000)",
            (scan_id,),
        )
        for seq, sample in enumerate((first, second)):
            row = InventoryRow(path=f"名簿{seq}.csv", dataset="", status=Status.OK, root="/s")
            cur = con.execute(
                "INSERT INTO datasets(scan_id, seq, root, row_json) VALUES (?, ?, '/s', ?)",
                (scan_id, seq, json.dumps(row.cells(), ensure_ascii=False)),
            )
            con.execute(
                "INSERT INTO files(scan_id, root, path, size_bytes, modified, owner, mode,"
                " world_readable, status, reason)"
                " VALUES (?, '/s', ?, 10, ?, 'u', 384, 0, 'ok', '')",
                (scan_id, f"名簿{seq}.csv", "2026-11-01" if seq == 0 else f"2026-11-0{scan_id}"),
            )
            con.execute(
                "INSERT INTO column_findings(dataset_id, column_label, entity, role, confidence,"
                " hit_rate, sample_size, evidence, masked_samples)"
                " VALUES (?, '氏名', 'PERSON', 'self', 0.9, 1.0, 20, 'header', ?)",
                (cur.lastrowid, json.dumps([sample], ensure_ascii=False)),
            )
    con.commit()
    con.close()
    with Inventory(path) as inv:
        assert inv.schema_version == SCHEMA_VERSION
        assert [s.id for s in inv.scans()] == [1, 2, 3]
        for scan_id, expected in samples.items():
            assert [r.path for r in inv.dataset_rows(scan_id)] == ["名簿0.csv", "名簿1.csv"]
            found = inv.column_findings(scan_id)
            assert [found[seq][0].masked_samples[0] for seq in (0, 1)] == expected
            assert found[1][0].path == "名簿1.csv"
        # 名簿0 once, 名簿1 with 佐藤 and with 鈴木; the file 名簿0 once, 名簿1 each day
        assert _stored_counts(inv) == (3, 3, 4)
        assert _files_of(inv, 2) == [("名簿0.csv", "2026-11-01"), ("名簿1.csv", "2026-11-02")]
        tables = {r[0] for r in inv.conn.execute("SELECT name FROM sqlite_master")}
        assert not tables & {"datasets", "column_findings", "files"}
        # a scan after the move lists the moved rows without storing them again
        row = InventoryRow(path="名簿0.csv", dataset="", status=Status.OK, root="/s")
        finding = FindingRow(
            "名簿0.csv", "", "氏名", "PERSON", "self", 0.9, 1.0, 20, "header", ("山田 **",)
        )
        inv.store_scan(_summary(10, "2026-12-04T00:00:00+00:00"), [], [(row, [finding])])
        assert _stored_counts(inv) == (3, 3, 4)
