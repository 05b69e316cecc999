"""Each defence on its own: package checks, sheet measuring, safe opening, names, PDFs, tables."""

from __future__ import annotations

import io
import logging
import os
import random
import threading
import time
import zipfile
from pathlib import Path

import pytest

from pi_scan.config import Limits, ScanConfig
from pi_scan.discover import discover
from pi_scan.extract import extract_file
from pi_scan.extract.packages import declares_doctype, overlapping
from pi_scan.extract.tabular import unique_columns
from pi_scan.model import FileRef, Status
from pi_scan.pipeline import run_scan
from pi_scan.report.outputs.rows import escape_path

from . import generate as gen

ROWS = gen.roster(random.Random(5), 6)


def _ref(root: Path, rel: str) -> FileRef:
    return FileRef(str(root), rel, f"{root}/{rel}", 0, "", "", 0o644, True)


def _extract(path: Path, **limits: int) -> list:
    config = ScanConfig(limits=Limits(**limits)) if limits else ScanConfig()
    return extract_file(_ref(path.parent, path.name), config)


def _reads(data: bytes) -> bool:
    return declares_doctype(io.BytesIO(data).read)


# ---------------------------------------------------------------- packages and their XML


def test_a_dtd_is_found_however_it_is_hidden() -> None:
    xxe = '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>'
    assert _reads(f'<?xml version="1.0"?>\n{xxe}'.encode())
    assert _reads(("<!--" + "x" * 200_000 + "-->" + xxe).encode())  # past the first chunk
    assert _reads(f'<?xml version="1.0" encoding="UTF-16"?>{xxe}'.encode("utf-16"))
    assert _reads(f"<?xml version='1.0'?>{xxe}".encode("utf-16-le"))  # no BOM
    assert _reads(b"\xef\xbb\xbf<?pi x?>\n<!-- c -->" + xxe.encode())
    assert _reads(b"<!--" + b"x" * 2_000_000)  # a prolog that never ends is not Office's
    assert not _reads(b'<?xml version="1.0"?>\n<worksheet><!DOCTYPE in content?></worksheet>')
    assert not _reads(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert not _reads(b"")


def test_office_packages_with_a_dtd_are_refused_before_any_parser(tmp_path: Path) -> None:
    for ext, data in (
        (".xlsx", gen.package(gen.xlsx_parts([("S", gen.sheet_xml(ROWS))], None))),
        (".docx", gen.package(gen.docx_parts(gen.docx_document_xml(["x"], ROWS)))),
        (".ods", gen.ods_bytes(gen.ods_content(ROWS))),
    ):
        good = tmp_path / f"good{ext}"
        good.write_bytes(data)
        assert all(d.status is Status.OK for d in _extract(good))
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = {i.filename: zf.read(i) for i in zf.infolist()}
        name = next(n for n in parts if n.endswith(("sheet1.xml", "document.xml", "content.xml")))
        head, sep, rest = parts[name].decode().partition("?>")
        parts[name] = (head + sep + gen.laughs() + rest).encode()
        bad = tmp_path / f"bad{ext}"
        bad.write_bytes(gen.zip_of(list(parts.items())))
        (dataset,) = _extract(bad)
        assert dataset.status is Status.SKIPPED
        assert dataset.error.startswith("xml entity expansion refused"), dataset.error


def test_overlapping_members_are_a_bomb(tmp_path: Path) -> None:
    member = gen.stored_member("a.csv", b"x" * 1000)
    body = gen.raw_zip([member, member], offsets=[0, 0])
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        assert overlapping(zf.infolist())
    with zipfile.ZipFile(io.BytesIO(gen.zip_of([("a", b"1"), ("b", b"2")]))) as zf:
        assert not overlapping(zf.infolist())
    path = tmp_path / "overlap.zip"
    path.write_bytes(body)
    (dataset,) = _extract(path)
    assert (dataset.status, dataset.error) == (
        Status.SKIPPED,
        "zip bomb suspected: members overlap in the archive",
    )


# ------------------------------------------------------------------------- sheet sizes


def test_a_far_cell_is_measured_not_laid_out(tmp_path: Path) -> None:
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    sheets = [("名簿", gen.sheet_xml(ROWS)), ("罠", gen.sheet_xml(ROWS, extra_cells=far))]
    path = tmp_path / "far.xlsx"
    path.write_bytes(gen.package(gen.xlsx_parts(sheets, None)))
    by_name = {d.name: d for d in _extract(path)}  # calamine would abort the process
    assert by_name["名簿"].status is Status.OK
    # not laid out: read row by row from its XML, the far cell (past 4,096 columns) dropped
    trap = by_name["罠"]
    assert trap.status is Status.OK
    assert trap.error == (
        "read row by row (sheet too large: its cells reach row 1,048,576 and column 16,384, "
        "over the 5,000,000-cell limit)"
    )
    assert trap.table is not None and trap.table.equals(by_name["名簿"].table)


def test_a_table_far_down_is_measured_by_its_rectangle_and_its_rows_from_the_top(
    tmp_path: Path,
) -> None:
    # A roster pasted below 900,000 empty rows: few cells, but every row above it comes out
    # of the parser one by one, so that part is bounded at ten times the cell limit.
    sheet = gen.sheet_xml(ROWS, row_offset=900_000)
    path = tmp_path / "low.xlsx"
    path.write_bytes(gen.package(gen.xlsx_parts([("名簿", sheet)], None)))
    width = len(ROWS[0])
    (dataset,) = _extract(path, max_sheet_cells=1_000_000)
    assert dataset.status is Status.OK, dataset.error
    assert dataset.table is not None and len(dataset.table) == len(ROWS) - 1  # header, then people
    (streamed,) = _extract(path, max_sheet_cells=(900_000 + len(ROWS)) * width // 10 - 1)
    assert streamed.status is Status.OK  # read row by row: the empty rows cost nothing
    assert "its cells reach row 900,007 and column 6" in streamed.error
    assert streamed.table is not None and streamed.table.equals(dataset.table)
    assert streamed.header_row == dataset.header_row == 900_000


def test_cells_without_references_are_placed_like_a_parser_would(tmp_path: Path) -> None:
    cells = "".join("<c><v>1</v></c>" for _ in range(300))
    rows = "".join(f"<row>{cells}</row>" for _ in range(40))
    sheet = gen.sheet_xml([], extra_cells=rows)
    path = tmp_path / "noref.xlsx"
    path.write_bytes(gen.package(gen.xlsx_parts([("S", sheet)], None)))
    (streamed,) = _extract(path, max_sheet_cells=10_000)
    assert streamed.error.startswith("read row by row (sheet too large")  # 40 x 300 cells
    (dataset,) = _extract(path, max_sheet_cells=12_000)
    assert dataset.status is Status.OK and dataset.error == ""
    assert streamed.table is not None and streamed.table.equals(dataset.table)


@pytest.mark.parametrize(
    ("extra", "limit", "fits"),
    [
        ("", 5_000_000, True),
        ("", len(ROWS) * len(ROWS[0]) - 1, False),  # the sure-fit test is not too generous
        # empty cells count too; one row more leaves room for a row 0
        ('<row r="9"><c r="AB9"/></row>', (9 + 1) * 28, True),
        ('<row r="9"><c r="AB9"/></row>', (9 + 1) * 28 - 1, False),
        ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', 5_000_000, False),
        ('<row r="9"><c><v>1</v></c></row>', 5_000_000, False),  # placed by position: measure
        ('<row r="9"><c s="1" r="A9"><v>1</v></c></row>', 5_000_000, False),  # r not first
        ('<row r="9"><x:c r="A9"><x:v>1</x:v></x:c></row>', 5_000_000, False),  # prefixed
    ],
)
def test_a_sheet_that_surely_fits_is_not_measured_cell_by_cell(
    extra: str, limit: int, fits: bool
) -> None:
    from pi_scan.extract import ooxml, sheetsize

    parts = gen.xlsx_parts([("S", gen.sheet_xml(ROWS, extra_cells=extra))], None)
    with zipfile.ZipFile(io.BytesIO(gen.package(parts))) as package:
        ((_, part),) = ooxml.xlsx_sheet_parts(package)
        limits = Limits(max_sheet_cells=limit)
        bound = sheetsize._xlsx_bound(package, part, limits)
        assert (bound is not None and sheetsize._bound_fits(bound, limits)) is fits
        if fits:  # a sure fit must never hide a sheet the exact measure refuses
            assert sheetsize._too_large(sheetsize._xlsx_extent(package, part), limits) == ""


def test_ods_repeats_count_only_when_they_hold_values(tmp_path: Path) -> None:
    tail = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = tmp_path / "libreoffice.ods"
    path.write_bytes(gen.ods_bytes(gen.ods_content(ROWS, extra=tail)))
    assert [d.status for d in _extract(path)] == [Status.OK]  # what LibreOffice writes
    bomb = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    path.write_bytes(gen.ods_bytes(gen.ods_content(ROWS, extra=bomb)))
    (dataset,) = _extract(path)
    assert dataset.status is Status.SKIPPED
    assert dataset.error.startswith("sheet too large: spans 1,048,007 rows x 16,384 columns")


def test_a_legacy_sheet_with_a_far_cell(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("a")
    sheet.write(0, 0, "氏名")
    sheet.write(65535, 255, "x")
    path = tmp_path / "far.xls"
    book.save(str(path))
    (dataset,) = _extract(path)
    assert dataset.status is Status.SKIPPED
    assert "65,536 rows x 256 columns" in dataset.error


# ---------------------------------------------------------------------------- opening


def test_a_file_swapped_for_a_link_or_a_fifo_after_discovery(tmp_path: Path) -> None:
    share = tmp_path / "share"
    (share / "dir").mkdir(parents=True)
    outside = tmp_path / "outside.csv"
    outside.write_bytes(gen.csv_bytes(ROWS))
    for rel in ("a.csv", "dir/b.csv", "c.csv"):
        (share / rel).write_bytes(gen.csv_bytes(ROWS))
    refs = {f.rel_path: f for f in discover([share], ScanConfig()).files}
    (share / "a.csv").unlink()
    os.symlink(outside, share / "a.csv")  # the file became a link out of the share
    os.rename(share / "dir", tmp_path / "dir")
    os.symlink(tmp_path / "dir", share / "dir")  # a folder became a link
    (share / "c.csv").unlink()
    os.mkfifo(share / "c.csv")  # opening a FIFO for reading would block for ever
    found = {}
    worker = threading.Thread(
        target=lambda: found.update(
            {rel: extract_file(refs[rel], ScanConfig())[0] for rel in refs}
        ),
        daemon=True,
    )
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "blocked on a FIFO"
    assert found["a.csv"].error == "path changed to a symbolic link during the scan: not followed"
    assert found["dir/b.csv"].error == found["a.csv"].error
    assert found["c.csv"].error == "not a regular file any more (fifo)"


def test_paths_longer_than_path_max_are_walked_and_read(tmp_path: Path) -> None:
    corpus = gen.Corpus(
        tmp_path, tmp_path / "share", tmp_path / "o", 0, 0, gen.Canary.make(random.Random(1))
    )
    corpus.share.mkdir()
    gen.deeper_than_path_max(gen.Maker(corpus, random.Random(2)))
    (entry,) = corpus.entries
    assert len(str(corpus.share / entry.path).encode()) > 4096
    (ref,) = discover([corpus.share], ScanConfig()).files
    assert ref.rel_path == entry.path
    (dataset,) = extract_file(ref, ScanConfig())
    assert dataset.status is Status.OK and len(dataset.table) >= 5


def test_folders_deeper_than_the_limit_are_reported(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["d"] * 12)
    deep.mkdir(parents=True)
    (deep / "x.csv").write_bytes(b"a,b\n1,2\n")
    files = discover([tmp_path], ScanConfig(limits=Limits(max_folder_depth=5))).files
    assert [(f.rel_path, f.status, f.reason) for f in files] == [
        ("d/d/d/d/d/d/", Status.SKIPPED, "folder nested deeper than 5 levels: not scanned")
    ]


def test_names_that_are_not_utf8_are_scanned_twice(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    raw = os.fsencode(share) + b"/\x82\xa0\xff\xfe\n.csv"
    with open(raw, "wb") as fh:
        fh.write(gen.csv_bytes(ROWS))
    config = ScanConfig(
        db_path=tmp_path / "db.sqlite", secret_path=tmp_path / "secret.key", in_process=True
    )
    first = run_scan([share], config, tmp_path / "out")
    second = run_scan([share], config, tmp_path / "out")  # from the inventory's cache
    assert second.summary.incremental is not None
    assert second.summary.incremental.files_reused == 1
    (row,) = second.rows
    assert row == first.rows[0]
    assert row.path == "\\x82\\xa0\\xff\\xfe\\n.csv"
    assert row.is_pi_database is True


def test_escape_path_makes_every_name_visible() -> None:
    assert escape_path("名簿_\u202etxt.exe") == "名簿_\\u202etxt.exe"
    assert escape_path("a\u0085b\u200bc") == "a\\u0085b\\u200bc"
    assert escape_path(os.fsdecode(b"\xff\\\t")) == "\\xff\\\\\\t"
    assert escape_path("普通の名前.xlsx") == "普通の名前.xlsx"


# ------------------------------------------------------------------------ PDFs, tables


def test_a_pdf_whose_page_count_lies(tmp_path: Path) -> None:
    pdf = gen.simple_pdf(["Tel 090-1234-5678"]).replace(b"/Count 1", b"/Count 2000000000")
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    (dataset,) = _extract(path)
    assert dataset.status is Status.OK
    assert "090-1234-5678" in dataset.text and dataset.error == ""


def test_pdf_pages_with_megabytes_of_operators_are_skipped(tmp_path: Path) -> None:
    corpus = gen.Corpus(tmp_path, tmp_path, tmp_path, 0, 0, gen.Canary.make(random.Random(1)))
    maker = gen.Maker(corpus, random.Random(3))
    started = time.monotonic()
    gen.pdf_heavy_content(maker)
    (dataset,) = _extract(tmp_path / corpus.entries[0].path)
    assert time.monotonic() - started < 20
    assert dataset.status is Status.SKIPPED
    assert dataset.error.startswith("PDF page content over the size limit")


def test_pypdf_says_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = seen.append  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    try:
        path = tmp_path / "loop.pdf"
        secret = "kanaria@example.jp"
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                gen._page(), gen._stream(gen._pdf_text([secret])), gen._FONT]  # fmt: skip
        path.write_bytes(gen.pdf_bytes(objs, prev=-1)[:-30] + b"(" + secret.encode() + b")")
        _extract(path)
    finally:
        logging.getLogger().removeHandler(handler)
    assert seen == []
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


def test_span_bombs_in_html_and_word_tables_are_bounded(tmp_path: Path) -> None:
    cells = "".join('<td colspan="1000" rowspan="1000">a</td>' for _ in range(40))
    html = "<html><table>" + f"<tr>{cells}</tr>" * 40 + "</table></html>"
    path = tmp_path / "export.xls"
    path.write_text(html)
    started = time.monotonic()
    (dataset,) = _extract(path)
    assert time.monotonic() - started < 10
    assert dataset.table is not None and dataset.table.shape[1] <= 4096
    assert "columns read" in dataset.error


def test_unique_column_names_in_linear_time() -> None:
    started = time.monotonic()
    names = unique_columns(["氏名"] * 50_000, range(50_000))
    assert time.monotonic() - started < 2
    assert names[:3] == ["氏名", "氏名(2)", "氏名(3)"] and len(set(names)) == 50_000


# ----------------------------------------------------------------------------- workers


def noisy_analyser(config: ScanConfig):  # named by "module:callable" for worker processes
    """A parser that prints what it read, logs it, warns about it, and then aborts."""

    def analyse(ref: FileRef) -> list:
        import sys
        import warnings

        secret = "kanaria.noisy@example.jp"
        print(secret)
        print(secret, file=sys.stderr)
        os.write(2, secret.encode())  # below Python, as a Rust panic message would be
        logging.getLogger("pypdf").warning(secret)
        logging.getLogger("anything").error(secret)
        warnings.warn(secret, stacklevel=1)
        if "CRASH" in ref.rel_path:
            os.abort()
        return []

    return analyse


def test_nothing_a_worker_prints_reaches_the_console(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from pi_scan.workers import WorkerPool

    for name in ("a.csv", "CRASH.csv"):
        (tmp_path / name).write_bytes(b"x")
    refs = [_ref(tmp_path, "a.csv"), _ref(tmp_path, "CRASH.csv")]
    pool = WorkerPool(ScanConfig(), 1, f"{__name__}:noisy_analyser")
    results = dict(pool.run(refs))
    assert results[0] == []
    assert results[1][0].dataset.error == "parser crashed (signal 6)"
    captured = capfd.readouterr()
    assert "kanaria" not in captured.out + captured.err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_fork_server_does_not_hold_the_scans_stdout_and_stderr() -> None:
    """A pipe reading the scan's output (| tee, cron, a subprocess) closes when the scan ends,
    not when the fork server, still importing the analysis stack, notices it is gone."""
    from multiprocessing import forkserver

    from pi_scan.workers import WorkerPool

    ours = [os.readlink(f"/proc/self/fd/{fd}") for fd in (1, 2)]
    WorkerPool(ScanConfig(), 1).warm_up()
    pid = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert pid is not None
    assert [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in (1, 2)] == [os.devnull] * 2
    assert [os.readlink(f"/proc/self/fd/{fd}") for fd in (1, 2)] == ours  # ours are back


def pid_analyser(config: ScanConfig):
    from pi_scan.workers import failed_file

    return lambda ref: failed_file(ref, f"worker {os.getpid()}")


def test_a_worker_that_grew_is_replaced_between_files(tmp_path: Path) -> None:
    from pi_scan.workers import WorkerPool

    refs = [_ref(tmp_path, f"{i}.csv") for i in range(4)]
    config = ScanConfig(limits=Limits(worker_recycle_bytes=1))  # every worker "grew"
    results = dict(WorkerPool(config, 1, f"{__name__}:pid_analyser").run(refs))
    assert sorted(results) == [0, 1, 2, 3]
    assert len({r[0].dataset.error for r in results.values()}) == 4  # four workers in turn
    results = dict(WorkerPool(ScanConfig(), 1, f"{__name__}:pid_analyser").run(refs))
    assert len({r[0].dataset.error for r in results.values()}) == 1


def crash_or_hang_analyser(config: ScanConfig):
    from pi_scan.workers import failed_file

    def analyse(ref):
        if "CRASH" in ref.rel_path:
            os.abort()
        if "HANG" in ref.rel_path:
            time.sleep(3600)
        return failed_file(ref, "read")

    return analyse


def test_the_file_waiting_behind_a_crash_or_a_hang_is_read_not_blamed(tmp_path: Path) -> None:
    # a worker holds the file it reads and the next one; when the first kills it or runs out
    # of time, only that file is reported, and the next is read by the worker that follows
    from pi_scan.workers import WorkerPool

    names = ["a.csv", "CRASH.csv", "b.csv", "HANG.csv", "c.csv", "d.csv"]
    config = ScanConfig(limits=Limits(file_seconds=2))
    pool = WorkerPool(config, 1, f"{__name__}:crash_or_hang_analyser")
    results = dict(pool.run([_ref(tmp_path, n) for n in names]))
    errors = {names[i]: r[0].dataset.error for i, r in results.items()}
    assert errors == {
        "a.csv": "read",
        "CRASH.csv": "parser crashed (signal 6)",
        "b.csv": "read",
        "HANG.csv": "timed out after 2 s",
        "c.csv": "read",
        "d.csv": "read",
    }


def gc_analyser(config: ScanConfig):
    import gc

    from pi_scan.workers import failed_file

    return lambda ref: failed_file(ref, f"collector on: {gc.isenabled()}")


def test_workers_collect_garbage_though_their_fork_server_does_not(tmp_path: Path) -> None:
    # the fork server imports with the collector off (a fifth of its start-up); a worker
    # reading files with it off would keep every reference cycle it makes
    from pi_scan.workers import WorkerPool

    results = dict(
        WorkerPool(ScanConfig(), 1, f"{__name__}:gc_analyser").run([_ref(tmp_path, "a")])
    )
    assert results[0][0].dataset.error == "collector on: True"


def test_the_pool_takes_its_files_as_workers_become_free(tmp_path: Path) -> None:
    # what makes the files (the parent hashing copies) runs while the workers work: the pool
    # takes a few files ahead, not the whole list before the first is sent
    from pi_scan.workers import WorkerPool

    taken: list[int] = []

    def files():
        for i in range(6):
            taken.append(i)
            yield _ref(tmp_path, f"{i}.csv")

    seen_when_done: list[int] = []
    sent_but_unanswered: list[int] = []
    results = {}
    pool = WorkerPool(ScanConfig(), 1, f"{__name__}:pid_analyser")
    for index, result in pool.run(files()):
        seen_when_done.append(len(taken))
        sent_but_unanswered.append(sum(len(w.tasks) for w in pool._workers))
        results[index] = result
    assert sorted(results) == list(range(6))
    assert results[3][0].dataset.file.rel_path == "3.csv"
    # one worker: the file it reads, the next in its pipe, one in hand to answer with
    assert seen_when_done[0] == 3
    # the worker always held its next file before its answer was taken: it never waits
    assert sent_but_unanswered == [2, 2, 2, 2, 1, 0]
