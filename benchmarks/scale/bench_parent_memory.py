"""The parent's memory for counting distinct people on a huge share (issue 17 item 4).

Simulates a share of ``--files`` files with synthetic person records (no files are read: the
records are what a worker would send), about three people each, drawn with realistic overlap
from a population: the same pupils on a class roster, a club list and the guardians' contact
list; households sharing a phone and an address; namesakes (names drawn from a skewed pool, a
few read two ways); student and staff numbers of many schools (more numbering systems than the
clustering tells apart); a few copies of files (a roster in Downloads and in last year's folder).
The keys are random 64-bit values per attribute value, shaped like real person keys (an ID's
top 16 bits name its numbering system).

The records go through the parent-side path ``pipeline.run_scan`` uses: each file's records
are added to a ``PersonRecordStore`` as they arrive and ``count_people`` clusters them at the
end. ``--in-memory`` runs the path used before (every file's records held in a list, then
``estimate_people`` + ``individuals_per_dataset``) for comparison. Each run is one process:
peak RSS is the kernel's high-water mark (``ru_maxrss``) of that process.

    nice -n 10 .venv/bin/python benchmarks/scale/bench_parent_memory.py --files 20000
    nice -n 10 .venv/bin/python benchmarks/scale/bench_parent_memory.py --files 1000000
    ... --in-memory             # the path before issue 17 item 4, for the "before" figures
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from pi_scan.entities import PERSON_KEY_COLUMNS
from pi_scan.model import PersonRecords

SYSTEM_SHIFT = 48
_COLUMN = {name: i for i, name in enumerate(PERSON_KEY_COLUMNS)}
# file kinds: (share of files, key columns of the subject, whether guardians are on the rows)
_KINDS = (
    (0.35, ("name", "kana", "birth", "student_id"), False),  # class roster
    (0.25, ("name", "phone", "address"), True),  # contact list: pupil and guardian on a row
    (0.20, ("name",), False),  # club list, attendance sheet
    (0.15, ("name", "email", "employee_id"), False),  # staff list
    (0.05, ("name", "kana", "birth", "phone", "address", "member_id"), False),  # patients
)
_SCHOOLS = 48  # numbering systems of student numbers (the clustering tells 32 apart)


def _mix(values: np.ndarray, salt: int) -> np.ndarray:
    """splitmix64 of (value, salt): a random-looking non-zero 64-bit key per value."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(salt)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return np.maximum(z, np.uint64(1))


class Population:
    """People as integer attributes; households of three (a guardian and two children)."""

    def __init__(self, size: int, rng: np.random.Generator) -> None:
        self.size = size
        person = np.arange(size)
        names = max(size // 3, 10)
        # skewed: common names are shared by many people (namesakes), most by few
        self.name = (names * rng.random(size) ** 2).astype(np.int64)
        # one name in twenty is read two ways (アン / アンズ)
        self.kana = self.name * 2 + ((self.name % 20 == 0) & (rng.random(size) < 0.5))
        self.birth = rng.integers(0, 25_000, size)
        self.household = person // 3
        self.guardian = self.household * 3  # the first of a household is the guardian
        self.school = rng.integers(0, _SCHOOLS, size)

    def keys(self, people: np.ndarray, columns: tuple[str, ...]) -> np.ndarray:
        keys = np.zeros((len(people), len(PERSON_KEY_COLUMNS)), np.uint64)
        for column in columns:
            if column == "name":
                values = _mix(self.name[people], 1)
            elif column == "kana":
                values = _mix(self.kana[people], 2)
            elif column == "birth":
                values = _mix(self.birth[people], 3)
            elif column == "email":
                values = _mix(people, 4)
            elif column in ("phone", "address"):
                values = _mix(self.household[people], 5 if column == "phone" else 6)
            else:  # an ID: the person's number in a system (a school's for pupils)
                system = self.school[people] if column == "student_id" else np.full(len(people), 7)
                value = _mix(people, 8) & np.uint64((1 << SYSTEM_SHIFT) - 1)
                values = value | (system.astype(np.uint64) + np.uint64(1)) << np.uint64(
                    SYSTEM_SHIFT
                )
            keys[:, _COLUMN[column]] = values
        return keys


def synthetic_share(files: int, seed: int = 1) -> Iterator[PersonRecords]:
    """One ``PersonRecords`` per file. A tenth of the files draw an earlier file to copy; only
    those whose original is among the ~2,000 most recent are copies (625 files at 20,000 files,
    1,403 at 1,000,000), the others are files of their own."""
    rng = np.random.default_rng(seed)
    population = Population(max(files, 30), rng)
    shares = np.array([k[0] for k in _KINDS])
    kinds = rng.choice(len(_KINDS), size=files, p=shares / shares.sum())
    sizes = np.maximum(rng.poisson(3, size=files), 1)
    copy_of = np.where(rng.random(files) < 0.1, rng.integers(0, np.arange(files) + 1), -1)
    recent: dict[int, PersonRecords] = {}
    window = 60  # a file draws its people from a neighbourhood of the population
    for f in range(files):
        source = int(copy_of[f])
        if 0 <= source < f and source in recent:
            yield recent[source]
            continue
        centre = int(f * population.size / files)
        people = (centre + rng.integers(0, window, int(sizes[f]))) % population.size
        people = np.unique(people)
        _, columns, with_guardians = _KINDS[int(kinds[f])]
        keys = population.keys(people, columns)
        rows = np.arange(len(people), dtype=np.int64)
        roles = np.zeros(len(people), np.int8)
        role_names: tuple[str, ...] = ("self",)
        if with_guardians:
            guardians = population.guardian[people]
            g_keys = population.keys(guardians, columns)
            g_keys[:, _COLUMN["link"]] = _mix(
                population.name[guardians] * 7919 + population.name[people], 9
            )
            keys[:, _COLUMN["link"]] = _mix(
                population.name[people] * 7919 + population.name[guardians], 9
            )
            keys = np.vstack([keys, g_keys])
            rows = np.concatenate([rows, rows])
            roles = np.concatenate([roles, np.ones(len(people), np.int8)])
            role_names = ("self", "guardian")
        records = PersonRecords.of(rows=rows, roles=roles, role_names=role_names, keys=keys)
        if len(recent) > 2000:
            recent.pop(next(iter(recent)))
        recent[f] = records
        yield records


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run(files: int, seed: int, in_memory: bool) -> dict[str, object]:
    counted_every = 50  # one file in fifty declared excluded from the count
    uncertain_every = 7  # one in seven an uncertain database
    started = time.monotonic()
    records = 0
    if in_memory:
        from pi_scan.people import estimate_people, individuals_per_dataset

        parts = list(synthetic_share(files, seed))
        records = sum(len(p) for p in parts)
        fed = time.monotonic()
        counted = [i % counted_every != 0 for i in range(files)]
        certain = [i % uncertain_every != 0 for i in range(files)]
        outcome = estimate_people(parts, counted, certain)
        per_dataset = individuals_per_dataset(parts, outcome.labels)
        estimate = outcome.estimate
    else:
        from pi_scan.people import PersonRecordStore, count_people

        with PersonRecordStore() as store:
            for i, part in enumerate(synthetic_share(files, seed)):
                store.add(i, part)  # as pipeline._spill does when a file's results arrive
                records += len(part)
            fed = time.monotonic()
            ids = np.arange(files)
            estimate, individuals = count_people(
                store, ids, ids % counted_every != 0, ids % uncertain_every != 0
            )
        per_dataset = individuals.tolist()
    finished = time.monotonic()
    return {
        "files": files,
        "records": records,
        "path": "in memory (before)" if in_memory else "store + count_people",
        "estimate": estimate.estimate,
        "low": estimate.low,
        "high": estimate.high,
        "individuals_sum": int(sum(per_dataset)),
        "individuals_digest": int(
            np.bitwise_xor.reduce(np.array(per_dataset, np.int64) * np.arange(1, files + 1))
        ),
        "feed_s": round(fed - started, 1),
        "count_s": round(finished - fed, 1),
        "wall_s": round(finished - started, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--in-memory", action="store_true", help="the path before (a list)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    figures = run(args.files, args.seed, args.in_memory)
    for key, value in figures.items():
        print(f"{key:>20}: {value:,}" if isinstance(value, int | float) else f"{key:>20}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
