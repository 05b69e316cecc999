"""The entity table: every kind of personal information pi-scan knows, declared once.

Each row says what the item is called in a ledger (記録項目), whether it singles out a person
(a table holding it is a database), which person key it feeds (the attribute or ID family used
to count distinct people), how samples of it are masked, whether it belongs to a phone book
(the 5,000-person rule's exclusion, seed 004 art. 2) and whether it is a 個人識別符号 (an
identification code: the Act's art. 2(2), Cabinet Order art. 1). Every module reads this table;
``tests/test_entities.py`` fails when a row lacks a field another module needs.

Adding an entity = a member of ``Entity`` + one row of ``ENTITIES`` + its header words in
``recognizers/headers.yaml`` (and a value format: a YAML recognizer or a column rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    """Entity types used across the project (docs/design.md "Recognizers")."""

    PERSON = "PERSON"
    PERSON_KANA = "PERSON_KANA"
    ADDRESS = "ADDRESS"
    POSTAL_CODE = "POSTAL_CODE"
    PHONE_NUMBER = "PHONE_NUMBER"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    STUDENT_ID = "STUDENT_ID"
    EMPLOYEE_ID = "EMPLOYEE_ID"
    # an organisation's own number for a person who is neither a student nor an employee:
    # 患者ID, カルテ番号, 会員番号, 利用者番号, 顧客番号, 宛名番号
    MEMBER_ID = "MEMBER_ID"
    GRADE = "GRADE"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    GENDER = "GENDER"
    MY_NUMBER = "MY_NUMBER"
    # 個人識別符号 besides My Number, and a bank account
    PASSPORT_NUMBER = "PASSPORT_NUMBER"
    DRIVER_LICENSE_NUMBER = "DRIVER_LICENSE_NUMBER"
    PENSION_NUMBER = "PENSION_NUMBER"
    HEALTH_INSURANCE_NUMBER = "HEALTH_INSURANCE_NUMBER"
    RESIDENCE_CARD_NUMBER = "RESIDENCE_CARD_NUMBER"
    RESIDENT_RECORD_CODE = "RESIDENT_RECORD_CODE"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    SENSITIVE = "SENSITIVE"  # 要配慮個人情報 terms (病歴, 障害, 犯罪歴, 信条 ...)


class Mask(StrEnum):
    """How a sample of the entity is masked (detect/masking.py has one masker per kind)."""

    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    POSTAL = "postal"
    DATE = "date"
    ID = "id"
    MY_NUMBER = "my_number"
    GRADE = "grade"
    GENDER = "gender"
    NONE = "none"  # the kind only, never the value


@dataclass(frozen=True, slots=True)
class EntityInfo:
    item_ja: str  # 記録項目 in a ledger
    mask: Mask
    identifying: bool = False  # singles out a person: a table holding it is a database
    key: str = ""  # the person-key column it feeds ("" none; ID families end in "_id")
    phonebook: bool = False  # a phone book's item (name, reading, address, phone)
    identification_code: bool = False  # 個人識別符号


ENTITIES: dict[Entity, EntityInfo] = {
    Entity.PERSON: EntityInfo("氏名", Mask.NAME, identifying=True, key="name", phonebook=True),
    Entity.PERSON_KANA: EntityInfo(
        "フリガナ", Mask.NAME, identifying=True, key="kana", phonebook=True
    ),
    Entity.ADDRESS: EntityInfo("住所", Mask.ADDRESS, key="address", phonebook=True),
    Entity.POSTAL_CODE: EntityInfo("郵便番号", Mask.POSTAL, phonebook=True),
    Entity.PHONE_NUMBER: EntityInfo("電話番号", Mask.PHONE, key="phone", phonebook=True),
    Entity.EMAIL_ADDRESS: EntityInfo("メールアドレス", Mask.EMAIL, identifying=True, key="email"),
    Entity.STUDENT_ID: EntityInfo("学籍番号", Mask.ID, identifying=True, key="student_id"),
    Entity.EMPLOYEE_ID: EntityInfo("職員番号", Mask.ID, identifying=True, key="employee_id"),
    Entity.MEMBER_ID: EntityInfo("患者・会員等の番号", Mask.ID, identifying=True, key="member_id"),
    Entity.GRADE: EntityInfo("成績", Mask.GRADE),
    Entity.DATE_OF_BIRTH: EntityInfo("生年月日", Mask.DATE, key="birth"),
    Entity.GENDER: EntityInfo("性別", Mask.GENDER),
    Entity.MY_NUMBER: EntityInfo(
        "個人番号(マイナンバー)",
        Mask.MY_NUMBER,
        identifying=True,
        key="my_number",
        identification_code=True,
    ),
    Entity.PASSPORT_NUMBER: EntityInfo(
        "旅券番号", Mask.ID, identifying=True, key="passport_id", identification_code=True
    ),
    Entity.DRIVER_LICENSE_NUMBER: EntityInfo(
        "運転免許証番号", Mask.ID, identifying=True, key="licence_id", identification_code=True
    ),
    Entity.PENSION_NUMBER: EntityInfo(
        "基礎年金番号", Mask.ID, identifying=True, key="pension_id", identification_code=True
    ),
    Entity.HEALTH_INSURANCE_NUMBER: EntityInfo(
        "保険証の記号番号",
        Mask.ID,
        identifying=True,
        key="insurance_id",
        identification_code=True,
    ),
    Entity.RESIDENCE_CARD_NUMBER: EntityInfo(
        "在留カード番号",
        Mask.ID,
        identifying=True,
        key="residence_card_id",
        identification_code=True,
    ),
    Entity.RESIDENT_RECORD_CODE: EntityInfo(
        "住民票コード", Mask.ID, identifying=True, key="resident_code_id", identification_code=True
    ),
    # an account number identifies its holder with the bank and branch beside it; no person key
    # of its own (the same account is shared by a household)
    Entity.BANK_ACCOUNT: EntityInfo("口座番号", Mask.ID, identifying=True),
    Entity.SENSITIVE: EntityInfo("要配慮個人情報", Mask.NONE),
}

# Person-key attributes that are not IDs, in the order of the records' columns
ATTRIBUTE_KEYS = ("name", "kana", "birth", "email", "phone", "address")
# ID families: a number is compared only with numbers of its own family (and system)
ID_FAMILIES: dict[Entity, str] = {
    e: info.key for e, info in ENTITIES.items() if info.key.endswith("_id") or e is Entity.MY_NUMBER
}
# The columns of a person's keyed record: attributes, the name of the other person on the row
# ("link"), then one column per ID family
PERSON_KEY_COLUMNS: tuple[str, ...] = (*ATTRIBUTE_KEYS, "link", *ID_FAMILIES.values())
IDENTIFYING = frozenset(e for e, info in ENTITIES.items() if info.identifying)
PHONEBOOK_ITEMS = frozenset(e for e, info in ENTITIES.items() if info.phonebook)
IDENTIFICATION_CODES = frozenset(e for e, info in ENTITIES.items() if info.identification_code)
ITEM_NAMES_JA: dict[Entity, str] = {e: info.item_ja for e, info in ENTITIES.items()}

# Whose items a column holds (a finding's role), as the reports name them
ROLE_NAMES_JA = {
    "self": "本人",
    "guardian": "保護者",
    "family": "家族",
    "staff": "教職員",
    "person": "人物",
}


def role_kind(role: str) -> str:
    """A numbered role's kind (family2 → family: 扶養親族2)."""
    return role.rstrip("0123456789")


def role_name_ja(role: str) -> str:
    """本人, 保護者 …; a numbered role (family2: 扶養親族2) keeps its number: 家族2."""
    kind = role_kind(role)
    return ROLE_NAMES_JA.get(kind, kind) + role[len(kind) :]
