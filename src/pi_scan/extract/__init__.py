"""Extraction: FileRef → list[Dataset]. One module per family; a registry picks by content.

Contract (other steps rely on it):
- ``extract_file(ref, config) -> list[Dataset]`` never raises for a bad file: an unreadable,
  encrypted, corrupt or over-limit file (or archive member) becomes a Dataset with a non-OK
  status, ``kind=NONE`` and a short ``error`` in pi-scan's own words (never a library message,
  which may quote file content).
- A file always yields at least one Dataset.
- Nothing is written to disk; archive members are read in memory within the limits.
"""

from pi_scan.extract.registry import extract_file

__all__ = ["extract_file"]
