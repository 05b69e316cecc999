from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pi_scan.model import (
    ColumnFinding,
    Dataset,
    DatasetKind,
    Entity,
    FileRef,
    Findings,
    PeopleEstimate,
    PersonRecords,
)
from pi_scan.people import (
    Hasher,
    clustering,
    estimate_people,
    individuals_per_dataset,
    load_or_create_secret,
    person_records,
)
from pi_scan.people.keys import ATTRIBUTES, KEY_COLUMNS

HASHER = Hasher(b"k" * 32)
REF = FileRef("/r", "x.csv", "/r/x.csv", 1, "2024-01-01T00:00:00Z", "u", 0o644, True)


def _records(rows: list[dict[str, str]], columns: dict[str, tuple[Entity, str]]) -> PersonRecords:
    table = pd.DataFrame(rows, dtype=str)
    findings = Findings(
        columns=tuple(
            ColumnFinding(column=c, entity=e, confidence=0.9, role=role)
            for c, (e, role) in columns.items()
        ),
        records=len(table),
    )
    ds = Dataset(file=REF, kind=DatasetKind.TABLE, table=table)
    return person_records(ds, findings, HASHER)


ROSTER_COLS = {
    "学籍番号": (Entity.STUDENT_ID, "self"),
    "氏名": (Entity.PERSON, "self"),
    "フリガナ": (Entity.PERSON_KANA, "self"),
    "生年月日": (Entity.DATE_OF_BIRTH, "self"),
    "電話番号": (Entity.PHONE_NUMBER, "self"),
    "保護者氏名": (Entity.PERSON, "guardian"),
}
ROSTER = [
    {
        "学籍番号": "S001",
        "氏名": "髙橋 太郎",
        "フリガナ": "タカハシ タロウ",
        "生年月日": "2008-04-05",
        "電話番号": "090-1111-2222",
        "保護者氏名": "髙橋 一郎",
    },
    {
        "学籍番号": "S002",
        "氏名": "山田 花子",
        "フリガナ": "ヤマダ ハナコ",
        "生年月日": "2008-06-01",
        "電話番号": "090-3333-4444",
        "保護者氏名": "山田 洋子",
    },
    # 同姓同名: another 山田 花子, told apart by ID and birth date
    {
        "学籍番号": "S003",
        "氏名": "山田 花子",
        "フリガナ": "ヤマダ ハナコ",
        "生年月日": "2008-11-30",
        "電話番号": "080-5555-6666",
        "保護者氏名": "山田 聡",
    },
]


def _all(
    *parts: PersonRecords, counted: tuple[bool, ...] | None = None
) -> tuple[list[PersonRecords], list[bool]]:
    return list(parts), list(counted or [True] * len(parts))


def test_a_row_with_student_and_guardian_is_two_people() -> None:
    recs = _records(ROSTER, ROSTER_COLS)
    assert len(recs) == 6
    assert set(recs.frame()["role"]) == {"self", "guardian"}
    result = estimate_people(*_all(recs))
    assert (result.estimate.low, result.estimate.estimate, result.estimate.high) == (6, 6, 6)


def test_no_raw_values_in_records() -> None:
    recs = _records(ROSTER, ROSTER_COLS)
    text = recs.frame().to_csv()
    stored = pickle.dumps(recs)  # what the inventory keeps
    for row in ROSTER:
        for value in row.values():
            assert value not in text and value.encode() not in stored
    assert "09011112222" not in text and "高橋太郎".encode() not in stored


def test_same_students_across_files_and_notations_are_counted_once() -> None:
    roster = _records(ROSTER, ROSTER_COLS)
    grades = _records(
        [
            {"学籍番号": sid, "科目": subj, "評定": "4"}
            for sid in ("S001", "S002", "S003")
            for subj in ("国語", "数学", "英語")
        ],
        {"学籍番号": (Entity.STUDENT_ID, "self")},
    )
    # A copy in Downloads, typed differently: variant kanji, no space, full-width phone, hiragana
    copy = _records(
        [
            {
                "氏名": "高橋太郎",
                "ふりがな": "たかはしたろう",
                "電話": "０９０－１１１１－２２２２",
            },
            {"氏名": "山田　花子", "ふりがな": "やまだ はなこ", "電話": "09033334444"},
        ],
        {
            "氏名": (Entity.PERSON, "self"),
            "ふりがな": (Entity.PERSON_KANA, "self"),
            "電話": (Entity.PHONE_NUMBER, "self"),
        },
    )
    # A guardian list: guardians are different people from the students on the same row
    guardians = _records(
        [
            {"保護者氏名": "髙橋 一郎", "電話": "090-1111-2222", "生徒氏名": "髙橋 太郎"},
            {"保護者氏名": "山田 洋子", "電話": "090-3333-4444", "生徒氏名": "山田 花子"},
        ],
        {
            "保護者氏名": (Entity.PERSON, "guardian"),
            "電話": (Entity.PHONE_NUMBER, "guardian"),
            "生徒氏名": (Entity.PERSON, "self"),
        },
    )
    result = estimate_people(*_all(roster, grades, copy, guardians))
    est = result.estimate
    # 3 students + 3 guardians
    assert est.estimate == 6
    assert est.high >= est.estimate >= est.low
    # High merges on strong keys only. The guardian list's people have no ID or birth date,
    # but each is named beside the other on the row (guardian of student), as in the roster:
    # that pair is a strong key, so even the high bound finds the 6.
    assert est.high == 6
    per = individuals_per_dataset([roster, grades, copy, guardians], result.labels)
    assert per == [6, 3, 2, 4]


def test_namesakes_with_conflicting_keys_are_never_merged() -> None:
    a = _records(
        [
            {"氏名": "佐藤 健", "生年月日": "2008-01-01"},
            {"氏名": "佐藤 健", "生年月日": "2009-02-02"},
        ],
        {"氏名": (Entity.PERSON, "self"), "生年月日": (Entity.DATE_OF_BIRTH, "self")},
    )
    est = estimate_people(*_all(a)).estimate
    assert (est.low, est.estimate, est.high) == (2, 2, 2)


def test_name_only_lists_bound_the_estimate() -> None:
    named = _records([{"氏名": "鈴木 一"}, {"氏名": "鈴木 一"}], {"氏名": (Entity.PERSON, "self")})
    est = estimate_people(*_all(named)).estimate
    assert (est.low, est.estimate, est.high) == (1, 1, 2)


def test_low_bound_merges_plausible_duplicates() -> None:
    # Same reading and phone, kanji typed differently (斉藤/斎藤): plausibly one person.
    a = _records(
        [{"氏名": "斉藤 愛", "フリガナ": "サイトウ アイ", "電話": "090-1234-5678"}],
        {
            "氏名": (Entity.PERSON, "self"),
            "フリガナ": (Entity.PERSON_KANA, "self"),
            "電話": (Entity.PHONE_NUMBER, "self"),
        },
    )
    b = _records(
        [{"氏名": "斎藤 愛", "フリガナ": "サイトウ アイ", "メール": "ai@example.jp"}],
        {
            "氏名": (Entity.PERSON, "self"),
            "フリガナ": (Entity.PERSON_KANA, "self"),
            "メール": (Entity.EMAIL_ADDRESS, "self"),
        },
    )
    est = estimate_people(*_all(a, b)).estimate
    assert (est.low, est.estimate, est.high) == (1, 2, 2)


def test_excluded_datasets_are_not_counted_unless_people_appear_elsewhere() -> None:
    roster = _records(ROSTER[:1], ROSTER_COLS)  # 髙橋 太郎 + guardian
    phonebook = _records(
        [
            {"氏名": "高橋 太郎", "電話": "090-1111-2222"},
            {"氏名": "中村 誠", "電話": "03-1234-5678"},
        ],
        {"氏名": (Entity.PERSON, "self"), "電話": (Entity.PHONE_NUMBER, "self")},
    )
    counted = estimate_people(*_all(roster, phonebook, counted=(True, True))).estimate
    excluded = estimate_people(*_all(roster, phonebook, counted=(True, False))).estimate
    assert counted.estimate == 3
    assert excluded.estimate == 2


def test_split_name_columns_make_one_name() -> None:
    a = _records(
        [{"姓": "田中", "名": "実"}], {"姓": (Entity.PERSON, "self"), "名": (Entity.PERSON, "self")}
    )
    b = _records([{"氏名": "田中 実"}], {"氏名": (Entity.PERSON, "self")})
    assert a.column("name")[0] == b.column("name")[0] != 0


def test_scales_to_many_people_quickly() -> None:
    n = 60_000
    rows = [{"学籍番号": f"S{i:06d}", "氏名": f"生徒{i}", "電話": f"090{i:08d}"} for i in range(n)]
    cols = {
        "学籍番号": (Entity.STUDENT_ID, "self"),
        "氏名": (Entity.PERSON, "self"),
        "電話": (Entity.PHONE_NUMBER, "self"),
    }
    recs = _records(rows, cols)
    est = estimate_people(*_all(recs, recs)).estimate
    assert (est.low, est.estimate, est.high) == (n, n, n)


def test_secret_is_created_owner_only_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "state" / "secret.key"
    key = load_or_create_secret(path)
    assert len(key) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_secret(path) == key


def test_bad_secret_is_refused(tmp_path: Path) -> None:
    from pi_scan.people import SecretError

    path = tmp_path / "secret.key"
    path.write_text("not hex")
    with pytest.raises(SecretError):
        load_or_create_secret(path)


def test_unnamed_role_columns_belong_to_the_named_person() -> None:
    staff = _records(
        [{"職員番号": "E01", "氏名": "木村 拓", "メール": "k@example.jp"}],
        {
            "職員番号": (Entity.EMPLOYEE_ID, "staff"),
            "氏名": (Entity.PERSON, "self"),
            "メール": (Entity.EMAIL_ADDRESS, "self"),
        },
    )
    staff_keys = staff.frame()
    assert len(staff) == 1 and staff_keys.loc[0, "employee_id"] != 0
    assert staff_keys.loc[0, "student_id"] == 0
    contacts = _records(
        [{"担当者氏名": "森 由美", "電話番号": "03-1234-5678", "メール": "m@example.co.jp"}],
        {
            "担当者氏名": (Entity.PERSON, "staff"),
            "電話番号": (Entity.PHONE_NUMBER, "self"),
            "メール": (Entity.EMAIL_ADDRESS, "self"),
        },
    )
    assert len(contacts) == 1 and contacts.column("email")[0] != 0


def test_records_are_64_bit_keys_separated_by_kind() -> None:
    recs = _records(
        [{"学籍番号": "1001", "職員番号": "1001", "氏名": "佐藤 健"}, {"氏名": "佐藤 健"}],
        {
            "学籍番号": (Entity.STUDENT_ID, "self"),
            "職員番号": (Entity.EMPLOYEE_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
        },
    )
    assert recs.keys.dtype == "uint64" and recs.keys.shape == (2, len(KEY_COLUMNS))
    first, second = recs.frame().iloc[0], recs.frame().iloc[1]
    # The same digits as a student number and as a staff number are two different keys.
    assert first["student_id"] not in (0, first["employee_id"])
    assert second["student_id"] == second["employee_id"] == 0  # 0: not known
    assert first["name"] == second["name"] != 0
    other = person_records(
        Dataset(file=REF, kind=DatasetKind.TABLE, table=pd.DataFrame([{"氏名": "佐藤 健"}])),
        Findings(columns=(ColumnFinding("氏名", Entity.PERSON, 0.9, role="self"),), records=1),
        Hasher(b"x" * 32),
    )
    assert other.column("name")[0] != first["name"]  # another installation's secret, another key


def _random_parts(
    seed: int, datasets: int = 6, rows: int = 300, dated: bool = False
) -> list[PersonRecords]:
    """Records whose keys collide a lot: few names, some birth dates, phones and IDs missing.
    ``dated``: every record has a birth date, and the same student numbers recur across
    datasets (rosters of several schools), so namesake groups are large and fully dated."""
    rng = np.random.default_rng(seed)
    parts = []
    for _ in range(datasets):
        n = rows
        keys = np.zeros((n, len(KEY_COLUMNS)), dtype=np.uint64)
        for j, column in enumerate(KEY_COLUMNS):
            spread = {"name": 40, "kana": 45, "birth": 120, "link": 500}.get(column, 200)
            values = rng.integers(1, spread, n).astype(np.uint64)
            rate = 0.2 if column in ("name", "kana") else 0.6
            if dated and column == "birth":
                rate = 0.0
            if dated and column == "student_id":
                values, rate = np.arange(1, n + 1, dtype=np.uint64), 0.0
            missing = rng.random(n) < rate
            keys[:, j] = np.where(missing, 0, values)
        parts.append(
            PersonRecords.of(
                rows=rng.integers(0, n // 2, n).astype(np.int64),  # two people on some rows
                roles=np.zeros(n, np.int8),
                role_names=("self",),
                keys=keys,
            )
        )
    return parts


def _same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


@pytest.mark.parametrize("seed", range(5))
def test_skipping_hopeless_groups_changes_nothing(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = _random_parts(seed)
    fast = estimate_people(parts)
    monkeypatch.setattr(clustering._ComponentState, "hopeful", lambda self, key, level: (key, None))
    slow = estimate_people(parts)
    assert fast.estimate == slow.estimate
    assert _same_partition(fast.labels, slow.labels)
    assert fast.estimate.low < fast.estimate.estimate < fast.estimate.high  # the data bites


@pytest.mark.parametrize("seed", range(3))
def test_skipping_lone_dated_components_changes_nothing(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = _random_parts(seed, rows=400, dated=True)
    alone_seen = []
    hopeful = clustering._ComponentState.hopeful

    def spy(self, key, level):
        kept, alone = hopeful(self, key, level)
        alone_seen.append(0 if alone is None else int(alone.sum()))
        return kept, alone

    monkeypatch.setattr(clustering._ComponentState, "hopeful", spy)
    fast = estimate_people(parts)
    assert sum(alone_seen) > 1_000  # the cheap path is taken, often
    monkeypatch.setattr(clustering._ComponentState, "hopeful", lambda self, key, level: (key, None))
    slow = estimate_people(parts)
    assert fast.estimate == slow.estimate
    assert _same_partition(fast.labels, slow.labels)


def test_lone_components_use_up_tries_as_their_failed_unions_did(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A switchboard phone shared by ten people with their own birth dates, then two more
    born the same day: the low bound tries eight roots per record, and skipping the lone
    ones must not let the last two reach each other when the full tries would not."""
    n = 12
    keys = np.zeros((n, len(KEY_COLUMNS)), dtype=np.uint64)
    keys[:, KEY_COLUMNS.index("name")] = np.arange(1, n + 1)  # twelve different names
    keys[:, KEY_COLUMNS.index("birth")] = [*range(100, 110), 500, 500]
    keys[:, KEY_COLUMNS.index("phone")] = 77
    parts = [PersonRecords.of(np.arange(n, dtype=np.int64), np.zeros(n, np.int8), ("self",), keys)]
    fast = estimate_people(parts)
    monkeypatch.setattr(clustering._ComponentState, "hopeful", lambda self, key, level: (key, None))
    slow = estimate_people(parts)
    assert fast.estimate == slow.estimate == PeopleEstimate(estimate=12, low=12, high=12)


def test_labels_by_pointer_jumping_are_the_roots_find_gives() -> None:
    rng = np.random.default_rng(3)
    n = 2_000
    codes = {attr: np.full(n, -1, dtype=np.int64) for attr in (*ATTRIBUTES, "link")}
    clusters = clustering._Clusters(codes, np.arange(n, dtype=np.int64), {})
    for a, b in rng.integers(0, n, (1_500, 2)).tolist():
        clusters.union(a, b, clustering.Level.PLAUSIBLE)
    expected = [clusters.find(i) for i in range(n)]
    labels = clusters.labels()
    assert labels.tolist() == expected
    assert len(set(expected)) < n - 1_000  # long chains were built
    assert list(clusters.parent) == expected  # paths compressed, roots unchanged
    assert clusters.labels().tolist() == expected


def test_distinct_values_per_group_match_pandas() -> None:
    rng = np.random.default_rng(4)
    group = rng.integers(0, 300, 5_000)
    values = rng.integers(-1, 40, 5_000)
    counts = clustering._distinct_per_group(group, values, 300)
    expected = pd.Series(values).groupby(group).nunique().reindex(range(300), fill_value=0)
    assert counts.tolist() == expected.tolist()


def test_identical_records_are_found_even_when_their_mix_collides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    columns = [np.array([3, 1, 3, 2, 1, 3]), np.array([7, 7, 7, 7, 8, 7])]
    expected = [0, 1, 0, 3, 4, 0]
    assert clustering._first_of_equal(columns).tolist() == expected
    monkeypatch.setattr(clustering, "_MIX", np.uint64(0))  # every record mixes to 0
    assert clustering._first_of_equal(columns).tolist() == expected


@pytest.mark.parametrize("key_length", [16, 32, 64, 65, 200])
def test_a_hashed_column_has_the_keys_of_its_values_hashed_one_by_one(key_length: int) -> None:
    # column() continues from precomputed HMAC states; it must give exactly hmac.digest's keys
    hasher = Hasher(bytes(range(256))[:key_length])
    values = pd.Series(["髙橋太郎", "", "09012345678", None, "髙橋太郎", "a\x1fb", "x" * 200])
    expected = [hasher("name", v) if isinstance(v, str) else 0 for v in values]
    assert hasher.column("name", values).tolist() == expected
    assert expected[1] == expected[3] == 0 and 0 not in (expected[0], expected[2])
    assert hasher.column("name", pd.Series([], dtype=object)).tolist() == []
    # a short array of str (person records') is factorised by a dict: the same keys
    strings = np.array([v for v in values if isinstance(v, str)], dtype=object)
    assert hasher.column("name", strings).tolist() == [hasher("name", v) for v in strings]
    assert hasher.column("link", pd.Series([12, 12, 7], dtype=object)).tolist() == [
        hasher("link", "12"),
        hasher("link", "12"),
        hasher("link", "7"),
    ]


def test_records_travel_without_the_key_columns_nobody_has() -> None:
    """A worker's result and the inventory's cache carry only the key columns in use."""
    recs = _records(
        [{"氏名": "佐藤 健", "電話": "090-1111-2222"}, {"氏名": "高橋 花子", "電話": ""}] * 500,
        {"氏名": (Entity.PERSON, "self"), "電話": (Entity.PHONE_NUMBER, "self")},
    )
    blob = pickle.dumps(recs, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(blob)
    assert back.frame().equals(recs.frame())
    assert back.packed.dtype == np.uint64 and back.used == recs.used
    assert recs.used == (KEY_COLUMNS.index("name"), KEY_COLUMNS.index("phone"))
    used = recs.keys.nbytes * 2 // len(KEY_COLUMNS)  # name and phone
    assert len(blob) < used + recs.rows.nbytes + recs.roles.nbytes + 1_000
    empty = pickle.loads(pickle.dumps(PersonRecords.empty()))
    assert len(empty) == 0 and empty.keys.shape == (0, len(KEY_COLUMNS))


def test_patients_match_across_files_by_their_patient_number_and_billing_birth_date() -> None:
    # A hospital's outpatient list, its billing (レセプト) export and a dispensing record: the
    # patient number (MEMBER_ID) links the first two whatever the name's notation; the billing
    # export's era-coded birth date (3380405 = 昭和38年4月5日) links the kana-only record.
    outpatients = _records(
        [
            {"患者ID": "00058959", "氏名": "佐藤 美桜", "生年月日": "1963-04-05"},
            {"患者ID": "00034928", "氏名": "髙橋 典子", "生年月日": "1996-03-05"},
        ],
        {
            "患者ID": (Entity.MEMBER_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "生年月日": (Entity.DATE_OF_BIRTH, "self"),
        },
    )
    billing = _records(
        [
            {"患者番号": "00058959", "氏名": "佐藤　美桜", "カナ": "ｻﾄｳ ﾐｵ", "生年月日": "3380405"},
            {"患者番号": "00034928", "氏名": "高橋典子", "カナ": "ﾀｶﾊｼ ﾉﾘｺ", "生年月日": "4080305"},
        ],
        {
            "患者番号": (Entity.MEMBER_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "カナ": (Entity.PERSON_KANA, "self"),
            "生年月日": (Entity.DATE_OF_BIRTH, "self"),
        },
    )
    dispensing = _records(
        [{"患者カナ": "サトウ ミオ", "生年月日": "S38.04.05"}],
        {
            "患者カナ": (Entity.PERSON_KANA, "self"),
            "生年月日": (Entity.DATE_OF_BIRTH, "self"),
        },
    )
    # a staff member whose staff number equals a patient number is someone else
    staff = _records(
        [{"職員番号": "00058959", "氏名": "鈴木 一郎"}],
        {"職員番号": (Entity.EMPLOYEE_ID, "self"), "氏名": (Entity.PERSON, "self")},
    )
    est = estimate_people(*_all(outpatients, billing, dispensing, staff)).estimate
    assert (est.low, est.estimate, est.high) == (3, 3, 3)


def test_numbers_of_two_systems_neither_match_nor_contradict() -> None:
    # The hospital's patient number (00012345) and its patients' association's member number
    # (K0123) are both MEMBER_IDs; the same person holds one of each, and the name + phone
    # links them. A bare "ID" column (found in every family) beside a billing export whose
    # insurance-card 番号 is also bare: the 患者番号 alone keys the export.
    patients = _records(
        [{"患者ID": "00012345", "氏名": "佐藤 美桜", "電話": "090-1111-2222"}],
        {
            "患者ID": (Entity.MEMBER_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "電話": (Entity.PHONE_NUMBER, "self"),
        },
    )
    members = _records(
        [{"会員番号": "K0123", "氏名": "佐藤 美桜", "電話": "09011112222"}],
        {
            "会員番号": (Entity.MEMBER_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "電話": (Entity.PHONE_NUMBER, "self"),
        },
    )
    table = pd.DataFrame([{"ID": "00012345", "名前": "佐藤美桜"}], dtype=str)
    findings = Findings(
        columns=(
            *(ColumnFinding("ID", e, 0.9) for e in (Entity.STUDENT_ID, Entity.MEMBER_ID)),
            ColumnFinding("名前", Entity.PERSON, 0.9),
        ),
        records=1,
    )
    extract = person_records(
        Dataset(file=REF, kind=DatasetKind.TABLE, table=table), findings, HASHER
    )
    table = pd.DataFrame(
        [{"患者番号": "00012345", "氏名": "佐藤　美桜", "番号": "6347"}], dtype=str
    )
    findings = Findings(
        columns=(
            ColumnFinding("患者番号", Entity.MEMBER_ID, 0.9),
            ColumnFinding("氏名", Entity.PERSON, 0.9),
            *(ColumnFinding("番号", e, 0.9) for e in (Entity.STUDENT_ID, Entity.MEMBER_ID)),
        ),
        records=1,
    )
    billing = person_records(
        Dataset(file=REF, kind=DatasetKind.TABLE, table=table), findings, HASHER
    )
    est = estimate_people(*_all(patients, members, extract, billing)).estimate
    assert (est.low, est.estimate, est.high) == (1, 1, 1)
    # two patients of one numbering system with different numbers stay two, namesakes or not
    other = _records(
        [{"患者ID": "00054321", "氏名": "佐藤 美桜", "電話": "080-3333-4444"}],
        {
            "患者ID": (Entity.MEMBER_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "電話": (Entity.PHONE_NUMBER, "self"),
        },
    )
    est = estimate_people(*_all(patients, other)).estimate
    assert (est.low, est.estimate, est.high) == (2, 2, 2)


def test_same_name_and_reading_in_lists_with_disjoint_keys_is_one_person() -> None:
    # An HR list (staff number, phone) and a health-check list (examinee number, birth date)
    # share no strong key; the same name read the same way makes one person in the estimate,
    # not in the high bound. A namesake told apart by a birth date stays another person.
    staff = _records(
        [
            {
                "職員番号": "00123",
                "氏名": "髙橋 典子",
                "フリガナ": "タカハシ ノリコ",
                "携帯": "090-1111-2222",
            }
        ],
        {
            "職員番号": (Entity.EMPLOYEE_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "フリガナ": (Entity.PERSON_KANA, "self"),
            "携帯": (Entity.PHONE_NUMBER, "self"),
        },
    )
    checkups = _records(
        [
            {
                "受診番号": "K2400001",
                "氏名": "高橋 典子",
                "カナ": "ﾀｶﾊｼ ﾉﾘｺ",
                "生年月日": "1980-01-02",
            },
            {
                "受診番号": "K2400002",
                "氏名": "高橋 典子",
                "カナ": "タカハシ ノリコ",
                "生年月日": "1991-05-06",
            },
        ],
        {
            "受診番号": (Entity.MEMBER_ID, "self"),
            "氏名": (Entity.PERSON, "self"),
            "カナ": (Entity.PERSON_KANA, "self"),
            "生年月日": (Entity.DATE_OF_BIRTH, "self"),
        },
    )
    est = estimate_people(*_all(staff, checkups)).estimate
    assert (est.estimate, est.high) == (2, 3)
