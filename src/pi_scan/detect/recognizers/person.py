"""PERSON in prose, from Sudachi's tags on the tokens presidio's NLP engine already produced.

A family name (人名-姓, or a dictionary surname) followed by a given name (人名-名), or by an
honorific (さん, 様, 先生, 君 ...), is a person. A surname alone is not (石川, 福島 are places too).

match: 山田太郎さんが出席した / 担任の佐藤先生 / 鈴木 花子
no_match: 石川県の会議 / 佐藤 (alone) / 株式会社山田
"""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from pi_scan.detect.shapes import fold_variants

HONORIFICS = frozenset(
    {"さん", "様", "さま", "先生", "君", "くん", "ちゃん", "氏", "殿", "教諭", "校長", "教頭"}
)


class JaPersonRecognizer(EntityRecognizer):
    def __init__(self, surnames: frozenset[str]) -> None:
        self.surnames = surnames
        super().__init__(
            supported_entities=["PERSON"],
            name="JaSudachiPersonRecognizer",
            supported_language="ja",
        )

    def load(self) -> None:  # nothing to load: tokens come from the NLP engine
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            return []
        tokens = list(nlp_artifacts.tokens)
        results = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            family = tok.tag_.endswith("人名-姓") or fold_variants(tok.text) in self.surnames
            if not family or i + 1 >= len(tokens):
                i += 1
                continue
            j = i + 1
            if tokens[j].is_space and j + 1 < len(tokens):
                j += 1  # "山田 太郎"
            nxt = tokens[j]
            if "人名-名" in nxt.tag_:
                results.append(self._result(tok.idx, nxt.idx + len(nxt.text), "姓+名", 0.85))
                i = j + 1
            elif nxt.text in HONORIFICS and tokens[j - 1] is tok:
                results.append(self._result(tok.idx, tok.idx + len(tok.text), "姓+敬称", 0.6))
                i = j + 1
            else:
                i += 1
        return results

    def _result(self, start: int, end: int, why: str, score: float) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name, original_score=score, textual_explanation=f"Sudachi {why}"
        )
        return RecognizerResult("PERSON", start, end, score, explanation)
