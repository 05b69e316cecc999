"""pi-scan's content-stream parser gives pypdf's operations exactly, or hands the stream back.

``pdf_content`` builds, for each page's content stream, the operations pypdf's own parse
builds (the same pypdf objects from the same bytes); anything it does not do itself goes to
pypdf. Here it meets random streams made of what content streams hold, well and badly formed
(escaped and nested strings, malformed numbers, ``n n R``, names with ``#xx``, dictionaries,
comments, inline images, vertical tabs, streams cut short), and the text of real PDFs.
"""

from __future__ import annotations

import importlib
import io
import random
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DecodedStreamObject, NameObject

from pi_scan.extract import pdf_content

from .conftest import extract, only, pdf_of_pages, write

REPO = Path(__file__).resolve().parents[2]

_OPERATORS = [b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"Td", b"Tm", b"T*", b"re", b"f", b"m"]
_OPERATORS += [b"l", b"S", b"q", b"Q", b"cm", b"BDC", b"EMC", b"'", b'"', b"d0", b"gs"]
_RARE_OPERATORS = [b"true", b"null", b"false", b"x" * 120, b"BI /W 1 /H 1 ID \x00\x01 EI"]
_SPACES = [b" ", b" ", b" ", b"\n", b"\r\n", b"\t", b"\x00", b"\x0c", b""]


def _number(rng: random.Random, rare: bool = False) -> bytes:
    shape = rng.random()
    if shape < 0.45:
        return str(rng.randint(-2000, 2000)).encode()
    if shape < 0.8:
        return rng.choice([b"%.2f", b"%.4f", b"%.1f"]) % rng.uniform(-900, 900)
    odd = [b"1.", b".5", b"-.5", b"+3", b"+3.25", b"1-2", b"1,5", b"--", b".", b"+", b"1.2.3"]
    odd += [b"12345678901234567890123", b"3 0 Rx", b"-0", b"007", b"1 2 3 4 5 6 7 8 Rx"]
    odd += [b"2" * 40, b"-" + b"3" * 30 + b".5"]
    # pypdf fails on an n n R, and on a number over 64 bytes
    return rng.choice(odd + ([b"12 0 R ", b"1" * 70] if rare else []))


def _name(rng: random.Random, rare: bool = False) -> bytes:
    names = [b"/F1", b"/Span", b"/P", b"/MCID", b"/A#20B", b"/#E3#81#82", b"/#zz", b"/"]
    names += [b"/\x82\xa0", b"/\xff\xfe", b"/" + b"n" * 4050, b"/a#"]
    return rng.choice(names + ([b"/" + b"n" * 4100] if rare else []))  # too long for pypdf


def _string(rng: random.Random, rare: bool = False) -> bytes:
    if rng.random() < 0.5:
        return b"(" + bytes(rng.choice(b"abcXYZ 0123") for _ in range(rng.randint(0, 6))) + b")"
    pieces = [b"\\n", b"\\(", b"\\)", b"\\\\", b"\\101", b"\\0", b"\\12", b"\\0003", b"\\377"]
    pieces += [b"\\400", b"\\777", b"\\8", b"\\\n", b"\\\r\n", b"\\q", b"(a)", b"\\&", b"x"]
    pieces += [b"\\_", b"\\%", b"\\#", b"\\ ", b"\\t", b"\\f", b"\\b", b"\\r", b"\\/"]
    parts = [b"("]
    for _ in range(rng.randint(1, 6)):
        parts.append(rng.choice(pieces))
    parts.append(rng.choice([b")", b")", b")", b""]) if rare else b")")
    return b"".join(parts)


def _hex(rng: random.Random, rare: bool = False) -> bytes:
    well_formed = [b"<4142>", b"<414>", b"< 41\n42 >", b"<>", b"<0030004E>", b"<\x0041>"]
    return rng.choice(well_formed + ([b"<4G>", b"<41"] if rare else []))


def _dictionary(rng: random.Random, rare: bool = False) -> bytes:
    well_formed = [b"<</MCID 0>>", b"<< /Type /Foo /A [1 2] >>", b"<</B (x)>>"]
    return rng.choice(well_formed + ([b"<</A>>"] if rare else []))


def _object(rng: random.Random, rare: bool, depth: int = 0) -> bytes:
    """An operand, or an array's element (where ``null``, a comment or ``}`` make the parser
    hand the stream back; out of an array the first two are an operator and a comment)."""
    pick = rng.random()
    if pick < 0.4:
        return _number(rng, rare)
    if pick < 0.55:
        return _name(rng, rare)
    if pick < 0.7:
        return _string(rng, rare)
    if pick < 0.8:
        return _hex(rng, rare)
    if pick < 0.9 and depth < 3:
        return _array(rng, rare, depth + 1)
    if pick < 0.95 or not rare:
        return _dictionary(rng, rare)
    return rng.choice([b"null", b"true", b"% note\n", b"\x0b", b"}", b"nul"])


def _array(rng: random.Random, rare: bool, depth: int) -> bytes:
    parts = [b"["]
    for _ in range(rng.randint(0, 6)):
        parts.append(_object(rng, rare, depth))
        parts.append(rng.choice(_SPACES))
    parts.append(rng.choice([b"]", b"]", b"]", b""]) if rare else b"]")
    return b"".join(parts)


def _stream(rng: random.Random) -> bytes:
    """A content stream: mostly of what this parser reads or hands to pypdf object by object
    (dictionaries, odd strings, numbers and names); a fifth also of what makes it hand the
    whole stream back (inline images, comments in arrays, nulls, vertical tabs, errors)."""
    rare = rng.random() < 0.2
    parts = []
    for _ in range(rng.randint(1, 30)):
        for _ in range(rng.randint(0, 4)):
            parts.append(_object(rng, rare))
            parts.append(rng.choice(_SPACES))
        if rng.random() < 0.05:
            parts.append(rng.choice([b"% a comment\n", b"%\r", b"%"]))
        if rare and rng.random() < 0.05:
            parts.append(rng.choice([b"\x0b", b"]", b")", b"{"]))
        operators = _OPERATORS + (_RARE_OPERATORS if rare and rng.random() < 0.1 else [])
        parts.append(rng.choice(operators))
        parts.append(rng.choice(_SPACES[:-1]))
    return b"".join(parts)


def _pypdf_operations(data: bytes) -> Any:
    content = ContentStream(None, None, "bytes")
    content.set_data(data)
    try:
        return content.operations
    except Exception as exc:  # which error does not matter here
        return exc


def _same(ours: Any, theirs: Any) -> bool:
    """Equal, of the same pypdf types, all the way down."""
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, (list, tuple)):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    if isinstance(ours, dict):
        return ours.keys() == theirs.keys() and all(_same(ours[k], theirs[k]) for k in ours)
    return bool(ours == theirs) and repr(ours) == repr(theirs)


def test_random_streams_parse_as_pypdf_parses_them() -> None:
    rng = random.Random(17)
    ours_kept = handed_back = 0
    for _ in range(3000):
        data = _stream(rng)
        theirs = _pypdf_operations(data)
        ours = pdf_content.operations_of(data)
        if ours is None:
            handed_back += 1
            continue
        assert not isinstance(theirs, Exception), data  # never a parse where pypdf fails
        assert _same(ours, theirs), data
        ours_kept += 1
    # both paths are exercised: most streams are parsed here, the rarest go to pypdf
    assert ours_kept > 1800
    assert handed_back > 300


def test_a_stream_with_an_inline_image_or_too_long_goes_to_pypdf() -> None:
    assert pdf_content.operations_of(b"q BI /W 1 /H 1 /BPC 8 ID \x00 EI Q") is None
    assert pdf_content.operations_of(b"0 0 m\x0b1 1 l S") is None
    assert pdf_content.operations_of(b"(no end") is None
    assert pdf_content.operations_of(b"1 0 " + b"x" * 120) is None  # pypdf: too long
    assert pdf_content.operations_of(b"[1 % note\n 2] TJ") is None
    too_many = b"[" + b"1 " * 100_001 + b"] TJ"  # over pypdf's limit of elements in an array
    assert isinstance(_pypdf_operations(too_many), Exception)
    assert pdf_content.operations_of(too_many) is None
    assert pdf_content.operations_of(b"1 0 0 1 72 700 cm BT /F1 12 Tf (Hi) Tj ET") is not None


def _real_pdfs() -> list[Path]:
    pdfs = sorted((REPO / "fixtures").rglob("*.pdf"))
    pdfs += sorted((REPO / "benchmarks" / "detection").rglob("*.pdf"))
    return pdfs


def test_real_pages_parse_and_read_as_pypdf_reads_them() -> None:
    pdfs = _real_pdfs()
    assert len(pdfs) >= 3
    pages = 0
    for path in pdfs:
        data = path.read_bytes()
        plain = PdfReader(io.BytesIO(data))
        ours = PdfReader(io.BytesIO(data))
        for page, our_page in zip(plain.pages, ours.pages, strict=True):
            contents = page.get_contents()
            if contents is None:
                continue
            stream = contents.get_data()
            operations = pdf_content.operations_of(stream)
            assert operations is not None, path
            assert _same(operations, _pypdf_operations(stream)), path
            # the text pypdf reads from the operations given to it is the text it reads alone
            parsed = pdf_content.parsed_content(our_page["/Contents"].get_object(), ours)
            # the stream keeps its bytes (extract_text reads them first), not rebuilt ones
            assert parsed.get_data() == stream
            our_page[NameObject("/Contents")] = parsed
            assert our_page.extract_text() == page.extract_text(), path
            pages += 1
    assert pages >= 5


def test_with_a_pypdf_whose_parse_it_does_not_follow_pypdf_parses_every_stream(
    monkeypatch: Any,
) -> None:
    # an older pypdf lacks the parse limits this parser follows: the module still imports,
    # and pypdf parses every stream itself
    monkeypatch.setitem(sys.modules, "pypdf._configuration", None)  # import fails
    try:
        module = importlib.reload(pdf_content)
        assert not module.FOLLOWS_PYPDF
        assert module.operations_of(b"BT /F1 12 Tf (Hi) Tj ET") is None
        content = module.parsed_content(_stream_object(b"BT /F1 12 Tf (Hi) Tj ET"), None)
        assert _same(content.operations, _pypdf_operations(b"BT /F1 12 Tf (Hi) Tj ET"))
    finally:
        monkeypatch.undo()
        importlib.reload(pdf_content)
    assert pdf_content.FOLLOWS_PYPDF


def _stream_object(data: bytes) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _parsed_streams(monkeypatch: Any) -> list[bytes]:
    """The streams pi-scan's parser is given from now on, in order."""
    parsed: list[bytes] = []
    operations_of = pdf_content.operations_of

    def counted(data: bytes) -> Any:
        parsed.append(data)
        return operations_of(data)

    monkeypatch.setattr(pdf_content, "operations_of", counted)
    return parsed


def test_a_page_of_drawing_alone_is_not_parsed(tmp_path: Path, monkeypatch: Any) -> None:
    # pypdf's extract_text does not parse a stream that cannot show text: neither does
    # pi-scan (a plan or a chart of megabytes of paths would cost seconds for nothing)
    text = b"BT /F1 12 Tf 72 720 Td (Taro Yamada 090-1234-5678) Tj ET"
    drawing = b"1 w " + b"10 10 m 50 80 90 20 130 60 c S " * 200
    parsed = _parsed_streams(monkeypatch)
    dataset = only(extract(write(tmp_path, "plan.pdf", pdf_of_pages([text, drawing]))))
    assert "Taro Yamada" in (dataset.text or "")
    assert parsed == [text]


def test_a_page_of_several_streams_is_parsed_as_pypdf_joins_them(
    tmp_path: Path, monkeypatch: Any
) -> None:
    # tools that stamp or edit pages leave a /Contents that is an array of streams: pypdf
    # reads them as one, joined by a line end; so does this parser, once
    first = b"BT /F1 12 Tf 72 720 Td (Taro Yamada) Tj"
    second = b"0 -14 Td (090-1234-5678) Tj ET"
    parsed = _parsed_streams(monkeypatch)
    data = pdf_of_pages([[first, second]])
    dataset = only(extract(write(tmp_path, "stamped.pdf", data)))
    plain = PdfReader(io.BytesIO(data)).pages[0]
    assert dataset.text.strip() == plain.extract_text().strip()
    assert "Taro Yamada" in dataset.text and "090-1234-5678" in dataset.text
    assert parsed == [plain.get_contents().get_data()]
    assert _same(pdf_content.operations_of(parsed[0]), _pypdf_operations(parsed[0]))
