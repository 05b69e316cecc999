"""The config file is checked key by key: an unknown key or a value of the wrong type or range is
an error that names the file, the key, what was given and what is expected (issue 15, 2-3)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pi_scan.config import ConfigError, Declaration, Limits, load_config

REPO = Path(__file__).resolve().parents[1]


def _load(tmp_path: Path, text: str):
    path = tmp_path / "pi-scan.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        _load(tmp_path, text)
    return str(info.value)


@pytest.mark.parametrize(
    ("text", "where", "key", "hint"),
    [
        ('[scan]\nexclud = ["tmp/"]\n', "[scan]", "exclud", "exclude"),
        ("[threshold]\nperson = 100\n", "[threshold]", "person", "persons"),
        ('[inventory]\nsecrets = "/etc/pi-scan/secret.key"\n', "[inventory]", "secrets", "secret"),
        ('[risky_locations]\npath = ["**/USB/**"]\n', "[risky_locations]", "path", "paths"),
        ('[detect]\nrecognizer_dir = "r"\n', "[detect]", "recognizer_dir", "recognizers_dir"),
        ("[limits]\nfile_second = 30\n", "[limits]", "file_second", "file_seconds"),
        (
            '[[declarations]]\npath = "a/**"\nreasn = "市販"\n',
            "[[declarations]] #1",
            "reasn",
            "reason",
        ),
    ],
)
def test_unknown_keys_are_errors_that_name_the_key(tmp_path, text, where, key, hint) -> None:
    message = _error(tmp_path, text)
    assert f"{where} に不明なキー {key}" in message
    assert f"unknown key {key} in {where}" in message
    assert f"did you mean {hint}?" in message
    assert "pi-scan.toml" in message
    assert "__init__" not in message and "unexpected keyword" not in message


def test_unknown_section_is_an_error(tmp_path) -> None:
    message = _error(tmp_path, "[limit]\nmax_rows = 5\n")
    assert "unknown section [limit]" in message and "did you mean limits?" in message


@pytest.mark.parametrize(
    ("text", "shown", "expected"),
    [
        ('[scan]\nexclude = "*.csv"\n', '[scan] exclude = "*.csv"', "a list of strings"),
        ("[scan]\ninclude = [1, 2]\n", "[scan] include = [1, 2]", "a list of strings"),
        ('[scan]\ninclude_hidden = "yes"\n', '[scan] include_hidden = "yes"', "true or false"),
        ("[scan]\nworkers = -1\n", "[scan] workers = -1", "an integer ≥ 0"),
        (
            '[[declarations]]\npath = "a/**"\nexclude_from_count = "false"\n',
            '[[declarations]] #1 exclude_from_count = "false"',
            "true or false",
        ),
        (
            '[[declarations]]\npath = "a/**"\nis_database = "no"\n',
            '[[declarations]] #1 is_database = "no"',
            "true or false",
        ),
        ('[[declarations]]\npath = ""\n', '[[declarations]] #1 path = ""', "a non-empty path"),
        (
            '[limits]\nmax_archive_depth = "three"\n',
            '[limits] max_archive_depth = "three"',
            "an integer ≥ 0",
        ),
        ("[limits]\nmax_rows = 1.5\n", "[limits] max_rows = 1.5", "an integer ≥ 0"),
        ("[limits]\nmax_rows = true\n", "[limits] max_rows = true", "an integer ≥ 0"),
        ("[limits]\nfile_seconds = -5\n", "[limits] file_seconds = -5", "a number ≥ 0"),
        ("[limits]\nfile_seconds = nan\n", "[limits] file_seconds = NaN", "a number ≥ 0"),
        ("[threshold]\npersons = -1\n", "[threshold] persons = -1", "an integer ≥ 0"),
        ('[threshold]\npersons = "5000"\n', '[threshold] persons = "5000"', "an integer ≥ 0"),
        ("[inventory]\ndb = 5\n", "[inventory] db = 5", "a non-empty path string"),
        ('[inventory]\nsecret = ""\n', '[inventory] secret = ""', "a non-empty path string"),
        ('[risky_locations]\npaths = "/media/**"\n', "[risky_locations] paths", "a list"),
        ("[detect]\nsample_size = 0\n", "[detect] sample_size = 0", "an integer ≥ 1"),
    ],
)
def test_wrong_values_are_errors_that_say_what_is_expected(tmp_path, text, shown, expected) -> None:
    message = _error(tmp_path, text)
    assert f"pi-scan.toml: {shown}" in message
    assert f"expected {expected}" in message
    assert "が不正です" in message and "が必要" in message  # the Japanese half


def test_the_example_message_of_the_issue(tmp_path) -> None:
    assert _error(tmp_path, "[limits]\nfile_seconds = -5\n") == (
        "設定ファイル " + str(tmp_path / "pi-scan.toml") + " の [limits] file_seconds が不正です: "
        "-5 (0 以上の数が必要) / " + str(tmp_path / "pi-scan.toml") + ": [limits] file_seconds "
        "= -5: expected a number ≥ 0"
    )


def test_sections_and_declarations_of_the_wrong_shape(tmp_path) -> None:
    assert "[scan]" in _error(tmp_path, 'scan = "x"\n')
    assert "[[declarations]]" in _error(tmp_path, "declarations = 3\n")
    assert "needs path" in _error(tmp_path, '[[declarations]]\nreason = "x"\n')


def test_a_valid_config_is_read_whole(tmp_path) -> None:
    cfg = _load(
        tmp_path,
        """
[scan]
include = ["教務/**"]
exclude = ["**/~$*", "tmp/"]
include_hidden = true
follow_symlinks = false
workers = 2

[limits]
max_archive_depth = 2
file_seconds = 12.5
worker_memory_bytes = 0

[threshold]
persons = 0

[inventory]
db = "state/inventory.sqlite"
secret = "/etc/pi-scan/secret.key"

[risky_locations]
paths = []

[detect]
sample_size = 50

[[declarations]]
path = "総務課/市販名簿/**"
exclude_from_count = true
reason = "市販の電話帳"

[[declarations]]
path = "教務/名簿/**"
is_database = false
reason = "住所録ではなく座席表"

[[declarations]]
path = "教務/一時/**"
retention = "6か月以内に消去"
""",
    )
    assert cfg.include == ("教務/**",) and cfg.exclude == ("**/~$*", "tmp/")
    assert cfg.include_hidden and not cfg.follow_symlinks and cfg.workers == 2
    assert cfg.limits == Limits(max_archive_depth=2, file_seconds=12.5, worker_memory_bytes=0)
    assert cfg.threshold == 0 and cfg.risky_locations == () and cfg.sample_size == 50
    assert cfg.db_path == tmp_path / "state" / "inventory.sqlite"
    assert cfg.secret_path == Path("/etc/pi-scan/secret.key")
    assert cfg.declarations == (
        Declaration("総務課/市販名簿/**", exclude_from_count=True, reason="市販の電話帳"),
        Declaration("教務/名簿/**", reason="住所録ではなく座席表", is_database=False),
        Declaration("教務/一時/**", retention="6か月以内に消去"),
    )
    assert cfg.declarations[2].is_database is None  # absent: not declared


def test_the_readme_example_is_valid(tmp_path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    cfg = _load(tmp_path, example)
    assert cfg.exclude and cfg.declarations


def _cli(tmp_path: Path, *args: str, columns: int = 80) -> subprocess.CompletedProcess:
    env = dict(os.environ, PI_SCAN_HOME=str(tmp_path / "home"), COLUMNS=str(columns))
    return subprocess.run(
        [sys.executable, "-m", "pi_scan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def test_cli_exits_2_naming_the_key_and_reads_nothing(tmp_path) -> None:
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "名簿.csv").write_text("氏名\n山田 太郎\n", encoding="utf-8")
    (tmp_path / "pi-scan.toml").write_text('[limits]\nmax_archive_depth = "three"\n')
    proc = _cli(tmp_path, "scan", "share", "--output", "out", "--config", "pi-scan.toml")
    assert proc.returncode == 2, proc.stderr
    # one line, whatever the width of the terminal; brackets are not taken for markup
    assert (
        'pi-scan.toml: [limits] max_archive_depth = "three": expected an integer ≥ 0' in proc.stderr
    )
    assert "設定ファイル pi-scan.toml の [limits] max_archive_depth が不正です" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "home").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "share", "--output", "out", "--threshold", "-1"),
        ("scan", "share", "--output", "out", "--workers", "0"),
        ("report", "--scan", "-3"),
        ("export", "--output", "x.csv", "--scan", "0"),
    ],
)
def test_cli_refuses_numbers_that_make_no_sense(tmp_path, args) -> None:
    (tmp_path / "share").mkdir()
    proc = _cli(tmp_path, *args, columns=300)  # typer's error box wraps at the width
    assert proc.returncode == 2, proc.stderr
    assert "expected an integer ≥" in proc.stderr and "が必要" in proc.stderr
    assert not (tmp_path / "out").exists()
