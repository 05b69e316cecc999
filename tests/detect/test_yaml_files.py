"""The recognizer folders' YAML, read by libyaml: the same documents as PyYAML's safe reader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pi_scan.detect import yaml_files
from pi_scan.detect.registry import RecognizerError, yaml_recognizer_files
from pi_scan.detect.yaml_files import read_yaml

BUILTIN = Path(__file__).resolve().parents[2] / "recognizers"


def test_the_c_reader_is_used_where_pyyaml_has_it() -> None:
    if yaml.__with_libyaml__:
        assert yaml_files._LOADER is yaml.CSafeLoader


def test_built_in_and_user_files_read_as_pyyaml_reads_them(tmp_path: Path) -> None:
    user = tmp_path / "school.yml"
    user.write_text(
        "recognizers:\n"
        "  - name: 学籍番号\n"
        "    supported_entity: STUDENT_ID\n"
        "    patterns: [{name: id, regex: '\\bS\\d{6}\\b', score: 0.6}]\n"
        "    context: [学籍番号, 生徒番号]\n"
        "headers:\n  STUDENT_ID: [学籍番号, '出席番号 ']\n"
        "empty:\nyes_no: [yes, no, on, '0x1F', 1e3, 2024-04-01]\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    paths = yaml_files.yaml_files([BUILTIN, tmp_path])
    assert [p.name for p in paths[-2:]] == ["empty.yaml", "school.yml"]
    assert len(paths) >= 5
    for path in paths:
        expected = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        assert read_yaml(path) == expected, path.name


def test_broken_yaml_is_a_recognizer_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("recognizers: [\n  - name: x\n", encoding="utf-8")
    with pytest.raises(RecognizerError, match=r"bad\.yaml: invalid YAML"):
        yaml_recognizer_files([tmp_path])
