"""The public sector's 個人情報ファイル簿 (issue 19): one row per 個人情報ファイル (a database, or a
group of datasets declared in [[files]]), the statutory items in the statutory order, and the
1,000-person publication test on distinct people — not rows.

The share is scanned for real (in process), so the group's people are counted from the person
keys the inventory keeps per file:

- 学校教育課/学齢簿/2023.csv and 2024.csv, declared one file 学齢簿: 700 pupils each, 500 in both
  years → 1,400 rows but 900 people: 不要.
- 市民課/住民名簿.csv: 1,200 residents → 要.
- 福祉課/相談記録.csv: 300 clients → 不要 (要 with publish_threshold = 0).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pi_scan.cli import app
from pi_scan.config import ConfigError, FileGroup, Limits, ScanConfig, load_config
from pi_scan.inventory import Inventory
from pi_scan.pipeline import run_scan
from pi_scan.report.content import build_content
from pi_scan.report.outputs.filebook import (
    FILEBOOK_COLUMNS,
    STATUTORY_COLUMNS,
    FilebookSettings,
    export_filebook,
    with_profile,
)
from pi_scan.report.outputs.ledger import LedgerError, export_ledger, read_ledger

SURNAMES = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
]
SURNAMES_KANA = [
    "サトウ",
    "スズキ",
    "タカハシ",
    "タナカ",
    "イトウ",
    "ワタナベ",
    "ヤマモト",
    "ナカムラ",
    "コバヤシ",
    "カトウ",
    "ヨシダ",
    "ヤマダ",
    "ササキ",
    "ヤマグチ",
    "マツモト",
    "イノウエ",
    "キムラ",
    "ハヤシ",
    "サイトウ",
    "シミズ",
    "ヤマザキ",
    "モリ",
    "イケダ",
    "ハシモト",
    "アベ",
    "イシカワ",
    "ヤマシタ",
    "ナカジマ",
    "イシイ",
    "オガワ",
]
GIVEN = [
    "翔太",
    "拓海",
    "大輝",
    "蓮",
    "颯太",
    "大翔",
    "悠斗",
    "陸",
    "健太",
    "海斗",
    "翼",
    "大和",
    "陽斗",
    "隼人",
    "雄大",
    "涼太",
    "駿",
    "航",
    "和真",
    "大地",
    "美咲",
    "陽菜",
    "結衣",
    "葵",
    "さくら",
    "愛",
    "七海",
    "美優",
    "彩花",
    "花音",
    "優奈",
    "真央",
    "楓",
    "遥",
    "莉子",
    "結菜",
    "美羽",
    "心春",
    "杏",
    "凛",
]
GIVEN_KANA = [
    "ショウタ",
    "タクミ",
    "ダイキ",
    "レン",
    "ソウタ",
    "ヒロト",
    "ユウト",
    "リク",
    "ケンタ",
    "カイト",
    "ツバサ",
    "ヤマト",
    "ハルト",
    "ハヤト",
    "ユウダイ",
    "リョウタ",
    "シュン",
    "ワタル",
    "カズマ",
    "ダイチ",
    "ミサキ",
    "ヒナ",
    "ユイ",
    "アオイ",
    "サクラ",
    "アイ",
    "ナナミ",
    "ミユ",
    "アヤカ",
    "カノン",
    "ユウナ",
    "マオ",
    "カエデ",
    "ハルカ",
    "リコ",
    "ユイナ",
    "ミウ",
    "コハル",
    "アン",
    "リン",
]
THRESHOLD = 1000


def _person(i: int, offset: int) -> list[str]:
    """Person ``i`` of a population starting at ``offset``: name, reading, birth date, address."""
    n = offset + i
    s, g = n % len(SURNAMES), (n // len(SURNAMES)) % len(GIVEN)
    year = 1950 + n % 60
    birth = f"{year}-{1 + n % 12:02d}-{1 + (n // 12) % 28:02d}"
    return [
        f"{SURNAMES[s]} {GIVEN[g]}",
        f"{SURNAMES_KANA[s]} {GIVEN_KANA[g]}",
        birth,
        f"東京都千代田区千代田{1 + n % 9}-{1 + n % 17}-{1 + n % 23}",
    ]


def _write_csv(path: Path, people: list[list[str]], extra: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ["氏名", "フリガナ", "生年月日", "住所"] + ([extra] if extra else [])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in people:
        writer.writerow(row + (["糖尿病"] if extra else []))
    path.write_text(buf.getvalue(), encoding="utf-8-sig")


def _make_share(root: Path) -> Path:
    pupils_2023 = [_person(i, 0) for i in range(700)]
    pupils_2024 = [_person(i, 0) for i in range(200, 900)]  # 500 of them in both years
    _write_csv(root / "学校教育課/学齢簿/2023.csv", pupils_2023)
    _write_csv(root / "学校教育課/学齢簿/2024.csv", pupils_2024)
    _write_csv(root / "市民課/住民名簿.csv", [_person(i, 5000) for i in range(1200)])
    _write_csv(root / "福祉課/相談記録.csv", [_person(i, 9000) for i in range(300)], "病歴")
    return root


CONFIG = """\
[ledger]
profile = "public"

[organisation]
name = "みどり市教育委員会"
disclosure_office = "みどり市総務課 情報公開係（みどり市中央1-1-1）"

[filebook]
publish_threshold = 1000

[[files]]
name = "学齢簿"
paths = ["学校教育課/学齢簿/**"]
organisation = "学校教育課"
"""


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(inventory, share root, config file) after one scan of the share."""
    base = tmp_path_factory.mktemp("filebook")
    share = _make_share(base / "share")
    config_file = base / "pi-scan.toml"
    config_file.write_text(
        CONFIG + f'\n[inventory]\ndb = "{base / "inv.sqlite"}"\nsecret = "{base / "secret.key"}"\n',
        encoding="utf-8",
    )
    cfg = replace(load_config(config_file), in_process=True, limits=Limits(worker_memory_bytes=0))
    run_scan([share], cfg, base / "out")
    return base / "inv.sqlite", share, config_file


def _settings(config_file: Path, **changes: object) -> FilebookSettings:
    return replace(FilebookSettings.of(load_config(config_file)), **changes)  # type: ignore[arg-type]


def _export(scanned, out: Path, merge: Path | None = None, **changes: object):
    inv_path, _, config_file = scanned
    with Inventory(inv_path) as inv:
        return export_filebook(inv, out, _settings(config_file, **changes), merge=merge)


def _by_name(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["個人情報ファイルの名称"]: r for r in rows}


def test_one_row_per_file_with_the_group_counted_as_people_not_rows(scanned, tmp_path) -> None:
    out = tmp_path / "ファイル簿.csv"
    result = _export(scanned, out)
    rows, header = read_ledger(out)
    assert header == list(FILEBOOK_COLUMNS)
    files = _by_name(rows)
    assert set(files) == {"学齢簿", "住民名簿.csv", "相談記録.csv"}, files.keys()

    group = files["学齢簿"]
    assert group["データセット数"] == "2" and group["記録件数"] == "1400"
    assert group["本人の数"] == "900", group["本人の数の算定"]
    assert group["公表の要否"] == "不要"  # 1,400 rows, but 900 people
    assert "重複を除いた" in group["本人の数の算定"]
    assert group["個人情報ファイルが利用に供される事務をつかさどる組織の名称"] == "学校教育課"
    assert group["ファイル定義"] == "学齢簿" and group["パス"] == ""

    residents = files["住民名簿.csv"]
    assert residents["本人の数"] == "1200" and residents["公表の要否"] == "要"
    assert residents["個人情報ファイルが利用に供される事務をつかさどる組織の名称"] == (
        "市民課（フォルダ名より）"
    )
    clients = files["相談記録.csv"]
    assert clients["本人の数"] == "300" and clients["公表の要否"] == "不要"
    assert result.to_publish == 1 and result.unsure == 0

    for row in rows:  # what pi-scan observes, and what the config states once
        assert row["行政機関等の名称"] == "みどり市教育委員会"
        assert row["開示請求等を受理する組織の名称及び所在地"].startswith("みどり市総務課")
        assert row["個人情報ファイルの種別"] == "電子計算機処理"
        assert row["記録項目"].startswith("氏名、ふりがな、")
        assert row["状態"] == "現存"
        for human in ("個人情報ファイルの利用目的", "記録範囲", "記録情報の収集方法"):
            assert row[human] == ""


def test_without_the_person_keys_a_group_gets_bounds_and_to_check(scanned, tmp_path) -> None:
    """The keys are gone (a file read again since, an export of an older scan): the group's
    figure is the sum, an upper bound, and 1,000 lies between 700 and 1,400: 要確認."""
    inv_path, _, config_file = scanned
    copy = tmp_path / "inv.sqlite"
    with Inventory(inv_path) as inv:
        inv.conn.execute("PRAGMA wal_checkpoint(FULL)")
    shutil.copy(inv_path, copy)
    with Inventory(copy) as inv:
        inv.conn.execute("DELETE FROM file_cache")
        inv.conn.commit()
        result = export_filebook(inv, tmp_path / "f.csv", _settings(config_file))
    group = _by_name(read_ledger(tmp_path / "f.csv")[0])["学齢簿"]
    assert group["本人の数"] == "1400" and group["公表の要否"] == "要確認"
    assert "上限" in group["本人の数の算定"] and "700" in group["本人の数の算定"]
    assert result.unsure == 1


def test_statutory_items_in_the_statutory_order(scanned, tmp_path) -> None:
    assert STATUTORY_COLUMNS == (
        "個人情報ファイルの名称",
        "行政機関等の名称",
        "個人情報ファイルが利用に供される事務をつかさどる組織の名称",
        "個人情報ファイルの利用目的",
        "記録項目",
        "記録範囲",
        "記録情報の収集方法",
        "要配慮個人情報が含まれるときは、その旨",
        "記録情報の経常的提供先",
        "開示請求等を受理する組織の名称及び所在地",
        "訂正又は利用停止に関する他の法令の規定による特別の手続等",
        "個人情報ファイルの種別",
        "行政機関等匿名加工情報の提案の募集をする個人情報ファイルである旨",
        "行政機関等匿名加工情報の概要",
        "作成された行政機関等匿名加工情報に関する提案を受ける組織の名称及び所在地",
        "備考",
    )
    out = tmp_path / "ファイル簿.xlsx"
    _export(scanned, out)
    wb = load_workbook(out, read_only=True)
    header = [c for c in next(wb["個人情報ファイル簿"].iter_rows(values_only=True))]
    wb.close()
    start = header.index(STATUTORY_COLUMNS[0])
    assert tuple(header[start : start + len(STATUTORY_COLUMNS)]) == STATUTORY_COLUMNS
    assert header[:4] == ["台帳キー", "状態", "公表の要否", "本人の数"]


def test_sensitive_file_is_marked(scanned, tmp_path) -> None:
    out = tmp_path / "f.csv"
    _export(scanned, out)
    files = _by_name(read_ledger(out)[0])
    assert files["相談記録.csv"]["要配慮個人情報が含まれるときは、その旨"] == "含む"
    assert files["相談記録.csv"]["要配慮個人情報（観測）"] == "有"
    assert files["住民名簿.csv"]["要配慮個人情報が含まれるときは、その旨"] == "含まない"


def test_an_ordinance_that_publishes_everything(scanned, tmp_path) -> None:
    out = tmp_path / "f.csv"
    result = _export(scanned, out, publish_threshold=0)
    assert {r["公表の要否"] for r in read_ledger(out)[0]} == {"要"}
    assert result.to_publish == 3


def test_csv_is_utf8_with_bom_and_the_xlsx_opens(scanned, tmp_path) -> None:
    csv_out, xlsx_out, json_out = tmp_path / "f.csv", tmp_path / "f.xlsx", tmp_path / "f.json"
    for out in (csv_out, xlsx_out, json_out):
        _export(scanned, out)
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")
    text = csv_out.read_bytes().decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[4] == "個人情報ファイルの名称"
    wb = load_workbook(xlsx_out)
    assert wb.sheetnames == ["個人情報ファイル簿", "説明"]
    sheet = wb["個人情報ファイル簿"]
    assert sheet.max_row == 4 and sheet.cell(1, 5).value == "個人情報ファイルの名称"
    persons = [sheet.cell(r, 4).value for r in range(2, 5)]
    assert sorted(persons) == [300, 900, 1200]  # numbers, not text
    assert '"format": "pi-scan-filebook"' in json_out.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_both(scanned, tmp_path) -> None:
    for name in ("f.csv", "f.xlsx"):
        _export(scanned, tmp_path / name)
        done = subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / "pdf"),
                str(tmp_path / name),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0
        assert (tmp_path / "pdf" / (Path(name).stem + ".pdf")).stat().st_size > 0


def _fill(path: Path, edits: dict[str, dict[str, str]]) -> None:
    """What an officer does in Excel: fill columns, then save as CSV UTF-8."""
    rows, header = read_ledger(path)
    for row in rows:
        row.update(edits.get(row["個人情報ファイルの名称"], {}))
    _save_as_csv(path, rows, header)


def _save_as_csv(path: Path, rows: list[dict[str, str]], header: list[str]) -> None:
    """A ledger saved by Excel as CSV UTF-8."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


def test_round_trip_keeps_what_people_wrote(scanned, tmp_path) -> None:
    book = tmp_path / "ファイル簿.csv"
    _export(scanned, book)
    _fill(
        book,
        {
            "学齢簿": {
                "個人情報ファイルの利用目的": "就学事務",
                "記録範囲": "市内に住所を有する学齢児童生徒",
                "記録項目": "氏名、生年月日、住所、保護者氏名",  # the officer's own wording
            },
            "住民名簿.csv": {
                "個人情報ファイルの名称": "住民基本台帳",
                "記録情報の収集方法": "本人からの届出",
                "個人情報ファイルが利用に供される事務をつかさどる組織の名称": "市民課",
            },
        },
    )
    result = _export(scanned, book, merge=book)
    assert result.backup is not None and result.backup.exists()
    assert (result.kept, result.new, result.gone) == (3, 0, 0)
    files = _by_name(read_ledger(book)[0])
    assert files["学齢簿"]["個人情報ファイルの利用目的"] == "就学事務"
    assert files["学齢簿"]["記録範囲"] == "市内に住所を有する学齢児童生徒"
    assert files["学齢簿"]["記録項目"] == "氏名、生年月日、住所、保護者氏名"
    assert files["学齢簿"]["記録項目（観測）"].startswith("氏名、ふりがな")
    assert files["学齢簿"]["本人の数"] == "900"  # observed columns are refreshed
    assert files["住民基本台帳"]["記録情報の収集方法"] == "本人からの届出"
    assert files["住民基本台帳"]["公表の要否"] == "要"
    assert (
        files["住民基本台帳"]["個人情報ファイルが利用に供される事務をつかさどる組織の名称"]
        == "市民課"
    )
    # an unedited pre-filled cell follows the observation: 記録項目 of 相談記録 is pi-scan's
    assert files["相談記録.csv"]["記録項目"] == files["相談記録.csv"]["記録項目（観測）"]


def test_round_trip_marks_vanished_files_and_keeps_groups(scanned, tmp_path) -> None:
    book = tmp_path / "ファイル簿.xlsx"
    _export(scanned, book)
    rows, header = read_ledger(book, "個人情報ファイル簿")
    previous = tmp_path / "prev.csv"
    # the officer's notes, and a file that is no longer on the share
    rows[0]["備考"] = "年度ごとに更新"
    gone = dict(rows[-1])
    gone.update(
        {
            "台帳キー": "PI-0123456789abcdef",
            "パス": "総務課/旧名簿.csv",
            "個人情報ファイルの名称": "旧名簿",
            "ファイル定義": "",
        }
    )
    rows.append(gone)
    _save_as_csv(previous, rows, header)

    out = tmp_path / "next.xlsx"
    result = _export(scanned, out, merge=previous)
    assert (result.kept, result.new, result.gone) == (3, 0, 1)
    merged = _by_name(read_ledger(out, "個人情報ファイル簿")[0])
    assert merged["旧名簿"]["状態"] == "消失" and merged["旧名簿"]["消失確認日"]
    assert merged[rows[0]["個人情報ファイルの名称"]]["備考"] == "年度ごとに更新"
    assert merged["学齢簿"]["データセット数"] == "2"


def test_a_paper_file_people_added_is_kept_as_written(scanned, tmp_path) -> None:
    book = tmp_path / "f.csv"
    _export(scanned, book)
    rows, header = read_ledger(book)
    paper = dict.fromkeys(header, "")
    paper.update(
        {
            "個人情報ファイルの名称": "就学援助申請書綴",
            "個人情報ファイルの種別": "マニュアル処理",
            "本人の数": "1500",
            "公表の要否": "要",
        }
    )
    rows.append(paper)
    _save_as_csv(book, rows, header)
    result = _export(scanned, book, merge=book)
    assert result.gone == 0 and result.to_publish == 2
    kept = _by_name(read_ledger(book)[0])["就学援助申請書綴"]
    assert kept["状態"] == "手入力" and kept["個人情報ファイルの種別"] == "マニュアル処理"


def test_datasets_grouped_later_carry_their_notes_into_the_group(scanned, tmp_path) -> None:
    """Exported before [[files]] existed: two rows for the two years; once the group is
    declared, the first row's notes become the group's and nothing is marked 消失."""
    book = tmp_path / "f.csv"
    _export(scanned, book, files=())
    rows, _ = read_ledger(book)
    assert {r["個人情報ファイルの名称"] for r in rows} >= {"2023.csv", "2024.csv"}
    _fill(
        book,
        {
            "2023.csv": {"個人情報ファイルの利用目的": "就学事務"},
            "2024.csv": {"記録情報の収集方法": "住民基本台帳から"},
        },
    )
    result = _export(scanned, book, merge=book)
    assert result.gone == 0 and result.folded == 2
    merged = read_ledger(book)[0]
    states = {r["個人情報ファイルの名称"]: r["状態"] for r in merged}
    assert states["学齢簿"] == "現存"
    assert states["2024.csv"] == "統合"  # people wrote in it: kept, marked
    group = _by_name(merged)["学齢簿"]
    assert group["個人情報ファイルの利用目的"] == "就学事務"


def test_a_registry_ledger_is_not_merged_into_a_filebook(scanned, tmp_path) -> None:
    inv_path, _, _ = scanned
    registry = tmp_path / "台帳.csv"
    with Inventory(inv_path) as inv:
        export_ledger(inv, registry)
    with pytest.raises(LedgerError, match="個人情報管理台帳"):
        _export(scanned, tmp_path / "f.csv", merge=registry)
    book = tmp_path / "f.csv"
    _export(scanned, book)
    with Inventory(inv_path) as inv, pytest.raises(LedgerError, match="個人情報ファイル簿"):
        export_ledger(inv, tmp_path / "r.csv", merge=book)


runner = CliRunner(env={"COLUMNS": "200"})


def test_cli_profile_decides_the_default_ledger(scanned, tmp_path) -> None:
    _, _, config_file = scanned
    out = tmp_path / "book.csv"
    result = runner.invoke(app, ["export", "-o", str(out), "-c", str(config_file)])
    assert result.exit_code == 0, result.output
    assert "個人情報ファイル簿" in result.output and "公表が必要 / to publish" in result.output
    assert read_ledger(out)[1][4] == "個人情報ファイルの名称"
    # --format registry still writes the registry ledger
    reg = tmp_path / "reg.csv"
    result = runner.invoke(
        app, ["export", "--format", "registry", "-o", str(reg), "-c", str(config_file)]
    )
    assert result.exit_code == 0, result.output
    assert "管理責任者" in read_ledger(reg)[1]
    # a registry merged into the filebook: exit 2, nothing written
    bad = tmp_path / "bad.xlsx"
    result = runner.invoke(
        app, ["export", "-o", str(bad), "--merge", str(reg), "-c", str(config_file)]
    )
    assert result.exit_code == 2 and not bad.exists()


def test_report_shows_the_publication_test_first_for_public_bodies(scanned, tmp_path) -> None:
    inv_path, _, config_file = scanned
    with Inventory(inv_path) as inv:
        content = build_content(inv, None)
        public = with_profile(content, inv, "public", _settings(config_file))
        private = with_profile(content, inv, "private", _settings(config_file))
    assert public.publication is not None and private.publication is None
    assert public.publication.count("要") == 1 and public.publication.threshold == 1000
    assert [f.name for f in public.publication.files][:1] == ["住民名簿.csv"]

    result = runner.invoke(app, ["report", "-c", str(config_file)])
    text = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    first_publication = text.index("公表")
    first_distinct = text.index("本人の数 / distinct individuals")
    assert first_publication < first_distinct

    from pi_scan.report.views.html import render_html
    from pi_scan.report.views.xlsx_report import build_workbook

    html = render_html(public)
    assert html.index('id="publication"') < html.index('id="figure"')
    assert 'id="publication"' not in render_html(private)
    wb = build_workbook(public)
    assert "公表" in str(wb["概要"].cell(3, 1).value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[ledger]\nprofile = "city"\n', '"public" or "private"'),
        ('[ledger]\nprofle = "public"\n', "did you mean profile?"),
        ("[filebook]\npublish_threshold = -1\n", "an integer ≥ 0"),
        ('[organisation]\nnam = "x"\n', "did you mean name?"),
        ('[[files]]\npaths = ["a/**"]\n', "needs name"),
        ('[[files]]\nname = "学齢簿"\n', "needs paths"),
        ('[[files]]\nname = "学齢簿"\npaths = []\n', "a non-empty list"),
        ('[[files]]\nname = "a"\npaths = ["x"]\n[[files]]\nname = "a"\npaths = ["y"]\n', "twice"),
    ],
)
def test_config_is_checked(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "pi-scan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("?", r"\?")):
        load_config(path)


def test_config_defaults_and_values(tmp_path) -> None:
    assert ScanConfig().profile == "private" and ScanConfig().publish_threshold == 1000
    path = tmp_path / "pi-scan.toml"
    path.write_text(CONFIG, encoding="utf-8")
    cfg = load_config(path)
    assert cfg.profile == "public" and cfg.organisation_name == "みどり市教育委員会"
    assert cfg.files == (FileGroup("学齢簿", ("学校教育課/学齢簿/**",), "学校教育課"),)
