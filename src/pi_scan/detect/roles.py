"""Every person on a row, found from the table's structure: which columns describe whom.

A row often names several people: 申請者氏名 + 児童生徒氏名 (an aid application), 受給者氏名 +
児童氏名, 入居者 + 連帯保証人 + 緊急連絡先, 世帯主 + 世帯員, 生徒氏名 + 保護者氏名 (a group header
read in two rows). A closed list of role words cannot know them all, so roles are read from
the layout:

- when a table has two or more name columns, each name column starts a person, unless it is
  another way of writing the same person's name (姓 | 名, 氏名 | 旧姓, 氏名 | 氏名(英字), a
  column of readings under a duplicated 氏名 header);
- a column whose header starts with a person's prefix (保証人住所, 保証人電話 after 連帯保証人;
  児童生年月日 after 児童氏名) is that person's; a column with a role word of the vocabulary
  (保護者電話) is the person of that role's; any other column with a header is the person's
  whose name column it follows, unless that person has a vocabulary role (住所 | 電話 after
  保護者氏名 are the household's: the subject's); the rest is the main person's;
- the main person (本人, ``self``) is the one whose ID or birth date the row holds, else the
  leftmost; other people keep a role word of the vocabulary (保護者 → guardian, 担任 → staff),
  else they are called by their prefix (申請者, 連帯保証人), else ``person2``, ``person3`` ….

With a single name column nothing changes: the vocabulary's roles stand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from pi_scan import normalize
from pi_scan.model import ColumnFinding, Entity

# pandas-free duplicate marker given by extract.tabular.unique_columns: 氏名(2)
_DUPLICATE = re.compile(r"[(（](\d{1,3})[)）]$")
_PUNCT = re.compile(r"[\s()\[\]【】「」『』<>〈〉《》:：・,、。._\-‐/※*#＊]+")
# What ends a header naming a name, not a person: 氏名, 名前, 姓 | 名, and the script it is in
_NAME_TAIL = re.compile(
    r"(?:の)?(?:氏名|お?名前|お?なまえ|姓名|フルネーム|名字|苗字|氏|姓|名|"
    r"(?:first|last|family|given|middle|full)?name|shimei)"
    r"(?:漢字|かな|カナ|ローマ字|英字|英語|アルファベット|romaji|alphabet|kanji)?$"
)
# Prefixes that write the same person's name another way: 旧姓, 通称名, 氏名(英字)
_ALIAS = re.compile(
    r"^(?:旧|通称|戸籍上?の?|本名|呼び|漢字|英字|英語|ローマ字|アルファベット|外国人|日本語|"
    r"romaji|alphabet|english|kanji|フル|full)"
)
_KANA_ONLY = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\s・･]+$")
_ID_ENTITIES = (
    Entity.STUDENT_ID,
    Entity.EMPLOYEE_ID,
    Entity.MEMBER_ID,
    Entity.MY_NUMBER,
    Entity.DATE_OF_BIRTH,
)
_NAMES = (Entity.PERSON,)
MAX_PEOPLE = 12  # a wider table of names (a seating chart, a duty rota) is not people on a row


def _norm(header: str) -> str:
    """NFKC, lower-case, no spaces or punctuation; digits kept (保護者1 and 保護者2 differ)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", header).lower())


@dataclass
class _Person:
    anchor: int  # position of its (first) name column
    prefix: str  # the header before its name word, normalised ("" for 氏名)
    duplicate: int  # the n of 氏名(n), 0 when none
    role: str  # the vocabulary's role of its name column
    label_safe: bool  # its header may be shown (it is no one's name)
    columns: list[int] = field(default_factory=list)  # its name columns
    entities: set[Entity] = field(default_factory=set)


def _split(header: str) -> tuple[str, int]:
    """(normalised prefix before the name word, duplicate number)."""
    text = header.strip()
    dup = _DUPLICATE.search(text)
    number = int(dup.group(1)) if dup else 0
    if dup:
        text = text[: dup.start()]
    norm = _norm(text)
    tail = _NAME_TAIL.search(norm)
    prefix = norm[: tail.start()] if tail else norm
    if _ALIAS.match(prefix):
        prefix = ""
    return prefix, number


def _kana_values(values: pd.Series) -> bool:
    """A name column holding readings only (氏名 | 氏名 over 山田 | やまだ)."""
    filled = [v for v in values.astype(str).head(200).tolist() if v.strip()]
    if not filled:
        return False
    kana = sum(1 for v in filled if _KANA_ONLY.match(unicodedata.normalize("NFKC", v)))
    return kana >= 0.8 * len(filled)


def _shared(header: str, prefix: str) -> int:
    """How much of a person's prefix the header opens with: the whole prefix, its tail
    (保証人住所 after 連帯保証人) or its head (児童生年月日 after 児童生徒); 0 when less than two
    characters of a longer prefix."""
    if not prefix:
        return 0
    if header.startswith(prefix):
        return len(prefix)
    best = 0
    for size in range(len(prefix) - 1, 1, -1):
        if header.startswith(prefix[-size:]) or header.startswith(prefix[:size]):
            best = size
            break
    return best


def people_on_row(
    table: pd.DataFrame,
    findings: Sequence[ColumnFinding],
    reading: Callable[[str], str] | None = None,
) -> list[ColumnFinding]:
    """``findings`` with each column's role set to the person on the row it describes.
    ``reading``: a written name's katakana reading (Sudachi's), to tell a reading column that
    reads a name on the same row (口座名義 ｸﾎﾞ ﾋﾛｼ beside 氏名 久保博) from another person's."""
    headers = [str(c) for c in table.columns]
    position = {h: i for i, h in enumerate(headers)}
    people = _people(table, findings, position, reading)
    if len(people) == 1 and people[0].role != "self":
        return _one_person(findings, people[0])
    if len(people) < 2 or len(people) > MAX_PEOPLE:
        return list(findings)
    owner = _assign(findings, people, position)
    roles = _roles(people)
    out = []
    for f in findings:
        person = owner.get(f.column)
        out.append(f if person is None else replace(f, role=roles[id(person)]))
    return out


def _one_person(findings: Sequence[ColumnFinding], person: _Person) -> list[ColumnFinding]:
    """The row's only named person has a role: its columns without a role are that person's,
    not a second person's. A member of staff alone on the row is the row's subject (担当者名 |
    フリガナ | 携帯 | メール: a partner's contact persons, not our staff beside someone); a
    guardian or a family member alone keeps the role (保護者氏名 | 電話: a guardians' list),
    and IDs and birth dates still name the row's subject."""
    if person.role == "staff":
        return [replace(f, role="self") if f.role == "staff" else f for f in findings]
    return [
        replace(f, role=person.role) if f.role == "self" and f.entity not in _ID_ENTITIES else f
        for f in findings
    ]


def _people(
    table: pd.DataFrame,
    findings: Sequence[ColumnFinding],
    position: dict[str, int],
    reading: Callable[[str], str] | None = None,
) -> list[_Person]:
    """One person per name column, in table order, aliases of a name folded into it."""
    people: list[_Person] = []
    names = sorted(
        (position[f.column], f) for f in findings if f.entity in _NAMES and f.column in position
    )
    for at, f in names:
        prefix, duplicate = _split(f.column)
        same = next(
            (
                p
                for p in people
                if p.prefix == prefix and p.duplicate == duplicate and p.role == f.role
            ),
            None,
        )
        previous = people[-1] if people else None
        if (
            same is None
            and previous is not None
            and at - max(previous.columns) == 1
            and _kana_values(table.iloc[:, at])
        ):
            same = previous  # its reading, under a second 氏名 header
        if same is not None:
            same.columns.append(at)
            same.entities.add(f.entity)
            continue
        safe = bool(f.header_match) or f.label == f.column
        person = _Person(at, prefix, duplicate, f.role, safe, [at], {f.entity})
        people.append(person)
    if people:
        people.extend(_read_only_people(table, findings, position, people, reading))
        people.sort(key=lambda p: p.anchor)
    return people


_READING_TAIL = re.compile(r"(?:フリガナ|ふりがな|ﾌﾘｶﾞﾅ|カナ|かな|よみ|ヨミ|読み|kana)$")


def _read_only_people(
    table: pd.DataFrame,
    findings: Sequence[ColumnFinding],
    position: dict[str, int],
    people: list[_Person],
    reading: Callable[[str], str] | None,
) -> list[_Person]:
    """A reading column that is no named person's reading is a person known by the reading
    (調剤記録: 患者カナ | 生年月日 … 調剤者 | 鑑査者 holds a patient and two pharmacists): it is
    beside no name column, shares no name column's prefix and, row by row, reads none of the
    names (口座名義 ｸﾎﾞ ﾋﾛｼ far right of 氏名 久保博 is that person's reading)."""
    names = {c for p in people for c in p.columns}
    prefixes = {p.prefix for p in people}
    out = []
    for f in findings:
        at = position.get(f.column)
        if f.entity is not Entity.PERSON_KANA or at is None or at in names:
            continue
        prefix = _READING_TAIL.sub("", _norm(_DUPLICATE.sub("", f.column.strip())))
        if at - 1 in names or at + 1 in names or (prefix and prefix in prefixes):
            continue
        read = next(
            (
                p
                for p in people
                if reading is not None
                and Entity.PERSON_KANA not in p.entities
                and _reads(table.iloc[:, at], table.iloc[:, p.columns[0]], reading)
            ),
            None,
        )
        if read is not None:
            read.columns.append(at)
            read.entities.add(f.entity)
            names.add(at)
            continue
        safe = bool(f.header_match) or f.label == f.column
        out.append(_Person(at, prefix, 0, f.role, safe, [at], {f.entity}))
    return out


_SMALL_KANA = str.maketrans("ァィゥェォッャュョヮ", "アイウエオツヤユヨワ")
_NOT_KATAKANA = re.compile(r"[^ァ-ヺー]")
READING_SAMPLE = 40  # rows compared


def _kana_key(text: str) -> str:
    """A reading compared loosely: as person keys read it (``normalize.kana``: katakana, no
    spaces), without marks, small kana as large (ｸﾎﾞ ﾋﾛｼ → クボヒロシ, くぼ → クボ)."""
    return _NOT_KATAKANA.sub("", normalize.kana(text)).translate(_SMALL_KANA)


def _reads(kana: pd.Series, written: pd.Series, reading: Callable[[str], str]) -> bool:
    """Most rows' reading opens with the written name's family-name reading (given names have
    many readings; a family name's first two kana are enough to tell people apart)."""
    pairs = [
        (_kana_key(str(k)), str(w))
        for k, w in zip(kana.tolist(), written.tolist(), strict=True)
        if str(k).strip() and str(w).strip() and str(k) != "nan" and str(w) != "nan"
    ][:READING_SAMPLE]
    if len(pairs) < 3:
        return False
    agree = 0
    for key, name in pairs:
        read = _kana_key(reading(name))
        agree += len(key) >= 2 and len(read) >= 2 and key[:2] == read[:2]
    return agree >= 0.7 * len(pairs)


def _assign(
    findings: Sequence[ColumnFinding], people: list[_Person], position: dict[str, int]
) -> dict[str, _Person]:
    """Which person each finding's column describes; the main person's columns last, once
    it is known whose ID or birth date the row holds."""
    owner: dict[str, _Person] = {}
    by_anchor = {c: p for p in people for c in p.columns}
    pending: list[ColumnFinding] = []
    for f in sorted(findings, key=lambda f: position.get(f.column, -1)):
        at = position.get(f.column)
        if at is None or f.entity is Entity.SENSITIVE:
            continue
        if at in by_anchor:
            owner[f.column] = by_anchor[at]
            continue
        person = _owner(f, at, people)
        if person is None:
            if f.role == "self":
                pending.append(f)
            continue
        owner[f.column] = person
        person.entities.add(f.entity)
    main = _main(people)
    for f in pending:
        if f.entity not in main.entities:
            owner[f.column] = main
            main.entities.add(f.entity)
    return owner


def _owner(f: ColumnFinding, at: int, people: list[_Person]) -> _Person | None:
    """The person a column's header or place names; None: the main person's (not known yet)
    or, for a role without a name on the row, nobody's here (left to the people step)."""
    header = _norm(_DUPLICATE.sub("", f.column.strip()))
    best = max((_shared(header, p.prefix), -abs(at - p.anchor), i) for i, p in enumerate(people))
    if best[0] > 0:
        return people[best[2]]
    if f.role != "self":
        same_role = [p for p in people if p.role == f.role]
        return min(same_role, key=lambda p: abs(at - p.anchor)) if same_role else None
    before = [p for p in people if p.anchor < at]
    if not before:
        return None  # left of every name: the main person's
    person = max(before, key=lambda p: p.anchor)
    if person.role != "self" or f.entity in person.entities or not f.header_match:
        # A person of a vocabulary role (保護者, 担任) takes the columns its header names
        # (保護者電話); 住所 | 電話 after 保護者氏名 stay the household's, the subject's, as do
        # columns without a header (列5)
        return None
    return person


def _main(people: list[_Person]) -> _Person:
    """The row's subject: the person whose ID or birth date the row holds, else the leftmost
    (an ID left of every name is the leftmost person's)."""
    selves = [p for p in people if p.role == "self"] or people
    for p in selves:
        if p.entities & set(_ID_ENTITIES):
            return p
    return selves[0]


def _roles(people: list[_Person]) -> dict[int, str]:
    """Each person's role: ``self`` for the main one, a vocabulary role, the prefix, or
    ``person2`` …; never two people with one role."""
    main = _main(people)
    roles: dict[int, str] = {}
    used: set[str] = set()
    for n, p in enumerate(people, start=1):
        if p is main and p.role == "self":
            role = "self"
        elif p.role != "self":
            role = p.role
        elif p.prefix and p.label_safe and not p.prefix.isdigit():
            role = p.prefix
        else:
            role = f"person{n}"
        base, k = role, 1
        while role in used:
            k += 1
            role = f"{base}{k}" if not base[-1:].isdigit() else f"{base}_{k}"
        used.add(role)
        roles[id(p)] = role
    return roles
