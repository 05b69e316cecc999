"""The entity table (pi_scan.entities): one row per entity, read by every module."""

from __future__ import annotations

import pandas as pd
import pytest

from pi_scan.classify import classify
from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect.masking import MASKERS, mask
from pi_scan.detect.vocabulary import HeaderVocabulary
from pi_scan.entities import ENTITIES, ID_FAMILIES, PERSON_KEY_COLUMNS, Entity, Mask
from pi_scan.model import Dataset, DatasetKind, FileRef
from pi_scan.people import NORMALISERS

REF = FileRef("/r", "a.csv", "/r/a.csv", 1, "2024-01-01T00:00:00", "u", 0o644, False)


def test_every_entity_has_a_row_and_every_field_is_understood() -> None:
    assert set(ENTITIES) == set(Entity)
    assert set(MASKERS) == set(Mask)
    for entity, info in ENTITIES.items():
        assert info.item_ja, entity
        assert not info.key or info.key in NORMALISERS or info.key in ID_FAMILIES.values()
        assert not info.key or info.key in PERSON_KEY_COLUMNS
    assert len(set(PERSON_KEY_COLUMNS)) == len(PERSON_KEY_COLUMNS)


def test_every_entity_has_header_words() -> None:
    vocabulary = HeaderVocabulary.load([BUILTIN_RECOGNIZERS])
    words = {*vocabulary.contains.values(), *vocabulary.exact.values()}
    named = {e for entities in words for e in entities}
    missing = set(Entity) - named - {Entity.SENSITIVE}  # SENSITIVE: recognizers/sensitive.yaml
    assert not missing


@pytest.mark.parametrize("entity", list(Entity))
def test_every_entity_is_masked(entity: Entity) -> None:
    assert mask(entity, "S720862,池田 浩,岩手県長生郡1-2,090-1234-5678") != (
        "S720862,池田 浩,岩手県長生郡1-2,090-1234-5678"
    )


def _licence(first_ten: str, reissued: int = 0) -> str:
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    total = sum(int(d) * w for d, w in zip(first_ten, weights, strict=True))
    return f"{first_ten}{(11 - total % 11) % 10}{reissued}"


IDENTIFIERS = {
    "旅券番号": (Entity.PASSPORT_NUMBER, ["TK1234567", "TR7654321", "MZ1111111", "TS3333333"]),
    "運転免許証番号": (
        Entity.DRIVER_LICENSE_NUMBER,
        [_licence("3092123456"), _licence("4501234567"), _licence("5419876543", 1),
         _licence("3010000001")],
    ),
    "基礎年金番号": (Entity.PENSION_NUMBER, ["1234-567890", "2345-678901", "3456-789012",
                                              "4567-890123"]),
    "被保険者証記号番号": (
        Entity.HEALTH_INSURANCE_NUMBER, ["12・345", "13・346", "14・347", "15・348"]
    ),
    "在留カード番号": (
        Entity.RESIDENCE_CARD_NUMBER,
        ["AB12345678CD", "EF23456789GH", "IJ34567890KL", "MN45678901OP"],
    ),
    "住民票コード": (Entity.RESIDENT_RECORD_CODE, ["12345678901", "23456789012", "34567890123",
                                                 "45678901234"]),
    "口座番号": (Entity.BANK_ACCOUNT, ["普通 1234567", "1234568", "2345678", "3456789"]),
}  # fmt: skip


@pytest.mark.parametrize("header", list(IDENTIFIERS))
def test_identification_codes_make_a_database_named_in_its_rationale(detector, header) -> None:
    entity, values = IDENTIFIERS[header]
    table = pd.DataFrame({"受付": ["1", "2", "3", "4"], header: values})
    ds = Dataset(REF, kind=DatasetKind.TABLE, table=table)
    findings = detector.detect(ds)
    assert entity in findings.entities
    decision = classify(ds, findings)
    assert decision.is_pi_database
    assert ENTITIES[entity].item_ja in decision.rationale
    for finding in findings.columns:
        for value in values:
            assert value not in finding.masked_samples


def test_a_licence_number_with_a_wrong_check_digit_is_not_found_without_a_header(detector):
    good = [_licence(f"30{n:08d}") for n in range(11, 31)]
    bad = [g[:10] + str((int(g[10]) + 1) % 10) + g[11] for g in good]
    for values, found in ((good, True), (bad, False)):
        table = pd.DataFrame({"列": values})
        ds = Dataset(REF, kind=DatasetKind.TABLE, table=table)
        entities = detector.detect(ds).entities
        assert (Entity.DRIVER_LICENSE_NUMBER in entities) is found
