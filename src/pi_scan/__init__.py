"""pi-scan: inventory of Japanese personal information in file shares.

Detection as a library (``pi_scan.api``; importing ``pi_scan`` loads none of it)::

    from pi_scan import detect_text, detect_table

    spans = detect_text("担任の山田太郎先生（090-1234-5678）まで")
    result = detect_table(rows)  # a DataFrame, or rows whose first row is the header
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pi_scan.api import ColumnMatch, TableResult, TextSpan, detect_table, detect_text

__all__ = ["ColumnMatch", "TableResult", "TextSpan", "__version__", "detect_table", "detect_text"]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    """``from pi_scan import detect_text``: the API module is imported on first use."""
    if name in _API:
        from pi_scan import api

        return getattr(api, name)
    raise AttributeError(f"module 'pi_scan' has no attribute {name!r}")
