"""What the officer declared in the config ([[declarations]]: is it a database, is it counted,
its retention) applied over pi-scan's judgement, and the flags each dataset's row carries
(risky location, world-readable, sensitive, identification codes, ...)."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import replace

from pi_scan.config import Declaration, ScanConfig
from pi_scan.discover import PathMatcher
from pi_scan.entities import IDENTIFICATION_CODES
from pi_scan.model import DatasetResult, Decision, FileRef, Status


def _matches(glob: str, ref: FileRef, display_path: str) -> bool:
    pattern = PathMatcher((glob,))
    return (
        pattern.matches(ref.rel_path)
        or pattern.matches(display_path)
        or fnmatch.fnmatch(ref.abs_path, glob)
    )


def _declaration_for(
    result: DatasetResult, declarations: Sequence[Declaration]
) -> Declaration | None:
    ds = result.dataset
    for decl in declarations:
        if _matches(decl.path, ds.file, ds.display_path):
            return decl
    return None


def apply_declarations(results: list[DatasetResult], config: ScanConfig) -> list[DatasetResult]:
    out = []
    for r in results:
        decl = _declaration_for(r, config.declarations)
        if decl is None:
            out.append(r)
            continue
        decision = _declared(r.decision, decl) if r.dataset.status is Status.OK else r.decision
        out.append(
            replace(
                r,
                decision=decision,
                excluded_from_count=decl.exclude_from_count and decision.is_pi_database,
                declaration_reason=decl.reason,
                retention=decl.retention,
                note=decl.note,
            )
        )
    return out


def _declared(decision: Decision, decl: Declaration) -> Decision:
    """The officer's settled judgement ([[declarations]] is_database) over pi-scan's: kept
    across scans, shown as declared, never uncertain."""
    if decl.is_database is None:
        return decision
    reason = decl.reason or "設定で指定"
    if decl.is_database == decision.is_pi_database:
        return replace(
            decision,
            rationale=f"{decision.rationale}（申告で確認済み: {reason}）",
            uncertain="",
            declared=True,
        )
    if decl.is_database:
        return replace(
            decision,
            is_pi_database=True,
            contains_personal_info=True,
            rationale=f"個人情報データベース等（申告による: {reason}）; pi-scanの判定: "
            f"{decision.rationale}",
            uncertain="",
            declared=True,
        )
    return replace(
        decision,
        is_pi_database=False,
        exclusion_candidate=False,
        rationale=f"個人情報データベース等ではない（申告による: {reason}）; pi-scanの判定: "
        f"{decision.rationale}",
        uncertain="",
        declared=True,
    )


def flags_of(result: DatasetResult, risky: PathMatcher) -> tuple[str, ...]:
    ds, d = result.dataset, result.decision
    flags = []
    if d.is_pi_database:
        if risky and (
            risky.matches(ds.file.rel_path) or risky.matches(ds.file.abs_path.lstrip("/"))
        ):
            flags.append("risky_location")
        if ds.file.world_readable:
            flags.append("world_readable")
    if d.exclusion_candidate:
        flags.append("exclusion_candidate")
    if d.sensitive:
        flags.append("sensitive")
    if "MY_NUMBER" in {e.value for e in result.findings.entities}:
        flags.append("my_number")
    if result.findings.entities & IDENTIFICATION_CODES:
        flags.append("identification_code")  # 個人識別符号: My Number, passport, licence ...
    if result.excluded_from_count:
        flags.append("declared_excluded")
    if result.retention:
        flags.append("retention_declared")
    return tuple(flags)
