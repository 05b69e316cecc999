"""The HTML report: one self-contained file (inline CSS, inline SVG chart, no script, no
external resource), readable offline and printable.

It shows the distinct-people figure against the threshold with its bounds and the rule it rests
on, its history, databases by folder and by category, unreadable files, risky locations and
world-readable files. Only what the inventory holds: paths, counts, masked samples.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

from pi_scan.report.content import (
    FLAG_NAMES_JA,
    SIX_MONTHS_DAYS,
    STATUS_NAMES_JA,
    Database,
    Group,
    HistoryPoint,
    ReportContent,
    local_date,
    location,
)

_CSS = """
:root { --ink:#1b2733; --muted:#5b6b7a; --line:#d5dde5; --accent:#1f4e79; --band:#cfe0f3;
        --bad:#b3261e; --badbg:#fbe4e2; --good:#1e6b34; --goodbg:#e3f3e6; --warn:#8a5a00;
        --warnbg:#fff2cc; }
* { box-sizing: border-box; }
body { font-family: "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, "Noto Sans CJK JP",
       "IPAPGothic", "IPAGothic", sans-serif; color: var(--ink); margin: 0; background: #f5f7f9;
       line-height: 1.55; font-size: 14px; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 17px; border-bottom: 2px solid var(--accent); padding-bottom: 3px;
     margin: 32px 0 10px; }
.en { color: var(--muted); font-weight: normal; font-size: 0.86em; }
.meta { color: var(--muted); font-size: 12.5px; }
.headline { display: grid; grid-template-columns: 1.1fr 1fr; gap: 18px; margin-top: 16px; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; }
.big { font-size: 44px; font-weight: bold; line-height: 1.1; }
.big small { font-size: 16px; font-weight: normal; color: var(--muted); }
.verdict { display: inline-block; padding: 3px 10px; border-radius: 12px; font-weight: bold;
           margin-top: 6px; }
.verdict.bad { background: var(--badbg); color: var(--bad); }
.verdict.good { background: var(--goodbg); color: var(--good); }
.rule { background: #f0f4f8; border-left: 4px solid var(--accent); padding: 10px 14px;
        font-size: 12.5px; }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin-top: 14px; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.stat b { display: block; font-size: 20px; }
.stat span { color: var(--muted); font-size: 12px; }
.stat.alert { border-color: var(--bad); background: var(--badbg); }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top;
         text-align: left; }
th { background: #eef2f6; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.path { word-break: break-all; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px;
       background: var(--warnbg); color: var(--warn); margin: 1px 2px 1px 0; }
.tag.red { background: var(--badbg); color: var(--bad); }
.samples { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px;
           color: #333; }
.none { color: var(--muted); font-style: italic; }
.chart { width: 100%; height: auto; }
.legend span { margin-right: 14px; font-size: 12px; }
.sw { display: inline-block; width: 18px; height: 10px; margin-right: 4px;
      vertical-align: middle; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid
         var(--line); padding-top: 8px; }
@media print { body { background: #fff; } main { padding: 0; } h2 { break-after: avoid; }
               tr { break-inside: avoid; } }
"""


def _n(value: int) -> str:
    return f"{value:,}"


def _h(text: object) -> str:
    return escape(str(text), quote=True)


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = max(span, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return max(m * power, 1)
    return 10 * power


def _parse(iso: str) -> datetime | None:
    try:
        return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def history_svg(
    points: Sequence[HistoryPoint],
    as_of: str = "",
    width: int = 1000,
    height: int = 300,
) -> str:
    """Inline SVG line chart: estimate (line), low–high (band), threshold (dashed), and the
    six-month window before ``as_of`` (shaded). Time on the x axis when the scans' times differ."""
    if not points:
        return '<p class="none">スキャン履歴がありません / no history</p>'
    left, right, top, bottom = 70, 20, 16, 46
    pw, ph = width - left - right, height - top - bottom
    times = [_parse(p.finished) for p in points]
    use_time = all(t is not None for t in times) and len({t for t in times}) > 1
    if use_time:
        t0 = min(t for t in times if t is not None)
        t1 = max(t for t in times if t is not None)
        span = (t1 - t0).total_seconds() or 1.0

        def x_of(i: int) -> float:
            t = times[i]
            assert t is not None
            return left + pw * (t - t0).total_seconds() / span

    else:

        def x_of(i: int) -> float:
            return left + (pw * i / (len(points) - 1) if len(points) > 1 else pw / 2)

    top_value = max(max(p.high for p in points), max(p.threshold for p in points), 1)
    step = _nice_step(top_value * 1.1)
    y_max = step * math.ceil(top_value * 1.1 / step)

    def y_of(v: float) -> float:
        return top + ph - ph * v / y_max

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="本人の数の推移 / distinct individuals over time">'
    ]
    # six-month window
    as_of_t = _parse(as_of) if as_of else None
    if use_time and as_of_t is not None:
        start = max(as_of_t - timedelta(days=SIX_MONTHS_DAYS), t0)
        end = min(as_of_t, t1)
        if start < end:
            xs = left + pw * (start - t0).total_seconds() / span
            xe = left + pw * (end - t0).total_seconds() / span
            parts.append(
                f'<rect x="{xs:.1f}" y="{top}" width="{xe - xs:.1f}" height="{ph}" '
                f'fill="#f3f6e8"><title>直近6か月 / last six months</title></rect>'
            )
    # grid and y ticks
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{left + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e8ee"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="#5b6b7a">{_n(int(tick))}</text>'
        )
        tick += step
    # band low–high
    upper = " ".join(f"{x_of(i):.1f},{y_of(p.high):.1f}" for i, p in enumerate(points))
    lower = " ".join(
        f"{x_of(i):.1f},{y_of(p.low):.1f}" for i, p in reversed(list(enumerate(points)))
    )
    if len(points) > 1:
        parts.append(f'<polygon points="{upper} {lower}" fill="#cfe0f3" stroke="none"/>')
    else:
        x = x_of(0)
        p = points[0]
        parts.append(
            f'<rect x="{x - 10:.1f}" y="{y_of(p.high):.1f}" width="20" '
            f'height="{max(y_of(p.low) - y_of(p.high), 1):.1f}" fill="#cfe0f3"/>'
        )
    # threshold (a setting: it can change between scans)
    thr = " ".join(f"{x_of(i):.1f},{y_of(p.threshold):.1f}" for i, p in enumerate(points))
    if len(points) == 1:
        y = y_of(points[0].threshold)
        thr = f"{left},{y:.1f} {left + pw},{y:.1f}"
    parts.append(
        f'<polyline points="{thr}" fill="none" stroke="#b3261e" stroke-width="2" '
        f'stroke-dasharray="7 5"/>'
    )
    # estimate
    line = " ".join(f"{x_of(i):.1f},{y_of(p.estimate):.1f}" for i, p in enumerate(points))
    if len(points) > 1:
        parts.append(f'<polyline points="{line}" fill="none" stroke="#1f4e79" stroke-width="2.5"/>')
    for i, p in enumerate(points):
        over = p.estimate > p.threshold
        parts.append(
            f'<circle cx="{x_of(i):.1f}" cy="{y_of(p.estimate):.1f}" r="4.5" '
            f'fill="{"#b3261e" if over else "#1f4e79"}"><title>#{p.scan_id} '
            f"{_h(local_date(p.finished, with_time=True))}: {_n(p.estimate)} "
            f"({_n(p.low)}–{_n(p.high)})</title></circle>"
        )
    # x labels: the latest scan always, earlier ones where there is room; each date once, and
    # the time of day instead when every scan is of one day
    days = {local_date(p.finished) for p in points}
    one_day = len(days) == 1 and len(points) > 1
    label_w = 40 if one_day else 76  # "09:30" / "2024-06-30" at 12px
    shown: list[tuple[float, float]] = []
    said: set[str] = set()
    for i in reversed(range(len(points))):
        x = x_of(i)
        stamp = local_date(points[i].finished, with_time=one_day)
        label = stamp[-5:] if one_day and len(stamp) > 10 else stamp
        if label in said:
            continue
        anchor = "start" if x < left + 40 else ("end" if x > left + pw - 40 else "middle")
        lo = x if anchor == "start" else (x - label_w if anchor == "end" else x - label_w / 2)
        if any(lo < b + 8 and lo + label_w + 8 > a for a, b in shown):
            continue
        shown.append((lo, lo + label_w))
        said.add(label)
        parts.append(
            f'<text x="{x:.1f}" y="{top + ph + 18}" font-size="12" text-anchor="{anchor}" '
            f'fill="#5b6b7a">{_h(label)}</text>'
        )
    axis = (
        f"{_h(next(iter(days)))} のスキャン時刻 (JST) / scan time"
        if one_day
        else "スキャン日 (JST) / scan date"
    )
    parts.append(
        f'<line x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}" stroke="#8a99a8"/>'
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}" stroke="#8a99a8"/>'
        f'<text x="{left + pw / 2:.1f}" y="{height - 6}" font-size="12" text-anchor="middle" '
        f'fill="#5b6b7a">{axis}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def bullet_svg(estimate: int, low: int, high: int, threshold: int, width: int = 460) -> str:
    """One horizontal bar: the low–high range, the estimate, and the threshold."""
    height, pad = 64, 14
    top = max(high, threshold, estimate, 1) * 1.15

    def x(v: float) -> float:
        return pad + (width - 2 * pad) * v / top

    over = estimate > threshold
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="推計と閾値 / estimate and threshold">'
        f'<rect x="{pad}" y="18" width="{width - 2 * pad}" height="16" fill="#eef2f6"/>'
        f'<rect x="{x(low):.1f}" y="18" width="{max(x(high) - x(low), 2):.1f}" height="16" '
        f'fill="#cfe0f3"/>'
        f'<rect x="{x(estimate) - 2:.1f}" y="12" width="4" height="28" '
        f'fill="{"#b3261e" if over else "#1f4e79"}"/>'
        f'<line x1="{x(threshold):.1f}" x2="{x(threshold):.1f}" y1="15" y2="48" '
        f'stroke="#b3261e" stroke-width="2" stroke-dasharray="4 3"/>'
        f'<text x="{x(threshold):.1f}" y="60" font-size="11" text-anchor="middle" '
        f'fill="#b3261e">閾値 {_n(threshold)}</text>'
        f"{_bound_labels(x(low), x(high), low, high, width)}"
        f"</svg>"
    )


def _bound_labels(x_low: float, x_high: float, low: int, high: int, width: int) -> str:
    """The low and high figures over the bar, apart: when they are too close to be centred
    on their ends (``1219`` for 12 and 19), low ends left of the middle and high starts right of
    it; one figure when they are equal."""
    low_text, high_text = _n(low), _n(high)

    def label(x: float, anchor: str, text: str) -> str:
        return (
            f'<text x="{x:.1f}" y="12" font-size="10" text-anchor="{anchor}" '
            f'fill="#5b6b7a">{text}</text>'
        )

    def w(text: str) -> float:
        return 6.5 * len(text)  # a digit or comma at 10px, with room

    if low == high:
        return label(x_low, "middle", low_text)
    if x_high - x_low >= (w(low_text) + w(high_text)) / 2 + 6:
        return label(x_low, "middle", low_text) + label(x_high, "middle", high_text)
    middle = (x_low + x_high) / 2
    end_of_low = max(middle - 3, w(low_text))
    start_of_high = min(max(middle + 3, end_of_low + 6), width - w(high_text))
    return label(end_of_low, "end", low_text) + label(start_of_high, "start", high_text)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
    if not body:
        return f'<p class="none">{_h(empty)}</p>'
    head = "".join(f"<th>{h}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _publication_html(content: ReportContent) -> str:
    """A public body's first question: which 個人情報ファイル must be published (本人の数 ≥
    the threshold, Act art. 75(2)(i), 74(2)(ix)). Empty for a business (profile private)."""
    pub = content.publication
    if pub is None:
        return ""
    to_publish, unsure = pub.count("要"), pub.count("要確認")
    rows = (
        [
            _td(f.name),
            _num(f.persons),
            f'<td><span class="verdict {"bad" if f.verdict != "不要" else "good"}">'
            f"{_h(f.verdict)}</span></td>",
            _num(f.datasets),
            _td(f.location, "path"),
        ]
        for f in pub.files
    )
    table = _table(
        (
            "個人情報ファイル / file",
            "本人の数 / persons",
            "公表 / publish",
            "データセット",
            "保管場所 / location",
        ),
        rows,
        "個人情報ファイルはありません / no personal-information file",
    )
    unsure_text = f"（要確認 {unsure:,}）" if unsure else ""
    return f"""<section id="publication">
<h2>個人情報ファイル簿の公表 <span class="en">publication of the 個人情報ファイル簿</span></h2>
<div class="big">{_n(to_publish)} <small>/ {_n(len(pub.files))} ファイル{unsure_text}</small></div>
<p>本人の数（重複を除いた人数。行数ではない）が {_n(pub.threshold)} 人以上の個人情報ファイルは
個人情報ファイル簿に掲載して公表します（個人情報保護法第75条第1項・第2項第1号、第74条第2項第9号）。
条例で全件公表の場合は [filebook] publish_threshold = 0。
<span class="en">files of {_n(pub.threshold)} or more distinct persons are listed in the
published 個人情報ファイル簿 (Act art. 75(1), 75(2)(i), 74(2)(ix));
<code>pi-scan export --format filebook</code> writes it.</span></p>
{table}
</section>
"""


def _td(text: object, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f"<td{klass}>{_h(text)}</td>"


def _num(value: int) -> str:
    return f'<td class="n">{_n(value)}</td>'


def _tags(d: Database) -> str:
    out = []
    for f in d.flags:
        red = f in ("risky_location", "world_readable", "my_number", "sensitive")
        out.append(f'<span class="tag{" red" if red else ""}">{_h(FLAG_NAMES_JA.get(f, f))}</span>')
    return "".join(out)


def _columns_html(d: Database) -> str:
    lines = []
    for label, item, samples in d.columns:
        shown = "、".join(samples)
        lines.append(
            f"{_h(label)}（{_h(item)}）"
            + (f': <span class="samples">{_h(shown)}</span>' if shown else "")
        )
    return "<br>".join(lines)


def _groups_table(groups: Sequence[Group], first: str) -> str:
    return _table(
        (
            first,
            "DB数",
            "記録件数の計",
            "本人の数の計<br><span class='en'>DB間の重複を含む / not deduplicated</span>",
        ),
        (
            [_td(g.label, "path"), _num(g.databases), _num(g.records), _num(g.individuals)]
            for g in groups
        ),
        "個人情報データベース等はありません / no personal-information database",
    )


def _db_row(d: Database) -> list[str]:
    excluded = ""
    if d.excluded and "declared_excluded" not in d.flags:
        excluded = "件数から除外"
    elif d.exclusion_candidate and "exclusion_candidate" not in d.flags:
        excluded = "除外候補"
    if d.declaration_reason:
        excluded += f"（{d.declaration_reason}）"
    return [
        _td(d.name),
        _td(location(d.root, d.path), "path"),
        _td("、".join(d.items)),
        _num(d.records),
        _num(d.individuals),
        f"<td>{_tags(d)}{_h(excluded)}</td>",
        _td(local_date(d.modified)),
        _td(d.owner),
        f"<td>{_h(d.rationale)}<br>{_columns_html(d)}</td>",
    ]


def render_html(content: ReportContent) -> str:
    h = content.headline
    verdict_cls = "bad" if h.exceeds else "good"
    verdict = (
        "閾値を超える / exceeds the threshold"
        if h.exceeds
        else "閾値を超えない / within the threshold"
    )
    peak = h.peak
    peak_text = (
        "直近6か月のスキャンはありません / no scan in the last six months"
        if peak is None
        else f"直近6か月の最大 / six-month peak: <b>{_n(peak.estimate)}</b> "
        f"（{_n(peak.low)}–{_n(peak.high)}、スキャン #{peak.scan_id}、"
        f"{_h(local_date(peak.finished))}）"
        + (" — 閾値を超える日がありました" if peak.estimate > peak.threshold else "")
    )
    peak_badge = (
        ' <div class="verdict bad">過去6か月に閾値を超えた日あり / exceeded on a day in the '
        "last six months</div>"
        if peak is not None and peak.estimate > peak.threshold and not h.exceeds
        else ""
    )
    stats = [
        ("ファイル", "files", h.files_scanned, False),
        ("データセット", "datasets", h.datasets, False),
        ("個人情報データベース等", "PI databases", h.pi_databases, False),
        ("うち件数に算入", "counted", h.pi_databases_counted, False),
        ("個人情報を含む", "with personal info", h.with_personal_info, False),
        ("読めない", "unreadable", h.unreadable, h.unreadable > 0),
        ("危険な場所のDB", "risky locations", len(content.risky), bool(content.risky)),
        (
            "全員が読めるDB",
            "world-readable",
            len(content.world_readable),
            bool(content.world_readable),
        ),
    ]
    stat_html = "".join(
        f'<div class="stat{" alert" if alert else ""}"><b>{_n(v)}</b>'
        f"<span>{_h(ja)} / {_h(en)}</span></div>"
        for ja, en, v, alert in stats
    )
    history_rows = (
        [
            _td(f"#{p.scan_id}"),
            _td(local_date(p.finished, with_time=True)),
            _num(p.estimate),
            _num(p.low),
            _num(p.high),
            _num(p.threshold),
            _num(p.pi_databases),
            _num(p.unreadable),
        ]
        for p in reversed(content.history)
    )
    unreadable_rows = (
        [
            _td(location(p.root, p.path), "path"),
            _td(p.dataset),
            _td(STATUS_NAMES_JA.get(p.status, p.status)),
            _td(p.reason),
        ]
        for p in content.unreadable
    )
    attention_headers = ("名称", "保管場所", "記録項目", "記録件数", "所有者", "注意")

    def attention(ds: Sequence[Database]) -> Iterable[list[str]]:
        return (
            [
                _td(d.name),
                _td(location(d.root, d.path), "path"),
                _td("、".join(d.items)),
                _num(d.records),
                _td(d.owner),
                f"<td>{_tags(d)}</td>",
            ]
            for d in ds
        )

    not_inspected = (
        "、".join(f"{_h(k)} {_n(v)}" for k, v in h.not_inspected.items()) or "なし / none"
    )
    none = "ありません / none"
    history_table = _table(
        ("スキャン", "日時 (JST)", "推計", "下限", "上限", "閾値", "DB数", "読めない"),
        history_rows,
        "履歴なし / no history",
    )
    risky_table = _table(attention_headers, attention(content.risky), none)
    world_table = _table(attention_headers, attention(content.world_readable), none)
    unreadable_table = _table(
        ("保管場所 / location", "シート・表", "状態 / status", "理由 / reason"),
        unreadable_rows,
        none,
    )
    databases_table = _table(
        (
            "名称",
            "保管場所",
            "記録項目",
            "記録件数",
            "本人の数",
            "注意",
            "最終更新日",
            "所有者",
            "判定理由と列（サンプルはマスク済み）",
        ),
        (_db_row(d) for d in content.databases),
        none,
    )
    prose_table = _table(
        ("保管場所 / location", "シート・表", "判定理由 / reason"),
        (
            [_td(location(p.root, p.path), "path"), _td(p.dataset), _td(p.reason)]
            for p in content.personal_info_not_database
        ),
        none,
    )
    confirm_table = _table(
        ("保管場所 / location", "シート・表", "確認が必要な理由 / why"),
        (
            [_td(location(p.root, p.path), "path"), _td(p.dataset), _td(p.reason)]
            for p in content.to_confirm
        ),
        none,
    )
    chart = history_svg(content.history, h.as_of)
    bullet = bullet_svg(h.estimate, h.low, h.high, h.threshold)
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>個人情報の棚卸し報告 — スキャン #{h.scan_id}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>個人情報の棚卸し報告 <span class="en">personal-information inventory report</span></h1>
<div class="meta">スキャン / scan #{h.scan_id} ·
{_h(local_date(h.finished, with_time=True))} (JST) ·
対象 / roots: {_h(", ".join(h.roots))} ·
作成 / generated {_h(local_date(content.generated, with_time=True))} (JST)</div>

{_publication_html(content)}
<section class="headline" id="figure">
<div class="figure">
<div>重複を除いた本人の数（推計） <span class="en">distinct individuals (estimate)</span></div>
<div class="big" id="estimate">{_n(h.estimate)} <small>人 / persons</small></div>
<div>範囲 / bounds: <b id="low">{_n(h.low)}</b> 〜 <b id="high">{_n(h.high)}</b>
　閾値 / threshold: <b id="threshold">{_n(h.threshold)}</b></div>
<div class="verdict {verdict_cls}">{verdict}</div>{peak_badge}
{bullet}
<div>{_h(h.uncertainty_ja)}<br><span class="en">{_h(h.uncertainty_en)}</span></div>
</div>
<div>
<div class="rule"><b>判断の根拠 / the rule</b><br>{_h(h.rule_ja)}<br>
<span class="en">{_h(h.rule_en)}</span></div>
<p>{peak_text}</p>
<p class="meta">下限 = もっともらしい重複をすべて統合、
上限 = 強いキー（学籍番号・生年月日・メール・電話）が一致するときだけ統合。
/ low merges every plausible duplicate, high merges only on strong keys.</p>
</div>
</section>
<div class="stats">{stat_html}</div>

<h2 id="history">推移 <span class="en">history</span></h2>
<div class="legend"><span><i class="sw" style="background:#1f4e79"></i>推計 / estimate</span>
<span><i class="sw" style="background:#cfe0f3"></i>下限〜上限 / low–high</span>
<span><i class="sw" style="border-top:2px dashed #b3261e;height:0"></i>閾値 / threshold</span>
<span><i class="sw" style="background:#f3f6e8"></i>直近6か月 / last six months</span></div>
{chart}
{history_table}

<h2 id="by-folder">フォルダ別 <span class="en">databases by folder</span></h2>
{_groups_table(content.by_folder, "フォルダ / folder")}

<h2 id="by-category">記録項目別 <span class="en">databases by category</span></h2>
{_groups_table(content.by_category, "記録項目 / item")}

<h2 id="risky">危険な場所にあるデータベース <span class="en">databases in risky locations
(personal folders, Downloads, removable media)</span></h2>
{risky_table}

<h2 id="world-readable">全員が読めるデータベース <span class="en">world-readable
databases</span></h2>
{world_table}

<h2 id="unreadable">読めなかったファイル <span class="en">files that could not be read</span></h2>
{unreadable_table}
<p class="meta">対象外の種類（拡張子別の件数） / not inspected, by extension: {not_inspected}</p>

<h2 id="confirm">確認してください <span class="en">please confirm: judgements pi-scan is
unsure of</span></h2>
<p class="meta">推計と上限に含め、下限には含めていません。設定の [[declarations]] に
is_database = true / false と reason を書くと、次回から申告どおりに扱います。
/ counted in the estimate and the high bound, not in the low bound; settle them in the config
([[declarations]] is_database = true / false, with a reason).</p>
{confirm_table}

<h2 id="databases">個人情報データベース等の一覧 <span class="en">personal-information
databases</span></h2>
{databases_table}

<h2 id="prose">個人情報を含むがデータベース等ではないもの <span class="en">personal
information outside databases</span></h2>
{prose_table}

<footer>pi-scan — この報告には生の個人情報は含まれません。サンプルはマスク済みです。
保管場所の一覧そのものが機微な情報です。取り扱いに注意してください。 / This report holds no
raw personal data (samples are masked); a list of where personal data lives is itself
sensitive.</footer>
</main>
</body>
</html>
"""


def write_html_report(content: ReportContent, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    tmp.write_text(render_html(content), encoding="utf-8")
    os.replace(tmp, target)
    return target
