"""The figures of a scan (``model.ScanSummary``): what summary.json, the inventory's scan row,
the terminal and the run log report, and the legal rule the figure is compared by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from pi_scan import __version__
from pi_scan.config import ScanConfig
from pi_scan.discover import Discovery
from pi_scan.inventory import Inventory
from pi_scan.model import (
    DatasetResult,
    Incremental,
    PeopleEstimate,
    ScanHistory,
    ScanSummary,
)
from pi_scan.report.content import history_of, peak_before

RULE_JA = (
    "個人情報の保護に関する法律施行令 第2条"
    "（平成27年改正法の全面施行〔平成29年5月30日〕前の規定）:"
    " 事業の用に供する全ての個人情報データベース等を構成する個人情報によって"
    "識別される特定の個人の数"
    "（同一個人の重複分を除く）の合計が、過去6か月以内のいずれの日においても閾値を超えない者を除外。"
    "同改正でこの除外は廃止され、現在は人数にかかわらず個人情報取扱事業者となる。閾値は設定値。"
)
RULE_EN = (
    "Cabinet Order art. 2 (before the 2015 amendment took full effect on 2017-05-30): distinct "
    "individuals identified in all personal-information databases used by the business, "
    "duplicates removed, on any day in the past six months, against the threshold. The amendment "
    "removed this exemption; the threshold is a setting."
)


def build_summary(
    *,
    started: str,
    finished: str,
    roots: Sequence[str],
    config: ScanConfig,
    discovery: Discovery,
    results: list[DatasetResult],
    people: PeopleEstimate,
    incremental: Incremental | None = None,
) -> ScanSummary:
    """The scan's figures before it is stored (``scan_id`` 0, no history yet)."""
    statuses = Counter(r.dataset.status.value for r in results)
    return ScanSummary(
        version=__version__,
        scan_id=0,
        started=started,
        finished=finished,
        roots=tuple(roots),
        people=people,
        threshold=config.threshold,
        rule_ja=RULE_JA,
        rule_en=RULE_EN,
        files_scanned=len(discovery.files),
        datasets=len(results),
        pi_databases=sum(r.decision.is_pi_database for r in results),
        pi_databases_counted=sum(
            r.decision.is_pi_database and not r.excluded_from_count for r in results
        ),
        datasets_with_personal_info=sum(r.decision.contains_personal_info for r in results),
        uncertain_databases=sum(
            r.decision.is_pi_database and bool(r.decision.uncertain) for r in results
        ),
        declared_judgements=sum(r.decision.declared for r in results),
        unreadable=statuses.get("encrypted", 0) + statuses.get("error", 0),
        status_counts=dict(sorted(statuses.items())),
        not_inspected_by_extension=dict(sorted(discovery.not_inspected_by_extension.items())),
        hidden_skipped=discovery.hidden_skipped,
        excluded_by_pattern=discovery.excluded,
        incremental=incremental,
    )


def history_summary(inv: Inventory) -> ScanHistory:
    """How many scans the inventory holds, and the largest estimate of the last six months."""
    history = history_of(inv)
    peak = peak_before(history, datetime.now(tz=UTC))
    return ScanHistory(
        scans_recorded=len(inv.scans()),
        six_month_max=peak,
    )
