"""The HTML report: self-contained, with the figure, bounds, rule and history; masked only.
The last test opens it in a real browser (headless Chromium) when one is installed."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_inventory import RAW_VALUES

from pi_scan.inventory import Inventory
from pi_scan.report.content import HistoryPoint, build_content
from pi_scan.report.views.html import bullet_svg, history_svg, render_html, write_html_report


def _html(inventory_path: Path) -> str:
    with Inventory(inventory_path) as inv:
        return render_html(build_content(inv))


class _Resources(HTMLParser):
    """Every attribute that makes a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "action", "poster") and value:
                self.fetches.append(f"{tag}.{name}={value}")


def test_self_contained(inventory_path: Path) -> None:
    html = _html(inventory_path)
    assert "http://" not in html and "https://" not in html
    parser = _Resources()
    parser.feed(html)
    assert parser.fetches == []
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "@import" not in html and "url(" not in html


def test_figure_bounds_threshold_rule(inventory_path: Path) -> None:
    html = _html(inventory_path)
    assert '<div class="big" id="estimate">4,811' in html
    assert '<b id="low">4,523</b>' in html and '<b id="high">5,127</b>' in html
    assert '<b id="threshold">5,000</b>' in html
    assert "閾値を超えない / within the threshold" in html
    assert "推計値は閾値以下だが、上限値は閾値を超える" in html  # which way the doubt points
    assert "個人情報の保護に関する法律施行令 第2条（テスト用の根拠）" in html
    assert "Cabinet Order art. 2 (test rule)" in html
    # six-month peak: the scan 60 days ago (5,200), not the one 250 days ago (6,100)
    assert "six-month peak: <b>5,200</b>" in html


def test_history_chart_has_every_scan(inventory_path: Path) -> None:
    html = _html(inventory_path)
    chart = html[html.index('<svg class="chart" viewBox="0 0 1000') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<circle") == 3
    assert "<polygon" in chart  # the low–high band
    assert 'stroke-dasharray="7 5"' in chart  # the threshold
    assert "6,100" in chart and "4,811" in chart
    assert "直近6か月" in chart


def test_sections(inventory_path: Path) -> None:
    html = _html(inventory_path)
    for anchor in ("by-folder", "by-category", "risky", "world-readable", "unreadable"):
        assert f'id="{anchor}"' in html
    risky = html[html.index('id="risky"') : html.index('id="world-readable"')]
    assert "Users/tanaka/Downloads/名簿のコピー.xlsx" in risky
    assert "教務/2024/名簿.xlsx" not in risky
    unreadable = html[html.index('id="unreadable"') : html.index('id="databases"')]
    assert "事務/給与.xlsx" in unreadable and "暗号化" in unreadable
    assert "事務/壊れた.xlsx" in unreadable and "BadZipFile" in unreadable
    by_category = html[html.index('id="by-category"') : html.index('id="risky"')]
    assert "保護者の氏名" in by_category and "成績" in by_category
    assert "/mnt/share/教務/2024" in html  # by folder
    prose = html[html.index('id="prose"') :]
    assert "教務/職員会議録.docx" in prose


def test_masked_samples_only(inventory_path: Path) -> None:
    html = _html(inventory_path)
    assert "山田 **" in html and "090-****-5678" in html
    assert not [v for v in RAW_VALUES if v in html]


def test_escapes_names(tmp_path: Path, inventory_path: Path) -> None:
    with Inventory(inventory_path) as inv:
        scan = inv.latest_scan()
        assert scan is not None
        inv.conn.execute(
            "UPDATE dataset_contents SET row_json = replace(row_json, '教務/統計.xlsx', "
            "'<img src=x onerror=alert(1)>.xlsx') WHERE id IN "
            "(SELECT content_id FROM scan_datasets WHERE scan_id = ?)",
            (scan.id,),
        )
        inv.conn.execute(
            "UPDATE dataset_contents SET row_json = replace(row_json, '事務/給与.xlsx', "
            "'<script>x</script>.xlsx') WHERE id IN "
            "(SELECT content_id FROM scan_datasets WHERE scan_id = ?)",
            (scan.id,),
        )
        inv.conn.commit()
        html = render_html(build_content(inv))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_empty_history_and_single_scan() -> None:
    assert "no history" in history_svg([])


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run_chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_renders_in_headless_chromium(inventory_path: Path, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium binary found (apt-get install chromium): browser check skipped")
    with Inventory(inventory_path) as inv:
        page = write_html_report(build_content(inv), tmp_path / "report.html")
    url = page.resolve().as_uri()
    shot = tmp_path / "report.png"
    done = _run_chromium(browser, tmp_path, "--window-size=1200,1800", f"--screenshot={shot}", url)
    assert shot.exists(), done.stderr[-2000:]
    width, height = _png_size(shot)
    assert (width, height) == (1200, 1800)
    assert shot.stat().st_size > 30_000  # a blank page compresses to a few kB
    # what the browser built from the file: the figure, the bounds and the chart are there
    dom = _run_chromium(browser, tmp_path, "--dump-dom", url).stdout
    assert 'id="estimate">4,811' in dom
    assert '<b id="low">4,523</b>' in dom and '<b id="high">5,127</b>' in dom
    assert dom.count("<circle") == 3


def _texts(svg: str) -> list[tuple[float, str, str]]:
    """(x, text-anchor, text) of every <text> of an SVG."""
    found = re.findall(r'<text x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg)
    return [(float(x), anchor, text) for x, anchor, text in found]


def test_bounds_labels_do_not_overlap_when_close() -> None:
    """12 and 19 against a threshold of 5,000 are 1 px apart: once drawn as "1219"."""
    labels = {t: (x, a) for x, a, t in _texts(bullet_svg(15, 12, 19, 5000))}
    (x_low, a_low), (x_high, a_high) = labels["12"], labels["19"]
    assert (a_low, a_high) == ("end", "start")
    assert x_low < x_high
    far = {t: a for _, a, t in _texts(bullet_svg(3000, 1000, 4000, 5000))}
    assert far["1,000"] == far["4,000"] == "middle"
    same = [t for _, _, t in _texts(bullet_svg(7, 7, 7, 5000))]
    assert same.count("7") == 1


def _point(scan_id: int, finished: str) -> HistoryPoint:
    return HistoryPoint(scan_id, finished, 100, 90, 110, 5000, 1, 0)


def test_history_axis_names_each_day_once() -> None:
    # three scans of one day (JST): times on the axis, the date once in its title
    one_day = [_point(i, f"2024-06-30T0{i}:00:00Z") for i in (1, 3, 5)]
    texts = [t for _, _, t in _texts(history_svg(one_day))]
    assert {"10:00", "12:00", "14:00"} <= set(texts)
    assert not any(t == "2024-06-30" for t in texts)
    assert any(t.startswith("2024-06-30 のスキャン時刻") for t in texts)
    # several scans a day over two days: each date at most once
    days = [
        _point(i, f"2024-06-{d}T{h}:00:00Z")
        for i, (d, h) in enumerate(
            [("01", "01"), ("01", "02"), ("01", "03"), ("20", "01"), ("20", "02")]
        )
    ]
    dates = [t for _, _, t in _texts(history_svg(days)) if t.startswith("2024-06-")]
    assert sorted(dates) == ["2024-06-01", "2024-06-20"]
