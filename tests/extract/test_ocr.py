"""Scanned paper read by OCR (issue 18): images and image-only PDFs, their judgements, limits.

OCR takes seconds a page, so the few pages here are small and each is read once per module.
"""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pytest

from pi_scan.classify import classify
from pi_scan.config import ConfigError, ScanConfig, load_config
from pi_scan.extract import ocr
from pi_scan.model import ColumnFinding, Dataset, DatasetKind, Entity, Findings, Status
from pi_scan.notes import ocr_confidence

from . import ocr_images as draw
from .conftest import extract, file_ref, only, write

pytest.importorskip("rapidocr")
pytest.importorskip("noto_cjk_sans_jp_regular")

SECRETS = [
    *(v for row in draw.ROSTER_ROWS for v in row),
    *(v.replace(" ", "") for row in draw.ROSTER_ROWS for v in row[1:3]),
    *(value for _, value in draw.FORM_FIELDS),
    "山本花子",
]


@pytest.fixture(scope="module")
def analyser(tmp_path_factory: pytest.TempPathFactory):
    from pi_scan.analysis import FileAnalyser

    home = tmp_path_factory.mktemp("home")
    return FileAnalyser(ScanConfig(secret_path=home / "secret.key"))


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    roster = draw.scanned(draw.roster_page(), angle=1.5, seed=1)
    (folder / "名簿スキャン.jpg").write_bytes(draw.jpeg(roster))
    (folder / "届出.png").write_bytes(draw.png(draw.scanned(draw.form_page(), angle=-2, seed=2)))
    (folder / "体育祭.jpg").write_bytes(draw.jpeg(draw.photo(), quality=80))
    first, second = draw.ROSTER_ROWS[:3], draw.ROSTER_ROWS[3:]
    pages = [draw.roster_page(first), draw.roster_page(second, title="（続き）")]
    (folder / "名簿FAX.tif").write_bytes(draw.fax_tiff(pages))
    (folder / "届出スキャン.pdf").write_bytes(draw.image_pdf([draw.form_page()]))
    return folder


@pytest.fixture(scope="module")
def results(share: Path, analyser) -> dict[str, list]:
    return {path.name: analyser(file_ref(path)) for path in sorted(share.iterdir())}


def _tables(file_results: list) -> list:
    return [r for r in file_results if r.dataset.kind is DatasetKind.TABLE]


def test_scanned_roster_is_a_database(results: dict[str, list]) -> None:
    body, result = results["名簿スキャン.jpg"]  # the title is the text around the table
    assert (body.dataset.name, result.dataset.name) == ("本文", "表1")
    assert not body.decision.contains_personal_info
    dataset, decision = result.dataset, result.decision
    assert dataset.kind is DatasetKind.TABLE, dataset.error
    assert (ocr_confidence(dataset.error) or 0) >= 0.9, dataset.error
    assert decision.is_pi_database, decision.rationale
    assert "OCR" in decision.rationale
    assert result.findings.records == 5
    entities = {c.entity for c in result.findings.columns}
    assert {Entity.PERSON, Entity.PERSON_KANA, Entity.PHONE_NUMBER} <= entities
    assert decision.uncertain == ""  # a clean reading: a firm judgement


def test_fax_tiff_pages_are_one_table(results: dict[str, list]) -> None:
    tables = _tables(results["名簿FAX.tif"])
    assert len(tables) == 1, [(r.dataset.name, r.dataset.error) for r in results["名簿FAX.tif"]]
    (result,) = tables
    assert "table on pages 1–2" in result.dataset.error
    assert result.decision.is_pi_database, result.decision.rationale
    assert result.findings.records == 5


@pytest.mark.parametrize("name", ["届出.png", "届出スキャン.pdf"])
def test_scanned_form_contains_personal_information(results: dict[str, list], name: str) -> None:
    (result,) = results[name]
    assert result.dataset.kind is DatasetKind.TEXT, result.dataset.error
    assert result.dataset.error.startswith("read by OCR, mean confidence")
    assert result.decision.contains_personal_info, result.decision.rationale
    assert not result.decision.is_pi_database


def test_photo_without_text_is_ok_and_has_no_personal_information(
    results: dict[str, list],
) -> None:
    (result,) = results["体育祭.jpg"]
    assert result.dataset.status is Status.OK
    assert not result.decision.contains_personal_info
    assert not result.decision.is_pi_database


def test_no_ocr_text_in_what_is_kept(results: dict[str, list]) -> None:
    """Rationales, notes, findings and samples carry no raw value read from the pages."""
    for name, file_results in results.items():
        for result in file_results:
            shown = " ".join(
                [
                    result.dataset.error,
                    result.decision.rationale,
                    result.decision.uncertain,
                    *(f"{c.column} {c.label} {c.evidence}" for c in result.findings.columns),
                    *(s for c in result.findings.columns for s in c.masked_samples),
                ]
            )
            for secret in SECRETS:
                assert secret not in shown, (name, secret)


def _table(note: str) -> Dataset:
    return Dataset(file=file_ref(Path(__file__)), kind=DatasetKind.TABLE, error=note)


def _findings() -> Findings:
    columns = (
        ColumnFinding("氏名", Entity.PERSON, 0.99, header_match="氏名", hit_rate=1.0),
        ColumnFinding("電話", Entity.PHONE_NUMBER, 0.99, header_match="電話", hit_rate=1.0),
    )
    return Findings(columns=columns, records=10)


def test_low_confidence_makes_the_judgement_uncertain() -> None:
    low = classify(_table("read by OCR, mean confidence 0.62"), _findings())
    assert low.is_pi_database and "OCR" in low.uncertain and "0.62" in low.uncertain
    high = classify(_table("read by OCR, mean confidence 0.97"), _findings())
    assert high.is_pi_database and high.uncertain == ""


def test_ocr_off_or_unavailable_skips_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "scan.png", draw.png(draw.form_page()))
    off = only(extract(path, ScanConfig(ocr=False)))
    assert (off.status, off.error) == (Status.SKIPPED, ocr.OFF_REASON)
    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setattr(ocr, "_engine_error", "ModuleNotFoundError")
    missing = only(extract(path))
    assert missing.status is Status.SKIPPED
    assert "pip install rapidocr onnxruntime" in missing.error and "--no-ocr" in missing.error


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.png", _png_header(5, 2_000_000_000))  # 10 gigapixels
    started = time.monotonic()
    dataset = only(extract(path))
    assert time.monotonic() - started < 2
    assert dataset.status is Status.SKIPPED
    assert dataset.error.startswith("image too large: 5 x 2,000,000,000 pixels")
    small = only(
        extract(write(tmp_path, "a.png", draw.png(draw.form_page())), max_image_pixels=1000)
    )
    assert small.status is Status.SKIPPED and "over the limit of 1,000 pixels" in small.error


def _many_page_tiff(pages: int) -> bytes:
    """A little-endian TIFF whose chain holds ``pages`` 1 x 1 bilevel pages (one shared strip)."""
    entries = 8
    ifd_size = 2 + 12 * entries + 4
    first = 8
    data_at = first + ifd_size * pages
    out = bytearray(b"II*\x00" + struct.pack("<I", first))
    for n in range(pages):
        out += struct.pack("<H", entries)
        for tag, kind, value in (
            (256, 4, 1),  # width
            (257, 4, 1),  # height
            (258, 3, 1),  # bits per sample
            (259, 3, 1),  # no compression
            (262, 3, 0),  # white is zero
            (273, 4, data_at),  # strip offset
            (278, 4, 1),  # rows per strip
            (279, 4, 1),  # strip byte count
        ):
            out += struct.pack("<HHII", tag, kind, 1, value)
        following = first + ifd_size * (n + 1) if n + 1 < pages else 0
        out += struct.pack("<I", following)
    return bytes(out + b"\x00")


def test_tiff_with_very_many_pages_stops_at_the_page_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "fax.tif", _many_page_tiff(100_000))
    started = time.monotonic()
    dataset = only(extract(path, max_image_pages=3))
    assert time.monotonic() - started < 20
    assert dataset.status is Status.OK
    assert "truncated: first 3 pages read" in dataset.error


def test_layout_reads_rows_and_columns_from_boxes() -> None:
    def word(x: float, y: float, text: str) -> ocr.Word:
        return ocr.Word(((x, y), (x + 80, y + 2), (x + 80, y + 32), (x, y + 30)), text, 0.9)

    rows = [["番号", "氏名", "電話"], ["1", "山田", "090"], ["2", "", "080"], ["3", "田中", "070"]]
    words = [ocr.Word(((0, 0), (300, 0), (300, 30), (0, 30)), "名簿", 0.8)]
    for r, row in enumerate(rows):
        words += [word(200 * c, 60 + 50 * r + 2 * c, t) for c, t in enumerate(row) if t]
    found = ocr.layout(words)
    assert [rows for rows, _ in found.tables] == [rows]
    assert found.text == "名簿"


def test_config_keys(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        "[scan]\nocr = false\n[limits]\nmax_image_pixels = 1000\nocr_seconds = 5\n", "utf-8"
    )
    loaded = load_config(config)
    assert (loaded.ocr, loaded.limits.max_image_pixels) == (False, 1000)
    assert loaded.limits.ocr_seconds == 5
    config.write_text("[limits]\nocr = false\n", "utf-8")  # a scan setting, not a limit
    with pytest.raises(ConfigError, match="ocr"):
        load_config(config)
