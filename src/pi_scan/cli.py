"""The ``pi-scan`` command. Thin: parse options, call the library, show the result.

Exit codes (documented in the README and in ``pi-scan --help``):
  0  completed (files that could not be read are listed in the inventory; still a completed scan)
  2  usage or configuration error
  3  completed, and the distinct-people estimate exceeds the threshold (only with
     ``--fail-on-threshold``, for scheduled jobs that alert)
  4  the scan could not run (no root readable, inventory or output not writable)
  130 interrupted
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from pi_scan import __version__
from pi_scan.config import ConfigError, ScanConfig, load_config
from pi_scan.inventory import Inventory, InventoryError
from pi_scan.people import SecretError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_THRESHOLD = 3
EXIT_FAILED = 4
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="pi-scan",
    help=(
        "個人情報の棚卸しツール — ファイルサーバ上の個人情報データベース等を見つけ、"
        "重複を除いた本人の数を推計します。\n\n"
        "Inventory of Japanese personal information in file shares: finds personal-information "
        "databases (個人情報データベース等), says why, and estimates distinct individuals.\n\n"
        "終了コード / exit codes: 0 完了 (読めないファイルがあっても完了) · 2 指定誤り · "
        "3 閾値超過 (--fail-on-threshold 指定時) · 4 実行不能 · 130 中断"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True)
out = Console()


def _version(value: bool) -> None:
    if value:
        out.print(f"pi-scan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="バージョンを表示 / show the version",
        ),
    ] = False,
) -> None:
    """pi-scan"""


class RichProgress:
    """Progress bar: files done / total and the file being read (paths are not personal data
    the administrator lacks: they chose the roots)."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]スキャン中 / scanning"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=console,
            transient=False,
        )
        self._task = None

    def start(self, total_files: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("scan", total=total_files, current="")

    def file_started(self, path: str) -> None:
        name = path if len(path) <= 60 else "…" + path[-59:]
        self._progress.update(self._task, current=name)

    def file_done(self, path: str) -> None:
        self._progress.advance(self._task)

    def finish(self) -> None:
        self._progress.update(self._task, current="")
        self._progress.stop()


def _build_config(config_file: Path | None, **overrides) -> ScanConfig:
    try:
        cfg = load_config(config_file)
    except ConfigError as exc:
        err.print(f"[red]設定エラー / configuration error:[/] {exc}")
        raise typer.Exit(EXIT_USAGE) from exc
    extra_include = overrides.pop("include", None) or ()
    extra_exclude = overrides.pop("exclude", None) or ()
    cfg = cfg.with_overrides(
        include=(*cfg.include, *extra_include) or None,
        exclude=(*cfg.exclude, *extra_exclude) or None,
        **overrides,
    )
    return cfg


ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="設定ファイル (TOML) / configuration file",
        exists=True,
        dir_okay=False,
    ),
]
DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="棚卸しデータベース (SQLite) の場所 / inventory database path "
        "[default: ~/.local/share/pi-scan/inventory.sqlite, or $PI_SCAN_HOME]",
    ),
]


@app.command()
def scan(
    roots: Annotated[
        list[Path],
        typer.Argument(
            help="スキャンするフォルダ (複数可) / folders to scan (one or more)", show_default=False
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="結果の出力先フォルダ / output folder (inventory.csv, findings.csv, summary.json)",
        ),
    ],
    config_file: ConfigOpt = None,
    db: DbOpt = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include", help="対象にするパス (glob, 複数可) / only paths matching this glob"
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude", help="除外するパス (glob, 複数可) / skip paths matching this glob"
        ),
    ] = None,
    include_hidden: Annotated[
        bool | None,
        typer.Option(
            "--include-hidden/--skip-hidden",
            help="隠しファイル (.で始まる) も読む / also read hidden files [default: skip]",
        ),
    ] = None,
    follow_symlinks: Annotated[
        bool | None,
        typer.Option(
            "--follow-symlinks/--no-follow-symlinks",
            help="ルート内を指すシンボリックリンクをたどる / follow symlinks inside the roots "
            "[default: no]",
        ),
    ] = None,
    threshold: Annotated[
        int | None,
        typer.Option(
            "--threshold", help="本人の数の閾値 / distinct-people threshold [default: 5000]"
        ),
    ] = None,
    fail_on_threshold: Annotated[
        bool,
        typer.Option(
            "--fail-on-threshold",
            help="推計値が閾値を超えたら終了コード3 / exit 3 when the "
            "estimate exceeds the threshold",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="進捗と要約を表示しない (定期実行向け) / no progress or summary "
            "(for scheduled jobs); errors still go to stderr",
        ),
    ] = False,
) -> None:
    """フォルダをスキャンして棚卸し結果を出力します / scan folders and write the inventory."""
    from pi_scan.pipeline import run_scan  # heavy imports only when scanning

    cfg = _build_config(
        config_file,
        include=include,
        exclude=exclude,
        include_hidden=include_hidden,
        follow_symlinks=follow_symlinks,
        threshold=threshold,
        db_path=db,
    )
    missing = [str(r) for r in roots if not r.exists()]
    if missing:
        err.print(f"[red]フォルダが見つかりません / root not found:[/] {', '.join(missing)}")
        raise typer.Exit(EXIT_FAILED)
    progress = None if quiet else RichProgress(err)
    try:
        outcome = run_scan(roots, cfg, output, progress=progress)
    except KeyboardInterrupt:
        err.print("[yellow]中断しました / interrupted[/]")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (InventoryError, SecretError, OSError) as exc:
        err.print(f"[red]実行できません / scan could not run:[/] {exc}")
        raise typer.Exit(EXIT_FAILED) from exc
    if not quiet:
        _print_summary(outcome.summary, outcome.outputs)
    if fail_on_threshold and outcome.summary["exceeds_threshold"]:
        raise typer.Exit(EXIT_THRESHOLD)


def _print_summary(summary: dict, outputs: dict[str, Path]) -> None:
    people = summary["distinct_individuals"]
    t = Table(title="pi-scan 結果 / summary", show_header=False)
    t.add_row("ファイル / files", f"{summary['files_scanned']:,}")
    t.add_row("データセット / datasets", f"{summary['datasets']:,}")
    t.add_row("個人情報データベース等 / PI databases", f"{summary['pi_databases']:,}")
    t.add_row("個人情報を含む / with personal info", f"{summary['datasets_with_personal_info']:,}")
    t.add_row("読めない / unreadable", f"{summary['unreadable']:,}")
    t.add_row(
        "本人の数 / distinct individuals",
        f"{people['estimate']:,} (範囲 / range {people['low']:,}–{people['high']:,})",
    )
    verdict = "超える / exceeds" if summary["exceeds_threshold"] else "超えない / within"
    t.add_row(f"閾値 / threshold {summary['threshold']:,}", verdict)
    not_inspected = summary.get("not_inspected_by_extension") or {}
    if not_inspected:
        t.add_row(
            "対象外の種類 / not inspected",
            ", ".join(f"{k} {v}" for k, v in not_inspected.items()),
        )
    out.print(t)
    for name, path in outputs.items():
        out.print(f"  {name}: {path}")


@app.command()
def report(
    config_file: ConfigOpt = None,
    db: DbOpt = None,
) -> None:
    """過去のスキャン履歴と直近6か月の最大値を表示 / show scan history and the six-month peak."""
    cfg = _build_config(config_file, db_path=db)
    path = cfg.resolved_db_path()
    if not path.exists():
        err.print(f"[red]棚卸しデータベースがありません / no inventory at[/] {path}")
        raise typer.Exit(EXIT_FAILED)
    try:
        with Inventory(path) as inv:
            scans = inv.scans()
            peak = inv.max_in_window()
    except InventoryError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(EXIT_FAILED) from exc
    t = Table(title=f"スキャン履歴 / scan history ({path})")
    for col in (
        "#",
        "終了 / finished",
        "推計 / estimate",
        "下限 / low",
        "上限 / high",
        "閾値 / threshold",
        "DB",
        "読めない / unreadable",
    ):
        t.add_column(col, justify="right")
    for s in scans:
        t.add_row(
            str(s.id),
            s.finished or "-",
            _n(s.estimate),
            _n(s.low),
            _n(s.high),
            _n(s.threshold),
            _n(s.pi_databases),
            _n(s.unreadable),
        )
    out.print(t)
    if peak is None:
        out.print("直近6か月のスキャンはありません / no scan in the last six months")
        return
    exceeds = (peak.estimate or 0) > peak.threshold
    out.print(
        f"直近6か月の最大 / six-month peak: [bold]{_n(peak.estimate)}[/] "
        f"(scan #{peak.id}, {peak.finished}); 閾値 {peak.threshold:,} を"
        f"{'超える / exceeds' if exceeds else '超えない / within'}"
    )


def _n(v: int | None) -> str:
    return "-" if v is None else f"{v:,}"


@app.command()
def inspect(
    file: Annotated[
        Path,
        typer.Argument(help="調べるファイル / the file to inspect", exists=True, dir_okay=False),
    ],
    config_file: ConfigOpt = None,
) -> None:
    """1つのファイルで何がなぜ見つかったかを表示 (マスク済み) / what was found in one file,
    per dataset and column, and why (samples masked)."""
    from pi_scan.classify import classify
    from pi_scan.detect import Detector
    from pi_scan.discover import discover
    from pi_scan.extract import extract_file
    from pi_scan.report import column_label_for, escape_path

    cfg = _build_config(config_file)
    found = discover([file], cfg)
    if not found.files:
        out.print("対象外の種類です / not an inspectable file type")
        return
    detector = Detector(cfg)
    for ref in found.files:
        for ds in extract_file(ref, cfg):
            title = escape_path(ds.display_path) + (f" [{escape_path(ds.name)}]" if ds.name else "")
            if ds.status.value != "ok":
                out.print(f"[bold]{title}[/]: {ds.status.value} — {ds.error}")
                continue
            findings = detector.detect(ds)
            decision = classify(ds, findings)
            out.print(f"[bold]{title}[/] ({ds.kind.value}, {findings.records:,} records)")
            out.print(f"  {decision.rationale}")
            if findings.columns:
                t = Table(show_header=True)
                for col in ("column", "entity", "role", "conf.", "hit", "evidence", "samples"):
                    t.add_column(col)
                for i, f in enumerate(findings.columns):
                    t.add_row(
                        column_label_for(f, i),
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
                    f"  {tf.entity.value}: {tf.count} — {tf.evidence} "
                    f"{', '.join(tf.masked_samples)}"
                )


def run() -> None:  # pragma: no cover - console entry for `python -m pi_scan`
    sys.exit(app())
