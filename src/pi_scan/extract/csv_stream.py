"""A delimited text file too big to hold as one table, read in chunks of records.

Holding a 1,000,000-row CSV at once costs its bytes, its decoded text and a frame of eight
million Python strings (~800 MB). Read in chunks instead, a file costs one chunk at a time: its
first chunk becomes the dataset's table (what detection looks at, as it would a smaller file)
and the others are read once, later, for the record count and the person keys
(:class:`pi_scan.model.RowStream`).

The bytes are decoded in the encoding found on the file's beginning and handed to pandas' C
parser as UTF-8 (its fast path), a megabyte at a time.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import pandas as pd

from pi_scan.extract.tabular import MAX_COLUMNS

CHUNK_ROWS = 50_000
"""Records per chunk: the first chunk is what detection sees (as a 50,000-row file would be
seen whole); a chunk of an eight-column roster is ~40 MB as a frame. 100,000 cost a worker
~50 MB more on a 1,000,000-row CSV and found the same columns (one confidence 0.97 → 0.96)."""

CHUNK_CELLS = 2_000_000
"""Cells a chunk may hold (records x columns read): a CSV whose header has 4,000 fields is read
a few hundred records at a time, not 50,000 (200 million cells)."""

_READ_BYTES = 1024 * 1024

AS_RAW_CELLS: dict[str, Any] = {
    "encoding": "utf-8",
    "header": None,  # the header is searched for (tabular.shape_table)
    "index_col": False,
    "dtype": str,
    "keep_default_na": False,  # "NA", "null" and "" are values, not missing
    "na_filter": False,
    "skip_blank_lines": False,  # blank lines keep their row numbers
}
"""pandas.read_csv options that give every cell as the text it is."""


class Utf8Reader(io.RawIOBase):
    """The bytes of ``raw`` in ``encoding``, re-encoded as UTF-8 (undecodable bytes replaced,
    NULs dropped, as :func:`pi_scan.extract.text_tables.decode_bytes` does for a whole file)."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            data = self._raw.read(_READ_BYTES)
            self._done = not data
            text = self._decoder.decode(data, final=self._done)
            self._pending = text.replace("\x00", "").encode("utf-8", errors="replace")
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


def read_chunks(
    open_raw: Any,
    encoding: str,
    delimiter: str,
    width: int,
    quoting: int = csv.QUOTE_MINIMAL,
    engine: str = "c",
) -> tuple[Iterator[pd.DataFrame], io.BufferedReader]:
    """Raw all-str chunks (index: record number, columns: field number), and the stream to
    close. ``width`` columns are read; a wider record is cut to ``width`` fields when read by
    the Python engine, and makes the C engine fail (:class:`pandas.errors.ParserError`)."""
    stream = io.BufferedReader(Utf8Reader(open_raw(), encoding), _READ_BYTES)
    options: dict[str, Any] = {}
    if engine == "python":
        options["on_bad_lines"] = lambda fields: fields[:width]
    reader = pd.read_csv(
        stream,
        sep=delimiter,
        names=range(width),  # at most MAX_COLUMNS (stream_width); no usecols: a chunk
        # narrower than ``usecols`` is an error in pandas, narrower than ``names`` is padded
        quoting=quoting,
        chunksize=chunk_rows(width),
        engine=engine,
        **AS_RAW_CELLS,
        **options,
    )
    return iter(reader), stream


def chunk_rows(width: int) -> int:
    """Records a chunk of ``width`` columns holds."""
    return max(1, min(CHUNK_ROWS, CHUNK_CELLS // max(width, 1)))


def stream_width(sample_width: int) -> int:
    """Columns to read: records further down are often a little wider than the first ones
    (a trailing comma, a 備考 added later). Room for them keeps the C engine going."""
    return min(max(2 * sample_width, sample_width + 8), MAX_COLUMNS)


Restart = Callable[[], tuple[Iterator[pd.DataFrame], io.BufferedReader]]


class CsvChunks:
    """The raw chunks after the first, for :class:`pi_scan.extract.tabular.ChunkedRest`.

    ``restarts`` read the file again from the start, more leniently, for when a record the
    C engine cannot parse turns up (far wider than the first records, or a quote left open to
    the end): the records already handed on are skipped.
    """

    def __init__(
        self,
        chunks: Iterator[pd.DataFrame],
        stream: io.BufferedReader,
        restarts: list[Restart],
        last_head_record: int,
        release: Callable[[], None],
    ) -> None:
        self._chunks = chunks
        self._stream = stream
        self._restarts = restarts
        self._last_record = last_head_record  # the last source record handed on
        self._release = release  # the file, once no restart can need it

    def __iter__(self) -> Iterator[pd.DataFrame]:
        restarts = iter(self._restarts)
        chunks = self._chunks
        while True:
            try:
                for raw in chunks:
                    raw = raw.loc[raw.index > self._last_record]
                    if len(raw):
                        self._last_record = int(raw.index[-1])
                        yield raw
                return
            except pd.errors.ParserError:
                restart = next(restarts, None)
                if restart is None:
                    raise
                self._stream.close()
                chunks, self._stream = restart()

    def close(self) -> None:
        self._stream.close()
        self._release()
