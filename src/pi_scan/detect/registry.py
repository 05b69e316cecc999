"""One presidio registry for Japanese: YAML recognizers from the recognizer directories plus the
code recognizers, behind an AnalyzerEngine whose NLP engine is ``spacy.blank("ja")``.

``spacy.blank("ja")`` is Sudachi's tokenizer and POS tags with no neural model: it loads offline
in well under a second and runs presidio's context enhancement with Japanese context words.
presidio's default provider would try to download ``en_core_web_lg``: we never use it.

Registration fails loudly on an unknown entity name or a duplicate recognizer name, so a typo
in an organisation's YAML file does not silently disable a recognizer.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    PatternRecognizer,
    RecognizerRegistry,
)
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from pi_scan.detect.recognizers import (
    JaPersonRecognizer,
    JpPhoneRecognizer,
    MyNumberRecognizer,
    OfflineEmailRecognizer,
)
from pi_scan.detect.yaml_files import YAMLError, read_yaml, yaml_files
from pi_scan.model import Entity

LANGUAGE = "ja"


class RecognizerError(ValueError):
    """A recognizer definition is wrong (unknown entity, duplicate name, bad YAML)."""


def yaml_recognizer_files(directories: Iterable[Path]) -> list[Path]:
    """YAML files with a top-level ``recognizers:`` list (presidio's format)."""
    files = []
    for path in yaml_files(directories):
        data = _read_yaml(path)
        if isinstance(data, dict) and "recognizers" in data:
            files.append(path)
    return files


def load_yaml_recognizers(path: Path) -> list[PatternRecognizer]:
    data = _read_yaml(path)
    out = []
    for conf in data.get("recognizers") or []:
        if not isinstance(conf, dict):
            raise RecognizerError(f"{path}: each recognizer must be a mapping")
        conf = {"supported_language": LANGUAGE, **conf}
        entity = conf.get("supported_entity")
        if entity not in Entity.__members__:
            raise RecognizerError(
                f"{path}: recognizer {conf.get('name')!r} has unknown entity {entity!r} "
                f"(known: {', '.join(Entity.__members__)})"
            )
        try:
            out.append(PatternRecognizer.from_dict(conf))
        except (TypeError, ValueError, KeyError) as exc:
            raise RecognizerError(f"{path}: recognizer {conf.get('name')!r}: {exc}") from exc
    return out


def _read_yaml(path: Path) -> Any:
    try:
        return read_yaml(path)
    except YAMLError as exc:
        raise RecognizerError(f"{path}: invalid YAML: {exc}") from exc


def japanese_recognizers(
    directories: Iterable[Path], surnames: frozenset[str]
) -> list[EntityRecognizer]:
    """The code recognizers, then the YAML ones of ``directories``; names are unique."""
    recognizers: list[EntityRecognizer] = [
        MyNumberRecognizer(),
        JpPhoneRecognizer(),
        OfflineEmailRecognizer(),
        JaPersonRecognizer(surnames),
    ]
    for path in yaml_recognizer_files(directories):
        recognizers.extend(load_yaml_recognizers(path))
    seen: set[str] = set()
    for recognizer in recognizers:
        if recognizer.name in seen:
            raise RecognizerError(f"duplicate recognizer name {recognizer.name!r}")
        seen.add(recognizer.name)
    return recognizers


def build_registry(directories: Iterable[Path], surnames: frozenset[str]) -> RecognizerRegistry:
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in japanese_recognizers(directories, surnames):
        registry.add_recognizer(recognizer)
    return registry


def blank_japanese_engine() -> SpacyNlpEngine:
    """A presidio NLP engine over ``spacy.blank("ja")`` (Sudachi split mode C: 生年月日 and
    電話番号 stay one token, so context words match whole words)."""
    engine = SpacyNlpEngine(
        models=[{"lang_code": LANGUAGE, "model_name": "blank:ja"}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=["*"]),
    )
    nlp = spacy.blank(LANGUAGE, config={"nlp": {"tokenizer": {"split_mode": "C"}}})
    engine.nlp = {LANGUAGE: nlp}  # loaded: AnalyzerEngine will not call load() / download
    return engine


def build_analyzer(registry: RecognizerRegistry) -> AnalyzerEngine:
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=blank_japanese_engine(),
        supported_languages=[LANGUAGE],
        default_score_threshold=0.4,
    )
