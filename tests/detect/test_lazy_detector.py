"""A spreadsheet is judged without the text stack (issue 17 item 5): the Detector builds
presidio's analyzer, spaCy and the prose name finder on the first text only, and its column
rules are the same either way."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from pi_scan.config import BUILTIN_RECOGNIZERS, ScanConfig
from pi_scan.detect import Detector
from pi_scan.detect.yaml_rules import plain_yaml_recognizers


def _shape(rec) -> tuple:
    return (
        rec.name,
        tuple(rec.supported_entities),
        tuple((p.name, p.regex, p.score) for p in rec.patterns),
    )


def test_the_built_in_yaml_recognizers_read_without_presidio_are_presidios() -> None:
    from presidio_analyzer import PatternRecognizer

    detector = Detector(ScanConfig())
    presidio = [r for r in detector.registry.recognizers if type(r) is PatternRecognizer]
    plain = plain_yaml_recognizers([BUILTIN_RECOGNIZERS])
    assert plain is not None and len(plain) >= 5
    assert [_shape(r) for r in plain] == [_shape(r) for r in presidio]
    for rec in plain:  # a plain PatternRecognizer's validators have no opinion either
        assert rec.validate_result("x") is None is presidio[0].validate_result("x")
        assert rec.invalidate_result("x") is None is presidio[0].invalidate_result("x")


def test_yaml_presidio_alone_understands_goes_to_presidio(tmp_path) -> None:
    (tmp_path / "deny.yaml").write_text(
        "recognizers:\n  - name: Titles\n    supported_entity: PERSON\n    deny_list: [校長]\n",
        encoding="utf-8",
    )
    assert plain_yaml_recognizers([BUILTIN_RECOGNIZERS, tmp_path]) is None


_PROBE = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from pi_scan.config import ScanConfig
    from pi_scan.detect import Detector
    from pi_scan.model import Dataset, DatasetKind, FileRef

    ref = FileRef("/r", "a.xlsx", "/r/a.xlsx", 1, "", "", 0, False)
    table = pd.DataFrame({
        "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "田中 次郎"],
        "電話番号": ["090-1234-5678", "03-1234-5678", "080-2345-6789", "06-6123-4567"],
        "メール": ["a@example.jp", "b@example.com", "c@school.ed.jp", "d@example.jp"],
        "郵便番号": ["100-0001", "530-0001", "060-0001", "810-0001"],
    })
    detector = Detector(ScanConfig())
    lazy = detector.detect(Dataset(file=ref, kind=DatasetKind.TABLE, table=table))
    stack = [m for m in ("presidio_analyzer", "spacy") if m in sys.modules]
    text = Dataset(file=ref, kind=DatasetKind.TEXT, text="担任の山田太郎（090-1234-5678）")
    found = detector.detect(text)
    eager = Detector(ScanConfig())
    eager.text  # the whole stack first, as before
    same = eager.detect(Dataset(file=ref, kind=DatasetKind.TABLE, table=table)) == lazy
    print(stack, sorted(c.entity.value for c in lazy.columns), same,
          "presidio_analyzer" in sys.modules, bool(found.text))
    """
)


def test_a_table_is_judged_without_presidio_or_spacy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    ).stdout.split("\n")[-2]
    assert out == "[] ['EMAIL_ADDRESS', 'PERSON', 'PHONE_NUMBER', 'POSTAL_CODE'] True True True"
