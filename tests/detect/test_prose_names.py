"""Names in prose (issue 14, item 5): full names, katakana foreign names, names before titles.

The office-register text (prose_names_office.txt, invented people only) is the corpus these
tests use; the WAC benchmark (benchmarks/detection/prose_names) is not needed here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect.prose_model import MODEL_FILE, NameModel
from pi_scan.model import Entity

OFFICE = Path(__file__).with_name("prose_names_office.txt")
# Office text the model was never trained or tuned on (see its header)
HELDOUT = Path(__file__).with_name("prose_names_office_heldout.txt")
_HEAD = re.compile(r"^=== (?P<title>.+) \((?P<kind>people|no people)\)$")
_NAME = re.compile(r"⟦([^⟧]+)⟧")


@dataclass(frozen=True)
class OfficeDoc:
    title: str
    text: str  # without the ⟦ ⟧ marks
    names: tuple[tuple[int, int], ...]  # expected spans in text
    no_people: bool


def load_office(path: Path = OFFICE) -> list[OfficeDoc]:
    """The documents of the office-register file, with the marked names as spans."""
    docs: list[OfficeDoc] = []
    title, kind, lines = "", "", []

    def flush() -> None:
        if not title:
            return
        marked = "\n".join(lines).strip("\n")
        text, names, pos = [], [], 0
        for m in _NAME.finditer(marked):
            text.append(marked[pos : m.start()])
            start = sum(map(len, text))
            text.append(m.group(1))
            names.append((start, start + len(m.group(1))))
            pos = m.end()
        text.append(marked[pos:])
        docs.append(OfficeDoc(title, "".join(text), tuple(names), kind == "no people"))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        head = _HEAD.match(line)
        if head:
            flush()
            title, kind, lines = head["title"], head["kind"], []
        else:
            lines.append(line)
    flush()
    return docs


def spans(detector, text: str) -> set[str]:
    return {sp.text for sp in detector.text.person_spans(text)}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("雑誌の連載は手塚治虫原作の漫画である。", "手塚治虫"),
        ("担任の山田太郎先生から連絡があった。", "山田太郎"),
        ("田中　花子様より申込書が届いた。", "田中 花子"),  # NFKC: the full-width space
        ("本日、佐藤部長から説明を受けた。", "佐藤"),
        ("鈴木看護師がご家族に連絡した。", "鈴木"),
        ("松本医師の回診は午後です。", "松本"),  # Sudachi tags 松本 a place: the title decides
        ("来日したジョン・スミスは講演した。", "ジョン・スミス"),
        ("刑事のジョン・ブックさんが証人を守る。", "ジョン・ブック"),  # ブック: a word; 様 decides
        ("グエン・ヴァン・アンさんが来庁した。", "グエン・ヴァン・アン"),
        ("面談には小林看護師長が同席した。", "小林"),
        ("教頭の石田までお問い合わせください。", "石田"),
        # a family name and a given name apart, whatever Sudachi calls the given name
        ("担任　松本 真理", "松本 真理"),  # 真理: a common noun
        ("患者氏名：斉藤 ヨシ子　様", "斉藤 ヨシ子"),  # ヨシ + 子
        ("欠席者：東海林 ひろみ委員", "東海林 ひろみ"),
        # foreign names before an honorific or a personal title, and in romaji
        ("明日はダンさんが休みです。", "ダン"),
        ("訪問看護ステーション　ヤン・リー看護師が同席した。", "ヤン・リー"),
        ("ご質問はEmily Brownさん経由でも承ります。", "Emily Brown"),
        ("通訳として、当社のNGUYEN Van Anが同行いたします。", "NGUYEN Van An"),
        ("窓口はKenji Watanabe（渡辺）に変更となりました。", "Kenji Watanabe"),
        # a family name alone where office text puts a person
        ("報告者：藤原　確認者：看護師長", "藤原"),
        ("お疲れ様です。総務部の小林です。", "小林"),
        ("事務局　小野寺", "小野寺"),
        ("日程調整は事務局の小野寺から連絡する。", "小野寺"),
        ("氏名：山本花子　住所：東京都千代田区神田1-2-3", "山本花子"),  # a label, an address after
        # children's given names in hiragana
        ("そうたくんとゆいちゃんは仲良しです。", "そうた"),
        ("そうたくんとゆいちゃんは仲良しです。", "ゆい"),
    ],
)
def test_names_found(detector, sentence, name):
    assert name in spans(detector, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "石川県の会議に出席した。",
        "本日の議題は予算です。",
        "山田商店と佐藤工務店に見積もりを依頼した。",
        "株式会社山田の担当者に連絡する。",
        "福島駅から松本駅まで移動した。",
        "部長会議と課長会議は月曜日に行う。",
        "お客様と皆様へのお知らせです。",
        "ニューヨーク・タイムズの記事を読んだ。",
        # not people, beside the rules above
        "パートさんとヘルパーさんに伝えてください。",  # katakana common nouns before さん
        "おばあちゃんとあかちゃんが来院した。",
        "Home Pageを更新しました。",  # two romaji-shaped English words
        "Microsoft Teamsで会議を行う。",
        "山田 商店で購入した。",  # a space, then a thing's word
        "中村 本日欠席",  # 本日 is no given name
        "場所：松本市役所",
        "営業部の松本出張所への訪問",  # a unit の a place: no particle after the family name
    ],
)
def test_no_names(detector, sentence):
    assert spans(detector, sentence) == set()


def test_office_text_recall_and_precision(detector):
    """The labelled office text: most names found exactly, few false ones, none where no one
    is mentioned (the figures are in benchmarks/detection/prose_names/README.md)."""
    tp = fp = fn = 0
    no_people_fp = 0
    for doc in load_office():
        pred = {(sp.start, sp.end) for sp in detector.text.person_spans(doc.text)}
        gold = set(doc.names)
        if doc.no_people:
            assert not gold
            no_people_fp += len(pred)
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.8
    assert no_people_fp <= 1


def test_text_findings_are_masked(detector, make_text):
    body = "本日、⟦山田 太郎⟧様と佐藤部長、ジョン・スミスさんが来社した。".replace("⟦", "").replace(
        "⟧", ""
    )
    findings = {f.entity: f for f in detector.detect(make_text(body)).text}
    person = findings[Entity.PERSON]
    assert person.count == 3
    for sample in person.masked_samples:
        assert "*" in sample
        assert sample not in body
    assert "山田" not in person.evidence and "ジョン" not in person.evidence


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a family name alone, after the full name earlier in the same text (the model)
        ("営業部の山田太郎が担当する。山田は来週から出張である。", "山田"),
        ("会議には木下 亮が出席した。木下から報告があった。", "木下"),
    ],
)
def test_name_alone_after_the_full_name(detector, text, name):
    found = [sp for sp in detector.text.person_spans(text) if sp.text == name]
    assert found and found[-1].start == text.rindex(name)


def test_model_file_is_small_plain_json():
    """The learned weights ship as data: JSON of feature → weight, small, rebuilt by
    benchmarks/detection/prose_names/train.py; no feature is a proper noun's surface."""
    path = BUILTIN_RECOGNIZERS / MODEL_FILE
    assert path.stat().st_size < 300_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert 0.5 <= data["threshold"] < 1.0
    assert all(isinstance(w, float | int) for w in data["weights"].values())
    model = NameModel.load(path)
    assert model is not None and model.weights == data["weights"]
    # context words are kept only when ordinary: a katakana word or a proper noun is its tag
    assert not [k for k in data["weights"] if re.search(r"=[ァ-ヺー]{2,}(?:$|\.)", k)]


def test_rules_only_without_the_model(detector):
    from pi_scan.detect.prose_names import ProseNameFinder

    finder = ProseNameFinder(detector.text.names.surnames, detector.text.names.titles, model=None)
    assert finder.model is None
    assert [sp.text for sp in finder.find("担任の山田太郎先生から連絡があった。")] == ["山田太郎"]


def test_heldout_office_text(detector):
    """Held-out office text: precision kept, and no name where no one is mentioned."""
    tp = fp = fn = no_people_fp = 0
    for doc in load_office(HELDOUT):
        pred = {(sp.start, sp.end) for sp in detector.text.person_spans(doc.text)}
        gold = set(doc.names)
        if doc.no_people:
            assert not gold
            no_people_fp += len(pred)
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    assert tp + fn >= 40
    assert tp / (tp + fp) >= 0.9
    assert no_people_fp == 0
