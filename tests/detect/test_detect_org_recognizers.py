"""An organisation adds its student-ID format by dropping a YAML file (recognizers/README.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pi_scan.config import ScanConfig
from pi_scan.detect import Detector
from pi_scan.detect.registry import RecognizerError
from pi_scan.detect.testing import check_file
from pi_scan.model import Entity

ORG = Path(__file__).parent / "org"


def test_org_file_cases_pass():
    assert check_file(ORG / "school_ids.yaml") == []


def test_org_format_found_in_unheaded_column():
    detector = Detector(ScanConfig(recognizers_dir=ORG))
    values = pd.Series([f"S2024{i:04d}" for i in range(50)])
    findings = detector.columns.detect_column("列1", values)
    assert [f.entity for f in findings] == [Entity.STUDENT_ID]
    assert "SakuraStudentId" in findings[0].evidence


def test_org_sensitive_term_in_header():
    detector = Detector(ScanConfig(recognizers_dir=ORG))
    assert detector.sensitive.search("配慮事項") is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "recognizers:\n  - name: X\n    supported_entity: STUDENT_NO\n"
            "    patterns: [{name: p, regex: 'x', score: 0.5}]\n",
            "unknown entity",
        ),
        (
            "recognizers:\n  - name: JpPhoneRecognizer\n    supported_entity: PHONE_NUMBER\n"
            "    patterns: [{name: p, regex: 'x', score: 0.5}]\n",
            "duplicate",
        ),
    ],
)
def test_bad_recognizer_files_fail_loudly(tmp_path, body, message):
    (tmp_path / "bad.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RecognizerError, match=message):
        Detector(ScanConfig(recognizers_dir=tmp_path))
