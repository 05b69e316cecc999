"""Office Open XML packages: safe parsing of small parts and the relationships between parts.

An xlsx is a zip of XML parts found through relationship parts (``_rels/….rels``), not by
fixed names: the workbook part, its sheets, its styles and string table are looked up there.
Only small parts are parsed whole here; sheets are measured (``sheetsize``) or streamed
(``sheet_stream``) without building a tree.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib

from lxml import etree

from pi_scan.extract.source import Source

# No entity is resolved, nothing fetched, no DTD loaded; libxml2's own limits stay on
# (huge_tree=False): no text node over 10 MB, no nesting deeper than 256.
SAFE_XML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}
_SAFE = etree.XMLParser(**SAFE_XML_OPTIONS)
_SMALL_PART = 16 * 1024 * 1024  # workbook.xml and relationship parts are read whole up to this

NO_WORKBOOK_PART = "corrupt workbook: the package has no workbook part"
_USUAL_WORKBOOK_PARTS = ("xl/workbook.xml", "xl/workbook.bin")


def small_xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    """A small part (workbook, relationships, styles) parsed whole, safely."""
    with package.open(name) as part:
        data = part.read(_SMALL_PART + 1)
    if len(data) > _SMALL_PART:
        raise ValueError("workbook part too large to measure")
    return etree.fromstring(data, _SAFE)


def resolve_target(folder: str, target: str) -> str:
    """A relationship's target as a part name (relative to ``folder``, or absolute)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


def _relationships_of(part: str) -> str:
    """The relationship part of ``part``: ``xl/_rels/workbook.xml.rels``."""
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def xlsx_workbook_part(package: zipfile.ZipFile) -> str:
    """The workbook part's name, from the package relationships."""
    workbook = "xl/workbook.xml"
    for rel in small_xml(package, "_rels/.rels").iter():
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            workbook = resolve_target("", str(rel.get("Target", "")))
    return workbook


def xlsx_sheet_parts(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part name) from the package relationships and the workbook part."""
    workbook = xlsx_workbook_part(package)
    folder = posixpath.dirname(workbook)
    targets = {
        str(rel.get("Id")): resolve_target(folder, str(rel.get("Target", "")))
        for rel in small_xml(package, _relationships_of(workbook)).iter()
        if rel.get("Id") is not None
    }
    parts = []
    for element in small_xml(package, workbook).iter():
        if not isinstance(element.tag, str) or not element.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in element.attrib.items() if str(k).endswith("}id")), None)
        if rid in targets:
            parts.append((str(element.get("name", "")), targets[str(rid)]))
    return parts


def related_part(package: zipfile.ZipFile, part: str, kind: str) -> str | None:
    """The part related to ``part`` by a relationship of a kind ("styles", "sharedStrings")."""
    folder = posixpath.dirname(part)
    for rel in small_xml(package, _relationships_of(part)).iter():
        if str(rel.get("Type", "")).endswith("/" + kind):
            return resolve_target(folder, str(rel.get("Target", "")))
    return None


def shared_strings_part(package: zipfile.ZipFile, workbook_part: str) -> str | None:
    return related_part(package, workbook_part, "sharedStrings")


def missing_workbook_part(source: Source) -> str:
    """Why an Office Open XML package that looks like a workbook is none, or "".

    calamine opens a package without its workbook part as a workbook without sheets: it would
    be listed ``ok`` with nothing in it. Part names are compared without case, as OPC says."""
    try:
        with source.open() as stream, zipfile.ZipFile(stream) as package:
            names = {name.lower() for name in package.namelist()}
            try:
                named = xlsx_workbook_part(package)
            except (KeyError, ValueError, etree.XMLSyntaxError):
                named = ""  # no (readable) package relationships: the usual part names
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError):
        return ""  # not measurable: the parser reports the damage
    if any(part.lower() in names for part in (named, *_USUAL_WORKBOOK_PARTS) if part):
        return ""
    return NO_WORKBOOK_PART
