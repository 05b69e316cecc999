"""PERSON in prose as a presidio recognizer: a thin adapter over ``prose_names.ProseNameFinder``.

pi-scan's own text detection calls the finder directly, on name windows of its own
(``detect/text.py``), and does not ask presidio for PERSON. This adapter keeps the registry's
PERSON answer the same as the scanner's for anyone who does (one rule set, not two).

match: 山田太郎さんが出席した / 担任の佐藤先生 / 鈴木 花子 / ジョン・スミスが来日した
no_match: 石川県の会議 / 佐藤 (alone) / 株式会社山田 / 山田商店
"""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect.names import load_titles
from pi_scan.detect.prose_names import ProseNameFinder


class JaPersonRecognizer(EntityRecognizer):
    def __init__(self, surnames: frozenset[str]) -> None:
        self.surnames = surnames
        self._finder: ProseNameFinder | None = None  # built on first use: a Sudachi dictionary
        super().__init__(
            supported_entities=["PERSON"],
            name="JaSudachiPersonRecognizer",
            supported_language="ja",
        )

    def load(self) -> None:  # the finder is built lazily: most processes never ask presidio
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if self._finder is None:
            self._finder = ProseNameFinder(self.surnames, load_titles([BUILTIN_RECOGNIZERS]))
        results = []
        for name in self._finder.find(text):
            explanation = AnalysisExplanation(
                recognizer=self.name,
                original_score=name.score,
                textual_explanation=f"Sudachi {name.why}",
            )
            result = RecognizerResult("PERSON", name.start, name.end, name.score, explanation)
            results.append(result)
        return results
