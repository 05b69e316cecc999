"""The one canonical inventory row per dataset, and its column findings, made from a scan's
results. Every exporter is fed from these rows."""

from __future__ import annotations

import re

from pi_scan.model import (
    INVENTORY_COLUMNS,
    ColumnFinding,
    DatasetResult,
    FindingRow,
    InventoryRow,
    Judgement,
    Status,
)

__all__ = ["INVENTORY_COLUMNS", "column_label", "escape_path", "finding_row", "inventory_row"]

_INVISIBLE = frozenset(
    {0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF}
    | set(range(0x202A, 0x202F))  # bidirectional embeddings and overrides
    | set(range(0x2060, 0x2070))  # word joiner, invisible operators, bidirectional isolates
)


# Any character escape_path changes; most paths have none and are returned as they are.
_ESCAPED = re.compile(
    r"[\\\x00-\x1f\x7f-\x9f\ud800-\udfff"
    + "".join(rf"\u{code:04x}" for code in sorted(_INVISIBLE))
    + "]"
)


def escape_path(path: str) -> str:
    """Names as they are, but printable and unambiguous: undecodable bytes (kept by Python as
    surrogates) become ``\\xNN``, control characters ``\\n``/``\\t``/``\\x07``, a backslash
    ``\\\\``; C1 controls, other surrogates, and invisible or direction-changing characters
    (U+202E would show ``名簿_txt.exe`` as ``名簿_exe.txt``) ``\\uNNNN``."""
    if _ESCAPED.search(path) is None:
        return path
    out = []
    for ch in path:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of a raw byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in _INVISIBLE:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def inventory_row(result: DatasetResult, flags: tuple[str, ...] = ()) -> InventoryRow:
    ds = result.dataset
    ref = ds.file
    readable = ds.status is Status.OK
    # Categories of personal information: a company list's 所在地 and 代表電話 are found as
    # ADDRESS and PHONE_NUMBER, but they are nobody's; the rationale says what was seen.
    found = result.findings.entities if result.decision.contains_personal_info else frozenset()
    return InventoryRow(
        path=escape_path(ds.display_path),
        dataset=escape_path(ds.name),
        status=ds.status,
        error=ds.error,
        is_pi_database=result.decision.is_pi_database if readable else None,
        contains_personal_info=result.decision.contains_personal_info if readable else None,
        categories=tuple(sorted(e.value for e in found)),
        records=result.findings.records if readable else None,
        individuals=result.individuals if result.decision.is_pi_database else None,
        excluded_from_count=result.excluded_from_count,
        rationale=result.decision.rationale,
        size_bytes=ref.size_bytes,
        modified=ref.modified,
        owner=ref.owner,
        world_readable=ref.world_readable if ref.modified else None,
        root=escape_path(ref.root),
        kind=ds.kind,
        exclusion_candidate=result.decision.exclusion_candidate,
        sensitive=result.decision.sensitive,
        flags=flags,
        declaration_reason=result.declaration_reason,
        retention=result.retention,
        note=result.note,
        judgement=Judgement.of(result.decision) if readable else Judgement.NOT_READ,
        judgement_reason=result.decision.uncertain,
    )


def column_label(finding: ColumnFinding, index: int) -> str:
    """What reports call a column: the detector's safe label (a header that could itself be
    personal data is shown as 列N)."""
    return finding.label or (finding.column if finding.header_match else f"列{index + 1}")


def finding_row(path: str, dataset: str, finding: ColumnFinding, index: int) -> FindingRow:
    return FindingRow(
        path=path,
        dataset=dataset,
        column=column_label(finding, index),
        entity=finding.entity.value,
        role=finding.role,
        confidence=round(finding.confidence, 3),
        hit_rate=round(finding.hit_rate, 3),
        sample_size=finding.sample_size,
        evidence=finding.evidence,
        masked_samples=tuple(finding.masked_samples),
    )
