#!/usr/bin/env python3
"""A large hostile corpus through ``pi-scan scan``: time, memory, and what became of each file.

    .venv/bin/python benchmarks/hostile/bench_hostile.py [--count 10000] [--seed 1]
        [--workers N] [--keep DIR] [--json FILE]

Generates ``--count`` files with ``tests/hostile/generate.py`` (bombs, lying and truncated zips,
XML bombs and XXE, sheet-size lies, broken PDFs, bad encodings, hostile names, special files,
fuzzed fixtures, valid rosters and canaries) in a temporary folder, scans it with the CLI and
the default number of workers, and prints:

- files/s (entries of the corpus per second of the scan's wall time) and the wall time;
- peak memory of the whole process tree (the CLI, the fork server, the workers), sampled from
  /proc every 0.2 s: the sum of RSS (shared pages counted in every process) and of PSS (shared
  pages split: the tree's real footprint), and the high-water marks (VmHWM) of the parent and
  of the largest worker;
  sampled every 0.25 s
- a count of each status, and of the most frequent reasons;
- the corpus entries missing from the inventory (must be 0) and any canary or raw value found
  in the outputs, the database or the console (must be 0).

Linux only. Run as root it scans as root (a new interpreter cannot start as another user when
the interpreter lives under /root); ``tests/hostile/test_hostile.py`` covers the unprivileged
scan on a small corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "hostile"))

import generate as gen  # noqa: E402  (tests/hostile/generate.py)

from pi_scan.discover import display_name  # noqa: E402
from pi_scan.report.outputs.rows import escape_path  # noqa: E402


class TreeSampler(threading.Thread):
    """Peak RSS / PSS of a process and all its descendants, sampled every ``interval`` s."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.peak_parent = self.peak_other = 0
        self.peak_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            rss = pss = 0
            pids = self._tree()
            for pid in pids:
                status = _read(f"/proc/{pid}/status")
                rss += _kb(status, "VmRSS")
                if pid == self.pid:
                    self.peak_parent = max(self.peak_parent, _kb(status, "VmHWM"))
                else:  # the fork server and the workers
                    self.peak_other = max(self.peak_other, _kb(status, "VmHWM"))
                pss += _kb(_read(f"/proc/{pid}/smaps_rollup"), "Pss")
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _tree(self) -> list[int]:
        """The process and its descendants, through /proc/<pid>/task/<tid>/children."""
        tree, frontier = [], [self.pid]
        while frontier:
            pid = frontier.pop()
            tree.append(pid)
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in tasks:
                frontier.extend(int(c) for c in _read(f"/proc/{pid}/task/{tid}/children").split())
        return tree


def _read(path: str) -> str:
    try:
        with open(path) as fh:
            return fh.read()
    except OSError:
        return ""


def _kb(text: str, key: str) -> int:
    found = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) if found else 0


def missing_entries(manifest: dict[str, Any], rows: list[dict[str, str]]) -> list[str]:
    paths = {r["path"] for r in rows}
    prefixes = {p.split("!", 1)[0] for p in paths}
    missing = []
    for entry in manifest["entries"]:
        if entry["expect"] in ("by_extension", "hidden", "inside_denied", "under_limit"):
            continue
        path = escape_path(display_name(entry["path"]))
        if entry["type"] == "dir":  # listed itself when unreadable, else through its files
            if not any(p.startswith(path + "/") for p in paths):
                missing.append(entry["path"])
        elif path not in prefixes and path + "/" not in paths:
            missing.append(entry["path"])
    return missing


_PHONES = re.compile(rb"(?=(\d{3}-\d{4}-\d{4}|\d{11}))")
_MAIL_DOMAIN = b"@example.jp"


def leaks(manifest: dict[str, Any], blobs: list[bytes]) -> list[str]:
    """Values of the corpus (canaries, names, phones, e-mails) found in any blob. Phones and
    e-mails (tens of thousands) are found by shape and looked up; the rest searched for."""
    values = {v for v in manifest["canary_values"] + manifest["raw_values"] if v}
    shaped = re.compile(r"\d{3}-\d{4}-\d{4}|\d{11}|[\w.+-]+@example\.jp")
    others = [v.encode() for v in values if not shaped.fullmatch(v)]
    found = set()
    for blob in blobs:
        for m in _PHONES.finditer(blob):
            found.add(m.group(1).decode())
        at = blob.find(_MAIL_DOMAIN)
        while at >= 0:
            head = blob[max(0, at - 64) : at]
            found.update(
                (head[i:] + _MAIL_DOMAIN).decode("utf-8", "ignore") for i in range(len(head))
            )
            at = blob.find(_MAIL_DOMAIN, at + 1)
        found.update(v.decode() for v in others if v in blob)
    return sorted(found & values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=0, help="0: pi-scan's default")
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="pi-scan-bench-hostile-"))
    try:
        started = time.monotonic()
        corpus = gen.generate(base / "corpus", args.count, args.seed)
        generated = time.monotonic() - started
        manifest = gen.load_manifest(corpus.outdir)
        print(f"generated {len(corpus.entries):,} entries in {generated:.0f} s", flush=True)

        out, state = base / "out", base / "state"
        command = [
            str(Path(sys.executable).with_name("pi-scan")),
            "scan",
            str(corpus.share),
            "--output",
            str(out),
            "--quiet",
            "--log-file",
            str(state / "scan.log"),
        ]
        if args.workers:
            command += ["--workers", str(args.workers)]
        state.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PI_SCAN_HOME=str(state))
        started = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        stdout, stderr = proc.communicate()
        wall = time.monotonic() - started
        sampler.stop()

        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        import csv

        with open(out / "inventory.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        reasons = Counter(
            re.sub(r"\d[\d,.]*", "N", r["error"]) for r in rows if r["status"] != "ok"
        )
        # every file the scan left, in folders too (the state holds the person-records folder)
        left = [p for p in [*out.rglob("*"), *state.rglob("*")] if p.is_file()]
        blobs = [stdout, stderr] + [p.read_bytes() for p in left]
        figures = {
            "entries": len(corpus.entries),
            "generate_s": round(generated, 1),
            "exit_code": proc.returncode,
            "wall_s": round(wall, 1),
            "files_per_s": round(len(corpus.entries) / wall, 1),
            "files_scanned": summary["files_scanned"],
            "inventory_rows": len(rows),
            "peak_tree_rss_mb": sampler.peak_rss // 1024,
            "peak_tree_pss_mb": sampler.peak_pss // 1024,
            "peak_parent_mb": sampler.peak_parent // 1024,
            "peak_worker_mb": sampler.peak_other // 1024,
            "peak_processes": sampler.peak_processes,
            "status_counts": summary["status_counts"],
            "not_inspected_by_extension": summary["not_inspected_by_extension"],
            "top_reasons": reasons.most_common(25),
            "missing_from_inventory": missing_entries(manifest, rows),
            "leaked_values": leaks(manifest, blobs),
            "stderr_bytes": len(stderr),
            "as_user": os.geteuid(),
        }
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        if args.json:
            args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1))
        ok = proc.returncode == 0 and not figures["missing_from_inventory"]
        return 0 if ok and not figures["leaked_values"] else 1
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
