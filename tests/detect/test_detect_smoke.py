from __future__ import annotations

from pi_scan.model import Entity


def test_roster_columns(detector, make_table):
    ds = make_table({
        "学籍番号": ["S2024001", "S2024002", "S2024003", "S2024004"],
        "氏名": ["山田 太郎", "髙橋 一郎", "佐藤花子", "鈴木 次郎"],
        "電話番号": ["090-1234-5678", "03-1234-5678", "０９０－１１１１－２２２２",
                     "(06)1234-5678"],
        "保護者氏名": ["山田 花子", "髙橋 次郎", "佐藤 一", "鈴木 二郎"],
        "列5": ["a@example.jp", "b@example.com", "c@school.ed.jp", "d@x.co.jp"],
    })
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
