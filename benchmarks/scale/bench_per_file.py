#!/usr/bin/env python3
"""The per-file work of a share, in one process, by file type (issue 17 item 1).

    .venv/bin/python benchmarks/scale/bench_per_file.py --share DIR [--every N]
                     [--against-old [eighth | ninth | all]]

Every inspected file (or every N-th) is analysed as a worker analyses it (``FileAnalyser``,
``--no-ocr``), its text stack built and twenty files read to warm up, with what is loaded
then out of the garbage collector's sight, as in a worker; CPU seconds (``process_time``) are
summed by extension. No process hand-off, inventory or count: what a share's files cost the
workers.

``--against-old`` runs each file twice, the first drawn at random for each file (seeded;
the second run of a file is the warmer): once with changes switched off and once as the
code is: ``eighth``, the eighth pass's three changes (pdfplumber's own table finder and cell
text, every value-only rule tried on every value, tables in pandas' ``str`` dtype);
``ninth``, the ninth pass's (pypdf parses every PDF content stream itself, phonenumbers parses
every phone number); ``all`` (the default), both. The phone numbers' cache is emptied at each
switch, so that neither run takes the other's. On a machine whose speed drifts between runs
(a shared VM: ±20 % of a process's CPU time) this compares the two file by file under the
same conditions, which separate runs cannot.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _switches(passes: str) -> tuple[Callable[[], None], Callable[[], None]]:
    """(switch the changes off, switch them on). Tables go back to pandas' ``str`` where the
    spreadsheets, Word and PDF tables are made (``tabular._chunk`` reads ``CELLS`` at each
    call); cards and record lists, which take it at import, stay as they are. Content streams
    go back to pypdf (``pdf_content.operations_of`` reads ``FOLLOWS_PYPDF`` at each call), phone
    numbers to phonenumbers' parse (``valid_jp_phone`` reads ``national_number`` likewise)."""
    from pdfplumber import utils as plumber_utils

    from pi_scan.detect import validators
    from pi_scan.detect.columns import _Sample
    from pi_scan.extract import pdf_content, pdf_grid, tabular

    eighth = passes in ("eighth", "all")
    ninth = passes in ("ninth", "all")
    places: list[tuple[Any, str, Any]] = [  # (owner, attribute, its old value)
        (pdf_grid, "find_tables", lambda page: page.find_tables()),
        (pdf_grid, "cell_text", plumber_utils.extract_text),
        (_Sample, "may_reach", lambda self, shape, threshold: True),
        (tabular, "CELLS", str),
    ] * eighth + [
        (pdf_content, "FOLLOWS_PYPDF", False),
        (validators, "national_number", lambda value: None),
    ] * ninth
    new = [getattr(owner, name) for owner, name, _ in places]
    old = [value for _, _, value in places]

    def use(chosen: list[Any]) -> None:
        for (owner, name, _), value in zip(places, chosen, strict=True):
            setattr(owner, name, value)
        validators.valid_jp_phone.cache_clear()

    return (lambda: use(old)), (lambda: use(new))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--share", type=Path, required=True)
    parser.add_argument("--every", type=int, default=1, help="every N-th file only")
    parser.add_argument("--against-old", nargs="?", const="all", choices=("eighth", "ninth", "all"))
    args = parser.parse_args(argv)
    os.environ.setdefault("PI_SCAN_HOME", tempfile.mkdtemp(prefix="pi-scan-bench-"))
    from pi_scan.analysis import FileAnalyser
    from pi_scan.config import ScanConfig
    from pi_scan.discover import discover
    from pi_scan.workers import _build_text_stack

    config = ScanConfig(ocr=False)
    files = discover([args.share], config).files[:: args.every]
    analyse = FileAnalyser(config)
    _build_text_stack(analyse)  # as a scan's worker does before its first file
    for ref in files[:20]:
        analyse(ref)
    gc.freeze()  # as a worker does once its analyser is built (workers._worker_main)
    runs: list[tuple[str, Callable[[], None]]] = [("now", lambda: None)]
    if args.against_old:
        off, on = _switches(args.against_old)
        runs = [("old", off), ("now", on)]
    cpu: dict[str, Counter[str]] = {label: Counter() for label, _ in runs}
    # Which run goes first is drawn for each file (seeded): the second run of a file is the
    # warmer (caches), and on a share of look-alike folders any fixed alternation gives the
    # same kind of file the same place every time.
    order = random.Random(17)
    for ref in files:
        kind = os.path.splitext(ref.rel_path)[1].lower()
        for label, switch in runs if order.random() < 0.5 else runs[::-1]:
            switch()
            start = time.process_time()
            analyse(ref)
            cpu[label][kind] += time.process_time() - start
    if args.against_old:
        runs[-1][1]()
    print(f"{len(files):,} files of {args.share}")
    for label, by_kind in cpu.items():
        kinds = " ".join(f"{k} {v:.2f}" for k, v in by_kind.most_common())
        print(f"{label}: {sum(by_kind.values()):.2f} CPU-s ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
