"""What the terminal shows: the progress bar of a scan, its summary, the report (``pi-scan
report``) and an inspection (``pi-scan inspect``). Everything goes to the Rich console given."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from pi_scan.model import DatasetResult, ScanSummary
from pi_scan.progress import ScanTally
from pi_scan.report.content import ReportContent, local_date
from pi_scan.report.outputs.rows import column_label, escape_path
from pi_scan.report.outputs.runlog import progress_text


class _TwoLines(Progress):
    """The bar on one line and the rates under it: in an 80-column terminal the bar, the
    count and the elapsed time fit whole, and the rates are not cut either."""

    def get_renderables(self) -> Iterator[RenderableType]:
        yield self.make_tasks_table(self.tasks)
        for task in self.tasks:
            rates = task.fields.get("rates", "")
            if rates:
                yield Text("  " + rates, style="dim", overflow="fold")


class RichProgress:
    """Progress bar: files done / total, the files read per second and MB per second, the time
    left (from the bytes still to read, not from the reused files that go by in a flash) and
    how many files were reused from the last scan."""

    def __init__(self, console: Console) -> None:
        self._progress = _TwoLines(
            TextColumn("[bold]スキャン中 / scanning"),
            BarColumn(bar_width=None),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task = TaskID(0)
        self._shown = 0.0

    def start(self, tally: ScanTally) -> None:
        self._progress.start()
        self._task = self._progress.add_task("scan", total=tally.total, rates="")

    def file_done(self, tally: ScanTally, path: str) -> None:
        now = time.monotonic()
        fields: dict[str, Any] = {}
        # rates need not flicker; but while files are only being reused the count of them is
        # refreshed with every file (a frame said "reused 1" while 420 were reused)
        if now - self._shown >= 0.5 or tally.read == 0 or tally.done == tally.total:
            fields["rates"] = progress_text(tally, now)
            self._shown = now
        self._progress.update(self._task, completed=tally.done, **fields)

    def finish(self, tally: ScanTally) -> None:
        self._progress.update(self._task, completed=tally.done, rates=progress_text(tally))
        self._progress.stop()

    def stop(self) -> None:
        """The scan stopped early (interrupted, or it could not run)."""
        self._progress.stop()


def print_summary(out: Console, summary: ScanSummary, outputs: dict[str, Path]) -> None:
    people = summary.people
    t = Table(title="pi-scan 結果 / summary", show_header=False)
    t.add_row("ファイル / files", f"{summary.files_scanned:,}")
    t.add_row("データセット / datasets", f"{summary.datasets:,}")
    t.add_row("個人情報データベース等 / PI databases", f"{summary.pi_databases:,}")
    t.add_row("個人情報を含む / with personal info", f"{summary.datasets_with_personal_info:,}")
    t.add_row("読めない / unreadable", f"{summary.unreadable:,}")
    inc = summary.incremental
    if inc is not None:
        t.add_row(
            "読んだ / read · 再利用 / reused · 削除 / removed",
            f"{inc.files_read:,} · {inc.files_reused:,} · {inc.files_removed:,}",
        )
        if inc.files_same_content:
            t.add_row(
                "うち同じ内容 / of which same content",
                f"{inc.files_same_content:,} (移動・名前変更・複製 / moved, renamed, copied)",
            )
    t.add_row(
        "本人の数 / distinct individuals",
        f"{people.estimate:,} (範囲 / range {people.low:,}–{people.high:,})",
    )
    verdict = "超える / exceeds" if summary.exceeds_threshold else "超えない / within"
    t.add_row(f"閾値 / threshold {summary.threshold:,}", verdict)
    not_inspected = summary.not_inspected_by_extension
    if not_inspected:
        t.add_row(
            "対象外の種類 / not inspected",
            ", ".join(f"{k} {v}" for k, v in not_inspected.items()),
        )
    out.print(t)
    for name, path in outputs.items():
        out.print(f"  {name}: {path}")


def print_report(out: Console, content: ReportContent, path: Path) -> None:
    h = content.headline
    t = Table(title=f"スキャン履歴 / scan history ({path})")
    for col in ("#", "日時 JST", "推計 est.", "範囲 range", "閾値 thr.", "DB", "読めない"):
        t.add_column(col, justify="right")
    for p in content.history[-12:]:
        t.add_row(
            str(p.scan_id),
            local_date(p.finished, with_time=True),
            _n(p.estimate),
            f"{p.low:,}–{p.high:,}",
            _n(p.threshold),
            _n(p.pi_databases),
            _n(p.unreadable),
        )
    out.print(t)
    _print_publication(out, content)
    verdict = "[red]超える / exceeds[/]" if h.exceeds else "[green]超えない / within[/]"
    out.print(
        f"スキャン / scan #{h.scan_id} ({h.finished}): 本人の数 / distinct individuals "
        f"[bold]{h.estimate:,}[/] (範囲 / range {h.low:,}–{h.high:,}); "
        f"閾値 / threshold {h.threshold:,} を{verdict}"
    )
    out.print(f"  {h.uncertainty_ja} / {h.uncertainty_en}")
    peak = h.peak
    if peak is None:
        out.print("直近6か月のスキャンはありません / no scan in the last six months")
    else:
        exceeds = peak.estimate > peak.threshold
        out.print(
            f"直近6か月の最大 / six-month peak: [bold]{_n(peak.estimate)}[/] "
            f"(scan #{peak.scan_id}, {peak.finished}); 閾値 {peak.threshold:,} を"
            f"{'超える / exceeds' if exceeds else '超えない / within'}"
        )
    out.print(
        f"DB {h.pi_databases:,} (算入 / counted {h.pi_databases_counted:,}) · "
        f"読めない / unreadable {h.unreadable:,} · 危険な場所 / risky {len(content.risky):,} · "
        f"全員が読める / world-readable {len(content.world_readable):,}"
    )
    if content.by_category:
        out.print(
            "項目別 / by item: "
            + ", ".join(f"{g.label} {g.databases}" for g in content.by_category)
        )
    for title, items in (
        (
            "危険な場所 / risky locations",
            [d.path + (f" [{d.dataset}]" if d.dataset else "") for d in content.risky],
        ),
        ("読めない / unreadable", [f"{p.path} ({p.status})" for p in content.unreadable]),
        (
            "要確認 / please confirm",
            [p.path + (f" [{p.dataset}]" if p.dataset else "") for p in content.to_confirm],
        ),
    ):
        if items:
            more = f" … +{len(items) - 5}" if len(items) > 5 else ""
            out.print(f"{title}: " + ", ".join(items[:5]) + more)
    out.print(f"[dim]根拠 / rule: {h.rule_ja}[/]")


def _print_publication(out: Console, content: ReportContent) -> None:
    """A public body's rule first: which 個人情報ファイル must be published."""
    pub = content.publication
    if pub is None:
        return
    unsure = pub.count("要確認")
    out.print(
        f"個人情報ファイル簿の公表 / publication (本人の数 ≥ {pub.threshold:,}, 法第75条): "
        f"[bold]{pub.count('要'):,}[/] / {len(pub.files):,} ファイル / files"
        + (f" · 要確認 / to check {unsure:,}" if unsure else "")
    )
    listed = [f for f in pub.files if f.verdict != "不要"]
    if listed:
        more = f" … +{len(listed) - 5}" if len(listed) > 5 else ""
        out.print(
            "  " + ", ".join(f"{f.name} {f.persons:,}人 ({f.verdict})" for f in listed[:5]) + more
        )


def print_inspection(out: Console, results: list[DatasetResult]) -> None:
    for result in results:
        ds, findings, decision = result.dataset, result.findings, result.decision
        title = escape_path(ds.display_path) + (f" [{escape_path(ds.name)}]" if ds.name else "")
        if ds.status.value != "ok":
            out.print(f"[bold]{title}[/]: {ds.status.value} — {ds.error}")
            continue
        out.print(f"[bold]{title}[/] ({ds.kind.value}, {findings.records:,} records)")
        if ds.error:
            out.print(f"  {ds.error}")
        out.print(f"  {decision.rationale}")
        if findings.columns:
            t = Table(show_header=True)
            for col in ("column", "entity", "role", "conf.", "hit", "evidence", "samples"):
                t.add_column(col)
            for i, f in enumerate(findings.columns):
                t.add_row(
                    column_label(f, i),
                    f.entity.value,
                    f.role,
                    f"{f.confidence:.2f}",
                    f"{f.hit_rate:.0%}",
                    f.evidence,
                    ", ".join(f.masked_samples),
                )
            out.print(t)
        for tf in findings.text:
            out.print(
                f"  {tf.entity.value}: {tf.count} — {tf.evidence} {', '.join(tf.masked_samples)}"
            )


def _n(v: int | None) -> str:
    return "-" if v is None else f"{v:,}"
