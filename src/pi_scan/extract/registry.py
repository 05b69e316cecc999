"""``extract_file``: sniff what a file is, hand it to its family's extractor, never raise.

Archive members come back through :func:`dispatch` with their bytes in memory, so a workbook in
a zip in a zip is read exactly like one on disk.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator

from pi_scan.config import ScanConfig
from pi_scan.extract.formats import Reading, noun_for, read_as
from pi_scan.extract.sniff import sniff
from pi_scan.extract.source import Budget, Source, describe, guarded, open_error
from pi_scan.model import Dataset, FileRef, Status
from pi_scan.opening import open_regular


def extract_file(ref: FileRef, config: ScanConfig) -> list[Dataset]:
    """Every table and text in the file (and in archives inside it), or why there is none."""
    if ref.status is not Status.OK:
        # discovery already decided (too large, permission denied ...): keep its reason
        return [Dataset(file=ref, status=ref.status, error=ref.reason)]
    try:
        fd = open_regular(ref, config.follow_symlinks)
    except OSError as exc:
        return [Dataset(file=ref, status=Status.ERROR, error=open_error(exc))]
    try:
        with quiet():
            return dispatch(Source(ref, fd=fd), config, Budget(config.limits))
    finally:
        os.close(fd)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No library warning reaches the console or a log: their texts may quote file content
    (openpyxl, pandas and pypdf warn about what they find in the file)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def dispatch(source: Source, config: ScanConfig, budget: Budget) -> list[Dataset]:
    """Extract one source (a file or an archive member); always at least one Dataset."""
    datasets = guarded(
        source, "unreadable " + noun_for(source), lambda: _dispatch(source, config, budget)
    )
    return datasets or [source.text("")]


def _dispatch(source: Source, config: ScanConfig, budget: Budget) -> list[Dataset]:
    try:
        sniffed = sniff(source, config.limits)
    except OSError as exc:
        return [source.failure(Status.ERROR, describe("cannot read file", exc))]
    return read_as(Reading(source, sniffed, config, budget, dispatch))
