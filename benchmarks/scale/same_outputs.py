"""Do two pi-scans give the same outputs? Each share is scanned by each code with one person-key
secret, and inventory.csv, findings.csv and summary.json less its timings are compared.

    git archive BEFORE | tar -x -C /tmp/before
    .venv/bin/python benchmarks/scale/same_outputs.py --code before=/tmp/before/src \\
        --code after=src --share fixtures/sample_share --share /tmp/unseen/share [-- --no-ocr]

A change meant to be faster only (issue 17 item 6) must leave every share's outputs equal.
Arguments after ``--`` go to every ``pi-scan scan``; ``--again`` also compares each code's
unchanged re-scan (its inventory kept from its first scan); ``--cold`` empties the page cache
before each first scan (Linux, root), for the figures of a share read from the disk. Exit 0
when all are equal, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import code_option, comparable_outputs, drop_page_cache, measured_scan


def differing_keys(a: Any, b: Any, at: str = "") -> list[str]:
    """The dotted keys where two JSON values differ (``incremental.files_read``): a summary
    that gained a key says which, instead of only that it differs."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [
            found
            for key in sorted(set(a) | set(b))
            for found in (
                differing_keys(a.get(key), b.get(key), f"{at}.{key}" if at else key)
                if key in a and key in b
                else [f"{at}.{key}" if at else key]
            )
        ]
    return [] if a == b else [at or "(whole)"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    options = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--code",
        action="append",
        type=code_option,
        required=True,
        metavar="LABEL=SRC",
        help="pi-scan's src folder",
    )
    parser.add_argument("--share", action="append", required=True, type=Path)
    parser.add_argument("--work", type=Path, help="keep the scans here (default: a temp folder)")
    parser.add_argument(
        "--again", action="store_true", help="also an unchanged re-scan by each code, compared"
    )
    parser.add_argument(
        "--cold", action="store_true", help="empty the page cache before each first scan (root)"
    )
    args = parser.parse_args(argv)
    codes = args.code
    if len(codes) < 2:
        parser.error("give two or more --code LABEL=SRC")
    with tempfile.TemporaryDirectory(prefix="same-outputs-") as temp:
        work_root = args.work or Path(temp)
        differ = 0
        for n, share in enumerate(args.share):
            work = work_root / f"share{n}"
            work.mkdir(parents=True, exist_ok=True)
            outputs: dict[tuple[str, str], tuple] = {}
            scans = ["first scan", "re-scan"] if args.again else ["first scan"]
            for label, src in codes:
                env = {"PYTHONPATH": str(Path(src).resolve())}
                head = [sys.executable, "-m", "pi_scan"]
                for scan in scans:  # a re-scan: same label, same home, its inventory
                    # the first scan's secret is every later scan's: people keyed alike
                    if args.cold and scan == "first scan":
                        drop_page_cache()
                    m, out = measured_scan(work, label, share, head, options, env)
                    outputs[label, scan] = comparable_outputs(out)
                    print(
                        f"{share} [{label}, {scan}]: {m.wall_s:.1f} s, {m.cpu_s:.1f} CPU-s, "
                        f"parent {m.peak_parent_rss_mb:.0f} MB",
                        flush=True,
                    )
            first = codes[0][0]
            for (label, scan), b in outputs.items():
                if label == first:
                    continue
                a = outputs[first, scan]
                parts = [
                    name
                    for name, x, y in zip(("inventory.csv", "findings.csv"), a, b, strict=False)
                    if x != y
                ]
                parts += [f"summary.json {key}" for key in differing_keys(a[2], b[2])]
                differ += bool(parts)
                verdict = "identical" if not parts else "DIFFERENT: " + ", ".join(parts)
                print(f"{share}, {scan}: {first} vs {label}: {verdict}", flush=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
