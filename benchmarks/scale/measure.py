"""Run a command and measure its whole process tree (the parent and its worker processes).

The command is started in a session of its own, so every process it starts (the multiprocessing
fork server, the workers) shares its process group. Every ``interval`` seconds the sampler reads,
for every process of the group, ``/proc/<pid>/status`` (VmRSS, VmHWM), ``smaps_rollup`` (Pss:
shared pages counted once across processes) and ``stat`` (CPU time). Linux only.

Reported:
- ``peak_tree_rss_mb``: the largest sum of VmRSS over the group at one sample (shared pages
  counted in every process that maps them: an upper bound);
- ``peak_tree_pss_mb``: the largest sum of Pss at one sample (shared pages split: the real
  footprint of the tree);
- ``peak_parent_rss_mb`` / ``peak_worker_rss_mb`` / ``peak_helper_rss_mb``: VmHWM (the kernel's
  high-water mark: misses nothing between samples) of the parent, the largest of the workers
  (grandchildren: multiprocessing's fork server starts them) and the largest of the parent's
  direct children (the fork server, the resource tracker);
- ``cpu_s``: user + system CPU seconds of the group (as last sampled per process);
- ``workers_from_s`` / ``workers_until_s``: when worker processes were first and last seen (the
  rest of the wall time is the parent alone: start-up, walk, planning, counting, writing);
- ``timeline``: one point a second: (seconds, tree RSS MB, parent RSS MB, parent CPU %, the
  other processes' CPU %, the whole machine's CPU % (all processes, ours included), processes of
  the tree). CPU % is over the last interval, 100 = one core busy: on a shared machine, the
  machine's figure minus the tree's is what other work took.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_TICK = os.sysconf("SC_CLK_TCK")
_CPUS = os.cpu_count() or 1


def code_version() -> str:
    """Which pi-scan is measured: its folder, and the commit when that is a git checkout (a
    checkout others commit to changes under a long run: measure a snapshot, see README)."""
    import pi_scan

    root = Path(pi_scan.__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src", "recognizers"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"{root} (pi-scan {pi_scan.__version__}, not a git checkout)"
    return f"{root} @ {commit}{' + uncommitted changes' if dirty else ''}"


def code_option(value: str) -> tuple[str, str]:
    """The ``type`` of the benchmarks' ``--code LABEL=SRC`` option: (label, src), SRC a pi-scan
    ``src`` folder (a snapshot: ``git archive COMMIT | tar -x -C DIR``; empty: the installed
    pi-scan, where the benchmark allows it)."""
    label, equals, src = value.partition("=")
    if not (equals and label):
        raise argparse.ArgumentTypeError(f"{value!r}: expected LABEL=SRC")
    return label, src


def loadavg() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def drop_page_cache() -> None:
    """Empty Linux's page cache, so the next scan reads its share from the disk (a share seen
    for the first time, or over the network). Needs root; raises SystemExit otherwise."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as exc:
        raise SystemExit(
            f"--cold: cannot drop the page cache ({exc}); run as root on Linux"
        ) from exc


def _group_pids(pgid: int) -> dict[int, int]:
    """pid → parent pid, for every process of the group."""
    pids = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rfind(")") + 2 :].split()
        if int(fields[2]) == pgid:  # state ppid pgrp ...
            pids[int(entry.name)] = int(fields[1])
    return pids


def _status_kb(pid: int) -> dict[str, int]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                out["Pss"] = int(line.split()[1])
                break
    except (OSError, ValueError, IndexError):
        pass
    return out


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already in user
    return total - idle, total


def _cpu_s(pid: int) -> float | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime stime


@dataclass
class Measured:
    command: list[str]
    returncode: int | None = None
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_tree_rss_mb: float = 0.0
    peak_tree_pss_mb: float = 0.0
    peak_parent_rss_mb: float = 0.0
    peak_worker_rss_mb: float = 0.0
    peak_helper_rss_mb: float = 0.0
    processes_seen: int = 0
    workers_from_s: float | None = None
    workers_until_s: float | None = None
    load_before: str = ""
    load_after: str = ""
    killed_at_s: float | None = None
    timeline: list[tuple[float, int, int, int, int, int, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Sampler(threading.Thread):
    def __init__(self, pgid: int, interval: float, result: Measured) -> None:
        super().__init__(daemon=True)
        self.pgid = pgid
        self.interval = interval
        self.result = result
        self.stop = threading.Event()
        self.hwm: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.ppid: dict[int, int] = {}
        self.machine = _machine_busy()
        self.t0 = time.perf_counter()

    def sample(self) -> None:
        pids = _group_pids(self.pgid)
        self.ppid.update(pids)
        busy, total = _machine_busy()
        machine = (busy - self.machine[0]) / max(1, total - self.machine[1]) * _CPUS * 100
        self.machine = (busy, total)
        rss = pss = parent_rss = 0
        before = dict(self.cpu)
        for pid in pids:
            st = _status_kb(pid)
            rss += st.get("VmRSS", 0)
            if pid == self.pgid:
                parent_rss = st.get("VmRSS", 0)
            pss += st.get("Pss", 0)
            self.hwm[pid] = max(self.hwm.get(pid, 0), st.get("VmHWM", 0))
            cpu = _cpu_s(pid)
            if cpu is not None:
                self.cpu[pid] = cpu
        r = self.result
        r.peak_tree_rss_mb = max(r.peak_tree_rss_mb, rss / 1024)
        r.peak_tree_pss_mb = max(r.peak_tree_pss_mb, pss / 1024)
        now = time.perf_counter() - self.t0
        if any(pid != self.pgid and ppid != self.pgid for pid, ppid in pids.items()):
            if r.workers_from_s is None:
                r.workers_from_s = round(now, 1)
            r.workers_until_s = round(now, 1)
        used = {pid: cpu - before.get(pid, cpu) for pid, cpu in self.cpu.items() if pid in pids}
        parent = used.pop(self.pgid, 0.0) / self.interval * 100
        others = sum(used.values()) / self.interval * 100
        if not r.timeline or now - r.timeline[-1][0] >= 1.0 - 1e-6:  # one point a second
            r.timeline.append(
                (
                    round(now, 1),
                    round(rss / 1024),
                    round(parent_rss / 1024),
                    round(parent),
                    round(others),
                    round(machine),
                    len(pids),
                )
            )

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            self.sample()


def run_measured(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    interval: float = 0.2,
    kill_after: float | None = None,
) -> Measured:
    """Run ``command`` to the end (or SIGKILL its whole group after ``kill_after`` seconds)."""
    result = Measured(command=[str(c) for c in command], load_before=loadavg())
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        result.command,
        env=env,
        cwd=cwd,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    sampler = _Sampler(proc.pid, interval, result)
    sampler.t0 = t0
    sampler.start()
    try:
        if kill_after is None:
            proc.wait()
        else:
            try:
                proc.wait(timeout=kill_after)
            except subprocess.TimeoutExpired:
                sampler.sample()
                result.killed_at_s = time.perf_counter() - t0
                os.killpg(proc.pid, signal.SIGKILL)  # the parent and every worker: a power cut
                proc.wait()
    finally:
        result.wall_s = time.perf_counter() - t0
        sampler.stop.set()
        sampler.join()
        if log:
            out.close()  # type: ignore[union-attr]
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # nothing of the run survives it
    result.returncode = proc.returncode
    result.load_after = loadavg()
    result.cpu_s = round(sum(sampler.cpu.values()), 1)
    result.peak_parent_rss_mb = sampler.hwm.get(proc.pid, 0) / 1024
    helpers = [v for pid, v in sampler.hwm.items() if sampler.ppid.get(pid) == proc.pid]
    workers = [
        v for pid, v in sampler.hwm.items() if pid != proc.pid and sampler.ppid.get(pid) != proc.pid
    ]
    result.peak_worker_rss_mb = max(workers, default=0) / 1024
    result.peak_helper_rss_mb = max(helpers, default=0) / 1024
    result.processes_seen = len(sampler.hwm)
    return result


# summary.json keys that differ between two scans of the same share (times, ids, history)
SUMMARY_DROP = ("started", "finished", "scan_id", "history")


def comparable_outputs(out: Path | str) -> tuple[bytes, bytes, dict[str, Any]]:
    """inventory.csv, findings.csv and summary.json less ``SUMMARY_DROP``: equal for equal scans."""
    out = Path(out)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return (
        (out / "inventory.csv").read_bytes(),
        (out / "findings.csv").read_bytes(),
        {k: v for k, v in summary.items() if k not in SUMMARY_DROP},
    )


def measured_scan(
    work: Path,
    label: str,
    share: Path,
    head: list[str],
    options: list[str],
    env: dict[str, str] | None = None,
) -> tuple[Measured, Path]:
    """``head`` + ``scan SHARE --output OUT --quiet`` + ``options``, measured, with a
    ``PI_SCAN_HOME`` of its own (work/home-LABEL) holding the secret of the first scan made in
    ``work``, so that every scan keys people alike; its output in work/out-LABEL, its log in
    work/LABEL.log. Exits with the log's end if pi-scan fails."""
    home = work / f"home-{label}"
    home.mkdir(parents=True, exist_ok=True)
    secret = work / "secret.key"
    if secret.exists():
        shutil.copy2(secret, home / "secret.key")
    out = work / f"out-{label}"
    shutil.rmtree(out, ignore_errors=True)
    command = [*head, "scan", str(share), "--output", str(out), "--quiet", *options]
    log = work / f"{label}.log"
    m = run_measured(command, env={**os.environ, **(env or {}), "PI_SCAN_HOME": str(home)}, log=log)
    if m.returncode != 0:
        raise SystemExit(
            f"{label}: exit {m.returncode}\n" + log.read_text(errors="replace")[-2000:]
        )
    if not secret.exists():
        shutil.copy2(home / "secret.key", secret)
    return m, out
