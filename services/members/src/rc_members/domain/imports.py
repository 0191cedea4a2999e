"""Validation of bulk-import rows (pure: no I/O).

A row is a flat mapping of strings (a CSV line or a spreadsheet row). ``validate_row`` returns an
``ImportRow`` or the reasons it is rejected; the import key identifies a row across re-runs: the
unit's card number when given (``member_code``), else a hash of unit code, full name and birth date
(a hash, so that the key itself holds no readable personal data). A key already taken is the same
person again only when :func:`same_person` says so; else the row is another person and is refused
(:func:`key_taken_reason`): a card number typed again, or re-issued, is not the card's holder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from rc_members.domain.people import MAX_DATE, MIN_DATE, RoleRules
from rc_shared import contact, member_columns
from rc_shared.errors import DomainError
from rc_shared.tones import tone_key

FIELDS = member_columns.NAMES  # the API's names; a file may head them in Vietnamese (rc_shared.member_columns)
FEE_STATUSES = {"paid": "paid", "unpaid": "unpaid", "exempted": "exempted", "exempt": "exempted"}
# as an office writes them (folded: rc_shared.member_columns.fold)
FEE_WORDS = {"da_dong": "paid", "dong": "paid", "da_nop": "paid", "chua_dong": "unpaid", "chua_nop": "unpaid",
             "chua": "unpaid", "mien": "exempted", "duoc_mien": "exempted", "mien_giam": "exempted",
             "mien_hoi_phi": "exempted"}  # fmt: skip
# a role as an office writes it (folded) → the role's name (the default names of RoleRules)
ROLE_WORDS = {"tinh_nguyen_vien": "volunteer", "tnv": "volunteer", "thanh_thieu_nien": "youth", "ttn": "youth",
              "cong_tac_vien": "collaborator", "ctv": "collaborator"}  # fmt: skip
GENDERS = {
    "male": "male",
    "m": "male",
    "nam": "male",
    "female": "female",
    "f": "female",
    "nữ": "female",
    "nu": "female",
    "other": "other",
    "khác": "other",
    "khac": "other",
}
YES = {"yes", "y", "true", "1", "có", "co", "x"}
NO = {"no", "n", "false", "0", "không", "khong"}
_MAX_TEXT = 200


@dataclass(frozen=True)
class ImportRow:
    row: int
    key: str
    legacy_key: str  # the key by the rule before members 1.9.0 (see legacy_import_key)
    member_code: str | None
    unit_code: str
    full_name: str
    gender: str | None
    birth_date: date | None
    phone: str | None
    id_number: str | None
    address: str | None
    joined_on: date | None
    fee_status: str
    fee_year: int | None
    roles: tuple[str, ...]
    roles_since: date | None  # the roles' start (None: joined_on)

    @property
    def starts_on(self) -> date:
        """The row's first day in its unit: the day joined, else (a volunteer-only row) its roles' day."""
        on = self.joined_on or self.roles_since
        assert on is not None  # (validate_row requires one of them)
        return on

    consent_purpose: str
    consent_given_on: date
    membership: bool


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(raw: Mapping[str, Any], name: str, from_number: Callable[[int], str] | None = None) -> str | None:
    """The cell as text (NFC, stripped; blank is absent); a whole number is written without ``.0``, and
    ``from_number`` writes it instead when given (a phone or identity number that lost its leading 0)."""
    v = raw.get(name)
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if from_number is not None and isinstance(v, int) and not isinstance(v, bool) and v > 0:
        v = from_number(v)
    s = unicodedata.normalize("NFC", str(v)).strip()
    return s or None


_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")


def parse_date(value: Any) -> date:
    """ISO ``YYYY-MM-DD`` or Vietnamese ``DD/MM/YYYY`` (also ``DD-MM-YYYY``, ``DD.MM.YYYY``); within
    1900–2100."""
    if isinstance(value, datetime):
        d = value.date()
    elif isinstance(value, date):
        d = value
    else:
        s = str(value).strip()
        try:
            if m := _DAY_FIRST.fullmatch(s):
                d = date(int(m[4]), int(m[3]), int(m[1]))
            else:
                d = date.fromisoformat(s[:10] if len(s) > 10 and s[10] in "T " else s)
        except (ValueError, TypeError):
            raise ValueError(f"{s!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)") from None
    if not MIN_DATE <= d <= MAX_DATE:
        raise ValueError(f"{d.isoformat()} is outside {MIN_DATE.isoformat()}–{MAX_DATE.isoformat()}")
    return d


def normalise(text: str) -> str:
    """A text as an import key compares it: NFC, case folded, whitespace collapsed, a tone placed by one
    convention ("Hòa" and "Hoà" alike, rc_shared.tones)."""
    return tone_key(_folded(text))


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def import_key(unit_code: str, member_code: str | None, full_name: str, birth_date: date | None) -> str:
    """What tells a row imported again from a new person: the unit's code and the card number ("hv 0001" and
    "HV0001" one card), else a digest of the unit's code, the name (:func:`normalise`) and the birth date."""
    return _key(unit_code, member_code, full_name, birth_date, lambda card: "".join(card.split()).upper(), normalise)


def legacy_import_key(unit_code: str, member_code: str | None, full_name: str, birth_date: date | None) -> str:
    """The key by the rule before members 1.9.0 (the card number and the name's tones as typed): an erased
    person's key is kept only in its erased form, which migration 0014 could not rewrite, so an old sheet
    typed as before is still found by it."""
    return _key(unit_code, member_code, full_name, birth_date, lambda card: card, _folded)


def _key(
    unit_code: str,
    member_code: str | None,
    full_name: str,
    birth_date: date | None,
    card: Callable[[str], str],
    text: Callable[[str], str],
) -> str:
    if member_code:
        return f"card:{unit_code.upper()}:{card(member_code)}"
    basis = f"{text(unit_code)}|{text(full_name)}|{birth_date.isoformat() if birth_date else ''}"
    return "hash:" + hashlib.sha256(basis.encode()).hexdigest()


def _cccd_short(written: str) -> bool:
    """An identity number of 11 digits that starts with 0: a CCCD (12 digits) one short, as typed; a number
    column's CCCD that lost its 0 cannot start with one (it is given its 0 back instead)."""
    return len(written) == 11 and written.isascii() and written.isdigit() and written.startswith("0")


@dataclass(frozen=True)
class KeyHolder:
    """The person an import key already names, with what tells two people apart (None: not recorded, or
    the personal data erased)."""

    person_id: uuid.UUID
    erased_at: datetime | None
    full_name: str | None
    birth_date: date | None
    id_number: str | None


def _name_key(name: str) -> str:
    """A name as two rows of one person are compared: :func:`normalise`, accents dropped and đ as d (a
    sheet typed without accents names the same person)."""
    text = unicodedata.normalize("NFD", normalise(name).replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def same_person(row: ImportRow, full_name: str | None, birth_date: date | None, id_number: str | None) -> bool:
    """Whether ``row`` is the person who holds its import key already (a row before it, or a record): the
    same name (:func:`_name_key`), the same birth date and the same identity number, each compared where
    both give it."""
    return (
        (full_name is None or _name_key(full_name) == _name_key(row.full_name))
        and (birth_date is None or row.birth_date is None or birth_date == row.birth_date)
        and (id_number is None or row.id_number is None or id_number == row.id_number)
    )


def key_taken_reason(row: ImportRow, by_row: int | None = None) -> str:
    """Why ``row`` is refused when another person holds its import key: a record, or ``by_row`` of the same
    request. Neither names that person (the record may be outside the importing user's scope now)."""
    if row.member_code is not None:
        mine = f"member_code {row.member_code} already belongs to another member of unit {row.unit_code}"
        return mine + (f": row {by_row}'s" if by_row is not None else "")
    # (a key of name and birth date: another person of that unit with both, told apart by their numbers)
    at = f" (row {by_row})" if by_row is not None else ""
    return (
        f"another member of unit {row.unit_code} has the same name and birth date but another id_number{at}: "
        "give each their member_code"
    )


def _role_word(folded: str, rules: RoleRules) -> str | None:
    """A Vietnamese word or abbreviation of a role ("Tình nguyện viên", "TNV") as the deployment names it; a
    role the deployment names so itself ("ctv" in RC_ROLES) is that role."""
    if folded in rules.roles:
        return folded
    default = ROLE_WORDS.get(folded)
    return {"volunteer": rules.volunteer, "youth": rules.youth}.get(default or "", default)


def validate_row(row: int, raw: Mapping[str, Any], rules: RoleRules, today: date) -> ImportRow | list[str]:
    """An ``ImportRow`` or the list of reasons the row is rejected."""
    errors: list[str] = []
    named: dict[str, Any] = {}
    for header, value in raw.items():  # a Vietnamese header read as the API's name ("Họ và tên": full_name)
        if member_columns.ignored(header):  # "STT", "Ghi chú", "Dân tộc": not kept
            continue
        name = member_columns.column_name(header)
        if name not in named or _blank(named[name]):  # (two columns for one, "Điện thoại" and "Di động":
            named[name] = value  # the one filled in; both filled in differently: which one is meant?)
        elif not _blank(value) and str(value).strip() != str(named[name]).strip():
            errors.append(f"column {name} given twice with different values (as {header!r} too)")
    raw = named
    unknown = sorted(k for k in raw if k not in FIELDS)
    if unknown:
        errors.append(f"unknown column(s): {', '.join(unknown)}")
    if all(_text(raw, f) is None for f in FIELDS):
        # a file read with the wrong delimiter has one unknown column and nothing in the known ones: said
        # as such, not as a blank row on every row
        return errors or ["blank row"]

    def date_field(name: str, required: bool, not_future: bool = True) -> date | None:
        v = _text(raw, name) if not isinstance(raw.get(name), date) else raw.get(name)
        if v is None:
            if required:
                errors.append(f"{name} is required")
            return None
        try:
            d = parse_date(v)
        except ValueError as exc:
            errors.append(f"{name}: {exc}")
            return None
        if not_future and d > today:
            errors.append(f"{name}: {d.isoformat()} is in the future")
            return None
        return d

    for name in FIELDS:
        t = _text(raw, name)
        if t is not None and len(t) > _MAX_TEXT:
            errors.append(f"{name} is longer than {_MAX_TEXT} characters")
    member_code = _text(raw, "member_code")
    unit_code = _text(raw, "unit_code")
    if unit_code is None:
        errors.append("unit_code is required")
    full_name = _text(raw, "full_name")
    if full_name is None:
        errors.append("full_name is required")
    gender_raw = _text(raw, "gender")
    gender = None
    if gender_raw is not None:
        gender = GENDERS.get(gender_raw.casefold())
        if gender is None:
            errors.append(f"gender {gender_raw!r} is not male, female or other")
    birth_date = date_field("birth_date", required=member_code is None)
    if member_code is None and birth_date is None and "birth_date is required" in errors[-1:]:
        errors[-1] = "birth_date is required when member_code is absent (it identifies the row on re-runs)"
    phone = _text(raw, "phone", from_number=contact.phone_from_cell)
    if phone is not None and contact.lost_its_zero(phone):  # a CSV saved from a number column: "912345678"
        phone = "0" + phone
    elif phone is not None and contact.lost_its_plus(phone):  # "84 912 345 678": the country code, no +
        phone = "+" + phone
    if phone is not None:
        if not contact.is_phone(phone):
            errors.append(f"phone {phone!r} is not a phone number ({contact.PHONE_RULE})")
        elif (renumbered := contact.renumbered_mobile(contact.phone_key(phone))) is not None:
            phone = renumbered  # an old list's 11-digit mobile ("0168 612 3456"): its number since 2018
        elif not contact.is_vietnamese(written := contact.phone_key(phone)):  # "0912 345 67": a digit short
            # an 11-digit landline of before 2017 ("0781 3822123"): its province's code has changed since
            old = len(written) == 11 and written.startswith("0") and not written.startswith(("01", "02", "09"))
            hint = ": a landline of before 2017 takes its province's new code (Bạc Liêu's 0781 is 0291)" if old else ""
            errors.append(f"phone {phone!r} is not a Vietnamese phone number ({contact.VIETNAMESE_RULE}){hint}")
        else:
            phone = written
    id_number = _text(raw, "id_number", from_number=contact.id_number_from_cell)
    if id_number is not None and len(id_number) in (8, 11) and id_number.isascii() and id_number.isdigit():
        # a CCCD (12 digits, its province code 001–096) or a CMND (9 digits) saved to CSV from a number column,
        # which lost its 0, as a workbook's number cell does (contact.id_number_from_cell); a CCCD's 11 digits
        # cannot start with 0 then ("0951…" of 11 digits is a CCCD typed a digit short, refused below)
        id_number = id_number if id_number.startswith("0") else "0" + id_number
    if id_number is not None:
        if not contact.is_id_number(id_number):
            errors.append(f"id_number must be {contact.ID_NUMBER_RULE}")
        elif _cccd_short(written_id := contact.id_number_key(id_number)):
            errors.append("id_number has 11 digits and starts with 0: a CCCD has 12 digits")
        else:
            id_number = written_id
    membership_raw = _text(raw, "membership")
    membership = True
    if membership_raw is not None:
        if membership_raw.casefold() in YES:
            membership = True
        elif membership_raw.casefold() in NO:
            membership = False
        else:
            errors.append(f"membership {membership_raw!r} is not yes or no")
    # a volunteer-only row (membership=no) needs no day joined when its roles' day is given: none is stored
    # (the day joined is a membership's; for such a row it is only the roles' default day)
    joined_on = date_field("joined_on", required=membership or _blank(raw.get("roles_since")))
    fee_raw = _text(raw, "fee_status") or "unpaid"
    fee_status = FEE_STATUSES.get(fee_raw.casefold()) or FEE_WORDS.get(member_columns.fold(fee_raw))
    if fee_status is None:
        errors.append(f"fee_status {fee_raw!r} is not paid, unpaid or exempted")
    fee_year: int | None = None
    fee_year_raw = _text(raw, "fee_year")
    if fee_year_raw is not None:
        if fee_year_raw.isascii() and fee_year_raw.isdigit() and 1900 <= int(fee_year_raw) <= 2100:  # ('²': no)
            fee_year = int(fee_year_raw)
        else:
            errors.append(f"fee_year {fee_year_raw!r} is not a year between 1900 and 2100")
    roles_raw = _text(raw, "roles") or ""
    roles = tuple(
        dict.fromkeys(
            _role_word(member_columns.fold(r), rules) or r.strip().casefold()
            for r in re.split(r"[;,]", roles_raw)
            if r.strip()
        )
    )
    if not membership and not roles:
        errors.append("a row with membership=no must have at least one role")
    consent_purpose = _text(raw, "consent_purpose")
    if consent_purpose is None:
        errors.append("consent_purpose is required: personal data is stored only with consent")
    consent_given_on = date_field("consent_given_on", required=True)
    if joined_on is not None and birth_date is not None and joined_on < birth_date:
        errors.append(f"joined_on {joined_on.isoformat()} is before the birth date {birth_date.isoformat()}")
    if joined_on is not None and fee_year is not None and membership and fee_year < joined_on.year:
        # as PUT /people/{id}/membership/fees/{year} refuses it: no fee is owed before joining
        errors.append(f"fee_year {fee_year} is before the year joined ({joined_on.year})")
    roles_since = date_field("roles_since", required=False)
    if roles_since is None and not _blank(raw.get("roles_since")):
        pass  # (a day it could not read: said above; no age is checked on the day joined instead)
    elif roles_since is not None and birth_date is not None and roles_since < birth_date:
        errors.append(f"roles_since {roles_since.isoformat()} is before the birth date {birth_date.isoformat()}")
    elif roles_since is not None and not roles:
        errors.append("roles_since is given for a row with no role")
    elif (roles_day := roles_since or joined_on) is not None:
        too_young = False  # on the day joined (a member since childhood, a volunteer since): roles_since says
        for role in roles:
            try:
                rules.check(role, birth_date, roles_day)
            except DomainError as exc:
                errors.append(exc.message)
                too_young = too_young or "min_age" in exc.details
        if too_young and roles_since is None:
            errors.append("a role starts on the day joined unless roles_since gives its day")
    if errors:
        return errors
    assert unit_code is not None and full_name is not None and consent_purpose is not None
    assert consent_given_on is not None and fee_status is not None
    return ImportRow(
        row=row,
        key=import_key(unit_code, member_code, full_name, birth_date),
        legacy_key=legacy_import_key(unit_code, member_code, full_name, birth_date),
        member_code=member_code,
        unit_code=unit_code,
        full_name=full_name,
        gender=gender,
        birth_date=birth_date,
        phone=phone,
        id_number=id_number,
        address=_text(raw, "address"),
        joined_on=joined_on,
        fee_status=fee_status,
        fee_year=fee_year,
        roles=roles,
        roles_since=roles_since,
        consent_purpose=consent_purpose,
        consent_given_on=consent_given_on,
        membership=membership,
    )


@dataclass
class ImportBatch:
    """The rows one import writes, each a tuple in the order its comment gives (written in bulk)."""

    people: list[tuple[Any, ...]] = field(default_factory=list)  # id, import_key, unit_id
    personal: list[tuple[Any, ...]] = field(default_factory=list)
    # ^ person_id, full_name, gender, birth_date, phone, id_number, address
    consents: list[tuple[Any, ...]] = field(default_factory=list)  # id, person_id, purpose, given_on
    memberships: list[tuple[Any, ...]] = field(default_factory=list)
    # ^ id, person_id, unit_id, member_code, joined_on, status, status_since
    periods: list[tuple[Any, ...]] = field(default_factory=list)  # membership_id, unit_id, status, valid_from
    fees: list[tuple[Any, ...]] = field(default_factory=list)  # membership_id, year, fee_status
    roles: list[tuple[Any, ...]] = field(default_factory=list)  # id, person_id, role, unit_id, start_on
