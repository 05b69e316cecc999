"""A page's content stream parsed into pypdf's operations, faster than pypdf parses it.

pypdf reads a content stream a byte at a time through ``BytesIO`` (``read_object``): on
Office's and reportlab's text pages that is about 60 % of ``extract_text``. This parser reads
the same bytes a token at a time with one regular expression and builds **the same
operations**: the same pypdf objects (``NumberObject``, ``FloatObject``, ``NameObject``,
``ByteStringObject``, ``ArrayObject``) from the same bytes. It reads itself only what nearly
every text page is made of — operators, numbers, names, strings (with pypdf's escapes), hex
strings, arrays of those — and hands any other object to pypdf's ``read_object`` at that very
byte (dictionaries, strings with nested parentheses or broken lines, odd numbers). A stream
holding an inline image (``BI``), a comment or a ``null`` within an array, a vertical tab,
anything pypdf fails on, or more than pypdf's parsing budget, is parsed by pypdf whole, so
that it is read, or fails, as it always did.

It follows pypdf's private parsing rules (its token classes, escapes and limits), so it is
tested against pypdf's own parse (``tests/extract/test_pdf_content.py``, random streams and
real pages): a pypdf release that changes them fails those tests.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    FloatObject,
    NameObject,
    NumberObject,
    read_object,
)

try:  # pypdf's own test for a stream that may show text, which it alone then parses
    from pypdf._text_extraction import _has_text_operator
except ImportError:
    _has_text_operator = None

try:  # the parse limits of recent pypdf (7.1 here); with an older one pypdf parses every stream
    from pypdf._configuration import get_configuration
    from pypdf.generic._data_structures import IndirectPattern
    from pypdf.generic._utils import __ESCAPE_DICT__ as _ESCAPED
    from pypdf.generic._utils import StreamParsingBudget
except ImportError:  # then operations_of hands every stream to pypdf
    _ESCAPED = {b"\\": 92}  # the expressions below still compile; the parser is not used
    FOLLOWS_PYPDF = False
else:
    FOLLOWS_PYPDF = True

Operations = list[tuple[Any, bytes]]

# pypdf's escapes in a literal string (``\n``, ``\(``...) and their bytes
_ESCAPES = {b"\\" + key: bytes((value,)) for key, value in _ESCAPED.items()}
_ESCAPES.update({b"\\" + f"{i:o}".encode(): bytes((i,)) for i in range(256)})
_ESCAPES.update({b"\\" + f"{i:02o}".encode(): bytes((i,)) for i in range(64)})
_ESCAPES.update({b"\\" + f"{i:03o}".encode(): bytes((i,)) for i in range(256)})
_SIMPLE_ESCAPE = b"[" + b"".join(re.escape(key) for key in _ESCAPED) + b"]"
# An octal escape takes up to three digits; pypdf reads one over 255 (\4xx-\7xx) otherwise
_OCTAL = rb"[0-3][0-7]{0,2}|[4-7][0-7]?(?![0-7])"
_ESCAPE = re.compile(rb"\\(?:[0-7]{1,3}|" + _SIMPLE_ESCAPE + rb")")

_DELIMITERS = rb"\s()<>\[\]{}/%"  # NameObject.delimiter_pattern's: where operators and names end
_SPACE_CLASS = rb"[\x00\t\n\x0c\r ]"  # pypdf's WHITESPACES
_NUMBER_BYTES = rb"[+,\-.0-9]"  # what NumberObject.NumberPattern does not end a number at
# One token, as pypdf's parse tells them apart by their first byte (``read_object``), and the
# space after it
_TOKEN = re.compile(
    rb"(?:([A-Za-z'\"][^" + _DELIMITERS + rb"]*)"  # 1: an operator
    # 2: an integer that cannot be the start of "n n R" (an object reference)
    rb"|([+-]?[0-9]+)(?!" + _NUMBER_BYTES + rb")(?!\s+[0-9]+\s+R[^a-zA-Z])"
    rb"|([+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+))(?!" + _NUMBER_BYTES + rb")"  # 3: a decimal
    rb"|(" + _NUMBER_BYTES + rb"+)"  # 4: any other number
    rb"|(/[^" + _DELIMITERS + rb"]*)"  # 5: a name
    rb"|\(((?:[^()\\]|\\(?:" + _OCTAL + b"|" + _SIMPLE_ESCAPE + rb"))*)\)"  # 6: a string
    rb"|<([0-9A-Fa-f\x00\t\n\x0c\r ]*)>"  # 7: a hex string
    rb"|(\[)"  # 8
    rb"|(\]))"  # 9
    rb"" + _SPACE_CLASS + rb"*"
)
_OPERATOR, _INTEGER, _DECIMAL, _NUMBER, _NAME, _STRING, _HEX, _OPEN, _CLOSE = range(1, 10)
_SPACE = re.compile(_SPACE_CLASS + rb"*")
_HEX_SPACE = b"\x00\t\n\x0c\r "
_LINE_END = re.compile(rb"[\r\n]")
_NUMBER_PEEK = 20  # read_object looks this far for a number's end, else reads it otherwise
_OPERATOR_MAX = 96  # pypdf refuses operators near 128 bytes: longer ones go to pypdf
_NAME_MAX = 4000  # likewise names near 4,096 bytes


class _ToPypdf(Exception):
    """The stream holds what only pypdf's own parse of the whole stream reproduces (so does
    any error: pypdf then meets it itself, and fails as it always did)."""


def parsed_content(stream: Any, pdf: Any) -> ContentStream:
    """``ContentStream(stream, pdf, "bytes")`` with its operations parsed (as pypdf parses
    them, see the module's text)."""
    content = ContentStream(stream, pdf, "bytes")
    data = content.get_data()
    if data:
        operations = operations_of(data)
        if operations:
            # Not the ``operations`` setter: it drops the stream's bytes, which
            # ``extract_text`` reads first (does the stream draw text?) and would then
            # rebuild from the operations. (No operation at all: pypdf parses it again.)
            content._operations = operations
    return content


def shows_text(data: bytes) -> bool:
    """Whether pypdf's ``extract_text`` parses this stream: it skips one with no operator that
    may show text (``Tj``, ``TJ``, ``'``, ``"``, ``Do``), such as a drawing's."""
    return _has_text_operator is None or bool(_has_text_operator(data))


def operations_of(data: bytes) -> Operations | None:
    """The operations of a content stream (``ContentStream.operations``, forced encoding
    ``"bytes"``), or None: pypdf must parse this stream itself."""
    if not FOLLOWS_PYPDF:
        return None
    if len(data) >= get_configuration().stream_parsing_work_maximum_count or b"\x0b" in data:
        # every token is at least a byte: a shorter stream stays within pypdf's budget; a
        # vertical tab is a space within an array only
        return None
    try:
        return _Parser(data).operations()
    except Exception:  # pypdf parses it again, and fails as it always did
        return None


class _Parser:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self._stream: BytesIO | None = None
        self._moved_to: int | None = None
        self._budget = StreamParsingBudget(
            remaining_budget=get_configuration().stream_parsing_work_maximum_count
        )

    def operations(self) -> Operations:
        data = self.data
        end = len(data)
        most = get_configuration().array_maximum_element_count
        operations: Operations = []
        operands: list[Any] = []
        arrays: list[ArrayObject] = []  # the arrays being read, innermost last
        pos = _SPACE.match(data, 0).end()
        tokens = _TOKEN.scanner(data, pos)
        while pos < end:
            match = tokens.match()
            kind = match.lastindex if match is not None else None
            if kind == _OPERATOR:
                if arrays:
                    raise _ToPypdf  # true, false, null within an array
                operator = match.group(1)
                if len(operator) > _OPERATOR_MAX or operator == b"BI":
                    raise _ToPypdf  # too long for pypdf, or an inline image
                operations.append((operands, operator))
                operands = []
                pos = match.end()
                continue
            if kind in (_INTEGER, _DECIMAL):
                number = match.group(kind)
                if len(number) < _NUMBER_PEEK and pos + len(number) < end:
                    value: Any = (
                        int.__new__(NumberObject, int(number))
                        if kind == _INTEGER
                        else float.__new__(FloatObject, float(number))
                    )
                else:  # read_object finds no end within 20 bytes: it reads it otherwise
                    value = self._by_pypdf(pos)  # (and refuses one over 64 bytes)
            elif kind == _NAME:
                value = self._name(match.group(kind), pos)
            elif kind == _STRING:
                text = match.group(kind)
                if b"\\" in text:
                    text = _ESCAPE.sub(_unescaped, text)
                value = ByteStringObject(text)
            elif kind == _HEX:
                digits = match.group(kind).translate(None, _HEX_SPACE)
                if len(digits) % 2:
                    digits += b"0"
                value = ByteStringObject(bytes.fromhex(digits.decode()))
            elif kind == _OPEN:
                arrays.append(ArrayObject())
                pos = match.end()
                continue
            elif kind == _CLOSE and arrays:
                value = arrays.pop()
            elif kind == _NUMBER:  # pypdf's constructors: they turn a malformed one into 0
                value = self._number(match.group(kind), pos)
            elif data[pos] == 37:  # "%": a comment, to the end of its line
                if arrays:
                    raise _ToPypdf
                line_end = _LINE_END.search(data, pos)
                pos = _SPACE.match(data, line_end.end() if line_end else end).end()
                tokens = _TOKEN.scanner(data, pos)
                continue
            else:  # a dictionary, a string pypdf reads otherwise, an error
                value = self._by_pypdf(pos)
            if arrays:
                if len(arrays[-1]) >= most:
                    raise _ToPypdf  # pypdf's limit, and its error
                arrays[-1].append(value)
            else:
                operands.append(value)
            if self._moved_to is None:
                pos = match.end()
            else:  # pypdf read that object: on from where it stopped
                pos = _SPACE.match(data, self._moved_to).end()
                self._moved_to = None
                tokens = _TOKEN.scanner(data, pos)
        # An array left open at the end (pypdf ends it there) and any operand after the last
        # operator belong to no operation: pypdf drops them too.
        return operations

    def _number(self, number: bytes, pos: int) -> Any:
        """``read_object``'s number when it is not a plain integer or decimal."""
        if len(number) >= _NUMBER_PEEK or pos + len(number) == len(self.data):
            return self._by_pypdf(pos)
        if IndirectPattern.match(self.data, pos, pos + _NUMBER_PEEK) is not None:
            return self._by_pypdf(pos)
        return FloatObject(number) if b"." in number else NumberObject(number)

    def _name(self, name: bytes, pos: int) -> Any:
        """``NameObject.read_from_stream``: ``#xx`` escapes, then the first charset that
        decodes it."""
        if len(name) <= _NAME_MAX:
            name = NameObject.unnumber(name)
            for charset in NameObject.CHARSETS:
                try:
                    return NameObject(name.decode(charset))
                except UnicodeDecodeError:
                    pass
        return self._by_pypdf(pos)

    def _by_pypdf(self, pos: int) -> Any:
        """pypdf's own reading of the object at ``pos``: the same object, or the same error.
        The parse goes on where pypdf stopped (``_moved_to``)."""
        if self._stream is None:
            self._stream = BytesIO(self.data)
        stream = self._stream
        stream.seek(pos)
        value = read_object(stream, None, "bytes", parsing_budget=self._budget)
        self._moved_to = stream.tell()
        return value


def _unescaped(escape: re.Match[bytes]) -> bytes:
    return _ESCAPES[escape.group()]
