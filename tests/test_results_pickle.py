"""Per-file results travel from workers as pickles and wait in the inventory's per-file cache as
pickles; an unchanged re-scan loads every one back (model.pickled_quickly)."""

from __future__ import annotations

import pickle
from dataclasses import fields, is_dataclass
from pathlib import Path

import numpy as np

from pi_scan.analysis import FileAnalyser
from pi_scan.config import ScanConfig
from pi_scan.discover import discover
from pi_scan.model import PersonRecords

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_share"


def _results(name: str):
    config = ScanConfig(ocr=False)
    ref = next(f for f in discover([SAMPLE], config).files if f.rel_path.endswith(name))
    return FileAnalyser(config)(ref)


def _objects(value):
    """Every dataclass object reachable from ``value`` (through fields, lists and tuples)."""
    if isinstance(value, PersonRecords):
        return  # pickled by its own __reduce__ (arrays)
    if is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in fields(value):
            yield from _objects(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _objects(item)


def test_a_roster_s_results_load_back_equal_people_included():
    results = _results("学年/3年/3年生徒名簿.xlsx")
    assert results and any(r.people is not None and len(r.people) for r in results)
    loaded = pickle.loads(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == results
    for before, after in zip(results, loaded, strict=True):  # people are not compared by ==
        if before.people is None:
            assert after.people is None
            continue
        for f in fields(before.people):
            a, b = getattr(before.people, f.name), getattr(after.people, f.name)
            assert np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b


def test_the_pickled_state_is_dataclasses_own_so_older_caches_still_load():
    # dataclasses pickles a frozen, slotted class as the list of its field values in order;
    # pickled_quickly keeps that state, only faster, so blobs written before it load as before
    objects = list(_objects(_results("学年/3年/3年生徒名簿.xlsx")))
    kinds = {type(o).__name__ for o in objects}
    assert {"DatasetResult", "Dataset", "FileRef", "Findings", "ColumnFinding", "Decision"} <= kinds
    for o in objects:
        assert o.__getstate__() == [getattr(o, f.name) for f in fields(o)]
