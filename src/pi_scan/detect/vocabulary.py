"""Header vocabulary: column header → candidate entities, the word that matched, and the role.

Loaded from ``headers.yaml`` in the recognizers directories (built-in first, then the
organisation's), plus the ``headers:`` section of any other YAML file there, so that a site can
teach pi-scan its own header words without touching code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pi_scan.detect.yaml_files import read_yaml, yaml_files
from pi_scan.model import Entity

_STRIP = re.compile(r"[\s()\[\]【】「」『』<>〈〉《》:・,、。._\-‐/※*#]+")
_DIGITS = re.compile(r"\d+")


class VocabularyError(ValueError):
    """A header dictionary names an unknown entity or is malformed (fail loudly: a typo in
    a YAML file must not silently disable detection)."""


def normalize_header(header: str) -> str:
    """NFKC, lower-case, no spaces, brackets, punctuation or digits (電話番号２ → 電話番号).

    Digits go because numbered headers (保護者1氏名, 電話番号2) mean the same thing. The long
    vowel mark "ー" is kept: it is part of katakana words (メール, ケータイ).
    """
    text = unicodedata.normalize("NFKC", header).lower()
    return _STRIP.sub("", _DIGITS.sub("", text))


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    entities: tuple[Entity, ...]
    word: str  # the vocabulary word that matched ("" when nothing did)
    role: str = "self"
    not_person: bool = False  # the header names things (会社名, 駅名): never PERSON

    @property
    def matched(self) -> bool:
        return bool(self.entities)


@dataclass
class HeaderVocabulary:
    contains: dict[str, tuple[Entity, ...]] = field(default_factory=dict)
    exact: dict[str, tuple[Entity, ...]] = field(default_factory=dict)
    kana_markers: tuple[str, ...] = ()
    not_person: tuple[str, ...] = ()
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _by_length: list[str] = field(default_factory=list)  # contains-words, longest first
    # header → match: a table's headers are matched once per rule and per column (~70,000
    # calls for 600 ordinary files), the same few hundred headers again and again
    _matches: dict[str, HeaderMatch] = field(default_factory=dict)
    # any vocabulary word (exact, contained, things'): a cell holding none names no field
    _any_word: re.Pattern[str] | None = None
    _field_names: dict[str, bool] = field(default_factory=dict)  # text → names_a_field(text)

    @classmethod
    def load(cls, directories: Iterable[Path]) -> HeaderVocabulary:
        vocab = cls()
        for path in yaml_files(directories):
            data = read_yaml(path)
            if path.stem == "headers":
                vocab.extend(data, str(path))
            elif isinstance(data, dict) and "headers" in data:
                vocab.extend(data["headers"], str(path))
        vocab._by_length = sorted(vocab.contains, key=len, reverse=True)
        return vocab

    def extend(self, data: Mapping[str, Any], source: str) -> None:
        self._matches.clear()
        self._any_word = None
        self._field_names.clear()
        if not isinstance(data, Mapping):
            raise VocabularyError(f"{source}: the header vocabulary must be a mapping")
        for key, target in (("contains", self.contains), ("exact", self.exact)):
            for word, entities in (data.get(key) or {}).items():
                target[normalize_header(str(word))] = _entities(entities, f"{source}: {word}")
        self.kana_markers += tuple(normalize_header(w) for w in data.get("kana_markers") or ())
        self.not_person += tuple(normalize_header(w) for w in data.get("not_person") or ())
        for role, words in (data.get("roles") or {}).items():
            self.roles[str(role)] = self.roles.get(str(role), ()) + tuple(
                normalize_header(w) for w in words
            )

    def match(self, header: str) -> HeaderMatch:
        found = self._matches.get(header)
        if found is None:
            if len(self._matches) >= 100_000:
                self._matches.clear()
            found = self._matches[header] = self._match(header)
        return found

    def names_a_field(self, text: str) -> bool:
        """``match(text)`` is a field word or a things' word (``matched or not_person``).

        Asked of every cell of a small table (is it laid out as a card?): most cells are
        values holding no vocabulary word at all, which one search over all the words tells
        without the whole match (or a place in the cache) for each."""
        known = self._field_names.get(text)
        if known is None:
            if len(self._field_names) >= 100_000:
                self._field_names.clear()
            norm = normalize_header(text)
            if norm and self._words().search(norm) is None:
                known = False  # no word in it: not matched (no entity), not a thing's
            else:
                found = self.match(text)
                known = found.matched or found.not_person
            self._field_names[text] = known
        return known

    def _words(self) -> re.Pattern[str]:
        if self._any_word is None:
            words = {*self.exact, *self.contains, *self.not_person}
            ordered = sorted(words, key=len, reverse=True)
            self._any_word = re.compile("|".join(map(re.escape, ordered)) or "(?!)")
        return self._any_word

    def _match(self, header: str) -> HeaderMatch:
        norm = normalize_header(header)
        role = self.numbered(self.role_of(norm), header)
        not_person = any(word in norm for word in self.not_person)
        if not norm:
            return HeaderMatch((), "", role, not_person)
        word, entities = "", cast(tuple[Entity, ...], ())
        if norm in self.exact:
            word, entities = norm, self.exact[norm]
        else:
            word, entities = self._longest_contained(norm)
        if not entities:
            return HeaderMatch((), "", role, not_person)
        kana = any(m in norm for m in self.kana_markers)
        if kana and Entity.ADDRESS in entities:
            return HeaderMatch((), "", role, True)  # 住所カナ: an address's reading, no name
        if kana and (Entity.PERSON in entities or Entity.PERSON_KANA in entities):
            entities = (Entity.PERSON_KANA,)
        if not_person and self._person_or_thing(norm, word, entities):
            # 氏名又は名称, 氏名・法人名 (株主名簿, 取引先): a person or a body; the header
            # vouches for a name, the values decide whether people's names fill the column
            return HeaderMatch(entities, word, role, False)
        if not_person:
            entities = tuple(e for e in entities if e not in (Entity.PERSON, Entity.PERSON_KANA))
        return HeaderMatch(entities, word if entities else "", role, not_person)

    def _person_or_thing(self, norm: str, word: str, entities: tuple[Entity, ...]) -> bool:
        """The header names a person's name apart from the thing's word it also holds: the
        person word (氏名) lies outside every thing word (名称) in it, not inside one (人名 in
        法人名 is the body's)."""
        if Entity.PERSON not in entities or not _NAME_WORD.search(word):
            return False  # 緊急連絡先続柄, 代表者役職: a role word, not a name, beside the thing
        at = norm.find(word)
        things = [(m, m + len(w)) for w in self.not_person for m in _occurrences(norm, w)]
        return bool(things) and all(end <= at or at + len(word) <= start for start, end in things)

    def _longest_contained(self, norm: str) -> tuple[str, tuple[Entity, ...]]:
        hits = [w for w in self._by_length if w in norm]
        if not hits:
            return "", ()
        word = hits[0]
        entities = self.contains[word]
        if len(entities) > 1:
            # "緊急連絡先電話": the specific word (電話) narrows the generic one (連絡先)
            for other in hits[1:]:
                narrowed = tuple(e for e in entities if e in self.contains[other])
                if len(self.contains[other]) == 1 and narrowed:
                    return word, narrowed
        return word, entities

    def numbered(self, role: str, header: str) -> str:
        """扶養親族1 / 扶養親族2, 保護者1 / 保護者2, 緊急連絡先1: numbered people of one kind on a
        row are people of their own (``family1``, ``family2``). A number after the item
        (保護者電話2) is the item's, not the person's."""
        if role == "self":
            return role
        text = unicodedata.normalize("NFKC", header).lower()
        words = "|".join(re.escape(w) for w in self.roles[role])
        found = re.search(rf"(?:{words})[先者]?\s*[(\[]?(\d{{1,2}})(?!\d)", text)
        return f"{role}{int(found.group(1))}" if found else role

    def role_of(self, norm: str) -> str:
        for role, words in self.roles.items():
            if any(w in norm for w in words):
                return role
        return "self"


def _entities(value: Any, where: str) -> tuple[Entity, ...]:
    names = [value] if isinstance(value, str) else list(value)
    try:
        return tuple(Entity(n) for n in names)
    except ValueError as exc:
        raise VocabularyError(f"{where}: unknown entity {exc}") from exc


# Person words that name a name (not a role: 緊急連絡先, 代表者, 保護者)
_NAME_WORD = re.compile(r"(?:氏名|名前|なまえ|姓名|フルネーム|name)$")


def _occurrences(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out
