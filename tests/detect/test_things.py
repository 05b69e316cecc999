"""Tables of things are not databases, decided from their values (issue 14 item 1)."""

from __future__ import annotations

import pandas as pd
import pytest

from pi_scan.classify import classify
from pi_scan.detect import things
from pi_scan.model import Dataset, DatasetKind, Entity, FileRef

REF = FileRef("/r", "a.csv", "/r/a.csv", 1, "2024-01-01T00:00:00", "u", 0o644, False)


def _judge(detector, data: dict[str, list]):
    table = pd.DataFrame({k: [str(v) for v in vs] for k, vs in data.items()})
    ds = Dataset(REF, kind=DatasetKind.TABLE, table=table)
    findings = things.judge(table, detector.detect(ds), detector.names)
    return findings, classify(ds, findings)


TOWNS = ["中島", "高林", "森田町", "住吉", "和地山", "鴨江", "富塚町", "佐鳴台", "蜆塚", "布橋"]
TOWN_KANA = ["ナカジマ", "タカバヤシ", "モリタチョウ", "スミヨシ", "ワジヤマ", "カモエ",
             "トミツカチョウ", "サナルダイ", "シジミヅカ", "ヌノハシ"]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "reading_header"),
    [("町名", "ヨミ"), ("地区", "よみ"), ("区域", "ふりがな"), ("場所", "カナ")],
)
def test_towns_with_their_readings(detector, header: str, reading_header: str) -> None:
    findings, decision = _judge(
        detector,
        {
            header: TOWNS,
            reading_header: TOWN_KANA,
            "郵便番号": [f"430-09{i:02d}" for i in range(10)],
            "世帯数": [3123 - 97 * i for i in range(10)],
        },
    )
    assert not decision.is_pi_database and not decision.contains_personal_info
    assert "読み" in decision.rationale
    assert Entity.PERSON_KANA not in findings.entities


def test_a_disease_master_with_readings(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "ICD10": ["I10", "E11.9", "E78.5", "J45.9", "K21.9", "M81.0"],
            "傷病名": ["本態性高血圧症", "2型糖尿病", "脂質異常症", "気管支喘息",
                       "逆流性食道炎", "骨粗鬆症"],
            "よみ": ["ほんたいせいこうけつあつしょう", "にがたとうにょうびょう",
                     "ししついじょうしょう", "きかんしぜんそく", "ぎゃくりゅうせいしょくどうえん",
                     "こつそしょうしょう"],
        },
    )  # fmt: skip
    assert not decision.is_pi_database


def test_a_reading_beside_names_is_still_a_roster(detector) -> None:
    # the kanji column holds people's names (not found as PERSON here: no header word): the
    # reading column reads them, the table is a roster
    names = ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎", "田中 三郎", "伊藤 四郎"]
    kana = ["ヤマダ タロウ", "サトウ ハナコ", "スズキ イチロウ", "タカハシ ジロウ",
            "タナカ サブロウ", "イトウ シロウ"]  # fmt: skip
    _findings, decision = _judge(detector, {"メンバー": names, "フリガナ": kana})
    assert decision.is_pi_database


def test_surname_frequency_table(detector) -> None:
    surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "斎藤", "斉藤"]
    kana = ["さとう", "すずき", "たかはし", "たなか", "いとう", "わたなべ", "やまもと",
            "なかむら", "さいとう", "さいとう"]  # fmt: skip
    _findings, decision = _judge(
        detector,
        {
            "順位": list(range(1, 11)),
            "姓": surnames,
            "よみ": kana,
            "人数": [30778, 27682, 25178, 21000, 19000, 17000, 15000, 13000, 9000, 8000],
        },
    )
    assert not decision.is_pi_database
    assert "集計" in decision.rationale


def test_given_name_ranking(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "順位": [1, 2, 3, 4, 5, 6],
            "名前": ["蓮", "陽翔", "湊", "蒼", "樹", "大翔"],
            "よみ": ["れん", "はると", "みなと", "あおい", "いつき", "ひろと"],
            "人数": [300, 293, 286, 240, 240, 201],
        },
    )
    assert not decision.is_pi_database


def test_a_class_list_with_split_names_and_numbers_is_a_roster(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "番号": [1, 2, 3, 4, 5, 6],
            "姓": ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤"],
            "名": ["太郎", "花子", "一郎", "次郎", "三郎", "四郎"],
        },
    )
    assert decision.is_pi_database


def test_historical_figures(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "氏名": ["杉田 玄白", "前野 良沢", "華岡 青洲", "緒方 洪庵", "北里 柴三郎"],
            "よみ": ["すぎた げんぱく", "まえの りょうたく", "はなおか せいしゅう",
                     "おがた こうあん", "きたさと しばさぶろう"],
            "生年": [1733, 1723, 1760, 1810, 1853],
            "没年": [1817, 1803, 1835, 1863, 1931],
        },
    )  # fmt: skip
    assert not decision.is_pi_database and not decision.contains_personal_info
    assert "歴史上の人物" in decision.rationale


def test_living_people_with_birth_dates_are_people(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎"],
            "生年月日": ["1950-04-05", "1962-06-01", "1975-11-30", "2001-01-15"],
        },
    )
    assert decision.is_pi_database and not decision.uncertain


def test_names_found_by_their_values_alone_are_an_uncertain_database(detector) -> None:
    # a duty rota: names in columns whose headers name no field (内科系当直)
    names = ["村田 ひとみ", "小川 陽菜", "吉川 昭", "中村 和美", "鈴木 敏夫", "松尾 直美",
             "前田 澄子", "野村 健", "山田 太郎", "佐藤 花子"]  # fmt: skip
    _findings, decision = _judge(
        detector, {"日付": [f"11/{i}" for i in range(1, 11)], "内科系当直": names}
    )
    assert decision.is_pi_database
    assert decision.uncertain


def test_historical_figures_with_a_lifespan_column(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "氏名": ["杉田 玄白", "前野 良沢", "華岡 青洲", "緒方 洪庵", "北里 柴三郎"],
            "よみ": ["すぎた げんぱく", "まえの りょうたく", "はなおか せいしゅう",
                     "おがた こうあん", "きたさと しばさぶろう"],
            "生没年": ["1733-1817", "1723-1803", "1760-1835", "1810-1863", "1853-1931"],
            "事績": ["解体新書", "解体新書", "麻酔", "適塾", "破傷風"],
        },
    )  # fmt: skip
    assert not decision.is_pi_database


def test_a_roster_with_four_digit_numbers_is_a_roster(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "会員": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎", "田中 三郎"],
            "氏名": ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎", "田中 三郎"],
            "コード": ["1001", "1002", "1003", "1004", "1005"],
            "入会": ["1850", "1851", "1852", "1853", "1854"],
        },
    )
    assert decision.is_pi_database


SURNAMES = ["青木", "秋山", "浅野", "芦田", "阿部", "新井", "荒木", "安藤", "飯田", "池田", "石井",
            "石川"]  # fmt: skip
SURNAME_KANA = ["あおき", "あきやま", "あさの", "あしだ", "あべ", "あらい", "あらき", "あんどう",
                "いいだ", "いけだ", "いしい", "いしかわ"]  # fmt: skip


def test_surname_counts_sorted_by_reading_with_shares(detector) -> None:
    """姓 | よみ | 顧客数 | 構成比, in the order of the readings: counts beside shares say how
    many, whatever the order."""
    counts = [11, 3, 4, 5, 9, 2, 7, 6, 1, 8, 12, 10]
    _findings, decision = _judge(
        detector,
        {
            "姓": SURNAMES,
            "よみ": SURNAME_KANA,
            "顧客数": counts,
            "構成比": [f"{c / 2300:.2%}" for c in counts],
        },
    )
    assert not decision.is_pi_database
    assert "名前の一覧" in decision.rationale


def test_a_dictionary_of_surname_readings(detector) -> None:
    _findings, decision = _judge(
        detector,
        {
            "姓": SURNAMES,
            "よみ": SURNAME_KANA,
            "異体字": ["", "", "", "", "", "", "", "", "飯田", "", "", ""],
            "備考": [""] * 12,
        },
    )
    assert not decision.is_pi_database


def test_given_names_with_ages_are_still_people(detector) -> None:
    """A column about each person (年齢) is no statistic of names: a nursery's list stays."""
    _findings, decision = _judge(
        detector,
        {
            "名前": ["さくら", "はると", "ゆい", "そうた", "ひな", "れん", "みお", "いつき"],
            "年齢": [5, 4, 5, 3, 4, 5, 3, 4],
            "クラス": ["ばら", "ゆり", "ばら", "もも", "ゆり", "ばら", "もも", "ゆり"],
        },
    )
    assert "名前の一覧" not in decision.rationale


def test_suppliers_accounts_are_no_persons(detector) -> None:
    """取引先名 of firms, 代表者 holding a title, 口座名義 in the banks' notation (ｶ)…): the
    accounts are the firms'. The same accounts with a person's name on each row are people's."""
    firms = ["石川農林", "鈴木情報", "井上食品", "小川情報", "藤井水産", "高橋運輸"]
    table = {
        "取引先名": [f"{f}株式会社" for f in firms],
        "代表者": ["代表取締役社長"] * 6,
        "所在地": [f"東京都千代田区神田{i}-{i}-1" for i in range(1, 7)],
        "銀行": ["商工中金"] * 6,
        "支店": ["柏支店"] * 6,
        "口座番号": [f"{8356325 + 7 * i}" for i in range(6)],
        "口座名義": [f"ｶ）{f}" for f in firms],
    }
    findings, decision = _judge(detector, table)
    assert not decision.is_pi_database
    assert Entity.PERSON not in findings.entities and Entity.BANK_ACCOUNT not in findings.entities
    people = dict(table, 代表者=["石川 一郎", "鈴木 花子", "井上 健太", "小川 美咲", "藤井 翔太",
                                 "高橋 結衣"])  # fmt: skip
    people["口座名義"] = ["ｲｼｶﾜ ｲﾁﾛｳ", "ｽｽﾞｷ ﾊﾅｺ", "ｲﾉｳｴ ｹﾝﾀ", "ｵｶﾞﾜ ﾐｻｷ", "ﾌｼﾞｲ ｼｮｳﾀ",
                         "ﾀｶﾊｼ ﾕｲ"]  # fmt: skip
    _findings, decision = _judge(detector, people)
    assert decision.is_pi_database


def test_a_name_or_a_body_column_is_read_by_its_values(detector) -> None:
    """株主名簿: 氏名又は名称 holds people's names and a few bodies' names: the header's
    thing word (名称) does not hide the people."""
    holders = ["長谷川 亜希子", "佐藤 昭", "森 七海", "鈴木 美結", "東京中央信用金庫", "高橋 智也",
               "野田 剛", "中野 翔太", "北原 結菜", "山田 海斗"]  # fmt: skip
    findings, decision = _judge(
        detector,
        {
            "株主番号": [f"{i:05d}" for i in range(1, 11)],
            "氏名又は名称": holders,
            "所有株式数": [1000 * (i + 1) for i in range(10)],
        },
    )
    assert Entity.PERSON in findings.entities
    assert decision.is_pi_database
