"""One immutable ScanConfig, read from a TOML file and overridden by CLI options.

Passed explicitly to every step (and to worker processes); there are no global settings.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
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
# What that folder holds (recognizers/README.md). Without them every table would be judged
# without its header words, dictionaries and patterns: a wrong inventory, and no error.
BUILTIN_FILES = (
    "headers.yaml",
    "jp_recognizers.yaml",
    "sensitive.yaml",
    "surnames.txt",
    "titles.txt",
    "foreign_names.txt",
    "prose_names_model.json",
)


def builtin_recognizers() -> Path:
    """:data:`BUILTIN_RECOGNIZERS`, checked: an installation that lost them cannot scan."""
    missing = [name for name in BUILTIN_FILES if not (BUILTIN_RECOGNIZERS / name).is_file()]
    if missing:
        raise FileNotFoundError(
            errno.ENOENT,
            f"pi-scan's built-in recognizers are missing ({', '.join(missing)}): reinstall pi-scan",
            str(BUILTIN_RECOGNIZERS),
        )
    return BUILTIN_RECOGNIZERS


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
    # images and PDF pages without a text layer, read by OCR (pi_scan.extract.ocr):
    # pixels of one image or page (checked from its header, before decoding: a decompression
    # bomb is refused), pages of one TIFF / image-only PDF, OCR seconds per file
    max_image_pixels: int = 64_000_000
    max_image_pages: int = 100
    ocr_seconds: float = 150.0


@dataclass(frozen=True, slots=True)
class Declaration:
    """A user's statement about datasets matched by ``path`` (a glob relative to the root)."""

    path: str
    exclude_from_count: bool = False
    reason: str = ""
    retention: str = ""  # e.g. "6か月以内に消去"
    note: str = ""
    # the officer's settled database judgement: True forces a dataset in, False (with a
    # reason) takes it out; None (absent) leaves it to pi-scan
    is_database: bool | None = None


@dataclass(frozen=True, slots=True)
class FileGroup:
    """Datasets the officer declares to be one 個人情報ファイル (public sector: the same roster
    split over several sheets, years or files), listed as one row of the 個人情報ファイル簿."""

    name: str  # 個人情報ファイルの名称, e.g. "学齢簿"
    paths: tuple[str, ...]  # globs relative to the root, as in [[declarations]]
    organisation: str = ""  # 事務をつかさどる組織の名称 (pre-filled in the filebook)


PROFILES = ("private", "public")


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
    # images and PDF pages without a text layer read by OCR ([scan] ocr, --no-ocr); per-file
    # results depend on it (pi_scan.cache_key)
    ocr: bool = True
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
    # which ledger `export` writes by default and which rule the report shows first:
    # "private" (個人情報管理台帳, distinct people across all databases) or "public"
    # (個人情報ファイル簿, the 1,000-person publication test per file)
    profile: str = "private"
    organisation_name: str = ""  # [organisation] name: 行政機関等の名称
    disclosure_office: str = ""  # [organisation] disclosure_office: 開示請求等を受理する組織
    publish_threshold: int = 1000  # [filebook] publish_threshold (0: publish every file)
    files: tuple[FileGroup, ...] = ()  # [[files]]

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    def resolved_db_path(self) -> Path:
        return self.db_path or default_state_dir() / "inventory.sqlite"

    def resolved_secret_path(self) -> Path:
        return self.secret_path or default_state_dir() / "secret.key"

    def with_overrides(self, **changes: Any) -> ScanConfig:
        clean = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **clean)


# ---------------------------------------------------------------- the config file's schema
#
# Every key of every section, with what its value must be. Unknown sections and keys are errors
# (a typo must never silently do nothing), and so is a value of the wrong type or range: a string
# where a list is expected once excluded every file and the nightly summary said 0 people.
# ``[limits]`` and ``[[declarations]]`` take their keys and types from the dataclasses.

_STR = "str"  # a string
_PATH = "path"  # a non-empty string, relative to the config file's folder
_BOOL = "bool"
_OPT_BOOL = "bool?"  # a boolean; absent means "not declared"
_INT0 = "int>=0"
_INT1 = "int>=1"
_NUM0 = "num>=0"
_GLOBS = "list[str]"
_NONEMPTY = "str!"  # a non-empty string
_NONEMPTY_GLOBS = "list[str]!"  # a non-empty list of non-empty strings
_PROFILE = "profile"  # one of PROFILES

_EXPECTED: dict[str, tuple[str, str]] = {  # kind -> (Japanese, English) description
    _STR: ("文字列", "a string"),
    _PATH: ("空でない文字列のパス", "a non-empty path string"),
    _BOOL: ("true または false の値", "true or false"),
    _OPT_BOOL: ("true または false の値", "true or false"),
    _INT0: ("0 以上の整数", "an integer ≥ 0"),
    _INT1: ("1 以上の整数", "an integer ≥ 1"),
    _NUM0: ("0 以上の数", "a number ≥ 0"),
    _GLOBS: ('["*.tmp"] のような文字列のリスト', 'a list of strings (e.g. ["*.tmp"])'),
    _NONEMPTY: ("空でない文字列", "a non-empty string"),
    _NONEMPTY_GLOBS: (
        '["学校教育課/学齢簿/**"] のような空でない文字列のリスト',
        'a non-empty list of non-empty strings (e.g. ["学校教育課/学齢簿/**"])',
    ),
    _PROFILE: ('"public" または "private"', '"public" or "private"'),
}


def _kind_of_field(annotation: Any) -> str:
    text = str(annotation).replace(" ", "")
    return {
        "int": _INT0,
        "float": _NUM0,
        "str": _STR,
        "bool": _BOOL,
        "bool|None": _OPT_BOOL,
    }[text]


def _dataclass_schema(cls: type) -> dict[str, str]:
    return {f.name: _kind_of_field(f.type) for f in fields(cls)}


_SECTIONS: dict[str, dict[str, str]] = {
    "scan": {
        "include": _GLOBS,
        "exclude": _GLOBS,
        "include_hidden": _BOOL,
        "follow_symlinks": _BOOL,
        "workers": _INT0,
        "ocr": _BOOL,
    },
    "limits": _dataclass_schema(Limits),
    "threshold": {"persons": _INT0},
    "inventory": {"db": _PATH, "secret": _PATH},
    "risky_locations": {"paths": _GLOBS},
    "detect": {"recognizers_dir": _PATH, "sample_size": _INT1},
    "ledger": {"profile": _PROFILE},
    "organisation": {"name": _STR, "disclosure_office": _STR},
    "filebook": {"publish_threshold": _INT0},
}
_DECLARATION = {**_dataclass_schema(Declaration), "path": _PATH}
_FILE_GROUP = {"name": _NONEMPTY, "paths": _NONEMPTY_GLOBS, "organisation": _STR}
_TOP_KEYS = {*_SECTIONS, "declarations", "files"}


def _valid(value: Any, kind: str) -> bool:
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if kind == _STR:
        return isinstance(value, str)
    if kind == _PATH:
        return isinstance(value, str) and bool(value.strip())
    if kind in (_BOOL, _OPT_BOOL):
        return isinstance(value, bool)
    if kind == _INT0:
        return is_int and value >= 0
    if kind == _INT1:
        return is_int and value >= 1
    if kind == _NUM0:
        return (is_int or isinstance(value, float)) and value >= 0 and value == value  # not NaN
    if kind == _GLOBS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == _NONEMPTY:
        return isinstance(value, str) and bool(value.strip())
    if kind == _NONEMPTY_GLOBS:
        return (
            isinstance(value, list)
            and bool(value)
            and all(isinstance(v, str) and v.strip() for v in value)
        )
    if kind == _PROFILE:
        return value in PROFILES
    raise AssertionError(kind)


def _shown(value: Any) -> str:
    """The value as it was written (TOML-like), cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = str(value)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value)) if abs(value) < 1e15 else text
    return text if len(text) <= 60 else text[:57] + "…"


class _Checker:
    """Checks one config file's tables against the schema; messages name the file and key."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)

    def unknown(self, where: str, keys: set[str], known: Sequence[str]) -> None:
        if not keys:
            return
        key = sorted(keys)[0]
        near = difflib.get_close_matches(key, known, n=1)
        hint_ja = f" (もしかして {near[0]}?)" if near else ""
        hint_en = f"; did you mean {near[0]}?" if near else ""
        listed = ", ".join(known)
        if where:
            raise ConfigError(
                f"設定ファイル {self.file} の {where} に不明なキー {key} があります{hint_ja} / "
                f"{self.file}: unknown key {key} in {where}{hint_en} (known keys: {listed})"
            )
        raise ConfigError(
            f"設定ファイル {self.file} に不明なセクション [{key}] があります{hint_ja} / "
            f"{self.file}: unknown section [{key}]{hint_en} (known sections: {listed})"
        )

    def wrong(self, where: str, key: str, value: Any, kind: str) -> ConfigError:
        ja, en = _EXPECTED[kind]
        shown = _shown(value)
        return ConfigError(
            f"設定ファイル {self.file} の {where} {key} が不正です: {shown} ({ja}が必要) / "
            f"{self.file}: {where} {key} = {shown}: expected {en}"
        )

    def table(self, raw: dict[str, Any], section: str) -> dict[str, Any]:
        value = raw.get(section, {})
        if not isinstance(value, dict):
            raise ConfigError(
                f"設定ファイル {self.file} の {section} は [{section}] の表でなければなりません / "
                f"{self.file}: {section} must be a table ([{section}])"
            )
        return self.keys(value, f"[{section}]", _SECTIONS[section])

    def keys(self, table: dict[str, Any], where: str, schema: dict[str, str]) -> dict[str, Any]:
        self.unknown(where, set(table) - set(schema), list(schema))
        for key, value in table.items():
            if not _valid(value, schema[key]):
                raise self.wrong(where, key, value, schema[key])
        return table

    def declarations(self, raw: dict[str, Any]) -> list[dict[str, Any]]:
        return self.array(raw, "declarations", _DECLARATION, {"path": '"glob"'})

    def files(self, raw: dict[str, Any]) -> list[dict[str, Any]]:
        items = self.array(raw, "files", _FILE_GROUP, {"name": '"学齢簿"', "paths": '["glob"]'})
        seen: set[str] = set()
        for n, item in enumerate(items, start=1):
            name = item["name"].strip()
            if name in seen:
                raise ConfigError(
                    f"設定ファイル {self.file} の [[files]] #{n} の name {_shown(name)} は"
                    f"重複しています / {self.file}: [[files]] #{n} name = {_shown(name)} is "
                    "used twice: each 個人情報ファイル needs a name of its own"
                )
            seen.add(name)
        return items

    def array(
        self, raw: dict[str, Any], name: str, schema: dict[str, str], required: dict[str, str]
    ) -> list[dict[str, Any]]:
        items = raw.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ConfigError(
                f"設定ファイル {self.file} の {name} は [[{name}]] の表の並びで"
                f"なければなりません / {self.file}: {name} must be [[{name}]] tables"
            )
        out = []
        for n, item in enumerate(items, start=1):
            where = f"[[{name}]] #{n}"
            for key, example in required.items():
                if key not in item:
                    raise ConfigError(
                        f"設定ファイル {self.file} の {where} に {key} がありません / "
                        f"{self.file}: {where} needs {key} = {example}"
                    )
            out.append(self.keys(item, where, schema))
        return out


def load_config(path: Path | None) -> ScanConfig:
    """Read a TOML config. Unknown sections and keys, and values of the wrong type or range, are
    errors (:class:`ConfigError`, in Japanese and English, naming the file and the key): a typo
    must not silently do nothing."""
    if path is None:
        return ScanConfig()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"設定ファイルがありません / config file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"設定ファイルを読めません / invalid TOML in {path}: {exc}") from exc
    except OSError as exc:
        raise ConfigError(
            f"設定ファイルを読めません / cannot read the config file {path} ({type(exc).__name__})"
        ) from exc
    check = _Checker(Path(path))
    check.unknown("", set(raw) - _TOP_KEYS, sorted(_TOP_KEYS))
    base = Path(path).parent
    scan = check.table(raw, "scan")
    limits = check.table(raw, "limits")
    threshold = check.table(raw, "threshold")
    inventory = check.table(raw, "inventory")
    detect = check.table(raw, "detect")
    risky = check.table(raw, "risky_locations")
    decls = tuple(Declaration(**item) for item in check.declarations(raw))
    ledger = check.table(raw, "ledger")
    organisation = check.table(raw, "organisation")
    filebook = check.table(raw, "filebook")
    groups = tuple(
        FileGroup(
            name=item["name"].strip(),
            paths=tuple(p.strip() for p in item["paths"]),
            organisation=item.get("organisation", ""),
        )
        for item in check.files(raw)
    )
    return ScanConfig(
        include=tuple(scan.get("include", ())),
        exclude=tuple(scan.get("exclude", ())),
        include_hidden=scan.get("include_hidden", False),
        follow_symlinks=scan.get("follow_symlinks", False),
        limits=Limits(**limits),
        ocr=scan.get("ocr", True),
        threshold=threshold.get("persons", 5000),
        declarations=decls,
        risky_locations=tuple(risky.get("paths", DEFAULT_RISKY_LOCATIONS)),
        db_path=_path(base, inventory.get("db")),
        secret_path=_path(base, inventory.get("secret")),
        recognizers_dir=_path(base, detect.get("recognizers_dir")),
        sample_size=detect.get("sample_size", 300),
        workers=scan.get("workers", 0),
        profile=ledger.get("profile", "private"),
        organisation_name=organisation.get("name", ""),
        disclosure_office=organisation.get("disclosure_office", ""),
        publish_threshold=filebook.get("publish_threshold", 1000),
        files=groups,
    )


def _path(base: Path, value: str | None) -> Path | None:
    if not value:
        return None
    p = Path(value).expanduser()
    return p if p.is_absolute() else (base / p)
