"""The hash stored with an Idempotency-Key is of the request's canonical JSON (sorted keys, the stdlib's
separators, ASCII): a key resent after an upgrade must find the same hash, so the canonical text never
changes, however it is computed (the hashes below are those of the code before it was made cheaper, kept
as the legacy hash that keys stored by 1.6.0 and before hold). Since 1.7.0 the hash covers the request
as sent (its fields without those left at their defaults): a field a later release adds does not change it."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import pytest
from pydantic import TypeAdapter

from rc_donations.entrypoints import schemas as s
from rc_donations.entrypoints.routes import _idem

CAMPAIGN = uuid.UUID("0b7c1d9e-5f3a-4e2b-9c8d-7a6b5c4d3e2f")
BODIES: dict[str, tuple[dict[str, Any], str]] = {
    "cash": (
        {
            "kind": "cash",
            "amount_vnd": 250000,
            "channel": "bank_transfer",
            "received_on": "2026-11-30",
            "bank_reference": "FT26334000123",
            "donor": {
                "type": "individual",
                "name": "Nguyễn Văn An",
                "phone": "0912345678",
                "consent_to_be_named": True,
            },
        },
        "c8f7eff0055998c29856d012df0f8f0ecb39827075ebd7d4af5b0a7c0c0c0b19",
    ),
    "in kind": (
        {
            "kind": "in_kind",
            "received_on": "2026-11-30",
            "items": [{"item": "Gạo", "quantity": 100, "unit": "kg", "assessed_value_vnd": 2000000}],
            "donor": {"type": "organisation", "name": "Công ty TNHH Minh Phát"},
        },
        "c184358cafa76a1868a174a8eb5e3254cf77e9b70ca3ed1b8f200bb985f1ff01",
    ),
}


@pytest.mark.parametrize("case", BODIES)
def test_the_request_hash_is_that_of_the_canonical_json(case: str) -> None:
    raw, pinned = BODIES[case]
    body = TypeAdapter(s.DonationIn).validate_python(raw)
    idem = _idem("key-1", CAMPAIGN, body)
    assert idem is not None and idem.key == "key-1"
    canonical = json.dumps({"campaign_id": str(CAMPAIGN), "body": body.model_dump(mode="json")}, sort_keys=True)
    assert idem.legacy_hash == hashlib.sha256(canonical.encode()).hexdigest() == pinned
    assert idem.matches(pinned)  # a key stored by 1.6.0 is matched
    as_sent = json.dumps(
        {"campaign_id": str(CAMPAIGN), "body": body.model_dump(mode="json", exclude_defaults=True)}, sort_keys=True
    )
    assert idem.request_hash == hashlib.sha256(as_sent.encode()).hexdigest() != pinned


def test_no_key_no_hash() -> None:
    body = TypeAdapter(s.DonationIn).validate_python(BODIES["cash"][0])
    assert _idem(None, CAMPAIGN, body) is None


class CashDonationInLater(s.CashDonationIn):
    """The same request model, as a later release might give it one more optional field."""

    channel_detail: str | None = None


def test_a_field_added_later_and_left_at_its_default_does_not_change_the_hash() -> None:
    campaign = uuid.uuid4()
    body: dict[str, Any] = {"kind": "cash", "amount_vnd": 300_000, "channel": "cash", "received_on": "2026-05-01"}
    now, later = (
        _idem("k", campaign, s.CashDonationIn.model_validate(body)),
        _idem("k", campaign, CashDonationInLater.model_validate(body)),
    )
    assert now is not None and later is not None
    assert later.request_hash == now.request_hash and later.matches(now.request_hash)
    assert later.legacy_hash != now.legacy_hash  # what 1.6.0 hashed: every field, the new one too
    changed = _idem("k", campaign, s.CashDonationIn.model_validate(body | {"amount_vnd": 300_001}))
    assert changed is not None and not changed.matches(now.request_hash)
    elsewhere = _idem("k", uuid.uuid4(), s.CashDonationIn.model_validate(body))
    assert elsewhere is not None and not elsewhere.matches(now.request_hash)  # another campaign
    assert _idem(None, campaign, s.CashDonationIn.model_validate(body)) is None
