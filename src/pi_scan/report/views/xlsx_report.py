"""The Excel report: the same content as the HTML report, one sheet per section, with a native
line chart of the history. Only what the inventory holds (masked samples, paths, counts)."""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pi_scan.report.content import (
    FLAG_NAMES_JA,
    STATUS_NAMES_JA,
    Database,
    ReportContent,
    local_date,
    location,
)
from pi_scan.report.files import write_bytes_atomically

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HUMAN_FILL = PatternFill("solid", fgColor="FFF2CC")
ALERT_FILL = PatternFill("solid", fgColor="F8CBAD")
OK_FILL = PatternFill("solid", fgColor="C6E0B4")
_MAX_WIDTH = 60


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _cell_value(value: Any, numeric: bool) -> Any:
    if numeric and isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def fill_table(
    ws: Worksheet,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    highlight: Collection[str] = (),
    numeric: Collection[str] = (),
    start_row: int = 1,
) -> None:
    """A header row and data rows: bold header, frozen panes, a filter, sensible widths.
    Text is always stored as text (a file named ``=cmd…`` must not become a formula)."""
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(start_row, j, name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HUMAN_FILL if name in highlight else HEADER_FILL
        if name in highlight:
            cell.font = Font(bold=True, color="000000")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [_width(str(c)) + 2 for c in columns]
    for i, row in enumerate(rows, start=start_row + 1):
        for j, (name, value) in enumerate(zip(columns, row, strict=False), start=1):
            cell = ws.cell(i, j, _cell_value(value, name in numeric))
            if isinstance(cell.value, str):
                cell.data_type = "s"
                widths[j - 1] = max(widths[j - 1], _width(cell.value) + 2)
            if name in highlight:
                cell.fill = HUMAN_FILL
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w, 6), _MAX_WIDTH)
    ws.freeze_panes = ws.cell(start_row + 1, 1)
    ws.print_title_rows = f"{start_row}:{start_row}"  # the header on every printed page
    fit_to_width(ws)
    if rows:
        ws.auto_filter.ref = (
            f"A{start_row}:{get_column_letter(len(columns))}{start_row + len(rows)}"
        )


def fit_to_width(ws: Worksheet) -> None:
    """Printed on A4 landscape, every column on one page wide (as many pages down as needed):
    without it Excel prints a wide table one or two columns a page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _flags_ja(flags: Sequence[str]) -> str:
    return "、".join(FLAG_NAMES_JA.get(f, f) for f in flags)


def _samples(d: Database) -> str:
    return "\n".join(
        f"{label}（{item}）: {', '.join(samples)}" if samples else f"{label}（{item}）"
        for label, item, samples in d.columns
    )


DATABASE_COLUMNS = (
    "名称",
    "保管場所",
    "記録項目",
    "記録件数",
    "本人の数",
    "件数から除外",
    "注意",
    "最終更新日",
    "所有者",
    "判定理由",
    "列とマスク済みサンプル",
)


def database_cells(d: Database) -> list[Any]:
    excluded = "除外" if d.excluded else ("除外候補" if d.exclusion_candidate else "")
    return [
        d.name,
        location(d.root, d.path),
        "、".join(d.items),
        d.records,
        d.individuals,
        excluded,
        _flags_ja(d.flags),
        local_date(d.modified),
        d.owner,
        d.rationale,
        _samples(d),
    ]


def _summary_sheet(ws: Worksheet, content: ReportContent) -> None:
    h = content.headline
    ws.title = "概要"
    ws["A1"] = "個人情報の棚卸し報告 / personal-information inventory report"
    ws["A1"].font = Font(bold=True, size=14)
    verdict = "閾値を超える / exceeds" if h.exceeds else "閾値以下 / within"
    peak = h.peak
    lines: list[tuple[str, Any]] = [
        ("スキャン / scan", f"#{h.scan_id}  {local_date(h.finished, with_time=True)} (JST)"),
        ("対象 / roots", "\n".join(h.roots)),
        ("本人の数（推計） / distinct individuals (estimate)", h.estimate),
        ("下限 / low bound", h.low),
        ("上限 / high bound", h.high),
        ("閾値 / threshold", h.threshold),
        ("判定 / verdict", verdict),
        ("不確実性 / uncertainty", f"{h.uncertainty_ja}\n{h.uncertainty_en}"),
        (
            "直近6か月の最大 / six-month peak",
            "-"
            if peak is None
            else f"{peak.estimate:,}（スキャン #{peak.scan_id}、{local_date(peak.finished)}）",
        ),
        (
            "6か月の判定 / six-month test",
            "-"
            if peak is None
            else (
                "閾値を超えた日あり / exceeded on some day"
                if peak.estimate > peak.threshold
                else "閾値を超えた日なし / never exceeded"
            ),
        ),
        ("根拠 / rule", f"{h.rule_ja}\n{h.rule_en}"),
        ("ファイル数 / files", h.files_scanned),
        ("データセット / datasets", h.datasets),
        ("個人情報データベース等 / PI databases", h.pi_databases),
        ("うち件数に算入 / of which counted", h.pi_databases_counted),
        ("個人情報を含む / with personal information", h.with_personal_info),
        ("読めない / unreadable", h.unreadable),
        ("危険な場所のDB / databases in risky locations", len(content.risky)),
        ("全員が読めるDB / world-readable databases", len(content.world_readable)),
        (
            "対象外の種類 / not inspected",
            ", ".join(f"{k} {v}" for k, v in h.not_inspected.items()) or "-",
        ),
        ("作成 / generated", f"{local_date(content.generated, with_time=True)} (JST)"),
        ("注意 / note", "サンプルはマスク済み。生の個人情報は含みません / samples are masked"),
    ]
    pub = content.publication
    if pub is not None:  # a public body: the publication test per file comes first
        lines[:0] = [
            (
                "公表が必要な個人情報ファイル / files to publish",
                f"{pub.count('要'):,} / {len(pub.files):,}"
                + (f"（要確認 {pub.count('要確認'):,}）" if pub.count("要確認") else ""),
            ),
            (
                "公表の基準 / publication rule",
                f"本人の数（重複を除く）{pub.threshold:,} 人以上（個人情報保護法第75条第2項第1号、"
                f"第74条第2項第9号）/ {pub.threshold:,} or more distinct persons per file",
            ),
        ]
    for i, (label, value) in enumerate(lines, start=3):
        ws.cell(i, 1, label).font = Font(bold=True)
        cell = ws.cell(i, 2, _cell_value(value, False))
        if isinstance(cell.value, str):
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if label.startswith("判定"):
            cell.fill = ALERT_FILL if h.exceeds else OK_FILL
        if label.startswith("6か月") and peak is not None:
            cell.fill = ALERT_FILL if peak.estimate > peak.threshold else OK_FILL
        if isinstance(value, int):
            cell.number_format = "#,##0"
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 100


def _history_sheet(wb: Workbook, content: ReportContent) -> None:
    ws = wb.create_sheet("履歴")
    columns = ("スキャン", "日時 (JST)", "推計", "下限", "上限", "閾値", "DB数", "読めない")
    rows = [
        [
            p.scan_id,
            local_date(p.finished, with_time=True),
            p.estimate,
            p.low,
            p.high,
            p.threshold,
            p.pi_databases,
            p.unreadable,
        ]
        for p in content.history
    ]
    fill_table(ws, columns, rows)
    if len(rows) >= 1:
        chart = LineChart()
        chart.title = "本人の数の推移 / distinct individuals over time"
        chart.y_axis.title = "人 / persons"
        chart.x_axis.title = "スキャン / scan"
        data = Reference(ws, min_col=3, max_col=6, min_row=1, max_row=len(rows) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=len(rows) + 1))
        chart.height, chart.width = 9, 22
        ws.add_chart(chart, "J2")


def build_workbook(content: ReportContent) -> Workbook:
    wb = Workbook()
    _summary_sheet(wb.active, content)
    if content.publication is not None:
        fill_table(
            wb.create_sheet("公表の要否"),
            ("個人情報ファイル", "本人の数", "公表の要否", "データセット数", "保管場所"),
            [
                [f.name, f.persons, f.verdict, f.datasets, f.location]
                for f in content.publication.files
            ],
            numeric={"本人の数", "データセット数"},
        )
    _history_sheet(wb, content)
    fill_table(
        wb.create_sheet("データベース"),
        DATABASE_COLUMNS,
        [database_cells(d) for d in content.databases],
        numeric={"記録件数", "本人の数"},
    )
    group_columns = ("DB数", "記録件数の計", "本人の数の計（DB間の重複を含む）")
    fill_table(
        wb.create_sheet("フォルダ別"),
        ("フォルダ", *group_columns),
        [[g.label, g.databases, g.records, g.individuals] for g in content.by_folder],
    )
    fill_table(
        wb.create_sheet("項目別"),
        ("記録項目", *group_columns),
        [[g.label, g.databases, g.records, g.individuals] for g in content.by_category],
    )
    fill_table(
        wb.create_sheet("読めないファイル"),
        ("保管場所", "シート・表", "状態", "理由"),
        [
            [location(p.root, p.path), p.dataset, STATUS_NAMES_JA.get(p.status, p.status), p.reason]
            for p in content.unreadable
        ],
    )
    attention = [
        ["危険な場所", *database_cells(d)[:3], d.records, d.owner, _flags_ja(d.flags)]
        for d in content.risky
    ] + [
        ["全員が読める", *database_cells(d)[:3], d.records, d.owner, _flags_ja(d.flags)]
        for d in content.world_readable
    ]
    fill_table(
        wb.create_sheet("要注意"),
        ("区分", "名称", "保管場所", "記録項目", "記録件数", "所有者", "注意"),
        attention,
    )
    fill_table(
        wb.create_sheet("要確認"),
        ("保管場所", "シート・表", "確認が必要な理由（推計と上限に含め、下限に含めない）"),
        [[location(p.root, p.path), p.dataset, p.reason] for p in content.to_confirm],
    )
    fill_table(
        wb.create_sheet("個人情報を含む文書"),
        ("保管場所", "シート・表", "判定理由"),
        [
            [location(p.root, p.path), p.dataset, p.reason]
            for p in content.personal_info_not_database
        ],
    )
    for ws in wb.worksheets:
        fit_to_width(ws)
    return wb


def write_xlsx_report(content: ReportContent, target: Path) -> Path:
    wb = build_workbook(content)
    buf = io.BytesIO()
    wb.save(buf)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(target, buf.getvalue())
    return target
