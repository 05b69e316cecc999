"""The HTML report: one self-contained file (inline CSS, inline SVG chart, no script, no
external resource), readable offline and printable. The style sheet is report.css (package
data, inlined); the charts are charts.py's; the page is made of one small function a section.

It shows the distinct-people figure against the threshold with its bounds and the rule it rests
on, its history, databases by folder and by category, unreadable files, risky locations and
world-readable files. Only what the inventory holds: paths, counts, masked samples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from pi_scan.report.content import (
    FLAG_NAMES_JA,
    STATUS_NAMES_JA,
    Database,
    Group,
    Problem,
    ReportContent,
    local_date,
    location,
)
from pi_scan.report.files import write_bytes_atomically
from pi_scan.report.views.charts import bullet_svg, history_svg
from pi_scan.report.views.markup import h as _h
from pi_scan.report.views.markup import n as _n


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


def _db_cells(d: Database) -> list[str]:
    """A database's first cells in every table of databases: name, location, items, records."""
    return [
        _td(d.name),
        _td(location(d.root, d.path), "path"),
        _td("、".join(d.items)),
        _num(d.records),
    ]


def _db_row(d: Database) -> list[str]:
    excluded = ""
    if d.excluded and "declared_excluded" not in d.flags:
        excluded = "件数から除外"
    elif d.exclusion_candidate and "exclusion_candidate" not in d.flags:
        excluded = "除外候補"
    if d.declaration_reason:
        excluded += f"（{d.declaration_reason}）"
    return [
        *_db_cells(d),
        _num(d.individuals),
        f"<td>{_tags(d)}{_h(excluded)}</td>",
        _td(local_date(d.modified)),
        _td(d.owner),
        f"<td>{_h(d.rationale)}<br>{_columns_html(d)}</td>",
    ]


_NONE = "ありません / none"
_STYLE = resources.files("pi_scan.report.views").joinpath("report.css")


def render_html(content: ReportContent) -> str:
    h = content.headline
    return "\n".join(
        [
            _page_head(content),
            _publication_html(content),
            _figure_html(content),
            _history_html(content),
            _section("by-folder", "フォルダ別", "databases by folder",
                     _groups_table(content.by_folder, "フォルダ / folder")),
            _section("by-category", "記録項目別", "databases by category",
                     _groups_table(content.by_category, "記録項目 / item")),
            _section("risky", "危険な場所にあるデータベース",
                     "databases in risky locations\n(personal folders, Downloads, removable media)",
                     _attention_table(content.risky)),
            _section("world-readable", "全員が読めるデータベース", "world-readable\ndatabases",
                     _attention_table(content.world_readable)),
            _section("unreadable", "読めなかったファイル", "files that could not be read",
                     _unreadable_table(content),
                     _not_inspected(h.not_inspected)),
            _section("confirm", "確認してください",
                     "please confirm: judgements pi-scan is\nunsure of",
                     _CONFIRM_NOTE,
                     _places_table("確認が必要な理由 / why", content.to_confirm)),
            _section("databases", "個人情報データベース等の一覧",
                     "personal-information\ndatabases",
                     _databases_table(content.databases)),
            _section("prose", "個人情報を含むがデータベース等ではないもの",
                     "personal\ninformation outside databases",
                     _places_table("判定理由 / reason", content.personal_info_not_database)),
            _FOOTER,
        ]
    )  # fmt: skip


def _section(anchor: str, title_ja: str, title_en: str, *body: str) -> str:
    return "\n".join(
        [f'<h2 id="{anchor}">{title_ja} <span class="en">{title_en}</span></h2>', *body, ""]
    )


def _page_head(content: ReportContent) -> str:
    h = content.headline
    css = _STYLE.read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>個人情報の棚卸し報告 — スキャン #{h.scan_id}</title>
<style>
{css}</style>
</head>
<body>
<main>
<h1>個人情報の棚卸し報告 <span class="en">personal-information inventory report</span></h1>
<div class="meta">スキャン / scan #{h.scan_id} ·
{_h(local_date(h.finished, with_time=True))} (JST) ·
対象 / roots: {_h(", ".join(h.roots))} ·
作成 / generated {_h(local_date(content.generated, with_time=True))} (JST)</div>
"""


def _figure_html(content: ReportContent) -> str:
    """The figure against the threshold, its bounds, the rule, the six-month peak, the counts."""
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
    bullet = bullet_svg(h.estimate, h.low, h.high, h.threshold)
    return f"""<section class="headline" id="figure">
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
<div class="stats">{_stats_html(content)}</div>
"""


def _stats_html(content: ReportContent) -> str:
    h = content.headline
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
    return "".join(
        f'<div class="stat{" alert" if alert else ""}"><b>{_n(v)}</b>'
        f"<span>{_h(ja)} / {_h(en)}</span></div>"
        for ja, en, v, alert in stats
    )


_LEGEND = """<div class="legend"><span><i class="sw" style="background:#1f4e79"></i>推計 / estimate</span>
<span><i class="sw" style="background:#cfe0f3"></i>下限〜上限 / low–high</span>
<span><i class="sw" style="border-top:2px dashed #b3261e;height:0"></i>閾値 / threshold</span>
<span><i class="sw" style="background:#f3f6e8"></i>直近6か月 / last six months</span></div>"""  # noqa: E501


def _history_html(content: ReportContent) -> str:
    rows = (
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
    table = _table(
        ("スキャン", "日時 (JST)", "推計", "下限", "上限", "閾値", "DB数", "読めない"),
        rows,
        "履歴なし / no history",
    )
    chart = history_svg(content.history, content.headline.as_of)
    return _section("history", "推移", "history", _LEGEND, chart, table)


def _attention_table(databases: Sequence[Database]) -> str:
    return _table(
        ("名称", "保管場所", "記録項目", "記録件数", "所有者", "注意"),
        ([*_db_cells(d), _td(d.owner), f"<td>{_tags(d)}</td>"] for d in databases),
        _NONE,
    )


def _unreadable_table(content: ReportContent) -> str:
    return _table(
        ("保管場所 / location", "シート・表", "状態 / status", "理由 / reason"),
        (
            [
                _td(location(p.root, p.path), "path"),
                _td(p.dataset),
                _td(STATUS_NAMES_JA.get(p.status, p.status)),
                _td(p.reason),
            ]
            for p in content.unreadable
        ),
        _NONE,
    )


def _not_inspected(counts: dict[str, int]) -> str:
    listed = "、".join(f"{_h(k)} {_n(v)}" for k, v in counts.items()) or "なし / none"
    return f'<p class="meta">対象外の種類（拡張子別の件数） / not inspected, by extension: {listed}</p>'  # noqa: E501


def _places_table(why: str, problems: Sequence[Problem]) -> str:
    return _table(
        ("保管場所 / location", "シート・表", why),
        ([_td(location(p.root, p.path), "path"), _td(p.dataset), _td(p.reason)] for p in problems),
        _NONE,
    )


def _databases_table(databases: Sequence[Database]) -> str:
    return _table(
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
        (_db_row(d) for d in databases),
        _NONE,
    )


_CONFIRM_NOTE = """<p class="meta">推計と上限に含め、下限には含めていません。設定の [[declarations]] に
is_database = true / false と reason を書くと、次回から申告どおりに扱います。
/ counted in the estimate and the high bound, not in the low bound; settle them in the config
([[declarations]] is_database = true / false, with a reason).</p>"""  # noqa: E501

_FOOTER = """<footer>pi-scan — この報告には生の個人情報は含まれません。サンプルはマスク済みです。
保管場所の一覧そのものが機微な情報です。取り扱いに注意してください。 / This report holds no
raw personal data (samples are masked); a list of where personal data lives is itself
sensitive.</footer>
</main>
</body>
</html>
"""


def write_html_report(content: ReportContent, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(target, render_html(content).encode("utf-8"))
    return target
