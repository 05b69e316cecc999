"""pi-scan's Japanese recognizers for presidio's own AnalyzerEngine.

presidio ships no Japanese recognizers. These are the ones pi-scan scans with: My Number (check
digit), Japanese phone numbers (``phonenumbers``), e-mail (no DNS), names in prose (Sudachi's
人名 tags + surnames + titles), and the YAML recognizers of ``recognizers/`` (addresses, postal
codes, dates of birth, student and employee numbers, ...) with Japanese context words::

    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from pi_scan.presidio import add_japanese_recognizers, japanese_nlp_engine

    registry = add_japanese_recognizers(RecognizerRegistry(supported_languages=["ja"]))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=japanese_nlp_engine(),
                              supported_languages=["ja"], default_score_threshold=0.4)
    analyzer.analyze("担任の山田太郎先生（携帯 090-1234-5678）", language="ja")

presidio needs a Japanese NLP engine for context words: ``japanese_nlp_engine()`` is
``spacy.blank("ja")`` (Sudachi's tokenizer, no neural model, no download). Without a score
threshold (pi-scan uses 0.4) presidio also returns the bare 4-digit runs that number
recognizers score 0.05 before context words raise them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pi_scan.config import ScanConfig

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngine

__all__ = ["LANGUAGE", "add_japanese_recognizers", "japanese_nlp_engine", "japanese_recognizers"]

LANGUAGE = "ja"


def japanese_recognizers(config: ScanConfig | None = None) -> list[EntityRecognizer]:
    """New instances of pi-scan's Japanese recognizers (language ``"ja"``): the built-in ones,
    then those of ``config.recognizers_dir`` (an organisation's YAML recognizers, surnames)."""
    from pi_scan.detect.engine import recognizer_dirs
    from pi_scan.detect.names import load_surnames
    from pi_scan.detect.registry import japanese_recognizers as build

    dirs = recognizer_dirs(config if config is not None else ScanConfig())
    return build(dirs, load_surnames(dirs))


def add_japanese_recognizers(
    registry: RecognizerRegistry, config: ScanConfig | None = None
) -> RecognizerRegistry:
    """Add pi-scan's Japanese recognizers to ``registry`` (which must support ``"ja"``) and
    return it. A recognizer whose name the registry already holds is an error, not a silent
    second copy."""
    from pi_scan.detect.registry import RecognizerError

    if LANGUAGE not in registry.supported_languages:
        raise ValueError(
            f"the registry does not support {LANGUAGE!r}: make it with "
            f"RecognizerRegistry(supported_languages=[..., {LANGUAGE!r}])"
        )
    held = {r.name for r in registry.recognizers}
    for recognizer in japanese_recognizers(config):
        if recognizer.name in held:
            raise RecognizerError(f"the registry already has a recognizer {recognizer.name!r}")
        registry.add_recognizer(recognizer)
    return registry


def japanese_nlp_engine() -> NlpEngine:
    """A loaded presidio NLP engine for ``"ja"`` over ``spacy.blank("ja")`` (Sudachi split mode
    C), for presidio's context words; it downloads nothing."""
    from pi_scan.detect.registry import blank_japanese_engine

    return blank_japanese_engine()
