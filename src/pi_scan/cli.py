"""The ``pi-scan`` command. Thin: parse options, call the library, show the result.

Exit codes (documented in the README and in ``pi-scan --help``):
  0  completed (files that could not be read are listed in the inventory; still a completed scan)
  2  usage or configuration error
  3  completed, and the distinct-people estimate exceeds the threshold (only with
     ``--fail-on-threshold``, for scheduled jobs that alert)
  4  the scan could not run (no root readable, inventory or output not writable): found
     before any file is read, and nothing is recorded
  130 interrupted (Ctrl-C, SIGINT)
  143 terminated (SIGTERM: ``systemctl stop``, a shutdown)

Everything pi-scan writes is created readable by its owner only (files 0600, folders 0700).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from pi_scan import __version__
from pi_scan.config import ConfigError, ScanConfig, load_config
from pi_scan.report.outputs.ledger_format import LedgerFormat
from pi_scan.report.outputs.runlog import (
    LogProgress,
    RunLog,
    log_outcome,
    log_started,
)
from pi_scan.workers import WorkerStartError, start_workers_early, stop_helper_processes

# The rest (the inventory, the reports, the analysis) is imported by the command that needs it:
# a scan starts its workers' fork server first, which then imports the analysis stack while
# this process imports its own part (issue 17: the start of every scan), and --help is quick.

if TYPE_CHECKING:
    from pi_scan.progress import ScanTally

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_THRESHOLD = 3
EXIT_FAILED = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as a shell reports a process ended by it

HELP_OPTION_TEXT = "このヘルプを表示して終了 / show this help and exit"


def _polish_help(command: Any, ctx: Any) -> None:
    """What ``--help`` shows of a command: flags without a ``<bool>`` type after them (they
    take no value), and the help option in Japanese and English like every other option."""
    for param in command.params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    option = command.get_help_option(ctx)  # made once per command, then kept
    if option is not None:
        option.help = HELP_OPTION_TEXT
        option.metavar = ""


class _Group(TyperGroup):
    """pi-scan's command group: its own help and its commands' help polished."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _polish_help(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _polish_help(self, ctx)
        super().format_help(ctx, formatter)


app = typer.Typer(
    cls=_Group,
    name="pi-scan",
    help=(
        "個人情報の棚卸しツール — ファイルサーバ上の個人情報データベース等を見つけ、"
        "重複を除いた本人の数を推計します。\n\n"
        "Inventory of Japanese personal information in file shares: finds personal-information "
        "databases (個人情報データベース等), says why, and estimates distinct individuals.\n\n"
        "終了コード / exit codes: 0 完了 (読めないファイルがあっても完了) · 2 指定誤り · "
        "3 閾値超過 (--fail-on-threshold 指定時) · 4 実行不能 · 130 中断 · 143 終了要求 (SIGTERM)"
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


def _error(title: str, detail: object = "") -> None:
    """An error on stderr, ``title`` in red then ``detail``: plain text (a path or a config
    key in brackets is not markup), on one line whatever the terminal's width."""
    text = f"[red]{escape(title)}[/]" + (f" {escape(str(detail))}" if detail != "" else "")
    err.print(text, soft_wrap=True)


@contextlib.contextmanager
def _private_files() -> Iterator[None]:
    """What pi-scan creates meanwhile is readable by its owner only: files 0600, folders 0700
    (the outputs, reports, ledgers and the inventory are a map of where personal data lives)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


class Terminated(KeyboardInterrupt):
    """SIGTERM (systemd, a shutdown): stops the scan as Ctrl-C does, with exit code 143."""


@contextlib.contextmanager
def _sigterm_stops_the_scan() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` once (a second one while the scan stops is ignored),
    so the workers are stopped, what was committed is kept and the log says so."""

    def handler(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _non_negative(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise typer.BadParameter(
            f"負の値は使えません: {value} (0 以上の整数が必要) / {value}: expected an integer ≥ 0"
        )
    return value


def _positive(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(
            f"1 以上の整数が必要です: {value} / {value}: expected an integer ≥ 1"
        )
    return value


class FanOut:
    """Progress to several places (the console bar, the run log)."""

    def __init__(self, sinks: list) -> None:
        self._sinks = sinks

    def start(self, tally: ScanTally) -> None:
        for sink in self._sinks:
            sink.start(tally)

    def file_done(self, tally: ScanTally, path: str) -> None:
        for sink in self._sinks:
            sink.file_done(tally, path)

    def finish(self, tally: ScanTally) -> None:
        for sink in self._sinks:
            sink.finish(tally)


def _build_config(config_file: Path | None, **overrides) -> ScanConfig:
    try:
        cfg = load_config(config_file)
    except ConfigError as exc:
        _error("設定エラー / configuration error:", exc)
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
ScanOpt = Annotated[
    int | None,
    typer.Option("--scan", help="スキャン番号 / scan id [default: the latest]", callback=_positive),
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
            "--threshold",
            help="本人の数の閾値 / distinct-people threshold [default: 5000]",
            callback=_non_negative,
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
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            help="並列に読むプロセス数 / worker processes reading files in parallel "
            "[default: the number of cores]",
            callback=_positive,
        ),
    ] = None,
    ocr: Annotated[
        bool | None,
        typer.Option(
            "--ocr/--no-ocr",
            help="画像とスキャンPDFをOCRで読む / read images and scanned PDFs by OCR "
            "[default: on; --no-ocr lists them as skipped]",
        ),
    ] = None,
    full: Annotated[
        bool | None,
        typer.Option(
            "--full",
            help="前回の結果を使わず全ファイルを読み直す / re-read every file, ignoring what "
            "earlier scans recorded [default: only new and changed files are read]",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Dask分散クラスタで読む (例 tcp://10.0.0.5:8786) / read files on a Dask "
            "cluster whose workers see the share at the same path",
        ),
    ] = None,
    log_file: Annotated[
        Path | None,
        typer.Option(
            "--log-file",
            help="ログを追記するファイル / append a log to this file (start, unreadable "
            "files, finish with the figures; never raw personal data)",
            dir_okay=False,
        ),
    ] = None,
    log_json: Annotated[
        bool,
        typer.Option(
            "--log-json",
            help="ログを1行1件のJSONで出力 (--log-file がなければ標準エラー) / log as JSON "
            "lines (to stderr without --log-file)",
        ),
    ] = False,
) -> None:
    """フォルダをスキャンして棚卸し結果を出力します / scan folders and write the inventory."""
    with _private_files(), _sigterm_stops_the_scan():
        code = _logged_scan(
            roots,
            output,
            log_file,
            log_json,
            config_file=config_file,
            quiet=quiet,
            fail_on_threshold=fail_on_threshold,
            include=include,
            exclude=exclude,
            include_hidden=include_hidden,
            follow_symlinks=follow_symlinks,
            threshold=threshold,
            db_path=db,
            workers=workers,
            full=full,
            ocr=ocr,
            dask_address=dask,
        )
    if code:
        raise typer.Exit(code)


def _logged_scan(
    roots: list[Path], output: Path, log_file: Path | None, log_json: bool, **options
) -> int:
    try:
        log = RunLog.open(log_file, log_json)
    except OSError as exc:
        _error("ログを書けません / cannot write the log:", f"{log_file} ({type(exc).__name__})")
        return EXIT_FAILED
    except Terminated:
        return EXIT_TERMINATED
    with log:
        try:
            return _scan(roots, output, log, **options)
        except Terminated:  # before or after the reading (run_scan handles the rest)
            _error("終了要求で中断しました / terminated (SIGTERM)")
            log.event("scan_interrupted", level="error", signal="SIGTERM", exit_code=143)
            return EXIT_TERMINATED
        finally:
            # no process of the scan is left behind (fork server, resource tracker)
            with contextlib.suppress(Exception, KeyboardInterrupt):
                stop_helper_processes()


def _scan(
    roots: list[Path],
    output: Path,
    log: RunLog,
    *,
    config_file: Path | None,
    quiet: bool,
    fail_on_threshold: bool,
    **overrides,
) -> int:
    try:
        cfg = _build_config(config_file, **overrides)
    except typer.Exit as exc:
        log.event("scan_failed", level="error", reason="configuration error", exit_code=EXIT_USAGE)
        raise exc
    if all(r.exists() for r in roots):
        start_workers_early(cfg, roots)
    from pi_scan.inventory import InventoryError
    from pi_scan.people import SecretError
    from pi_scan.pipeline import run_scan
    from pi_scan.preflight import CannotRun
    from pi_scan.report.views.terminal import RichProgress, print_summary

    log_started(log, roots, cfg.resolved_db_path(), output, cfg.threshold)
    missing = [str(r) for r in roots if not r.exists()]
    if missing:
        _error("フォルダが見つかりません / root not found:", ", ".join(missing))
        log.event(
            "scan_failed",
            level="error",
            reason="root not found",
            roots=missing,
            exit_code=EXIT_FAILED,
        )
        return EXIT_FAILED
    bar = [] if quiet else [RichProgress(err)]
    progress = FanOut([*bar, LogProgress(log)] if log.enabled else bar)
    began = time.monotonic()
    try:
        outcome = run_scan(roots, cfg, output, progress=progress)
    except KeyboardInterrupt as exc:
        for shown in bar:
            shown.stop()
        terminated = isinstance(exc, Terminated)
        code = EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
        if terminated:
            err.print("[yellow]終了要求で中断しました / terminated (SIGTERM)[/]")
        else:
            err.print("[yellow]中断しました / interrupted[/]")
        log.event(
            "scan_interrupted",
            level="error",
            signal="SIGTERM" if terminated else "SIGINT",
            exit_code=code,
        )
        return code
    except CannotRun as exc:  # found before any file was read: nothing recorded
        for shown in bar:
            shown.stop()
        _error("実行できません / scan could not run:", exc)
        log.event(
            "scan_failed",
            level="error",
            reason="cannot write",
            detail=str(exc),
            exit_code=EXIT_FAILED,
        )
        return EXIT_FAILED
    except (InventoryError, SecretError, WorkerStartError, OSError) as exc:
        for shown in bar:
            shown.stop()
        detail = str(exc)
        if isinstance(exc, OSError):  # plain words, not "[Errno 13] …"
            detail = f"{exc.strerror or type(exc).__name__}" + (
                f" ({exc.filename})" if exc.filename else ""
            )
        _error("実行できません / scan could not run:", detail)
        log.event(
            "scan_failed",
            level="error",
            reason=type(exc).__name__,
            detail=detail,
            exit_code=EXIT_FAILED,
        )
        return EXIT_FAILED
    code = EXIT_OK
    if fail_on_threshold and outcome.summary.exceeds_threshold:
        code = EXIT_THRESHOLD
    log_outcome(log, outcome.summary, outcome.rows, outcome.outputs, code, time.monotonic() - began)
    if not quiet:
        print_summary(out, outcome.summary, outcome.outputs)
    return code


@app.command()
def report(
    config_file: ConfigOpt = None,
    db: DbOpt = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="HTML報告書を書く (1ファイル、オフラインで開ける) / write the HTML report "
            "(one self-contained file)",
            dir_okay=False,
        ),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Excel報告書を書く / write the Excel report", dir_okay=False),
    ] = None,
    scan_id: ScanOpt = None,
) -> None:
    """本人の数と閾値、履歴、要注意箇所を表示・報告書出力 / the figure against the threshold,
    history and what needs attention; optionally as HTML / Excel reports."""
    with _private_files():
        _report(config_file, db, html, xlsx, scan_id)


def _report(
    config_file: Path | None,
    db: Path | None,
    html: Path | None,
    xlsx: Path | None,
    scan_id: int | None,
) -> None:
    from pi_scan.inventory import Inventory, InventoryError
    from pi_scan.report.content import ReportError, build_content
    from pi_scan.report.outputs.filebook import FilebookSettings, with_profile
    from pi_scan.report.views.html import write_html_report
    from pi_scan.report.views.terminal import print_report
    from pi_scan.report.views.xlsx_report import write_xlsx_report

    cfg = _build_config(config_file, db_path=db)
    path = _existing_db(config_file, db)
    try:
        with Inventory(path) as inv:
            content = build_content(inv, scan_id)
            content = with_profile(content, inv, cfg.profile, FilebookSettings.of(cfg))
    except (InventoryError, ReportError) as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    print_report(out, content, path)
    try:
        if html is not None:
            out.print(f"  HTML: {write_html_report(content, html)}")
        if xlsx is not None:
            out.print(f"  Excel: {write_xlsx_report(content, xlsx)}")
    except OSError as exc:
        _error("報告書を書けません / cannot write the report:", exc)
        raise typer.Exit(EXIT_FAILED) from exc


def _existing_db(config_file: Path | None, db: Path | None) -> Path:
    cfg = _build_config(config_file, db_path=db)
    path = cfg.resolved_db_path()
    if not path.exists():
        _error("棚卸しデータベースがありません / no inventory at", path)
        raise typer.Exit(EXIT_FAILED)
    return path


@app.command()
def export(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="出力ファイル / output file", dir_okay=False),
    ],
    fmt: Annotated[
        LedgerFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="registry = 個人情報管理台帳 CSV (UTF-8 BOM) · filebook = 個人情報ファイル簿 "
            "(公的機関; CSV/xlsx/JSON from the extension) · csv · json · xlsx / the ledger as "
            "CSV, JSON or workbook [default: the ledger of [ledger] profile (private: "
            "registry, public: filebook), the file type from the output's extension]",
            case_sensitive=False,
        ),
    ] = None,
    merge: Annotated[
        Path | None,
        typer.Option(
            "--merge",
            "-m",
            help="前回の台帳 (CSV/xlsx/JSON): 記入内容を引き継ぎ、消えたDBは 状態=消失 で残す / "
            "previous ledger: keep what people wrote, mark datasets that disappeared",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    config_file: ConfigOpt = None,
    db: DbOpt = None,
    scan_id: ScanOpt = None,
) -> None:
    """個人情報データベース等の台帳を出力 / export the ledger of personal-information databases
    (one row per database, Japanese headers, columns for people to fill); 公的機関は
    個人情報ファイル簿 (--format filebook, or [ledger] profile = "public")."""
    from pi_scan.inventory import Inventory, InventoryError
    from pi_scan.report.content import ReportError
    from pi_scan.report.outputs.filebook import FilebookExport, FilebookSettings, export_filebook
    from pi_scan.report.outputs.ledger import ExportResult, LedgerError, export_ledger

    cfg = _build_config(config_file, db_path=db)
    path = _existing_db(config_file, db)
    filebook = fmt is LedgerFormat.FILEBOOK or (
        fmt is not LedgerFormat.REGISTRY and cfg.profile == "public"
    )
    result: ExportResult
    try:
        with _private_files(), Inventory(path) as inv:
            if filebook:
                settings = FilebookSettings.of(cfg)
                kind = None if fmt is LedgerFormat.FILEBOOK else fmt
                result = export_filebook(inv, output, settings, kind, merge, scan_id)
            else:
                result = export_ledger(inv, output, fmt, merge=merge, scan_id=scan_id)
    except LedgerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
    except (InventoryError, ReportError, OSError) as exc:
        _error("台帳を書けません / cannot export:", exc)
        raise typer.Exit(EXIT_FAILED) from exc
    title = "個人情報ファイル簿 / filebook" if filebook else "台帳 / ledger"
    out.print(
        f"{title}: {result.path} ({result.format.value}, scan #{result.scan_id}): "
        f"{result.rows:,} 行 / rows"
        + (
            f" — 継続 / kept {result.kept:,}, 新規 / new {result.new:,}, "
            f"消失 / gone {result.gone:,}"
            if merge is not None
            else ""
        )
    )
    if isinstance(result, FilebookExport):
        out.print(
            f"  公表が必要 / to publish (本人の数 ≥ {cfg.publish_threshold:,}): "
            f"{result.to_publish:,}"
            + (f" · 要確認 / to check {result.unsure:,}" if result.unsure else "")
            + (f" · [[files]] に統合 / grouped {result.folded:,}" if result.folded else "")
        )
    if result.backup is not None:
        out.print(f"  前の台帳の控え / previous ledger kept as {result.backup}")


@app.command()
def inspect(
    file: Annotated[
        Path,
        typer.Argument(help="調べるファイル / the file to inspect", exists=True, dir_okay=False),
    ],
    config_file: ConfigOpt = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="1つのJSON文書で出力 (マスク済み) / print one JSON document (masked): datasets, "
            "decision, rationale, judgement, columns and text findings",
        ),
    ] = False,
) -> None:
    """1つのファイルで何がなぜ見つかったかを表示 (マスク済み) / what was found in one file,
    per dataset and column, and why (samples masked)."""
    from pi_scan.api import inspect_file, inspection_document
    from pi_scan.report.views.terminal import print_inspection

    cfg = _build_config(config_file)
    # the per-file work of a scan, without person keys: inspecting needs (and creates) no secret
    results = inspect_file(file, cfg)
    if as_json:
        document = json.dumps(inspection_document(file, results), ensure_ascii=False, indent=2)
        sys.stdout.flush()
        sys.stdout.buffer.write(document.encode("utf-8") + b"\n")  # UTF-8 whatever the locale
        sys.stdout.buffer.flush()
        return
    if results is None:
        out.print("対象外の種類です / not an inspectable file type")
        return
    print_inspection(out, results)


@app.command()
def detect(
    file: Annotated[
        str,
        typer.Argument(
            help="テキストファイル (1行=1入力), - または省略で標準入力 / a text file, one input "
            "per line; - or none: standard input",
        ),
    ] = "-",
    entities: Annotated[
        str | None,
        typer.Option(
            "--entities",
            "-e",
            help="探す項目 (カンマ区切り) / entities to look for, comma-separated: PERSON, "
            "PHONE_NUMBER, ADDRESS, EMAIL_ADDRESS, DATE_OF_BIRTH, MY_NUMBER … "
            "[default: all]",
        ),
    ] = None,
    spans: Annotated[
        bool,
        typer.Option(
            "--spans",
            help="[start, end] の一覧だけを出力 / print only [start, end] character spans",
        ),
    ] = False,
    config_file: ConfigOpt = None,
) -> None:
    """テキストの個人情報の位置を1行ごとにJSONで出力 / for each input line, one JSON line: the
    personal information found in it, as {entity, start, end, score} objects (or [start, end]
    spans with --spans). Offsets are characters of the line without its newline; nothing but
    these lines is written to stdout, and no value is ever printed."""
    from pi_scan.api import UnknownEntityError, detect_text, parse_entities

    try:
        wanted = parse_entities(entities)
    except UnknownEntityError as exc:
        _error("項目名の誤り / unknown entity:", exc)
        raise typer.Exit(EXIT_USAGE) from exc
    if file != "-" and not Path(file).is_file():
        _error("ファイルがありません / no such file:", file)
        raise typer.Exit(EXIT_USAGE)
    cfg = _build_config(config_file)
    with contextlib.ExitStack() as stack:
        # bytes split on "\n" only (a lone "\r" stays in its line), then decoded; offsets
        # count the decoded line's characters (an undecodable sequence is one U+FFFD)
        lines = sys.stdin.buffer if file == "-" else stack.enter_context(open(file, "rb"))
        for number, raw in enumerate(lines):
            line = raw.decode("utf-8", errors="replace").removesuffix("\n").removesuffix("\r")
            if number == 0:
                line = line.removeprefix("\ufeff")
            found = detect_text(line, entities=wanted, config=cfg)
            if spans:
                row: list = [[s.start, s.end] for s in found]
            else:
                row = [
                    {"entity": s.entity.value, "start": s.start, "end": s.end, "score": s.score}
                    for s in found
                ]
            sys.stdout.write(json.dumps(row) + "\n")
            sys.stdout.flush()


def run() -> None:  # pragma: no cover - console entry for `python -m pi_scan`
    sys.exit(app())
