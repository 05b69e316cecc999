"""The HTML report's charts, as inline SVG (no script, no external resource): the history of the
figure against the threshold, and one bar of the latest figure's bounds."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

from pi_scan.model import HistoryPoint
from pi_scan.report.content import SIX_MONTHS_DAYS, local_date, parse_utc
from pi_scan.report.views.markup import h as _h
from pi_scan.report.views.markup import n as _n


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = max(span, 1) / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return max(m * power, 1)
    return 10 * power


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
    times = [parse_utc(p.finished) for p in points]
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
    as_of_t = parse_utc(as_of) if as_of else None
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
