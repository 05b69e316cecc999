"""Typed values passed between pipeline steps.

discover → FileRef, extract → Dataset, detect → Findings, classify → Decision,
people → PersonRecords, pipeline → DatasetResult / ScanSummary.

Everything here is a frozen dataclass or an enum, so a value handed to the next step cannot be
changed behind its back, and can be pickled to a worker process.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np

from pi_scan.entities import PERSON_KEY_COLUMNS, Entity

if TYPE_CHECKING:  # the parent of a scan need not load pandas to start its workers
    import pandas as pd

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


def pickled_quickly(cls: type[_T]) -> type[_T]:
    """Pickle a frozen, slotted dataclass with the state dataclasses gives it (its field values
    in order), but with the field names found once, not by ``fields()`` for every object: an
    unchanged re-scan unpickles every file's results (~17 objects a dataset), and that call
    was two thirds of the time. Put it above ``@dataclass``; blobs pickled before still load."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    set_field = object.__setattr__

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: Sequence[Any]) -> None:
        for name, value in zip(names, state, strict=False):
            set_field(self, name, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


ARCHIVE_SEPARATOR = "!"
"""Separates an archive's path from a member's path: ``名簿.zip!2024/1年.csv``."""


def file_extension(path: str) -> str:
    """The last component's extension, lower case with its dot (``.xlsx``), or "" for none.

    ``.DS_Store`` has the extension ``.ds_store``: a leading dot counts, as the lists of types
    not inspected expect."""
    name = path.rsplit("/", 1)[-1]
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


class Status(StrEnum):
    """Whether a file or dataset could be read. Values are part of the CSV contract."""

    OK = "ok"
    ENCRYPTED = "encrypted"
    ERROR = "error"
    SKIPPED = "skipped"


class DatasetKind(StrEnum):
    TABLE = "table"
    TEXT = "text"
    NONE = "none"  # nothing could be read (status is not OK)


@pickled_quickly
@dataclass(frozen=True, slots=True)
class FileRef:
    """One file found by discovery, with the metadata the inventory reports.

    ``rel_path`` is relative to its root with ``/`` separators. ``status`` is OK when the file
    should be extracted; discovery sets SKIPPED/ERROR (too large, permission denied ...) with a
    ``reason`` so the file still appears in the inventory.
    """

    root: str  # the root as given (absolute path)
    rel_path: str
    abs_path: str
    size_bytes: int
    modified: str  # ISO 8601, UTC, seconds
    owner: str
    mode: int
    world_readable: bool
    status: Status = Status.OK
    reason: str = ""
    mtime_ns: int = 0  # exact modification time, to tell a changed file on re-scan

    @classmethod
    def nowhere(cls, rel_path: str = "") -> FileRef:
        """A file of no share: what a dataset holds when it was not read from one (a table
        given to the library API, a cached result before it is given its file)."""
        return cls(
            root="",
            rel_path=rel_path,
            abs_path="",
            size_bytes=0,
            modified="",
            owner="",
            mode=0,
            world_readable=False,
        )

    @property
    def extension(self) -> str:
        return file_extension(self.rel_path)


class RowStream(Protocol):
    """The rest of a table too big to hold at once (a 1,000,000-row CSV), read chunk by chunk.

    ``chunks()`` yields frames with the head's columns, their index continuing the head's row
    numbers; it may be iterated once. ``truncated`` is set when it stopped at ``max_rows``.
    ``close()`` releases the file (also when the chunks were not all read).
    """

    truncated: bool

    def chunks(self) -> Iterator[pd.DataFrame]: ...

    def close(self) -> None: ...


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Dataset:
    """A table or a text read from a file (or from an archive member of it).

    ``member_path`` is the path inside archives, already joined with ``!`` for nested archives
    (``inner.zip!名簿.csv``), empty for the file itself. ``name`` is the sheet or table name,
    empty for a whole file. A table's cells are all strings ("" for empty); its columns are the
    header row's texts made unique. ``header_row`` is the 0-based row index of the header in the
    source (after title rows), None when the table had no recognisable header.

    A table read in chunks holds its first records in ``table`` (what detection looks at) and
    the others in ``rest``, which the per-file work reads through once (records, person keys).
    """

    file: FileRef
    member_path: str = ""
    name: str = ""
    kind: DatasetKind = DatasetKind.NONE
    status: Status = Status.OK
    error: str = ""
    table: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    text: str | None = field(default=None, compare=False, repr=False)
    header_row: int | None = None
    rest: RowStream | None = field(default=None, compare=False, repr=False)

    @property
    def display_path(self) -> str:
        if self.member_path:
            return f"{self.file.rel_path}{ARCHIVE_SEPARATOR}{self.member_path}"
        return self.file.rel_path


@pickled_quickly
@dataclass(frozen=True, slots=True)
class ColumnFinding:
    """What a table column holds, and why we think so."""

    column: str
    entity: Entity
    confidence: float
    header_match: str = ""  # the header word that matched, "" when found by values alone
    hit_rate: float = 0.0  # share of non-empty sampled values that matched a recognizer
    sample_size: int = 0
    non_empty: int = 0
    distinct_ratio: float = 0.0
    role: str = "self"  # whose attribute: "self", "guardian", "staff", ... (保護者氏名 → guardian)
    evidence: str = ""
    masked_samples: tuple[str, ...] = ()
    # What reports may call the column: its header, or "列3" when the header itself could be
    # personal data (a table without a header row whose first record was taken as one).
    label: str = ""


@pickled_quickly
@dataclass(frozen=True, slots=True)
class TextFinding:
    """Entity occurrences in free text."""

    entity: Entity
    count: int
    evidence: str = ""
    masked_samples: tuple[str, ...] = ()


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Findings:
    columns: tuple[ColumnFinding, ...] = ()
    text: tuple[TextFinding, ...] = ()
    records: int = 0  # data rows (tables) or record blocks (record-structured text)
    record_structured: bool = False  # text made of repeated 氏名: … 住所: … blocks
    # why the table's name-like columns describe no one (readings of place names, a frequency
    # table of surnames, historical figures: detect/things.py), "" when they may be people
    not_people: str = ""

    @property
    def entities(self) -> frozenset[Entity]:
        return frozenset(f.entity for f in self.columns) | frozenset(f.entity for f in self.text)


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Decision:
    """Is the dataset a personal-information database (個人情報データベース等), and why."""

    is_pi_database: bool
    contains_personal_info: bool
    rationale: str
    exclusion_candidate: bool = False  # only name / address / phone (docs/rules.md §3)
    sensitive: bool = False
    flags: tuple[str, ...] = ()
    # why the judgement may be wrong ("" when it rests on firm evidence): the officer should
    # confirm it. An uncertain database counts toward the high bound, not the low one.
    uncertain: str = ""
    declared: bool = False  # settled by the officer in the config ([[declarations]] is_database)


@dataclass(frozen=True, slots=True, eq=False)
class PersonRecords:
    """The people of one dataset as keyed hashes: one record per person per table row.

    Each record has a 64-bit keyed hash (HMAC-SHA256, truncated) of each normalised attribute
    of PERSON_KEY_COLUMNS, 0 when not known; never a raw value. Only the key columns some
    record has are held (``packed``, with their positions in ``used``): a roster has no e-mail,
    My Number or link column, and a share has millions of records. Plain arrays rather than a
    DataFrame: a re-scan unpickles and concatenates all of them. Build one with :meth:`of`.
    """

    rows: np.ndarray  # int64: the record's row in the table
    roles: np.ndarray  # int8: index into role_names ("self", "guardian", "staff" ...)
    role_names: tuple[str, ...]
    packed: np.ndarray  # uint64, records x len(used)
    used: tuple[int, ...]  # positions in PERSON_KEY_COLUMNS of packed's columns

    @classmethod
    def of(
        cls, rows: np.ndarray, roles: np.ndarray, role_names: tuple[str, ...], keys: np.ndarray
    ) -> PersonRecords:
        """From a full records x PERSON_KEY_COLUMNS matrix."""
        used = tuple(int(i) for i in np.flatnonzero(keys.any(axis=0)))
        return cls(rows, roles, role_names, np.ascontiguousarray(keys[:, list(used)]), used)

    def __len__(self) -> int:
        return len(self.rows)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return _unpack_person_records, (
            self.rows,
            self.roles,
            self.role_names,
            self.used,
            self.packed,
        )

    @property
    def keys(self) -> np.ndarray:
        """The full records x PERSON_KEY_COLUMNS matrix (made on each call: for reading)."""
        keys = np.zeros((len(self.rows), len(PERSON_KEY_COLUMNS)), np.uint64)
        keys[:, list(self.used)] = self.packed
        return keys

    def column(self, name: str) -> np.ndarray:
        position = PERSON_KEY_COLUMNS.index(name)
        if position in self.used:
            return self.packed[:, self.used.index(position)]
        return np.zeros(len(self.rows), np.uint64)

    def frame(self) -> pd.DataFrame:
        """For reading (tests, inspection): row, role and one column per key."""
        import pandas as pd

        out = pd.DataFrame(self.keys, columns=list(PERSON_KEY_COLUMNS))
        out.insert(0, "role", np.array(self.role_names, dtype=object)[self.roles])
        out.insert(0, "row", self.rows)
        return out

    @classmethod
    def empty(cls) -> PersonRecords:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int8), (), np.zeros((0, 0), np.uint64), ())

    @classmethod
    def concat(cls, parts: Sequence[PersonRecords]) -> PersonRecords:
        """One dataset's records from parts of it (chunks of a table); roles matched by name,
        since a chunk without anyone of a role has no entry for it."""
        parts = [p for p in parts if len(p)]
        if not parts:
            return cls.empty()
        if len(parts) == 1:
            return parts[0]
        names: list[str] = []
        for part in parts:
            names.extend(n for n in part.role_names if n not in names)
        roles = [
            np.array([names.index(n) for n in p.role_names], dtype=np.int8)[p.roles] for p in parts
        ]
        used = tuple(sorted({i for p in parts for i in p.used}))
        packed = np.zeros((sum(len(p) for p in parts), len(used)), np.uint64)
        start = 0
        for part in parts:
            columns = [used.index(i) for i in part.used]
            packed[start : start + len(part), columns] = part.packed
            start += len(part)
        return cls(
            np.concatenate([p.rows for p in parts]),
            np.concatenate(roles),
            tuple(names),
            packed,
            used,
        )


def _unpack_person_records(
    rows: np.ndarray,
    roles: np.ndarray,
    role_names: tuple[str, ...],
    used: tuple[int, ...],
    packed: np.ndarray,
) -> PersonRecords:
    return PersonRecords(rows, roles, role_names, packed, tuple(used))


@pickled_quickly
@dataclass(frozen=True, slots=True)
class DatasetResult:
    """Everything the inventory keeps about one dataset."""

    dataset: Dataset
    findings: Findings
    decision: Decision
    people: PersonRecords | None = field(default=None, compare=False, repr=False)
    individuals: int = 0  # distinct people within this dataset
    excluded_from_count: bool = False
    declaration_reason: str = ""
    retention: str = ""
    note: str = ""


NOT_DECIDED = Decision(is_pi_database=False, contains_personal_info=False, rationale="")
"""The decision about a dataset nothing was read from (not inspected, unreadable, failed)."""


def as_discovered(ref: FileRef) -> list[DatasetResult]:
    """The results of a file discovery decided about (not inspected, hidden, too large,
    vanished ...): one dataset with discovery's status and reason, nothing read."""
    dataset = Dataset(file=ref, status=ref.status, error=ref.reason)
    return [DatasetResult(dataset, Findings(), NOT_DECIDED)]


def on_file(results: list[DatasetResult], ref: FileRef) -> list[DatasetResult]:
    """A file's results as another file's (a copy, or the same file found again): its path,
    owner, permissions and times, everything read from the content unchanged."""
    return [replace(r, dataset=replace(r.dataset, file=ref)) for r in results]


@dataclass(frozen=True, slots=True)
class PeopleEstimate:
    estimate: int
    low: int
    high: int


# Where the figure and its bounds stand against the threshold: (Japanese, English).
_BELOW = (
    "上限値でも閾値を超えない",
    "below: even the high bound does not exceed the threshold",
)
_ABOVE = (
    "下限値でも閾値を超える",
    "above: even the low bound exceeds the threshold",
)
_ESTIMATE_ABOVE = (
    "推計値は閾値を超えるが、下限値は超えない（判断は閾値をまたぐ）",
    "straddles: the estimate exceeds the threshold, the low bound does not",
)
_ESTIMATE_WITHIN = (
    "推計値は閾値以下だが、上限値は閾値を超える（判断は閾値をまたぐ）",
    "straddles: the estimate is within the threshold, the high bound exceeds it",
)


def _uncertainty(people: PeopleEstimate, threshold: int) -> tuple[str, str]:
    if people.high <= threshold:
        return _BELOW
    if people.low > threshold:
        return _ABOVE
    return _ESTIMATE_ABOVE if people.estimate > threshold else _ESTIMATE_WITHIN


def uncertainty_en(people: PeopleEstimate, threshold: int) -> str:
    """Where the figure and its bounds stand against the threshold (summary.json, reports)."""
    return _uncertainty(people, threshold)[1]


def uncertainty_ja(people: PeopleEstimate, threshold: int) -> str:
    """:func:`uncertainty_en` in Japanese (the reports)."""
    return _uncertainty(people, threshold)[0]


@dataclass(frozen=True, slots=True)
class Incremental:
    """What a scan read and what it took from the last one."""

    files_read: int
    files_reused: int  # from the per-file cache: by path, or by content (below)
    files_removed: int
    files_same_content: int  # new or changed files whose content an earlier scan analysed
    why_read: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One completed scan's figures in the history (the reports' chart, the six-month peak)."""

    scan_id: int
    finished: str
    estimate: int
    low: int
    high: int
    threshold: int = 0
    pi_databases: int = 0
    unreadable: int = 0


@dataclass(frozen=True, slots=True)
class ScanHistory:
    scans_recorded: int
    six_month_max: HistoryPoint | None  # the largest estimate in the six months before


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """The figures of one scan: summary.json, the inventory's scan row, the terminal, the log.

    ``incremental`` and ``history`` are known only to the scan that made the summary (a summary
    read back from the inventory has ``history`` None)."""

    scan_id: int
    started: str
    finished: str
    roots: tuple[str, ...]
    people: PeopleEstimate
    threshold: int
    rule_ja: str = ""
    rule_en: str = ""
    files_scanned: int = 0
    datasets: int = 0
    pi_databases: int = 0
    pi_databases_counted: int = 0
    datasets_with_personal_info: int = 0
    # databases whose judgement pi-scan is unsure of: in the estimate and the high bound,
    # not in the low bound ("please confirm" in the reports)
    uncertain_databases: int = 0
    declared_judgements: int = 0
    unreadable: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    not_inspected_by_extension: dict[str, int] = field(default_factory=dict)
    hidden_skipped: int = 0
    excluded_by_pattern: int = 0
    version: str = ""
    incremental: Incremental | None = None
    history: ScanHistory | None = None

    @property
    def exceeds_threshold(self) -> bool:
        return self.people.estimate > self.threshold

    @property
    def bounds_straddle_threshold(self) -> bool:
        return self.people.low <= self.threshold < self.people.high

    def as_json(self) -> dict[str, Any]:
        """summary.json (and the inventory's copy): its keys in this order are the contract."""
        people = self.people
        out: dict[str, Any] = {
            "tool": "pi-scan",
            "version": self.version,
            "scan_id": self.scan_id,
            "started": self.started,
            "finished": self.finished,
            "roots": list(self.roots),
            "distinct_individuals": {
                "estimate": people.estimate,
                "low": people.low,
                "high": people.high,
                "bounds_straddle_threshold": self.bounds_straddle_threshold,
                "uncertainty": uncertainty_en(people, self.threshold),
            },
            "threshold": self.threshold,
            "exceeds_threshold": self.exceeds_threshold,
            "rule": {"ja": self.rule_ja, "en": self.rule_en},
            "files_scanned": self.files_scanned,
            "datasets": self.datasets,
            "pi_databases": self.pi_databases,
            "pi_databases_counted": self.pi_databases_counted,
            "datasets_with_personal_info": self.datasets_with_personal_info,
            "uncertain_databases": self.uncertain_databases,
            "declared_judgements": self.declared_judgements,
            "unreadable": self.unreadable,
            "status_counts": dict(self.status_counts),
            "not_inspected_by_extension": dict(self.not_inspected_by_extension),
            "hidden_skipped": self.hidden_skipped,
            "excluded_by_pattern": self.excluded_by_pattern,
        }
        if self.incremental is not None:
            inc = self.incremental
            out["incremental"] = {
                "files_read": inc.files_read,
                "files_reused": inc.files_reused,
                "files_removed": inc.files_removed,
                "files_same_content": inc.files_same_content,
                "why_read": dict(inc.why_read),
            }
        if self.history is not None:
            peak = self.history.six_month_max
            out["history"] = {
                "scans_recorded": self.history.scans_recorded,
                "six_month_max": None
                if peak is None
                else {
                    "scan_id": peak.scan_id,
                    "finished": peak.finished,
                    "estimate": peak.estimate,
                    "low": peak.low,
                    "high": peak.high,
                },
            }
        return out


# ---------------------------------------------------------------- the rows a scan reports


class Judgement(StrEnum):
    """How sure pi-scan is of a dataset's decision (inventory.csv ``judgement``)."""

    CERTAIN = "certain"
    UNCERTAIN = "uncertain"  # please confirm: counts toward the estimate and high bound only
    DECLARED = "declared"  # the officer's [[declarations]] settled it
    NOT_READ = ""  # nothing was read: no decision to be sure of

    @classmethod
    def of(cls, decision: Decision) -> Judgement:
        """Of a dataset that was read."""
        if decision.declared:
            return cls.DECLARED
        return cls.UNCERTAIN if decision.uncertain else cls.CERTAIN


@dataclass(frozen=True, slots=True)
class InventoryRow:
    """One dataset as inventory.csv lists it (its fields, in this order, are the CSV contract:
    issue 2 §6). Paths are escaped for display (``report.outputs.rows.escape_path``). ``None`` is a
    value that does not apply: not read (decisions, records), not a database (individuals),
    no metadata (world_readable)."""

    path: str
    dataset: str = ""
    status: Status = Status.OK
    error: str = ""
    is_pi_database: bool | None = None
    contains_personal_info: bool | None = None
    # of the people's information seen (a company list's 所在地 is nobody's), entity names
    categories: tuple[str, ...] = ()
    records: int | None = None
    individuals: int | None = None
    excluded_from_count: bool = False
    rationale: str = ""
    size_bytes: int = 0
    modified: str = ""
    owner: str = ""
    world_readable: bool | None = None
    # extra columns
    root: str = ""
    kind: DatasetKind = DatasetKind.NONE
    exclusion_candidate: bool = False
    sensitive: bool = False
    flags: tuple[str, ...] = ()
    declaration_reason: str = ""
    retention: str = ""
    note: str = ""
    judgement: Judgement = Judgement.NOT_READ
    judgement_reason: str = ""

    def cells(self) -> dict[str, str | int]:
        """The row as CSV cells (and as the inventory stores it): "true"/"false", ";" lists,
        "" for what does not apply."""
        return {
            "path": self.path,
            "dataset": self.dataset,
            "status": self.status.value,
            "error": self.error,
            "is_pi_database": _cell_bool(self.is_pi_database),
            "contains_personal_info": _cell_bool(self.contains_personal_info),
            "categories": ";".join(self.categories),
            "records": "" if self.records is None else self.records,
            "individuals": "" if self.individuals is None else self.individuals,
            "excluded_from_count": _cell_bool(self.excluded_from_count),
            "rationale": self.rationale,
            "size_bytes": self.size_bytes,
            "modified": self.modified,
            "owner": self.owner,
            "world_readable": _cell_bool(self.world_readable),
            "root": self.root,
            "kind": self.kind.value,
            "exclusion_candidate": _cell_bool(self.exclusion_candidate),
            "sensitive": _cell_bool(self.sensitive),
            "flags": ";".join(self.flags),
            "declaration_reason": self.declaration_reason,
            "retention": self.retention,
            "note": self.note,
            "judgement": self.judgement.value,
            "judgement_reason": self.judgement_reason,
        }

    @classmethod
    def from_cells(cls, cells: Mapping[str, Any]) -> InventoryRow:
        """A row :meth:`cells` made, read back; an older pi-scan's rows lack some cells."""
        return cls(
            path=str(cells.get("path", "")),
            dataset=str(cells.get("dataset", "")),
            status=_parse_enum(Status, cells.get("status") or "ok", Status.ERROR),
            error=str(cells.get("error", "")),
            is_pi_database=_parse_bool(cells.get("is_pi_database")),
            contains_personal_info=_parse_bool(cells.get("contains_personal_info")),
            categories=_parse_list(cells.get("categories")),
            records=_parse_int(cells.get("records")),
            individuals=_parse_int(cells.get("individuals")),
            excluded_from_count=_parse_bool(cells.get("excluded_from_count")) is True,
            rationale=str(cells.get("rationale", "")),
            size_bytes=_parse_int(cells.get("size_bytes")) or 0,
            modified=str(cells.get("modified", "")),
            owner=str(cells.get("owner", "")),
            world_readable=_parse_bool(cells.get("world_readable")),
            root=str(cells.get("root", "")),
            kind=_parse_enum(DatasetKind, cells.get("kind"), DatasetKind.NONE),
            exclusion_candidate=_parse_bool(cells.get("exclusion_candidate")) is True,
            sensitive=_parse_bool(cells.get("sensitive")) is True,
            flags=_parse_list(cells.get("flags")),
            declaration_reason=str(cells.get("declaration_reason", "")),
            retention=str(cells.get("retention", "")),
            note=str(cells.get("note", "")),
            judgement=_parse_enum(Judgement, cells.get("judgement"), Judgement.NOT_READ),
            judgement_reason=str(cells.get("judgement_reason", "")),
        )


INVENTORY_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(InventoryRow))


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One column finding as findings.csv lists it (fields in this order: the CSV contract)."""

    path: str
    dataset: str
    column: str  # the safe label (a header that could be personal data is 列N)
    entity: str  # an Entity's value (an older inventory may name one this version lacks)
    role: str = "self"
    confidence: float = 0.0
    hit_rate: float = 0.0
    sample_size: int = 0
    evidence: str = ""
    masked_samples: tuple[str, ...] = ()

    def values(self) -> tuple[Any, ...]:
        """The fields, in order (``FINDING_COLUMNS``)."""
        return (
            self.path,
            self.dataset,
            self.column,
            self.entity,
            self.role,
            self.confidence,
            self.hit_rate,
            self.sample_size,
            self.evidence,
            self.masked_samples,
        )


FINDING_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(FindingRow))


def _cell_bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _parse_bool(value: Any) -> bool | None:
    if value in (True, "true"):
        return True
    if value in (False, "false"):
        return False
    return None


def _parse_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parse_enum(kind: type[_E], value: Any, default: _E) -> _E:
    try:
        return kind(str(value))
    except ValueError:
        return default


def _parse_list(value: Any) -> tuple[str, ...]:
    return tuple(v for v in str(value or "").split(";") if v)
