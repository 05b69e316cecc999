"""CSV / TSV / Excel "Unicode text" and plain text, with Japanese encoding detection.

Encodings are decided by strict decoding trials in the order a Japanese file share makes likely
(BOMs, UTF-8, CP932, EUC-JP) with a mojibake check between CP932 and EUC-JP, because byte
statistics (charset-normalizer) are unreliable on short Japanese text; charset-normalizer is
only asked when no Japanese encoding decodes cleanly.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from itertools import islice

import charset_normalizer
import pandas as pd

from pi_scan.config import ScanConfig
from pi_scan.extract import csv_stream
from pi_scan.extract.csv_stream import AS_RAW_CELLS, CsvChunks, read_chunks, stream_width
from pi_scan.extract.source import TRUNCATED_ATTR, Source, TooLarge, truncation_note
from pi_scan.extract.tabular import (
    CELLS,
    COLUMNS_CUT_ATTR,
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    ChunkedRest,
    grid_dataset,
    shape_table,
)
from pi_scan.extract.webpages import extract_html, looks_like_html
from pi_scan.model import Dataset, Status

# .xls/.xlsx here: web systems export tab-separated text under spreadsheet names
TABLE_EXTENSIONS = frozenset({".csv", ".tsv", ".tab", ".xls", ".xlsx", ".xlsm"})
TEXT_ONLY_EXTENSIONS = frozenset({".json", ".xml", ".md"})
DELIMITERS = (",", "\t", ";", "|")
BINARY_REASON = "binary file of an unsupported type"

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SAMPLE_CHARS = 64 * 1024  # text used to sniff delimiters and to judge mojibake
_LONG_LINES_SAMPLE = 4 * 1024 * 1024  # ... unless the first line is longer
# Private-use characters, replacement characters, and half-width katakana directly next to
# kanji/kana: what EUC-JP bytes look like when decoded as CP932 (and vice versa).
_MOJIBAKE = re.compile(
    r"[\ue000-\uf8ff\ufffd]"
    r"|[\uff61-\uff9f](?=[^\x00-\x7f\uff61-\uff9f])"
    r"|[^\x00-\x7f\uff61-\uff9f](?=[\uff61-\uff9f])"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded | None:
    """Decode text in the most plausible encoding; None when the bytes are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), utf16)
    if data[:8192].count(0) > len(data[:8192]) // 200:
        return None  # NUL bytes: binary, not text in an 8-bit encoding
    if b"\x1b$B" in data[:8192] or b"\x1b$@" in data[:8192]:
        return _checked(data.decode("iso2022_jp", errors="replace"), "iso2022_jp")
    if _starts_as(data, "utf-8"):
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    return _checked(*_decode_legacy(data))


def _starts_as(data: bytes, encoding: str) -> bool:
    """Whether the first 64 kB decode strictly (a character cut at the end is fine). Trying
    the whole of a 100 MB file costs a 100 MB buffer before the decoder gives up."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data[:_SAMPLE_CHARS], final=False)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM has NULs in every other byte for its ASCII characters.

    The other half of the bytes may hold a few NULs too: a character whose low or high byte is
    zero (一 U+4E00, 丈 U+4E08, 堀 U+5800 …). It is UTF-16 when one half is rich in NULs, the
    other has at most a tenth as many, and the head decodes strictly."""
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.1 * pairs and even * 3 <= odd:
        encoding = "utf-16-le"
    elif even > 0.1 * pairs and odd * 3 <= even:
        encoding = "utf-16-be"
    else:
        return None
    try:  # a lone surrogate: binary with a NUL pattern, not text
        codecs.getincrementaldecoder(encoding)().decode(head[: pairs * 2], final=False)
    except UnicodeDecodeError:
        return None
    return encoding


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """CP932 or EUC-JP (strict trials, mojibake as tiebreaker), else the least damaged guess."""
    # One decoded text held at a time besides the bytes: a 100 MB CSV decodes to ~200 MB.
    best: tuple[str, str] | None = None
    best_score = 0
    for encoding in ("cp932", "euc_jp"):
        if not _starts_as(data, encoding):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _mojibake(text)
        # CP932 first: on a tie it is by far the more common on Japanese Windows shares
        if best is None or score < best_score:
            best, best_score = (text, encoding), score
        del text
    if best is not None:
        return best
    lossy = [(data.decode(enc, errors="replace"), enc) for enc in ("cp932", "euc_jp", "utf-8")]
    text, encoding = min(lossy, key=lambda pair: pair[0].count("\ufffd"))
    if text.count("\ufffd") * 20 > len(text):
        guess = charset_normalizer.from_bytes(data[: 1024 * 1024]).best()
        if guess is not None:
            return data.decode(guess.encoding, errors="replace"), guess.encoding
    return text, encoding


def _mojibake(text: str) -> int:
    return len(_MOJIBAKE.findall(text[: 1024 * 1024]))


def _checked(text: str, encoding: str) -> Decoded | None:
    """Reject decoded "text" full of control characters: it was binary after all."""
    sample = text[:_SAMPLE_CHARS]
    if sample and len(_CONTROL.findall(sample)) * 10 > len(sample):
        return None
    return Decoded(text.replace("\x00", ""), encoding)


@dataclass(frozen=True, slots=True)
class DelimiterGuess:
    delimiter: str
    fields: int  # the most common number of fields per record
    consistency: float  # share of non-empty records with that many fields


def sniff_delimiter(sample: str, prefer: str = ",") -> DelimiterGuess:
    """The delimiter that splits most records into the same number (≥ 2) of fields."""
    best = DelimiterGuess(prefer, 1, 0.0)
    order = (prefer, *(d for d in DELIMITERS if d != prefer))
    for delimiter in order:
        if delimiter not in sample:
            continue  # one field per record: no split (what parsing it would find, cheaply)
        counts = _field_counts(sample, delimiter)
        if not counts:
            continue
        fields, hits = Counter(counts).most_common(1)[0]
        if fields < 2:
            continue
        guess = DelimiterGuess(delimiter, fields, hits / len(counts))
        # consistency in steps of 0.1 so that a wider split wins a near tie
        if (round(guess.consistency, 1), guess.fields) > (round(best.consistency, 1), best.fields):
            best = guess
    return best


def _field_counts(sample: str, delimiter: str) -> list[int]:
    try:
        # newline=None: records ended by a lone CR (old Mac exports) are records too
        lines = io.StringIO(sample, newline=None)
        return [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
    except csv.Error:  # e.g. a field over csv's size limit: this delimiter is not usable
        return []


def extract_text_like(source: Source, config: ScanConfig) -> list[Dataset]:
    """A text file: a table when it is delimited (or named .csv/.tsv), else plain text."""
    if source.size > config.limits.stream_table_bytes:
        streamed = _streamed_table(source, config)
        if streamed is not None:
            return [streamed]
    try:
        data = source.read_all(config.limits.max_file_bytes)
    except TooLarge:
        return [source.failure(Status.SKIPPED, "file larger than the size limit")]
    decoded = decode_bytes(data)
    del data  # the bytes are no longer needed; keep peak memory to one copy of the text
    if decoded is None:
        return [source.failure(Status.SKIPPED, BINARY_REASON)]
    ext = source.extension
    if ext in (".html", ".htm") or looks_like_html(decoded.text):
        return extract_html(source, decoded.text, config)
    if ext in TEXT_ONLY_EXTENSIONS:
        return [plain_text(source, decoded.text, config)]
    sample = _sample(decoded.text)
    guess = _table_delimiter(ext, decoded.encoding, sample)
    if guess is not None:
        # UTF-8 bytes are pandas' fast path (given a str it re-encodes chunk by chunk in
        # Python, several times slower than the parse). The text goes before parsing: a big
        # CSV's text, its bytes and its table are never all in memory at once.
        utf8 = decoded.text.encode("utf-8", errors="replace")
        del decoded
        return [read_delimited(source, utf8, sample, guess.delimiter, config)]
    fixed = fixed_width_table(source, decoded.text, config)
    if fixed is not None:
        return [fixed]
    listed = line_list_table(source, decoded.text, config)
    if listed is not None:
        return [listed]
    return [plain_text(source, decoded.text, config)]


# Fields of a fixed-width export (old systems, 一覧表 printed to text): padded with runs of
# spaces, half- or full-width; a single space (山田 太郎, 井上　裕太) stays inside a field.
_PADDING = re.compile(r"[ \u3000]{2,}")
FIXED_WIDTH_NOTE = "read as fixed-width columns"


def fixed_width_table(source: Source, text: str, config: ScanConfig) -> Dataset | None:
    """A text whose lines split, at runs of two or more spaces, into the same number (≥ 3) of
    fields, line after line: a table, not prose. Decided on the first 200 lines: only a table
    is split whole (a text of a million lines is not split to be found prose)."""
    if len(text) > config.limits.max_text_chars:
        return None
    lines = _non_empty_lines(text)
    head = [_PADDING.split(line) for line in islice(lines, 200)]
    if len(head) < 3:
        return None
    fields, count = Counter(len(r) for r in head).most_common(1)[0]
    if fields < 3 or count < 0.8 * len(head):
        return None
    limit = HEADER_SEARCH_ROWS + config.limits.max_rows + 1
    rows = head + [_PADDING.split(line) for line in islice(lines, max(limit - len(head), 0))]
    dataset = grid_dataset(source, rows, [], False, "", config)
    return replace(dataset, error="; ".join(filter(None, [FIXED_WIDTH_NOTE, dataset.error])))


def _non_empty_lines(text: str) -> Iterator[str]:
    """The text's lines, stripped, blank ones left out, one at a time."""
    return (s for s in (line.strip() for line in io.StringIO(text, newline=None)) if s)


# A text of very many short lines (a list of names, numbers, log lines) is a list: one record
# a line. Read as prose it costs the text detector minutes (and a worker gigabytes); read as a
# one-column table it is judged like any column, and bounded like one (max_rows).
LIST_MIN_LINES = 10_000
_LIST_LINE_CHARS = 80  # most lines no longer than this
LIST_NOTE = "read as a list: one record a line"


def line_list_table(source: Source, text: str, config: ScanConfig) -> Dataset | None:
    """A text of at least ``LIST_MIN_LINES`` lines, 9 in 10 of them short, as a one-column
    table; None otherwise."""
    if text.count("\n") + text.count("\r") < LIST_MIN_LINES:
        return None
    lines = _non_empty_lines(text)
    head = list(islice(lines, 1_000))
    if sum(len(line) <= _LIST_LINE_CHARS for line in head) < 0.9 * len(head):
        return None
    max_rows = config.limits.max_rows
    rest = islice(lines, max(HEADER_SEARCH_ROWS + max_rows + 1 - len(head), 0))
    raw = pd.DataFrame({0: [*head, *rest]}, dtype=CELLS)
    if len(raw) < LIST_MIN_LINES:
        return None
    shaped = shape_table(raw, max_rows)
    if shaped.truncated:
        shaped.table.attrs[TRUNCATED_ATTR] = True
    note = "; ".join(filter(None, [LIST_NOTE, shaped.note(max_rows)]))
    return source.table(shaped.table, header_row=shaped.header_row, note=note)


def _table_delimiter(ext: str, encoding: str, sample: str) -> DelimiterGuess | None:
    """How the text's records are delimited, or None when it is not a table."""
    # UTF-16 text is nearly always Excel's 「Unicode テキスト」 export: tab-separated cells
    unicode_text = encoding.startswith("utf-16")
    prefer = "\t" if ext in (".tsv", ".tab") or unicode_text else ","
    guess = sniff_delimiter(sample, prefer)
    if ext in TABLE_EXTENSIONS or _looks_tabular(sample, guess, 2 if unicode_text else 3):
        return guess
    return None


_STREAM_HEAD_BYTES = 4 * 1024 * 1024


def _streamed_table(source: Source, config: ScanConfig) -> Dataset | None:
    """A big delimited file as its first chunk of records plus the rest to read later; None
    when the file is not a table (it is then read whole, as text).

    The encoding is decided on the first 4 MB (cut at a line end) rather than on the whole
    file; bytes further on that do not decode in it are replaced.
    """
    head = source.head(_STREAM_HEAD_BYTES)
    end = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1  # a lone CR ends old Mac records
    if end <= 0:
        return None
    if end % 2 and (head.startswith(b"\xff\xfe") or _utf16_without_bom(head) == "utf-16-le"):
        end += 1  # the NUL after a UTF-16LE line feed
    decoded = decode_bytes(head[:end])
    del head
    ext = source.extension
    if decoded is None or ext in (".html", ".htm") or ext in TEXT_ONLY_EXTENSIONS:
        return None
    if looks_like_html(decoded.text):
        return None
    sample = _sample(decoded.text)
    guess = _table_delimiter(ext, decoded.encoding, sample)
    if guess is None:
        return None
    encoding = decoded.encoding
    del decoded
    sample_width = max(_field_counts(sample, guess.delimiter), default=1)
    if sample_width > MAX_COLUMNS:
        # pandas lays out a first line wider than the columns it is given in full (a header
        # of 1,000,000 fields took 3 GB): such a file is read whole, its columns cut there
        return None
    width = stream_width(sample_width)

    max_rows = config.limits.max_rows
    with ExitStack() as files:  # closed here unless a rest of the table takes them over
        detached = source.detached()
        files.callback(detached.release)

        def reader(quoting: int = csv.QUOTE_MINIMAL, engine: str = "c"):
            return read_chunks(detached.open, encoding, guess.delimiter, width, quoting, engine)

        chunks, stream = reader()
        files.callback(stream.close)
        try:
            raw = next(chunks, None)
        except pd.errors.ParserError:
            return None  # read whole instead, where every fallback is tried
        if raw is None:
            return None
        _strip_cells(raw)
        shaped = shape_table(raw, max_rows)
        rest = None
        if not shaped.truncated and len(raw) == csv_stream.chunk_rows(width):
            lenient = [lambda: reader(engine="python"), lambda: reader(csv.QUOTE_NONE, "python")]
            later = CsvChunks(chunks, stream, lenient, int(raw.index[-1]), files.pop_all().close)
            rest = ChunkedRest(later, shaped, max_rows)
    if shaped.truncated:
        shaped.table.attrs[TRUNCATED_ATTR] = True
    dataset = source.table(shaped.table, header_row=shaped.header_row, note=shaped.note(max_rows))
    return replace(dataset, rest=rest)


def _sample(text: str) -> str:
    """The first ~64 kB, cut at a line end so that no record is split. When the first line is
    longer than that (a header of thousands of fields), whole lines up to 4 MB: a cut header
    would make a wide CSV look like prose."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    cut = _line_end(text, _SAMPLE_CHARS)
    if cut <= 0:
        cut = _line_end(text, _LONG_LINES_SAMPLE)
    return text[: cut if cut > 0 else _SAMPLE_CHARS]


def _line_end(text: str, limit: int) -> int:
    """Where the last line that ends before ``limit`` ends (LF, CRLF or a lone CR), or -1."""
    return max(text.rfind("\n", 0, limit), text.rfind("\r", 0, limit))


def _looks_tabular(sample: str, guess: DelimiterGuess, min_records: int) -> bool:
    """A .txt is a table when most of its lines split into the same number of fields."""
    records = sum(1 for line in sample.splitlines() if line.strip())
    return guess.fields >= 2 and guess.consistency >= 0.8 and records >= min_records


def read_delimited(
    source: Source, utf8: bytes, sample: str, delimiter: str, config: ScanConfig
) -> Dataset:
    """Parse with pandas (not Python lists) and shape: header search, empty rows dropped.
    ``utf8`` is the whole text, ``sample`` its beginning (see :func:`_sample`)."""
    max_rows = config.limits.max_rows
    raw = _read_raw(utf8, sample, delimiter, HEADER_SEARCH_ROWS + max_rows + 1)
    del utf8
    _strip_cells(raw)
    shaped = shape_table(raw, max_rows)
    if shaped.truncated:
        shaped.table.attrs[TRUNCATED_ATTR] = True
    return source.table(shaped.table, header_row=shaped.header_row, note=shaped.note(max_rows))


# A cell opening or ending with what str.strip removes (\s is str.isspace), between the NULs
# that join a column's cells (a NUL inside a cell can only make a needless strip)
_EDGE_SPACE = re.compile(r"\x00\s|\s\x00")


def _strip_cells(raw: pd.DataFrame) -> None:
    """``raw[c] = raw[c].str.strip()`` for each column, done only to the columns that have a
    cell opening or ending with a space: most have none, and a Series per column costs more
    than one search over the column's cells joined."""
    cells = raw.to_numpy(dtype=object)
    for position, column in enumerate(raw.columns):
        try:
            joined = "\x00".join(cells[:, position].tolist())
        except TypeError:  # not all str (a missing value): strip as pandas does
            joined = " "
        if _EDGE_SPACE.search(f"\x00{joined}\x00") is not None:
            raw[column] = raw[column].str.strip()


def _read_raw(utf8: bytes, sample: str, delimiter: str, nrows: int) -> pd.DataFrame:
    """All records as str, ragged rows padded with "", blank lines kept (row numbers hold).

    The column count comes from the first records; a wider record further down makes pandas'
    C parser fail, and only then is the whole text counted. A stray quote that leaves a field
    open to the end of the file falls back to reading quotes as ordinary characters.
    """
    width = max(_field_counts(sample, delimiter), default=1)
    try:
        return _pandas_read(utf8, delimiter, width, nrows, csv.QUOTE_MINIMAL)
    except pd.errors.ParserError:
        pass
    text = utf8.decode("utf-8", errors="replace")  # rare: a ragged or broken file
    width = max(_field_counts(text, delimiter), default=width)
    try:
        return _pandas_read(utf8, delimiter, width, nrows, csv.QUOTE_MINIMAL)
    except pd.errors.ParserError:
        width = max((line.count(delimiter) + 1 for line in text.splitlines()), default=1)
        return _pandas_read(utf8, delimiter, width, nrows, csv.QUOTE_NONE)


def _pandas_read(utf8: bytes, delimiter: str, width: int, nrows: int, quoting: int) -> pd.DataFrame:
    frame = pd.read_csv(
        io.BytesIO(utf8),
        sep=delimiter,
        names=range(width),
        usecols=range(min(width, MAX_COLUMNS)),
        quoting=quoting,
        nrows=nrows,
        engine="c",
        **AS_RAW_CELLS,
    )
    if width > MAX_COLUMNS:
        frame.attrs[COLUMNS_CUT_ATTR] = True
    return frame


def plain_text(source: Source, text: str, config: ScanConfig) -> Dataset:
    limit = config.limits.max_text_chars
    if len(text) > limit:
        return source.text(text[:limit], note=truncation_note(limit, "characters"))
    return source.text(text)
