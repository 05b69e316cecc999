"""What a file really is, from its bytes first and its extension second.

Files on shares are often misnamed (an "xls" that is an HTML table or a TSV from a web system,
a ".dat" that is a CSV), so the leading bytes decide; Office containers are opened far enough to
tell a workbook from a document from an encrypted package.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

import olefile

from pi_scan.config import Limits
from pi_scan.extract.formats import FileType, noun_for
from pi_scan.extract.packages import OVERLAP_REASON, overlapping, package_reason
from pi_scan.extract.source import Source, describe
from pi_scan.model import Status

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF"
GZIP_MAGIC = b"\x1f\x8b"
_LZH = re.compile(rb"..-l[hz][0-9a-z]-", re.S)

_BINARY_MAGIC = (
    (b"Rar!", "RAR archive (not supported)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive (not supported)"),
    (b"\x7fELF", "executable"),
    (b"{\\rtf", "RTF document (not supported)"),
)

_EOCD_SEARCH = 22 + 65535 + 20  # the record, the longest comment, a zip64 locator
_DIRECTORY_FACTOR = 10  # a zip listing 10× the member limit is not even listed
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_XLS_HEAD = 64 * 1024  # FILEPASS, when present, comes right after the workbook's BOF record
_DOC_ENCRYPTED = 0x0100  # FIB fEncrypted
_DOC_OBFUSCATED = 0x8000  # FIB fObfuscated (XOR)


@dataclass(frozen=True, slots=True)
class Sniffed:
    type: FileType
    status: Status = Status.OK
    reason: str = ""
    workbook_stream: bytes | None = None  # the head of an xls Workbook stream

    @staticmethod
    def not_read(status: Status, reason: str) -> Sniffed:
        return Sniffed(FileType.NOT_READ, status, reason)


def sniff(source: Source, limits: Limits) -> Sniffed:
    head = source.head(512)
    if not head:
        return Sniffed(FileType.EMPTY)
    if head.startswith(GZIP_MAGIC):
        return Sniffed(FileType.GZIP)
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(source, limits)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(source)
    if head.startswith(PDF_MAGIC):
        return Sniffed(FileType.PDF)
    image = image_format(head)
    if image:
        return Sniffed(FileType.IMAGE, reason=image)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return Sniffed.not_read(Status.SKIPPED, what)
    if _LZH.match(head):  # LHA archives: common on older Japanese shares
        return Sniffed.not_read(Status.SKIPPED, "LZH archive (not supported)")
    if head[257:262] == b"ustar":
        return Sniffed.not_read(Status.SKIPPED, "tar archive (not supported)")
    if _ends_as_zip(source):
        sniffed = _sniff_zip(source, limits)
        if not (sniffed.type is FileType.NOT_READ and sniffed.status is Status.ERROR):
            return sniffed
    return Sniffed(FileType.TEXT)


def _ends_as_zip(source: Source) -> bool:
    """A zip with data before it: a self-extracting archive (a program, then the zip), a zip
    appended to something else. Its end-of-central-directory record is near the end, and
    zipfile finds the members from there (the offsets are corrected for what precedes)."""
    size = source.size
    if size < 22:
        return False
    with source.open() as stream:
        stream.seek(max(size - _EOCD_SEARCH, 0))
        return b"PK\x05\x06" in stream.read(_EOCD_SEARCH)


def image_format(head: bytes) -> str:
    """The image format named by a file's first bytes, or ""."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head.startswith(b"BM") and len(head) >= 18:
        dib = int.from_bytes(head[14:18], "little")
        if dib in (12, 16, 40, 52, 56, 64, 108, 124):
            return "BMP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"mif1"):
        return "HEIC"
    return ""


def declared_entries(stream: BinaryIO) -> int:
    """The member count in a zip's end-of-central-directory record (zip64 aware); -1 if none.

    Read before zipfile parses the directory: it builds an object per member, so a directory
    listing millions of members would exhaust memory before any limit could be applied.
    """
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    tail_at = max(size - _EOCD_SEARCH, 0)
    stream.seek(tail_at)
    tail = stream.read()
    pos = tail.rfind(b"PK\x05\x06")
    if pos < 0 or pos + 22 > len(tail):
        return -1
    (entries,) = struct.unpack_from("<H", tail, pos + 10)
    locator = pos - 20
    if entries == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (record_at,) = struct.unpack_from("<Q", tail, locator + 8)
        stream.seek(record_at)
        record = stream.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            (entries,) = struct.unpack_from("<Q", record, 32)
    return entries


def too_many_members(stream: BinaryIO, limits: Limits) -> str:
    """Why the zip is not even opened (a directory far over the member limit), or ""."""
    entries = declared_entries(stream)
    stream.seek(0)
    if entries > _DIRECTORY_FACTOR * limits.max_archive_members:
        return f"archive lists {entries:,} members, far over the member limit: not opened"
    return ""


def _sniff_zip(source: Source, limits: Limits) -> Sniffed:
    """Office Open XML and OpenDocument packages are zips; everything else is an archive.

    A package that no parser should see (a bomb, a DTD in a part: see ``packages``) is refused
    here; so is a plain zip whose members overlap.
    """
    with source.open() as stream:
        reason = too_many_members(stream, limits)
    if reason:
        return Sniffed.not_read(Status.SKIPPED, reason)
    try:
        with source.open() as stream, zipfile.ZipFile(stream) as package:
            infos = package.infolist()
            names = {info.filename for info in infos}
            mimetype = _small_member(package, "mimetype") if "mimetype" in names else b""
            sniffed = _package_type(names, mimetype)
            if sniffed.type in (FileType.XLSX, FileType.DOCX, FileType.ODS):
                reason = package_reason(package, limits)
            elif sniffed.type is FileType.ZIP and overlapping(infos):
                reason = OVERLAP_REASON
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        ValueError,
        NotImplementedError,
        OSError,
    ) as exc:
        what = "corrupt or truncated " + noun_for(source, "zip archive")
        return Sniffed.not_read(Status.ERROR, describe(what, exc))
    return Sniffed.not_read(Status.SKIPPED, reason) if reason else sniffed


def _package_type(names: set[str], mimetype: bytes) -> Sniffed:
    if "[Content_Types].xml" in names:
        if any(n.startswith("xl/") for n in names):
            return Sniffed(FileType.XLSX)
        if any(n.startswith("word/") for n in names):
            return Sniffed(FileType.DOCX)
        if any(n.startswith("ppt/") for n in names):
            return Sniffed.not_read(Status.SKIPPED, "PowerPoint files not supported")
        return Sniffed.not_read(Status.SKIPPED, "Office Open XML type not supported")
    if mimetype:
        if mimetype.strip() == _ODS_MIMETYPE:
            return Sniffed(FileType.ODS)
        return Sniffed.not_read(Status.SKIPPED, "OpenDocument type not supported")
    return Sniffed(FileType.ZIP)


def _small_member(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        with package.open(name) as member:
            return member.read(128)
    except (RuntimeError, zipfile.BadZipFile, zlib.error, NotImplementedError):  # encrypted
        return b""


def _sniff_ole(source: Source) -> Sniffed:
    """OLE compound files: encrypted OOXML, legacy xls, legacy doc, or something else."""
    try:
        with source.open() as stream, olefile.OleFileIO(stream) as ole:
            return _ole_type(ole)
    except (OSError, ValueError, IndexError, KeyError, TypeError, RecursionError) as exc:
        what = "corrupt " + noun_for(source, "Office file")
        return Sniffed.not_read(Status.ERROR, f"{what} ({type(exc).__name__})")


def _ole_type(ole: olefile.OleFileIO) -> Sniffed:
    if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
        return Sniffed.not_read(Status.ENCRYPTED, "password-protected Office file")
    for name in ("Workbook", "Book"):
        if ole.exists(name):
            with ole.openstream(name) as stream:
                return Sniffed(FileType.XLS, workbook_stream=stream.read(_XLS_HEAD))
    if ole.exists("WordDocument"):
        with ole.openstream("WordDocument") as stream:
            fib = stream.read(12)
        if len(fib) == 12 and int.from_bytes(fib[10:12], "little") & (
            _DOC_ENCRYPTED | _DOC_OBFUSCATED
        ):
            return Sniffed.not_read(Status.ENCRYPTED, "password-protected Word 97-2003 document")
        return Sniffed(FileType.DOC)
    if ole.exists("PowerPoint Document"):
        return Sniffed.not_read(Status.SKIPPED, "PowerPoint 97-2003 files not supported")
    return Sniffed.not_read(Status.SKIPPED, "OLE compound file of an unsupported type")
