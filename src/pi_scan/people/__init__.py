"""Distinct people across all datasets, in three modules by job:

- ``keys``: person keys, keyed hashes of normalised attributes (the secret, ``Hasher``);
- ``records``: a dataset's person records, built in the worker from a table and its findings;
- ``clustering``: the parent's count of distinct people (estimate, low, high) over all records;
- ``store``: the records of a scan on disk until they are counted, so the parent's memory does
  not grow with the share.
"""

from pi_scan.people.clustering import PeopleResult, estimate_people, individuals_per_dataset
from pi_scan.people.keys import (
    NORMALISERS,
    Hasher,
    SecretError,
    load_or_create_secret,
)
from pi_scan.people.records import GUARDIAN_LISTS, person_groups, person_records
from pi_scan.people.store import CountMemo, PersonRecordStore, count_people, dataset_id

__all__ = [
    "GUARDIAN_LISTS",
    "NORMALISERS",
    "CountMemo",
    "Hasher",
    "PeopleResult",
    "PersonRecordStore",
    "SecretError",
    "count_people",
    "dataset_id",
    "estimate_people",
    "individuals_per_dataset",
    "load_or_create_secret",
    "person_groups",
    "person_records",
]
