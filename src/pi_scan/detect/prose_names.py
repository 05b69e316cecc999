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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path

from sudachipy import Dictionary, SplitMode, Tokenizer

from pi_scan.detect.names import NOT_PERSON_SUFFIX
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


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    text: str
    score: float
    why: str  # which rule, for the evidence column


def load_titles(directories: Iterable[Path]) -> frozenset[str]:
    words: set[str] = set()
    for directory in directories:
        for path in sorted(directory.glob("titles*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    words.add(line)
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class _Tokens:
    """One window's Sudachi tokens as plain lists (Morpheme calls cross into Rust each time)."""

    surfaces: list[str]
    kinds: list[_Kind]
    begins: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.surfaces)


class ProseNameFinder:
    """Names in a (NFKC-normalised) window of prose. One Sudachi tokenizer per process."""

    def __init__(
        self, surnames: frozenset[str], titles: frozenset[str], tokenizer: Tokenizer | None = None
    ) -> None:
        """``tokenizer``: a Sudachi tokenizer to share (spaCy's, in the Detector). Each
        Sudachi dictionary maps ~240 MB of address space, and workers run under an address
        space limit: a third one made CSV reads fail with MemoryError."""
        self.surnames = surnames
        self.titles = titles
        self._tokenizer = tokenizer or Dictionary().create(SplitMode.C)
        self._kinds: dict[int, _Kind] = {}
        # Fold only the variant kanji Sudachi does not know (髙, 﨑, 𠮷): folding 嶋 → 島 would
        # turn 長嶋 (a family name) into 長島 (a place).
        self._fold = str.maketrans(
            {
                variant: common
                for variant, common in VARIANT_KANJI.items()
                if any(m.is_oov() for m in self._tokenizer.tokenize(variant, SplitMode.C))
            }
        )

    def find(self, text: str) -> list[NameSpan]:
        """Spans (offsets into ``text``) of the names in it, left to right, not overlapping.
        ``text`` must be under Sudachi's limit (49,149 bytes): a window, not a whole file."""
        toks = self._tokenize(text.translate(self._fold))  # one for one: offsets hold
        spans: list[NameSpan] = []
        i = 0
        while i < len(toks):
            found = self._match(toks, i)
            if found is None:
                i += 1
                continue
            last, score, why = found
            start, end = toks.begins[i], toks.ends[last]
            if not self._is_thing(toks, i, last):
                spans.append(NameSpan(start, end, text[start:end], score, why))
            i = last + 1
        return spans

    def _tokenize(self, text: str) -> _Tokens:
        surfaces, kinds, begins, ends = [], [], [], []
        known = self._kinds
        for m in self._tokenizer.tokenize(text, SplitMode.C):
            surfaces.append(m.surface())
            pos_id = m.part_of_speech_id()
            kind = known.get(pos_id)
            if kind is None:
                kind = known[pos_id] = _kind_of(m.part_of_speech())
            kinds.append(_Kind.UNKNOWN if m.is_oov() else kind)
            begins.append(m.begin())
            ends.append(m.end())
        return _Tokens(surfaces, kinds, begins, ends)

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
            last = self._run(toks, i, script)
            place = kind is _Kind.PLACE and last == i
            if not place and self._title_after(toks, last + 1):
                return last, 0.7, f"{script}+敬称"
            # ジョン・スミス: a foreign name opens with a given name Sudachi knows and ends
            # with a family name it knows or does not know at all (ワーノック); a known common
            # word at the end is most often a place or a firm (クレア・タワー, ニクソン・ショック),
            # so ジョン・ブック needs a title after it
            end = toks.kinds[last]
            if last > i and _is_person(kind) and (_is_person(end) or end is _Kind.UNKNOWN):
                return last, 0.7, f"{script}・{script}"
            return None  # a katakana word alone (ポール, ワロン) is as often a thing
        if not _HAS_KANJI.search(surface):
            return None  # hiragana: readings and words split oddly (せい + さん)
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
            return j, 0.85, "姓+名"
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
        return None

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

    def _title_before(self, toks: _Tokens, i: int) -> bool:
        """A role word, then の or a space, right before token i (教頭の石田, 担任 上田): the
        family name alone then names the holder. A family name Sudachi tags 姓 only: a
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
        return toks.surfaces[i - 2] in self.titles and len(toks.surfaces[i - 2]) >= 2

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
