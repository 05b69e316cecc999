"""Print precision and recall per entity, for cells and for columns, on a generated corpus.

.venv/bin/python benchmarks/detection/bench_quality.py [--seed 1] [--per-entity 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import make_cells, make_columns
from quality import report, score_cells, score_columns

from pi_scan.config import ScanConfig
from pi_scan.detect import Detector


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-entity", type=int, default=200)
    parser.add_argument("--rows", type=int, default=120)
    args = parser.parse_args()
    detector = Detector(ScanConfig())
    t = time.perf_counter()
    cells = make_cells(args.seed, args.per_entity)
    columns = make_columns(args.seed, args.rows, per_entity=max(4, args.per_entity // 20))
    print(f"corpus: {len(cells)} cells, {len(columns)} columns (seed {args.seed})")
    print(report("CELLS", score_cells(detector, cells)))
    print()
    print(report("COLUMNS", score_columns(detector, columns)))
    print(f"\n{time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
