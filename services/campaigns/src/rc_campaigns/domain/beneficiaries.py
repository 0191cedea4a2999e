"""Beneficiaries (households and persons in need): duplicate detection and data minimisation (pure).

Two registrations are the same beneficiary when either

* they carry the same ID number (CCCD/CMND; spaces, dots and dashes ignored, letters uppercased), or
* they are of the same kind, in the same unit, with the same normalised head-of-household name and
  the same normalised address.

Normalisation: Unicode NFC (so a name typed with combining accents equals the precomposed one),
case folded, "Đ"/"đ" kept (it is a distinct letter), punctuation turned into spaces, runs of
whitespace collapsed. Tone marks are *kept*: "Lê" and "Lệ" are different names, and a false
"duplicate" would block a real person's registration.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass

from rc_shared.errors import Conflict

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
    """NFC, case folded, punctuation to spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFC", value).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


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


def duplicate_error(existing_id: uuid.UUID, by: str) -> Conflict:
    what = "the same ID number" if by == "id_number" else "the same head name and address in this unit"
    return Conflict(
        f"beneficiary {existing_id} is already registered with {what}",
        existing_beneficiary_id=str(existing_id),
        duplicate_by=by,
    )
