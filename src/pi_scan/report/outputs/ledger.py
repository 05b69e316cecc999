"""The ledger of personal-information databases (個人情報管理台帳 / 個人情報ファイル簿).

One row per personal-information database of a scan, with Japanese headers: what the scanner
observes (名称, 保管場所, 記録項目, 記録件数, 本人の数, ...) and the columns only people can fill
(利用目的, 取得方法, 管理責任者, 保存期間, 備考). Written as CSV (UTF-8 with BOM, what Excel opens
correctly), JSON or xlsx.

Round trip: an officer fills the human columns and saves (Excel's "CSV UTF-8", plain "CSV" in
CP932, or xlsx); the next export with ``merge=`` that file keeps what they wrote, matched by the
dataset's stable key (台帳キー, a hash of root + path + sheet/table), their own extra columns
and their row order. Datasets that disappeared stay in the ledger, marked 状態=消失.

Rows are built from the inventory only (paths, counts, decisions): no raw personal value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pi_scan.inventory import Inventory
from pi_scan.model import FindingRow, InventoryRow
from pi_scan.report.content import (
    FLAG_NAMES_JA,
    dataset_name,
    items_of,
    local_date,
    location,
    select_scan,
)
from pi_scan.report.files import write_bytes_atomically
from pi_scan.report.outputs.ledger_format import LedgerFormat
from pi_scan.report.outputs.writers import write_csv

LEDGER_SHEET = "個人情報管理台帳"
KEY = "台帳キー"
STATE = "状態"
ROOT, PATH, DATASET = "ルート", "パス", "シート・表"

OBSERVED_COLUMNS: tuple[str, ...] = (
    "名称",
    "保管場所",
    "記録項目",
    "記録件数",
    "本人の数",
    "要配慮個人情報の有無",
    "個人番号の有無",
    "最終更新日",
    "所有者",
    "全員に読取権限",
    "注意事項",
    "件数から除外",
    "除外の理由",
    "判定理由",
)
HUMAN_COLUMNS: tuple[str, ...] = ("利用目的", "取得方法", "管理責任者", "保存期間", "備考")
TRACKING_COLUMNS: tuple[str, ...] = ("確認日", "消失確認日")
LEDGER_COLUMNS: tuple[str, ...] = (
    KEY,
    STATE,
    *OBSERVED_COLUMNS,
    *HUMAN_COLUMNS,
    *TRACKING_COLUMNS,
    ROOT,
    PATH,
    DATASET,
)
NUMERIC_COLUMNS = frozenset({"記録件数", "本人の数"})

PRESENT, NEW, GONE = "現存", "新規", "消失"
CANDIDATE_REASON = (
    "氏名・住所・電話番号のみ。他人が作成し編集・追加せずに利用しているもの（市販の名簿、電話帳等）"
    "なら、設定ファイルの [[declarations]] で件数からの除外を宣言できます"
)
# flags with a column of their own; the rest go to 注意事項
_OWN_COLUMN_FLAGS = {
    "world_readable",
    "sensitive",
    "my_number",
    "exclusion_candidate",
    "declared_excluded",
}
_KEY_PATTERN = re.compile(r"^PI-[0-9a-f]{16}$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class LedgerSpec:
    """What makes one kind of ledger: its columns, which of them people write, and how it is
    saved. The registry ledger (個人情報管理台帳) and the public sector's 個人情報ファイル簿
    (report/outputs/filebook.py) share the reading, merging and writing below."""

    name_ja: str
    sheet: str  # the workbook sheet (also the one read back, when present)
    json_format: str
    columns: tuple[str, ...]
    human: tuple[str, ...]  # people's columns: what they wrote is kept by a merge
    numeric: frozenset[str]
    # columns that hold what only this kind has: a --merge file with none of them and some
    # of another kind's is refused (a 管理台帳 merged into a ファイル簿 would lose every note)
    marks: frozenset[str]
    # pre-filled from an observation: column -> (the observed column, what pi-scan writes from
    # it). A merge keeps the previous cell only when a person changed it (it differs from what
    # pi-scan wrote from the previous observation); otherwise the new observation is written.
    tracked: Mapping[str, tuple[str, Callable[[str], str]]] = field(default_factory=dict)
    # the key of a previous row whose 台帳キー cell was damaged, from its other columns
    key_of: Callable[[dict[str, Any]], str | None] | None = None
    about: Callable[[dict[str, Any]], list[str]] | None = None


class LedgerError(ValueError):
    """The ledger to merge cannot be read or is not a pi-scan ledger; the message says why."""


def dataset_key(root: str, path: str, dataset: str) -> str:
    """The stable key of a dataset: the same root, path and sheet/table give the same key on
    every scan. Letters and digits only after ``PI-``, so spreadsheet programs leave it alone."""
    digest = hashlib.sha256(f"{root}\0{path}\0{dataset}".encode("utf-8", "surrogatepass"))
    return "PI-" + digest.hexdigest()[:16]


def yes_no(value: bool | None) -> str:
    """有 / 無 in a ledger's cell; "" when unknown."""
    return "" if value is None else ("有" if value else "無")


def ledger_row(row: InventoryRow, findings: Sequence[FindingRow], seen_on: str) -> dict[str, Any]:
    """The ledger row of one personal-information database (a canonical inventory row)."""
    root, path, dataset = row.root, row.path, row.dataset
    if row.excluded_from_count:
        exclusion, why = "除外", row.declaration_reason or "宣言による"
    elif row.exclusion_candidate:
        exclusion, why = "除外候補", CANDIDATE_REASON
    else:
        exclusion, why = "", ""
    notes = [FLAG_NAMES_JA.get(f, f) for f in row.flags if f not in _OWN_COLUMN_FLAGS]
    return {
        KEY: dataset_key(root, path, dataset),
        STATE: PRESENT,
        "名称": dataset_name(path, dataset),
        "保管場所": location(root, path),
        "記録項目": "、".join(items_of(row.categories, findings)),
        "記録件数": "" if row.records is None else row.records,
        "本人の数": "" if row.individuals is None else row.individuals,
        "要配慮個人情報の有無": yes_no(row.sensitive),
        "個人番号の有無": yes_no("my_number" in row.flags),
        "最終更新日": local_date(row.modified),
        "所有者": row.owner,
        "全員に読取権限": yes_no(row.world_readable),
        "注意事項": "、".join(notes),
        "件数から除外": exclusion,
        "除外の理由": why,
        "判定理由": row.rationale,
        "利用目的": "",
        "取得方法": "",
        "管理責任者": "",
        "保存期間": row.retention,
        "備考": row.note,
        "確認日": seen_on,
        "消失確認日": "",
        ROOT: root,
        PATH: path,
        DATASET: dataset,
    }


def build_ledger(
    rows: Sequence[InventoryRow], findings: Mapping[int, Sequence[FindingRow]], seen_on: str
) -> list[dict[str, Any]]:
    """Ledger rows of every personal-information database among a scan's inventory rows.

    ``findings`` are the scan's column findings per row position (``seq``)."""
    return [
        ledger_row(row, findings.get(seq, []), seen_on)
        for seq, row in enumerate(rows)
        if row.is_pi_database
    ]


# ------------------------------------------------------------------------------------ merging


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    rows: list[dict[str, Any]]
    columns: tuple[str, ...]  # LEDGER_COLUMNS + the extra columns people added
    kept: int  # datasets already in the ledger and still present
    new: int
    gone: int  # in the ledger, no longer found (marked 消失)


def merge_ledger(
    current: Sequence[dict[str, Any]],
    previous: Sequence[dict[str, Any]],
    previous_columns: Sequence[str],
    scan_date: str,
    spec: LedgerSpec | None = None,
) -> MergeOutcome:
    """Keep what people wrote in ``previous`` (a ledger read back with ``read_ledger``).

    Observed columns come from the current scan; human columns and the columns people added come
    from the previous ledger; rows keep the previous order, new datasets are appended, and
    datasets no longer found stay, marked 消失 with the date of the scan that missed them."""
    spec = spec or REGISTRY
    extra = tuple(c for c in previous_columns if c and c not in spec.columns)
    columns = (*spec.columns, *extra)
    by_key = {r[KEY]: r for r in current}
    matched = _match(current, previous, spec)
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    kept = gone = 0
    for i, old in enumerate(previous):
        key = matched.get(i)
        if key is not None and key not in used:
            used.add(key)
            row = dict(by_key[key])
            for col in (*spec.human, *extra):
                value = old.get(col, "")
                if value != "" or col in extra:
                    row[col] = value
            for col, (observed, written) in spec.tracked.items():
                value = old.get(col, "")
                if value not in ("", written(str(old.get(observed, "")))):
                    row[col] = value  # a person's words over pi-scan's observation
            out.append(row)
            kept += 1
        else:
            row = {c: old.get(c, "") for c in columns}
            if not _KEY_PATTERN.match(str(row[KEY])):
                row[KEY] = (spec.key_of or _recomputed_key)(old) or row[KEY]
            row[STATE] = GONE
            row["消失確認日"] = old.get("消失確認日") or scan_date
            out.append(row)
            gone += 1
    new = 0
    for r in current:
        if r[KEY] not in used:
            row = dict(r)
            row[STATE] = NEW
            for col in extra:
                row[col] = ""
            out.append(row)
            new += 1
    return MergeOutcome(out, columns, kept, new, gone)


def _recomputed_key(old: dict[str, Any]) -> str | None:
    if old.get(PATH):
        return dataset_key(str(old.get(ROOT, "")), str(old[PATH]), str(old.get(DATASET, "")))
    return None


def _match(
    current: Sequence[dict[str, Any]], previous: Sequence[dict[str, Any]], spec: LedgerSpec
) -> dict[int, str]:
    """previous row index → current key. By 台帳キー; by ルート+パス+シート when the key cell was
    damaged; then by パス+シート when exactly one row on each side has them (the share was
    mounted somewhere else)."""
    keys = {r[KEY] for r in current}
    matched: dict[int, str] = {}
    for i, old in enumerate(previous):
        key = str(old.get(KEY, "")).strip()
        if key in keys:
            matched[i] = key
            continue
        recomputed = (spec.key_of or _recomputed_key)(old)
        if recomputed in keys:
            matched[i] = str(recomputed)
    taken = set(matched.values())
    loose_current: dict[tuple[str, str], list[str]] = {}
    for r in current:
        if r[KEY] not in taken and r.get(PATH):
            loose_current.setdefault((r[PATH], r[DATASET]), []).append(r[KEY])
    loose_previous: dict[tuple[str, str], list[int]] = {}
    for i, old in enumerate(previous):
        if i not in matched and old.get(PATH):
            loose_previous.setdefault((str(old[PATH]), str(old.get(DATASET, ""))), []).append(i)
    for pair, indexes in loose_previous.items():
        candidates = loose_current.get(pair, [])
        if len(indexes) == 1 and len(candidates) == 1:
            matched[indexes[0]] = candidates[0]
    return matched


# ------------------------------------------------------------------------------------ reading


def read_ledger(path: Path, sheet: str = LEDGER_SHEET) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and header of a ledger saved by pi-scan or by a person in Excel: CSV (UTF-8 with or
    without BOM, CP932 as Excel's plain "CSV" writes it, UTF-16 tab-separated "Unicode text"),
    xlsx (the sheet named ``sheet``, else the first), or pi-scan's JSON. Values are strings;
    empty cells are ""."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerError(f"台帳を読めません / cannot read the ledger {path}: {exc}") from exc
    if data[:2] == b"PK":
        header, rows = _read_xlsx(path, sheet)
    elif data.lstrip()[:1] == b"{":
        header, rows = _read_json(data, path)
    else:
        header, rows = _read_csv(data, path)
    if KEY not in header and PATH not in header:
        raise LedgerError(
            f"pi-scan の台帳ではありません（{KEY} 列がない） / not a pi-scan ledger: {path} "
            f"has no {KEY} column"
        )
    return rows, header


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerError(f"台帳の文字コードが分かりません / unknown encoding of {path}")


def _unescape(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _read_csv(data: bytes, path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise LedgerError(f"CSV を読めません / malformed CSV {path}: {exc}") from exc
    return _rows_from_table(table)


def _rows_from_table(table: list[list[Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    # a title row above the header (typed by a person) is skipped: the header holds 台帳キー
    start = next(
        (i for i, r in enumerate(table[:20]) if KEY in [_text(c) for c in r]),
        0,
    )
    if not table:
        return [], []
    header = [_text(c) for c in table[start]]
    rows = []
    for raw in table[start + 1 :]:
        cells = [_unescape(_text(c)) for c in raw]
        if not any(cells):
            continue
        rows.append({h: (cells[j] if j < len(cells) else "") for j, h in enumerate(header) if h})
    return header, rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path, sheet_name: str) -> tuple[list[str], list[dict[str, Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise LedgerError(f"xlsx を読めません / cannot read the workbook {path}") from exc
    try:
        sheet = wb[sheet_name] if sheet_name in wb.sheetnames else wb.worksheets[0]
        table = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()
    return _rows_from_table(table)


def _read_json(data: bytes, path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
        rows = doc["rows"]
        header = list(doc.get("columns") or (rows[0].keys() if rows else []))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LedgerError(f"台帳の JSON ではありません / not a ledger JSON: {path}") from exc
    return header, [{k: _text(v) for k, v in r.items()} for r in rows]


# ------------------------------------------------------------------------------------ writing


def _escape(value: Any) -> Any:
    """A text cell starting with = + - @ would be run as a formula by a spreadsheet program
    (a file name is chosen by anyone who can write to the share): prefix it with '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_ledger(
    target: Path,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: LedgerFormat,
    meta: dict[str, Any],
    spec: LedgerSpec | None = None,
) -> None:
    """Write ``rows`` as CSV (UTF-8 with BOM; ``registry``, ``csv`` and ``filebook``), JSON or
    xlsx."""
    spec = spec or REGISTRY
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt in (LedgerFormat.REGISTRY, LedgerFormat.CSV, LedgerFormat.FILEBOOK):
        write_csv(target, columns, ({c: _escape(r.get(c, "")) for c in columns} for r in rows))
    elif fmt is LedgerFormat.JSON:
        doc = {
            "format": spec.json_format,
            "version": 1,
            **meta,
            "columns": list(columns),
            "rows": [{c: r.get(c, "") for c in columns} for r in rows],
        }
        write_bytes_atomically(
            target, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
        )
    else:
        _write_xlsx(target, rows, columns, meta, spec)


def _write_xlsx(
    target: Path,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    meta: dict[str, Any],
    spec: LedgerSpec,
) -> None:
    from openpyxl import Workbook

    from pi_scan.report.views.xlsx_report import fill_table

    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet
    fill_table(
        ws,
        columns,
        [[r.get(c, "") for c in columns] for r in rows],
        highlight={*spec.human, *spec.tracked},
        numeric=spec.numeric,
    )
    about = wb.create_sheet("説明")
    for line in (spec.about or _about_lines)(meta):
        about.append([line])
    about.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes_atomically(target, buf.getvalue())


def _about_lines(meta: dict[str, Any]) -> list[str]:
    return [
        "個人情報管理台帳（pi-scan が観測した項目と、担当者が記入する項目）",
        f"スキャン番号: {meta.get('scan_id', '')}  スキャン日: {meta.get('scan_date', '')}",
        f"記入する列（黄色）: {'、'.join(HUMAN_COLUMNS)}",
        f"{KEY}・{ROOT}・{PATH}・{DATASET} は照合に使います。変更しないでください。",
        "次回: pi-scan export --format registry --output 新しい台帳 --merge この台帳",
        "記入した内容は引き継がれ、見つからなくなったデータベースは 状態=消失 として残ります。",
    ]


# ------------------------------------------------------------------------------------ export


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: LedgerFormat
    scan_id: int
    rows: int
    kept: int
    new: int
    gone: int
    backup: Path | None


def export_ledger(
    inv: Inventory,
    output: Path,
    fmt: LedgerFormat | None = None,
    merge: Path | None = None,
    scan_id: int | None = None,
) -> ExportResult:
    """Write the ledger of a scan (default: the latest), merged with a previous ledger."""
    scan = select_scan(inv, scan_id)
    fmt = fmt or LedgerFormat.for_path(output)
    scan_date = local_date(scan.finished or "")
    current = build_ledger(inv.dataset_rows(scan.id), inv.column_findings(scan.id), scan_date)
    if merge is not None:
        previous, header = read_ledger(merge)
        check_kind(header, REGISTRY, merge)
        outcome = merge_ledger(current, previous, header, scan_date)
    else:
        outcome = MergeOutcome(current, LEDGER_COLUMNS, 0, len(current), 0)
    meta = {"scan_id": scan.id, "scan_date": scan_date, "roots": list(scan.roots)}
    return write_export(output, merge, outcome, fmt, meta)


def write_export(
    output: Path,
    merge: Path | None,
    outcome: MergeOutcome,
    fmt: LedgerFormat,
    meta: dict[str, Any],
    spec: LedgerSpec | None = None,
) -> ExportResult:
    """Write a ledger's rows (the file it merges kept beside it first) and say what was done."""
    backup = keep_previous(output, merge)
    write_ledger(output, outcome.rows, outcome.columns, fmt, meta, spec)
    return ExportResult(
        path=output,
        format=fmt,
        scan_id=int(meta["scan_id"]),
        rows=len(outcome.rows),
        kept=outcome.kept,
        new=outcome.new if merge is not None else 0,
        gone=sum(r.get(STATE) == GONE for r in outcome.rows),
        backup=backup,
    )


def keep_previous(output: Path, merge: Path | None) -> Path | None:
    """When the ledger is written over the file it merges, keep that file beside it first
    (``台帳.bak.csv``): what the officer wrote, should anything go wrong."""
    if merge is None or not output.exists() or not _same_file(output, merge):
        return None
    backup = output.with_name(f"{output.stem}.bak{output.suffix}")
    shutil.copy2(output, backup)
    return backup


def check_kind(header: Sequence[str], spec: LedgerSpec, path: Path) -> None:
    """Refuse to merge another kind of ledger (its notes would all be lost as 消失 rows)."""
    present = set(header)
    if present & spec.marks:
        return
    for name_ja, name_en, marks in _KINDS:
        if name_ja != spec.name_ja and present & marks:
            raise LedgerError(
                f"{path} は{name_ja}です。{spec.name_ja}には引き継げません / {path} is a "
                f"{name_en}: it cannot be merged into a {spec.json_format.removeprefix('pi-scan-')}"
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


REGISTRY = LedgerSpec(
    name_ja="個人情報管理台帳",
    sheet=LEDGER_SHEET,
    json_format="pi-scan-ledger",
    columns=LEDGER_COLUMNS,
    human=HUMAN_COLUMNS,
    numeric=NUMERIC_COLUMNS,
    marks=frozenset({"取得方法", "管理責任者", "件数から除外"}),
)
# columns only the 個人情報ファイル簿 (report/outputs/filebook.py) has
FILEBOOK_MARKS = frozenset({"公表の要否", "個人情報ファイルの名称", "記録情報の収集方法"})
_KINDS = (
    ("個人情報管理台帳", "ledger", REGISTRY.marks),
    ("個人情報ファイル簿", "filebook", FILEBOOK_MARKS),
)
