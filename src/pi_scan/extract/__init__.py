"""Extraction: FileRef → list[Dataset]. One module per family; a registry picks by content.

Contract (other steps rely on it):
- ``extract_file(ref, config) -> list[Dataset]`` never raises for a bad file: an unreadable,
  encrypted, corrupt or over-limit file (or archive member) becomes a Dataset with a non-OK
  status, ``kind=NONE`` and a short ``error`` in pi-scan's own words (never a library message,
  which may quote file content).
- A file always yields at least one Dataset.
- Nothing is written to disk; archive members are read in memory within the limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pi_scan.extract.registry import extract_file

__all__ = ["extract_file"]


def __getattr__(name: str) -> Any:
    # imported on first use: the parent of a scan opens files to find copies
    # (``extract.source``) but parses none, and the parsers' imports take a third of a second
    if name == "extract_file":
        from pi_scan.extract.registry import extract_file

        return extract_file
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
