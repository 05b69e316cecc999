"""The public sector's 個人情報ファイル簿 (Act on the Protection of Personal Information, art. 75).

A public body (a public school, a board of education, a city hall) keeps and publishes one row
per 個人情報ファイル with the items of art. 74(1) that art. 75(1) lists, plus the Cabinet
Order's items (the file's 種別, the items on 行政機関等匿名加工情報) and 備考; files of fewer
than 1,000 persons are exempt from it (art. 75(2)(i) → art. 74(2)(ix)), unless the body's own
ordinance publishes them too. See docs/legal-rules.md.

One row per personal-information database of a scan, or per group of datasets the officer
declared to be one 個人情報ファイル in the config (``[[files]] name = "学齢簿", paths = [...]``).
pi-scan pre-fills what it observes (名称, 記録項目, 要配慮個人情報, 種別, the folder as a hint for
the organisation) and what the organisation states once in the config (``[organisation]``); the
rest is for people. 公表の要否 compares the distinct people of the file (not its rows) with
``[filebook] publish_threshold``.

Reading, merging (the round trip) and writing are the registry ledger's (report/outputs/ledger.py),
with this ledger's columns (:data:`FILEBOOK`). Rows are built from the inventory only: paths,
counts, decisions and keyed person hashes; never a raw personal value.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from pi_scan.config import FileGroup, ScanConfig
from pi_scan.discover import PathMatcher
from pi_scan.inventory import Inventory, ScanRecord
from pi_scan.model import (
    ARCHIVE_SEPARATOR,
    FindingRow,
    InventoryRow,
    PersonRecords,
)
from pi_scan.people import estimate_people
from pi_scan.report.content import (
    Publication,
    PublicationFile,
    ReportContent,
    dataset_name,
    items_of,
    local_date,
    location,
    select_scan,
)
from pi_scan.report.outputs.ledger import (
    DATASET,
    FILEBOOK_MARKS,
    GONE,
    KEY,
    NEW,
    PATH,
    PRESENT,
    ROOT,
    STATE,
    ExportResult,
    LedgerSpec,
    MergeOutcome,
    check_kind,
    dataset_key,
    merge_ledger,
    read_ledger,
    write_export,
    yes_no,
)
from pi_scan.report.outputs.ledger_format import LedgerFormat
from pi_scan.report.outputs.rows import escape_path

FILEBOOK_SHEET = "個人情報ファイル簿"

# The statutory items, in the statutory order: art. 75(1) lists art. 74(1)(i)-(vii), (ix) and
# (x); the Cabinet Order (施行令 art. 20) adds the file's 種別 and the items on 行政機関等匿名加工
# 情報; 備考 closes the published form. Wording as in the Act (74(1)(ii) is split in two).
NAME = "個人情報ファイルの名称"
AGENCY = "行政機関等の名称"
ORGANISATION = "個人情報ファイルが利用に供される事務をつかさどる組織の名称"
PURPOSE = "個人情報ファイルの利用目的"
ITEMS = "記録項目"
RANGE = "記録範囲"
COLLECTION = "記録情報の収集方法"
SENSITIVE = "要配慮個人情報が含まれるときは、その旨"
RECIPIENTS = "記録情報の経常的提供先"
DISCLOSURE = "開示請求等を受理する組織の名称及び所在地"
SPECIAL = "訂正又は利用停止に関する他の法令の規定による特別の手続等"
KIND = "個人情報ファイルの種別"
ANON_OFFER = "行政機関等匿名加工情報の提案の募集をする個人情報ファイルである旨"
ANON_SUMMARY = "行政機関等匿名加工情報の概要"
ANON_PROPOSALS = "作成された行政機関等匿名加工情報に関する提案を受ける組織の名称及び所在地"
REMARKS = "備考"
STATUTORY_COLUMNS: tuple[str, ...] = (
    NAME,
    AGENCY,
    ORGANISATION,
    PURPOSE,
    ITEMS,
    RANGE,
    COLLECTION,
    SENSITIVE,
    RECIPIENTS,
    DISCLOSURE,
    SPECIAL,
    KIND,
    ANON_OFFER,
    ANON_SUMMARY,
    ANON_PROPOSALS,
    REMARKS,
)

PUBLISH = "公表の要否"
PERSONS = "本人の数"
COUNT_BASIS = "本人の数の算定"
OBSERVED_ITEMS = "記録項目（観測）"
OBSERVED_SENSITIVE = "要配慮個人情報（観測）"
FILE_DEFINITION = "ファイル定義"  # the [[files]] name of a group; empty for one dataset
OBSERVED_COLUMNS: tuple[str, ...] = (
    COUNT_BASIS,
    "記録件数",
    OBSERVED_ITEMS,
    OBSERVED_SENSITIVE,
    "個人番号の有無",
    "データセット数",
    "保管場所",
    "最終更新日",
    "判定理由",
)
FILEBOOK_COLUMNS: tuple[str, ...] = (
    KEY,
    STATE,
    PUBLISH,
    PERSONS,
    *STATUTORY_COLUMNS,
    *OBSERVED_COLUMNS,
    "確認日",
    "消失確認日",
    FILE_DEFINITION,
    ROOT,
    PATH,
    DATASET,
)

PUBLISH_YES, PUBLISH_NO, PUBLISH_UNSURE = "要", "不要", "要確認"
COMPUTER = "電子計算機処理"  # 法第60条第2項第1号 (a file pi-scan read is one)
CONTAINS, NOT_CONTAINED = "含む", "含まない"
_FOLDER_HINT = "（フォルダ名より）"
_MAX_LOCATIONS = 5

# 記録項目 as a published 個人情報ファイル簿 words them
_LAW_ITEMS = {
    "フリガナ": "ふりがな",
    "個人番号(マイナンバー)": "個人番号",
    "患者・会員等の番号": "利用者番号等",
}


def _sensitive_written(observed: str) -> str:
    return {"有": CONTAINS, "無": NOT_CONTAINED}.get(observed, "")


def group_key(name: str) -> str:
    """The stable key of a declared 個人情報ファイル: its [[files]] name."""
    digest = hashlib.sha256(f"[[files]]\0{name}".encode("utf-8", "surrogatepass"))
    return "PI-" + digest.hexdigest()[:16]


def _key_of(row: dict[str, Any]) -> str | None:
    if row.get(FILE_DEFINITION):
        return group_key(str(row[FILE_DEFINITION]))
    if row.get(PATH):
        return dataset_key(str(row.get(ROOT, "")), str(row[PATH]), str(row.get(DATASET, "")))
    return None


def _about(meta: dict[str, Any]) -> list[str]:
    threshold = meta.get("publish_threshold", 1000)
    return [
        "個人情報ファイル簿（個人情報保護法第75条。記載事項は第74条第1項各号と施行令の定める事項）",
        f"スキャン番号: {meta.get('scan_id', '')}  スキャン日: {meta.get('scan_date', '')}",
        f"公表の要否: 本人の数（重複を除いた人数。行数ではない）が {threshold:,} 人以上なら 要"
        "（第75条第2項第1号・第74条第2項第9号）。条例で全件公表なら設定の [filebook] "
        "publish_threshold = 0。重複を除けず判定できないものは 要確認。",
        "黄色の列は担当者が記入・確認する列です。pi-scan は観測した値（名称、記録項目、"
        "要配慮個人情報、種別、フォルダ名）と設定の [organisation] の値を下書きとして入れます。",
        f"{ITEMS}・{SENSITIVE} は観測が変われば更新されます。書き換えた場合は書き換えた内容が"
        "残ります（pi-scan の観測は右側の列に）。",
        f"{KEY}・{FILE_DEFINITION}・{ROOT}・{PATH}・{DATASET} は照合に使います。"
        "変更しないでください。",
        "次回: pi-scan export --format filebook --output 新しいファイル簿 --merge このファイル簿",
    ]


FILEBOOK = LedgerSpec(
    name_ja="個人情報ファイル簿",
    sheet=FILEBOOK_SHEET,
    json_format="pi-scan-filebook",
    columns=FILEBOOK_COLUMNS,
    human=tuple(c for c in STATUTORY_COLUMNS if c not in (ITEMS, SENSITIVE)),
    numeric=frozenset({PERSONS, "記録件数", "データセット数"}),
    marks=FILEBOOK_MARKS,
    tracked={
        ITEMS: (OBSERVED_ITEMS, lambda observed: observed),
        SENSITIVE: (OBSERVED_SENSITIVE, _sensitive_written),
    },
    key_of=_key_of,
    about=_about,
)


@dataclass(frozen=True, slots=True)
class FilebookSettings:
    """What the config says about the 個人情報ファイル簿."""

    publish_threshold: int = 1000
    organisation_name: str = ""
    disclosure_office: str = ""
    files: tuple[FileGroup, ...] = ()

    @classmethod
    def of(cls, config: ScanConfig) -> FilebookSettings:
        return cls(
            publish_threshold=config.publish_threshold,
            organisation_name=config.organisation_name,
            disclosure_office=config.disclosure_office,
            files=config.files,
        )


# ------------------------------------------------------------------------------------ grouping


def _matches(matcher: PathMatcher, root: str, path: str) -> bool:
    """A [[files]] glob matches a dataset as a [[declarations]] path does: the dataset's path
    (``名簿.zip!1組.csv``), its file's path, or its full location."""
    outer = path.partition(ARCHIVE_SEPARATOR)[0]
    full = location(root, path).lstrip("/")
    return matcher.matches(path) or matcher.matches(outer) or matcher.matches(full)


def group_databases(
    rows: Sequence[InventoryRow], files: Sequence[FileGroup]
) -> tuple[list[tuple[FileGroup | None, list[int]]], dict[str, str]]:
    """The 個人情報ファイル of a scan: (group or None, seqs of its datasets), in the order of
    their first dataset; and dataset key → group key for the datasets in a group. A dataset
    matched by two [[files]] belongs to the first."""
    matchers = [(g, PathMatcher(g.paths)) for g in files]
    members: dict[str, list[int]] = {}
    out: list[tuple[FileGroup | None, list[int]]] = []
    membership: dict[str, str] = {}
    for seq, row in enumerate(rows):
        if not row.is_pi_database:
            continue
        root, path = row.root, row.path
        group = next((g for g, m in matchers if _matches(m, root, path)), None)
        if group is None:
            out.append((None, [seq]))
            continue
        membership[dataset_key(root, path, row.dataset)] = group_key(group.name)
        if group.name not in members:
            members[group.name] = []
            out.append((group, members[group.name]))
        members[group.name].append(seq)
    return out, membership


# ------------------------------------------------------------------------------------ counting


def _cached_people(inv: Inventory, rows: Sequence[InventoryRow]) -> list[PersonRecords] | None:
    """The keyed person records of ``rows`` as the inventory's per-file cache keeps them, or
    None when one of them is not there as the scan saw it (the file was read again since, or
    the export is of an older scan)."""
    by_file: dict[tuple[str, str], list[InventoryRow]] = {}
    for row in rows:
        outer = row.path.partition(ARCHIVE_SEPARATOR)[0]
        by_file.setdefault((row.root, outer), []).append(row)
    parts: list[PersonRecords] = []
    for (root, outer), wanted in by_file.items():
        results = inv.cached_results(root, outer)
        if results is None:
            return None
        for row in wanted:
            found = [
                r
                for r in results
                if escape_path(r.dataset.display_path) == row.path
                and escape_path(r.dataset.name) == row.dataset
            ]
            if len(found) != 1:
                return None
            cached, people = found[0], found[0].people
            if people is None:
                return None
            seen = (cached.findings.records, cached.dataset.file.modified)
            if seen != (row.records, row.modified):
                return None  # read again since that scan: not the people it saw
            parts.append(people)
    return parts


@dataclass(frozen=True, slots=True)
class _Count:
    low: int  # the file has at least this many people
    high: int  # and at most this many
    basis: str

    @property
    def figure(self) -> int:
        return self.high


def _count(inv: Inventory, rows: Sequence[InventoryRow]) -> _Count:
    """Distinct people of one 個人情報ファイル: a dataset's own figure; for a group, its
    datasets' person keys clustered together (a pupil in the 2023 and the 2024 sheet is one
    person), or, when the keys are not at hand, the bounds: the largest dataset and the sum."""
    figures = [r.individuals or 0 for r in rows]
    if len(rows) == 1:
        return _Count(figures[0], figures[0], "重複を除いた人数")
    parts = _cached_people(inv, rows)
    if parts is not None:
        n = estimate_people(parts).estimate.estimate if any(len(p) for p in parts) else 0
        return _Count(n, n, f"{len(rows)} データセットを通じて重複を除いた人数")
    return _Count(
        max(figures, default=0),
        sum(figures),
        f"データセット間の重複を除けません（人物キーが手元にない）: 合計 {sum(figures):,} 人は"
        f"上限、最大のデータセットの {max(figures, default=0):,} 人が下限",
    )


def publication_of(count: _Count, threshold: int) -> str:
    if count.low >= threshold:
        return PUBLISH_YES
    if count.high < threshold:
        return PUBLISH_NO
    return PUBLISH_UNSURE


# ------------------------------------------------------------------------------------ building


def _top_folder(path: str) -> str:
    outer = path.partition(ARCHIVE_SEPARATOR)[0]
    return outer.split("/", 1)[0] if "/" in outer else ""


def _items(rows: Sequence[InventoryRow], findings: Sequence[Sequence[FindingRow]]) -> str:
    seen: list[str] = []
    for row, found in zip(rows, findings, strict=True):
        for item in items_of(row.categories, found):
            item = _LAW_ITEMS.get(item, item)
            if item not in seen:
                seen.append(item)
    return "、".join(seen)


def _remarks(rows: Sequence[InventoryRow]) -> str:
    notes: list[str] = []
    for row in rows:
        for note in (
            row.note,
            f"保存期間: {row.retention}" if row.retention else "",
            f"件数からの除外を申告: {row.declaration_reason or '理由なし'}"
            if row.excluded_from_count
            else "",
        ):
            if note and note not in notes:
                notes.append(note)
    return "、".join(notes)


def filebook_row(
    group: FileGroup | None,
    rows: Sequence[InventoryRow],
    findings: Sequence[Sequence[FindingRow]],
    count: _Count,
    settings: FilebookSettings,
    seen_on: str,
) -> dict[str, Any]:
    """The row of one 個人情報ファイル: one dataset (``group`` None) or a declared group;
    ``findings`` are each row's column findings."""
    first = rows[0]
    sensitive = any(r.sensitive for r in rows)
    my_number = any("my_number" in r.flags for r in rows)
    items = _items(rows, findings)
    places = [location(r.root, r.path) + (f"（{r.dataset}）" if r.dataset else "") for r in rows]
    more = len(places) - _MAX_LOCATIONS
    folders = {_top_folder(r.path) for r in rows}
    folder = folders.pop() if len(folders) == 1 else ""
    if group is not None and group.organisation:
        organisation = group.organisation
    else:
        organisation = folder + _FOLDER_HINT if folder else ""
    if group is None:
        root, path, dataset = first.root, first.path, first.dataset
        key = dataset_key(root, path, dataset)
        name = dataset_name(path, dataset)
        rationale = first.rationale
    else:
        root = path = dataset = ""
        key = group_key(group.name)
        name = group.name
        rationale = (
            f"設定の [[files]] {group.name}（{'、'.join(group.paths)}）に該当する "
            f"{len(rows)} データセット（いずれも個人情報データベース等）"
        )
    return {
        KEY: key,
        STATE: PRESENT,
        PUBLISH: publication_of(count, settings.publish_threshold),
        PERSONS: count.figure,
        NAME: name,
        AGENCY: settings.organisation_name,
        ORGANISATION: organisation,
        PURPOSE: "",
        ITEMS: items,
        RANGE: "",
        COLLECTION: "",
        SENSITIVE: CONTAINS if sensitive else NOT_CONTAINED,
        RECIPIENTS: "",
        DISCLOSURE: settings.disclosure_office,
        SPECIAL: "",
        KIND: COMPUTER,
        ANON_OFFER: "",
        ANON_SUMMARY: "",
        ANON_PROPOSALS: "",
        REMARKS: _remarks(rows),
        COUNT_BASIS: count.basis,
        "記録件数": sum(r.records or 0 for r in rows),
        OBSERVED_ITEMS: items,
        OBSERVED_SENSITIVE: yes_no(sensitive),
        "個人番号の有無": yes_no(my_number),
        "データセット数": len(rows),
        "保管場所": "、".join(places[:_MAX_LOCATIONS]) + (f" ほか {more} 件" if more > 0 else ""),
        "最終更新日": max((local_date(r.modified) for r in rows), default=""),
        "判定理由": rationale,
        "確認日": seen_on,
        "消失確認日": "",
        FILE_DEFINITION: group.name if group is not None else "",
        ROOT: root,
        PATH: path,
        DATASET: dataset,
    }


def build_filebook(
    inv: Inventory, scan: ScanRecord, settings: FilebookSettings, seen_on: str
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The filebook rows of a scan, and dataset key → group key of the grouped datasets."""
    rows = inv.dataset_rows(scan.id)
    findings = inv.column_findings(scan.id)
    files, membership = group_databases(rows, settings.files)
    out = []
    for group, seqs in files:
        members = [rows[seq] for seq in seqs]
        count = _count(inv, members)
        member_findings = [findings.get(seq, []) for seq in seqs]
        out.append(filebook_row(group, members, member_findings, count, settings, seen_on))
    return out, membership


# what only people write (the other statutory columns are pre-filled by pi-scan or the config)
_WRITTEN_BY_PEOPLE = (
    PURPOSE,
    RANGE,
    COLLECTION,
    RECIPIENTS,
    SPECIAL,
    ANON_OFFER,
    ANON_SUMMARY,
    ANON_PROPOSALS,
)
FOLDED = "統合"  # 状態 of a dataset's old row, now part of a [[files]] group
MANUAL = "手入力"  # 状態 of a row people added (a paper file): kept as they wrote it


def _is_manual(row: dict[str, Any]) -> bool:
    """A row pi-scan did not write: no key, path or [[files]] name to match it by."""
    return not any(str(row.get(c, "")).strip() for c in (KEY, PATH, FILE_DEFINITION))


def _fold_into_groups(
    previous: list[dict[str, Any]], current: Sequence[dict[str, Any]], membership: dict[str, str]
) -> tuple[list[dict[str, Any]], int]:
    """Datasets the officer has since declared to be one [[files]] group: the first one's
    previous row becomes the group's row when the group is new to the ledger (what people wrote
    is kept; the name becomes the group's). The other members' rows are dropped, unless people
    wrote in them: those stay, marked 統合 (see :func:`_mark_folded`). Returns the rows and
    how many dataset rows went into a group."""
    names = {r[KEY]: r[FILE_DEFINITION] for r in current if r.get(FILE_DEFINITION)}
    present = {str(r.get(KEY, "")).strip() for r in previous}
    out: list[dict[str, Any]] = []
    folded = 0
    for old in previous:
        key = str(old.get(KEY, "")).strip()
        if key not in membership and not old.get(FILE_DEFINITION):
            key = _key_of(old) or key
        target = None if old.get(FILE_DEFINITION) else membership.get(key)
        if target is None:
            out.append(old)
            continue
        folded += 1
        if target not in present:
            row = dict(old)
            row.update({KEY: target, NAME: "", FILE_DEFINITION: names.get(target, "")})
            row.update({ROOT: "", PATH: "", DATASET: ""})
            present.add(target)
            out.append(row)
        elif any(str(old.get(c, "")).strip() for c in _WRITTEN_BY_PEOPLE):
            out.append(old)
    return out, folded


def _mark_folded(rows: list[dict[str, Any]], membership: dict[str, str]) -> None:
    """A dataset row kept beside its group's row (people wrote in it) is not gone: 統合."""
    names = _group_names(rows)
    for row in rows:
        if row.get(STATE) == GONE and not row.get(FILE_DEFINITION):
            target = membership.get(str(row.get(KEY, "")))
            if target is not None:
                row[STATE] = FOLDED
                row["消失確認日"] = ""
                row["判定理由"] = f"[[files]] {names.get(target, '')} の一部として記載"


def _group_names(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    return {str(r[KEY]): str(r[FILE_DEFINITION]) for r in rows if r.get(FILE_DEFINITION)}


# ------------------------------------------------------------------------------------ export


@dataclass(frozen=True, slots=True)
class FilebookExport(ExportResult):
    to_publish: int = 0  # 公表の要否 = 要 (present files only)
    unsure: int = 0  # 要確認
    folded: int = 0  # previous rows folded into a [[files]] group


def export_filebook(
    inv: Inventory,
    output: Path,
    settings: FilebookSettings,
    fmt: LedgerFormat | None = None,
    merge: Path | None = None,
    scan_id: int | None = None,
) -> FilebookExport:
    """Write the 個人情報ファイル簿 of a scan (default: the latest), merged with a previous one.
    ``fmt``: xlsx or json, else CSV (UTF-8 with BOM); default from the output's extension."""
    scan = select_scan(inv, scan_id)
    fmt = fmt or LedgerFormat.for_path(output)
    if fmt in (LedgerFormat.REGISTRY, LedgerFormat.CSV):
        fmt = LedgerFormat.FILEBOOK
    scan_date = local_date(scan.finished or "")
    current, membership = build_filebook(inv, scan, settings, scan_date)
    folded = 0
    if merge is not None:
        previous, header = read_ledger(merge, FILEBOOK_SHEET)
        check_kind(header, FILEBOOK, merge)
        manual = [r for r in previous if _is_manual(r)]
        previous = [r for r in previous if not _is_manual(r)]
        previous, folded = _fold_into_groups(previous, current, membership)
        outcome = merge_ledger(current, previous, header, scan_date, FILEBOOK)
        _mark_folded(outcome.rows, membership)
        for row in manual:  # paper files and others people listed: as they wrote them
            outcome.rows.append({**row, STATE: row.get(STATE) or MANUAL})
    else:
        outcome = MergeOutcome(current, FILEBOOK_COLUMNS, 0, len(current), 0)
    meta = {
        "scan_id": scan.id,
        "scan_date": scan_date,
        "roots": list(scan.roots),
        "publish_threshold": settings.publish_threshold,
    }
    written = write_export(output, merge, outcome, fmt, meta, FILEBOOK)
    live = [r for r in outcome.rows if r.get(STATE) in (PRESENT, NEW, MANUAL)]
    return FilebookExport(
        **{f.name: getattr(written, f.name) for f in fields(ExportResult)},
        to_publish=sum(r.get(PUBLISH) == PUBLISH_YES for r in live),
        unsure=sum(r.get(PUBLISH) == PUBLISH_UNSURE for r in live),
        folded=folded,
    )


# ------------------------------------------------------------------------------------ report


def publication(inv: Inventory, scan_id: int, settings: FilebookSettings) -> Publication:
    """The 1,000-person publication test of every 個人情報ファイル of a scan, for the reports."""
    scan = select_scan(inv, scan_id)
    rows, _ = build_filebook(inv, scan, settings, local_date(scan.finished or ""))
    files = tuple(
        PublicationFile(
            name=str(r[NAME]),
            persons=int(r[PERSONS]),
            verdict=str(r[PUBLISH]),
            datasets=int(r["データセット数"]),
            location=str(r["保管場所"]),
        )
        for r in sorted(rows, key=lambda r: (-int(r[PERSONS]), str(r[NAME])))
    )
    return Publication(threshold=settings.publish_threshold, files=files)


def with_profile(
    content: ReportContent, inv: Inventory, profile: str, settings: FilebookSettings
) -> ReportContent:
    """The report content as a public body reads it (the publication test first), or as a
    business does (the distinct-people threshold across all databases, unchanged)."""
    if profile != "public":
        return replace(content, profile=profile)
    return replace(
        content,
        profile=profile,
        publication=publication(inv, content.headline.scan_id, settings),
    )
