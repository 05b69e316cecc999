"""The YAML files of the recognizer folders (the built-in ``recognizers/`` and ``[detect]
recognizers_dir``): which they are, and what each holds.

Read by libyaml (PyYAML's C reader, in its wheels) where PyYAML has it: every worker reads each
file several times as it starts (recognizers, header words, 要配慮 terms), and PyYAML's
pure-Python reader took ~80 ms of that; the documents are the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

YAMLError = yaml.YAMLError
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_files(directories: Iterable[Path]) -> list[Path]:
    """The ``*.yaml`` / ``*.yml`` files of the folders, each folder's in name order."""
    return [path for directory in directories for path in sorted(Path(directory).glob("*.y*ml"))]


def read_yaml(path: Path) -> Any:
    """The file's document ({} when it is empty); raises OSError or :data:`YAMLError`."""
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_LOADER) or {}
