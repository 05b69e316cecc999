"""A learned scorer for names in prose: logistic regression over candidate spans of Sudachi tokens.

The rules of ``prose_names`` find names with a title or a given name beside them. A name written
alone (徳川 … 家康, ニクソン, 山田は) needs context the rules cannot list: this model weighs it.

A **candidate** is a run of one to ``MAX_PARTS`` name-like tokens (Sudachi's 固有名詞, words
unknown to the dictionary, katakana nouns, surnames from the dictionary), possibly joined by ・ ＝
or a space. Its **features** (strings) are what the span is made of (Sudachi's part of speech,
script, length, the surname list) and what stands around it (the words and parts of speech
before and after, a title or role word after, a thing's suffix after, a company word before,
whether the same name was seen earlier in the document, in full). The **weights** (feature →
weight) are learned from labelled text by ``benchmarks/detection/prose_names/train.py`` and
shipped as ``recognizers/prose_names_model.json``: plain JSON, no pickle, nothing executed.

Features never hold the candidate's own surface (the model learns no names, only contexts); the
words around it are ordinary words (は, 大統領, 将軍, さん).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

MODEL_FILE = "prose_names_model.json"
MAX_PARTS = 7  # tokens in a candidate, joiners included (ジョン・F・ケネディ is 5)
_KATAKANA = re.compile(r"[ァ-ヺー]+")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆]+")
_HIRAGANA = re.compile(r"[ぁ-ゖー]+")
_LATIN = re.compile(r"[A-Za-z][A-Za-z.'-]*")
_JOINERS = frozenset({"・", "＝", "=", "·", " ", "\u3000"})


def script(surface: str) -> str:
    if _KANJI.fullmatch(surface):
        return "漢"
    if _KATAKANA.fullmatch(surface):
        return "カ"
    if _HIRAGANA.fullmatch(surface):
        return "ひ"
    if _LATIN.fullmatch(surface):
        return "A" if surface[0].isupper() else "a"
    if surface.isdigit():
        return "0"
    return "混"


def short_pos(pos: tuple[str, ...], oov: bool) -> str:
    """Sudachi's part of speech in a few letters: 姓, 名, 人, 地, 組, 固 (固有名詞-一般), 普 ..."""
    if oov:
        return "OOV"
    if pos[1] == "固有名詞":
        return {"人名": {"姓": "姓", "名": "名"}.get(pos[3], "人"), "地名": "地"}.get(
            pos[2], "組" if pos[2] == "組織" else "固"
        )
    if pos[0] == "名詞":
        return "普" if pos[1] == "普通名詞" else "名" + pos[1][:1]
    if pos[0] == "空白":
        return "_"
    return pos[0][:2]


class TokenView(Protocol):
    """What the candidate generator needs of a window's tokens (lists, one entry per token)."""

    surfaces: list[str]
    pos: list[tuple[str, ...]]  # Sudachi's six levels
    oov: list[bool]
    begins: list[int]
    ends: list[int]


@dataclass(frozen=True, slots=True)
class Context:
    """The rules' lexicon, as predicates on a window's tokens (from ``ProseNameFinder``)."""

    surnames: frozenset[str]
    title_after: Callable[[int], bool]  # a title or role word starts at token j
    title_before: Callable[[int], bool]  # 教頭の + token i
    thing_after: Callable[[int], bool]  # token j names a thing (商店, 駅, 病院 ...)
    family_after: frozenset[str]  # 家, 一族, 夫妻 ...
    company_before: frozenset[str]  # 株式会社 ...


def name_like(view: TokenView, k: int, surnames: frozenset[str]) -> bool:
    """A token that can be part of a name."""
    surface = view.surfaces[k]
    if surface in _JOINERS:
        return False
    pos = view.pos[k]
    if view.oov[k]:
        return not _HIRAGANA.fullmatch(surface) and surface.isalnum()
    if pos[1] == "固有名詞":
        return True
    if pos[0] != "名詞":
        return False
    if _KATAKANA.fullmatch(surface) and len(surface) >= 2:
        return True  # ブック, スミス: katakana nouns Sudachi calls common
    return surface in surnames and bool(_KANJI.fullmatch(surface))


def candidates(view: TokenView, surnames: frozenset[str]) -> list[tuple[int, int]]:
    """(first, last) token indices of every candidate span, left to right. A candidate holds
    a token Sudachi tags 人名 or a dictionary surname, or is made of two or more parts joined
    by ・ ＝ or a space (ソトマヨル・ワーノック): a place, a common noun or an unknown word
    alone is almost never a name (WAC train: 33 names among 18,000 such candidates), and
    leaving them out keeps the model cheap."""
    n = len(view.surfaces)
    like = [name_like(view, k, surnames) for k in range(n)]
    personal = [
        like[k] and not view.oov[k] and (view.pos[k][2] == "人名" or view.surfaces[k] in surnames)
        for k in range(n)
    ]
    out = []
    for s in range(n):
        if not like[s]:
            continue
        person = personal[s]
        joined = False
        if person:
            out.append((s, s))
        e = s
        while e + 1 < n and e + 1 - s < MAX_PARTS:
            k = e + 1
            if like[k]:
                e = k
            elif view.surfaces[k] in _JOINERS and k + 1 < n and like[k + 1]:
                e = k + 1
                joined = True
            else:
                break
            person = person or personal[e]
            if person or joined:
                out.append((s, e))
    return out


def features(view: TokenView, s: int, e: int, ctx: Context, seen: Sequence[str]) -> list[str]:
    """The features of candidate tokens s..e (strings; the model's keys)."""
    sf, pos, oov = view.surfaces, view.pos, view.oov
    n = len(sf)
    parts = [k for k in range(s, e + 1) if sf[k] not in _JOINERS]
    shorts = [short_pos(pos[k], oov[k]) for k in parts]
    text = "".join(sf[s : e + 1])
    scripts = "".join(dict.fromkeys(script(sf[k]) for k in parts))
    pattern = "+".join(
        short_pos(pos[k], oov[k]) if sf[k] not in _JOINERS else ("_" if sf[k].isspace() else "・")
        for k in range(s, e + 1)
    )
    first, last = shorts[0], shorts[-1]
    p1 = _word(view, s - 1)
    p2 = _word(view, s - 2)
    n1 = _word(view, e + 1)
    n2 = _word(view, e + 2)
    p1pos = short_pos(pos[s - 1], oov[s - 1]) if s >= 1 else "^"
    n1pos = short_pos(pos[e + 1], oov[e + 1]) if e + 1 < n else "$"
    length = len(text)
    feats = [
        "bias",
        f"pat={pattern}",
        f"nparts={min(len(parts), 4)}",
        f"len={min(length, 9)}",
        f"script={scripts}",
        f"first={first}",
        f"last={last}",
        f"first6={'-'.join(pos[s][:4])}",
        f"last6={'-'.join(pos[e][:4])}",
        f"first.script={first}.{script(sf[s])}",
        f"last.script={last}.{script(sf[e])}",
        f"firstlen={first}.{min(len(sf[s]), 5)}",
        f"p1={p1}",
        f"p2={p2}",
        f"n1={n1}",
        f"n2={n2}",
        f"n12={n1}{n2}",
        f"p1pos={p1pos}",
        f"n1pos={n1pos}",
        f"p1pos.first={p1pos}.{first}",
        f"last.n1pos={last}.{n1pos}",
        f"last.n1={last}.{n1}",
        f"p1.first={p1}.{first}",
        f"pat.n1pos={pattern}.{n1pos}",
    ]
    left = right = ""
    if s >= 1 and name_like(view, s - 1, ctx.surnames):
        left = p1pos  # not the whole run: 東京 | 大学
    elif s >= 2 and p1 in _JOINERS and name_like(view, s - 2, ctx.surnames):
        left = "・" + short_pos(pos[s - 2], oov[s - 2])  # ジョン・ | メイナード
    if e + 1 < n and name_like(view, e + 1, ctx.surnames):
        right = n1pos
    elif e + 2 < n and n1 in _JOINERS and name_like(view, e + 2, ctx.surnames):
        right = "・" + short_pos(pos[e + 2], oov[e + 2])
    feats.append(f"left_more={left}.{first}")
    feats.append(f"right_more={last}.{right}")
    feats.append(f"more={bool(left)}.{bool(right)}.{len(parts)}")
    if sf[s] in ctx.surnames:
        feats.append(f"surname.first={len(parts)}")
    if text in ctx.surnames:
        feats.append("surname.whole")
    if ctx.title_after(e + 1):
        feats.append(f"title_after.{last}")
    if ctx.title_before(s):
        feats.append(f"title_before.{first}")
    if e + 1 < n and ctx.thing_after(e + 1):
        feats.append("thing_after")
    if n1 in ctx.family_after:
        feats.append(f"family_after.{last}")
    if p1 in ctx.company_before:
        feats.append("company_before")
    if length >= 2 and any(text in name and text != name for name in seen):
        feats.append(f"seen_part.{scripts}")  # 徳川家康 … 家康
    if length >= 2 and text in seen:
        feats.append(f"seen_whole.{scripts}")
    return feats


def _word(view: TokenView, k: int) -> str:
    """Token k as a context feature: its surface if it is an ordinary word (は, 大統領, さん),
    its part of speech if it is a proper noun, unknown or katakana (the weights learn no names)."""
    if k < 0:
        return "^"
    if k >= len(view.surfaces):
        return "$"
    surface = view.surfaces[k]
    if view.oov[k] or view.pos[k][1] == "固有名詞" or _KATAKANA.fullmatch(surface):
        return "<" + short_pos(view.pos[k], view.oov[k]) + ">"
    return surface


def sure_name(view: TokenView, s: int, e: int) -> bool:
    """A candidate that is a full name by its parts alone, remembered for ``seen``: 姓+名,
    a whole kanji name Sudachi knows (徳川家康), katakana parts joined by ・ opening with 人名."""
    parts = [k for k in range(s, e + 1) if view.surfaces[k] not in _JOINERS]
    shorts = [short_pos(view.pos[k], view.oov[k]) for k in parts]
    if shorts == ["姓", "名"]:
        return True
    if shorts == ["人"] and _KANJI.fullmatch(view.surfaces[s]) and len(view.surfaces[s]) >= 3:
        return True
    return len(parts) >= 2 and shorts[0] == "人" and bool(_KATAKANA.fullmatch(view.surfaces[s]))


class NameModel:
    """Feature weights (logistic regression) and the decision threshold, from the JSON file."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path) -> NameModel | None:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))

    def probability(self, feats: Sequence[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
