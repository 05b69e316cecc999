"""Runs the per-file work in supervised worker processes.

Untrusted files are parsed by libraries that can abort the process (python-calamine aborts on a
sheet that claims a cell at XFD1048576), loop or eat memory. So each worker is a process of its
own with a memory limit, the parent keeps the files each worker holds, and:

- a worker that dies (abort, segfault, out of memory) costs that file an ``error`` row
  ("parser crashed"), and a new worker takes its place;
- a file that takes longer than the wall-clock limit gets its worker killed and an ``error`` row
  ("timed out after N s").

The detector and the person-key hasher are built once per worker (initialisation), not per file.
``sequential`` runs the same function in this process (``--workers 0``: debugging, tests).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import multiprocessing as mp
import os
import signal
import sys
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pi_scan.config import ScanConfig
from pi_scan.model import (
    NOT_DECIDED,
    Dataset,
    DatasetKind,
    DatasetResult,
    FileRef,
    Findings,
    Status,
)

Analyse = Callable[[FileRef], list[DatasetResult]]


def failed_file(ref: FileRef, reason: str) -> list[DatasetResult]:
    ds = Dataset(file=ref, status=Status.ERROR, error=reason, kind=DatasetKind.NONE)
    return [DatasetResult(ds, Findings(), NOT_DECIDED)]


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing.Process (context-specific class)
    conn: Connection
    ready: bool = False
    # the files sent to it, not yet answered (their index in ``refs``, themselves): the first
    # is the one it is on, the next waits in its pipe so that it never waits for the parent
    tasks: deque[tuple[int, FileRef]] = field(default_factory=deque)
    started: float = 0.0  # when it began the first of ``tasks``


def _limit_memory(limit_bytes: int) -> None:
    if limit_bytes <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass


DEFAULT_ANALYSER = "pi_scan.analysis:FileAnalyser"


def load_analyser(factory: str, config: ScanConfig) -> Analyse:
    """``module:callable`` → callable(config) → the per-file function. Named by string so
    that any process (a forkserver child, a Dask worker) can build it by importing."""
    module, _, name = factory.partition(":")
    return getattr(importlib.import_module(module), name)(config)


_READY = "ready"
_RETIRING = "retiring"  # with a file's results: the worker grew too big and is exiting


class WorkerStartError(RuntimeError):
    """Workers cannot even start (broken installation, unreadable secret): not a file's fault."""


def _quiet_and_expendable() -> None:
    """What a parser prints never reaches the scan's console or logs: Rust panic messages, C
    libraries' complaints and Python warnings can quote file content, so the worker's stdout
    and stderr go to /dev/null and warnings and log records are dropped. A worker that aborts
    leaves no core file (its memory holds file content), and under memory pressure the kernel
    kills a worker (one file's error row) rather than the scan."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as adj:
        adj.write("1000")


TEXT_STACK = "pi_scan.detect.text"  # presidio's analyzer, spaCy, the prose name finder
FORK_SERVER_START = "pi_scan.fork_server_start"


def _build_text_stack(analyser: Analyse) -> None:
    """Build what the Detector otherwise builds at its first text (``Detector.text``)."""
    detector = getattr(analyser, "detector", None)
    if detector is not None and hasattr(type(detector), "text"):
        _ = detector.text


def _worker_main(conn: Connection, config: ScanConfig, factory: str, eager: bool = True) -> None:
    # The parent decides when to stop (Ctrl-C, or SIGTERM sent to the whole group by systemd or
    # a shutdown): it kills its workers itself, and a worker killed under it could otherwise be
    # mistaken for a parser crash and cached as that file's result.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _quiet_and_expendable()
    _limit_memory(config.limits.worker_memory_bytes)
    try:
        analyser = load_analyser(factory, config)
        if eager:
            _build_text_stack(analyser)
    except Exception as exc:  # reported to the parent, which stops the scan with the reason
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    # What is loaded now (the analysis stack, dictionaries, recognizers) lives as long as the
    # worker: out of the garbage collector's sight, each file's collections only walk what
    # that file made (about 7 % of a 400,000-cell workbook's time). The fork server imported
    # it with the collector off (fork_server_start): on from here.
    gc.freeze()
    gc.enable()
    conn.send((_READY, ""))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        index, ref = msg
        try:
            results = analyser(ref)
        except MemoryError:
            results = failed_file(ref, "memory limit exceeded (MemoryError)")
        recycle = config.limits.worker_recycle_bytes
        if recycle and _resident_bytes() > recycle:
            # the last file: a fresh worker takes over, and the memory goes back to the OS
            conn.send((_RETIRING, (index, results)))
            return
        conn.send((index, results))


@contextlib.contextmanager
def _stdio_to_devnull() -> Iterator[None]:
    """File descriptors 1 and 2 point to /dev/null meanwhile (for a child started now)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        saved = [os.dup(1), os.dup(2)]
    except OSError:  # no stdout or stderr to protect
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _resident_bytes() -> int:
    """This process's resident memory (Linux), 0 where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class WorkerPool:
    """``run(refs)`` yields ``(index, results)`` as files finish, in any order."""

    MAX_START_FAILURES = 3

    def __init__(
        self,
        config: ScanConfig,
        workers: int,
        factory: str = DEFAULT_ANALYSER,
        text_stack: bool = True,
    ) -> None:
        """``text_stack``: the workers will meet text, so the fork server imports the text
        stack (presidio, spaCy) and each worker builds it before its first file, a broken
        installation stopping the scan there. Without it (a scan of a single file) a worker
        builds it only if its file holds text: a spreadsheet's answer does not wait for it."""
        self.config = config
        self.factory = factory
        self.size = max(1, workers)
        self.text_stack = text_stack
        self._ctx: Any = mp.get_context("forkserver" if os.name == "posix" else "spawn")
        self._workers: list[_Worker] = []
        module = factory.partition(":")[0]
        if os.name == "posix":
            # Workers fork from a server that has imported the analysis stack once (presidio,
            # spaCy, the parsers: over a second), instead of importing it each.
            # (the first turns the garbage collector off while it imports: fork_server_start)
            preload = [FORK_SERVER_START, module, *([TEXT_STACK] if text_stack else [])]
            self._ctx.set_forkserver_preload(preload)
        self._start_failures = 0

    def warm_up(self) -> None:
        """Start the fork server now, so its imports overlap the parent's discovery.

        The server gets /dev/null as its stdout and stderr (its workers have them anyway): a
        server that held the scan's own would keep a pipe reading them (``pi-scan scan | tee``,
        cron, a subprocess capturing output) open after the scan has finished, until the
        server's imports are done and it sees the scan gone: 1.2 s more for a scan with
        nothing to read."""
        if os.name == "posix":
            from multiprocessing import forkserver

            with _stdio_to_devnull():
                forkserver.ensure_running()

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_worker_main,
            args=(child, self.config, self.factory, self.text_stack),
            daemon=True,
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _retire(self, worker: _Worker, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._workers.remove(worker)

    def _start_failed(self, worker: _Worker, why: str) -> None:
        self._retire(worker, kill=True)
        self._start_failures += 1
        if self._start_failures >= self.MAX_START_FAILURES:
            raise WorkerStartError(f"worker processes cannot start ({why})")

    def run(self, refs: Iterable[FileRef]) -> Iterator[tuple[int, list[DatasetResult]]]:
        """``(index, results)``, ``index`` being the file's position in ``refs``. ``refs`` is
        taken as workers become free (a few files ahead), so whatever makes it (hashing for
        copies) overlaps the work. The wall-clock limit runs from when a ready worker begins
        the file, so the workers' start-up (loading dictionaries) never counts against a file."""
        timeout = self.config.limits.file_seconds
        self.warm_up()  # whoever starts the fork server, it gets /dev/null as its stdio
        source = enumerate(refs)
        ahead: deque[tuple[int, FileRef]] = deque()  # taken from ``refs``, not yet sent
        try:
            while True:
                # enough files in hand to know how many workers to start, to give each worker
                # what it holds (``_DEPTH``) and to answer a result with a file at once; no
                # more, so that what makes them (hashing) overlaps the work
                sent = sum(len(w.tasks) for w in self._workers)
                wanted = self.size * (self._DEPTH + 1) - sent
                while len(ahead) < wanted and (item := next(source, None)) is not None:
                    ahead.append(item)
                if not ahead and not self._busy():
                    break
                while len(self._workers) < min(self.size, len(ahead) + self._busy()):
                    self._workers.append(self._spawn())
                self._hand_out(ahead)
                live = list(self._workers)
                waitables: list[Any] = [w.conn for w in live] + [w.process.sentinel for w in live]
                ready = set(wait(waitables, timeout=1.0))
                now = time.monotonic()
                for w in live:
                    if w.conn in ready:
                        try:
                            first, payload = w.conn.recv()
                        except (EOFError, OSError):
                            yield from self._died(w, ahead)
                            continue
                        if first == _READY:
                            w.ready = True
                        elif first == _RETIRING:
                            self._give_back(w, ahead)  # it answered its first; not the rest
                            self._retire(w, kill=False)
                            yield payload
                        elif first == "failed":
                            self._start_failed(w, payload)
                        else:
                            w.tasks.popleft()
                            w.started = time.monotonic()  # on its next file, if it holds one
                            # its next file goes now, not once the scan has taken this result
                            # in (the per-file cache's commits, the person records)
                            self._hand_out(ahead)
                            yield first, payload
                    elif w.process.sentinel in ready:
                        yield from self._died(w, ahead)
                    elif w.tasks and timeout and now - w.started > timeout:
                        index, ref = self._give_back(w, ahead)
                        self._retire(w, kill=True)
                        yield index, failed_file(ref, f"timed out after {timeout:g} s")
        finally:
            self.close()

    # Files a worker holds at once: the one it reads and the next, sent while it reads, so it
    # goes on without waiting for the parent to take its result and answer with a file (the
    # parent shares the cores: ~2 ms a file, a tenth of a worker's time on small files;
    # benchmarks/scale/bench_worker_wait.py). The price: at the end of a scan, a worker may
    # still hold a file behind a long one while another has nothing left — one file's time.
    _DEPTH = 2

    def _hand_out(self, ahead: deque[tuple[int, FileRef]]) -> None:
        """Send files to the ready workers: one each first, then a second each."""
        for depth in range(self._DEPTH):
            for w in list(self._workers):
                if not (ahead and w.ready and len(w.tasks) == depth):
                    continue
                task = ahead.popleft()
                if not w.tasks:
                    w.started = time.monotonic()
                w.tasks.append(task)
                try:
                    w.conn.send(task)
                except OSError:  # it died: the file goes to another
                    w.tasks.pop()
                    ahead.appendleft(task)
                    if not w.tasks:  # while idle, no file to blame
                        self._retire(w, kill=True)
                    # else its end, when seen, reports the file it was on (``_died``)

    @staticmethod
    def _give_back(w: _Worker, ahead: deque[tuple[int, FileRef]]) -> tuple[int, FileRef]:
        """The file ``w`` was on, taken from it; the files it held behind that one, which it
        will not read (it retires, or is killed), go back to the front of ``ahead``, in order."""
        first = w.tasks.popleft()
        ahead.extendleft(reversed(w.tasks))
        w.tasks.clear()
        return first

    def _busy(self) -> int:
        return sum(bool(w.tasks) for w in self._workers)

    def _died(self, w: _Worker, ahead: deque[tuple[int, FileRef]]) -> Iterator[tuple[int, list]]:
        w.process.join(timeout=5)
        code = w.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        if not w.tasks:  # died before taking a file: a start-up problem
            self._start_failed(w, f"worker exited during start-up, {how}")
            return
        index, ref = self._give_back(w, ahead)
        self._retire(w, kill=True)
        yield index, failed_file(ref, f"parser crashed ({how})")

    def close(self) -> None:
        for w in list(self._workers):
            with contextlib.suppress(BrokenPipeError, OSError):
                w.conn.send(None)
            # one still loading would read the message only when its loading is done
            self._retire(w, kill=bool(w.tasks) or not w.ready)


def uses_workers(config: ScanConfig) -> bool:
    """Whether a scan reads its files in worker processes of this machine."""
    return not (config.in_process or config.dask_address)


def pool_for(config: ScanConfig, roots: Sequence[Path]) -> WorkerPool:
    """The scan's worker pool. A scan of files only (``pi-scan scan 名簿.xlsx``) leaves the text
    stack to a worker whose file holds text; folders hold some."""
    folders = not all(Path(r).is_file() for r in roots)
    return WorkerPool(config, config.worker_count(), config.analyser, text_stack=folders)


def start_workers_early(config: ScanConfig, roots: Sequence[Path]) -> None:
    """Start the fork server of a scan's workers now, before the scan's own imports: its
    imports (the parsers, presidio, spaCy: over a second) then overlap the parent's instead of
    following them. The scan's pool (:func:`pool_for`, the same preload) finds it running."""
    if uses_workers(config) and os.name == "posix":
        pool_for(config, roots).warm_up()


def stop_helper_processes() -> None:
    """Stop multiprocessing's fork server and resource tracker, if this process started them.

    Both would end by themselves once the scan has exited, but only after the fork server has
    finished its imports (over a second): a scan's process group must be empty when the scan
    ends, whatever the exit. Call once the workers are gone (``WorkerPool.close``)."""
    if os.name != "posix":
        return
    from multiprocessing import forkserver, resource_tracker

    server = getattr(forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if server is not None and pid is not None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)  # it may still be importing: no need to wait for it
        with contextlib.suppress(Exception):
            server._stop()
    tracker = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is not None and getattr(tracker, "_pid", None) is not None:
        with contextlib.suppress(Exception):
            tracker._stop()


def sequential(analyse: Analyse, refs: Iterable[FileRef]) -> Iterator[tuple[int, list]]:
    for i, ref in enumerate(refs):
        yield i, analyse(ref)


def strip_result(result: DatasetResult) -> DatasetResult:
    """What travels back from a worker: no table, no text — findings, masked samples, hashes.

    A column is known by its safe label from here on: a header that could itself be personal
    data (a first record taken as the header) must not reach the inventory or its cache."""
    columns = tuple(replace(f, column=f.label or f.column) for f in result.findings.columns)
    return replace(
        result,
        dataset=replace(result.dataset, table=None, text=None, rest=None),
        findings=replace(result.findings, columns=columns),
    )
