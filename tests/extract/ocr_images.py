"""Scanned-looking pages for the OCR tests, drawn on the fly (never committed): a printed roster,
a filled-in form and an event photo without text, with a scanner's or a fax's defects (a few
degrees of rotation, noise, JPEG artefacts, a 200-dpi bilevel TIFF).

The Japanese font comes from the ``noto-cjk-sans-jp-regular`` package (OFL), a dev dependency.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROSTER_HEADER = ("学籍番号", "氏名", "ふりがな", "電話番号")
ROSTER_ROWS = (
    ("240101", "高橋 健太", "たかはし けんた", "090-3141-5926"),
    ("240102", "佐藤 美咲", "さとう みさき", "080-2718-2818"),
    ("240103", "鈴木 翔太", "すずき しょうた", "070-1414-2135"),
    ("240104", "渡辺 結衣", "わたなべ ゆい", "090-1732-0508"),
    ("240105", "伊藤 大輝", "いとう だいき", "080-2236-0679"),
)
FORM_FIELDS = (
    ("氏名", "山本 花子"),
    ("生年月日", "1985年7月14日"),
    ("住所", "東京都世田谷区桜丘3丁目12番5号"),
    ("電話番号", "03-5432-1098"),
)
FORM_TITLE = "住所変更届"
FORM_NOTE = "上記のとおり届け出ます。"


def font(size: int) -> ImageFont.FreeTypeFont:
    from noto_cjk_sans_jp_regular import FONT_PATH

    return ImageFont.truetype(str(FONT_PATH), size)


def roster_page(
    rows: Sequence[Sequence[str]] = ROSTER_ROWS,
    header: Sequence[str] = ROSTER_HEADER,
    title: str = "2024年度 1年1組 名簿",
    size: int = 26,
) -> Image.Image:
    """A printed roster: a title, a header and one line per pupil in ruled columns."""
    f = font(size)
    widths = [200, 220, 300, 280]
    line = int(size * 2)
    page = Image.new("L", (sum(widths) + 120, line * (len(rows) + 3) + 60), 255)
    draw = ImageDraw.Draw(page)
    draw.text((60, 30), title, font=font(size + 4), fill=0)
    top = 30 + line + 10
    for r, cells in enumerate([header, *rows]):
        x = 60
        y = top + r * line
        for w, cell in zip(widths, cells, strict=True):
            draw.text((x + 10, y + (line - size) // 2 - 4), cell, font=f, fill=0)
            x += w
        draw.line((60, y, x, y), fill=0, width=2)
    draw.line((60, top + line * (len(rows) + 1), 60 + sum(widths), top + line * (len(rows) + 1)))
    return page


def form_page(size: int = 26) -> Image.Image:
    """A filled-in form: a title, label and value on each line, a closing sentence."""
    f = font(size)
    line = int(size * 2.2)
    page = Image.new("L", (1100, line * (len(FORM_FIELDS) + 4)), 255)
    draw = ImageDraw.Draw(page)
    draw.text((400, 30), FORM_TITLE, font=font(size + 8), fill=0)
    for r, (label, value) in enumerate(FORM_FIELDS):
        y = 40 + line * (r + 1) + 20
        draw.text((80, y), label, font=f, fill=0)
        draw.text((320, y), value, font=f, fill=0)
        draw.line((300, y + size + 12, 1020, y + size + 12), fill=0, width=1)
    draw.text((80, 40 + line * (len(FORM_FIELDS) + 1) + 40), FORM_NOTE, font=f, fill=0)
    return page


def photo(seed: int = 1, size: tuple[int, int] = (960, 640)) -> Image.Image:
    """An event photo without text: sky, a field, blurred people-like blobs."""
    rng = random.Random(seed)
    page = Image.new("RGB", size, (120, 170, 230))
    draw = ImageDraw.Draw(page)
    width, height = size
    draw.rectangle((0, height * 2 // 3, width, height), fill=(70, 140, 60))
    for _ in range(25):
        x, y = rng.randrange(width), rng.randrange(height // 2, height)
        r = rng.randrange(10, 40)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x - r, y - 2 * r, x + r, y + r), fill=colour)
    return page.filter(ImageFilter.GaussianBlur(3))


def scanned(page: Image.Image, *, angle: float = 1.5, noise: float = 0.02, seed: int = 0):
    """A page as a scanner gives it back: rotated a little, specks of noise, softened."""
    rng = random.Random(seed)
    page = page.convert("L").rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)
    pixels = page.load()
    width, height = page.size
    for _ in range(int(width * height * noise)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 90, 200, 255))
    return page.filter(ImageFilter.SMOOTH)


def jpeg(page: Image.Image, quality: int = 35) -> bytes:
    buffer = io.BytesIO()
    page.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def png(page: Image.Image) -> bytes:
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return buffer.getvalue()


def fax_tiff(pages: Sequence[Image.Image]) -> bytes:
    """Pages as a fax machine stores them: bilevel, 200 dpi, CCITT group 4, one TIFF."""
    bilevel = [p.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
    buffer = io.BytesIO()
    bilevel[0].save(
        buffer,
        "TIFF",
        compression="group4",
        dpi=(200, 200),
        save_all=True,
        append_images=bilevel[1:],
    )
    return buffer.getvalue()


def image_pdf(pages: Sequence[Image.Image]) -> bytes:
    """A scanned PDF: each page one image, no text layer."""
    buffer = io.BytesIO()
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(buffer, "PDF", resolution=200.0, save_all=True, append_images=rgb[1:])
    return buffer.getvalue()
