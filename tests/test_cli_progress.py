"""The console progress display: whole in an 80-column terminal, the reused count current."""

from __future__ import annotations

import io
import re
import time

from rich.cells import cell_len
from rich.console import Console

from pi_scan.progress import ScanTally
from pi_scan.report.views.terminal import RichProgress


def _run(width: int) -> str:
    out = io.StringIO()
    progress = RichProgress(Console(file=out, width=width, color_system=None))
    tally = ScanTally(total=123_456, to_read=123_036, bytes_to_read=10**10)
    progress.start(tally)
    for _ in range(420):
        tally.reused += 1
        progress.file_done(tally, "reused.csv")
    frame = progress._progress.tasks[0].fields["rates"]
    assert "再利用 / reused 420" in frame  # not "reused 1" (refreshed at most twice a second)
    tally.reading_since = time.monotonic() - 7200
    tally.read, tally.bytes_read = 100_000, 8 * 10**9
    progress.file_done(tally, "read.csv")
    progress.finish(tally)
    return out.getvalue()


def test_count_and_elapsed_time_fit_in_80_columns() -> None:
    text = _run(80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert re.search(r" 100420/123456 \d:\d\d:\d\d$", lines[0])  # count and elapsed, whole
    assert "残り / left" in text and "再利用 / reused 420" in text
