from __future__ import annotations

from pi_scan.classify import classify
from pi_scan.model import Entity
from pi_scan.people import Hasher, person_records


def test_roster_columns(detector, make_table):
    ds = make_table(
        {
            "学籍番号": ["S2024001", "S2024002", "S2024003", "S2024004"],
            "氏名": ["山田 太郎", "髙橋 一郎", "佐藤花子", "鈴木 次郎"],
            "電話番号": [
                "090-1234-5678",
                "03-1234-5678",
                "０９０－１１１１－２２２２",
                "(06)1234-5678",
            ],
            "保護者氏名": ["山田 花子", "髙橋 次郎", "佐藤 一", "鈴木 二郎"],
            "列5": ["a@example.jp", "b@example.com", "c@school.ed.jp", "d@x.co.jp"],
        }
    )
    f = detector.detect(ds)
    assert f.records == 4
    got = {(c.column, c.entity, c.role) for c in f.columns}
    assert ("学籍番号", Entity.STUDENT_ID, "self") in got
    assert ("氏名", Entity.PERSON, "self") in got
    assert ("電話番号", Entity.PHONE_NUMBER, "self") in got
    assert ("保護者氏名", Entity.PERSON, "guardian") in got
    assert ("列5", Entity.EMAIL_ADDRESS, "self") in got
    for c in f.columns:
        for sample in c.masked_samples:
            assert "*" in sample


def test_record_structured_text(detector, make_text):
    body = "".join(
        f"氏名：{n}\n住所：東京都新宿区新宿1-2-{i}\n電話：090-1234-567{i}\n\n"
        for i, n in enumerate(["山田 太郎", "佐藤 花子", "鈴木 一郎"])
    )
    f = detector.detect(make_text(body))
    assert f.record_structured
    assert f.records == 3
    assert Entity.PERSON in f.entities


def test_surname_statistics_are_not_people(detector, make_table):
    ds = make_table(
        {"姓": ["佐藤", "鈴木", "高橋", "田中"], "人数": ["1,234", "1,100", "980", "870"]}
    )
    assert detector.detect(ds).columns == ()


def test_company_and_station_tables_have_no_person(detector, make_table):
    ds = make_table(
        {
            "会社名": ["山田商事株式会社", "佐藤建設", "鈴木工業", "高橋印刷有限会社"],
            "所在地": [
                "東京都新宿区新宿1-2-3",
                "大阪府大阪市北区梅田2-4-9",
                "横浜市西区1-1-1",
                "札幌市中央区北1条西2丁目1番",
            ],
            "駅名": ["中野坂上", "高田馬場", "吉祥寺", "三鷹"],
            "列4": ["中野", "新宿", "渋谷", "池袋"],
        }
    )
    entities = {(c.column, c.entity) for c in detector.detect(ds).columns}
    assert all(e not in ("PERSON", "PERSON_KANA") for _, e in entities)
    assert ("所在地", "ADDRESS") in entities


def test_readings_of_stations_and_places_are_not_name_readings(detector, make_table):
    stations = make_table(
        {
            "駅名": ["大宮", "上野", "新宿", "熊谷", "浦和"],
            "よみ": ["おおみや", "うえの", "しんじゅく", "くまがや", "うらわ"],
            "1日平均乗降客数": ["596291", "125920", "775386", "32000", "91000"],
        }
    )
    assert detector.detect(stations).columns == ()
    # beside a name column, the same layout is a roster's reading
    roster = make_table(
        {
            "クラス": ["1組", "1組", "2組", "2組", "3組"],
            "よみ": ["やまだ たろう", "さとう はなこ", "すずき いち", "たなか けん", "いとう あい"],
            "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "田中 健", "伊藤 愛"],
        }
    )
    entities = {(c.column, c.entity) for c in detector.detect(roster).columns}
    assert ("よみ", Entity.PERSON_KANA) in entities


def test_counts_named_after_sensitive_terms_are_not_sensitive(detector, make_table):
    schools = make_table(
        {
            "学校名": ["第一小学校", "第二小学校", "東中学校", "西中学校"],
            "特別支援学級数": ["2", "0", "3", "1"],
            "児童生徒数": ["412", "388", "520", "301"],
        }
    )
    assert Entity.SENSITIVE not in detector.detect(schools).entities
    health = make_table(
        {
            "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎"],
            "視力(右)": ["A", "B", "C"],
            "歯科所見": ["CO", "要観察", ""],
            "学習の所見": ["意欲的", "丁寧", "積極的"],
        }
    )
    sensitive = {c.column for c in detector.detect(health).columns if c.entity is Entity.SENSITIVE}
    assert sensitive == {"視力(右)", "歯科所見"}  # a report card's 所見 is no health result


def test_a_table_of_counts_holds_no_sensitive_data(detector, make_table):
    counts = make_table({"要介護度": ["要支援1", "要支援2", "要介護1"], "人数": ["12", "8", "5"]})
    assert detector.detect(counts).columns == ()
    users = make_table(
        {
            "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎"],
            "要介護度": ["要支援1", "要支援2", "要介護1"],
        }
    )
    assert Entity.SENSITIVE in detector.detect(users).entities


def test_a_spouse_and_dependants_are_people_of_their_own(detector, make_table):
    hr = make_table(
        {
            "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎"],
            "配偶者氏名": ["山田 花子", "佐藤 健", "鈴木 恵子"],
            "扶養親族1 氏名": ["山田 翔", "佐藤 陽菜", "鈴木 蓮"],
            "扶養親族1 生年月日": ["2012-04-01", "2015-06-30", "2010-01-15"],
            "扶養親族2 氏名": ["山田 愛", "", "鈴木 陸"],
            "扶養親族2 生年月日": ["2014-09-09", "", "2013-03-03"],
        }
    )
    findings = detector.detect(hr)
    roles = {c.column: c.role for c in findings.columns}
    assert roles == {
        "氏名": "self",
        "配偶者氏名": "family",
        "扶養親族1 氏名": "family1",
        "扶養親族1 生年月日": "family1",
        "扶養親族2 氏名": "family2",
        "扶養親族2 生年月日": "family2",
    }
    records = person_records(hr, findings, Hasher(b"k" * 32))
    assert len(records) == 3 + 3 + 3 + 2  # each named person on a row is one record


def test_a_name_taken_for_a_header_never_reaches_the_rationale(detector, make_table):
    """A vertical record sheet: the first person's name ends up as a column header, and the
    column's values mention 要配慮 terms. The decision's rationale names the column by its
    safe label (列N), never by that header."""
    ds = make_table(
        {
            "氏名": ["佐藤 亮介", "既往歴", "服薬", "伊藤 花子", "既往歴", "服薬"],
            "山本 直子": ["", "喘息", "あり", "", "糖尿病", "なし"],
        }
    )
    findings = detector.detect(ds)
    assert Entity.SENSITIVE in findings.entities
    decision = classify(ds, findings)
    assert "山本" not in decision.rationale
    assert "列2" in decision.rationale


def test_postal_codes_at_the_head_of_address_cells_are_found(detector, make_table):
    addresses = [
        "〒068-5743\n北海道岩見沢市1条西1-1",
        "〒657-6019 兵庫県神戸市灘区1-2-3",
        "041-8273 北海道函館市末広町4-19",
    ]
    names = ["山田 太郎", "佐藤 花子", "鈴木 一郎"]
    found = detector.detect(make_table({"氏名": names, "住所": addresses})).columns
    postal = [c for c in found if c.entity is Entity.POSTAL_CODE]
    assert [(c.column, c.hit_rate) for c in postal] == [("住所", 1.0)]
    assert "068-****" in postal[0].masked_samples
    plain = ["北海道岩見沢市1条西1-1", "兵庫県神戸市灘区1-2-3", "北海道函館市末広町4-19"]
    found = detector.detect(make_table({"氏名": names, "住所": plain})).columns
    assert Entity.POSTAL_CODE not in {c.entity for c in found}


def test_no_raw_values_in_findings(detector, make_table):
    names = ["山田 太郎", "髙橋 一郎", "佐藤 花子", "鈴木 次郎"]
    phones = ["090-1234-5678", "03-1234-5678", "080-1111-2222", "070-3333-4444"]
    f = detector.detect(make_table({"氏名": names, "電話": phones}))
    text = repr(f)
    assert not any(v in text for v in names + phones)
