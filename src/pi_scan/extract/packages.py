"""Zips and Office packages, checked before any parser reads them.

xlsx, docx and ods files are zips of XML parts read by libraries (calamine, openpyxl,
python-docx) whose defences differ. So what no parser should ever see is refused here, once:

- members that overlap (one compressed kernel listed many times: a zip bomb no ratio reveals);
- members over the size limit, or inflating beyond the compression-ratio limit;
- XML parts that declare a document type. Office never writes a DTD; with one come entity
  expansion (billion laughs) and external entities that read files outside the share (XXE).
  The prolog is tokenised in the part's own encoding (UTF-8, UTF-16, UTF-32), so a padded
  comment or a UTF-16 part cannot hide a ``<!DOCTYPE``.
"""

from __future__ import annotations

import codecs
import itertools
import zipfile
import zlib
from collections.abc import Callable, Sequence

from pi_scan.config import Limits

_SMALL_MEMBER = 1024 * 1024  # tiny members have wild compression ratios; judge only big ones
_LOCAL_HEADER = 30  # the fixed part of a local file header
_CHUNK = 64 * 1024
PROLOG_LIMIT = 1024 * 1024
"""An XML prolog (declaration, comments, processing instructions) longer than this is refused."""

XML_REFUSED = "xml entity expansion refused: a part of the package declares a document type (DTD)"
OVERLAP_REASON = "zip bomb suspected: members overlap in the archive"


def ratio_reason(expanded: int, compressed: int, limits: Limits) -> str:
    if expanded <= _SMALL_MEMBER:
        return ""
    ratio = expanded / max(compressed, 1)
    if ratio <= limits.max_compression_ratio:
        return ""
    return (
        f"zip bomb suspected: compression ratio {ratio:,.0f}:1 "
        f"over the {limits.max_compression_ratio}:1 limit"
    )


def overlapping(infos: Sequence[zipfile.ZipInfo]) -> bool:
    """True when two members' byte ranges overlap (or two entries share one local header).

    Each range is at least the local header's fixed part plus the compressed data, so only
    real overlaps are found; Python 3.11's zipfile does not look.
    """
    spans = sorted(
        (info.header_offset, info.header_offset + _LOCAL_HEADER + info.compress_size)
        for info in infos
    )
    return any(later[0] < earlier[1] for earlier, later in itertools.pairwise(spans))


def bomb_reason(
    infos: Sequence[zipfile.ZipInfo],
    limits: Limits,
    unsized: Callable[[str], bool] = lambda name: False,
) -> str:
    """Why the declared sizes look like a zip bomb, or "" when they do not. Members named
    ``unsized`` are exempt from the size limits, not from the overlap and ratio checks."""
    if overlapping(infos):
        return OVERLAP_REASON
    sized = [info for info in infos if not unsized(info.filename)]
    total = sum(info.file_size for info in sized)
    if total > limits.max_expanded_bytes:
        compressed = sum(info.compress_size for info in sized)
        if total / max(compressed, 1) <= limits.max_compression_ratio:
            # a big workbook, not a bomb: say which limit a user may raise for it
            return (
                f"too large to read: expands to {total:,} bytes, over the "
                f"{limits.max_expanded_bytes:,}-byte limit (max_expanded_bytes)"
            )
        return f"zip bomb suspected: expands to {total:,} bytes, over the size limit"
    for info in infos:
        if info.file_size > limits.max_member_bytes and not unsized(info.filename):
            return (
                f"member larger than the size limit ({info.file_size:,} bytes declared, "
                f"max_member_bytes {limits.max_member_bytes:,})"
            )
        reason = ratio_reason(info.file_size, info.compress_size, limits)
        if reason:
            return reason
    return ""


def package_reason(package: zipfile.ZipFile, limits: Limits) -> str:
    """Why an Office package must not reach its parser, or "" when it may.

    Worksheet parts are exempt from the size limits (not from the overlap and ratio checks):
    no reader holds one whole — calamine parses the XML as it inflates it, after the sheet's
    cells were counted against ``max_sheet_cells``, and a sheet over that is read row by row
    — so their size costs time (``file_seconds``), not memory. A 1,000,000-row workbook's
    sheet part alone is ~700 MB.
    """
    # not ZipInfo.is_dir(): it raises IndexError on an empty name
    infos = [info for info in package.infolist() if not info.filename.endswith("/")]
    reason = bomb_reason(infos, limits, unsized=_worksheet_part)
    if reason:
        return reason
    for info in infos:
        if info.file_size == 0 or info.flag_bits & 0x1:  # empty, or encrypted (unreadable)
            continue
        try:
            with package.open(info) as part:
                declared = declares_doctype(part.read)
        except NotImplementedError:
            return "package member in an unsupported compression method: not opened"
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError):
            continue  # a damaged part: the parser reports it if it needs the part
        if declared:
            return XML_REFUSED
    return ""


def _worksheet_part(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _encoding(head: bytes) -> str:
    """The encoding an XML parser would detect from the first bytes (XML 1.0 Appendix F)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(b"<\0\0\0"):
        return "utf-32-le"
    if head.startswith(b"\0\0\0<"):
        return "utf-32-be"
    if head.startswith(b"<\0"):
        return "utf-16-le"
    if head.startswith(b"\0<"):
        return "utf-16-be"
    if head.startswith(b"\x4c\x6f\xa7\x94"):  # "<?xm" in EBCDIC
        return "cp500"
    return "utf-8"  # and every ASCII-compatible encoding: the markup bytes are the same


def declares_doctype(read: Callable[[int], bytes], limit: int = PROLOG_LIMIT) -> bool:
    """True when the XML's prolog declares a document type (``<!DOCTYPE``, or any other ``<!``
    declaration before the root element), or is longer than ``limit``; False at the root
    element, and for content that is not XML at all."""
    chunk = read(_CHUNK)
    decoder = codecs.getincrementaldecoder(_encoding(chunk[:4]))("replace")
    text = decoder.decode(chunk)
    seen = len(chunk)
    while True:
        verdict = _prolog(text)
        if verdict is not None:
            return verdict
        if seen >= limit:
            return True  # no Office part has a prolog this long
        chunk = read(_CHUNK)
        if not chunk:
            return False  # ended inside the prolog: no element to expand anything into
        seen += len(chunk)
        text += decoder.decode(chunk)


_SPACE = " \t\r\n"


def _prolog(text: str) -> bool | None:
    """True: a declaration before the root; False: the root (or not XML); None: need more."""
    pos = 1 if text.startswith("\ufeff") else 0
    end = len(text)
    while True:
        while pos < end and text[pos] in _SPACE:
            pos += 1
        if pos >= end:
            return None
        if text[pos] != "<":
            return False
        if end - pos < 4:
            return None
        if text.startswith("<?", pos):
            close = text.find("?>", pos + 2)
            if close < 0:
                return None
            pos = close + 2
        elif text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
            if close < 0:
                return None
            pos = close + 3
        else:
            return text.startswith("<!", pos)
