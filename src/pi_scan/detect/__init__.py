"""Detection: Dataset → Findings (what each column or text holds, and why).

The seam the rest of the pipeline uses is ``Detector(config).detect(dataset) -> Findings``.
A Detector is built once per process (it loads dictionaries and recognizers) and is then a pure
function of the dataset.
"""

from pi_scan.detect.engine import Detector

__all__ = ["Detector"]
