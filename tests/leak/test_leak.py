"""No value of the leak corpus reaches any output (issue 15, docs/rules.md §7), end to end.

The corpus (``generate.py``, seeded) puts whole records in one cell in every encoding pi-scan
reads, gives headers that hold values and fuzzes rows; every person in it is unique. It is
scanned with the ``pi-scan`` command (workers, log file in JSON, a database of its own), then
``pi-scan report --html --xlsx`` and every ``pi-scan export`` format are written. Every raw value
of every person, in every notation the corpus writes it in, is then searched in every file the
commands wrote (xlsx parts unzipped, HTML and JSON unescaped), in their console output, in the
bytes of the inventory database (with its -wal and -shm), in its SQL dump and in the unpickled
per-file cache blobs. A family name may appear only in its masked form (``山田 **``).
"""

from __future__ import annotations

import csv
import dataclasses
import html
import json
import os
import pickle
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from . import generate as gen

SEED = 15
EXPORTS = ("registry", "csv", "json", "xlsx")
LEDGER_EXT = ("csv", "csv", "json", "xlsx")


@dataclasses.dataclass
class Run:
    corpus: gen.Corpus
    base: Path
    out: Path
    log: Path
    db: Path
    written: list[Path]  # every file the commands wrote, besides the database
    console: dict[str, str]  # stdout and stderr of every command
    inventory: list[dict[str, str]]
    findings: list[dict[str, str]]


# The pi-scan command, run as ``python -m pi_scan`` runs it, once per command line in one
# process: importing pi-scan costs seconds, the report and the exports a fraction of that.
DRIVER = """
import json, runpy, sys
for args in json.loads(sys.argv[1]):
    sys.argv = ["pi-scan", *args]
    try:
        runpy.run_module("pi_scan", run_name="__main__")
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    sys.stdout.flush()
    print(json.dumps({"pi-scan": args[0], "exit": code}), flush=True)
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("leak")
    corpus = gen.generate(base / "corpus", SEED)
    home, out, log = base / "home", base / "out", base / "scan.log"
    db = home / "inventory.sqlite"
    env = dict(os.environ, PI_SCAN_HOME=str(home), COLUMNS="120")
    reports = base / "reports"
    reports.mkdir()
    commands = [
        [
            "scan", corpus.share, "--output", out, "--db", db,
            "--log-file", log, "--log-json", "--workers", "2",
        ],
        ["report", "--db", db, "--html", reports / "report.html", "--xlsx", reports / "r.xlsx"],
        *(
            ["export", "--db", db, "--format", fmt, "--output", reports / f"ledger-{fmt}.{ext}"]
            for fmt, ext in zip(EXPORTS, LEDGER_EXT, strict=True)
        ),
    ]  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps([[str(a) for a in c] for c in commands])],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    console = {"stdout": proc.stdout, "stderr": proc.stderr}
    exits = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"pi-scan"')]
    assert [e["exit"] for e in exits] == [0] * len(commands), (exits, proc.stderr[-3000:])
    written = [p for p in (*out.iterdir(), log, *reports.iterdir()) if p.is_file()]
    return Run(
        corpus, base, out, log, db, written, console, _csv(out / "inventory.csv"),
        _csv(out / "findings.csv"),
    )  # fmt: skip


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------------ what the outputs say


def _texts(path: Path) -> Iterator[tuple[str, str]]:
    """The text of an output file in every form a reader would see it."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):  # xlsx: every part, entities resolved
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                part = zf.read(name).decode("utf-8", "replace")
                yield f"{path.name}!{name}", html.unescape(part)
        return
    text = data.decode("utf-8-sig", "replace")
    yield path.name, text
    yield f"{path.name} (unescaped)", html.unescape(text)
    # JSON (ledger, summary, log lines): \\uXXXX escapes resolved
    for i, line in enumerate([text] if path.suffix == ".json" else text.splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        yield f"{path.name} (JSON {i})", json.dumps(value, ensure_ascii=False)


def _strings(obj: object, seen: set[int] | None = None) -> Iterator[str]:
    """Every string inside an unpickled object (dataclasses, slots, containers, frames)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, bytes):
        yield obj.decode("utf-8", "replace")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k, seen)
            yield from _strings(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from _strings(v, seen)
    elif hasattr(obj, "tolist") and not isinstance(obj, (int, float)):
        yield from _strings(obj.tolist(), seen)  # numpy arrays, pandas objects
    elif hasattr(obj, "__dict__") or hasattr(type(obj), "__slots__"):
        names = list(getattr(obj, "__dict__", {}))
        for cls in type(obj).__mro__:
            names += [s for s in getattr(cls, "__slots__", ()) if isinstance(s, str)]
        for name in names:
            if hasattr(obj, name):
                yield from _strings(getattr(obj, name), seen)
        if isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
            yield from _strings(list(obj), seen)


def _database_texts(db: Path) -> Iterator[tuple[str, str | bytes]]:
    for path in sorted(db.parent.glob(db.name + "*")):  # the file, -wal, -shm, -journal
        yield path.name, path.read_bytes()
    con = sqlite3.connect(db)
    try:
        yield "SQL dump", "\n".join(con.iterdump())
        blobs = [
            (r[0], r[1], r[2])
            for r in con.execute(
                "SELECT f.root, f.path, r.results FROM file_cache f "
                "JOIN cached_results r ON r.digest = f.results_digest"
            )
        ]
    finally:
        con.close()
    assert blobs, "no per-file cache blobs: the cache check proves nothing"
    for _root, path, blob in blobs:
        yield f"cache blob {path}", blob
        yield f"cache blob {path} (unpickled)", "\n".join(_strings(pickle.loads(blob)))


# --------------------------------------------------------------------------- the value search


def _trie_pattern(values: Iterable[str]) -> str:
    """One regex for many literals (a trie), fast on megabytes where 10,000 ``in`` are not."""
    trie: dict = {}
    for value in values:
        node = trie
        for ch in value:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


class Oracle:
    """Finds raw values of the corpus in text and bytes. Family names and their readings may
    appear only masked (``山田 **``, ``ヤマダ **``): the sample docs/rules.md §7 prescribes."""

    def __init__(self, corpus: gen.Corpus) -> None:
        self.raw = corpus.raw_values()
        self.parts = corpus.masked_parts() - self.raw
        # A value with a digit at its edge is a value only where the digits stop: 2522939 (a
        # postal code) inside a 64-bit person key or a time in nanoseconds is no leak.
        edged = {v for v in self.raw if v[0].isdigit() or v[-1].isdigit()}
        self.text = re.compile(self._pattern(edged, self.raw - edged, self.parts, "\u3000"))
        latin = [[v.encode().decode("latin-1") for v in g] for g in (edged, self.raw - edged)]
        parts = [v.encode().decode("latin-1") for v in self.parts]
        space = "\u3000".encode().decode("latin-1")
        self.bytes = re.compile(self._pattern(*latin, parts, space).encode("latin-1"))

    @staticmethod
    def _pattern(
        edged: Iterable[str], plain: Iterable[str], parts: Iterable[str], space: str
    ) -> str:
        """Values as text, or as UTF-8 bytes spelled in latin-1 (one character a byte)."""
        return (
            f"(?<![0-9])(?:{_trie_pattern(edged)})(?![0-9])"
            f"|(?:{_trie_pattern(plain)})"
            f"|(?:{_trie_pattern(parts)})(?!(?: |{space})?\\*)"
        )

    def find(self, content: str | bytes) -> list[str]:
        if isinstance(content, bytes):
            found = {m.group(0).decode("utf-8", "replace") for m in self.bytes.finditer(content)}
        else:
            found = {m.group(0) for m in self.text.finditer(content)}
        return sorted(found)


@pytest.fixture(scope="module")
def oracle(run: Run) -> Oracle:
    return Oracle(run.corpus)


def test_the_oracle_finds_what_it_must(run: Run, oracle: Oracle) -> None:
    person = run.corpus.people[0]
    for value in person.raw_values():
        assert oracle.find(f"x{value}x") == [value]
        assert oracle.find(f"x{value}x".encode()) == [value]
    assert oracle.find(f"{person.family} ** | {person.family_kana} **") == []
    assert oracle.find(f"{person.family}です") == [person.family]
    assert oracle.find(f"1{person.postal.replace('-', '')}1") == []  # inside a longer number
    assert len(oracle.raw) > 5000 and len(run.corpus.people) > 300


# ---------------------------------------------------------------------- the corpus is exercised


def test_every_file_is_listed(run: Run) -> None:
    listed = {r["path"] for r in run.inventory}
    assert {e.path for e in run.corpus.entries} <= listed


def test_whole_records_in_one_cell_are_read_and_found(run: Run) -> None:
    """The mis-split files are read ``ok`` and something is found in them: otherwise the leak
    check below proves nothing about samples built from a whole record."""
    status = {r["path"]: r["status"] for r in run.inventory}
    found: dict[str, set[str]] = {}
    for f in run.findings:
        found.setdefault(f["path"], set()).add(f["entity"])
    one_cell = [e for e in run.corpus.entries if e.one_cell]
    # records in one cell: found as a column of addresses (the case), in every encoding
    exercised = [e for e in one_cell if status[e.path] == "ok" and found.get(e.path)]
    assert {e.encoding for e in exercised if e.encoding} == set(gen.ENCODINGS)
    assert {e.shape for e in exercised} >= {"quoted_line", "fixed_width", "xlsx_one_cell"}
    assert {e.shape for e in exercised} >= {"xlsx_record_column", "docx_record_cell"}
    whole = [
        f for f in run.findings
        if f["path"] in {e.path for e in one_cell} and f["entity"] == "ADDRESS"
    ]  # fmt: skip
    assert len(whole) >= 15
    for f in whole:
        for sample in f["masked_samples"].split(" | "):
            assert re.fullmatch(r"[^\s,;|\t]{2,12}\*{4}", sample), (f["path"], sample)


def test_headers_holding_values_are_not_labels(run: Run) -> None:
    headers = [e.path for e in run.corpus.entries if e.path.startswith("見出し/")]
    columns = {f["column"] for f in run.findings if f["path"] in headers}
    assert any(c.startswith("列") for c in columns)
    assert {"氏名", "住所", "電話番号"} <= columns  # field-word headers are still shown
    assert not [c for c in columns if not (c.startswith("列") or c in gen.HEADER)]


def test_fuzzed_rows_are_read(run: Run) -> None:
    fuzzed = {e.path for e in run.corpus.entries if e.shape.startswith("fuzzed")}
    rows = [r for r in run.inventory if r["path"] in fuzzed and r["status"] == "ok"]
    assert {r["path"] for r in rows} == fuzzed
    assert all(r["is_pi_database"] == "true" for r in rows if r["dataset"] != "本文")


def test_every_file_is_read(run: Run) -> None:
    bad = {(r["path"], r["error"]) for r in run.inventory if r["status"] != "ok"}
    assert not bad


# ---------------------------------------------------------------------------- no value leaks


def test_no_raw_value_in_any_output_log_or_report(run: Run, oracle: Oracle) -> None:
    names = {p.name for p in run.written}
    assert {"inventory.csv", "findings.csv", "summary.json", "scan.log", "report.html"} <= names
    assert {
        "r.xlsx",
        *(f"ledger-{f}.{e}" for f, e in zip(EXPORTS, LEDGER_EXT, strict=True)),
    } <= names
    leaks = {}
    for path in run.written:
        for name, text in _texts(path):
            found = oracle.find(text)
            if found:
                leaks[name] = found[:8]
    for name, text in run.console.items():
        found = oracle.find(text)
        if found:
            leaks[f"console of {name}"] = found[:8]
    assert not leaks, leaks


def test_no_raw_value_in_the_database_or_its_cache(run: Run, oracle: Oracle) -> None:
    leaks = {}
    for name, content in _database_texts(run.db):
        found = oracle.find(content)
        if found:
            leaks[name] = found[:8]
    assert not leaks, leaks
