"""fixtures/make_share.py: determinism, truth consistent with the files, encodings, no drift."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "fixtures" / "make_share.py"
COMMITTED = ROOT / "fixtures" / "sample_share"
COMMITTED_TRUTH = ROOT / "fixtures" / "sample_share.truth.json"


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("pi_scan_fixture_make_share", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_share = _load_generator()


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("first") / "sample_share"
    truth = make_share.generate(out)
    return out, truth


def _datasets(truth: dict[str, Any], path: str) -> list[dict[str, Any]]:
    return [d for d in truth["datasets"] if d["path"] == path]


def _people(truth: dict[str, Any], role: str) -> dict[str, dict[str, Any]]:
    return {pid: p for pid, p in truth["people"].items() if p["role"] == role}


# -- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes(sample, tmp_path):
    # Every file, the encrypted workbook included: its salt and OLE timestamps are seeded.
    first, _ = sample
    second = tmp_path / "sample_share"
    make_share.generate(second)
    assert _tree(first) == _tree(second)
    truth_a = first.with_name("sample_share.truth.json").read_bytes()
    truth_b = second.with_name("sample_share.truth.json").read_bytes()
    assert truth_a == truth_b


def test_another_seed_gives_other_people(sample, tmp_path):
    _, truth = sample
    other = make_share.generate(tmp_path / "sample_share", seed=7)
    assert {p["name"] for p in other["people"].values()} != {
        p["name"] for p in truth["people"].values()
    }


def test_truth_is_beside_the_share_not_inside(sample):
    out, _ = sample
    assert out.with_name("sample_share.truth.json").is_file()
    assert not list(out.rglob("*.json"))


def test_sample_share_is_small(sample):
    out, truth = sample
    total = sum(len(b) for b in _tree(out).values())
    assert total < 1_000_000
    assert 40 <= truth["counts"]["by_role"]["student"] <= 60


# -- the truth agrees with itself and with the files --------------------------------------------


def test_every_file_is_in_the_truth_and_nothing_else(sample):
    out, truth = sample
    on_disk = set(_tree(out))
    assert on_disk == {f["path"] for f in truth["files"]}
    for d in truth["datasets"]:
        assert d["path"].split("!")[0] in on_disk


def test_counts_are_the_union_of_person_ids_over_counted_databases(sample):
    _, truth = sample
    counted = [d for d in truth["datasets"] if d["is_pi_database"] and d["status"] == "ok"]
    everyone = set().union(*(d["person_ids"] for d in counted))
    kept = set().union(*(d["person_ids"] for d in counted if not d["exclusion_candidate"]))
    counts = truth["counts"]
    assert counts["distinct_individuals"] == len(everyone)
    assert counts["distinct_individuals_excluding_commercial"] == len(kept)
    assert sum(counts["by_role"].values()) == len(everyone)
    assert truth["commercial_list"]["only_in_commercial_list"] == len(everyone - kept)
    # people named only in prose (minutes) are not counted
    mentioned = set(_people(truth, "mentioned_only"))
    assert mentioned and not mentioned & everyone
    # unreadable files hold nobody who is not also in a readable database
    for f in truth["files"]:
        assert set(f.get("hidden_person_ids", ())) <= everyone


def test_expected_counts_match_the_file_by_file_truth(sample):
    _, truth = sample
    assert make_share.expected_counts(truth["generator"]["people"]) == (
        truth["counts"]["distinct_individuals"],
        truth["counts"]["distinct_individuals_excluding_commercial"],
    )


def test_commercial_list_declaration(sample):
    _, truth = sample
    listing = truth["commercial_list"]
    assert listing["files"] == ["総務課/市販名簿/地域住民名簿_2024年版.csv"]
    (dataset,) = _datasets(truth, listing["files"][0])
    assert dataset["exclusion_candidate"] and dataset["is_pi_database"]
    assert [c["name"] for c in dataset["columns"]] == ["氏名", "住所", "電話番号"]
    residents = set(_people(truth, "resident"))
    ids = set(dataset["person_ids"])
    assert len(ids & residents) > 0.7 * len(ids)  # mostly people unrelated to the school
    assert ids - residents <= set(_people(truth, "guardian"))


def test_statuses_and_hard_negatives(sample):
    _, truth = sample
    by_status: dict[str, set[str]] = {}
    for d in truth["datasets"]:
        by_status.setdefault(d["status"], set()).add(d["path"])
        if d["status"] != "ok":
            assert d["is_pi_database"] is None and d["contains_personal_info"] is None
    assert by_status["encrypted"] == {"総務課/人事/2024年度_職員給与一覧.xlsx"}
    assert by_status["error"] == {
        "教務/成績/2023年度_成績一覧表.xlsx",
        "Users/tanaka/Downloads/名簿_バックアップ.zip",
    }
    assert any(p.endswith(".exe") for p in by_status["skipped"])
    negatives = {
        (d["path"], d["dataset"])
        for d in truth["datasets"]
        if d["status"] == "ok" and d["contains_personal_info"] is False
    }
    assert ("総務課/取引先一覧.xlsx", "取引先") in negatives
    assert ("総務課/資料/生徒姓別人数.csv", "") in negatives
    assert ("教務/統計/学年別_評定平均.xlsx", "評定平均") in negatives
    minutes = _datasets(truth, "総務課/議事録/2024-06-12_職員会議議事録.txt")[0]
    assert minutes["contains_personal_info"] and minutes["is_pi_database"] is False
    assert minutes["persons"] == 6


# -- the files say what the truth says ----------------------------------------------------------


def test_roster_workbook_matches_truth(sample):
    import openpyxl

    out, truth = sample
    path = "学年/3年/3年生徒名簿.xlsx"
    wb = openpyxl.load_workbook(out / path)
    assert wb.sheetnames == ["1組", "2組"]
    sheets = {d["dataset"]: d for d in _datasets(truth, path)}
    seen: list[str] = []
    for ws in wb:
        rows = list(ws.iter_rows(values_only=True))
        assert "生徒名簿" in rows[0][0] and "A1:K1" in {str(r) for r in ws.merged_cells.ranges}
        assert rows[2] == (None,) * len(rows[2])  # blank row before the header
        header_row = sheets[ws.title]["header_row"]
        assert rows[header_row][:3] == ("出席番号", "学籍番号", "氏名")
        data = rows[header_row + 1 :]
        assert len(data) == sheets[ws.title]["records"]
        seen += [str(r[1]) for r in data]
    students = _people(truth, "student")
    assert len(seen) == len(set(seen)) == len(students) == truth["counts"]["by_role"]["student"]
    assert set(seen) == {p["student_id"] for p in students.values()}
    # a guardian on the same row is another person
    assert all(d["persons"] > d["records"] for d in sheets.values())


def test_downloads_copy_is_byte_identical(sample):
    out, _ = sample
    assert (out / "学年/3年/3年生徒名簿.xlsx").read_bytes() == (
        out / "Users/tanaka/Downloads/3年生徒名簿(1).xlsx"
    ).read_bytes()


def test_grade_csv_is_cp932_with_ids_and_no_names(sample):
    out, truth = sample
    path = "教務/成績/2024年度_1学期_評定一覧.csv"
    text = (out / path).read_bytes().decode("cp932")
    lines = text.splitlines()
    assert lines[0].split(",") == ["年度", "学期", "学籍番号", "科目", "単位数", "評定"]
    (dataset,) = _datasets(truth, path)
    assert len(lines) - 1 == dataset["records"] == 48 * len(make_share.SUBJECTS[3])
    ids = {line.split(",")[2] for line in lines[1:]}
    assert ids == {p["student_id"] for p in _people(truth, "student").values()}
    assert dataset["is_pi_database"] and "PERSON" not in dataset["categories"]


def test_zip_member_name_is_cp932_without_utf8_flag(sample):
    out, truth = sample
    archive = out / "Users/tanaka/Downloads/名簿.zip"
    with zipfile.ZipFile(archive) as zf:  # no metadata_encoding: names come back as cp437
        infos = zf.infolist()
    assert all(info.flag_bits & 0x800 == 0 for info in infos)
    names = [info.filename.encode("cp437").decode("cp932") for info in infos]
    assert names == ["3年生名簿_2024.csv", "過去分.zip"]
    raw = archive.read_bytes()
    assert "3年生名簿_2024.csv".encode("cp932") in raw
    assert "3年生名簿_2024.csv".encode() not in raw
    with zipfile.ZipFile(archive, metadata_encoding="cp932") as zf:
        roster = zf.read("3年生名簿_2024.csv").decode("cp932")
        inner = zipfile.ZipFile(io.BytesIO(zf.read("過去分.zip")))
    assert len(roster.splitlines()) - 1 == 48
    assert any(ch in roster for ch in "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜ")
    assert "０" in roster or "－" in roster  # full-width digits / hyphens
    (member,) = inner.infolist()
    assert member.flag_bits & 0x800  # the nested zip was made by a modern tool
    nested = f"Users/tanaka/Downloads/名簿.zip!過去分.zip!{member.filename}"
    (dataset,) = _datasets(truth, nested)
    assert len(inner.read(member).decode("utf-8-sig").splitlines()) - 1 == dataset["records"]


def test_text_encodings(sample):
    out, truth = sample
    staff = (out / "総務課/職員一覧_2024.txt").read_bytes()
    assert staff[:2] == b"\xff\xfe"
    lines = staff.decode("utf-16").splitlines()
    assert lines[0].split("\t") == ["職員番号", "氏名", "職名", "内線", "メール"]
    assert len(lines) - 1 == truth["counts"]["by_role"]["staff"]
    club = (out / "教務/部活動/部員名簿_2024.csv").read_bytes()
    club.decode("euc_jp")
    with pytest.raises(UnicodeDecodeError):
        club.decode("utf-8")
    (out / "図書室/貸出記録_2024.csv").read_bytes().decode("shift_jis")  # strict, no CP932 extras
    assert (out / "Users/suzuki/Desktop/3年名簿_作業用.csv").read_bytes()[:3] == b"\xef\xbb\xbf"


def test_same_student_in_different_notations(sample):
    out, truth = sample
    variant = next(
        p
        for p in _people(truth, "student").values()
        if any(ch in p["registered_name"] for ch in "髙﨑")
    )
    family, given = variant["name"].split(" ")
    registered = variant["registered_name"].split(" ")[0]
    kana_family, kana_given = variant["kana"].split(" ")
    import openpyxl

    roster = openpyxl.load_workbook(out / "学年/3年/3年生徒名簿.xlsx")
    roster_names = {r[2] for ws in roster for r in ws.iter_rows(min_row=5, values_only=True)}
    assert f"{registered}　{given}" in roster_names  # registered kanji, full-width space
    guardians = openpyxl.load_workbook(out / "学年/3年/保護者連絡先一覧.xlsx").active
    assert f"{family} {given}" in {r[2] for r in guardians.iter_rows(values_only=True)}
    desktop = (out / "Users/suzuki/Desktop/3年名簿_作業用.csv").read_text(encoding="utf-8-sig")
    hiragana = make_share.to_hiragana(kana_family + kana_given)
    assert f"{family}{given},{hiragana}," in desktop  # no space, hiragana reading


def test_homonyms_and_twins_are_distinct_people(sample):
    _, truth = sample
    people = truth["people"]
    assert len(truth["pairs"]["homonyms"]) >= 2
    for a, b in truth["pairs"]["homonyms"]:
        assert people[a]["name"] == people[b]["name"]
        assert people[a]["student_id"] != people[b]["student_id"]
        assert people[a]["birth_date"] != people[b]["birth_date"]
    for a, b in truth["pairs"]["twins"]:
        assert people[a]["household"] == people[b]["household"]
        assert people[a]["birth_date"] == people[b]["birth_date"]
        assert people[a]["name"] != people[b]["name"]
    # twins share one guardian: one fewer guardian than students
    roles = truth["counts"]["by_role"]
    assert roles["guardian"] == roles["student"] - len(truth["pairs"]["twins"])


def test_encrypted_corrupt_and_truncated_files(sample):
    import msoffcrypto
    import openpyxl

    out, truth = sample
    with (out / "総務課/人事/2024年度_職員給与一覧.xlsx").open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        assert office.is_encrypted()
        office.load_key(password=truth["encrypted_password"])
        plain = io.BytesIO()
        office.decrypt(plain)
    rows = list(openpyxl.load_workbook(plain).active.iter_rows(values_only=True))
    assert len(rows) - 1 == truth["counts"]["by_role"]["staff"]
    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(out / "教務/成績/2023年度_成績一覧表.xlsx")
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(out / "Users/tanaka/Downloads/名簿_バックアップ.zip")


def test_documents_and_legacy_formats(sample):
    import docx
    import pandas as pd
    import xlrd

    out, truth = sample
    path = "総務課/学校運営協議会/第1回_出席者名簿.docx"
    (table,) = docx.Document(str(out / path)).tables
    (dataset,) = [d for d in _datasets(truth, path) if d["dataset"] == "表1"]
    assert [c.text for c in table.rows[0].cells] == [c["name"] for c in dataset["columns"]]
    assert len(table.rows) - 1 == dataset["records"] == dataset["persons"]

    records = (out / "教務/卒業生/2023年度卒業生_連絡先.txt").read_text(encoding="utf-8")
    (dataset,) = _datasets(truth, "教務/卒業生/2023年度卒業生_連絡先.txt")
    assert records.count("\n氏名: ") == records.count("\n住所: ") == dataset["records"]

    xls_path = "教務/旧データ/2023年度_3年生名簿.xls"
    if xls_path in {f["path"] for f in truth["files"]}:
        sheet = xlrd.open_workbook(str(out / xls_path)).sheet_by_index(0)
        (dataset,) = _datasets(truth, xls_path)
        assert sheet.row_values(dataset["header_row"])[0] == "学籍番号"
        assert sheet.nrows - dataset["header_row"] - 1 == dataset["records"]

    ods = pd.read_excel(out / "保健室/2024年度_健康診断結果.ods", engine="odf", sheet_name=None)
    assert list(ods) == ["3年"] and len(ods["3年"]) == 48


# -- scale and CLI ------------------------------------------------------------------------------


def test_people_for_total_straddles_the_target():
    below, above = make_share.people_for_total(700, preset="school")
    assert make_share.expected_counts(below, preset="school")[0] <= 700
    assert make_share.expected_counts(above, preset="school")[0] > 700
    truth = make_share.generate(None, people=above, preset="school")
    assert truth["counts"]["distinct_individuals"] > 700
    assert truth["counts"]["by_role"]["student"] == above


def test_school_preset_has_several_grades_and_siblings(tmp_path):
    truth = make_share.generate(tmp_path / "school", people=300, preset="school")
    rosters = {d["path"] for d in truth["datasets"] if d["path"].endswith("生徒名簿.xlsx")}
    assert rosters == {f"学年/{g}年/{g}年生徒名簿.xlsx" for g in (1, 2, 3)}
    assert truth["pairs"]["siblings"]
    roles = truth["counts"]["by_role"]
    assert roles["student"] == 300
    siblings_and_twins = len(truth["pairs"]["siblings"]) + len(truth["pairs"]["twins"])
    assert roles["guardian"] == 300 - siblings_and_twins


def test_cli_refuses_a_non_empty_directory(tmp_path, capsys):
    target = tmp_path / "share"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    with pytest.raises(SystemExit):
        make_share.main([str(target)])
    assert (target / "keep.txt").exists()
    assert make_share.main([str(target), "--dry-run"]) == 0
    assert json.loads(capsys.readouterr().out)["distinct_individuals"] > 100


# -- the committed sample share cannot drift ----------------------------------------------------


def test_committed_sample_share_matches_a_fresh_generation(tmp_path):
    committed = json.loads(COMMITTED_TRUTH.read_text(encoding="utf-8"))
    params = committed["generator"]
    fresh_dir = tmp_path / COMMITTED.name
    fresh = make_share.generate(
        fresh_dir, people=params["people"], seed=params["seed"], preset=params["preset"]
    )
    same = _tree(fresh_dir) == _tree(COMMITTED) and fresh == committed
    if not same and fresh["generator"]["versions"] != params["versions"]:
        pytest.skip(
            "library versions differ from those that made the committed share "
            f"({params['versions']}); regenerate with fixtures/README.md's command"
        )
    assert same, (
        "fixtures/sample_share is stale: regenerate it with "
        "`python fixtures/make_share.py fixtures/sample_share --force`"
    )
