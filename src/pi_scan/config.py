"""One immutable ScanConfig, read from a TOML file and overridden by CLI options.

Passed explicitly to every step (and to worker processes); there are no global settings.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


def _builtin_recognizers() -> Path:
    """The recognizers and dictionaries shipped with pi-scan: top-level ``recognizers/`` in a
    checkout (editable install), or ``<prefix>/share/pi-scan/recognizers`` from a wheel."""
    checkout = Path(__file__).resolve().parents[2] / "recognizers"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "pi-scan" / "recognizers"


BUILTIN_RECOGNIZERS = _builtin_recognizers()


class ConfigError(ValueError):
    """The configuration file or an option is wrong; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits so that no single file can exhaust time, memory or disk."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_archive_depth: int = 3
    max_archive_members: int = 2_000  # members read per file, nested archives included
    max_expanded_bytes: int = 1024 * 1024 * 1024  # total, per archive
    max_member_bytes: int = 256 * 1024 * 1024
    max_compression_ratio: int = 200
    max_rows: int = 2_000_000
    # a CSV / TSV larger than this is read in chunks of 50,000 records: columns are judged on
    # the first chunk, records and person keys counted over all of them
    stream_table_bytes: int = 32 * 1024 * 1024
    max_sheet_cells: int = 5_000_000  # rows × columns a sheet may span (checked before reading)
    max_tables: int = 1_000  # sheets of a workbook, tables of a document
    max_text_chars: int = 20_000_000
    max_pdf_pages: int = 2_000
    max_pdf_page_bytes: int = 1024 * 1024  # a page's decoded content (pypdf reads ~0.5 MB/s)
    max_folder_depth: int = 256  # folders below a root
    # wall time per file in a worker (0 = no limit): stops a parser that hangs, and leaves
    # room for a 200 MB workbook, whose sheets are read row by row (~2 minutes on one core)
    file_seconds: float = 300.0
    # address space per worker (0 = no limit): two workers and the parent fit in 4 GiB; a
    # 5,000,000-cell sheet laid out by calamine needs about 1.5 GiB; a streamed 1,000,000-row
    # CSV or 200 MB workbook stays under 1 GiB resident
    worker_memory_bytes: int = 2 * 1024 * 1024 * 1024
    # a worker whose resident memory has grown past this after a file is replaced (0 = never):
    # parsers' caches and fragmentation make a long-lived worker creep towards its limit
    worker_recycle_bytes: int = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Declaration:
    """A user's statement about datasets matched by ``path`` (a glob relative to the root)."""

    path: str
    exclude_from_count: bool = False
    reason: str = ""
    retention: str = ""  # e.g. "6か月以内に消去"
    note: str = ""


DEFAULT_RISKY_LOCATIONS: tuple[str, ...] = (
    "**/Downloads/**",
    "**/ダウンロード/**",
    "**/Desktop/**",
    "**/デスクトップ/**",
    "**/個人/**",
    "**/home/**",
    "**/Users/**",
    "**/USB*/**",
    "**/media/**",
)


def default_state_dir() -> Path:
    """Where the inventory database and the HMAC secret live unless configured.

    Outside the scanned share and outside the output folder, per user (XDG on Unix).
    """
    base = os.environ.get("PI_SCAN_HOME")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) / "pi-scan" if xdg else Path.home() / ".local" / "share" / "pi-scan"


@dataclass(frozen=True, slots=True)
class ScanConfig:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    include_hidden: bool = False
    follow_symlinks: bool = False
    limits: Limits = field(default_factory=Limits)
    threshold: int = 5000
    declarations: tuple[Declaration, ...] = ()
    risky_locations: tuple[str, ...] = DEFAULT_RISKY_LOCATIONS
    db_path: Path | None = None  # None: default_state_dir() / "inventory.sqlite"
    secret_path: Path | None = None  # None: default_state_dir() / "secret.key"
    recognizers_dir: Path | None = None  # extra YAML recognizers / dictionaries
    sample_size: int = 300
    seed: int = 0
    workers: int = 0  # 0: the number of cores; 1: still one worker process (isolation)
    in_process: bool = False  # run the per-file work in this process (tests, debugging)
    full: bool = False  # ignore what earlier scans recorded: re-read every file
    analyser: str = "pi_scan.analysis:FileAnalyser"  # module:callable building the per-file work
    dask_address: str | None = None  # send the per-file work to this Dask scheduler

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def resolved_db_path(self) -> Path:
        return self.db_path or default_state_dir() / "inventory.sqlite"

    def resolved_secret_path(self) -> Path:
        return self.secret_path or default_state_dir() / "secret.key"

    def with_overrides(self, **changes: Any) -> ScanConfig:
        clean = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **clean)


_TOP_KEYS = {
    "scan",
    "limits",
    "threshold",
    "declarations",
    "inventory",
    "risky_locations",
    "detect",
}


def load_config(path: Path | None) -> ScanConfig:
    """Read a TOML config. Unknown keys are errors: a typo must not silently do nothing."""
    if path is None:
        return ScanConfig()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"設定ファイルがありません / config file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"設定ファイルを読めません / invalid TOML in {path}: {exc}") from exc
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"unknown section(s) in {path}: {', '.join(sorted(unknown))}")
    base = Path(path).parent
    scan = _table(raw, "scan")
    limits = _table(raw, "limits")
    threshold = _table(raw, "threshold")
    inventory = _table(raw, "inventory")
    detect = _table(raw, "detect")
    try:
        lim = Limits(**limits)
    except TypeError as exc:
        raise ConfigError(f"[limits]: {exc}") from exc
    decls = []
    for item in raw.get("declarations", []):
        if not isinstance(item, dict) or "path" not in item:
            raise ConfigError('each [[declarations]] needs a path = "glob"')
        try:
            decls.append(Declaration(**item))
        except TypeError as exc:
            raise ConfigError(f"[[declarations]] {item.get('path')}: {exc}") from exc
    risky = raw.get("risky_locations", {})
    cfg = ScanConfig(
        include=tuple(scan.get("include", ())),
        exclude=tuple(scan.get("exclude", ())),
        include_hidden=bool(scan.get("include_hidden", False)),
        follow_symlinks=bool(scan.get("follow_symlinks", False)),
        limits=lim,
        threshold=int(threshold.get("persons", 5000)),
        declarations=tuple(decls),
        risky_locations=tuple(risky.get("paths", DEFAULT_RISKY_LOCATIONS)),
        db_path=_path(base, inventory.get("db")),
        secret_path=_path(base, inventory.get("secret")),
        recognizers_dir=_path(base, detect.get("recognizers_dir")),
        sample_size=int(detect.get("sample_size", 300)),
        workers=int(scan.get("workers", 0)),
    )
    if cfg.threshold < 0:
        raise ConfigError("[threshold] persons must be ≥ 0")
    return cfg


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"[{key}] must be a table")
    return value


def _path(base: Path, value: str | None) -> Path | None:
    if not value:
        return None
    p = Path(value).expanduser()
    return p if p.is_absolute() else (base / p)
