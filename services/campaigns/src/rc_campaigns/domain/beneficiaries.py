"""Beneficiaries (households and persons in need): duplicate detection and data minimisation (pure).

Two registrations are the same beneficiary when either

* they carry the same ID number (CCCD/CMND; spaces, dots and dashes ignored, letters uppercased), or
* they are of the same kind, with the same normalised head-of-household name and the same normalised
  address.

Both keys are checked across the whole organisation (a household registered by a sibling commune or
by the unit's own branch is the same household). The answer never reveals what the caller may not
read: a duplicate outside the caller's subtree is reported without its id or unit, with whom to
contact (:class:`DuplicateBeneficiary`).

Normalisation: Unicode NFC (so a name typed with combining accents equals the precomposed one),
case folded, "Đ"/"đ" kept (it is a distinct letter), punctuation turned into spaces, runs of
whitespace collapsed. Tone marks are *kept*: "Lê" and "Lệ" are different names, and a false
"duplicate" would block a real person's registration. Their *place* is not: in a word ending in "oa",
"oe" or "uy" the old convention puts the tone on the first vowel ("Hòa", "khỏe", "Thủy") and the new
one on the second ("Hoà", "khoẻ", "Thuỷ"); both are in daily use (Hòa Bình is a district of Bạc Liêu),
so the key takes the new one (:func:`tone_key`; the same rule in SQL, campaigns migration 0010).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rc_shared import contact
from rc_shared.errors import Conflict
from rc_shared.tones import tone_key

_PUNCT = re.compile(r"[\s.,;:/\\#\-–—_()'\"]+")
_ID_JUNK = re.compile(r"[\s.\-/]+")

# Common abbreviations in Vietnamese addresses, expanded before comparing (whole tokens only).
_ADDRESS_ABBREVIATIONS: dict[str, str] = {
    "tp": "thành phố",
    "tx": "thị xã",
    "p": "phường",
    "q": "quận",
    "x": "xã",
    "h": "huyện",
    "tt": "thị trấn",
    "kp": "khóm",
    "đ": "đường",
}


def normalise_text(value: str) -> str:
    """NFC, case folded, punctuation to spaces, whitespace collapsed, tones placed as :func:`tone_key` does."""
    text = unicodedata.normalize("NFC", value).casefold()
    return tone_key(" ".join(_PUNCT.sub(" ", text).split()))


def contact_key(text: str) -> str:
    """A sponsor's contact as compared: a phone number in its written form (rc_shared.contact: "0912 345
    678", "0912.345.678" and "+84 912 345 678" are one number, "0912345678"; the SQL function rc_phone_key
    gives the same), any other contact as :func:`normalise_text` keys it."""
    typed = text.strip()
    return contact.phone_key(typed) if contact.is_phone(typed) else normalise_text(text)


def normalise_name(name: str) -> str:
    return normalise_text(name)


def normalise_address(address: str) -> str:
    """``Số 12, Ấp 3, X. Vĩnh Trạch`` and ``so 12 ấp 3 xã vĩnh trạch`` differ (tones); ``X.`` = ``xã``."""
    tokens = normalise_text(address).split()
    if tokens and tokens[0] in ("số", "so"):
        tokens = tokens[1:]
    return " ".join(_ADDRESS_ABBREVIATIONS.get(t, t) for t in tokens)


def normalise_id_number(id_number: str | None) -> str | None:
    if id_number is None:
        return None
    value = _ID_JUNK.sub("", unicodedata.normalize("NFC", id_number)).upper()
    return value or None


@dataclass(frozen=True)
class DedupKey:
    kind: str
    unit_id: uuid.UUID
    name_key: str
    address_key: str
    id_number: str | None

    @classmethod
    def of(cls, kind: str, unit_id: uuid.UUID, full_name: str, address: str, id_number: str | None) -> DedupKey:
        return cls(kind, unit_id, normalise_name(full_name), normalise_address(address), normalise_id_number(id_number))


@dataclass(frozen=True)
class Sponsorship:
    """A sponsor's commitment to a humanitarian address from ``start_on`` (to ``end_on``, or open)."""

    id: uuid.UUID
    beneficiary_id: uuid.UUID
    sponsor_id: uuid.UUID
    start_on: date
    end_on: date | None
    commitment: str


@dataclass(frozen=True)
class BeneficiaryFilter:
    """Which beneficiaries a listing asks for (``None``: any); ``within``: only those of these units."""

    unit_id: uuid.UUID | None = None
    verified: bool | None = None
    humanitarian_address: bool | None = None
    campaign_id: uuid.UUID | None = None
    within: Sequence[uuid.UUID] | None = None
    q: str | None = None  # a fragment of the name, address or commune (diacritics and case ignored)


DUPLICATE_CONTACT = "the provincial office (unit_manager of the province)"
"""Who can see every registration, so a caller can be told whom to ask (by role, never by id)."""


def _what(by: str) -> str:
    return "the same ID number" if by == "id_number" else "the same head name and address"


class DuplicateBeneficiary(Conflict):
    """A registration that duplicates an existing beneficiary (409).

    As raised, it names neither the existing beneficiary nor its unit: the caller may not be allowed
    to read them, and even their existence elsewhere is personal data. :meth:`naming` is the answer
    for a caller whose scope covers the existing beneficiary's unit."""

    def __init__(self, existing_id: uuid.UUID, existing_unit_id: uuid.UUID, by: str) -> None:
        super().__init__(
            f"a beneficiary with {_what(by)} is already registered elsewhere in the organisation, outside your "
            f"unit's scope; contact {DUPLICATE_CONTACT} to check it or to have the registration moved",
            duplicate_by=by,
            contact=DUPLICATE_CONTACT,
        )
        self.existing_id = existing_id
        self.existing_unit_id = existing_unit_id
        self.by = by

    def naming(self) -> Conflict:
        return Conflict(
            f"beneficiary {self.existing_id} is already registered with {_what(self.by)}",
            existing_beneficiary_id=str(self.existing_id),
            existing_unit_id=str(self.existing_unit_id),
            duplicate_by=self.by,
        )
