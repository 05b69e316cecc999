"""A PDF page's lines, rectangles and characters, shaped as pdfplumber's objects, read fast.

pdfplumber's table finder is well kept, but it has pdfminer.six (pure Python) parse and
interpret the whole page to get its drawing and its characters: most of a printed list's cost.
Two readers here give pdfplumber's own :class:`~pdfplumber.page.Page` the same objects (same
coordinates: ``top`` from the page top, the page's /Rotate and MediaBox offset applied as
pdfminer and pdfplumber apply them), so its table finder, cell text and ``outside_bbox`` text
run unchanged:

- :class:`PdfiumDocument` (PDFium, in C, already used to render scans for OCR): the page's path
  objects and text page, in a few milliseconds. Only where PDFium reads the page as pdfminer
  does; otherwise :meth:`PdfiumDocument.read_page` returns None and the page goes to pdfminer:

  - every character PDFium keeps must be one pypdf read from the page, and the reverse (spaces
    aside): PDFium drops a text object whose glyphs it cannot measure (a CJK font that is not
    embedded, on a machine without it) and one drawn twice in a row (fake bold);
  - every font used takes its widths and descent from the PDF as pdfminer does: Type 0 coded
    Identity-H, TrueType or Type 1 with whole-unit /Widths (PDFium drops fractions), the
    standard 14 without /Widths; not a predefined CMap (UniJIS-UCS2-H …: each reader maps the
    codes with its own tables), a vertical (縦書き) or a Type 3 font;
  - text upright in user space, no text rise, scaling or word spacing (``Ts``, ``Tz``,
    ``Tw``), no Form XObject with content (PDFium nests it, pdfminer flattens it).

  Characters PDFium makes up (spaces and line breaks it infers) are left out, and characters
  are put back in content-stream order. A character's box is pdfminer's: from its origin by
  the advance PDFium moved by, from the font's descent (the font descriptor's, as pdfminer
  reads it) one font size high. Coordinates are PDFium's single-precision floats.
- :func:`pdfminer_page`: pdfminer's interpreter with a device that writes pdfplumber's dicts
  straight away (no layout objects), run on pypdf's parse of the content stream when the caller
  has it (pypdf parses it for the page's text anyway): exactly pdfplumber's numbers.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import LIT
from pdfminer.utils import apply_matrix_pt, apply_matrix_rect
from pdfplumber.page import Page
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
)

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_PATH_SEGMENTS = 100_000  # a page drawing more is left to the other reader


class Unsupported(Exception):
    """The page holds something this reader would not read as pdfminer does."""


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """``m1`` then ``m0`` (pdfminer's ``mult_matrix``)."""
    (a1, b1, c1, d1, e1, f1) = m1
    (a0, b0, c0, d0, e0, f0) = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, x: float, y: float) -> Point:
    (a, b, c, d, e, f) = m
    return (a * x + c * y + e, b * x + d * y + f)


def _page_ctm(mediabox: Sequence[float], rotation: int) -> Matrix:
    """pdfminer's device matrix, user space → its page space (``process_page``)."""
    (x0, y0, x1, y1) = mediabox
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


class PdfiumDocument:
    """One PDF opened by PDFium; pages are read one at a time and closed at once."""

    def __init__(self, stream: Any) -> None:
        self._pdf = pdfium.PdfDocument(stream)

    def close(self) -> None:
        self._pdf.close()

    def read_page(
        self, index: int, pypdf_page: Any, pypdf_text: str, contents: bytes | None = None
    ) -> Page | None:
        """The page as a pdfplumber page built from PDFium's objects, or None when the page
        holds something read differently (see the module docstring). ``contents``: the page's
        content stream as read, when the caller has it (pypdf would write its parse out again)."""
        attrs = _page_attrs(pypdf_page)
        descents, refused = _font_descents(pypdf_page)
        if contents is None:
            stream = pypdf_page.get_contents()
            contents = stream.get_data() if stream is not None else None
        if contents is None or _TEXT_STATE.search(contents):
            raise Unsupported("text rise, scaling, word spacing or actual text")
        if refused and _selects_font(contents, refused):
            # its characters would be refused one by one, after PDFium has read the page
            raise Unsupported("a font PDFium would not measure as pdfminer does")
        resources = pypdf_page.get("/Resources")
        if resources is not None and "/Properties" in resources.get_object():
            raise Unsupported("marked content properties (actual text?)")
        page = self._pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                reader = _PageReader(attrs, index, descents)
                reader.read_objects(page.raw)
                reader.read_chars(textpage.raw)
            finally:
                textpage.close()
        except Unsupported:
            return None
        finally:
            page.close()
        if not _same_characters(reader.chars, pypdf_text):
            return None
        return _ObjectsPage(attrs, index + 1, reader.objects())


def _page_attrs(pypdf_page: Any) -> dict[str, Any]:
    """The page's MediaBox, CropBox and Rotate as pdfminer reads them (pypdf copies the
    inherited ones onto each page, as pdfminer does)."""
    attrs: dict[str, Any] = {}
    for key in ("MediaBox", "CropBox"):
        box = pypdf_page.get("/" + key)
        if box is not None:
            box = box.get_object()
            attrs[key] = [float(v.get_object()) for v in box]
            if len(attrs[key]) != 4:
                raise Unsupported(key)
    rotate = pypdf_page.get("/Rotate", 0)
    attrs["Rotate"] = int(rotate.get_object()) if hasattr(rotate, "get_object") else int(rotate)
    if "MediaBox" not in attrs:
        raise Unsupported("no MediaBox")
    return attrs


# Text rise and scaling (pdfminer boxes them its own way), word spacing (PDFium spaces only
# single-byte spaces, pdfminer code 32 of any font), the " operator (it sets word spacing), and
# /ActualText (PDFium shows it in place of the glyphs' text): such a page goes to pdfminer.
_TEXT_STATE = re.compile(
    rb"(?<![A-Za-z])(?:Ts|Tz)(?![A-Za-z])|[0-9.]\s*Tw(?![A-Za-z])|\"|/ActualText"
)


_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def _selects_font(contents: bytes, names: list[str]) -> bool:
    """Whether the page's own content selects one of the fonts named (``/F2 12 Tf``; a name
    written with ``#`` escapes is not seen, and the page is then read as before)."""
    alternatives = b"|".join(re.escape(n.encode("latin-1", "replace")) for n in names)
    return re.search(rb"/(?:" + alternatives + rb")\s+[-+.\d]+\s+Tf", contents) is not None


def _font_descents(pypdf_page: Any) -> tuple[dict[bytes, float | str], list[str]]:
    """Each font's descent (per 1,000 of its size) as pdfminer reads it, by BaseFont; or why
    PDFium would not measure its characters as pdfminer does (a page using it goes to pdfminer).
    And the resource names (without their slash) of the fonts of the second kind.

    Accepted: Type 0 fonts coded Identity-H (the character code is the CID, widths from /W),
    TrueType and Type 1 fonts with their own /Widths, and the standard 14 fonts without
    /Widths (pdfminer and PDFium both use the Adobe metrics). Not accepted: a predefined CMap
    (UniJIS-UCS2-H, 90ms-RKSJ-H…: each reader maps codes with its own tables, and PDFium
    drops the text of a font it cannot find on the machine), a standard font's name over
    other /Widths (pdfminer keeps the Adobe metrics), vertical and Type 3 fonts."""
    resources = pypdf_page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    descents: dict[bytes, float | str] = {}
    refused: list[str] = []
    for resource, ref in fonts.get_object().items() if fonts is not None else ():
        font = ref.get_object()
        name = str(font.get("/BaseFont", "")).removeprefix("/")
        descent = _descent_of(font, name)
        if isinstance(descent, str):
            refused.append(str(resource).removeprefix("/"))
        # PDFium names a subset font without its tag (ABCDEF+Name): both are keys
        for key in {name, _SUBSET_TAG.sub("", name)}:
            raw = key.encode("utf-8", "surrogateescape")
            if descents.setdefault(raw, descent) != descent:
                descents[raw] = "two fonts of one name"
    return descents, refused


def _descent_of(font: Any, name: str) -> float | str:
    subtype = font.get("/Subtype")
    if subtype == "/Type0":
        if font.get("/Encoding") != "/Identity-H":
            return "predefined CMap"
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return "no descendant font"
        cid_font = descendants.get_object()[0].get_object()
        if not _integral([cid_font.get("/DW", 1000), *_flat(cid_font.get("/W"))]):
            return "fractional widths"
        descriptor = cid_font.get("/FontDescriptor")
    elif subtype in ("/TrueType", "/Type1"):
        if name in FONT_METRICS:
            if font.get("/Widths") is not None:
                return "standard font with other widths"
            return float(FONT_METRICS[name][0]["Descent"])
        if font.get("/Widths") is None:
            return "no widths"
        if not _integral(_flat(font.get("/Widths"))):
            return "fractional widths"  # PDFium keeps whole units: the characters would drift
        descriptor = font.get("/FontDescriptor")
    else:
        return "font type"
    descent = float(descriptor.get_object().get("/Descent", 0)) if descriptor else 0.0
    return -descent if descent > 0 else descent


def _flat(array: Any) -> list[Any]:
    """The numbers of a widths array (nested arrays of /W included)."""
    if array is None:
        return []
    values = []
    for item in array.get_object():
        item = item.get_object()
        values.extend(_flat(item) if isinstance(item, list) else [item])
    return values


def _integral(values: list[Any]) -> bool:
    return all(float(v) == int(float(v)) for v in values)


def _same_characters(chars: list[dict[str, Any]], pypdf_text: str) -> bool:
    """Whether PDFium and pypdf read the same characters from the page, spaces aside."""
    ours = Counter(ch for c in chars for ch in c["text"] if not ch.isspace())
    theirs = Counter(ch for ch in pypdf_text if not ch.isspace())
    return ours == theirs


class _ObjectsPage(Page):
    """pdfplumber's page over objects already read (no pdfminer behind it)."""

    def __init__(self, attrs: dict[str, Any], page_number: int, objects: dict[str, list]) -> None:
        super().__init__(SimpleNamespace(laparams=None), SimpleNamespace(attrs=attrs), page_number)
        self._objects = objects


class _PageReader:
    """PDFium's objects of one page → pdfplumber's dicts, in pdfminer's coordinates."""

    def __init__(self, attrs: dict[str, Any], index: int, descents: dict[bytes, float]) -> None:
        self._descents = descents
        rotation = attrs["Rotate"] % 360
        self._ctm = _page_ctm(attrs["MediaBox"], rotation)
        # pdfplumber's own geometry (Page.__init__ and process_object), from the same attrs
        self.init_geometry(_ObjectsPage(attrs, index + 1, {}), index)

    def init_geometry(self, geometry: Page, index: int) -> None:
        self._mb_x0, self._mb_top = geometry.mediabox[0], geometry.mediabox[1]
        self._height = geometry.height
        self._page_number = index + 1
        self.lines: list[dict[str, Any]] = []
        self.rects: list[dict[str, Any]] = []
        self.curves: list[dict[str, Any]] = []
        self.chars: list[dict[str, Any]] = []
        self._segments = 0
        self._text_objects: dict[int | None, int] = {}  # a text object → its place on the page

    def objects(self) -> dict[str, list]:
        found = {"char": self.chars, "line": self.lines, "rect": self.rects, "curve": self.curves}
        return {kind: objs for kind, objs in found.items() if objs}

    # -- geometry shared by all objects (pdfplumber's Page.process_object) --

    def _box(self, kind: str, x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
        top = (self._height - y1) + self._mb_top
        bottom = (self._height - y0) + self._mb_top
        width, height = x1 - x0, y1 - y0
        if self._mb_x0 != 0:
            x0, x1 = x0 + self._mb_x0, x1 + self._mb_x0
        return {
            "object_type": kind,
            "page_number": self._page_number,
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": width,
            "height": height,
            "top": top,
            "bottom": bottom,
            "doctop": top,
        }

    def _coord(self, pt: Point) -> Point:
        """pdfplumber's ``point2coord`` (a curve's points)."""
        return (self._mb_x0 + pt[0], self._mb_top + self._height - pt[1])

    # -- drawing --

    def read_objects(self, page: Any) -> None:
        for i in range(pdfium_c.FPDFPage_CountObjects(page)):
            obj = pdfium_c.FPDFPage_GetObject(page, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                self._read_path(obj)
            elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                self._text_objects[_address(obj)] = i
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and pdfium_c.FPDFFormObj_CountObjects(obj):
                raise Unsupported("form XObject")  # pdfminer flattens it; kept simple here

    def _read_path(self, obj: Any) -> None:
        matrix = pdfium_c.FS_MATRIX()
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            raise Unsupported("path matrix")
        ctm = _mult((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), self._ctm)
        count = pdfium_c.FPDFPath_CountSegments(obj)
        self._segments += max(count, 0)
        if count < 0 or self._segments > _MAX_PATH_SEGMENTS:
            raise Unsupported("path segments")
        x, y = ctypes.c_float(), ctypes.c_float()
        path: list[tuple[str, Point]] = []
        for i in range(count):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                raise Unsupported("path point")
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            point = _apply(ctm, x.value, y.value)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                path.append(("m", point))
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                path.append(("l", point))
            elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                path.append(("c", point))  # a curve's three points; its end is the last
            else:
                raise Unsupported("path segment")
            if pdfium_c.FPDFPathSegment_GetClose(segment):
                path.append(("h", point))
        self._paint(_curves_joined(path))

    def _paint(self, path: list[tuple[str, Point]]) -> None:
        """pdfminer's ``PDFLayoutAnalyzer.paint_path``: each subpath a line, a rectangle or a
        curve."""
        starts = [i for i, (op, _) in enumerate(path) if op == "m"]
        if not starts or starts[0] != 0:
            return  # pdfminer ignores a path that does not start with a move
        for start, end in zip(starts, [*starts[1:], len(path)], strict=True):
            subpath = path[start:end]
            if len(starts) > 1 and len(subpath) == 1:
                continue  # pdfminer splits on the regex m[^m]+: a lone move is no subpath
            shape = "".join(op for op, _ in subpath)
            pts = [pt if op != "h" else subpath[0][1] for op, pt in subpath]
            if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
                shape = shape[:-2] + "h"
                pts.pop()
            if shape in {"mlh", "ml"}:
                self._add_line(pts[0], pts[1])
            elif shape in {"mlllh", "mllll"}:
                (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                closed = pts[0] == pts[4]
                square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                    y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
                )
                if closed and square:
                    self._add_rect(pts[0], pts[2])
                else:
                    self._add_curve(pts)
            else:
                self._add_curve(pts)

    def _add_line(self, p0: Point, p1: Point) -> None:
        self.lines.append(self._bounded("line", [p0, p1]))

    def _add_rect(self, p0: Point, p2: Point) -> None:
        (x0, y0), (x1, y1) = p0, p2
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        self.rects.append(self._bounded("rect", corners))

    def _add_curve(self, pts: list[Point]) -> None:
        curve = self._bounded("curve", pts)
        curve["pts"] = [self._coord(pt) for pt in pts]
        self.curves.append(curve)

    def _bounded(self, kind: str, pts: list[Point]) -> dict[str, Any]:
        xs = [x for x, _ in pts]
        ys = [y for _, y in pts]
        return self._box(kind, min(xs), min(ys), max(xs), max(ys))

    # -- characters --

    def read_chars(self, textpage: Any) -> None:
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        width = ctypes.c_float()
        matrix = pdfium_c.FS_MATRIX()
        (p, q, r, s, _, _) = self._ctm
        places: list[int] = []
        objects: dict[int | None, tuple[int, float, Any, float]] = {}
        widths: dict[tuple[int | None, int, float], float] = {}
        for i in range(pdfium_c.FPDFText_CountChars(textpage)):
            if pdfium_c.FPDFText_IsGenerated(textpage, i) != 0:
                continue  # a space or line break PDFium inferred: pdfminer has none
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            text = chr(code) if 0 < code < 0xD800 or 0xE000 <= code < 0x110000 else None
            textobj = pdfium_c.FPDFText_GetTextObject(textpage, i)
            if text is None or not textobj:
                raise Unsupported("character")
            address = _address(textobj)
            known = objects.get(address)
            if known is None:
                known = objects[address] = self._text_object(address, textobj)
            place, size, font, descent = known
            if not pdfium_c.FPDFText_GetMatrix(textpage, i, matrix):
                raise Unsupported("character matrix")
            (a, b, c, d) = (matrix.a, matrix.b, matrix.c, matrix.d)
            if b != 0 or c != 0 or a <= 0 or d <= 0:
                raise Unsupported("rotated or skewed text")
            if not pdfium_c.FPDFText_GetCharOrigin(textpage, i, origin_x, origin_y):
                raise Unsupported("character origin")
            # the advance PDFium moved by (FPDFFont_GetGlyphWidth takes the character's
            # Unicode value and finds its code); its boxes would add the glyph's ink
            key = (_address(font), code, size)
            advance = widths.get(key)
            if advance is None:
                if not pdfium_c.FPDFFont_GetGlyphWidth(font, code, size, width):
                    raise Unsupported("character width")
                advance = widths[key] = width.value
            ox, oy = origin_x.value, origin_y.value
            # pdfminer's LTChar: from the origin by the advance, from the descent one size up
            x0, x1 = ox, ox + a * advance
            y0 = oy + d * (descent * 0.001 * size)
            y1 = y0 + d * size
            linear = (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s)
            self.chars.append(self._char(text, (x0, y0), (x1, y1), linear))
            places.append(place)
        # pdfminer's order is the content stream's; PDFium's text page may reorder text
        # objects (it does on a rotated page): put them back, keeping each one's characters
        order = sorted(range(len(places)), key=places.__getitem__)
        self.chars[:] = [self.chars[at] for at in order]

    def _text_object(self, address: int | None, textobj: Any) -> tuple[int, float, Any, float]:
        """A text object's place on the page, font size, font and the font's descent."""
        place = self._text_objects.get(address)
        if place is None:
            raise Unsupported("character outside the page's text objects")
        size = ctypes.c_float()
        if not pdfium_c.FPDFTextObj_GetFontSize(textobj, size) or size.value <= 0:
            raise Unsupported("font size")
        font = pdfium_c.FPDFTextObj_GetFont(textobj)
        return place, size.value, font, self._descent(font)

    def _descent(self, font: Any) -> float:
        if not font:
            raise Unsupported("font")
        length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.raw[: max(length - 1, 0)]
        descent = self._descents.get(name, "font not among the page's resources")
        if isinstance(descent, str):
            raise Unsupported(descent)
        return descent

    def _char(
        self, text: str, ll: Point, ur: Point, linear: tuple[float, float, float, float]
    ) -> dict[str, Any]:
        (lx, ly) = _apply(self._ctm, *ll)
        (ux, uy) = _apply(self._ctm, *ur)
        x0, x1 = min(lx, ux), max(lx, ux)
        y0, y1 = min(ly, uy), max(ly, uy)
        (a, b, c, d) = linear
        char = self._box("char", x0, y0, x1, y1)
        char["text"] = text
        char["upright"] = a * d > 0 and b * c <= 0
        char["size"] = char["height"]
        return char


def _address(handle: Any) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


def _curves_joined(path: list[tuple[str, Point]]) -> list[tuple[str, Point]]:
    """PDFium gives a Bézier curve as three points; pdfminer keeps one operator ending at the
    last (only end points count for lines and rectangles)."""
    joined: list[tuple[str, Point]] = []
    run = 0
    for op, pt in path:
        if op == "c":
            run += 1
            if run == 3:
                joined.append(("c", pt))
                run = 0
            continue
        if run:
            raise Unsupported("broken curve")
        joined.append((op, pt))
    if run:
        raise Unsupported("broken curve")
    return joined


def pdfminer_page(pdf: Any, page_obj: Any, index: int, operations: Any = None) -> Page:
    """The page read by pdfminer, as pdfplumber reads it, but its characters and drawing made
    straight into pdfplumber's dicts (no layout objects in between): same numbers, less work.

    ``pdf`` is a :class:`pdfplumber.PDF`, ``page_obj`` pdfminer's page. ``operations``, when
    given, is pypdf's parse of the page's one content stream (pypdf has parsed it for the
    page's text already): pdfminer then interprets those rather than parse the stream again.
    Raises what pdfminer raises on a damaged page."""
    page = Page(pdf, page_obj, page_number=index + 1)
    reader = _PageReader.__new__(_PageReader)
    reader.init_geometry(page, index)
    device = _Device(pdf.rsrcmgr, reader)
    interpreter = _Interpreter(pdf.rsrcmgr, device)
    interpreter.parsed = _pdfminer_operations(operations) if operations is not None else None
    interpreter.process_page(page_obj)
    page._objects = reader.objects()  # what Page.objects would have parsed from the layout
    return page


class _Device(PDFTextDevice):
    """pdfminer's ``PDFLayoutAnalyzer`` without the layout: each character, line, rectangle
    and curve goes straight to the reader, with the numbers ``LTChar`` and ``paint_path``
    compute."""

    def __init__(self, rsrcmgr: Any, reader: _PageReader) -> None:
        super().__init__(rsrcmgr)
        self._reader = reader

    def render_char(
        self,
        matrix: Any,
        font: Any,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        textwidth = font.char_width(cid)
        adv = textwidth * fontsize * scaling
        if font.is_vertical():
            (vx, vy) = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        (a, b, c, d, _e, _f) = matrix
        (x0, y0, x1, y1) = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            (x0, x1) = (x1, x0)
        if y1 < y0:
            (y0, y1) = (y1, y0)
        char = self._reader._box("char", x0, y0, x1, y1)
        char["text"] = text
        char["upright"] = a * d * scaling > 0 and b * c <= 0
        char["size"] = char["width"] if font.is_vertical() else char["height"]
        self._reader.chars.append(char)
        return adv

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        ctm = self.ctm
        segments: list[tuple[str, Point]] = []
        for segment in path:
            op = segment[0]
            if op == "h":
                segments.append(("h", (0.0, 0.0)))  # the subpath's start, filled in by _paint
            else:
                segments.append((op, apply_matrix_pt(ctm, segment[-2:])))
        self._reader._paint(segments)


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter, given the page's operations already parsed (by pypdf); a Form
    XObject's stream, or a page without them, is parsed by pdfminer as usual."""

    parsed: list[tuple[str, list[Any]]] | None = None

    def execute(self, streams: Sequence[object]) -> None:
        operations, self.parsed = self.parsed, None
        if operations is None or len(streams) != 1:
            super().execute(streams)
            return
        self.stream_ids.clear()  # what pdfminer's execute records against circular forms
        objid = stream_value(streams[0]).objid
        if objid is not None:
            self.stream_ids.add(objid)
        methods: dict[str, tuple[Any, int] | None] = {}  # each operator's, found once a page
        for name, operands in operations:
            self.argstack.extend(operands)
            found = methods.get(name, _UNSEEN)
            if found is _UNSEEN:
                # as PDFPageInterpreter.execute dispatches a keyword
                method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                func = getattr(self, method, None)
                found = None if func is None else (func, func.__code__.co_argcount - 1)
                methods[name] = found
            if found is None:
                continue
            func, nargs = found
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    func(*args)
            else:
                func()


_NAME = re.compile(r"/[!-~]*")  # a name pdfminer and pypdf decode alike


def _pdfminer_operations(operations: Any) -> list[tuple[str, list[Any]]] | None:
    """pypdf's operations as pdfminer's parser gives them (numbers, bytes, literals, lists,
    dicts), or None when one holds what the two parsers might read otherwise."""
    try:
        converted = []
        for operands, operator in operations:
            if operator == b"INLINE IMAGE":
                continue  # an image: pdfminer's BI … EI leave no trace on what is read here
            converted.append((operator.decode("latin-1"), [_operand(x) for x in operands]))
        return converted
    except Unsupported:
        return None


def _operand(value: Any) -> Any:
    convert = _CONVERT.get(type(value))  # the usual operands, by their exact type
    if convert is None:  # a subclass: the first kind it is
        convert = next((c for kind, c in _CONVERT.items() if isinstance(value, kind)), None)
        if convert is None:
            raise Unsupported("operand")
    return convert(value)


def _literal(name: Any) -> Any:
    if not _NAME.fullmatch(name):
        raise Unsupported("name")
    return LIT(str(name)[1:])


def _list(array: Any) -> list[Any]:
    return [_operand(x) for x in array]


def _dict(dictionary: Any) -> dict[str, Any]:
    return {str(k)[1:]: _operand(v) for k, v in dictionary.items() if not isinstance(v, NullObject)}


# pypdf's operand types as pdfminer's parser gives them, in the order they are tried
_CONVERT: dict[type, Any] = {
    BooleanObject: lambda value: bool(value.value),
    NumberObject: int,
    FloatObject: float,
    NameObject: _literal,
    ByteStringObject: bytes,
    ArrayObject: _list,
    DictionaryObject: _dict,
    NullObject: lambda value: None,
}
_UNSEEN = object()
