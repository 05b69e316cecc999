"""What the reports say, computed once from the inventory and rendered by each report writer
(HTML, Excel, terminal).

Everything here comes from the inventory: canonical rows (paths, counts, decisions), column
findings (safe column labels and masked samples) and the scans' summaries. No raw personal value
exists at this point, so nothing a report shows can be one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from pi_scan.detect.masking import remask
from pi_scan.entities import ITEM_NAMES_JA, ROLE_NAMES_JA, role_kind, role_name_ja
from pi_scan.inventory import Inventory, InventoryError, ScanRecord
from pi_scan.model import (
    ARCHIVE_SEPARATOR,
    Entity,
    FindingRow,
    HistoryPoint,
    InventoryRow,
    Judgement,
    Status,
    uncertainty_en,
    uncertainty_ja,
)

SIX_MONTHS_DAYS = 183
JST = timezone(timedelta(hours=9), "JST")

FLAG_NAMES_JA: dict[str, str] = {
    "risky_location": "危険な場所（個人フォルダ・ダウンロード・外部媒体など）",
    "world_readable": "全員が読める",
    "exclusion_candidate": "除外候補（氏名・住所・電話番号のみ）",
    "sensitive": "要配慮個人情報",
    "my_number": "個人番号（マイナンバー）",
    "identification_code": "個人識別符号（マイナンバー・旅券・免許証・保険証等の番号）",
    "declared_excluded": "件数から除外（宣言）",
    "retention_declared": "保存期間の宣言あり",
}
STATUS_NAMES_JA: dict[str, str] = {
    "ok": "読めた",
    "encrypted": "暗号化",
    "error": "読み取りエラー",
    "skipped": "対象外（サイズ等）",
}


class ReportError(RuntimeError):
    """The inventory holds nothing to report (no completed scan, unknown scan id)."""


def item_name(entity: str, role: str = "self") -> str:
    """Japanese name of a record item: ``PERSON`` → 氏名, guardian's ``PHONE_NUMBER`` →
    保護者の電話番号. Unknown entity names are shown as they are."""
    try:
        base = ITEM_NAMES_JA[Entity(entity)]
    except ValueError:
        base = entity
    if role and role != "self":
        return f"{role_name_ja(role)}の{base}"
    return base


def items_of(categories: Sequence[str], findings: Sequence[FindingRow] = ()) -> list[str]:
    """Record items of a dataset in Japanese, in the canonical order (氏名, フリガナ, 住所 ...).

    Items held for someone other than the data subject (保護者, 教職員) are named as such."""
    order = [e.value for e in ITEM_NAMES_JA]
    pairs: set[tuple[str, str]] = {(f.entity, f.role or "self") for f in findings}
    for e in categories:
        if not any(p[0] == e for p in pairs):
            pairs.add((e, "self"))
    role_order = ["self", "guardian", "family", "staff"]

    def key(p: tuple[str, str]) -> tuple[int, int, str]:
        ent, role = p
        kind = role_kind(role)  # family2: after family
        return (
            role_order.index(kind) if kind in role_order else len(role_order),
            order.index(ent) if ent in order else len(order),
            ent + role,
        )

    seen: list[str] = []
    for ent, role in sorted(pairs, key=key):
        name = item_name(ent, role)
        if name not in seen:
            seen.append(name)
    return seen


def file_name(path: str) -> str:
    """The file's own name: ``教務/名簿.xlsx`` → ``名簿.xlsx``; an archive member
    ``a/名簿.zip!2024/1組.csv`` → ``名簿.zip内 1組.csv``."""
    if ARCHIVE_SEPARATOR in path:
        outer, _, member = path.partition(ARCHIVE_SEPARATOR)
        return f"{outer.rsplit('/', 1)[-1]}内 {member.rsplit('/', 1)[-1]}"
    return path.rsplit("/", 1)[-1]


def dataset_name(path: str, dataset: str) -> str:
    """What the reports and ledgers call a dataset: its file's name and its sheet or table,
    ``名簿.xlsx（1年1組）``."""
    return file_name(path) + (f"（{dataset}）" if dataset else "")


def folder_of(path: str) -> str:
    """The folder a dataset lives in (archive members: the archive's folder); "" for the root."""
    outer = path.partition(ARCHIVE_SEPARATOR)[0]
    return outer.rsplit("/", 1)[0] if "/" in outer else ""


def local_date(iso_utc: str, with_time: bool = False) -> str:
    """``2024-04-01T00:30:00Z`` → ``2024-04-01`` in Japan time (``2024-04-01 09:30``)."""
    moment = parse_utc(iso_utc)
    if moment is None:
        return iso_utc
    return moment.astimezone(JST).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def parse_utc(iso_utc: str | None) -> datetime | None:
    """``2024-04-01T00:30:00Z`` as a time; None for anything else."""
    if not iso_utc:
        return None
    try:
        return datetime.strptime(iso_utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Headline:
    scan_id: int
    finished: str
    roots: tuple[str, ...]
    estimate: int
    low: int
    high: int
    threshold: int
    exceeds: bool
    uncertainty_ja: str
    uncertainty_en: str
    rule_ja: str
    rule_en: str
    files_scanned: int
    datasets: int
    pi_databases: int
    pi_databases_counted: int
    with_personal_info: int
    unreadable: int
    not_inspected: dict[str, int]
    peak: HistoryPoint | None  # largest estimate in the six months before ``as_of``
    as_of: str


@dataclass(frozen=True, slots=True)
class Database:
    """One personal-information database as the reports show it."""

    root: str
    path: str
    dataset: str
    name: str
    folder: str
    items: tuple[str, ...]
    records: int
    individuals: int
    excluded: bool
    exclusion_candidate: bool
    declaration_reason: str
    sensitive: bool
    flags: tuple[str, ...]
    modified: str
    owner: str
    world_readable: bool
    rationale: str
    columns: tuple[tuple[str, str, tuple[str, ...]], ...]  # (column label, item, masked samples)


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    databases: int
    records: int
    individuals: int  # sum over databases: one person in two databases is counted twice


@dataclass(frozen=True, slots=True)
class Problem:
    """A dataset that could not be read, or a location that needs attention."""

    root: str
    path: str
    dataset: str
    status: str
    reason: str


@dataclass(frozen=True, slots=True)
class PublicationFile:
    """One 個人情報ファイル and its publication test (report/outputs/filebook.py)."""

    name: str
    persons: int  # distinct people (for a group whose keys are not at hand: the upper bound)
    verdict: str  # 要 / 不要 / 要確認
    datasets: int
    location: str


@dataclass(frozen=True, slots=True)
class Publication:
    """The public sector's test: a 個人情報ファイル of ``threshold`` persons or more is listed
    in the published 個人情報ファイル簿 (Act art. 75(2)(i), 74(2)(ix))."""

    threshold: int
    files: tuple[PublicationFile, ...]

    def count(self, verdict: str) -> int:
        return sum(f.verdict == verdict for f in self.files)


@dataclass(frozen=True, slots=True)
class ReportContent:
    headline: Headline
    history: tuple[HistoryPoint, ...]
    databases: tuple[Database, ...]
    by_folder: tuple[Group, ...]
    by_category: tuple[Group, ...]
    unreadable: tuple[Problem, ...]
    risky: tuple[Database, ...]
    world_readable: tuple[Database, ...]
    personal_info_not_database: tuple[Problem, ...]
    # judgements pi-scan is unsure of (inventory.csv judgement = uncertain): "please confirm",
    # settled with [[declarations]] is_database
    to_confirm: tuple[Problem, ...] = ()
    generated: str = field(
        default_factory=lambda: datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    # [ledger] profile: "public" shows the publication test per file first (``publication``,
    # filled by report/outputs/filebook.py), "private" the distinct-people threshold across
    # databases
    profile: str = "private"
    publication: Publication | None = None


def _point(s: ScanRecord) -> HistoryPoint:
    summary = s.summary
    return HistoryPoint(
        scan_id=s.id,
        finished=s.finished or s.started,
        estimate=summary.people.estimate,
        low=summary.people.low,
        high=summary.people.high,
        threshold=summary.threshold,
        pi_databases=summary.pi_databases,
        unreadable=summary.unreadable,
    )


def history_of(inv: Inventory) -> tuple[HistoryPoint, ...]:
    """The figures of every completed scan, oldest first."""
    return tuple(_point(s) for s in inv.scans() if s.state == "completed")


def select_scan(inv: Inventory, scan_id: int | None) -> ScanRecord:
    """The scan to report on: the given id, or the latest completed scan."""
    scans = [s for s in inv.scans() if s.state == "completed"]
    if not scans:
        raise ReportError("完了したスキャンがありません / the inventory holds no completed scan")
    if scan_id is None:
        return scans[-1]
    for s in scans:
        if s.id == scan_id:
            return s
    raise ReportError(f"スキャン #{scan_id} はありません / no completed scan #{scan_id}")


def peak_before(
    history: Sequence[HistoryPoint], as_of: datetime, days: int = SIX_MONTHS_DAYS
) -> HistoryPoint | None:
    since = as_of - timedelta(days=days)
    window = [
        p for p in history if (t := parse_utc(p.finished)) is not None and since <= t <= as_of
    ]
    return max(window, key=lambda p: (p.estimate, p.scan_id)) if window else None


def build_content(
    inv: Inventory, scan_id: int | None = None, now: datetime | None = None
) -> ReportContent:
    """Everything the reports show about one scan (default: the latest) and the history."""
    try:
        scan = select_scan(inv, scan_id)
        history = history_of(inv)
        rows = inv.dataset_rows(scan.id)
        findings = inv.column_findings(scan.id)
    except InventoryError as exc:  # pragma: no cover - a broken database file
        raise ReportError(str(exc)) from exc
    is_latest = scan.id == history[-1].scan_id
    as_of = (now or datetime.now(tz=UTC)) if is_latest else (parse_utc(scan.finished) or now)
    assert as_of is not None
    # history up to the reported scan: a report on scan #3 does not show scan #5
    history = tuple(p for p in history if p.scan_id <= scan.id)
    headline = _headline(scan, peak_before(history, as_of), as_of)

    databases = tuple(
        _database(row, findings.get(seq, [])) for seq, row in enumerate(rows) if row.is_pi_database
    )
    unreadable = tuple(
        Problem(r.root, r.path, r.dataset, r.status.value, r.error)
        for r in rows
        if r.status is not Status.OK
    )
    prose = tuple(
        Problem(r.root, r.path, r.dataset, "ok", r.rationale)
        for r in rows
        if r.contains_personal_info and not r.is_pi_database
    )
    return ReportContent(
        headline=headline,
        history=history,
        databases=databases,
        by_folder=_groups(databases, lambda d: [_folder_label(d)]),
        by_category=_groups(databases, lambda d: list(d.items), order=_ITEM_ORDER),
        unreadable=unreadable,
        risky=tuple(d for d in databases if "risky_location" in d.flags),
        world_readable=tuple(d for d in databases if d.world_readable),
        personal_info_not_database=prose,
        to_confirm=tuple(
            Problem(r.root, r.path, r.dataset, "ok", r.judgement_reason)
            for r in rows
            if r.judgement is Judgement.UNCERTAIN
        ),
    )


def _headline(scan: ScanRecord, peak: HistoryPoint | None, as_of: datetime) -> Headline:
    summary = scan.summary
    people = summary.people
    return Headline(
        scan_id=scan.id,
        finished=scan.finished or "",
        roots=tuple(scan.roots),
        estimate=people.estimate,
        low=people.low,
        high=people.high,
        threshold=summary.threshold,
        exceeds=summary.exceeds_threshold,
        uncertainty_ja=uncertainty_ja(people, summary.threshold),
        uncertainty_en=uncertainty_en(people, summary.threshold),
        rule_ja=summary.rule_ja,
        rule_en=summary.rule_en,
        files_scanned=summary.files_scanned,
        datasets=summary.datasets,
        pi_databases=summary.pi_databases,
        pi_databases_counted=summary.pi_databases_counted,
        with_personal_info=summary.datasets_with_personal_info,
        unreadable=summary.unreadable,
        not_inspected=dict(summary.not_inspected_by_extension),
        peak=peak,
        as_of=as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _database(row: InventoryRow, findings: Sequence[FindingRow]) -> Database:
    return Database(
        root=row.root,
        path=row.path,
        dataset=row.dataset,
        name=dataset_name(row.path, row.dataset),
        folder=folder_of(row.path),
        items=tuple(items_of(row.categories, findings)),
        records=row.records or 0,
        individuals=row.individuals or 0,
        excluded=row.excluded_from_count,
        exclusion_candidate=row.exclusion_candidate,
        declaration_reason=row.declaration_reason,
        sensitive=row.sensitive,
        flags=row.flags,
        modified=row.modified,
        owner=row.owner,
        world_readable=row.world_readable is True,
        rationale=row.rationale,
        columns=tuple(
            (
                f.column,
                item_name(f.entity, f.role or "self"),
                # masked again: an inventory written by an older pi-scan kept looser samples
                tuple(remask(f.entity, s) for s in f.masked_samples),
            )
            for f in findings
        ),
    )


def _folder_label(d: Database) -> str:
    root = d.root.rstrip("/") or d.root
    return f"{root}/{d.folder}" if d.folder else root


_ITEM_ORDER = [item_name(e.value, role) for role in ROLE_NAMES_JA for e in ITEM_NAMES_JA]


def _groups(
    databases: Sequence[Database], keys, order: Sequence[str] | None = None
) -> tuple[Group, ...]:
    """Totals per group; by size (folders) or in the canonical item order (categories)."""
    acc: dict[str, list[int]] = {}
    for d in databases:
        for k in keys(d):
            entry = acc.setdefault(k, [0, 0, 0])
            entry[0] += 1
            entry[1] += d.records
            entry[2] += d.individuals
    if order is None:
        ordered = sorted(acc.items(), key=lambda kv: (-kv[1][0], kv[0]))
    else:
        rank = {name: i for i, name in enumerate(order)}
        ordered = sorted(acc.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    return tuple(Group(k, v[0], v[1], v[2]) for k, v in ordered)


def location(root: str, path: str) -> str:
    """Where a dataset lives, as one string: the root joined with the path."""
    if not root:
        return path
    sep = "\\" if ("\\" in root and "/" not in root) else "/"
    return root.rstrip("/\\") + sep + path
