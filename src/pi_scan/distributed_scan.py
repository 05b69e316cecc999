"""Per-file work on a Dask distributed cluster (``pi-scan scan --dask tcp://scheduler:8786``).

Workers must see the share at the same path (a mounted SMB/NFS share). Each Dask worker process
builds the analyser once and keeps it; a task returns only what the local workers return —
metadata, findings, masked samples and keyed hashes — never file content. A worker that dies on
a file is retried by Dask on another worker; when Dask gives up (KilledWorker) or the task raises,
the file gets an ``error`` row and the scan goes on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pi_scan.config import ScanConfig
from pi_scan.model import DatasetResult, FileRef
from pi_scan.workers import failed_file, load_analyser

_ANALYSERS: dict[tuple[str, int], Any] = {}


def _analyse_on_worker(ref: FileRef, config: ScanConfig) -> list[DatasetResult]:
    key = (config.analyser, hash(config))
    analyser = _ANALYSERS.get(key)
    if analyser is None:  # once per worker process: dictionaries and recognizers load here
        analyser = _ANALYSERS[key] = load_analyser(config.analyser, config)
    return analyser(ref)


def run_on_dask(
    address: str, config: ScanConfig, refs: Sequence[FileRef]
) -> Iterator[tuple[int, list[DatasetResult]]]:
    from distributed import Client, as_completed

    client = Client(address)
    try:
        futures = client.map(_analyse_on_worker, list(refs), config=config, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            i = index[future.key]
            try:
                yield i, future.result()
            except Exception as exc:  # the file's fault or the worker's: one error row
                yield i, failed_file(refs[i], f"failed on the cluster ({type(exc).__name__})")
    finally:
        client.close()
