"""Is a dataset a personal-information database (個人情報データベース等)? And why.

docs/rules.md §2 (Order art. 1, MEXT 第2(2)): personal information organised systematically so that
a specific person can be found — in files, information **in table form, one record per person
(or per person and subject), with an identifying item** — is a database; the same information
scattered in prose is not, though the file still contains personal information (§1).
"""

from __future__ import annotations

from collections.abc import Iterable

from pi_scan import normalize
from pi_scan.entities import IDENTIFYING, ITEM_NAMES_JA, PHONEBOOK_ITEMS, role_name_ja
from pi_scan.model import ColumnFinding, Dataset, DatasetKind, Decision, Entity, Findings
from pi_scan.notes import CARD_NOTE, LOW_OCR_CONFIDENCE, OCR_NOTE, PDF_TABLE_NOTE, ocr_confidence

# person2, person3: people on a row named by no role word nor prefix (roles from the structure)
# A bare surname identifies nobody: 姓 + 人数 is a frequency table, not a roster.
_SURNAME_ONLY_HEADERS = ("姓", "名字", "苗字", "せい", "セイ", "氏")


def _is_surname_only(columns: list[ColumnFinding]) -> bool:
    persons = [c for c in columns if c.entity is Entity.PERSON]
    if not persons:
        return False
    return all(normalize.nfkc(c.column).strip() in _SURNAME_ONLY_HEADERS for c in persons)


def _identifying_columns(findings: Findings) -> list[ColumnFinding]:
    cols = [c for c in findings.columns if c.entity in IDENTIFYING]
    if _is_surname_only(cols) and not any(c.entity is not Entity.PERSON for c in cols):
        return []
    if _is_surname_only(cols):
        cols = [c for c in cols if c.entity is not Entity.PERSON]
    return cols


def items_order(entities: Iterable[Entity]) -> list[Entity]:
    order = list(ITEM_NAMES_JA)
    return sorted(set(entities), key=order.index)


def items_ja(entities: Iterable[Entity]) -> list[str]:
    return [ITEM_NAMES_JA[e] for e in items_order(entities)]


def classify(dataset: Dataset, findings: Findings) -> Decision:
    if dataset.kind is DatasetKind.TABLE:
        return _classify_table(dataset, findings)
    if dataset.kind is DatasetKind.TEXT:
        return _classify_text(findings)
    return Decision(is_pi_database=False, contains_personal_info=False, rationale="")


def _layout(dataset: Dataset) -> str:
    """How the records were read, in the rationale's words (docs/rules.md §2: the reason says what
    was read)."""
    if CARD_NOTE in dataset.error:
        return "カード形式（項目名が縦に並び1列または1シートが1人）"
    if PDF_TABLE_NOTE in dataset.error:
        return "PDFの表から読み取り、1行1件"
    if OCR_NOTE in dataset.error:
        return "画像の表をOCRで読み取り、1行1件"
    return "表形式で1行1件"


def _doubts(dataset: Dataset, identifying: list[ColumnFinding]) -> str:
    """Why a database judgement may be wrong: the officer is asked to confirm it."""
    reasons = []
    if not any(c.header_match for c in identifying):
        reasons.append("識別項目は値の形だけで判断（見出しの裏付けなし）")
    elif {c.entity for c in identifying} == {Entity.PERSON_KANA}:
        reasons.append("識別項目が読み仮名のみ")
    if PDF_TABLE_NOTE in dataset.error:
        reasons.append("PDFから読み取った表")
    confidence = ocr_confidence(dataset.error)
    if confidence is not None and confidence < LOW_OCR_CONFIDENCE:
        reasons.append(f"OCRの認識信頼度が低い（平均{confidence:.2f}）")
    return "、".join(reasons)


def _classify_table(dataset: Dataset, findings: Findings) -> Decision:
    identifying = _identifying_columns(findings)
    entities = {c.entity for c in findings.columns}
    sensitive = Entity.SENSITIVE in entities
    items = "・".join(items_ja(entities - {Entity.SENSITIVE}))
    if not identifying:
        if findings.not_people:
            why = f"{findings.not_people}、{findings.records:,}件"
        elif findings.records == 0:
            why = "データ行なし"
        elif entities - {Entity.SENSITIVE}:
            why = f"個人を識別する列なし（{items}のみ）、{findings.records:,}件"
        else:
            why = f"個人に関する列なし、{findings.records:,}件"
        return Decision(False, False, f"個人情報データベース等ではない: {why}", sensitive=sensitive)
    if findings.records == 0:
        return Decision(False, False, "個人情報データベース等ではない: 見出しのみでデータ行なし")
    roles = sorted({c.role for c in findings.columns if c.entity in IDENTIFYING})
    who = "・".join(role_name_ja(r) for r in roles)
    ident_items = "・".join(items_ja(c.entity for c in identifying))
    rationale = (
        f"個人情報データベース等: {_layout(dataset)}、識別項目 {ident_items}"
        f"（{who}）、記録項目 {items}、{findings.records:,}件"
    )
    if sensitive:
        terms = "・".join(
            sorted({c.label or c.column for c in findings.columns if c.entity is Entity.SENSITIVE})
        )
        rationale += f"、要配慮個人情報の項目あり（{terms}）" if terms else "、要配慮個人情報あり"
    self_entities = {c.entity for c in findings.columns if c.role == "self"} or entities
    exclusion_candidate = (
        Entity.PERSON in entities
        and entities <= PHONEBOOK_ITEMS
        and self_entities <= PHONEBOOK_ITEMS
    )
    return Decision(
        is_pi_database=True,
        contains_personal_info=True,
        rationale=rationale,
        exclusion_candidate=exclusion_candidate,
        sensitive=sensitive,
        uncertain=_doubts(dataset, identifying),
    )


def _classify_text(findings: Findings) -> Decision:
    counts = {t.entity: t.count for t in findings.text}
    sensitive = counts.get(Entity.SENSITIVE, 0) > 0
    found = {e for e, n in counts.items() if n > 0} - {Entity.SENSITIVE}
    identifying = found & IDENTIFYING
    if findings.record_structured and identifying and findings.records >= 2:
        return Decision(
            is_pi_database=True,
            contains_personal_info=True,
            rationale=(
                f"個人情報データベース等: 「項目: 値」形式の記録が{findings.records:,}件、"
                f"記録項目 {'・'.join(items_ja(found))}"
            ),
            exclusion_candidate=found <= PHONEBOOK_ITEMS and Entity.PERSON in found,
            sensitive=sensitive,
        )
    if identifying:
        detail = "、".join(f"{ITEM_NAMES_JA[e]}{counts[e]}件" for e in items_order(found))
        return Decision(
            is_pi_database=False,
            contains_personal_info=True,
            rationale=f"個人情報を含むが散文のため個人情報データベース等ではない: {detail}",
            sensitive=sensitive,
        )
    return Decision(False, False, "個人情報は見つからない（文章）", sensitive=sensitive)
