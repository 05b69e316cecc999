"""PERSON in prose: Sudachi's 人名 tags, the surname dictionary and title words, token by token.

Sudachi (split mode C) tags family names 人名-姓, given names 人名-名, and whole names it knows
(手塚治虫) or foreign name parts (ジョン, ヒトラー) 人名-一般. The rules, each kept because it
held its precision on the training split of a labelled corpus (benchmarks/detection/prose_names):

- 姓 + 名, with or without a space between (山田太郎, 田中　花子, 岡田 あすか);
- a whole name Sudachi knows (人名-一般, kanji): 手塚治虫;
- katakana parts joined by ・, ＝ or a space, one of them tagged 人名 (ジョン・ブック);
- a family name, a given name or a katakana run right before a title or role word
  (recognizers/titles.txt: 佐藤先生, 鈴木部長, 花子さん, マリアさん); the family name may be a
  dictionary surname Sudachi tags a place (松本医師) — the title decides;
- a 姓 alone before 氏 / 家 / ら (徳川家, 足利氏).

A candidate right after 株式会社 / (株) or right before a word naming a thing (商店, 工務店,
駅, 病院 ...: 山田商店, 佐藤工務店) is not a person. The span never includes the title.

The precise rules (HARD_RULES) decide alone. Every other candidate — the other rules' names,
and names with no evidence beside them (家康, ニクソン, 山田は) — is scored by the learned
model of ``prose_model`` (recognizers/prose_names_model.json), which remembers the full names
met earlier in the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

from sudachipy import Dictionary, SplitMode, Tokenizer

from pi_scan.config import BUILTIN_RECOGNIZERS
from pi_scan.detect.names import NOT_PERSON_SUFFIX, load_foreign_names
from pi_scan.detect.prose_model import (
    MODEL_FILE,
    Context,
    NameModel,
    candidates,
    features,
    sure_name,
)
from pi_scan.detect.shapes import KANJI, KATAKANA
from pi_scan.normalize import VARIANT_KANJI

_KATAKANA_WORD = re.compile(rf"[{KATAKANA}]+")
_LATIN_WORD = re.compile(r"[A-Z][A-Za-z.'-]*")
_HAS_KANJI = re.compile(rf"[{KANJI}]")
_KANJI_WORD = re.compile(rf"[{KANJI}]+")
_RUN_START = re.compile(rf"[{KATAKANA}A-Z]")  # a token that may open a foreign name
# Joiners between the parts of a foreign name: ジョン・ブック, ジャン＝ジャック, ジョン ブック
_JOINERS = frozenset({"・", "＝", "=", "·", " ", "\u3000"})
# Words right after a family name that make it a family, not a thing: 徳川家, 山田夫妻
_FAMILY_AFTER = frozenset({"家", "一家", "一族", "ら", "夫妻", "夫人"})
# Words right before a name that make it a company: 株式会社山田, (株)佐藤
_COMPANY_BEFORE = frozenset({"株式会社", "有限会社", "合同会社", "(株)", "(有)", "㈱", "㈲"})
# A thing named after a family: NOT_PERSON_SUFFIX, less 家 (山田家 is people)
_THING_EXTRA = re.compile(r"(?:工務店|クリニック|記念|賞|通り|ビル|ホール|文庫|商事|産業|語)$")
# Rules kept whatever the model says (WAC train: カナ・カナ 125 right / 12 wrong, 姓+家 13 / 0;
# a kanji name before a title or role word, which WAC's encyclopaedia prose hardly has but
# office text is full of: 松本医師, 教頭の石田). The other rules' names are the model's
# candidates, with the rule as a feature: a name before 氏 (in history a clan: 足利氏, WAC train
# 34 right, 16 wrong) and katakana before a title (WAC train 2 right, 5 wrong: さん, 選手).
HARD_RULES = frozenset(
    {
        *("カナ・カナ", "姓+家", "姓+敬称", "名+敬称", "姓+名+敬称", "役職+姓"),
        # office prose (tests/detect/prose_names_office*.txt, benchmarks/detection/prose_unseen):
        # a foreign name before an honorific or a personal title (グエン・ヴァン・アン さん,
        # ダンさん, Emily Brownさん: not 選手 or 代表, which follow countries as often), a family
        # name and a given name apart (松本 真理, 斉藤 ヨシ子), romaji names (Kenji Watanabe,
        # NGUYEN Van An), and a family name alone where office text puts a person: after a
        # label (報告者：藤原) or as the writer (総務部の小林です)
        *("カナ名+敬称", "ラテン名+敬称", "姓_名", "ラテン名", "項目：姓", "項目：姓名", "姓+です"),
    }
)
# Words after a family name when a writer names himself (総務部の小林です), and what opens them
_SELF_INTRODUCTION = frozenset({"です", "でございます", "と"})
_SENTENCE_OPEN = frozenset({"の", "。", "、", " ", "\u3000", "！", "!"})
# Labels a person's name follows in office records (報告者：藤原, 記録：坂上, 事務局　小野寺)
_PERSON_LABELS = frozenset(
    {
        *("氏名", "名前", "お名前", "患者氏名", "利用者氏名", "申請者氏名"),
        *("担当", "記録", "記入", "作成", "文責", "司会", "書記", "事務局", "連絡先", "窓口"),
        *("夜勤", "日勤", "当番", "当直", "宿直", "送迎", "引継ぎ", "引継", "確認", "承認"),
    }
)
_PERSON_LABEL_ENDS = ("者", "員", "係", "役", "人", "担当")
# A unit of an organisation before の and a family name (事務局の小野寺から, 経理課の齊藤です)
_UNIT = re.compile(r"(?:課|部|局|室|係|班|病棟|支店|営業所|センター|事務局|研究室)$")
_GIVEN_PART = re.compile(rf"[{KANJI}ぁ-ゖァ-ヺー]+")
# A given name: one to three kanji, two to four kana, or kana and a kanji ending (ヨシ子)
_GIVEN_NAME = re.compile(rf"[{KANJI}]{{1,3}}|[ぁ-ゖァ-ヺー]{{2,4}}|[ぁ-ゖァ-ヺー]{{1,3}}[子美郎]")
# A Japanese reading in Hepburn romaji (watanabe, kenji, shōta, ryuu, itto)
_HEPBURN = re.compile(
    r"(?:[aiueoāīūēō]|(?:[kgsztdnhbpmrfj]|ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|j|w|y)[aiueoāīūēō]h?"
    r"|n(?![aiueoy])|([kgstdbpmcj])(?=\1))+"
)
# A hiragana given name before a child's honorific and a particle or a non-hiragana character,
# not inside a hiragana word
_CHILD_NAME = re.compile(
    r"(?<![ぁ-ゖー])([ぁ-ゖー]{2,4})(?:くん|ちゃん)(?=[とはがのにもへやを]|[^ぁ-ゖ]|$)"
)
_FAMILY_WORDS = frozenset(
    {
        *("あか", "おばあ", "ばあ", "おじい", "じい", "おにい", "にい", "おねえ", "ねえ", "おかあ"),
        *("かあ", "おとう", "とう", "ぼう", "おぼっ", "じょう", "おじょう", "みな", "みんな"),
    }
)
MAX_TITLE_TOKENS = 3  # 看護師長 is 看護 + 師長 in Sudachi
# Titles written after places and organisations as often as after people: after a word Sudachi
# tags a place they do not make it a family name (横浜市長, 大阪支店長, 東京理事会).
PLACE_TITLES = frozenset(
    {
        *("市長", "町長", "村長", "区長", "知事", "首相", "大臣", "議員", "議長", "委員"),
        *("委員長", "代表", "会長", "社長", "支店長", "店長", "所長", "院長", "園長", "校長"),
        *("局長", "理事長", "理事", "次長", "室長", "担任", "選手", "監督", "コーチ"),
    }
)


class _Kind(Enum):
    FAMILY = auto()  # 人名-姓
    GIVEN = auto()  # 人名-名
    PERSON = auto()  # 人名-一般: a whole name, or a part of a foreign one
    PLACE = auto()  # 地名
    SPACE = auto()
    PARTICLE = auto()  # 助詞, 補助記号: where a name ends
    UNKNOWN = auto()  # not in Sudachi's dictionary (ソトマヨル, ワーノック)
    OTHER = auto()


# Sudachi kinds that make a lone katakana or Latin word a name before an honorific (ダンさん,
# ハルさん): not パートさん, ヘルパーさん, which Sudachi calls common nouns
_NAME_KINDS = frozenset({_Kind.PERSON, _Kind.GIVEN, _Kind.FAMILY, _Kind.UNKNOWN})


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    text: str
    score: float
    why: str  # which rule, for the evidence column


@dataclass(frozen=True, slots=True)
class _Tokens:
    """One window's Sudachi tokens as plain lists (Morpheme calls cross into Rust each time)."""

    surfaces: list[str]
    kinds: list[_Kind]
    begins: list[int]
    ends: list[int]
    pos: list[tuple[str, ...]]  # Sudachi's six levels, for the model
    oov: list[bool]

    def __len__(self) -> int:
        return len(self.surfaces)


class ProseNameFinder:
    """Names in a (NFKC-normalised) window of prose. One Sudachi tokenizer per process."""

    def __init__(
        self,
        surnames: frozenset[str],
        titles: frozenset[str],
        tokenizer: Tokenizer | None = None,
        model: NameModel | bool | None = True,
    ) -> None:
        """``tokenizer``: a Sudachi tokenizer to share (spaCy's, in the Detector). Each
        Sudachi dictionary maps ~240 MB of address space, and workers run under an address
        space limit: a third one made CSV reads fail with MemoryError. ``model``: the learned
        scorer of names the rules do not find (True: the one shipped in recognizers/, if any;
        None or False: rules only)."""
        self.surnames = surnames
        self.titles = titles
        self.foreign_names = load_foreign_names([BUILTIN_RECOGNIZERS])
        self._tokenizer = tokenizer or Dictionary().create(SplitMode.C)
        self._kinds: dict[int, _Kind] = {}
        self._pos: dict[int, tuple[str, ...]] = {}
        if model is True:
            model = NameModel.load(BUILTIN_RECOGNIZERS / MODEL_FILE)
        self.model: NameModel | None = model or None
        # Fold only the variant kanji Sudachi does not know (髙, 﨑, 𠮷): folding 嶋 → 島 would
        # turn 長嶋 (a family name) into 長島 (a place).
        self._fold = str.maketrans(
            {
                variant: common
                for variant, common in VARIANT_KANJI.items()
                if any(m.is_oov() for m in self._tokenizer.tokenize(variant, SplitMode.C))
            }
        )

    def find(self, text: str, seen: list[str] | None = None) -> list[NameSpan]:
        """Spans (offsets into ``text``) of the names in it, left to right, not overlapping.
        ``text`` must be under Sudachi's limit (49,149 bytes): a window, not a whole file.
        ``seen``: full names met earlier in the same document (徳川家康 … 家康), extended here."""
        toks = self._tokenize(text.translate(self._fold))  # one for one: offsets hold
        rules = self._rules(toks, text)
        if self.model is None:
            return [sp for _, _, sp in rules]
        spans = []
        taken = [False] * len(toks)
        for s, e, sp in rules:
            if self.is_hard(toks, e, sp.why):
                spans.append(sp)
                taken[s : e + 1] = [True] * (e + 1 - s)
        found = []
        threshold = self.model.threshold
        for s, e, feats in self.scored(toks, rules, seen if seen is not None else []):
            if any(taken[s : e + 1]):
                continue
            p = self.model.probability(feats)
            if p >= threshold and not self._is_thing(toks, s, e):
                found.append((p, s, e))
        for p, s, e in sorted(found, reverse=True):  # the likeliest of overlapping candidates
            if any(taken[s : e + 1]):
                continue
            taken[s : e + 1] = [True] * (e + 1 - s)
            start, end = toks.begins[s], toks.ends[e]
            spans.append(NameSpan(start, end, text[start:end], round(p, 3), "model"))
        spans += self._child_names(text, spans)
        return sorted(spans, key=lambda sp: sp.start)

    @staticmethod
    def _child_names(text: str, spans: list[NameSpan]) -> list[NameSpan]:
        """Given names in hiragana before くん / ちゃん (そうたくん, ゆいちゃん), as nursery and
        school notes write children: Sudachi cuts them anywhere (そう + たくん). Not family
        words (おばあちゃん, 赤ちゃん written あかちゃん)."""
        out = []
        for m in _CHILD_NAME.finditer(text):
            name = m.group(1)
            if name in _FAMILY_WORDS or any(
                sp.start < m.end(1) and m.start(1) < sp.end for sp in spans
            ):
                continue
            out.append(NameSpan(m.start(1), m.end(1), name, 0.7, "かな名+くん"))
        return out

    def is_hard(self, toks: _Tokens, last: int, why: str) -> bool:
        """A rule's name kept whatever the model says (HARD_RULES, not before 氏)."""
        if why not in HARD_RULES:
            return False
        k = last + 1
        if k < len(toks) and toks.kinds[k] is _Kind.SPACE:
            k += 1
        return k >= len(toks) or toks.surfaces[k] != "氏"

    def scored(
        self, toks: _Tokens, rules: list[tuple[int, int, NameSpan]], seen: list[str]
    ) -> list[tuple[int, int, list[str]]]:
        """(first, last, features) of every candidate, left to right. ``seen`` grows with the
        full names (姓+名, 徳川家康, ジョン・スミス) and the rules' names of this window:
        the model is trained with the same memory, never with its own guesses."""
        ctx = Context(
            self.surnames,
            lambda j: self._title_after(toks, j),
            lambda i: self._title_before(toks, i),
            lambda j: bool(
                NOT_PERSON_SUFFIX.search(toks.surfaces[j]) or _THING_EXTRA.search(toks.surfaces[j])
            ),
            _FAMILY_AFTER,
            _COMPANY_BEFORE,
        )
        why = {(s, e): sp.why for s, e, sp in rules}
        cands = candidates(toks, self.surnames)
        cands = sorted(set(cands) | why.keys())
        memory = sorted(
            [(toks.ends[e], s, e) for s, e in cands if sure_name(toks, s, e) or (s, e) in why]
        )
        out = []
        m = 0
        for s, e in cands:
            while m < len(memory) and memory[m][0] <= toks.begins[s]:
                _, ms, me = memory[m]
                seen.append("".join(toks.surfaces[ms : me + 1]))
                m += 1
            feats = features(toks, s, e, ctx, seen)
            if (s, e) in why:
                feats.append(f"rule={why[s, e]}")
            out.append((s, e, feats))
        for _, ms, me in memory[m:]:
            seen.append("".join(toks.surfaces[ms : me + 1]))
        del seen[:-200]  # a document's last names are enough
        return out

    def _rules(self, toks: _Tokens, text: str) -> list[tuple[int, int, NameSpan]]:
        """The rules' names, with their first and last tokens."""
        spans: list[tuple[int, int, NameSpan]] = []
        i = 0
        while i < len(toks):
            found = self._match(toks, i)
            if found is None:
                i += 1
                continue
            last, score, why = found
            start, end = toks.begins[i], toks.ends[last]
            if not self._is_thing(toks, i, last):
                spans.append((i, last, NameSpan(start, end, text[start:end], score, why)))
            i = last + 1
        return spans

    def tokens(self, text: str) -> _Tokens:
        """``text``'s tokens, as the finder sees them (for the model's training script)."""
        return self._tokenize(text.translate(self._fold))

    def _tokenize(self, text: str) -> _Tokens:
        surfaces, kinds, begins, ends, poses, oovs = [], [], [], [], [], []
        known = self._kinds
        pos_of = self._pos
        for m in self._tokenizer.tokenize(text, SplitMode.C):
            surfaces.append(m.surface())
            pos_id = m.part_of_speech_id()
            kind = known.get(pos_id)
            if kind is None:
                pos_of[pos_id] = m.part_of_speech()
                kind = known[pos_id] = _kind_of(pos_of[pos_id])
            oov = m.is_oov()
            kinds.append(_Kind.UNKNOWN if oov else kind)
            begins.append(m.begin())
            ends.append(m.end())
            poses.append(pos_of[pos_id])
            oovs.append(oov)
        return _Tokens(surfaces, kinds, begins, ends, poses, oovs)

    def _match(self, toks: _Tokens, i: int) -> tuple[int, float, str] | None:
        """(index of the name's last token, score, rule) for a name starting at token i."""
        kind = toks.kinds[i]
        surface = toks.surfaces[i]
        if (
            kind in (_Kind.OTHER, _Kind.PARTICLE)
            and surface not in self.surnames
            and not _RUN_START.match(surface)
        ):
            return None  # most tokens: one dict lookup and one regex
        if (kind is _Kind.FAMILY or surface in self.surnames) and _HAS_KANJI.search(surface):
            return self._family_first(toks, i)
        script = _script(surface)
        if script is not None:
            spaced = i + 1 < len(toks) and toks.kinds[i + 1] is _Kind.SPACE
            if spaced and kind is _Kind.OTHER:
                return None  # 訪問看護ステーション　ヤン・リー: the name starts after the space
            last = self._run(toks, i, script)
            place = kind is _Kind.PLACE and last == i
            if not place and self._title_after(toks, last + 1):
                personal = self._title_after(toks, last + 1, place=True)
                if personal and (last > i or kind in _NAME_KINDS):
                    return last, 0.75, f"{script}名+敬称"
                return last, 0.7, f"{script}+敬称"
            if script == "ラテン" and self._latin_name(toks, i, last):
                return last, 0.75, "ラテン名"
            # ジョン・スミス: a foreign name opens with a given name Sudachi knows and ends
            # with a family name it knows or does not know at all (ワーノック); a known common
            # word at the end is most often a place or a firm (クレア・タワー, ニクソン・ショック),
            # so ジョン・ブック needs a title after it
            end = toks.kinds[last]
            if last > i and _is_person(kind) and (_is_person(end) or end is _Kind.UNKNOWN):
                return last, 0.7, f"{script}・{script}"
            return None  # a katakana word alone (ポール, ワロン) is as often a thing
        if not _HAS_KANJI.search(surface):
            # hiragana: readings and words split oddly (せい + さん), unless Sudachi knows the
            # word as a given name (ゆいちゃん, ひろみさん)
            if kind is _Kind.GIVEN and len(surface) >= 2 and self._title_after(toks, i + 1, True):
                return i, 0.6, "名+敬称"
            return None
        if kind in (_Kind.PERSON, _Kind.GIVEN) and self._title_after(toks, i + 1):
            return i, 0.6, "名+敬称"
        if kind is _Kind.PERSON and len(surface) >= 3 and _KANJI_WORD.fullmatch(surface):
            return i, 0.6, "人名"  # 手塚治虫: a whole name Sudachi knows; two kanji are often not
        return None

    def _family_first(self, toks: _Tokens, i: int) -> tuple[int, float, str] | None:
        """A name opening with a family name (Sudachi's 姓, or a dictionary surname)."""
        surface = toks.surfaces[i]
        j = i + 1
        if j < len(toks) and toks.kinds[j] is _Kind.SPACE:
            j += 1
        # 松花江, 開京: two single characters tagged 姓 + 名 are mostly words
        family_ok = len(surface) >= 2 or surface in self.surnames
        if j < len(toks) and toks.kinds[j] is _Kind.GIVEN and family_ok:
            last = j
            if toks.surfaces[j + 1 : j + 2] == ["子"] and self._name_ends(toks, j + 2):
                last = j + 1  # 斉藤 ヨシ子: Sudachi cuts ヨシ + 子
            if j > i + 1 and self._name_ends(toks, last + 1):
                return last, 0.85, "姓_名"  # 東海林 ひろみ: a space, a given name Sudachi knows
            if self._label_before(toks, i) and self._name_ends(toks, last + 1):
                return last, 0.85, "項目：姓名"  # 氏名:山本花子 住所:…
            return last, 0.85, "姓+名"
        if family_ok and j > i + 1:
            last = self._given_after_space(toks, j)
            if last is not None:
                return last, 0.8, "姓_名"
        # 木村 正和校長, 中島 由美先生: a given name Sudachi tags otherwise (正和 is an era, 由美
        # a family name) is still one, between a family name and a title
        given = toks.surfaces[j] if j < len(toks) else ""
        if (
            family_ok
            and 1 <= len(given) <= 3
            and _KANJI_WORD.fullmatch(given)
            and toks.kinds[j] is not _Kind.PLACE
            and not self._title_after(toks, j)  # 小林看護師長: 看護 opens the title
            and self._title_after(toks, j + 1)
        ):
            return j, 0.75, "姓+名+敬称"
        if self._title_after(toks, i + 1, place=toks.kinds[i] is _Kind.PLACE):
            return i, 0.7, "姓+敬称"
        if self._title_before(toks, i):
            return i, 0.6, "役職+姓"
        after = toks.surfaces[i + 1] if i + 1 < len(toks) else ""
        if toks.kinds[i] is _Kind.FAMILY and after in _FAMILY_AFTER:
            return i, 0.6, "姓+家"
        if toks.kinds[i] is _Kind.FAMILY and len(surface) >= 2:
            if self._label_before(toks, i) and self._name_ends(toks, i + 1):
                return i, 0.7, "項目：姓"
            if after in _SELF_INTRODUCTION and (i == 0 or toks.surfaces[i - 1] in _SENTENCE_OPEN):
                return i, 0.7, "姓+です"
        return None

    def _name_ends(self, toks: _Tokens, k: int) -> bool:
        """A name may end before token k: the end, a space, a particle or punctuation, a title."""
        if k >= len(toks) or toks.kinds[k] in (_Kind.SPACE, _Kind.PARTICLE):
            return True
        return self._title_after(toks, k) or toks.surfaces[k] in ("です", "と", "が", "は", "に")

    def _given_after_space(self, toks: _Tokens, j: int) -> int | None:
        """Last token of a given name written after a family name and a space (松本 真理,
        斉藤 ヨシ子, 小池 ゆかり): one to three tokens of 1-4 kanji or 2-4 kana, each an
        ordinary noun, a proper noun or unknown (not 本日, 出席, 担当), ending where a name
        ends (so not 山田 商店, 松本 駅)."""
        k = j
        text = ""
        while k < len(toks) and k - j < 3:
            pos, surface = toks.pos[k], toks.surfaces[k]
            if toks.kinds[k] in (_Kind.SPACE, _Kind.PARTICLE) or self._title_after(toks, k):
                break
            nominal = toks.oov[k] or pos[1] == "固有名詞" or pos[1:3] == ("普通名詞", "一般")
            if not nominal or not _GIVEN_PART.fullmatch(surface):
                return None
            if NOT_PERSON_SUFFIX.search(surface) or _THING_EXTRA.search(surface):
                return None
            text += surface
            k += 1
        if k == j or not _GIVEN_NAME.fullmatch(text) or not self._name_ends(toks, k):
            return None
        if text in self.titles or text in _PERSON_LABELS or text.endswith(_PERSON_LABEL_ENDS):
            return None  # 藤原　確認者, 山田　担当: a label, not a given name
        return k - 1

    def _latin_name(self, toks: _Tokens, first: int, last: int) -> bool:
        """Two or three Latin words that are name parts (Kenji Watanabe, NGUYEN Van An,
        Lucas Silva): each a foreign name of recognizers/foreign_names.txt or a Japanese
        reading in Hepburn romaji, one of them at least five letters or a listed name (so
        not Home Page), inside Japanese text (not an English sentence)."""
        words = [toks.surfaces[k] for k in range(first, last + 1, 2)]
        if not 2 <= len(words) <= 3 or any(len(w) < 2 for w in words):
            return False
        for k in (first - 1, last + 1):  # a Latin word or a digit beside: English, a code
            if 0 <= k < len(toks) and re.search(r"[A-Za-z0-9]", toks.surfaces[k]):
                return False
        listed = [w.lower() in self.foreign_names for w in words]
        romaji = [bool(_HEPBURN.fullmatch(w.lower())) for w in words]
        if not all(a or b for a, b in zip(listed, romaji, strict=True)):
            return False
        return any(listed) or any(len(w) >= 5 for w in words)

    def _run(self, toks: _Tokens, i: int, script: str) -> int:
        """Last token of katakana (or Latin) parts joined by ・ / ＝ / a space, from token i."""
        last = i
        k = i + 1
        while k + 1 < len(toks) and toks.surfaces[k] in _JOINERS:
            if _script(toks.surfaces[k + 1]) != script:
                break
            last = k + 1
            k += 2
        return last

    def _title_after(self, toks: _Tokens, j: int, place: bool = False) -> bool:
        """The tokens from j start with a title word (one to three tokens: 看護 + 師長). After
        a word Sudachi tags a place (川村課長, 松本医師), titles that follow places and bodies
        as often as people (横浜市長, 大阪支店長, 福島校長) do not count."""
        if j < len(toks) and toks.kinds[j] is _Kind.SPACE:
            j += 1  # 山田 様
        text = ""
        for k in range(j, min(len(toks), j + MAX_TITLE_TOKENS)):
            text += toks.surfaces[k]
            if text in self.titles:
                return not (place and text in PLACE_TITLES)
        return False

    def _label_before(self, toks: _Tokens, i: int) -> bool:
        """A label naming a person's part, then a colon or a space, right before token i
        (報告者：藤原, 記録　坂上, 事務局　小野寺, 夜勤：五十嵐)."""
        k = i - 1
        if k >= 0 and toks.kinds[k] is _Kind.SPACE:
            k -= 1
        if k >= 0 and toks.surfaces[k] in (":", "："):
            k -= 1
        if k < 0 or k == i - 1:
            return False
        label = toks.surfaces[k]
        if k >= 1 and toks.surfaces[k] in ("者", "員", "係", "役", "人"):
            label = toks.surfaces[k - 1] + label
        return label in self.titles or label in _PERSON_LABELS or label.endswith(_PERSON_LABEL_ENDS)

    def _title_before(self, toks: _Tokens, i: int) -> bool:
        """A role word, then の or a space, right before token i (教頭の石田, 担任 上田), or a
        unit of an organisation and の (事務局の小野寺から): the family name alone then names
        the holder. A family name Sudachi tags 姓 only: a
        dictionary surname Sudachi tags a place (教頭の石田まで) must end where a name ends:
        before a particle or punctuation (not 課長の松本出張)."""
        if i < 2:
            return False
        if toks.kinds[i] is not _Kind.FAMILY:
            ends = i + 1 == len(toks) or toks.kinds[i + 1] in (_Kind.PARTICLE, _Kind.SPACE)
            if toks.surfaces[i] not in self.surnames or not ends:
                return False
        if toks.surfaces[i - 1] not in ("の", " ", "\u3000", ":", "："):
            return False
        role = toks.surfaces[i - 2]
        unit = toks.surfaces[i - 1] == "の" and bool(_UNIT.search(role))
        return (role in self.titles and len(role) >= 2) or unit

    def _is_thing(self, toks: _Tokens, first: int, last: int) -> bool:
        """A company, shop, station ... named after someone: 株式会社山田, 山田商店."""
        if first > 0 and toks.surfaces[first - 1] in _COMPANY_BEFORE:
            return True
        if last + 1 < len(toks):
            nxt = toks.surfaces[last + 1]
            if nxt in _FAMILY_AFTER:
                return False
            if NOT_PERSON_SUFFIX.search(nxt) or _THING_EXTRA.search(nxt):
                return True
        return False


def _is_person(kind: _Kind) -> bool:
    return kind in (_Kind.PERSON, _Kind.GIVEN, _Kind.FAMILY)


def _script(surface: str) -> str | None:
    """カナ for a katakana word, ラテン for a capitalised Latin one, None otherwise."""
    if _KATAKANA_WORD.fullmatch(surface):
        return "カナ"
    if _LATIN_WORD.fullmatch(surface):
        return "ラテン"
    return None


def _kind_of(pos: tuple[str, ...]) -> _Kind:
    if pos[0] == "空白":
        return _Kind.SPACE
    if pos[0] in ("助詞", "補助記号"):
        return _Kind.PARTICLE
    if pos[2] == "人名":
        return {"姓": _Kind.FAMILY, "名": _Kind.GIVEN}.get(pos[3], _Kind.PERSON)
    if pos[2] == "地名":
        return _Kind.PLACE
    return _Kind.OTHER
