"""Helpers for tests and for people who write recognizers or extend pi-scan.

``misbehaving_analyser`` stands in for a parser that crashes or hangs, so the worker
supervision can be tested on real process deaths without shipping a malicious file.
"""

from __future__ import annotations

import os
import time

from pi_scan.config import ScanConfig
from pi_scan.model import DatasetResult, FileRef


def misbehaving_analyser(config: ScanConfig):
    """The real per-file work, except: a file whose name contains ``CRASH`` aborts the worker
    process (like a parser's abort or segfault), ``HANG`` sleeps past any timeout."""
    from pi_scan.analysis import FileAnalyser

    real = FileAnalyser(config)

    def analyse(ref: FileRef) -> list[DatasetResult]:
        if "CRASH" in ref.rel_path:
            os.abort()
        if "HANG" in ref.rel_path:
            time.sleep(3600)
        return real(ref)

    return analyse
