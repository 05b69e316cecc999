"""What a file's cached result depends on besides the file: when it changes, every file is read
again on the next scan (docs/design.md, "Incremental re-scan").

Named parts only, so that editing a comment in pi-scan's code does not re-read every file of
every share: the analysis version below, the recognizers and dictionaries, the settings that
change a per-file result, the person-key secret, the shapes of the values the cache keeps, and
the versions of the libraries that parse files and tag words.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import importlib.metadata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from pi_scan import entities, model
from pi_scan.config import BUILTIN_RECOGNIZERS, ScanConfig
from pi_scan.people import load_or_create_secret

ANALYSIS_VERSION = 1
"""Bump by hand when a change to pi-scan's code changes what the per-file work finds in the same
file (an extractor reads more or differently, a rule or code recognizer decides differently, a
person key is built differently). Recognizer YAML and dictionaries, the settings and the
result types are fingerprinted without it."""

_READERS = (
    "python-calamine", "openpyxl", "xlrd", "odfpy", "python-docx", "pypdf", "pdfplumber",
    "pypdfium2", "rapidocr", "charset-normalizer", "lxml", "pandas",
    "presidio-analyzer", "spacy", "sudachipy", "sudachidict-core", "phonenumbers", "tldextract",
)  # fmt: skip
"""The libraries that read files or tag words: a new version may read a file differently."""


def analysis_fingerprint(config: ScanConfig) -> str:
    """The key of every cached per-file result of a scan with ``config``."""
    h = hashlib.sha256()
    for part in _parts(config):
        h.update(part + b"\0")
    return h.hexdigest()[:32]


def _parts(config: ScanConfig) -> Iterator[bytes]:
    yield f"analysis {ANALYSIS_VERSION}".encode()
    yield repr(per_file_settings(config)).encode()
    yield load_or_create_secret(config.resolved_secret_path())  # person keys depend on it
    for folder in (BUILTIN_RECOGNIZERS, config.recognizers_dir):
        yield from _folder_files(folder)
    yield _value_shapes().encode()
    yield repr([(name, _installed(name)) for name in _READERS]).encode()


def per_file_settings(config: ScanConfig) -> tuple[object, ...]:
    """The settings a file's result depends on (its limits, OCR, the value sample, the per-file
    work itself); the others (threshold, declarations, outputs) apply after the per-file work,
    on every scan."""
    return (config.limits, config.ocr, config.sample_size, config.seed, config.analyser)


def _folder_files(folder: Path | None) -> Iterator[bytes]:
    """Recognizer YAML and dictionaries: each file's name and bytes."""
    if folder is None or not Path(folder).is_dir():
        return
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            yield str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes()


def _value_shapes() -> str:
    """The fields of model's dataclasses and the members of its enums (and of the entities):
    the cache keeps pickled results, which cannot be read back rightly into changed types."""
    return "\n".join(_shapes_of(model) + _shapes_of(entities))


def _shapes_of(module: ModuleType) -> list[str]:
    shapes = []
    for name, value in sorted(vars(module).items()):
        if not isinstance(value, type) or value.__module__ != module.__name__:
            continue
        if dataclasses.is_dataclass(value):
            fields = ", ".join(f"{f.name}: {f.type}" for f in dataclasses.fields(value))
            shapes.append(f"{name}({fields})")
        elif issubclass(value, enum.Enum):
            shapes.append(f"{name}{[(m.name, m.value) for m in value]}")
    return shapes


def _installed(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""
