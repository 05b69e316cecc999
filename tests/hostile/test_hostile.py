"""A small hostile corpus, scanned as an unprivileged user: the scan completes, every file is in
the inventory with an honest status, valid files are still read, the share is unchanged, nothing
outside the share is opened, and no canary or raw value reaches any output.

The corpus comes from ``generate.py`` (seeded). The scan runs in a forked child that drops to
``nobody`` (uid 65534) after the parsers are imported and exercised, in process (``in_process``)
so that a Python audit hook sees every ``open``; the kernel (inotify) watches the files outside
the share for any open or read by any library. A second scan runs the CLI with its worker pool.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import pi_scan.pipeline
from pi_scan.config import BUILTIN_RECOGNIZERS, ScanConfig
from pi_scan.discover import discover, display_name
from pi_scan.model import InventoryRow, Status
from pi_scan.people import load_or_create_secret
from pi_scan.pipeline import run_scan
from pi_scan.report.outputs.rows import escape_path

from . import generate as gen
from . import watch

SEED = 20261123
COUNT = 130
NOBODY = 65534
REPO = Path(__file__).resolve().parents[2]
# pi-scan's own words: printable ASCII, short (a library message could quote file content)
OWN_WORDS = re.compile(r"[\x20-\x7e]{1,160}")
WARM_UP_KINDS = (
    "valid_csv", "valid_xlsx", "valid_docx", "valid_ods", "valid_zip", "valid_pdf",
    "valid_fixture", "canary_roster", "bomb_gzip", "bomb_lying_size", "zip_bad_method",
    "zip_encrypted", "xlsx_encrypted", "xml_attack_xlsx", "xml_attack_plain", "sheet_size_lie",
    "pdf_broken", "pdf_encrypted", "bad_encoding", "xls_far_cell", "ods_repeat_bomb",
    "fuzzed_fixture", "hostile_name",
)  # fmt: skip


@dataclass
class Scan:
    manifest: dict[str, Any]
    rows: list[dict[str, Any]]
    summary: dict[str, Any]
    opened: list[str]
    outputs: list[Path]  # every file the scan wrote: outputs, database, console
    before: dict[str, gen.Seen]
    after: dict[str, gen.Seen]
    outside_before: dict[str, gen.Seen]
    outside_after: dict[str, gen.Seen]
    outside_events: list[tuple[str, int]]
    canary_atime: tuple[int, int]
    other_user: bool
    base: Path
    cli: subprocess.CompletedProcess[bytes] | None = None
    cli_rows: list[dict[str, str]] | None = None


def _warm_analyser(config: ScanConfig, base: Path) -> Any:
    """The per-file machinery, built and exercised as root: once privileges are dropped the
    interpreter's own files (under /root) cannot be read, so every module a parser imports
    lazily must be imported now."""
    from pi_scan.analysis import FileAnalyser

    for module in pkgutil.iter_modules(importlib.import_module("encodings").__path__):
        try:
            importlib.import_module(f"encodings.{module.name}")
        except ImportError:  # platform codecs (mbcs ...)
            continue
    analyser = FileAnalyser(config)
    warm = gen.generate(base / "warm", count=0, seed=1, only=WARM_UP_KINDS, heavy=False)
    for ref in discover([warm.share], config).files:
        analyser(ref)
    return analyser


def _scan_in_child(
    share: Path, config: ScanConfig, out: Path, analyser: Any, console: Path, fingerprint: str
):
    """Runs in the forked child, as the scanning user: console to a file, audit hook on."""
    fd = os.open(console, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    opened: list[str] = []
    watch.record_opens(opened)
    import pi_scan.analysis

    pi_scan.analysis.FileAnalyser = lambda _config: analyser  # type: ignore[assignment,misc]
    # The checkout may not be readable by nobody (CI clones into a root-only folder): the
    # recognizers were read by the parent, as was the fingerprint of them.
    pi_scan.pipeline.analysis_fingerprint = lambda _config: fingerprint  # type: ignore[assignment]
    outcome = run_scan([share], config, out)
    return outcome.rows, outcome.summary, opened


@pytest.fixture(scope="module")
def scan() -> Any:
    base = Path(tempfile.mkdtemp(prefix="pi-scan-hostile-"))  # pytest's tmp is root-only
    os.chmod(base, 0o755)
    try:
        yield _run(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _run(base: Path) -> Scan:
    other_user = os.geteuid() == 0
    uid, gid = (NOBODY, NOBODY) if other_user else (os.getuid(), os.getgid())
    corpus = gen.generate(base / "corpus", COUNT, SEED, heavy=False)
    manifest = gen.load_manifest(corpus.outdir)
    state, out = base / "state", base / "out"
    state.mkdir()
    out.mkdir()
    config = ScanConfig(
        db_path=state / "inventory.sqlite", secret_path=state / "secret.key", in_process=True
    )
    load_or_create_secret(state / "secret.key")
    analyser = _warm_analyser(config, base)
    fingerprint = pi_scan.pipeline.analysis_fingerprint(config)
    for path in (state, state / "secret.key", out):
        os.chown(path, uid, gid)
    # an access time older than the modification time: any read would update it (relatime)
    canary = corpus.canary_file
    st = canary.stat()
    os.utime(canary, ns=(st.st_mtime_ns - 10**12, st.st_mtime_ns))
    outside_before = gen.snapshot(corpus.outside)
    atime_before = canary.stat().st_atime_ns
    before = gen.snapshot(corpus.share)
    watcher = watch.OpenWatch([corpus.outside, corpus.outside / "dir"])
    try:
        rows, summary, opened = watch.as_user(
            uid,
            gid,
            lambda: _scan_in_child(
                corpus.share, config, out, analyser, state / "console.txt", fingerprint
            ),
        )
        events = watcher.events()
    finally:
        watcher.close()
    after = gen.snapshot(corpus.share)
    atime_after = canary.stat().st_atime_ns
    outside_after = gen.snapshot(corpus.outside)
    outputs = [p for p in [*out.rglob("*"), *state.rglob("*")] if p.is_file()]
    return Scan(
        manifest, rows, summary, opened, outputs, before, after, outside_before, outside_after,
        events, (atime_before, atime_after), other_user, base,
    )  # fmt: skip


def _rows_of(scan: Scan, entry: dict[str, Any]) -> list[InventoryRow]:
    path = escape_path(display_name(entry["path"]))
    return [
        r
        for r in scan.rows
        if r.path == path or r.path == path + "/" or r.path.startswith(path + "!")
    ]


# ------------------------------------------------------------------------------------ tests


def test_the_scan_completes_and_lists_every_file(scan: Scan) -> None:
    assert (scan.base / "out" / "summary.json").exists()
    by_extension = Counter()
    hidden = 0
    missing = []
    for entry in scan.manifest["entries"]:
        expect = entry["expect"]
        if expect == "by_extension":
            by_extension["." + entry["path"].rsplit(".", 1)[-1].lower()] += 1
        elif expect == "hidden":
            hidden += 1
        elif expect == "inside_denied" and scan.other_user:
            folder = escape_path(display_name(entry["path"].rsplit("/", 1)[0])) + "/"
            assert any(r.path == folder for r in scan.rows), entry
        elif expect == "under_limit":
            assert any(
                r.path.startswith("deep300/") and "nested deeper" in r.error for r in scan.rows
            )
        elif not _rows_of(scan, entry):
            missing.append(entry["path"])
    assert not missing, missing
    counted = scan.summary.not_inspected_by_extension
    assert all(counted.get(ext, 0) >= n for ext, n in by_extension.items()), counted
    assert scan.summary.hidden_skipped >= hidden


def test_every_unreadable_file_says_why_in_pi_scans_own_words(scan: Scan) -> None:
    for row in scan.rows:
        if row.status is not Status.OK or row.error:
            assert OWN_WORDS.fullmatch(row.error), row


def test_statuses_are_honest(scan: Scan) -> None:
    wrong = []
    for entry in scan.manifest["entries"]:
        rows = _rows_of(scan, entry)
        expect, reason = entry["expect"], entry["reason"]
        if expect == "pi":
            ok = any(r.status is Status.OK and r.is_pi_database for r in rows)
        elif expect == "ok":
            ok = bool(rows) and all(r.status is Status.OK for r in rows)
        elif expect == "not_ok":
            ok = any(r.status is not Status.OK and re.search(reason, r.error) for r in rows)
        elif expect == "denied" and scan.other_user:
            ok = any(r.error.startswith("permission denied") for r in rows)
        else:
            continue
        if not ok:
            wrong.append((entry["kind"], entry["path"], [(r.status.value, r.error) for r in rows]))
    assert not wrong, wrong


def test_the_share_is_unchanged(scan: Scan) -> None:
    assert scan.after == scan.before  # content, size, mode, owner, mtime and ctime; no new files
    assert scan.outside_after == scan.outside_before


def test_nothing_outside_the_share_is_opened(scan: Scan) -> None:
    assert scan.outside_events == []  # the kernel saw no open or read, by any library
    assert scan.canary_atime[0] == scan.canary_atime[1]
    share = scan.manifest["share"]
    allowed = (
        share + "/",
        str(scan.base / "out") + "/",
        str(scan.base / "state") + "/",
        "/proc/self/fd/",
        "/dev/null",
        *{p + "/" for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, str(REPO / "src"))},
        str(BUILTIN_RECOGNIZERS),  # pi-scan's own dictionaries (the analysis fingerprint)
        "/etc/os-release",  # ONNX Runtime's library reads it when it loads (OCR of a scan)
    )
    for path in scan.opened:
        if "/" not in path:
            continue  # a name opened relative to a folder descriptor (discovery, safe open)
        assert path == share or path.startswith(allowed), path
        assert not path.startswith(scan.manifest["outside"]), path


def test_no_canary_or_raw_value_in_any_output(scan: Scan) -> None:
    values = [v for v in scan.manifest["canary_values"] + scan.manifest["raw_values"] if v]
    assert scan.outputs
    for path in scan.outputs:
        data = path.read_bytes()
        leaked = [v for v in values if v.encode() in data]
        assert not leaked, (path.name, leaked[:5])


def test_scan_as_the_cli_with_workers_agrees(scan: Scan) -> None:
    """The same corpus through ``pi-scan scan`` with worker processes (as root here: a new
    interpreter could not start as nobody): same statuses, same silence."""
    base, share = scan.base, scan.manifest["share"]
    env = dict(os.environ, PI_SCAN_HOME=str(base / "cli-state"))
    log = base / "cli-state" / "scan.log"
    (base / "cli-state").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "pi_scan", "scan", share, "--output", str(base / "cli-out"),
         "--workers", "2", "--quiet", "--log-file", str(log), "--log-json"],
        env=env, capture_output=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    values = [v for v in scan.manifest["canary_values"] + scan.manifest["raw_values"] if v]
    texts = [done.stdout, done.stderr, log.read_bytes()]
    texts += [p.read_bytes() for p in (base / "cli-out").iterdir()]
    texts += [p.read_bytes() for p in (base / "cli-state").iterdir() if p.is_file()]
    for data in texts:
        assert not [v for v in values if v.encode() in data]
    assert done.stderr == b""  # nothing a parser printed reached the console
    with open(base / "cli-out" / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
        import csv

        cli = {(r["path"], r["dataset"]): (r["status"], r["error"]) for r in csv.DictReader(fh)}
    ours = {(r.path, r.dataset): (r.status.value, r.error) for r in scan.rows}
    permissions = ("perm/",)  # root reads what nobody cannot
    differ = {
        k: (ours.get(k), cli.get(k))
        for k in set(cli) | set(ours)
        if not k[0].startswith(permissions) and ours.get(k) != cli.get(k)
    }
    assert not differ, differ
    summary = json.loads((base / "cli-out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_scanned"] == scan.summary.files_scanned
