"""Paper that was scanned: images and PDF pages without a text layer, read by OCR.

Offices scan application forms, printed rosters and faxes (TIFF, PDF) and photograph class
lists; their text is only in the pixels. Here the pixels are read with RapidOCR (PP-OCR
detection and recognition models converted to ONNX, shipped inside the ``rapidocr`` wheel;
Japanese kanji and kana) on ONNX Runtime, offline: the bundled model files are named
explicitly, so nothing is ever downloaded at run time.

What OCR finds is text with positions. Boxes that line up in rows and three columns or more
(a scanned roster) become a table, read like a Word or HTML table (header found, records
counted); everything else (a letter, a form of label and value) is text. Each Dataset's note
says ``read by OCR, mean confidence 0.97`` so that the inventory shows how it was read and the
classifier can doubt a poor reading (:data:`pi_scan.notes.OCR_NOTE`).

Bounded like every reader (``[limits]``): an image's pixels are checked from its header before
anything is decoded (a 1 x 10,000,000,000 PNG is refused), pages are taken one at a time up to
``max_image_pages``, and OCR stops after ``ocr_seconds``. Decoded pixels are scaled down to at
most :data:`MAX_SIDE` before OCR (the models work at that size), and nothing is written to disk.

The OCR engine (ONNX Runtime, OpenCV) is imported and built on the first image a worker meets:
a share without images never pays for it. It runs on one thread per worker (workers are one
per core) with at most two malloc arenas, so that it fits under ``worker_memory_bytes``.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pi_scan.config import ScanConfig
from pi_scan.extract.pdf_tables import _joined, _Segment, rows_in_columns
from pi_scan.extract.source import Source, tables_over_limit, truncation_note
from pi_scan.extract.tabular import grid_dataset
from pi_scan.model import Dataset, Status
from pi_scan.notes import OCR_NOTE

MAX_SIDE = 2000  # pixels: RapidOCR scales larger images down to this anyway
PDF_DPI = 200  # a scanned page is rendered at fax / scanner resolution
OFF_REASON = "image not read: OCR is off (--no-ocr or [scan] ocr = false)"
UNAVAILABLE_REASON = (
    "image not read: the OCR package cannot be loaded ({why}); install it with "
    "`pip install rapidocr onnxruntime` (pi-scan's dependencies) or scan with --no-ocr"
)
BODY_NAME = "本文"

_MIN_ROWS = 3  # a header and two records
_MIN_COLUMNS = 3  # two columns of text are a form (label | value), not a roster

_MODELS = {  # RapidOCR's default ONNX Runtime models, shipped in its wheel (models/)
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


# ---------------------------------------------------------------- the engine, once per process


class OcrUnavailable(Exception):
    """The OCR package or its models cannot be loaded: the file is skipped, the scan goes on."""


_engine: Any = None
_engine_error = ""


def engine() -> Any:
    """RapidOCR with its bundled models, built on first use; :class:`OcrUnavailable` if not."""
    global _engine, _engine_error
    if _engine is not None:
        return _engine
    if _engine_error:
        raise OcrUnavailable(_engine_error)
    try:
        _engine = _build_engine()
    except Exception as exc:
        _engine_error = type(exc).__name__
        raise OcrUnavailable(_engine_error) from exc
    return _engine


def _build_engine() -> Any:
    _fewer_arenas()
    import cv2

    cv2.setNumThreads(1)
    import rapidocr
    from rapidocr import RapidOCR

    for name in ("RapidOCR", "rapidocr"):  # its log lines can name files; never shown
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False
    folder = Path(rapidocr.__file__).parent / "models"
    params: dict[str, Any] = {
        "Global.log_level": "critical",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    for key, file in _MODELS.items():
        path = folder / file
        if not path.is_file():  # RapidOCR would download it: never, the scan is offline
            raise FileNotFoundError(file)
        params[key] = str(path)
    return RapidOCR(params=params)


def _fewer_arenas() -> None:
    """At most two glibc malloc arenas: each thread ONNX Runtime and OpenCV start would
    otherwise reserve 64 MiB of address space of its own (~200 MiB under the worker cap)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX


# ---------------------------------------------------------------- text with positions


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised text box: its corners (pixels, clockwise from top left), text, score."""

    points: tuple[tuple[float, float], ...]
    text: str
    score: float


@dataclass(slots=True)
class Page:
    number: int  # 0-based
    words: list[Word]


def recognise(image: Any) -> list[Word]:
    """The text boxes RapidOCR finds in a PIL image (RGB)."""
    result = engine()(image)
    boxes = getattr(result, "boxes", None)
    if boxes is None:  # no text detected: a photo, a blank page
        return []
    words = []
    for box, text, score in zip(boxes, result.txts, result.scores, strict=False):
        text = str(text).strip()
        if text:
            points = tuple((float(x), float(y)) for x, y in box)
            words.append(Word(points, text, float(score)))
    return words


@dataclass(slots=True)
class _Placed:
    x0: float
    x1: float
    y: float  # the centre line, after the page's skew is taken out
    height: float
    word: Word


def _skew(words: Sequence[Word]) -> float:
    """The page's rotation (radians): the median slope of the wide boxes' top edges."""
    angles = []
    for w in words:
        (ax, ay), (bx, by) = w.points[0], w.points[1]
        width = math.hypot(bx - ax, by - ay)
        height = math.hypot(w.points[3][0] - ax, w.points[3][1] - ay)
        if width > 1.5 * height and bx > ax:
            angles.append(math.atan2(by - ay, bx - ax))
    return statistics.median(angles) if angles else 0.0


def _placed(words: Sequence[Word]) -> list[_Placed]:
    angle = _skew(words)
    cos, sin = math.cos(-angle), math.sin(-angle)
    out = []
    for w in words:
        xs = [x * cos - y * sin for x, y in w.points]
        ys = [x * sin + y * cos for x, y in w.points]
        out.append(_Placed(min(xs), max(xs), sum(ys) / len(ys), max(ys) - min(ys), w))
    return out


def lines_of(words: Sequence[Word]) -> list[list[_Placed]]:
    """Boxes grouped into lines (top to bottom), each line left to right."""
    placed = sorted(_placed(words), key=lambda p: p.y)
    if not placed:
        return []
    tolerance = 0.5 * statistics.median(p.height for p in placed)
    lines: list[list[_Placed]] = []
    centre = 0.0
    for p in placed:
        if lines and abs(p.y - centre) <= tolerance:
            lines[-1].append(p)
            centre = sum(q.y for q in lines[-1]) / len(lines[-1])
        else:
            lines.append([p])
            centre = p.y
    return [sorted(line, key=lambda p: p.x0) for line in lines]


def _columns(run: Sequence[list[_Placed]], gap: float) -> list[list[str]] | None:
    """A run of lines as rows of cells, or None when its boxes do not stand in columns.

    Columns are the stretches that some box covers, cut where (nearly) no line has a box for
    at least ``gap`` pixels; a box goes to the column it overlaps most, so an empty cell stays
    empty instead of shifting the row left."""
    events = sorted(x for line in run for p in line for x in ((p.x0, 1), (p.x1, -1)))
    spare = len(run) // 10
    spans: list[list[float]] = []
    depth = 0
    opened: float | None = None
    for x, step in events:
        depth += step
        if depth > spare and opened is None:
            opened = x
            if spans and x - spans[-1][1] < gap:  # too narrow a gap: the same column
                opened = spans.pop()[0]
        elif depth <= spare and opened is not None:
            spans.append([opened, x])
            opened = None
    if len(spans) < _MIN_COLUMNS:
        return None
    return rows_in_columns(spans, ([(p.x0, p.x1, p.word.text) for p in line] for line in run))


@dataclass(slots=True)
class Layout:
    """A page's tables (rows of cells, each with its boxes' scores) and its other text."""

    tables: list[tuple[list[list[str]], list[float]]]
    text: str
    text_scores: list[float]


def layout(words: Sequence[Word]) -> Layout:
    """Tables where three lines or more in a row have boxes in three columns or more; the
    other lines are text, their boxes joined by spaces."""
    lines = lines_of(words)
    heights = [p.height for line in lines for p in line]
    gap = 0.8 * statistics.median(heights) if heights else 0.0
    tables: list[tuple[list[list[str]], list[float]]] = []
    other: list[list[_Placed]] = []
    run: list[list[_Placed]] = []

    def close_run() -> None:
        rows = _columns(run, gap) if len(run) >= _MIN_ROWS else None
        if rows is None:
            other.extend(run)
        else:
            tables.append((rows, [p.word.score for line in run for p in line]))
        run.clear()

    for line in lines:
        if len(line) >= 2:
            run.append(line)
            continue
        close_run()
        other.append(line)
    close_run()
    other.sort(key=lambda line: line[0].y)
    text = "\n".join(_line_text(line, gap) for line in other)
    return Layout(tables, text, [p.word.score for line in other for p in line])


def _line_text(line: Sequence[_Placed], gap: float) -> str:
    """A line's boxes joined: by a space when they are close (one phrase the detector cut),
    by a line break across a wide gap (a form's label and its value, two fields), as a text
    layer would give them."""
    parts = [line[0].word.text]
    for before, box in itertools.pairwise(line):
        parts.append(" " if box.x0 - before.x1 < gap else "\n")
        parts.append(box.word.text)
    return "".join(parts)


def datasets_of(source: Source, pages: Sequence[Page], config: ScanConfig, notes: list[str]):
    """The pages' tables (joined across pages like a PDF's) and text, as Datasets."""
    segments = []
    scores_of: dict[int, list[float]] = {}
    texts: list[str] = []
    text_scores: list[float] = []
    for page in pages:
        found = layout(page.words)
        for rows, scores in found.tables:
            segments.append(_Segment(page.number, rows))
            scores_of.setdefault(page.number, []).extend(scores)
        if segments and segments[-1].page == page.number:
            first = next(s for s in segments if s.page == page.number)
            first.first_on_page = True
            segments[-1].last_on_page = True
        if found.text.strip():
            texts.append(found.text)
            text_scores.extend(found.text_scores)
    tables = _joined(segments, config.limits.max_sheet_cells)
    text = "\n".join(texts)
    limit = config.limits.max_text_chars
    text_notes = list(notes)
    if len(text) > limit:
        text = text[:limit]
        text_notes.append(truncation_note(limit, "characters"))
    if not tables:
        return [source.text(text, note=_note(text_scores, text_notes))]
    datasets = []
    if text.strip():
        datasets.append(source.text(text, name=BODY_NAME, note=_note(text_scores, text_notes)))
    for number, table in enumerate(tables[: config.limits.max_tables], start=1):
        scores = [s for p in range(table.first_page, table.last_page + 1) for s in scores_of[p]]
        dataset = grid_dataset(source, table.rows, [], table.cut, f"表{number}", config)
        first, last = table.first_page + 1, table.last_page + 1
        where = f"page {first}" if first == last else f"pages {first}–{last}"
        where = f"table on {where}" if len(pages) > 1 else ""
        note = _note(scores, [where, dataset.error, *notes])
        datasets.append(replace(dataset, error=note))
    return datasets + tables_over_limit(source, len(tables), config)


def _note(scores: Sequence[float], notes: Sequence[str]) -> str:
    head = OCR_NOTE
    if scores:
        head += f", mean confidence {sum(scores) / len(scores):.2f}"
    return "; ".join(filter(None, [head, *notes]))


# ---------------------------------------------------------------- images


def extract_image(source: Source, config: ScanConfig, what: str) -> list[Dataset]:
    """An image file's text, read by OCR: its pages (a multi-page TIFF) up to the limits."""
    if not config.ocr:
        return [source.failure(Status.SKIPPED, OFF_REASON)]
    from PIL import Image

    if what == "HEIC" and not _heif_opener():
        return [source.failure(Status.SKIPPED, "HEIC image (no HEIF reader installed)")]
    limits = config.limits
    with source.open() as stream:
        # the header only: the size is checked here, before any pixel is decoded, and
        # reported (Pillow's own bomb check would refuse without saying the size); then
        # Pillow's check is left on for its decoders, with the scan's limit
        Image.MAX_IMAGE_PIXELS = None
        try:
            image = Image.open(stream)
        finally:
            Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
        with image:
            refused = _pixels_refused(image, limits)
            if refused:
                return [source.failure(Status.SKIPPED, refused)]
            try:
                engine()
            except OcrUnavailable as exc:
                return [source.failure(Status.SKIPPED, UNAVAILABLE_REASON.format(why=exc))]
            multipage = what == "TIFF"
            return _read_pages(source, config, _frames(image, limits, multipage))


def _heif_opener() -> bool:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except Exception:
        return False
    return True


def _too_many_pixels(size: tuple[int, int], limits: Any) -> str:
    shown = f"{size[0]:,} x {size[1]:,} pixels"
    return f"image too large: {shown}, over the limit of {limits.max_image_pixels:,} pixels"


def _pixels_refused(image: Any, limits: Any) -> str:
    width, height = image.size
    if width * height > limits.max_image_pixels:
        return _too_many_pixels((width, height), limits)
    return ""


class _PageLimit(Exception):
    """A page of a multi-page image is over the pixel limit: the reading stops there."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _frames(image: Any, limits: Any, multipage: bool) -> Iterator[tuple[int, Any]]:
    """(page number, RGB image at most MAX_SIDE wide or high), one page at a time: a TIFF's
    pages are found by walking its directory chain, never counted first."""
    number = 0
    while True:
        if number >= limits.max_image_pages:
            yield number, None  # there is one more page: not decoded
            return
        refused = _pixels_refused(image, limits)
        if refused:
            raise _PageLimit(refused)
        yield number, _scaled(image)
        number += 1
        if not multipage:
            return
        try:
            image.seek(number)
        except (EOFError, ValueError):
            return


def _scaled(image: Any) -> Any:
    if image.format == "JPEG":
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decoded at 1/2, 1/4, 1/8 size
    page = image.convert("RGB")
    page.thumbnail((MAX_SIDE, MAX_SIDE))
    return page


def _read_pages(
    source: Source, config: ScanConfig, frames: Iterator[tuple[int, Any]]
) -> list[Dataset]:
    """OCR each page the iterator gives, within the page and time limits."""
    limits = config.limits
    deadline = time.monotonic() + limits.ocr_seconds if limits.ocr_seconds > 0 else math.inf
    pages: list[Page] = []
    notes: list[str] = []
    try:
        for number, picture in frames:
            if picture is None or len(pages) >= limits.max_image_pages:
                notes.append(truncation_note(limits.max_image_pages, "pages"))
                break
            if time.monotonic() > deadline:
                notes.append(f"OCR time limit reached: {len(pages):,} pages read")
                break
            pages.append(Page(number, recognise(picture)))
            del picture
    except _PageLimit as exc:
        if not pages:
            return [source.failure(Status.SKIPPED, exc.reason)]
        notes.append(f"stopped at page {len(pages) + 1}: {exc.reason}")
    if not any(page.words for page in pages):
        return [source.text("", note="; ".join([f"{OCR_NOTE}: no text found", *notes]))]
    return datasets_of(source, pages, config, notes)


# ---------------------------------------------------------------- PDF pages without text


def extract_pdf_images(
    source: Source, config: ScanConfig, indices: Sequence[int], notes: Sequence[str]
) -> list[Dataset]:
    """A PDF whose pages have no text layer (a scan): its pages rendered and read by OCR."""
    reason = "PDF has no text layer (scanned image?)"
    if not config.ocr:
        return [source.failure(Status.SKIPPED, f"{reason}: OCR is off (--no-ocr)")]
    try:
        engine()
    except OcrUnavailable as exc:
        why = UNAVAILABLE_REASON.format(why=exc).removeprefix("image not read: ")
        return [source.failure(Status.SKIPPED, f"{reason}: {why}")]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(source.path_or_stream())
    try:
        datasets = _read_pages(source, config, _rendered(document, indices, config.limits))
    finally:
        document.close()
    if notes:
        datasets = [replace(d, error="; ".join(filter(None, [d.error, *notes]))) for d in datasets]
    return datasets


def _rendered(document: Any, indices: Sequence[int], limits: Any) -> Iterator[tuple[int, Any]]:
    """Each page as an image at :data:`PDF_DPI` (less for a huge page: at most
    ``max_image_pixels`` and :data:`MAX_SIDE`), rendered one at a time."""
    for count, index in enumerate(indices):
        if count >= limits.max_image_pages:
            yield index, None
            return
        page = document[index]
        try:
            width, height = page.get_size()  # points
            scale = PDF_DPI / 72
            longest = max(width, height, 1.0)
            scale = min(scale, MAX_SIDE / longest)
            if width * height * scale * scale > limits.max_image_pixels:
                scale = math.sqrt(limits.max_image_pixels / max(width * height, 1.0))
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                picture = bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
        yield index, picture
