"""`pi-scan detect` (text in, one JSON line per input line) and `pi-scan inspect --json`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pi_scan.cli import EXIT_USAGE, app

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "fixtures" / "sample_share"
LOANS = SAMPLE / "図書室" / "貸出記録_2024.csv"  # CP932: 学籍番号, 氏名 ...

LINES = [
    "担任の山田太郎先生（携帯 090-1234-5678）まで",
    "",
    "本日は晴天なり。",
    "ｶﾞｯｺｳの鈴木花子さん、連絡は taro@example.jp へ",
]


def _invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def test_detect_prints_one_json_line_per_input_line(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("\r\n".join(LINES).encode("utf-8") + b"\n")  # CRLF: offsets skip the \r
    result = _invoke("detect", str(path))
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(LINES)
    for line, row in zip(LINES, rows, strict=True):
        for item in row:
            assert set(item) == {"entity", "start", "end", "score"}
            assert 0 <= item["start"] < item["end"] <= len(line)
    first = {item["entity"]: LINES[0][item["start"] : item["end"]] for item in rows[0]}
    assert first["PERSON"] == "山田太郎"
    assert first["PHONE_NUMBER"] == "090-1234-5678"
    assert rows[1] == [] and rows[2] == []
    last = {item["entity"]: LINES[3][item["start"] : item["end"]] for item in rows[3]}
    assert last == {"PERSON": "鈴木花子", "EMAIL_ADDRESS": "taro@example.jp"}
    for raw in ("山田", "5678", "taro"):  # positions only, never a value
        assert raw not in result.stdout


def test_detect_spans_from_stdin_with_entities() -> None:
    result = _invoke(
        "detect", "--spans", "-e", "PHONE_NUMBER,email_address", stdin="\n".join(LINES)
    )
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    phone, mail = LINES[0].index("090-1234-5678"), LINES[3].index("taro@example.jp")
    assert rows == [[[phone, phone + 13]], [], [], [[mail, mail + 15]]]


def test_detect_unknown_entity_is_a_usage_error() -> None:
    result = _invoke("detect", "-e", "PERSON,NAME", stdin="山田太郎\n")
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert "NAME" in result.stderr and "PHONE_NUMBER" in result.stderr  # names the known ones


def test_detect_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = _invoke("detect", str(tmp_path / "none.txt"))
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""


def test_detect_as_a_pipe_writes_nothing_else_to_stdout() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pi_scan", "detect", "-"],
        input="\n".join(LINES) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert len(lines) == len(LINES)
    assert all(isinstance(json.loads(line), list) for line in lines)


def _raw_names() -> set[str]:
    with open(LOANS, encoding="cp932", newline="") as fh:
        rows = list(csv.reader(fh))
    col = rows[0].index("氏名")
    return {r[col] for r in rows[1:] if r[col]}


def test_inspect_json_is_one_masked_document() -> None:
    result = _invoke("inspect", "--json", str(LOANS))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["inspected"] is True
    [ds] = doc["datasets"]
    assert ds["status"] == "ok" and ds["kind"] == "table" and ds["records"] > 0
    decision = ds["decision"]
    assert decision["is_pi_database"] is True
    assert decision["rationale"].startswith("個人情報データベース等")
    assert decision["judgement"] in {"certain", "uncertain"}
    columns = {c["entity"]: c for c in ds["columns"]}
    assert columns["PERSON"]["column"] == "氏名"
    assert 0 < columns["PERSON"]["confidence"] <= 1
    assert columns["PERSON"]["evidence"]
    assert all("*" in s for s in columns["PERSON"]["masked_samples"])
    names = _raw_names()
    assert names
    leaked = [n for n in names if n in result.stdout]
    assert not leaked


def test_inspect_text_output_still_shows_the_datasets() -> None:
    result = _invoke("inspect", str(LOANS))
    assert result.exit_code == 0, result.stderr
    assert "貸出記録_2024.csv" in result.stdout and "records)" in result.stdout
    assert "個人情報データベース等" in result.stdout


def test_inspect_json_of_a_file_never_inspected(tmp_path: Path) -> None:
    audio = tmp_path / "録音.mp3"  # a type never read: counted by extension in a scan
    audio.write_bytes(b"ID3" + b"\0" * 64)
    result = _invoke("inspect", "--json", str(audio))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["inspected"] is False and doc["datasets"] == []
