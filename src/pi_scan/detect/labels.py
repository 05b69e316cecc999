"""Which column headers may be shown in outputs: a header made of field words, else ``列N``.

A header cell can hold personal data: a sheet without a header row whose first record was taken
as the header, or a label cell that runs on into a value (``学籍番号小林 陽一``). Outputs name a
column by its header only when the header is made of the vocabulary's field words (氏名, 保護者,
電話番号 ...) and what is left besides them is neither a proper noun nor a name nor a long
number nor words the dictionary does not know (``自宅``, ``漢字`` and ``（成績）`` are fine;
``小林 陽一``, ``S720862`` and a name of rare kanji, ``鴎汀 琥珀音``, are not).
"""

from __future__ import annotations

import re
import unicodedata

from pi_scan.detect.names import NameRecognizer
from pi_scan.detect.vocabulary import HeaderVocabulary

_PUNCT = re.compile(r"[\s()\[\]（）【】「」『』<>〈〉《》:：・,、。._\-‐/／※*#＊~〜]+")
_ASCII_JOIN = re.compile(r"(?<=[a-z])[\s_\-.]+(?=[a-z])")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_LONG_NUMBER = re.compile(r"\d{4,}")
_RUN = re.compile(r"[a-z]+|[^\sa-z\d]+")
_SAFE_ASCII = frozenset(
    [
        "home",
        "mobile",
        "cell",
        "work",
        "office",
        "private",
        "main",
        "sub",
        "first",
        "last",
        "family",
        "given",
        "middle",
        "full",
        "name",
        "number",
        "no",
        "id",
        "code",
        "date",
        "of",
        "birth",
        "kana",
        "kanji",
        "address",
        "tel",
        "phone",
        "fax",
        "email",
        "mail",
        "zip",
        "post",
        "postal",
        "student",
        "staff",
        "employee",
        "guardian",
        "parent",
        "contact",
        "emergency",
        "score",
        "grade",
        "sex",
        "gender",
        "class",
        "year",
        "age",
        "city",
        "town",
        "street",
        "line",
        "note",
        # romaji field words (web-form and system exports: furigana, denwa, jusho ...)
        "furigana",
        "denwa",
        "jusho",
        "juusho",
        "yubin",
        "yuubin",
        "bango",
        "bangou",
        "seibetsu",
        "seinengappi",
        "shimei",
        "namae",
        "sei",
        "mei",
        "keitai",
        "renrakusaki",
        "bikou",
        "biko",
        "gakunen",
        "kumi",
    ]
)


class ColumnLabels:
    def __init__(self, vocabulary: HeaderVocabulary, names: NameRecognizer) -> None:
        words = set(vocabulary.contains) | set(vocabulary.exact)
        words |= set(vocabulary.kana_markers) | set(vocabulary.not_person)
        for role_words in vocabulary.roles.values():
            words |= set(role_words)
        self._words = sorted((w for w in words if w), key=len, reverse=True)
        self._names = names

    def is_safe(self, header: str) -> bool:
        text = unicodedata.normalize("NFKC", header).lower()
        if "@" in text:
            return False
        # romaji field words are matched across separators too (ship_name is the word shipname)
        joined = _PUNCT.sub(" ", _ASCII_JOIN.sub("", text))
        return self._words_only(_PUNCT.sub(" ", text)) or self._words_only(joined)

    def _words_only(self, text: str) -> bool:
        text = _YEAR.sub(" ", text)
        if _LONG_NUMBER.search(text):
            return False  # an ID, a phone or a postal code in the header cell
        text = re.sub(r"\d+", " ", text)
        for word in self._words:
            if word in text:
                text = text.replace(word, " ")
        return all(self._run_is_safe(run) for run in _RUN.findall(text))

    def _run_is_safe(self, run: str) -> bool:
        if run.isascii():
            return len(run) <= 2 or run in _SAFE_ASCII
        if len(run) == 1:
            return True
        if self._names.is_full_name(run):
            return False
        tokens = self._names.pos(run)
        if any(pos[1] == "固有名詞" for _, pos in tokens):
            return False  # a surname, a given name, a place
        # a kana run that is not one dictionary noun may be a name in kana (こばやし)
        kana_only = all("\u3041" <= ch <= "\u30ff" for ch in run)
        if kana_only and len(run) >= 3 and not _one_common_noun(tokens):
            return False
        # A name the dictionary has no entry for comes apart into one-kanji nouns (鴎|汀|琥珀|音,
        # 鷲|鶯|院) or is not in the dictionary at all (龘靐); qualifiers are words (自宅, 購入|日).
        single = sum(len(s) for s, pos in tokens if len(s) == 1 and pos[0] == "名詞")
        return 2 * single < len(run) and self._in_dictionary(run)

    def _in_dictionary(self, run: str) -> bool:
        # Sudachi tags a run of kanji it does not know as one common noun: ask whether the
        # word is out of its vocabulary
        tokenizer = getattr(self._names, "_tokenizer", None)
        return tokenizer is None or not any(m.is_oov() for m in tokenizer.tokenize(run))

    def label(self, header: str, position: int) -> str:
        """The header, or ``列N`` (1-based position) when it may hold personal data."""
        return header if self.is_safe(header) else f"列{position + 1}"


def _one_common_noun(tokens: list[tuple[str, tuple[str, ...]]]) -> bool:
    return len(tokens) == 1 and tokens[0][1][1] == "普通名詞"
