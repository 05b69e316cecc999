"""Detection: Dataset → Findings (what each column or text holds, and why).

The seam the rest of the pipeline uses is ``Detector(config).detect(dataset) -> Findings``.
A Detector is built once per process (it loads dictionaries and recognizers) and is then a pure
function of the dataset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pi_scan.detect.engine import Detector

__all__ = ["Detector"]


def __getattr__(name: str) -> Any:
    # imported on first use: the parent of a scan reads masking rules (``detect.masking``) but
    # builds no Detector, and the engine's imports (parsers, presidio) take most of a second
    if name == "Detector":
        from pi_scan.detect.engine import Detector

        return Detector
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
